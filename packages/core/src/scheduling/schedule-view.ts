import type { Appointment, CodeableConcept, Period, Schedule, Slot } from '@chartwell/fhir';
import { searchByValues } from '../search/search-by-values.js';
import { normalizeReference } from '../search/values.js';
import type { ChartStore, StoreCallOptions } from '../store/chart-store.js';
import { InvalidError } from '../store/errors.js';
import { appointmentStatusLabel, holdsTime, type AppointmentStatus } from './appointment-status.js';
import { appointmentInterval, appointmentsAround, bookedActors, conflictKindOf, conflictsAmong, intervalsOverlap, startsAround, type AppointmentConflict, type AppointmentInterval, type ConflictKind } from './conflicts.js';
import { schedulesOf } from './schedule-lock.js';
import { slotIdsOf } from './slot-holds.js';
import type { DateStyle, TimeStyle } from '../format/format-options.js';
import { itemSource, loadRecordSources, type ItemSource, type SourceIndex } from '../views/item-source.js';
import { addCalendarDays, assertTimeZone, formatCalendarDay, parseCalendarDay, startOfZonedDay, weekdayOf, zonedTime, type CalendarDay } from './zoned-time.js';

/** One day (`YYYY-MM-DD`), or the week containing a day, starting on `weekStartsOn` (0 Sunday … 6 Saturday; default 1, Monday). */
export type ScheduleRange = { readonly day: string } | { readonly week: string; readonly weekStartsOn?: number };

/** What {@link scheduleView} shows: whose schedule, which days, in which IANA time zone. */
export interface ScheduleViewOptions extends StoreCallOptions {
  /** Practitioners, PractitionerRoles, Locations (or other schedulable actors) as `Type/id`. */
  readonly actors: readonly string[];
  readonly range: ScheduleRange;
  /** The clinic's IANA zone (`Europe/London`): days begin and end at its midnights, whatever the machine's zone. */
  readonly timeZone: string;
  /** Locale of the display strings (sources' last-updated times); default `en-US`. */
  readonly locale?: string;
  /** `clinical` (default) or `locale`. */
  readonly dateStyle?: DateStyle;
  /** `24h` or `locale` clock; by default the one that goes with the date style. */
  readonly timeStyle?: TimeStyle;
  /** What to call the store when a record names no other source; default `This chart`. */
  readonly storeName?: string;
}

/** What the sources of schedule items are read with. */
interface SourceContext {
  readonly index: SourceIndex;
  readonly options: { readonly locale: string; readonly timeZone: string; readonly dateStyle: DateStyle; readonly timeStyle?: TimeStyle };
}

/** An instant seen in the view's time zone. */
export interface LocalTime {
  /** The instant in UTC, ISO 8601 (`2026-03-29T08:00:00.000Z`), for formatting and sorting. */
  readonly instant: string;
  /** The local calendar day, `YYYY-MM-DD`. */
  readonly date: string;
  /** The local time, `HH:mm`, 24-hour clock. */
  readonly time: string;
  /** The UTC offset in force then, `+01:00`, so a view can show the zone. */
  readonly offset: string;
}

/** A Slot in the view. `free` is true only for status `free`; busy, busy-tentative and busy-unavailable are not. */
export interface ScheduleSlot {
  readonly id: string;
  readonly scheduleId: string;
  readonly status: NonNullable<Slot['status']> | 'unknown';
  readonly free: boolean;
  readonly start: LocalTime;
  readonly end: LocalTime;
  /** It began before this day (spans midnight). */
  readonly startsBeforeDay: boolean;
  /** It runs past the end of this day. */
  readonly endsAfterDay: boolean;
  readonly overbooked: boolean;
  readonly serviceType: readonly CodeableConcept[];
  readonly comment?: string;
  /** The appointments in the view that book this slot. */
  readonly appointmentIds: readonly string[];
  /** Where the record came from (a Provenance that targets it, its `meta.source`, else the store), and when it was last updated. */
  readonly source: ItemSource;
}

/** A participant of an appointment. */
export interface ScheduleParticipant {
  /** `Type/id`, when the reference resolves to one. */
  readonly actor?: string;
  /** `display` of the reference, as recorded. */
  readonly display?: string;
  readonly kind: ConflictKind;
  readonly required?: 'required' | 'optional' | 'information-only';
  readonly status?: 'accepted' | 'declined' | 'tentative' | 'needs-action';
}

/** An appointment in the view, with its status words and the double-bookings it is part of. */
export interface ScheduleAppointment {
  readonly id: string;
  readonly status: AppointmentStatus | 'unknown';
  /** "Booked", "Checked in", "Did not attend", ...: never blank. */
  readonly statusLabel: string;
  /** Whether it takes its time (false for cancelled, noshow, entered-in-error, waitlist): a view strikes the others through. */
  readonly holdsTime: boolean;
  readonly start: LocalTime;
  readonly end: LocalTime;
  readonly startsBeforeDay: boolean;
  readonly endsAfterDay: boolean;
  /** The patient, `Patient/<id>`, when one takes part. */
  readonly patient?: string;
  readonly participants: readonly ScheduleParticipant[];
  readonly serviceType: readonly CodeableConcept[];
  readonly appointmentType?: CodeableConcept;
  readonly reasonCode: readonly CodeableConcept[];
  readonly description?: string;
  readonly comment?: string;
  readonly cancelationReason?: CodeableConcept;
  readonly slotIds: readonly string[];
  /** Other appointments holding the same patient, practitioner or location at overlapping times. */
  readonly conflicts: readonly AppointmentConflict[];
  readonly source: ItemSource;
}

/** One local day of the schedule. Across a DST change it lasts 23 or 25 hours. */
export interface ScheduleDay {
  /** `YYYY-MM-DD` in the view's zone. */
  readonly date: string;
  /** 0 Sunday … 6 Saturday. */
  readonly weekday: number;
  readonly start: LocalTime;
  readonly end: LocalTime;
  /** The day's length in hours: 24, or 23 / 25 on a DST change. */
  readonly hours: number;
  /** Slots overlapping the day, by start. */
  readonly slots: readonly ScheduleSlot[];
  /** Appointments overlapping the day, by start, whatever their status. */
  readonly appointments: readonly ScheduleAppointment[];
  readonly freeSlotCount: number;
  readonly busySlotCount: number;
}

/** A Schedule of one of the actors. */
export interface ScheduleSummary {
  readonly id: string;
  readonly actors: readonly string[];
  /** `Schedule.active`; a schedule that does not say is taken as active. */
  readonly active: boolean;
  readonly serviceType: readonly CodeableConcept[];
  readonly planningHorizon?: Period;
  readonly comment?: string;
}

/** A waitlist entry (an Appointment with status `waitlist`) for one of the actors. */
export interface WaitlistEntry {
  readonly id: string;
  readonly patient?: string;
  readonly participants: readonly ScheduleParticipant[];
  readonly requestedPeriod: readonly Period[];
  readonly serviceType: readonly CodeableConcept[];
  readonly reasonCode: readonly CodeableConcept[];
  readonly priority?: number;
  readonly comment?: string;
  readonly created?: string;
  readonly source: ItemSource;
}

/** A practitioner's or location's days: slots, appointments and waitlist, in one time zone. */
export interface ScheduleView {
  readonly timeZone: string;
  readonly actors: readonly string[];
  readonly start: LocalTime;
  readonly end: LocalTime;
  readonly days: readonly ScheduleDay[];
  readonly schedules: readonly ScheduleSummary[];
  /** Waitlist entries for the actors, by priority (1 first, unset last), then by when they were added. */
  readonly waitlist: readonly WaitlistEntry[];
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

function localTime(epochMilliseconds: number, timeZone: string): LocalTime {
  const zoned = zonedTime(epochMilliseconds, timeZone);
  return { instant: new Date(epochMilliseconds).toISOString(), date: zoned.date, time: zoned.time, offset: offsetText(zoned.offsetMinutes) };
}

function rangeDays(range: ScheduleRange): CalendarDay[] {
  if (typeof range !== 'object' || range === null) throw new InvalidError({ path: 'range' }, "range must be { day: 'YYYY-MM-DD' } or { week: 'YYYY-MM-DD' }");
  if ('day' in range) {
    const day = parseCalendarDay(range.day);
    if (day === undefined) throw new InvalidError({ path: 'range.day' }, `range.day must be a date YYYY-MM-DD (got ${JSON.stringify(range.day)})`);
    return [day];
  }
  const anchor = parseCalendarDay(range.week);
  if (anchor === undefined) throw new InvalidError({ path: 'range.week' }, `range.week must be a date YYYY-MM-DD (got ${JSON.stringify(range.week)})`);
  const weekStartsOn = range.weekStartsOn ?? 1;
  if (!Number.isInteger(weekStartsOn) || weekStartsOn < 0 || weekStartsOn > 6) throw new InvalidError({ path: 'range.weekStartsOn' }, 'range.weekStartsOn must be 0 (Sunday) to 6 (Saturday)');
  const first = addCalendarDays(anchor, -((weekdayOf(anchor) - weekStartsOn + 7) % 7));
  return Array.from({ length: 7 }, (_, i) => addCalendarDays(first, i));
}

function participantsOf(appointment: Appointment): ScheduleParticipant[] {
  return (appointment.participant ?? []).map((participant) => {
    const actor = participant.actor?.reference === undefined ? undefined : normalizeReference(participant.actor.reference);
    return {
      ...(actor !== undefined && { actor }),
      ...(participant.actor?.display !== undefined && { display: participant.actor.display }),
      kind: actor === undefined ? 'other' : conflictKindOf(actor),
      ...(participant.required !== undefined && { required: participant.required }),
      ...(participant.status !== undefined && { status: participant.status }),
    };
  });
}

function patientOfAppointment(participants: readonly ScheduleParticipant[]): string | undefined {
  return participants.find((p) => p.kind === 'patient')?.actor;
}

function involves(appointment: Appointment, actors: ReadonlySet<string>): boolean {
  return (appointment.participant ?? []).some((p) => {
    const actor = p.actor?.reference === undefined ? undefined : normalizeReference(p.actor.reference);
    return actor !== undefined && actors.has(actor);
  });
}

/**
 * A practitioner's or location's day or week from Schedule, Slot and Appointment, in the time zone
 * given: each day runs from local midnight to local midnight computed with Intl in that zone (23
 * or 25 hours across a DST change), never in the machine's zone. Per day: slots (free and busy)
 * and appointments of every status (each with its status words and whether it holds its time),
 * items spanning midnight shown on both days and marked so; each appointment lists its
 * double-bookings. Plus the actors' Schedules and their waitlist entries.
 *
 * The store is asked only for what the view shows: the actors' Schedules (`actor`), their Slots
 * (`schedule`) and the actors' Appointments (`actor`), both by start (`start`, `date`) from
 * 7 days (`APPOINTMENT_LOOKBACK_MILLISECONDS`) before the range to its end, and the actors' waitlist;
 * then, for double-bookings, the other participants' Appointments in the same window; and the
 * Provenance of the slots and appointments shown (`target`), for their sources. A slot or
 * appointment that began more than that before the range is not seen.
 *
 * @example
 * const view = await scheduleView(store, { actors: ['Practitioner/7'], range: { week: '2026-03-29' }, timeZone: 'Europe/London' });
 * view.days[6]?.hours; // 23 on the day the clocks go forward
 */
export async function scheduleView(store: ChartStore, options: ScheduleViewOptions): Promise<ScheduleView> {
  const { timeZone } = options;
  assertTimeZone(timeZone);
  if (!Array.isArray(options.actors) || options.actors.length === 0) throw new InvalidError({ path: 'actors' }, 'actors must list at least one Practitioner, PractitionerRole or Location reference');
  const actors = options.actors.map((actor, i) => {
    const normal = typeof actor === 'string' ? normalizeReference(actor) : undefined;
    if (normal === undefined) throw new InvalidError({ path: `actors[${i}]` }, `actors[${i}] must be a reference such as Practitioner/123 (got ${JSON.stringify(actor)})`);
    return normal;
  });
  const actorSet = new Set(actors);
  const calendarDays = rangeDays(options.range);
  const boundaries = [...calendarDays, addCalendarDays(calendarDays[calendarDays.length - 1] ?? calendarDays[0] ?? { year: 1970, month: 1, day: 1 }, 1)].map((day) => startOfZonedDay(day, timeZone));
  const window: AppointmentInterval = { start: boundaries[0] ?? 0, end: boundaries[boundaries.length - 1] ?? 0 };

  const [schedules, ofActors, waitlisted] = await Promise.all([
    schedulesOf(store, actors, options),
    appointmentsAround(store, window, actors, options),
    searchByValues(store, 'Appointment', 'actor', actors, { status: 'waitlist' }, options),
  ]);
  const scheduleIds = new Set(schedules.map((s) => s.id));
  const scheduleReferences = schedules.flatMap((s) => (s.id === undefined ? [] : [`Schedule/${s.id}`]));
  const appointments = ofActors.filter((a) => involves(a, actorSet) && a.status !== 'waitlist');
  // Double-bookings may be with anyone else an appointment holds (its patient, a room): their appointments in the window too.
  const others = new Set<string>();
  for (const appointment of appointments) {
    if (appointment.status === undefined || !holdsTime(appointment.status)) continue;
    for (const actor of bookedActors(appointment)) if (!actorSet.has(actor)) others.add(actor);
  }
  const [foundSlots, ofOthers] = await Promise.all([
    searchByValues(store, 'Slot', 'schedule', scheduleReferences, { start: startsAround(window) }, options),
    appointmentsAround(store, window, [...others], options),
  ]);
  const slots = foundSlots.filter((slot) => {
    const scheduleId = slot.schedule?.reference === undefined ? undefined : normalizeReference(slot.schedule.reference);
    return scheduleId !== undefined && scheduleId.startsWith('Schedule/') && scheduleIds.has(scheduleId.slice('Schedule/'.length));
  });
  const nearbyIds = new Set(ofActors.map((a) => a.id));
  const nearby = [...ofActors, ...ofOthers.filter((a) => !nearbyIds.has(a.id))];
  const waiting = waitlisted.filter((a) => involves(a, actorSet));
  const shown = (record: Slot | Appointment) => {
    const interval = appointmentInterval(record);
    return interval !== undefined && intervalsOverlap(window, interval) && !(interval.start === interval.end && interval.start === window.end);
  };
  const index = await loadRecordSources(store, [...slots.filter(shown), ...appointments.filter(shown), ...waiting], { storeName: options.storeName ?? 'This chart', ...(options.signal && { signal: options.signal }) });
  const sources: SourceContext = { index, options: { locale: options.locale ?? 'en-US', timeZone, dateStyle: options.dateStyle ?? 'clinical', ...(options.timeStyle && { timeStyle: options.timeStyle }) } };

  const days: ScheduleDay[] = calendarDays.map((day, i) => {
    const dayInterval: AppointmentInterval = { start: boundaries[i] ?? 0, end: boundaries[i + 1] ?? 0 };
    const within = (interval: AppointmentInterval | undefined): interval is AppointmentInterval =>
      interval !== undefined && intervalsOverlap(dayInterval, interval) && !(interval.start === interval.end && interval.start === dayInterval.end);
    const daySlots: ScheduleSlot[] = [];
    for (const slot of slots) {
      const interval = appointmentInterval(slot);
      if (!within(interval) || slot.id === undefined) continue;
      daySlots.push(slotItem(slot, interval, dayInterval, appointments, timeZone, sources));
    }
    const dayAppointments: ScheduleAppointment[] = [];
    for (const appointment of appointments) {
      const interval = appointmentInterval(appointment);
      if (!within(interval) || appointment.id === undefined) continue;
      dayAppointments.push(appointmentItem(appointment, appointment.id, interval, dayInterval, nearby, timeZone, sources));
    }
    daySlots.sort((a, b) => a.start.instant.localeCompare(b.start.instant) || a.id.localeCompare(b.id));
    dayAppointments.sort((a, b) => a.start.instant.localeCompare(b.start.instant) || a.id.localeCompare(b.id));
    return {
      date: formatCalendarDay(day),
      weekday: weekdayOf(day),
      start: localTime(dayInterval.start, timeZone),
      end: localTime(dayInterval.end, timeZone),
      hours: (dayInterval.end - dayInterval.start) / 3_600_000,
      slots: daySlots,
      appointments: dayAppointments,
      freeSlotCount: daySlots.filter((s) => s.free).length,
      busySlotCount: daySlots.filter((s) => !s.free && s.status !== 'entered-in-error').length,
    };
  });

  return {
    timeZone,
    actors,
    start: localTime(window.start, timeZone),
    end: localTime(window.end, timeZone),
    days,
    schedules: schedules.map(scheduleSummary).sort((a, b) => a.id.localeCompare(b.id)),
    waitlist: waiting.map((a) => waitlistEntry(a, sources)).sort(compareWaitlist),
  };
}

function scheduleSummary(schedule: Schedule): ScheduleSummary {
  return {
    id: schedule.id ?? '',
    actors: (schedule.actor ?? []).map((a) => (a.reference === undefined ? undefined : normalizeReference(a.reference))).filter((a): a is string => a !== undefined),
    active: schedule.active !== false,
    serviceType: schedule.serviceType ?? [],
    ...(schedule.planningHorizon !== undefined && { planningHorizon: schedule.planningHorizon }),
    ...(schedule.comment !== undefined && { comment: schedule.comment }),
  };
}

function slotItem(slot: Slot, interval: AppointmentInterval, day: AppointmentInterval, appointments: readonly Appointment[], timeZone: string, sources: SourceContext): ScheduleSlot {
  const id = slot.id ?? '';
  const scheduleRef = slot.schedule?.reference === undefined ? undefined : normalizeReference(slot.schedule.reference);
  return {
    id,
    scheduleId: scheduleRef?.slice('Schedule/'.length) ?? '',
    status: slot.status ?? 'unknown',
    free: slot.status === 'free',
    start: localTime(interval.start, timeZone),
    end: localTime(interval.end, timeZone),
    startsBeforeDay: interval.start < day.start,
    endsAfterDay: interval.end > day.end,
    overbooked: slot.overbooked === true,
    serviceType: slot.serviceType ?? [],
    ...(slot.comment !== undefined && { comment: slot.comment }),
    appointmentIds: appointments.filter((a) => a.id !== undefined && slotIdsOf(a).includes(id)).map((a) => a.id ?? ''),
    source: itemSource(slot, sources.index, sources.options),
  };
}

function appointmentItem(appointment: Appointment, id: string, interval: AppointmentInterval, day: AppointmentInterval, nearby: readonly Appointment[], timeZone: string, sources: SourceContext): ScheduleAppointment {
  const participants = participantsOf(appointment);
  const patient = patientOfAppointment(participants);
  return {
    id,
    status: appointment.status ?? 'unknown',
    statusLabel: appointmentStatusLabel(appointment.status),
    holdsTime: holdsTime(appointment.status),
    start: localTime(interval.start, timeZone),
    end: localTime(interval.end, timeZone),
    startsBeforeDay: interval.start < day.start,
    endsAfterDay: interval.end > day.end,
    ...(patient !== undefined && { patient }),
    participants,
    serviceType: appointment.serviceType ?? [],
    ...(appointment.appointmentType !== undefined && { appointmentType: appointment.appointmentType }),
    reasonCode: appointment.reasonCode ?? [],
    ...(appointment.description !== undefined && { description: appointment.description }),
    ...(appointment.comment !== undefined && { comment: appointment.comment }),
    ...(appointment.cancelationReason !== undefined && { cancelationReason: appointment.cancelationReason }),
    slotIds: slotIdsOf(appointment),
    conflicts: appointment.status === undefined ? [] : conflictsAmong(appointment, nearby),
    source: itemSource(appointment, sources.index, sources.options),
  };
}

function waitlistEntry(appointment: Appointment, sources: SourceContext): WaitlistEntry {
  const participants = participantsOf(appointment);
  const patient = patientOfAppointment(participants);
  return {
    id: appointment.id ?? '',
    ...(patient !== undefined && { patient }),
    participants,
    requestedPeriod: appointment.requestedPeriod ?? [],
    serviceType: appointment.serviceType ?? [],
    reasonCode: appointment.reasonCode ?? [],
    ...(appointment.priority !== undefined && { priority: appointment.priority }),
    ...(appointment.comment !== undefined && { comment: appointment.comment }),
    ...(appointment.created !== undefined && { created: appointment.created }),
    source: itemSource(appointment, sources.index, sources.options),
  };
}

function compareWaitlist(a: WaitlistEntry, b: WaitlistEntry): number {
  const rank = (p: number | undefined) => (p === undefined || p === 0 ? Number.MAX_SAFE_INTEGER : p);
  return rank(a.priority) - rank(b.priority) || (a.created ?? '').localeCompare(b.created ?? '') || a.id.localeCompare(b.id);
}
