import { parsePartialDate } from '@chartwell/fhir';
import type { PartialDate } from '@chartwell/fhir';
import { NOT_RECORDED } from './format-options.js';
import type { DateStyle } from './format-options.js';
import { dateTimeFormat } from './intl-cache.js';

/** Options of {@link formatCalendarDate}. */
export interface CalendarDateOptions {
  /** BCP 47 language tag; used by the `locale` style only. */
  readonly locale: string;
  /** `clinical` (the default): `04-Apr-1972`; `locale`: the locale's medium date. */
  readonly style?: DateStyle;
}

/**
 * The month abbreviations of the clinical date style, the same in every locale (NHS CUI
 * D+Ta-0002..0010: three letters, "May" in full, "Sep" not "Sept").
 * @internal
 */
export const CLINICAL_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/**
 * A partial date in the clinical style: `04-Apr-1972`, `Apr-1972`, `1972`.
 * @internal
 */
export function clinicalDate(date: PartialDate): string {
  const year = String(date.year).padStart(4, '0');
  if (date.precision === 'year') return year;
  const month = `${CLINICAL_MONTHS[date.month - 1] ?? ''}-${year}`;
  return date.precision === 'month' ? month : `${String(date.day).padStart(2, '0')}-${month}`;
}

/** Midnight UTC of the first day a partial date covers, to hand Intl a calendar date it formats in UTC. */
function utcMidnight(date: PartialDate): number {
  const moment = new Date(0);
  moment.setUTCFullYear(date.year, (date.month ?? 1) - 1, date.day ?? 1);
  return moment.getTime();
}

function localeDate(date: PartialDate, locale: string): string {
  const options: Intl.DateTimeFormatOptions =
    date.precision === 'day' ? { dateStyle: 'medium' } : date.precision === 'month' ? { year: 'numeric', month: 'short' } : { year: 'numeric' };
  // The calendar date is placed at UTC midnight and formatted in UTC, so no zone can move it a day.
  return dateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(utcMidnight(date));
}

/**
 * Writes a FHIR `date` (a birth date, an onset) as a calendar date, keeping its precision: `1972`
 * stays a year and `1972-04` a month. It is never read as an instant (so never a day off, whatever
 * the time zone). A missing date reads {@link NOT_RECORDED}; text that is not a FHIR date is shown
 * as recorded rather than guessed at. Never throws on record data; an unknown locale throws a
 * RangeError naming it.
 *
 * @example
 * formatCalendarDate('1972-04-04', { locale: 'en-GB' }); // '04-Apr-1972'
 * formatCalendarDate('1972-04', { locale: 'de-DE', style: 'locale' }); // 'Apr. 1972'
 * formatCalendarDate(undefined, { locale: 'en-US' }); // 'Not recorded'
 *
 * @category Formatting
 */
export function formatCalendarDate(value: string | undefined, options: CalendarDateOptions): string {
  if (typeof value !== 'string' || value.trim() === '') return NOT_RECORDED;
  const date = parsePartialDate(value);
  if (!date) return value;
  return options.style === 'locale' ? localeDate(date, options.locale) : clinicalDate(date);
}
