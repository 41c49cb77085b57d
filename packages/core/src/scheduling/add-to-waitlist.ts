import type { Appointment, CodeableConcept, Period } from '@chartwell/fhir';
import type { ChartStore, StoreCallOptions } from '../store/chart-store.js';
import { participantsFor, requireInstant } from './book-appointment.js';

/** A waitlist entry: who is waiting, for whom or where, and when would suit. */
export interface WaitlistRequest {
  /** The patient: an id or `Patient/<id>`. */
  readonly patient: string;
  /** The practitioners, locations or services wanted, as `Type/id`. */
  readonly actors?: readonly string[];
  /** When would suit (instants); becomes `requestedPeriod`. */
  readonly requestedPeriods?: readonly Period[];
  readonly serviceType?: readonly CodeableConcept[];
  readonly reasonCode?: readonly CodeableConcept[];
  /** A number: 0 undefined, 1 highest (FHIR `priority`). */
  readonly priority?: number;
  readonly comment?: string;
}

/**
 * Adds a patient to the waitlist. Chartwell's waitlist entry is an R4 Appointment with status
 * `waitlist`, no `start`/`end` (invariant app-3 allows that for `waitlist`), the requested times in
 * `requestedPeriod` and the wanted practitioner or location as participants (`needs-action`).
 * A waitlist entry holds no time, so it never conflicts; `rescheduleAppointment` gives it a time and
 * books it. `scheduleView` lists the entries of its actors under `waitlist`.
 *
 * @example
 * await addToWaitlist(store, { patient: 'Patient/1', actors: ['Practitioner/7'], comment: 'Any morning' });
 */
export async function addToWaitlist(store: ChartStore, request: WaitlistRequest, options?: StoreCallOptions): Promise<Appointment> {
  (request.requestedPeriods ?? []).forEach((period, i) => {
    if (period.start !== undefined) requireInstant(period.start, `requestedPeriods[${i}].start`);
    if (period.end !== undefined) requireInstant(period.end, `requestedPeriods[${i}].end`);
  });
  const participant = participantsFor(request.patient, request.actors ?? []).map((p, i) => (i === 0 ? p : { ...p, status: 'needs-action' as const }));
  const entry: Appointment = {
    resourceType: 'Appointment',
    status: 'waitlist',
    ...(request.serviceType !== undefined && { serviceType: [...request.serviceType] }),
    ...(request.reasonCode !== undefined && { reasonCode: [...request.reasonCode] }),
    ...(request.priority !== undefined && { priority: request.priority }),
    created: new Date().toISOString(),
    ...(request.comment !== undefined && { comment: request.comment }),
    participant,
    ...(request.requestedPeriods !== undefined && request.requestedPeriods.length > 0 && { requestedPeriod: [...request.requestedPeriods] }),
  };
  return store.create(entry, options);
}
