/**
 * Whole calendar days as plain numbers, for age arithmetic: no JS `Date` in local time, so no
 * time zone can move a day.
 * @internal
 */

/** A full calendar date. */
export interface CalendarDay {
  readonly year: number;
  /** 1–12. */
  readonly month: number;
  /** 1–31. */
  readonly day: number;
}

const MS_PER_DAY = 86_400_000;

/**
 * Days since 1970-01-01 (UTC arithmetic only).
 * @internal
 */
export function dayNumber(date: CalendarDay): number {
  const moment = new Date(0);
  moment.setUTCFullYear(date.year, date.month - 1, date.day);
  return Math.round(moment.getTime() / MS_PER_DAY);
}

/**
 * The number of days in a month (1–12) of a year, Gregorian.
 * @internal
 */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * The date `months` whole months after `date`. A day the target month lacks (31 April, 29
 * February in a common year) becomes the first of the next month, as birthdays do: someone born
 * on 29 February is a year older on 1 March in common years.
 * @internal
 */
export function monthAnniversary(date: CalendarDay, months: number): CalendarDay {
  const total = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  if (date.day <= daysInMonth(year, month)) return { year, month, day: date.day };
  return month === 12 ? { year: year + 1, month: 1, day: 1 } : { year, month: month + 1, day: 1 };
}

/**
 * Whole months from `from` to `to` (`to` not before `from`): how many month anniversaries of
 * `from` (see {@link monthAnniversary}) have been reached on `to`.
 * @internal
 */
export function wholeMonthsBetween(from: CalendarDay, to: CalendarDay): number {
  return (to.year - from.year) * 12 + (to.month - from.month) - (to.day < from.day ? 1 : 0);
}
