import type { Period } from '../generated/datatypes.js';
import type { Check } from '../schema/builders.js';
import { invariant } from '../schema/issue.js';

const DATE_PREFIX = /^\d{4}(-\d{2}(-\d{2})?)?(T|$)/;

/**
 * Compares two FHIR date/dateTime strings as FHIRPath does, closely enough for invariants:
 * negative, zero or positive; `undefined` when the answer depends on precision the values do
 * not have (`2020` against `2020-05-03`) or when either is malformed (format checks report that).
 */
export function compareDateTimes(a: string, b: string): number | undefined {
  if (!DATE_PREFIX.test(a) || !DATE_PREFIX.test(b)) return undefined;
  const timeA = a.includes('T');
  const timeB = b.includes('T');
  if (timeA && timeB) {
    const ms = Date.parse(a) - Date.parse(b);
    return Number.isNaN(ms) ? undefined : ms;
  }
  const dateA = a.slice(0, 10);
  const dateB = b.slice(0, 10);
  const common = Math.min(timeA ? 10 : dateA.length, timeB ? 10 : dateB.length);
  const prefixA = dateA.slice(0, common);
  const prefixB = dateB.slice(0, common);
  if (prefixA !== prefixB) return prefixA < prefixB ? -1 : 1;
  return timeA === timeB && dateA.length === dateB.length ? 0 : undefined;
}

const DATE_TIME = /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?)?)?$/;

/**
 * per-1: if present, start SHALL have a lower value than end. As in FHIRPath, values of
 * different precision that agree as far as both go (`2023-06-21` and `2023-06-21T06:20:00Z`)
 * cannot be ordered, so the constraint is not met; that is what the reference validator reports.
 */
export const per1: Check<Period> = (period, ctx) => {
  if (typeof period.start !== 'string' || typeof period.end !== 'string') return;
  if (!DATE_TIME.test(period.start) || !DATE_TIME.test(period.end)) return; // the format check reports these
  const order = compareDateTimes(period.start, period.end);
  if (order === undefined || order > 0) {
    invariant(ctx, [], 'per-1', 'If present, start SHALL have a lower value than end');
  }
};
