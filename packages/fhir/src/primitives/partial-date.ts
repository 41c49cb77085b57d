/**
 * FHIR `date`: a calendar date that may be partial (`1974`, `1974-12`, `1974-12-25`).
 *
 * A partial date stays partial: nothing here invents a month or a day, converts to a JS `Date`, or
 * looks at a time zone. A date of year or month precision stands for every day it covers, and the
 * comparisons and ages below say so instead of guessing.
 */

/**
 * How much of a FHIR `date` is known: the year only, the year and month, or the full date.
 *
 * @category Dates
 */
export type DatePrecision = 'year' | 'month' | 'day';

/**
 * A FHIR `date` taken apart. `month` is 1–12 and `day` 1–31, present exactly when the
 * precision includes them; the day always exists in that month and year.
 *
 * @category Dates
 */
export type PartialDate =
  | { readonly precision: 'year'; readonly year: number; readonly month?: undefined; readonly day?: undefined }
  | { readonly precision: 'month'; readonly year: number; readonly month: number; readonly day?: undefined }
  | { readonly precision: 'day'; readonly year: number; readonly month: number; readonly day: number };

/**
 * The first and last calendar day a partial date covers, both inclusive, as `YYYY-MM-DD`.
 *
 * @category Dates
 */
export interface PartialDateRange {
  readonly first: string;
  readonly last: string;
}

/**
 * How two partial dates relate (see {@link comparePartialDates}): `-1` the first is wholly before
 * the second, `1` wholly after, `0` the same date at the same precision, `'overlap'` one
 * contains the other (`2020` and `2020-03-05`), so their order is unknown.
 *
 * @category Dates
 */
export type PartialDateOrder = -1 | 0 | 1 | 'overlap';

/**
 * A possible age in whole years, from `min` to `max` inclusive; `min === max` when it is certain.
 *
 * @category Dates
 */
export interface AgeRange {
  readonly min: number;
  readonly max: number;
}

// FHIR R4 §2.24.0.1 `date`. The spec regex
//   ([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1]))?)?
// is four digits other than 0000, then optionally a month 01–12 and a day 01–31. The ranges are
// checked as numbers below, together with the real length of the month.
const DATE = /^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$/;

/** A whole day of the proleptic Gregorian calendar (ISO 8601's calendar), as plain numbers. */
interface CalendarDay {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/**
 * Whether `year` is a leap year of the proleptic Gregorian calendar.
 * @internal
 */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * The number of days in a month (1–12) of a given year.
 * @internal
 */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Days since 1970-01-01 of a calendar day, by integer arithmetic (H. Hinnant, "chrono-compatible
 * low-level date algorithms", `days_from_civil`): no `Date`, so no time zone and no two-digit-year
 * quirks.
 * @internal
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/**
 * The calendar day of a count of days since 1970-01-01: the inverse of {@link daysFromCivil}
 * (Hinnant's `civil_from_days`).
 * @internal
 */
export function civilFromDays(days: number): CalendarDay {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/**
 * Reads a FHIR `date` (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`). Gives `undefined` for anything else,
 * including dates the calendar does not have (`2021-02-30`, `2019-02-29`), year `0000`, and
 * surrounding whitespace.
 *
 * @example
 * parsePartialDate('1974-12'); // { precision: 'month', year: 1974, month: 12 }
 * parsePartialDate('2019-02-29'); // undefined: 2019 is not a leap year
 *
 * @category Dates
 */
export function parsePartialDate(text: string): PartialDate | undefined {
  if (typeof text !== 'string') return undefined;
  const match = DATE.exec(text);
  if (!match) return undefined;
  const [, yearText, monthText, dayText] = match;
  const year = Number(yearText);
  if (year < 1) return undefined;
  if (monthText === undefined) return { precision: 'year', year };
  const month = Number(monthText);
  if (month < 1 || month > 12) return undefined;
  if (dayText === undefined) return { precision: 'month', year, month };
  const day = Number(dayText);
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  return { precision: 'day', year, month, day };
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function writeDate(date: PartialDate): string {
  const year = pad(date.year, 4);
  if (date.precision === 'year') return year;
  const month = `${year}-${pad(date.month, 2)}`;
  return date.precision === 'month' ? month : `${month}-${pad(date.day, 2)}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Writes a partial date back as FHIR text at its own precision: the inverse of
 * {@link parsePartialDate}, so `formatPartialDate(parsePartialDate(s)!) === s` for every valid `s`.
 * Gives `''` for an object that is not a valid partial date (a month 13, a 30 February, a field
 * missing for its precision), and never throws.
 *
 * @category Dates
 */
export function formatPartialDate(date: PartialDate): string {
  if (!isObject(date)) return '';
  const text = writeDate(date);
  const back = parsePartialDate(text);
  return back !== undefined &&
    back.precision === date.precision &&
    back.year === date.year &&
    back.month === date.month &&
    back.day === date.day
    ? text
    : '';
}

function toPartialDate(date: PartialDate | string): PartialDate | undefined {
  if (typeof date === 'string') return parsePartialDate(date);
  return isObject(date) && formatPartialDate(date) !== '' ? date : undefined;
}

/** First and last day as day numbers since 1970-01-01. */
function dayBounds(date: PartialDate): readonly [first: number, last: number] {
  const firstMonth = date.month ?? 1;
  const lastMonth = date.month ?? 12;
  const first = daysFromCivil(date.year, firstMonth, date.day ?? 1);
  const last = daysFromCivil(date.year, lastMonth, date.day ?? daysInMonth(date.year, lastMonth));
  return [first, last];
}

function dayText(days: number): string {
  const { year, month, day } = civilFromDays(days);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/**
 * The calendar days a partial date covers, as `YYYY-MM-DD` strings (never `Date` instants, so no
 * time zone can shift them): `1980` covers `1980-01-01`–`1980-12-31`, `2024-02` covers
 * `2024-02-01`–`2024-02-29`, and a full date covers just itself. `undefined` for a malformed date.
 *
 * @category Dates
 */
export function partialDateRange(date: PartialDate | string): PartialDateRange | undefined {
  const parsed = toPartialDate(date);
  if (!parsed) return undefined;
  const [first, last] = dayBounds(parsed);
  return { first: dayText(first), last: dayText(last) };
}

/**
 * Compares two partial dates by the days they cover, respecting precision. Calendar periods nest,
 * so two partial dates are either disjoint, identical, or one contains the other:
 * `-1` when every day of `a` is before every day of `b`, `1` when after, `0` when they are the
 * same date at the same precision, and `'overlap'` when one contains the other (`2020` and
 * `2020-03-05`; `2020-03` and `2020`): the data cannot say which came first. `undefined` when
 * either is malformed. The numeric results are antisymmetric and transitive, but `'overlap'` is
 * not an order: to sort a list, use {@link comparePartialDatesForSort}.
 *
 * @example
 * comparePartialDates('2004', '2004-06-15'); // 'overlap'
 * comparePartialDates('2003-12', '2004'); // -1
 *
 * @category Dates
 */
export function comparePartialDates(a: PartialDate | string, b: PartialDate | string): PartialDateOrder | undefined {
  const left = toPartialDate(a);
  const right = toPartialDate(b);
  if (!left || !right) return undefined;
  const [leftFirst, leftLast] = dayBounds(left);
  const [rightFirst, rightLast] = dayBounds(right);
  if (leftLast < rightFirst) return -1;
  if (leftFirst > rightLast) return 1;
  if (leftFirst === rightFirst && leftLast === rightLast) return 0;
  return 'overlap';
}

/**
 * A total order for `Array.prototype.sort`, oldest first: by the first day each date covers, and
 * for dates starting on the same day the coarser one first (`2020`, `2020-01`, `2020-01-01`,
 * `2020-01-02`, `2020-02`), so an imprecise date heads the period it stands for. It agrees with
 * {@link comparePartialDates} whenever that gives a number. Malformed or missing dates sort after
 * every valid one. For newest first, swap the arguments (missing dates then come first).
 *
 * @example
 * ['2020-01-02', '2020', undefined, '2019-12-31'].sort(comparePartialDatesForSort);
 * // ['2019-12-31', '2020', '2020-01-02', undefined]
 *
 * @category Dates
 */
export function comparePartialDatesForSort(
  a: PartialDate | string | undefined,
  b: PartialDate | string | undefined,
): number {
  const left = a === undefined ? undefined : toPartialDate(a);
  const right = b === undefined ? undefined : toPartialDate(b);
  if (!left || !right) return (left ? 0 : 1) - (right ? 0 : 1);
  const [leftFirst, leftLast] = dayBounds(left);
  const [rightFirst, rightLast] = dayBounds(right);
  return Math.sign(leftFirst - rightFirst || rightLast - leftLast);
}

/** Whole years from `birth` to `on`, for two full days with `birth` not after `on`. */
function wholeYears(birth: CalendarDay, on: CalendarDay): number {
  const birthdayNotYetReached = on.month < birth.month || (on.month === birth.month && on.day < birth.day);
  return on.year - birth.year - (birthdayNotYetReached ? 1 : 0);
}

/**
 * Age in whole years on a date, from a birth date that may be partial, as the range of ages the
 * data allows: born `1980`, on `2026-06-01`, the age is 45 or 46 (`{ min: 45, max: 46 }`); born
 * `1974-12-25` it is exactly 51 (`{ min: 51, max: 51 }`). The range is always given, never a
 * guessed midpoint, so a display can show "45–46" and a rule can test both ends.
 *
 * `on` may be partial too (an onset date such as `2004`): the range then covers every day of both.
 * Someone born on 29 February turns a year older on 1 March in common years. Gives `undefined`
 * when either date is malformed or `on` is wholly before the birth date; when they overlap
 * (born `2026`, on `2026-06-01`) the person is taken to be born by then, so `min` is 0.
 *
 * @example
 * ageInYears('1980', '2026-06-01'); // { min: 45, max: 46 }
 *
 * @category Dates
 */
export function ageInYears(birthDate: PartialDate | string, on: PartialDate | string): AgeRange | undefined {
  const birth = toPartialDate(birthDate);
  const at = toPartialDate(on);
  if (!birth || !at) return undefined;
  const [birthFirst, birthLast] = dayBounds(birth);
  const [onFirst, onLast] = dayBounds(at);
  if (birthFirst > onLast) return undefined;
  // Age grows with the later date and shrinks with the later birth, so the extremes are at the
  // corners. When the periods overlap, a birth on the day itself gives 0.
  const max = wholeYears(civilFromDays(birthFirst), civilFromDays(onLast));
  const min = birthLast <= onFirst ? wholeYears(civilFromDays(birthLast), civilFromDays(onFirst)) : 0;
  return { min, max };
}
