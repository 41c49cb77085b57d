import { timeSpan } from '../billing/fhir-time.js';

/**
 * A FHIR `date` or `dateTime` as a number for ordering: the instant's epoch milliseconds, or the
 * first moment (UTC) of the first day a partial date covers. `undefined` when missing or
 * malformed. For sorting only: a calendar date is never displayed from this.
 * @internal
 */
export function timeKey(value: unknown): number | undefined {
  return typeof value === 'string' ? timeSpan(value)?.start : undefined;
}

/**
 * The first moment after a FHIR `date` or `dateTime` ends: the instant itself, or the day after
 * the last day a partial date covers (UTC).
 * @internal
 */
export function endKey(value: unknown): number | undefined {
  return typeof value === 'string' ? timeSpan(value)?.end : undefined;
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
