/**
 * FHIR `dateTime` and `instant`.
 *
 * A `dateTime` is a partial date (`2004`, `2012-09`, `2012-09-17`) or a full time to the second
 * with an offset (`2013-04-02T09:30:10+01:00`); an `instant` is always the latter. The parts are
 * kept exactly as written, so formatting gives back the same text: the offset (`Z`, `+00:00` and
 * `-00:00` stay distinct) and the fractional seconds (`.5` is not `.500`).
 */
import { civilFromDays, daysFromCivil, formatPartialDate, parsePartialDate } from './partial-date.js';
import type { DatePrecision, PartialDate } from './partial-date.js';

/**
 * How much of a FHIR `dateTime` is known: a partial date, or a time to the second with its offset.
 *
 * @category Dates
 */
export type DateTimePrecision = DatePrecision | 'second';

/**
 * A point in time to the second with its UTC offset, as written: a FHIR `instant`, or a `dateTime`
 * that has a time.
 *
 * @category Dates
 */
export interface Instant {
  readonly precision: 'second';
  readonly year: number;
  /** 1–12. */
  readonly month: number;
  /** 1–31, a day that exists in that month. */
  readonly day: number;
  /** 0–23, local to the offset. */
  readonly hour: number;
  readonly minute: number;
  /** 0–59, or 60 for a leap second (see {@link parseDateTime}). */
  readonly second: number;
  /** The digits after the decimal point, exactly as written (`'5'`, `'500'`, `'123456'`); absent when there were none. */
  readonly fraction?: string;
  /** The offset exactly as written: `'Z'`, `'+01:00'`, `'-00:00'`. */
  readonly offset: string;
  /** The offset in minutes east of UTC: `+01:00` is 60, `-06:00` is -360, `Z` and `±00:00` are 0. */
  readonly offsetMinutes: number;
  /**
   * The moment as milliseconds since 1970-01-01T00:00:00Z (no leap seconds, like `Date`), for
   * ordering and arithmetic. Fractions finer than a millisecond are truncated here, never in
   * `fraction`.
   */
  readonly epochMilliseconds: number;
}

/**
 * A FHIR `dateTime` taken apart: a {@link PartialDate} when it has no time, else an {@link Instant}.
 *
 * @category Dates
 */
export type DateTime = PartialDate | Instant;

// FHIR R4 §2.24.0.1 `dateTime`: the `date` grammar, then optionally (only after a full date)
//   T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))
// The digits are captured here and their ranges checked as numbers below.
const TIME = /^([0-9]{4}-[0-9]{2}-[0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]+))?(Z|([+-])([0-9]{2}):([0-9]{2}))$/;

const MINUTES_PER_DAY = 1440;

/**
 * Reads a FHIR `dateTime`: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or `YYYY-MM-DDThh:mm:ss[.f…]` with an
 * offset (`Z` or `±hh:mm`, at most ±14:00). A time without an offset, a time without seconds, a
 * day the calendar lacks, or surrounding whitespace gives `undefined`.
 *
 * Leap seconds: the grammar allows a second of `60`. It is accepted only where a leap second can
 * be, the last minute of a UTC month (`2016-12-31T23:59:60Z`, or `2017-01-01T00:59:60+01:00`):
 * elsewhere `:60` is a mistake and gives `undefined`. Whether that month really had one is not
 * checked. `second` stays 60 and the text round-trips, while `epochMilliseconds` (which, like
 * `Date`, has no leap seconds) is that of `23:59:59.999Z`, so the order of instants is kept.
 *
 * @example
 * parseDateTime('2013-04-02T09:30:10+01:00')?.precision; // 'second'
 * parseDateTime('2004'); // { precision: 'year', year: 2004 }
 *
 * @category Dates
 */
export function parseDateTime(text: string): DateTime | undefined {
  if (typeof text !== 'string') return undefined;
  return text.includes('T') ? parseInstant(text) : parsePartialDate(text);
}

/**
 * Reads a FHIR `instant`: always `YYYY-MM-DDThh:mm:ss[.f…]` with an offset. Anything less precise
 * gives `undefined`; leap seconds as in {@link parseDateTime}.
 *
 * @example
 * parseInstant('2015-02-07T13:28:17.239+02:00')?.epochMilliseconds; // 1423308497239
 *
 * @category Dates
 */
export function parseInstant(text: string): Instant | undefined {
  if (typeof text !== 'string') return undefined;
  const match = TIME.exec(text);
  if (!match) return undefined;
  const [, dateText, hourText, minuteText, secondText, fraction, offset, sign, offsetHourText, offsetMinuteText] = match;
  const date = parsePartialDate(dateText ?? '');
  if (date?.precision !== 'day' || offset === undefined) return undefined;
  const hour = Number(hourText);
  const minute = Number(minuteText);
  const second = Number(secondText);
  if (hour > 23 || minute > 59 || second > 60) return undefined;

  let offsetMinutes = 0;
  if (offset !== 'Z') {
    const offsetHour = Number(offsetHourText);
    const offsetMinute = Number(offsetMinuteText);
    if (offsetMinute > 59 || offsetHour > 14 || (offsetHour === 14 && offsetMinute !== 0)) return undefined;
    const magnitude = offsetHour * 60 + offsetMinute;
    offsetMinutes = sign === '-' ? -magnitude : magnitude;
    if (offsetMinutes === 0) offsetMinutes = 0; // no -0 for `-00:00`
  }

  const days = daysFromCivil(date.year, date.month, date.day);
  const utcMinutes = days * MINUTES_PER_DAY + hour * 60 + minute - offsetMinutes;
  if (second === 60 && !endsUtcMonth(utcMinutes)) return undefined;
  const milliseconds = second === 60 ? 59_999 : second * 1000 + Number((fraction ?? '').slice(0, 3).padEnd(3, '0'));

  return {
    precision: 'second',
    year: date.year,
    month: date.month,
    day: date.day,
    hour,
    minute,
    second,
    ...(fraction !== undefined && { fraction }),
    offset,
    offsetMinutes,
    epochMilliseconds: utcMinutes * 60_000 + milliseconds,
  };
}

/** Whether a minute (counted in UTC since the epoch) is 23:59 on the last day of a month. */
function endsUtcMonth(utcMinutes: number): boolean {
  const nextMinute = utcMinutes + 1;
  if (nextMinute % MINUTES_PER_DAY !== 0) return false;
  return civilFromDays(nextMinute / MINUTES_PER_DAY).day === 1;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/**
 * Writes a `dateTime` or an `instant` back as FHIR text at its own precision, with the offset and
 * fractional seconds as they were written: the inverse of {@link parseDateTime} and
 * {@link parseInstant}. `epochMilliseconds` is not read. Gives `''` for an object that is not a
 * valid `dateTime` (a month 13, an offset of +15:00, an `offset` that disagrees with
 * `offsetMinutes`), and never throws.
 *
 * @example
 * formatDateTime(parseDateTime('2013-04-02T09:30:10+01:00')!); // '2013-04-02T09:30:10+01:00'
 *
 * @category Dates
 */
export function formatDateTime(dateTime: DateTime): string {
  if (typeof dateTime !== 'object' || dateTime === null) return '';
  if (dateTime.precision !== 'second') return formatPartialDate(dateTime);
  const { year, month, day, hour, minute, second, fraction, offset, offsetMinutes } = dateTime;
  const date = formatPartialDate({ precision: 'day', year, month, day });
  if (date === '' || typeof offset !== 'string' || (fraction !== undefined && typeof fraction !== 'string')) return '';
  const text = `${date}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}${fraction === undefined ? '' : `.${fraction}`}${offset}`;
  const back = parseInstant(text);
  return back !== undefined &&
    back.hour === hour &&
    back.minute === minute &&
    back.second === second &&
    back.fraction === fraction &&
    back.offset === offset &&
    back.offsetMinutes === offsetMinutes
    ? text
    : '';
}
