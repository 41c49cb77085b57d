import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { InvalidError } from '../store/errors.js';
import { addCalendarDays, assertTimeZone, parseCalendarDay, startOfZonedDay, weekdayOf, zonedTime } from './zoned-time.js';

const iso = (ms: number) => new Date(ms).toISOString();

describe('zoned time', () => {
  it('finds local midnight in the zone, not the machine zone', () => {
    // London is on GMT (+00:00) in January and on BST (+01:00) in July.
    assert.equal(iso(startOfZonedDay({ year: 2026, month: 1, day: 15 }, 'Europe/London')), '2026-01-15T00:00:00.000Z');
    assert.equal(iso(startOfZonedDay({ year: 2026, month: 7, day: 15 }, 'Europe/London')), '2026-07-14T23:00:00.000Z');
    assert.equal(iso(startOfZonedDay({ year: 2026, month: 7, day: 15 }, 'America/New_York')), '2026-07-15T04:00:00.000Z');
    assert.equal(iso(startOfZonedDay({ year: 2026, month: 7, day: 15 }, 'Asia/Kolkata')), '2026-07-14T18:30:00.000Z');
  });

  it('makes the spring-forward day 23 hours and the fall-back day 25 hours long', () => {
    const hours = (zone: string, day: { year: number; month: number; day: number }) =>
      (startOfZonedDay(addCalendarDays(day, 1), zone) - startOfZonedDay(day, zone)) / 3_600_000;
    // EU summer time 2026: starts Sunday 29 March, ends Sunday 25 October.
    assert.equal(hours('Europe/London', { year: 2026, month: 3, day: 29 }), 23);
    assert.equal(hours('Europe/London', { year: 2026, month: 10, day: 25 }), 25);
    assert.equal(hours('Europe/London', { year: 2026, month: 3, day: 28 }), 24);
    // US DST 2026: starts Sunday 8 March, ends Sunday 1 November.
    assert.equal(hours('America/New_York', { year: 2026, month: 3, day: 8 }), 23);
    assert.equal(hours('America/New_York', { year: 2026, month: 11, day: 1 }), 25);
  });

  it('starts a day whose midnight does not exist at the first local time that does', () => {
    // Cuba moves its clocks from 00:00 to 01:00 on the second Sunday of March (8 March 2026).
    const start = startOfZonedDay({ year: 2026, month: 3, day: 8 }, 'America/Havana');
    assert.equal(iso(start), '2026-03-08T05:00:00.000Z');
    assert.equal(zonedTime(start, 'America/Havana').time, '01:00');
  });

  it('tells the local day, time and offset of an instant', () => {
    const at = zonedTime(Date.parse('2026-03-29T00:30:00Z'), 'Europe/London');
    assert.deepEqual([at.date, at.time, at.offsetMinutes], ['2026-03-29', '00:30', 0]);
    const after = zonedTime(Date.parse('2026-03-29T01:30:00Z'), 'Europe/London');
    assert.deepEqual([after.date, after.time, after.offsetMinutes], ['2026-03-29', '02:30', 60]);
    const midnight = zonedTime(Date.parse('2026-07-14T23:00:00Z'), 'Europe/London');
    assert.deepEqual([midnight.date, midnight.time], ['2026-07-15', '00:00']);
  });

  it('reads calendar days without Date parsing and refuses impossible ones', () => {
    assert.deepEqual(parseCalendarDay('2024-02-29'), { year: 2024, month: 2, day: 29 });
    assert.equal(parseCalendarDay('2026-02-29'), undefined);
    assert.equal(parseCalendarDay('2026-2-1'), undefined);
    assert.equal(weekdayOf({ year: 2026, month: 3, day: 29 }), 0);
  });

  it('refuses an unknown time zone with an error naming it', () => {
    assert.throws(() => assertTimeZone('Mars/Olympus_Mons'), (e: unknown) => e instanceof InvalidError && /Mars\/Olympus_Mons/.test(e.message) && e.path === 'timeZone');
    assert.throws(() => assertTimeZone(''), InvalidError);
  });

  it('property: every day starts at local 00:00 (or the first minute after a skipped midnight) on that day, and days are 23 to 25 hours', () => {
    const zones = ['Europe/London', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'America/Havana', 'Pacific/Chatham'];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 30 }), fc.constantFrom(...zones), (offset, zone) => {
        const day = addCalendarDays({ year: 2000, month: 1, day: 1 }, offset);
        const start = startOfZonedDay(day, zone);
        const local = zonedTime(start, zone);
        const next = startOfZonedDay(addCalendarDays(day, 1), zone);
        const before = zonedTime(start - 60_000, zone);
        const length = (next - start) / 3_600_000;
        return local.date === `${String(day.year).padStart(4, '0')}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}` && before.date < local.date && length >= 23 && length <= 25;
      }),
      { numRuns: 300 },
    );
  });
});
