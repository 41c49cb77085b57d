import { ageInYears, parseDateTime, parsePartialDate } from '@chartwell/fhir';
import { dayNumber, monthAnniversary, wholeMonthsBetween } from './calendar-day.js';
import type { CalendarDay } from './calendar-day.js';
import { zonedFields } from './intl-cache.js';

/**
 * A unit an age is counted in.
 *
 * @category Formatting
 */
export type AgeUnit = 'years' | 'months' | 'weeks' | 'days' | 'hours' | 'minutes';

/**
 * One part of an age: `{ unit: 'weeks', value: 4 }`.
 *
 * @category Formatting
 */
export interface AgePart {
  readonly unit: AgeUnit;
  readonly value: number;
}

/**
 * An age in the units clinicians expect for it (NHS CUI PAB Table 7, clinical-widgets.md 4.3):
 *
 * | age | units |
 * |---|---|
 * | under 2 hours | minutes (needs a birth time) |
 * | under 2 days | hours (needs a birth time; days without one) |
 * | under 4 weeks | days |
 * | under 1 year | weeks and days |
 * | under 2 years | months and days |
 * | under 18 years | years and months |
 * | 18 years and over | years |
 *
 * @category Formatting
 */
export interface Age {
  /** The parts, largest unit first, zero parts left out (but never empty: a newborn is `0d` or `0min`). */
  readonly parts: readonly AgePart[];
  /**
   * Set when the birth date (or the date the age is taken at) is partial: the age is then only
   * known as a range of whole years, and `parts` holds the smaller end.
   */
  readonly yearRange?: { readonly min: number; readonly max: number };
}

/** Options of {@link ageAt} and {@link formatAge}. */
export interface AgeOptions {
  /**
   * When the age is taken: now (a `Date`, or a FHIR `instant`), or a FHIR `date`/`dateTime` such
   * as a date of death or an onset. Required, so the result never depends on the clock.
   */
  readonly asOf: Date | string;
  /** The IANA time zone whose calendar date an instant falls on (a birthday starts at local midnight). */
  readonly timeZone: string;
  /**
   * The time of birth (a FHIR `dateTime` with a time, as in the `patient-birthTime` extension):
   * with it, ages under two days are counted in minutes and hours.
   */
  readonly birthTime?: string;
}

const MINUTES_PER_HOUR = 60;

interface Moment {
  readonly day: CalendarDay | undefined;
  readonly dateText: string;
  readonly epochMilliseconds?: number;
}

function fullDay(year: number, month: number, day: number): CalendarDay {
  return { year, month, day };
}

function dateText(day: CalendarDay): string {
  return `${String(day.year).padStart(4, '0')}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`;
}

/** The `asOf` option as a calendar day (in the time zone, for an instant) and, when it has one, its instant. */
function readAsOf(asOf: Date | string, timeZone: string): Moment | undefined {
  if (asOf instanceof Date) {
    const epoch = asOf.getTime();
    if (Number.isNaN(epoch)) return undefined;
    const wall = zonedFields(epoch, timeZone);
    const day = fullDay(wall.year, wall.month, wall.day);
    return { day, dateText: dateText(day), epochMilliseconds: epoch };
  }
  const parsed = parseDateTime(asOf);
  if (!parsed) return undefined;
  if (parsed.precision === 'second') {
    const wall = zonedFields(parsed.epochMilliseconds, timeZone);
    const day = fullDay(wall.year, wall.month, wall.day);
    return { day, dateText: dateText(day), epochMilliseconds: parsed.epochMilliseconds };
  }
  return { day: parsed.precision === 'day' ? fullDay(parsed.year, parsed.month, parsed.day) : undefined, dateText: asOf };
}

function parts(...list: AgePart[]): readonly AgePart[] {
  const shown = list.filter((part) => part.value !== 0);
  return shown.length > 0 ? shown : list.slice(-1);
}

/** The age band of a full birth date on a full date (and, with both instants, the elapsed minutes). */
function banded(birth: CalendarDay, on: CalendarDay, elapsedMinutes: number | undefined): Age {
  if (elapsedMinutes !== undefined && elapsedMinutes < 2 * MINUTES_PER_HOUR) return { parts: [{ unit: 'minutes', value: elapsedMinutes }] };
  if (elapsedMinutes !== undefined && elapsedMinutes < 48 * MINUTES_PER_HOUR) {
    return { parts: [{ unit: 'hours', value: Math.floor(elapsedMinutes / MINUTES_PER_HOUR) }] };
  }
  const days = dayNumber(on) - dayNumber(birth);
  if (days < 28) return { parts: [{ unit: 'days', value: days }] };
  const months = wholeMonthsBetween(birth, on);
  if (months < 12) return { parts: parts({ unit: 'weeks', value: Math.floor(days / 7) }, { unit: 'days', value: days % 7 }) };
  if (months < 24) {
    const extraDays = dayNumber(on) - dayNumber(monthAnniversary(birth, months));
    return { parts: parts({ unit: 'months', value: months }, { unit: 'days', value: extraDays }) };
  }
  const years = Math.floor(months / 12);
  if (years < 18) return { parts: parts({ unit: 'years', value: years }, { unit: 'months', value: months % 12 }) };
  return { parts: [{ unit: 'years', value: years }] };
}

/**
 * The age of someone born on `birthDate` (a FHIR `date`, possibly partial) at `options.asOf`, in
 * the units of its age band (see {@link Age}). A partial birth date gives a range of whole years
 * (`yearRange`), never a guessed day. `undefined` when the birth date is missing or malformed,
 * or after `asOf`. Pure: the clock is never read.
 *
 * @example
 * ageAt('2024-01-01', { asOf: '2024-02-05', timeZone: 'UTC' })?.parts; // [{ unit: 'weeks', value: 5 }]
 *
 * @category Formatting
 */
export function ageAt(birthDate: string | undefined, options: AgeOptions): Age | undefined {
  if (typeof birthDate !== 'string') return undefined;
  const birth = parsePartialDate(birthDate);
  const asOf = readAsOf(options.asOf, options.timeZone);
  if (!birth || !asOf) return undefined;
  if (birth.precision !== 'day' || !asOf.day) {
    const range = ageInYears(birth, asOf.dateText);
    if (!range) return undefined;
    return { parts: [{ unit: 'years', value: range.min }], ...(range.min !== range.max && { yearRange: range }) };
  }
  const birthDay = fullDay(birth.year, birth.month, birth.day);
  if (dayNumber(asOf.day) < dayNumber(birthDay)) return undefined;
  const birthTime = typeof options.birthTime === 'string' ? parseDateTime(options.birthTime) : undefined;
  let elapsedMinutes: number | undefined;
  if (birthTime?.precision === 'second' && asOf.epochMilliseconds !== undefined) {
    const elapsed = asOf.epochMilliseconds - birthTime.epochMilliseconds;
    if (elapsed < 0) return undefined;
    elapsedMinutes = Math.floor(elapsed / 60_000);
  }
  return banded(birthDay, asOf.day, elapsedMinutes);
}

const ABBREVIATIONS: Record<AgeUnit, string> = { years: 'y', months: 'm', weeks: 'w', days: 'd', hours: 'hr', minutes: 'min' };

/**
 * An age written with the NHS unit abbreviations `y m w d hr min`, zero units left out:
 * `45y`, `2y 3m`, `14m 3d`, `4w 1d`, `12d`, `36hr`, `45min`; a partial birth date gives the range
 * of whole years it allows (`45–46y`). `''` when the age cannot be known (see {@link ageAt}):
 * the caller shows its own "Not Known".
 *
 * @example
 * formatAge('1972-04-04', { asOf: '2026-11-26T00:00:00Z', timeZone: 'Europe/London' }); // '54y'
 *
 * @category Formatting
 */
export function formatAge(birthDate: string | undefined, options: AgeOptions): string {
  const age = ageAt(birthDate, options);
  if (!age) return '';
  if (age.yearRange) return `${age.yearRange.min}–${age.yearRange.max}y`;
  return age.parts.map((part) => `${part.value}${ABBREVIATIONS[part.unit]}`).join(' ');
}
