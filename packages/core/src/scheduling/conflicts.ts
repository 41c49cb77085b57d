import { parseInstant, type Appointment } from '@chartwell/fhir';
import { searchAllPages } from '../search/all-pages.js';
import { searchByValues } from '../search/search-by-values.js';
import { normalizeReference } from '../search/values.js';
import type { ChartStore, DateSearch, StoreCallOptions } from '../store/chart-store.js';
import { holdsTime, type AppointmentStatus } from './appointment-status.js';

/** Who is double-booked: the patient, a practitioner (or PractitionerRole), a location, or another actor (a device, a service). */
export type ConflictKind = 'patient' | 'practitioner' | 'location' | 'other';

/** One double-booking: `actor` is in both this appointment and `appointmentId` at overlapping times. */
export interface AppointmentConflict {
  readonly kind: ConflictKind;
  /** The actor booked twice, as `Type/id`. */
  readonly actor: string;
  /** The other appointment. */
  readonly appointmentId: string;
  readonly status: AppointmentStatus;
  /** The other appointment's start and end instants, as recorded. */
  readonly start: string;
  readonly end: string;
}

/** The time an appointment occupies, in epoch milliseconds: `[start, end)`; `end` equals `start` when only a start is known. */
export interface AppointmentInterval {
  readonly start: number;
  readonly end: number;
}

/**
 * How far before a searched window Chartwell looks for appointments (and, in a schedule view,
 * slots) that started earlier and may still run into it (the store searches them by their start
 * only): 7 days. An appointment or slot longer than this that started before the window is not seen.
 */
export const APPOINTMENT_LOOKBACK_MILLISECONDS = 7 * 24 * 3_600_000;

/**
 * The time an appointment occupies: `start` to `end`, or to `start + minutesDuration` when `end`
 * is missing, or the start instant alone. Undefined without a valid `start` instant (a waitlist
 * entry or a proposal without a time).
 */
export function appointmentInterval(appointment: Pick<Appointment, 'start' | 'end' | 'minutesDuration'>): AppointmentInterval | undefined {
  const start = appointment.start === undefined ? undefined : parseInstant(appointment.start);
  if (start === undefined) return undefined;
  const end = appointment.end === undefined ? undefined : parseInstant(appointment.end);
  if (end !== undefined && end.epochMilliseconds >= start.epochMilliseconds) return { start: start.epochMilliseconds, end: end.epochMilliseconds };
  const minutes = appointment.minutesDuration;
  if (typeof minutes === 'number' && minutes > 0) return { start: start.epochMilliseconds, end: start.epochMilliseconds + minutes * 60_000 };
  return { start: start.epochMilliseconds, end: start.epochMilliseconds };
}

/**
 * Whether two intervals share time. Intervals are half-open, so back-to-back appointments (one
 * ends at 10:00, the next starts at 10:00) do not overlap; an instant-only interval overlaps an
 * interval that contains it, and another instant-only interval at the same instant.
 */
export function intervalsOverlap(a: AppointmentInterval, b: AppointmentInterval): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  if (a.start === a.end) return b.start <= a.start && a.start < b.end;
  if (b.start === b.end) return a.start <= b.start && b.start < a.end;
  return a.start < b.end && b.start < a.end;
}

/** The kind of actor a `Type/id` reference names. */
export function conflictKindOf(actor: string): ConflictKind {
  const type = actor.slice(0, actor.indexOf('/'));
  if (type === 'Patient') return 'patient';
  if (type === 'Practitioner' || type === 'PractitionerRole') return 'practitioner';
  if (type === 'Location') return 'location';
  return 'other';
}

/** The actors (`Type/id`) whose time an appointment takes: every participant with a resolvable reference who has not declined. */
export function bookedActors(appointment: Pick<Appointment, 'participant'>): string[] {
  const actors = new Set<string>();
  for (const participant of appointment.participant ?? []) {
    if (participant.status === 'declined') continue;
    const reference = participant.actor?.reference;
    const actor = reference === undefined ? undefined : normalizeReference(reference);
    if (actor !== undefined) actors.add(actor);
  }
  return [...actors];
}

/**
 * The double-bookings between `appointment` and `others`, with no store involved: for each other
 * appointment that holds its time (not cancelled, noshow, entered-in-error or waitlist), overlaps
 * it, and shares an actor who has not declined, one conflict per shared actor. The appointment
 * itself (same id) is skipped, so an edited appointment does not conflict with its stored version.
 * If `appointment` does not hold time itself, or has no start, there are none.
 */
export function conflictsAmong(appointment: Pick<Appointment, 'id' | 'status' | 'start' | 'end' | 'minutesDuration' | 'participant'>, others: readonly Appointment[]): AppointmentConflict[] {
  if (!holdsTime(appointment.status ?? 'booked')) return [];
  const interval = appointmentInterval(appointment);
  if (interval === undefined) return [];
  const actors = new Set(bookedActors(appointment));
  const conflicts: AppointmentConflict[] = [];
  for (const other of others) {
    if (other.id === undefined || (appointment.id !== undefined && other.id === appointment.id)) continue;
    if (!holdsTime(other.status)) continue;
    const otherInterval = appointmentInterval(other);
    if (otherInterval === undefined || !intervalsOverlap(interval, otherInterval)) continue;
    for (const actor of bookedActors(other)) {
      if (!actors.has(actor)) continue;
      conflicts.push({ kind: conflictKindOf(actor), actor, appointmentId: other.id, status: other.status ?? 'booked', start: other.start ?? '', end: other.end ?? '' });
    }
  }
  const order: Record<ConflictKind, number> = { patient: 0, practitioner: 1, location: 2, other: 3 };
  return conflicts.sort((a, b) => order[a.kind] - order[b.kind] || a.start.localeCompare(b.start) || a.appointmentId.localeCompare(b.appointmentId));
}

/**
 * The double-bookings `appointment` would make with what the store holds: patient,
 * practitioner and location (and any other actor) booked twice at overlapping times. Cancelled,
 * noshow, entered-in-error and waitlist appointments never conflict, nor does a participant who
 * declined. An appointment without a start (a waitlist entry) has none. The store is asked only
 * for the appointments of its participants (the `actor` search, patients included) that start
 * in its time; those that started more than {@link APPOINTMENT_LOOKBACK_MILLISECONDS} before it
 * are not searched.
 *
 * @example
 * const conflicts = await findConflicts(store, { resourceType: 'Appointment', status: 'booked', start, end, participant });
 * if (conflicts.some((c) => c.kind === 'patient')) warn('The patient is already booked then');
 */
export async function findConflicts(store: ChartStore, appointment: Appointment, options?: StoreCallOptions): Promise<AppointmentConflict[]> {
  const interval = appointmentInterval(appointment);
  if (interval === undefined || !holdsTime(appointment.status ?? 'booked')) return [];
  const actors = bookedActors(appointment);
  if (actors.length === 0) return [];
  return conflictsAmong(appointment, await appointmentsAround(store, interval, actors, options));
}

/**
 * The date search of what starts close enough to share time with `interval`: from
 * {@link APPOINTMENT_LOOKBACK_MILLISECONDS} before it up to its end, inclusive, as one starting
 * exactly at the end overlaps an instant-only interval. A start written to the second
 * (`09:00:00Z`) covers that whole second, which `le` the end's millisecond would not match, so
 * the bound is `le` one millisecond after the end.
 */
export function startsAround(interval: AppointmentInterval): [DateSearch, DateSearch] {
  const from = `ge${new Date(interval.start - APPOINTMENT_LOOKBACK_MILLISECONDS).toISOString()}` as DateSearch;
  const to = `le${new Date(interval.end + 1).toISOString()}` as DateSearch;
  return [from, to];
}

/**
 * The stored appointments that may share time with `interval` (they start as
 * {@link startsAround} says): those of any of `actors` (`Type/id`, through the `actor` search), or
 * every one when `actors` is undefined. An empty list of actors finds none, with no search.
 */
export async function appointmentsAround(store: ChartStore, interval: AppointmentInterval, actors: readonly string[] | undefined, options?: StoreCallOptions): Promise<Appointment[]> {
  const query = { date: startsAround(interval) };
  if (actors === undefined) return searchAllPages(store, 'Appointment', query, options);
  return searchByValues(store, 'Appointment', 'actor', actors, query, options);
}
