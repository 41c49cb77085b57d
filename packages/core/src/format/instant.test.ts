import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatClockTime, formatInstant } from './instant.js';

/** Intl puts narrow no-break spaces before AM/PM in some ICU versions: compare with plain spaces. */
const plain = (text: string) => text.replace(/\s/g, ' ');

describe('formatInstant', () => {
  it('writes the clinical style with a 24-hour clock in the time zone', () => {
    assert.equal(formatInstant('2013-04-02T09:30:10+01:00', { locale: 'en-US', timeZone: 'Europe/London' }), '02-Apr-2013 09:30');
    assert.equal(formatInstant('2024-07-01T09:30:00+02:00', { locale: 'de-DE', timeZone: 'Europe/Berlin' }), '01-Jul-2024 09:30');
    assert.equal(formatInstant('2024-07-01T09:30:00+02:00', { locale: 'de-DE', timeZone: 'UTC' }), '01-Jul-2024 07:30');
    assert.equal(formatInstant('2024-01-01T00:00:00Z', { locale: 'en-US', timeZone: 'UTC' }), '01-Jan-2024 00:00');
    assert.equal(formatInstant('2024-01-01T23:15:00Z', { locale: 'en-US', timeZone: 'UTC' }), '01-Jan-2024 23:15');
  });

  it('follows a daylight-saving change (Europe/London, 31 March 2024)', () => {
    const options = { locale: 'en-GB', timeZone: 'Europe/London' };
    assert.equal(formatInstant('2024-03-31T00:30:00Z', options), '31-Mar-2024 00:30');
    assert.equal(formatInstant('2024-03-31T01:30:00Z', options), '31-Mar-2024 02:30');
  });

  it('follows a daylight-saving change (America/New_York, 10 March 2024) and crosses midnight', () => {
    const options = { locale: 'en-US', timeZone: 'America/New_York' };
    assert.equal(formatInstant('2024-03-10T06:30:00Z', options), '10-Mar-2024 01:30');
    assert.equal(formatInstant('2024-03-10T07:30:00Z', options), '10-Mar-2024 03:30');
    assert.equal(formatInstant('2024-03-10T03:30:00Z', options), '09-Mar-2024 22:30');
  });

  it("writes the locale's medium date and short time in the locale style", () => {
    assert.equal(plain(formatInstant('2024-03-10T07:30:00Z', { locale: 'en-US', timeZone: 'America/New_York', style: 'locale' })), 'Mar 10, 2024, 3:30 AM');
    assert.equal(formatInstant('2024-03-10T07:30:00Z', { locale: 'en-GB', timeZone: 'UTC', style: 'locale' }), '10 Mar 2024, 07:30');
    assert.equal(formatInstant('2024-03-10T07:30:00Z', { locale: 'de-DE', timeZone: 'Europe/Berlin', style: 'locale' }), '10.03.2024, 08:30');
  });

  it('writes a dateTime without a time as a calendar date that no time zone moves', () => {
    assert.equal(formatInstant('1972-04-04', { locale: 'en-US', timeZone: 'Pacific/Kiritimati' }), '04-Apr-1972');
    assert.equal(formatInstant('1972-04-04', { locale: 'en-US', timeZone: 'Pacific/Pago_Pago', style: 'locale' }), 'Apr 4, 1972');
    assert.equal(formatInstant('2004', { locale: 'de-DE', timeZone: 'Europe/Berlin' }), '2004');
    assert.equal(formatInstant('2004-06', { locale: 'en-GB', timeZone: 'Europe/Berlin' }), 'Jun-2004');
  });

  it('reads missing as "Not recorded" and shows malformed text as recorded', () => {
    assert.equal(formatInstant(undefined, { locale: 'en-GB', timeZone: 'UTC' }), 'Not recorded');
    assert.equal(formatInstant('2024-01-01T10:00', { locale: 'en-GB', timeZone: 'UTC' }), '2024-01-01T10:00');
  });

  it('names an unknown time zone', () => {
    assert.throws(() => formatInstant('2024-01-01T00:00:00Z', { locale: 'en-GB', timeZone: 'Mars/Olympus_Mons' }), (error: unknown) => error instanceof RangeError && error.message.includes('Mars/Olympus_Mons'));
  });
});

describe('formatClockTime', () => {
  it('gives HH:mm in the time zone, 24-hour, across a DST change', () => {
    assert.equal(formatClockTime('2024-03-31T01:30:00Z', { locale: 'en-US', timeZone: 'Europe/London' }), '02:30');
    assert.equal(formatClockTime('2024-10-27T00:30:00Z', { locale: 'en-US', timeZone: 'Europe/London' }), '01:30');
    assert.equal(formatClockTime('2024-10-27T01:30:00Z', { locale: 'en-US', timeZone: 'Europe/London' }), '01:30');
    assert.equal(formatClockTime('2024-06-01T13:05:00Z', { locale: 'en-US', timeZone: 'UTC' }), '13:05');
  });

  it("uses the locale's clock in the locale style", () => {
    assert.equal(plain(formatClockTime('2024-06-01T13:05:00Z', { locale: 'en-US', timeZone: 'UTC', style: 'locale' })), '1:05 PM');
    assert.equal(formatClockTime('2024-06-01T13:05:00Z', { locale: 'de-DE', timeZone: 'UTC', style: 'locale' }), '13:05');
  });

  it('takes the clock from timeStyle apart from the date style', () => {
    // 13:05 UTC is 09:05 EDT in New York in June
    assert.equal(plain(formatInstant('2024-06-01T13:05:00Z', { locale: 'en-US', timeZone: 'America/New_York', timeStyle: 'locale' })), '01-Jun-2024 9:05 AM');
    assert.equal(formatInstant('2024-06-01T13:05:00Z', { locale: 'en-US', timeZone: 'America/New_York', timeStyle: '24h' }), '01-Jun-2024 09:05');
    assert.equal(plain(formatInstant('2024-06-01T21:05:00Z', { locale: 'en-US', timeZone: 'UTC', style: 'locale', timeStyle: '24h' })), 'Jun 1, 2024, 21:05');
    assert.equal(formatClockTime('2024-06-01T00:05:00Z', { locale: 'en-US', timeZone: 'UTC', style: 'locale', timeStyle: '24h' }), '00:05');
    assert.equal(plain(formatClockTime('2024-06-01T00:05:00Z', { locale: 'en-US', timeZone: 'UTC', timeStyle: 'locale' })), '12:05 AM');
    // a date without a time has no clock to write
    assert.equal(formatInstant('2024-06-01', { locale: 'en-US', timeZone: 'UTC', timeStyle: 'locale' }), '01-Jun-2024');
  });

  it('gives nothing for a date without a time and "Not recorded" for nothing', () => {
    assert.equal(formatClockTime('2024-06-01', { locale: 'en-US', timeZone: 'UTC' }), '');
    assert.equal(formatClockTime(undefined, { locale: 'en-US', timeZone: 'UTC' }), 'Not recorded');
  });
});
