import type { AuditEvent } from '@chartwell/fhir';
import type { ChartStore, StoreCallOptions } from '../store/chart-store.js';

/** Options of {@link auditEventsFor}. */
export interface AuditEventsForOptions extends StoreCallOptions {
  /** At most this many events, the newest (default 200). */
  readonly limit?: number;
}

/**
 * The AuditEvents about a patient, newest first: those whose `entity.what` (or `agent.who`, a
 * patient reading their own record) is `Patient/<patientId>`. It searches the store's typed
 * `AuditEvent` parameters `patient` and `_sort: '-date'` (by `recorded`), which every store of the
 * contract supports, so the events {@link storeAuditSink} writes are found with no extra index.
 * Reading through an audited store records the reading too.
 *
 * @example
 * const events = await auditEventsFor(store, 'example', { limit: 50 });
 */
export async function auditEventsFor(store: ChartStore, patientId: string, options: AuditEventsForOptions = {}): Promise<AuditEvent[]> {
  const limit = Math.max(1, Math.floor(options.limit ?? 200));
  const call = options.signal !== undefined ? { signal: options.signal } : undefined;
  const found: AuditEvent[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.search('AuditEvent', { patient: `Patient/${patientId}`, _sort: '-date', _count: Math.min(limit - found.length, 1000), ...(cursor !== undefined && { _cursor: cursor }) }, call);
    found.push(...page.slice(0, limit - found.length));
    cursor = page.next;
  } while (cursor !== undefined && found.length < limit);
  return found;
}
