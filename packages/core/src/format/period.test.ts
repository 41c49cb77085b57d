import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatPeriod } from './period.js';

const utc = { locale: 'en-GB', timeZone: 'UTC' };

describe('formatPeriod', () => {
  it('writes both ends, and the date once within one day', () => {
    assert.equal(formatPeriod({ start: '2024-01-05T09:00:00Z', end: '2024-01-05T09:30:00Z' }, utc), '05-Jan-2024 09:00 – 09:30');
    assert.equal(formatPeriod({ start: '2024-01-05T23:30:00Z', end: '2024-01-06T00:30:00Z' }, utc), '05-Jan-2024 23:30 – 06-Jan-2024 00:30');
    assert.equal(formatPeriod({ start: '1974-12-25', end: '1975-01' }, utc), '25-Dec-1974 – Jan-1975');
  });

  it('judges "one day" in the time zone given', () => {
    const period = { start: '2024-01-05T23:30:00Z', end: '2024-01-06T00:30:00Z' };
    assert.equal(formatPeriod(period, { locale: 'de-DE', timeZone: 'Europe/Berlin' }), '06-Jan-2024 00:30 – 01:30');
  });

  it('writes open periods with From and Until, and nothing as Not recorded', () => {
    assert.equal(formatPeriod({ start: '1974-12-25' }, utc), 'From 25-Dec-1974');
    assert.equal(formatPeriod({ end: '2002' }, utc), 'Until 2002');
    assert.equal(formatPeriod({}, utc), 'Not recorded');
    assert.equal(formatPeriod(undefined, utc), 'Not recorded');
  });
});
