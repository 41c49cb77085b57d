import { parseInstant, type Appointment, type AppointmentParticipant, type CodeableConcept, type Slot } from '@chartwell/fhir';
import type { ChartStore, StoreCallOptions } from '../store/chart-store.js';
import { InvalidError } from '../store/errors.js';
import { normalizeReference } from '../search/values.js';
import type { AppointmentInterval } from './conflicts.js';
import { findConflicts } from './conflicts.js';
import { DoubleBookingError } from './scheduling-errors.js';
import { holdOperations, readFreeSlots, slotSpan } from './slot-holds.js';
import { scheduleLockOperations, schedulesOf } from './schedule-lock.js';

/** What to book: who, when (a time, or slots whose span is the time), and what for. */
export interface BookAppointmentRequest {
  /** The patient: an id or `Patient/<id>`. */
  readonly patient: string;
  /** The other participants, as `Type/id`: `Practitioner/1`, `PractitionerRole/2`, `Location/3`, ... */
  readonly actors?: readonly string[];
  /** The start instant (`2026-03-29T09:00:00+01:00`); with `slotIds`, defaults to the earliest slot start. */
  readonly start?: string;
  /** The end instant; with `slotIds`, defaults to the latest slot end. */
  readonly end?: string;
  /** Slots to book: each must be `free`, and is marked `busy` in the same transaction. */
  readonly slotIds?: readonly string[];
  /** `booked` (default), or a tentative `pending` / `proposed` hold that still conflicts with other bookings. */
  readonly status?: 'booked' | 'pending' | 'proposed';
  readonly serviceType?: readonly CodeableConcept[];
  readonly appointmentType?: CodeableConcept;
  readonly reasonCode?: readonly CodeableConcept[];
  readonly description?: string;
  readonly comment?: string;
}

/** Options of {@link bookAppointment} and {@link rescheduleAppointment}. */
export interface BookingOptions extends StoreCallOptions {
  /**
   * Serialise bookings per practitioner and location through their Schedules (see
   * {@link BOOKING_SEQUENCE_URL}); default true. Turn it off only where the store may not write
   * Schedules: then two bookings racing for the same time without slots can both succeed.
   */
  readonly lockSchedules?: boolean;
}

/** What a booking wrote: the new appointment and the slots it marked busy, as stored. */
export interface BookingResult {
  readonly appointment: Appointment;
  readonly slots: readonly Slot[];
}

/** The instant `value` at `path` in epoch milliseconds; InvalidError naming the path otherwise. */
export function requireInstant(value: string | undefined, path: string): number {
  const instant = value === undefined ? undefined : parseInstant(value);
  if (instant === undefined) throw new InvalidError({ resourceType: 'Appointment', path }, `${path} must be an instant with a time zone offset, such as 2026-03-29T09:00:00+01:00 (got ${value === undefined ? 'nothing' : JSON.stringify(value)})`);
  return instant.epochMilliseconds;
}

/** `Type/id` of an actor given as a reference; InvalidError naming `path` if it is not one. */
export function requireActor(value: string, path: string, defaultType?: string): string {
  const reference = defaultType !== undefined && !value.includes('/') ? `${defaultType}/${value}` : value;
  const normal = normalizeReference(reference);
  if (normal === undefined) throw new InvalidError({ resourceType: 'Appointment', path }, `${path} must be a reference such as Practitioner/123 (got ${JSON.stringify(value)})`);
  return normal;
}

/**
 * The appointment's time: `start`/`end` when given (end after start), else the span of the
 * slots; when both are given, the time must lie within the slots' span.
 */
export function bookingInterval(request: { readonly start?: string; readonly end?: string }, slots: readonly Slot[]): { readonly start: string; readonly end: string } {
  const span: AppointmentInterval | undefined = slots.length > 0 ? slotSpan(slots) : undefined;
  const start = request.start ?? (span === undefined ? undefined : new Date(span.start).toISOString());
  const end = request.end ?? (span === undefined ? undefined : new Date(span.end).toISOString());
  const startMs = requireInstant(start, 'start');
  const endMs = requireInstant(end, 'end');
  if (endMs <= startMs) throw new InvalidError({ resourceType: 'Appointment', path: 'end' }, `end (${end ?? ''}) must be after start (${start ?? ''})`);
  if (span !== undefined && (startMs < span.start || endMs > span.end)) throw new InvalidError({ resourceType: 'Appointment', path: 'start' }, 'The appointment time must lie within the slots booked');
  return { start: start ?? '', end: end ?? '' };
}

/** The participants of a new appointment: the patient and each actor, required and accepted. */
export function participantsFor(patient: string, actors: readonly string[]): AppointmentParticipant[] {
  const all = [requireActor(patient, 'patient', 'Patient'), ...actors.map((actor, i) => requireActor(actor, `actors[${i}]`))];
  if (!all[0]?.startsWith('Patient/')) throw new InvalidError({ resourceType: 'Appointment', path: 'patient' }, `patient must be a Patient (got ${patient})`);
  return [...new Set(all)].map((reference) => ({ actor: { reference }, required: 'required', status: 'accepted' }));
}

/**
 * Books an appointment: checks that every slot asked for is free and that nobody (patient,
 * practitioner, location) would be double-booked, then writes the Appointment and marks its slots
 * busy in one transaction, each slot with `ifMatch` on the version read, so of two writers booking
 * the same slot one wins and the other gets a ConflictError. Refusals write nothing:
 * SlotUnavailableError (a slot is not free), DoubleBookingError (with the conflicts),
 * InvalidError (bad times or references, naming the field).
 *
 * Bookings for the same practitioner or location are also serialised through their Schedules
 * (their booking sequence is raised in the same transaction, with `ifMatch`), so two bookings
 * racing for the same time without slots cannot both commit either: the loser gets a
 * ConflictError. An actor with no Schedule in the store has no such guard; book through slots or
 * give it a Schedule.
 *
 * @example
 * const { appointment } = await bookAppointment(store, { patient: 'Patient/1', actors: ['Practitioner/7'], slotIds: ['slot-0900'] });
 */
export async function bookAppointment(store: ChartStore, request: BookAppointmentRequest, options?: BookingOptions): Promise<BookingResult> {
  const participant = participantsFor(request.patient, request.actors ?? []);
  // Read the versions that guard the write before checking for conflicts, so a booking committed in between makes this one fail.
  const schedules = options?.lockSchedules === false ? [] : await schedulesOf(store, participant.map((p) => p.actor?.reference ?? ''), options);
  const slots = await readFreeSlots(store, request.slotIds ?? [], [], options);
  const time = bookingInterval(request, slots);
  const appointment: Appointment = {
    resourceType: 'Appointment',
    status: request.status ?? 'booked',
    ...(request.serviceType !== undefined && { serviceType: [...request.serviceType] }),
    ...(request.appointmentType !== undefined && { appointmentType: request.appointmentType }),
    ...(request.reasonCode !== undefined && { reasonCode: [...request.reasonCode] }),
    ...(request.description !== undefined && { description: request.description }),
    start: time.start,
    end: time.end,
    ...(slots.length > 0 && { slot: slots.map((slot) => ({ reference: `Slot/${slot.id ?? ''}` })) }),
    created: new Date().toISOString(),
    ...(request.comment !== undefined && { comment: request.comment }),
    participant,
  };
  const conflicts = await findConflicts(store, appointment, options);
  if (conflicts.length > 0) throw new DoubleBookingError({ conflicts });
  const holds = holdOperations(slots);
  const results = await store.transaction([{ op: 'create', resource: appointment }, ...holds, ...scheduleLockOperations(schedules)], options);
  return { appointment: results[0] as Appointment, slots: results.slice(1, 1 + holds.length) as Slot[] };
}
