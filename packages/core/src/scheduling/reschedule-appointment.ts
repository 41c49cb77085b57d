import type { Appointment, Slot } from '@chartwell/fhir';
import type { ChartStore, WriteOptions } from '../store/chart-store.js';
import { canTransitionAppointment, type AppointmentStatus } from './appointment-status.js';
import { bookingInterval, type BookingOptions } from './book-appointment.js';
import { bookedActors } from './conflicts.js';
import { scheduleLockOperations, schedulesOf } from './schedule-lock.js';
import { findConflicts } from './conflicts.js';
import { AppointmentTransitionError, DoubleBookingError } from './scheduling-errors.js';
import { holdOperations, readFreeSlots, releaseOperations, slotIdsOf } from './slot-holds.js';

/** The new time: `start` and `end`, or slots whose span is the time (or both, the time within the slots). */
export interface RescheduleAppointmentOptions extends WriteOptions, BookingOptions {
  readonly start?: string;
  readonly end?: string;
  /** The slots the appointment books from now on; those it held and no longer needs are freed. */
  readonly slotIds?: readonly string[];
}

/** What a reschedule wrote: the appointment and the slots it held or freed, as stored. */
export interface RescheduleResult {
  readonly appointment: Appointment;
  readonly slots: readonly Slot[];
}

const MOVABLE: readonly AppointmentStatus[] = ['proposed', 'pending', 'booked', 'waitlist'];

/**
 * Moves an appointment to a new time, keeping its id, participants and details (its history keeps
 * the old time). A `waitlist` entry given a time becomes `booked`; `proposed`, `pending` and
 * `booked` keep their status; any other status (arrived, fulfilled, cancelled, ...) cannot move:
 * AppointmentTransitionError. Refuses double-bookings (DoubleBookingError) and busy slots
 * (SlotUnavailableError); frees the slots no longer used. One transaction with `ifMatch` on the
 * appointment, on every slot and on the participants' Schedules (as {@link bookAppointment}), so a
 * concurrent change makes it fail with a ConflictError, writing nothing.
 *
 * @example
 * await rescheduleAppointment(store, 'appt-1', { start: '2026-03-30T10:00:00+01:00', end: '2026-03-30T10:30:00+01:00' });
 */
export async function rescheduleAppointment(store: ChartStore, appointmentId: string, options: RescheduleAppointmentOptions): Promise<RescheduleResult> {
  const current = await store.read('Appointment', appointmentId, options);
  const from = current.status;
  const to: AppointmentStatus = from === 'waitlist' ? 'booked' : (from ?? 'booked');
  if (from === undefined || !MOVABLE.includes(from) || (to !== from && !canTransitionAppointment(from, to))) throw new AppointmentTransitionError({ id: appointmentId, from, to: 'booked' });
  const schedules = options.lockSchedules === false ? [] : await schedulesOf(store, bookedActors(current), options);
  const held = slotIdsOf(current);
  const newSlotIds = options.slotIds ?? (options.start === undefined && options.end === undefined ? held : []);
  const slots = await readFreeSlots(store, newSlotIds, held, options);
  const time = bookingInterval({ ...(options.start !== undefined && { start: options.start }), ...(options.end !== undefined && { end: options.end }) }, slots);
  const { minutesDuration: _dropped, slot: _oldSlots, ...rest } = current;
  const moved: Appointment = { ...rest, status: to, start: time.start, end: time.end, ...(slots.length > 0 && { slot: slots.map((slot) => ({ reference: `Slot/${slot.id ?? ''}` })) }) };
  const conflicts = await findConflicts(store, moved, options);
  if (conflicts.length > 0) throw new DoubleBookingError({ id: appointmentId, conflicts });
  const released = held.filter((id) => !newSlotIds.includes(id));
  const releases = await releaseOperations(store, released, appointmentId, options);
  const ifMatch = options.ifMatch ?? current.meta?.versionId;
  const slotWrites = [...holdOperations(slots), ...releases];
  const results = await store.transaction([{ op: 'update', resource: moved, ...(ifMatch !== undefined && { ifMatch }) }, ...slotWrites, ...scheduleLockOperations(schedules)], options);
  return { appointment: results[0] as Appointment, slots: results.slice(1, 1 + slotWrites.length) as Slot[] };
}
