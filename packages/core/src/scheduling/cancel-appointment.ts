import type { Appointment, CodeableConcept, Slot } from '@chartwell/fhir';
import type { ChartStore, WriteOptions } from '../store/chart-store.js';
import { InvalidError } from '../store/errors.js';
import { canTransitionAppointment } from './appointment-status.js';
import { AppointmentTransitionError } from './scheduling-errors.js';
import { releaseOperations, slotIdsOf } from './slot-holds.js';

/** Why an appointment is cancelled: words, or a coded reason (`appointment-cancellation-reason`: `pat`, `prov`, ...). Required. */
export interface CancelAppointmentOptions extends WriteOptions {
  readonly reason: string | CodeableConcept;
  /** Cancel as `noshow` (the patient did not attend) rather than `cancelled`. */
  readonly noShow?: boolean;
}

/** What a cancellation wrote: the appointment and any slots it freed, as stored. */
export interface CancellationResult {
  readonly appointment: Appointment;
  readonly slots: readonly Slot[];
}

function reasonConcept(reason: string | CodeableConcept | undefined): CodeableConcept {
  if (typeof reason === 'string' && reason.trim() !== '') return { text: reason.trim() };
  if (typeof reason === 'object' && reason !== null && (reason.text?.trim() || reason.coding?.length)) return reason;
  throw new InvalidError({ resourceType: 'Appointment', path: 'Appointment.cancelationReason' }, 'Cancelling an appointment needs a reason (options.reason)');
}

/**
 * Cancels an appointment with a reason (`cancelationReason`), or marks it `noshow`; frees the
 * slots it booked unless another appointment still holds them. One transaction, with `ifMatch`
 * (the caller's, or the version read), so a cancellation never overwrites a change it did not
 * see: ConflictError then, and nothing is written. AppointmentTransitionError when the status does
 * not allow it (a fulfilled or already cancelled appointment).
 *
 * @example
 * await cancelAppointment(store, 'appt-1', { reason: 'Patient request' });
 */
export async function cancelAppointment(store: ChartStore, appointmentId: string, options: CancelAppointmentOptions): Promise<CancellationResult> {
  const cancelationReason = reasonConcept(options?.reason);
  const current = await store.read('Appointment', appointmentId, options);
  const to = options.noShow ? 'noshow' : 'cancelled';
  if (current.status === undefined || !canTransitionAppointment(current.status, to)) throw new AppointmentTransitionError({ id: appointmentId, from: current.status, to });
  const ifMatch = options.ifMatch ?? current.meta?.versionId;
  const updated: Appointment = { ...current, status: to, cancelationReason };
  const releases = await releaseOperations(store, slotIdsOf(current), appointmentId, options);
  const results = await store.transaction([{ op: 'update', resource: updated, ...(ifMatch !== undefined && { ifMatch }) }, ...releases], options);
  return { appointment: results[0] as Appointment, slots: results.slice(1) as Slot[] };
}
