import { parseDateTime } from '@chartwell/fhir';

/**
 * The span of time a FHIR `date` / `dateTime` / `instant` covers, in epoch milliseconds: an
 * instant is itself; `2014`, `2014-08` and `2014-08-16` run from the start of that year, month or
 * day to the start of the next, in UTC (a calendar date has no zone; billing ages and coverage
 * periods are whole days, so UTC is the neutral reading). Undefined for text that is none of these.
 */
export function timeSpan(text: string | undefined): { readonly start: number; readonly end: number } | undefined {
  if (text === undefined) return undefined;
  const parsed = parseDateTime(text);
  if (parsed === undefined) return undefined;
  if (parsed.precision === 'second') return { start: parsed.epochMilliseconds, end: parsed.epochMilliseconds };
  if (parsed.precision === 'year') return { start: utc(parsed.year, 0, 1), end: utc(parsed.year + 1, 0, 1) };
  if (parsed.precision === 'month') return { start: utc(parsed.year, parsed.month - 1, 1), end: utc(parsed.year, parsed.month, 1) };
  return { start: utc(parsed.year, parsed.month - 1, parsed.day), end: utc(parsed.year, parsed.month - 1, parsed.day + 1) };
}

/** Midnight UTC of a calendar day (months and days may overflow, as in Date.UTC); years below 100 stay themselves, unlike Date.UTC's. */
function utc(year: number, monthIndex: number, day: number): number {
  const moment = new Date(0);
  moment.setUTCFullYear(year, monthIndex, day);
  return moment.getTime();
}
