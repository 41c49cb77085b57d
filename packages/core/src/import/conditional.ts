import type { Resource, ResourceType } from '@chartwell/fhir';
import { isResourceTypeName } from '@chartwell/fhir';
import type { ChartStore, SearchQuery, StoreCallOptions } from '../store/chart-store.js';

// Conditional references and conditional requests (`Patient?identifier=system|value`), the
// subset of FHIR search that imports need: `identifier` and `_id`, ANDed across parameters and
// ORed across comma-separated values. Internal to the import module.

/** One parsed `name=value[,value]` of a conditional URL. */
interface Criterion {
  readonly name: 'identifier' | '_id';
  /** Any of these values matches (comma-separated OR), unescaped. */
  readonly values: readonly string[];
}

/** A conditional reference or request URL taken apart: `Patient?identifier=a|b`. */
export interface ConditionalQuery {
  readonly resourceType: ResourceType;
  readonly criteria: readonly Criterion[];
  /** The URL as written, for messages and caching. */
  readonly text: string;
}

/** Splits on commas not escaped with `\`, then removes the escapes (FHIR search escaping). */
function splitValues(value: string): string[] {
  return value.split(/(?<!\\),/).map((v) => v.replace(/\\([,|$\\])/g, '$1'));
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/**
 * Parses the query part of a conditional URL (`identifier=system|value&_id=1`) for `resourceType`.
 * Throws an Error (the caller wraps it) for a parameter other than `identifier` or `_id`.
 */
export function parseConditionalQuery(resourceType: ResourceType, query: string): ConditionalQuery {
  const criteria: Criterion[] = [];
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = decode(eq < 0 ? part : part.slice(0, eq));
    const value = decode(eq < 0 ? '' : part.slice(eq + 1));
    if (name !== 'identifier' && name !== '_id') {
      throw new Error(`the search parameter "${name}" is not supported in a conditional reference or request (only identifier and _id are)`);
    }
    if (value === '') throw new Error(`the search parameter "${name}" has no value`);
    criteria.push({ name, values: splitValues(value) });
  }
  if (criteria.length === 0) throw new Error('the conditional URL has no search parameters');
  return { resourceType, criteria, text: `${resourceType}?${query}` };
}

/** `Type?query` as a conditional query, or undefined when `text` is not of that form. */
export function parseConditionalUrl(text: string): ConditionalQuery | undefined {
  const match = /^([A-Z][A-Za-z]+)\?(.*)$/.exec(text);
  if (!match?.[1] || match[2] === undefined || !isResourceTypeName(match[1])) return undefined;
  return parseConditionalQuery(match[1], match[2]);
}

interface IdentifierLike {
  readonly system?: unknown;
  readonly value?: unknown;
}

/** The identifiers of a resource (`identifier` is an array in most resources, a single one in a few). */
function identifiersOf(resource: Resource): IdentifierLike[] {
  const value = (resource as { identifier?: unknown }).identifier;
  if (Array.isArray(value)) return value.filter((v): v is IdentifierLike => !!v && typeof v === 'object');
  return value && typeof value === 'object' ? [value as IdentifierLike] : [];
}

/** Whether an identifier matches a token: `system|value`, `|value` (no system) or `value` (any system). */
function identifierMatches(identifier: IdentifierLike, token: string): boolean {
  const bar = token.indexOf('|');
  if (bar < 0) return identifier.value === token;
  const system = token.slice(0, bar);
  const value = token.slice(bar + 1);
  if (system === '') return identifier.system === undefined && identifier.value === value;
  if (value === '') return identifier.system === system;
  return identifier.system === system && identifier.value === value;
}

/** Whether `resource` meets every criterion of `query` (its type included). */
export function matchesConditional(resource: Resource, query: ConditionalQuery): boolean {
  if (resource.resourceType !== query.resourceType) return false;
  return query.criteria.every((c) =>
    c.name === '_id' ? c.values.includes(resource.id ?? '') : identifiersOf(resource).some((i) => c.values.some((v) => identifierMatches(i, v))),
  );
}

/**
 * Looks conditional queries up in a store. The store's typed search has no `identifier`
 * parameter, so the resources of the type are read once (page by page) and filtered here; the
 * pages are kept for the life of this object (one import), so each type is read at most once.
 */
export class StoreLookup {
  private readonly cache = new Map<ResourceType, Promise<Resource[]>>();

  constructor(
    private readonly store: ChartStore,
    private readonly options: StoreCallOptions,
  ) {}

  /** The ids of the stored resources that match `query`. */
  async find(query: ConditionalQuery): Promise<string[]> {
    const ids = query.criteria.find((c) => c.name === '_id');
    if (ids && query.criteria.length === 1) return this.byId(query.resourceType, ids.values);
    const all = await this.all(query.resourceType);
    return all.filter((r) => matchesConditional(r, query)).map((r) => r.id ?? '');
  }

  private async byId(type: ResourceType, ids: readonly string[]): Promise<string[]> {
    const page = await this.store.search(type, { _id: ids } as SearchQuery<ResourceType>, this.options);
    return page.map((r) => r.id ?? '');
  }

  private all(type: ResourceType): Promise<Resource[]> {
    let pending = this.cache.get(type);
    if (!pending) {
      pending = this.readAll(type);
      this.cache.set(type, pending);
    }
    return pending;
  }

  private async readAll(type: ResourceType): Promise<Resource[]> {
    const found: Resource[] = [];
    let cursor: string | undefined;
    do {
      const query = { _count: 1000, ...(cursor !== undefined && { _cursor: cursor }) } as SearchQuery<ResourceType>;
      const page = await this.store.search(type, query, this.options);
      found.push(...page);
      cursor = page.next;
    } while (cursor !== undefined);
    return found;
  }
}
