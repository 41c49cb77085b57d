import { parseDateTime } from '@chartwell/fhir';
import type { Instant } from '@chartwell/fhir';
import { CLINICAL_MONTHS, clinicalDate, formatCalendarDate } from './calendar-date.js';
import { NOT_RECORDED } from './format-options.js';
import type { DateStyle, FormatOptions, TimeStyle } from './format-options.js';
import { dateTimeFormat, zonedFields } from './intl-cache.js';

/** Options of {@link formatInstant} and {@link formatClockTime}. */
export interface InstantOptions extends FormatOptions {
  /** `clinical` (the default): `04-Apr-1972 14:05`, 24-hour; `locale`: the locale's medium date and short time. */
  readonly style?: DateStyle;
  /** The clock: `24h` or the locale's; by default the one that goes with {@link style} (`24h` for `clinical`). */
  readonly timeStyle?: TimeStyle;
}

/** Whether the time is written on the 24-hour clock rather than the locale's. */
function twentyFourHour(options: InstantOptions): boolean {
  return (options.timeStyle ?? (options.style === 'locale' ? 'locale' : '24h')) === '24h';
}

/** The time of day in the locale's short style, on the 24-hour clock when asked. */
function localeTime(epochMilliseconds: number, options: InstantOptions): string {
  return dateTimeFormat(options.locale, { timeStyle: 'short', timeZone: options.timeZone, ...(twentyFourHour(options) && { hourCycle: 'h23' }) }).format(epochMilliseconds);
}

const two = (value: number) => String(value).padStart(2, '0');

function clinicalTime(instant: Instant, timeZone: string): { date: string; time: string } {
  const wall = zonedFields(instant.epochMilliseconds, timeZone);
  const date = `${two(wall.day)}-${CLINICAL_MONTHS[wall.month - 1] ?? ''}-${String(wall.year).padStart(4, '0')}`;
  return { date, time: `${two(wall.hour)}:${two(wall.minute)}` };
}

/**
 * Writes a FHIR `instant` or `dateTime` as the date and time it was in `timeZone`: clinical style
 * `04-Apr-1972 14:05` (24-hour clock, midnight `00:00`), or the locale's medium date and short
 * time. A `dateTime` without a time (`1972`, `1972-04-04`) is a calendar date and is written by
 * {@link formatCalendarDate} at its own precision, never moved by the time zone. Missing reads
 * {@link NOT_RECORDED}; text that is not a FHIR dateTime is shown as recorded. An unknown locale
 * or time zone throws a RangeError naming it.
 *
 * @example
 * formatInstant('2024-03-31T01:30:00Z', { locale: 'en-GB', timeZone: 'Europe/London' }); // '31-Mar-2024 02:30'
 *
 * @category Formatting
 */
export function formatInstant(value: string | undefined, options: InstantOptions): string {
  if (typeof value !== 'string' || value.trim() === '') return NOT_RECORDED;
  const parsed = parseDateTime(value);
  if (!parsed) return value;
  if (parsed.precision !== 'second') return options.style === 'locale' ? formatCalendarDate(value, options) : clinicalDate(parsed);
  if (options.style === 'locale') {
    return dateTimeFormat(options.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: options.timeZone, ...(twentyFourHour(options) && { hourCycle: 'h23' }) }).format(parsed.epochMilliseconds);
  }
  const { date, time } = clinicalTime(parsed, options.timeZone);
  return `${date} ${twentyFourHour(options) ? time : localeTime(parsed.epochMilliseconds, options)}`;
}

/**
 * The time of day of a FHIR `instant` or `dateTime` in `timeZone`: `14:05` in the clinical style
 * (24-hour), the locale's short time otherwise; `timeStyle` chooses the clock apart from the date style. `''` when the value has no time (a calendar date)
 * or is not a FHIR dateTime; {@link NOT_RECORDED} when missing.
 *
 * @example
 * formatClockTime('2024-01-01T00:00:00Z', { locale: 'en-US', timeZone: 'UTC' }); // '00:00'
 *
 * @category Formatting
 */
export function formatClockTime(value: string | undefined, options: InstantOptions): string {
  if (typeof value !== 'string' || value.trim() === '') return NOT_RECORDED;
  const parsed = parseDateTime(value);
  if (parsed?.precision !== 'second') return '';
  return twentyFourHour(options) ? clinicalTime(parsed, options.timeZone).time : localeTime(parsed.epochMilliseconds, options);
}
