import { InvalidError } from '../store/errors.js';

/**
 * Calendar arithmetic in an IANA time zone, with Intl only: the machine's own zone is never used.
 * Scheduling needs it to find where a day begins and ends in the clinic's zone (a day across a
 * DST change is 23 or 25 hours long) and which local day and time an instant falls on.
 */

/** A calendar day: `year`, `month` (1–12), `day` (1–31). */
export interface CalendarDay {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Where an instant falls in a time zone: its calendar day, `HH:mm` on the 24-hour clock, and the UTC offset in minutes. */
export interface ZonedTime extends CalendarDay {
  readonly hour: number;
  readonly minute: number;
  /** `YYYY-MM-DD`. */
  readonly date: string;
  /** `HH:mm`, 24-hour clock, midnight `00:00`. */
  readonly time: string;
  /** Minutes east of UTC at that instant (`60` for `+01:00`). */
  readonly offsetMinutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    // Gregorian calendar and Latin digits whatever the runtime's defaults, so the parts read as numbers.
    formatter = new Intl.DateTimeFormat('en-US-u-ca-gregory-nu-latn', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Throws an InvalidError naming `where` unless `timeZone` is an IANA zone Intl knows (`Europe/London`). */
export function assertTimeZone(timeZone: unknown, where = 'timeZone'): asserts timeZone is string {
  if (typeof timeZone !== 'string' || timeZone === '') throw new InvalidError({ path: where }, `${where} must be an IANA time zone such as 'Europe/London'`);
  try {
    formatterFor(timeZone);
  } catch {
    throw new InvalidError({ path: where }, `${where} "${timeZone}" is not a time zone this runtime knows`);
  }
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYY-MM-DD` of a calendar day. */
export function formatCalendarDay(day: CalendarDay): string {
  return `${pad(day.year, 4)}-${pad(day.month)}-${pad(day.day)}`;
}

/** Reads `YYYY-MM-DD` as a calendar day (never through `Date`); undefined if it is not a real day. */
export function parseCalendarDay(text: string): CalendarDay | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return { year, month, day };
}

/** The calendar day `days` after `day` (negative goes back); pure calendar arithmetic, no zone involved. */
export function addCalendarDays(day: CalendarDay, days: number): CalendarDay {
  const moved = new Date(Date.UTC(day.year, day.month - 1, day.day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

/** The weekday of a calendar day: 0 Sunday … 6 Saturday. */
export function weekdayOf(day: CalendarDay): number {
  return new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay();
}

/** Where the instant `epochMilliseconds` falls in `timeZone`. */
export function zonedTime(epochMilliseconds: number, timeZone: string): ZonedTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(epochMilliseconds))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const year = parts['year'] ?? 0;
  const month = parts['month'] ?? 1;
  const day = parts['day'] ?? 1;
  const hour = parts['hour'] ?? 0;
  const minute = parts['minute'] ?? 0;
  const second = parts['second'] ?? 0;
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const wholeSeconds = Math.floor(epochMilliseconds / 1000) * 1000;
  const offsetMinutes = Math.round((wallAsUtc - wholeSeconds) / 60_000);
  return { year, month, day, hour, minute, date: formatCalendarDay({ year, month, day }), time: `${pad(hour)}:${pad(minute)}`, offsetMinutes };
}

/**
 * The first instant of `day` in `timeZone` (epoch milliseconds): local midnight, or, where the
 * zone skips midnight for DST, the first local time that exists that day.
 */
export function startOfZonedDay(day: CalendarDay, timeZone: string): number {
  const wall = Date.UTC(day.year, day.month - 1, day.day);
  // The offset can differ either side of the day's start; try the offsets on both sides.
  const candidates = new Set<number>();
  for (const probe of [wall - 36 * 3_600_000, wall, wall + 36 * 3_600_000]) {
    candidates.add(wall - zonedTime(probe, timeZone).offsetMinutes * 60_000);
  }
  const target = formatCalendarDay(day);
  let best: number | undefined;
  for (const candidate of candidates) {
    const local = zonedTime(candidate, timeZone);
    if (local.date === target && local.hour === 0 && local.minute === 0) best = best === undefined ? candidate : Math.min(best, candidate);
  }
  if (best !== undefined) return best;
  // Midnight does not exist that day (a DST jump at 00:00): the day starts when the jump lands.
  let low = wall - 36 * 3_600_000;
  let high = wall + 36 * 3_600_000;
  while (high - low > 60_000) {
    const middle = Math.floor((low + high) / 2 / 60_000) * 60_000;
    if (zonedTime(middle, timeZone).date < target) low = middle;
    else high = middle;
  }
  return high;
}
