import { formatCalendarDate } from '@chartwell/core';
import type { DateStyle } from '@chartwell/core';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` is a real calendar day `YYYY-MM-DD`. */
export function isCalendarDay(text: string | undefined): text is string {
  const match = text === undefined ? null : DAY.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  return check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day;
}

/** The calendar day `days` after `date` (`YYYY-MM-DD`), by calendar arithmetic: no time zone involved. */
export function addDays(date: string, days: number): string {
  const match = DAY.exec(date);
  if (!match) return date;
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days)).toISOString().slice(0, 10);
}

/** Today's date in `timeZone`, `YYYY-MM-DD`. */
export function todayIn(timeZone: string, now = Date.now()): string {
  const parts = new Intl.DateTimeFormat('en-US-u-ca-gregory-nu-latn', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/**
 * A calendar day with its day of the week: `Sunday 10-Mar-2024` in the clinical style (the
 * weekday in the locale's words), the locale's full date (`Sunday, March 10, 2024`) otherwise.
 * Never throws: an unknown locale falls back to English words.
 */
export function formatDayWithWeekday(date: string, options: { readonly locale: string; readonly dateStyle: DateStyle }): string {
  const match = DAY.exec(date);
  if (!match) return date;
  const utc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  const format = (locale: string, intl: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, { ...intl, timeZone: 'UTC' }).format(utc);
  try {
    if (options.dateStyle === 'locale') return format(options.locale, { dateStyle: 'full' });
    return `${format(options.locale, { weekday: 'long' })} ${formatCalendarDate(date, { locale: options.locale })}`;
  } catch {
    return `${format('en', { weekday: 'long' })} ${formatCalendarDate(date, { locale: 'en' })}`;
  }
}
