/** What one SMART scope grants on resources: `patient/Observation.rs`, `user/*.cruds`, or the v1 `patient/*.read`. */
export interface SmartResourceScope {
  readonly context: 'patient' | 'user' | 'system';
  /** A resource type, or `*` for all. */
  readonly resourceType: string;
  readonly create: boolean;
  readonly read: boolean;
  readonly update: boolean;
  readonly delete: boolean;
  readonly search: boolean;
}

/** The interactions a SMART scope can grant. */
export type SmartInteraction = 'create' | 'read' | 'update' | 'delete' | 'search';

const SCOPE = /^(patient|user|system)\/([A-Z][A-Za-z]+|\*)\.(\*|read|write|c?r?u?d?s?)(?:\?.*)?$/;

/**
 * Reads a SMART resource scope (App Launch 2.0 `cruds` letters, in that order, or 1.0 `read`,
 * `write`, `*`); undefined for other scopes (`openid`, `launch/patient`, `offline_access`) and for
 * malformed ones. A 2.0 scope's `?query` narrowing is not applied: the scope grants no less here.
 */
export function parseSmartScope(scope: string): SmartResourceScope | undefined {
  const match = SCOPE.exec(scope);
  if (!match || match[3] === '') return undefined;
  const [, context, resourceType, access] = match as unknown as [string, SmartResourceScope['context'], string, string];
  const v1: Record<string, string> = { '*': 'cruds', read: 'rs', write: 'cud' };
  const letters = v1[access] ?? access;
  const has = (letter: string) => letters.includes(letter);
  return { context, resourceType, create: has('c'), read: has('r'), update: has('u'), delete: has('d'), search: has('s') };
}

/** Whether the granted scopes (a space-separated `scope` string) allow an interaction on a resource type. */
export function scopesAllow(granted: string, resourceType: string, interaction: SmartInteraction): boolean {
  return granted
    .split(/\s+/)
    .map(parseSmartScope)
    .some((s) => s !== undefined && (s.resourceType === '*' || s.resourceType === resourceType) && s[interaction]);
}
