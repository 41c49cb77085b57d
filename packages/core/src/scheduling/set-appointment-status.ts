import type { Appointment } from '@chartwell/fhir';
import type { ChartStore, WriteOptions } from '../store/chart-store.js';
import { InvalidError } from '../store/errors.js';
import { canTransitionAppointment, type AppointmentStatus } from './appointment-status.js';
import { AppointmentTransitionError } from './scheduling-errors.js';

/** The statuses {@link setAppointmentStatus} moves to: every status but those with their own command. */
export type SettableAppointmentStatus = Exclude<AppointmentStatus, 'cancelled' | 'noshow' | 'waitlist'>;

/**
 * Moves an appointment to another status along {@link APPOINTMENT_STATUS_TRANSITIONS}: check-in
 * (`arrived`, `checked-in`), `fulfilled`, confirming a `proposed` or `pending` hold as `booked`,
 * or `entered-in-error`. Cancelling and marking a no-show need a reason and free the slots:
 * `cancelAppointment` does those (asked here, they are an InvalidError naming `status`). One
 * write with `ifMatch` (the caller's, or the version read), so a change it did not see makes it
 * fail with a ConflictError; a transition the state machine forbids is an
 * AppointmentTransitionError. Nothing is written on a refusal.
 *
 * @example
 * await setAppointmentStatus(store, 'appt-1', 'arrived'); // the patient has checked in
 */
export async function setAppointmentStatus(store: ChartStore, appointmentId: string, status: SettableAppointmentStatus, options?: WriteOptions): Promise<Appointment> {
  const wanted: string = status;
  if (wanted === 'cancelled' || wanted === 'noshow') throw new InvalidError({ resourceType: 'Appointment', id: appointmentId, path: 'status' }, `status ${wanted} needs a reason: use cancelAppointment`);
  if (wanted === 'waitlist') throw new InvalidError({ resourceType: 'Appointment', id: appointmentId, path: 'status' }, 'status waitlist: use addToWaitlist');
  const current = await store.read('Appointment', appointmentId, options);
  if (current.status === undefined || !canTransitionAppointment(current.status, status)) throw new AppointmentTransitionError({ id: appointmentId, from: current.status, to: status });
  const ifMatch = options?.ifMatch ?? current.meta?.versionId;
  return store.update<Appointment>({ ...current, status }, { ...options, ...(ifMatch !== undefined && { ifMatch }) });
}
