import type { Period } from '@chartwell/fhir';
import { parseDateTime } from '@chartwell/fhir';
import { NOT_RECORDED } from './format-options.js';
import { formatClockTime, formatInstant } from './instant.js';
import type { InstantOptions } from './instant.js';
import { zonedFields } from './intl-cache.js';

function sameZonedDay(start: string, end: string, timeZone: string): boolean {
  const a = parseDateTime(start);
  const b = parseDateTime(end);
  if (a?.precision !== 'second' || b?.precision !== 'second') return false;
  const x = zonedFields(a.epochMilliseconds, timeZone);
  const y = zonedFields(b.epochMilliseconds, timeZone);
  return x.year === y.year && x.month === y.month && x.day === y.day;
}

/**
 * A Period with each end written by {@link formatInstant} in the time zone: `04-Apr-1972 –
 * 10-Apr-1972`; within one day the date is written once (`04-Apr-1972 09:00 – 09:30`); an open
 * period reads `From 04-Apr-1972` or `Until 10-Apr-1972`. Partial dates keep their precision.
 * A period with neither end reads {@link NOT_RECORDED}; never throws on record data.
 *
 * @example
 * formatPeriod({ start: '2024-01-05T09:00:00Z', end: '2024-01-05T09:30:00Z' }, { locale: 'en-GB', timeZone: 'UTC' });
 * // '05-Jan-2024 09:00 – 09:30'
 *
 * @category Formatting
 */
export function formatPeriod(period: Period | undefined, options: InstantOptions): string {
  if (typeof period !== 'object' || period === null) return NOT_RECORDED;
  const start = typeof period.start === 'string' && period.start.trim() !== '' ? period.start : undefined;
  const end = typeof period.end === 'string' && period.end.trim() !== '' ? period.end : undefined;
  if (start === undefined && end === undefined) return NOT_RECORDED;
  if (start === undefined) return `Until ${formatInstant(end, options)}`;
  if (end === undefined) return `From ${formatInstant(start, options)}`;
  const from = formatInstant(start, options);
  const to = sameZonedDay(start, end, options.timeZone) ? formatClockTime(end, options) : formatInstant(end, options);
  return `${from} – ${to}`;
}
