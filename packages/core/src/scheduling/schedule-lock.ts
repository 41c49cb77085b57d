import type { Extension, Schedule } from '@chartwell/fhir';
import { searchByValues } from '../search/search-by-values.js';
import { normalizeReference } from '../search/values.js';
import type { ChartStore, StoreCallOptions, TransactionOperation } from '../store/chart-store.js';

/**
 * The extension on a Schedule that counts the bookings made against it. Each booking for an
 * actor raises it by one, in the booking's own transaction, with `ifMatch` on the Schedule's
 * version: of two bookings for the same practitioner or location made at the same time (each
 * checked for conflicts before the other wrote), one commits and the other gets a ConflictError,
 * even without slots. The value changes every time, so a server that skips unchanged updates
 * still makes a new version.
 */
export const BOOKING_SEQUENCE_URL = 'urn:chartwell:fhir:booking-sequence';

function sequenceOf(schedule: Schedule): number {
  const value = schedule.extension?.find((e) => e.url === BOOKING_SEQUENCE_URL)?.valueInteger;
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0;
}

/** The Schedules whose actors include any of `actors` (`Type/id`), asked of the store by `actor`. */
export async function schedulesOf(store: ChartStore, actors: readonly string[], options?: StoreCallOptions): Promise<Schedule[]> {
  const wanted = new Set(actors);
  const references = [...wanted].map((actor) => normalizeReference(actor)).filter((reference): reference is string => reference !== undefined);
  const found = await searchByValues(store, 'Schedule', 'actor', references, {}, options);
  return found.filter((schedule) => (schedule.actor ?? []).some((a) => a.reference !== undefined && wanted.has(normalizeReference(a.reference) ?? '')));
}

/** The transaction operations that raise the booking sequence of each Schedule, each with `ifMatch` on the version read. */
export function scheduleLockOperations(schedules: readonly Schedule[]): TransactionOperation[] {
  return schedules.map((schedule) => {
    const next: Extension = { url: BOOKING_SEQUENCE_URL, valueInteger: sequenceOf(schedule) + 1 };
    const extension = [...(schedule.extension ?? []).filter((e) => e.url !== BOOKING_SEQUENCE_URL), next];
    return { op: 'update', resource: { ...schedule, extension }, ...(schedule.meta?.versionId !== undefined && { ifMatch: schedule.meta.versionId }) };
  });
}
