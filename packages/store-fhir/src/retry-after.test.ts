import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { retryAfterMs } from '@chartwell/store-fhir';

describe('retryAfterMs', () => {
  it('reads delta-seconds and HTTP dates (RFC 9110 §10.2.3)', () => {
    assert.equal(retryAfterMs('120'), 120_000);
    assert.equal(retryAfterMs(' 0 '), 0);
    const now = Date.parse('2026-10-21T07:27:30Z');
    assert.equal(retryAfterMs('Wed, 21 Oct 2026 07:28:00 GMT', now), 30_000);
  });

  it('never gives a negative wait, and undefined for nothing or nonsense', () => {
    assert.equal(retryAfterMs('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('2026-01-01T00:00:00Z')), 0);
    assert.equal(retryAfterMs(null), undefined);
    assert.equal(retryAfterMs(undefined), undefined);
    assert.equal(retryAfterMs('soon'), undefined);
    assert.equal(retryAfterMs('-5'), undefined);
  });
});
