import { parseDateTime } from '@chartwell/fhir';
import { timeSpan } from '../billing/fhir-time.js';

/**
 * A FHIR `date` or `dateTime` as a number for ordering: the instant's epoch milliseconds, or the
 * first moment (UTC) of the first day a partial date covers. `undefined` when missing or
 * malformed. For sorting only: a calendar date is never displayed from this.
 * @internal
 */
export function timeKey(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const parsed = parseDateTime(value);
  if (!parsed) return undefined;
  if (parsed.precision === 'second') return parsed.epochMilliseconds;
  const moment = new Date(0);
  moment.setUTCFullYear(parsed.year, (parsed.month ?? 1) - 1, parsed.day ?? 1);
  return moment.getTime();
}

/**
 * The first moment after a FHIR `date` or `dateTime` ends: the instant itself, or the day after
 * the last day a partial date covers (UTC).
 * @internal
 */
export function endKey(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const parsed = parseDateTime(value);
  if (!parsed) return undefined;
  if (parsed.precision === 'second') return parsed.epochMilliseconds;
  const moment = new Date(0);
  if (parsed.precision === 'year') moment.setUTCFullYear(parsed.year + 1, 0, 1);
  else if (parsed.precision === 'month') moment.setUTCFullYear(parsed.year, parsed.month, 1);
  else moment.setUTCFullYear(parsed.year, parsed.month - 1, parsed.day + 1);
  return moment.getTime();
}

/**
 * Newest first by a key, items without one last.
 * @internal
 */
export function newestFirst<T>(key: (item: T) => number | undefined): (a: T, b: T) => number {
  return (a, b) => {
    const left = key(a);
    const right = key(b);
    if (left === undefined || right === undefined) return (left === undefined ? 1 : 0) - (right === undefined ? 1 : 0);
    return right - left;
  };
}

/**
 * Newest first by a recorded time (partial dates by their start), undated last, then by id.
 * @internal
 */
export function newestRecordedFirst<T extends { readonly id: string }>(time: (item: T) => string | undefined): (a: T, b: T) => number {
  const byTime = newestFirst<T>((item) => timeSpan(time(item))?.start);
  return (a, b) => byTime(a, b) || a.id.localeCompare(b.id);
}
