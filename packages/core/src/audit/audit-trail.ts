import type { AuditEvent, CodeableConcept, Reference } from '@chartwell/fhir';
import { formatInstant } from '../format/instant.js';
import { resolveViewOptions, type ResolvedViewOptions, type ViewOptions } from '../views/view-options.js';
import type { ChartStore } from '../store/chart-store.js';
import { AUDIT_SYSTEMS, isBreakTheGlass } from './audit-codes.js';
import { auditEventsFor } from './audit-events-for.js';

/** How an audited access ended, in the words of the audit log. */
export type AuditTrailOutcome = 'success' | 'denied' | 'not-completed' | 'failed' | 'unknown';

/** One line of a patient's audit trail: who accessed what, when, how it ended, why, from where. */
export interface AuditTrailEntry {
  /** `AuditEvent/<id>`, when stored. */
  readonly reference?: string;
  /** `recorded`, as stored (a FHIR instant), for sorting. */
  readonly recorded?: string;
  /** `recorded` in the view's locale, time zone and date style. */
  readonly recordedText: string;
  /** The requesting agent's name (`who.display`, else `name`, else the reference or identifier); `''` when none. */
  readonly who: string;
  /** The requesting agent's reference (`Practitioner/123`), for filtering by user; `''` when none. */
  readonly whoReference: string;
  /** The agent's role(s), in words; `''` when none. */
  readonly role: string;
  /** `C`, `R`, `U`, `D` or `E` (`E`: a search or a transaction); undefined when not recorded. */
  readonly action?: 'C' | 'R' | 'U' | 'D' | 'E';
  /** The FHIR interaction (`read`, `search-type`, `transaction` ...) when recorded. */
  readonly interaction?: string;
  /** The resource types concerned, each once (`Patient` when only the patient is named). */
  readonly resourceTypes: readonly string[];
  /** `denied`: access was refused; `not-completed`: another minor failure (not found, cancelled). */
  readonly outcome: AuditTrailOutcome;
  /** `outcomeDesc`, as recorded. */
  readonly outcomeDescription?: string;
  /** Whether the access overrode a consent denial (purpose v3-ActReason `BTG`). */
  readonly breakTheGlass: boolean;
  /** The purposes of use, in words (BTG among them). */
  readonly purposes: readonly string[];
  /** The reason the user stated (the `text` of a purpose of use). */
  readonly reason?: string;
  /** The application (`source.observer` display, else its identifier); `''` when none. */
  readonly application: string;
}

const words = (concept: CodeableConcept | undefined): string => {
  if (typeof concept !== 'object' || concept === null) return '';
  const coding = Array.isArray(concept.coding) ? concept.coding.find((c) => typeof c?.display === 'string' || typeof c?.code === 'string') : undefined;
  return (typeof concept.text === 'string' && concept.text) || coding?.display || coding?.code || '';
};

const referenceText = (reference: Reference | undefined): string =>
  (typeof reference?.display === 'string' && reference.display) || (typeof reference?.reference === 'string' && reference.reference) || (typeof reference?.identifier?.value === 'string' && reference.identifier.value) || '';

/** `recorded` in words; as recorded when the locale or time zone is unknown (never throws). */
function whenText(recorded: unknown, options: ResolvedViewOptions): string {
  try {
    return formatInstant(typeof recorded === 'string' ? recorded : undefined, { locale: options.locale, timeZone: options.timeZone, style: options.dateStyle, timeStyle: options.timeStyle });
  } catch {
    return typeof recorded === 'string' ? recorded : '';
  }
}

const list = <T>(value: readonly T[] | undefined): readonly T[] => (Array.isArray(value) ? value : []);

/**
 * One AuditEvent as a line of the audit log, for display: never throws on a malformed event
 * (missing parts read `''` or undefined). A `4` outcome whose `outcomeDesc` is `Access denied`
 * (what `withAudit` (`@chartwell/core/access`) records for a `forbidden` error) is `denied`.
 */
export function auditTrailEntry(event: AuditEvent, options: ViewOptions = {}): AuditTrailEntry {
  const resolved = resolveViewOptions(options);
  const agents = list(event?.agent);
  const agent = agents.find((a) => a?.requestor === true) ?? agents[0];
  const purposes = list(event?.purposeOfEvent);
  const entities = list(event?.entity);
  const subtype = list(event?.subtype)[0]?.code;
  const types = new Set<string>();
  for (const entity of entities) {
    const fromReference = typeof entity?.what?.reference === 'string' ? /^([A-Z][A-Za-z]+)\//.exec(entity.what.reference)?.[1] : undefined;
    const type = entity?.type?.system === AUDIT_SYSTEMS.resourceTypes ? entity.type.code : fromReference;
    if (typeof type === 'string' && type !== '' && (entity?.role?.code !== '1' || entities.length === 1)) types.add(type);
  }
  if (types.size === 0 && entities.some((e) => e?.role?.code === '1')) types.add('Patient');
  const reason = purposes.map((p) => p?.text).find((text): text is string => typeof text === 'string' && text.trim() !== '');
  const outcome: AuditTrailOutcome =
    event?.outcome === '0' ? 'success' : event?.outcome === '4' ? (event.outcomeDesc === 'Access denied' ? 'denied' : 'not-completed') : event?.outcome === '8' || event?.outcome === '12' ? 'failed' : 'unknown';
  const whoReference = typeof agent?.who?.reference === 'string' ? agent.who.reference : '';
  const recordedText = whenText(event?.recorded, resolved);
  const observer = event?.source?.observer;
  return {
    ...(typeof event?.id === 'string' && { reference: `AuditEvent/${event.id}` }),
    ...(typeof event?.recorded === 'string' && { recorded: event.recorded }),
    recordedText,
    who: (typeof agent?.who?.display === 'string' && agent.who.display) || (typeof agent?.name === 'string' && agent.name) || referenceText(agent?.who),
    whoReference,
    role: list(agent?.role).map(words).filter(Boolean).join(', '),
    ...(event?.action !== undefined && { action: event.action }),
    ...(typeof subtype === 'string' && { interaction: subtype }),
    resourceTypes: [...types],
    outcome,
    ...(typeof event?.outcomeDesc === 'string' && { outcomeDescription: event.outcomeDesc }),
    breakTheGlass: purposes.some((p) => list(p?.coding).some(isBreakTheGlass)),
    purposes: purposes.map((p) => list(p?.coding).map((c) => c?.display || c?.code || '').find(Boolean) ?? '').filter(Boolean),
    ...(reason !== undefined && { reason }),
    application: referenceText(observer),
  };
}

/**
 * A patient's audit trail, newest first (see {@link auditEventsFor}), each event as an
 * {@link AuditTrailEntry} written in the view's locale and time zone.
 *
 * @example
 * const trail = await auditTrail(store, 'example', { locale: 'en-GB', timeZone: 'Europe/London' });
 */
export async function auditTrail(store: ChartStore, patientId: string, options: ViewOptions & { readonly limit?: number } = {}): Promise<AuditTrailEntry[]> {
  const events = await auditEventsFor(store, patientId, { ...(options.signal !== undefined && { signal: options.signal }), ...(options.limit !== undefined && { limit: options.limit }) });
  return events.map((event) => auditTrailEntry(event, options));
}
