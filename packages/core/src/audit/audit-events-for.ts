import type { AuditEvent } from '@chartwell/fhir';
import type { ChartStore, StoreCallOptions } from '../store/chart-store.js';

/** Options of {@link auditEventsFor}. */
export interface AuditEventsForOptions extends StoreCallOptions {
  /** At most this many events, the newest (default 200). */
  readonly limit?: number;
}

/** Whether the event names `patient` as an entity or an agent (a versioned or absolute reference too). */
function namesPatient(event: AuditEvent, patient: string): boolean {
  const references = [...(Array.isArray(event?.entity) ? event.entity.map((e) => e?.what?.reference) : []), ...(Array.isArray(event?.agent) ? event.agent.map((a) => a?.who?.reference) : [])];
  return references.some((reference) => typeof reference === 'string' && (reference.replace(/\/_history\/.*$/, '') === patient || reference.replace(/\/_history\/.*$/, '').endsWith(`/${patient}`)));
}

/**
 * The AuditEvents about a patient, newest first: those whose `entity.what` (or `agent.who`, a
 * patient reading their own record) is `Patient/<patientId>`. It searches the store's typed
 * `AuditEvent` parameters `patient` and `_sort: '-date'` (by `recorded`), which every store of the
 * contract supports, so the events {@link storeAuditSink} writes are found with no extra index.
 * Events that do not name the patient are dropped (a store that ignored the parameter cannot mix
 * another patient's accesses into this one's trail). Reading through an audited store records the
 * reading too.
 *
 * @example
 * const events = await auditEventsFor(store, 'example', { limit: 50 });
 */
export async function auditEventsFor(store: ChartStore, patientId: string, options: AuditEventsForOptions = {}): Promise<AuditEvent[]> {
  const limit = Math.max(1, Math.floor(options.limit ?? 200));
  const call = options.signal !== undefined ? { signal: options.signal } : undefined;
  const patient = `Patient/${patientId}`;
  const found: AuditEvent[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.search('AuditEvent', { patient, _sort: '-date', _count: Math.min(limit - found.length, 1000), ...(cursor !== undefined && { _cursor: cursor }) }, call);
    found.push(...page.filter((event) => namesPatient(event, patient)).slice(0, limit - found.length));
    cursor = page.next;
  } while (cursor !== undefined && found.length < limit);
  return found;
}
