import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { periodCovers } from './period-covers.js';

const at = (instant: string) => new Date(instant);

describe('periodCovers', () => {
  it('a date end covers its whole day, month or year (UTC)', () => {
    assert.equal(periodCovers({ end: '2016-01-01' }, at('2016-01-01T23:59:59Z')), true);
    assert.equal(periodCovers({ end: '2016-01-01' }, at('2016-01-02T00:00:00Z')), false);
    assert.equal(periodCovers({ end: '2016-02' }, at('2016-02-29T12:00:00Z')), true);
    assert.equal(periodCovers({ end: '2016' }, at('2016-12-31T23:00:00Z')), true);
    assert.equal(periodCovers({ end: '2016' }, at('2017-01-01T00:00:00Z')), false);
  });

  it('a start is inclusive; missing or malformed bounds are open', () => {
    assert.equal(periodCovers({ start: '1964-01-01' }, at('1963-12-31T23:59:59Z')), false);
    assert.equal(periodCovers({ start: '1964-01-01' }, at('1964-01-01T00:00:00Z')), true);
    assert.equal(periodCovers({ start: '2020-05-01T10:00:00+02:00', end: '2020-05-01T11:00:00+02:00' }, at('2020-05-01T08:30:00Z')), true);
    assert.equal(periodCovers(undefined, at('2020-01-01T00:00:00Z')), true);
    assert.equal(periodCovers({ end: 'soon' }, at('2020-01-01T00:00:00Z')), true);
  });
});
