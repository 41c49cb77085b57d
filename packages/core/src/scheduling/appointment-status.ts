import type { Appointment } from '@chartwell/fhir';

/** The ten FHIR R4 Appointment statuses. */
export type AppointmentStatus = NonNullable<Appointment['status']>;

/**
 * The Appointment status state machine: for each status, the statuses it may move to. FHIR R4
 * describes the lifecycle in prose (Appointment "Status" notes); Chartwell makes it explicit:
 *
 * - requests (`proposed`, `pending`, `waitlist`) move between one another, to `booked`, or are `cancelled`;
 * - `booked` ends as `arrived` / `checked-in` (then `fulfilled`), `noshow` or `cancelled`;
 * - `arrived` and `checked-in` may follow one another (sites use either or both) and end `fulfilled`;
 * - `fulfilled`, `cancelled` and `noshow` are final, except that any status but
 *   `entered-in-error` itself may be marked `entered-in-error` (a record made by mistake);
 * - `entered-in-error` is final.
 *
 * A status "moving" to itself is not a transition and is not listed.
 */
export const APPOINTMENT_STATUS_TRANSITIONS: Readonly<Record<AppointmentStatus, readonly AppointmentStatus[]>> = Object.freeze({
  proposed: ['pending', 'waitlist', 'booked', 'cancelled', 'entered-in-error'],
  pending: ['proposed', 'waitlist', 'booked', 'cancelled', 'entered-in-error'],
  waitlist: ['proposed', 'pending', 'booked', 'cancelled', 'entered-in-error'],
  booked: ['arrived', 'checked-in', 'noshow', 'cancelled', 'entered-in-error'],
  arrived: ['checked-in', 'fulfilled', 'entered-in-error'],
  'checked-in': ['arrived', 'fulfilled', 'entered-in-error'],
  fulfilled: ['entered-in-error'],
  cancelled: ['entered-in-error'],
  noshow: ['entered-in-error'],
  'entered-in-error': [],
});

/** Whether an appointment in status `from` may move to `to` (see {@link APPOINTMENT_STATUS_TRANSITIONS}). */
export function canTransitionAppointment(from: AppointmentStatus, to: AppointmentStatus): boolean {
  return APPOINTMENT_STATUS_TRANSITIONS[from]?.includes(to) ?? false;
}

/**
 * Whether an appointment in this status holds its time, so that another booking over it is a
 * double-booking. `cancelled`, `noshow` and `entered-in-error` never do; nor does `waitlist`,
 * which asks for a time and holds none (Chartwell's waitlist entries are `waitlist` Appointments,
 * any `requestedPeriod` saying when would suit). `proposed` and `pending` do: they are tentative
 * holds on that time.
 */
export function holdsTime(status: AppointmentStatus | undefined): boolean {
  return status !== undefined && status !== 'cancelled' && status !== 'noshow' && status !== 'entered-in-error' && status !== 'waitlist';
}

const LABELS: Readonly<Record<AppointmentStatus, string>> = {
  proposed: 'Proposed',
  pending: 'Pending',
  booked: 'Booked',
  arrived: 'Arrived',
  fulfilled: 'Fulfilled',
  cancelled: 'Cancelled',
  noshow: 'Did not attend',
  'entered-in-error': 'Entered in error',
  'checked-in': 'Checked in',
  waitlist: 'Waitlist',
};

/** The English words for an appointment status (`noshow` reads "Did not attend"); "Status not recorded" when there is none. */
export function appointmentStatusLabel(status: AppointmentStatus | undefined): string {
  return status === undefined ? 'Status not recorded' : (LABELS[status] ?? status);
}
