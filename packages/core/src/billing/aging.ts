/** An accounts-receivable aging bucket, by days since the amount was billed or adjudicated. */
export type AgingBucket = '0-30' | '31-60' | '61-90' | '90+';

/** The buckets in order. */
export const AGING_BUCKETS: readonly AgingBucket[] = ['0-30', '31-60', '61-90', '90+'];

/** Whole days from `from` to `asOf` (epoch milliseconds), counting full 24-hour periods; never negative. */
export function daysOutstanding(from: number, asOf: number): number {
  return Math.max(0, Math.floor((asOf - from) / 86_400_000));
}

/** The bucket of an age in days: 0–30, 31–60, 61–90, over 90. */
export function agingBucket(days: number): AgingBucket {
  if (days <= 30) return '0-30';
  if (days <= 60) return '31-60';
  if (days <= 90) return '61-90';
  return '90+';
}
