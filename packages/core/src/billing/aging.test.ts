import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AGING_BUCKETS, agingBucket, daysOutstanding } from './aging.js';

describe('aging', () => {
  it('puts the bucket edges where billing offices do: 30, 31, 60, 61, 90, 91', () => {
    assert.deepEqual([0, 30, 31, 60, 61, 90, 91, 400].map(agingBucket), ['0-30', '0-30', '31-60', '31-60', '61-90', '61-90', '90+', '90+']);
  });

  it('counts whole days and never goes negative', () => {
    const day = 86_400_000;
    assert.equal(daysOutstanding(0, 31 * day - 1), 30);
    assert.equal(daysOutstanding(0, 31 * day), 31);
    assert.equal(daysOutstanding(5 * day, 0), 0);
  });

  it('property: buckets never go down as days go up', () => {
    fc.assert(fc.property(fc.nat(10_000), fc.nat(10_000), (a, b) => {
      const [low, high] = a <= b ? [a, b] : [b, a];
      return AGING_BUCKETS.indexOf(agingBucket(low)) <= AGING_BUCKETS.indexOf(agingBucket(high));
    }));
  });
});
