import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ageInYears } from '@chartwell/fhir';
import { ageAt, formatAge } from './age.js';
import { dayNumber, monthAnniversary } from './calendar-day.js';

const on = (asOf: string, timeZone = 'UTC') => ({ asOf, timeZone });

describe('formatAge: the age bands of NHS PAB Table 7', () => {
  it('counts days under four weeks', () => {
    assert.equal(formatAge('2024-01-01', on('2024-01-01')), '0d');
    assert.equal(formatAge('2024-01-01', on('2024-01-13')), '12d');
    assert.equal(formatAge('2024-01-01', on('2024-01-28')), '27d');
  });

  it('counts weeks and days under a year, leaving out zero days', () => {
    assert.equal(formatAge('2024-01-01', on('2024-01-29')), '4w');
    assert.equal(formatAge('2024-01-01', on('2024-02-06')), '5w 1d');
    // 2024 is a leap year: 31 December is 365 days after 1 January
    assert.equal(formatAge('2024-01-01', on('2024-12-31')), '52w 1d');
  });

  it('counts months and days from one to two years', () => {
    assert.equal(formatAge('2024-01-01', on('2025-01-01')), '12m');
    assert.equal(formatAge('2024-01-01', on('2025-03-04')), '14m 3d');
    assert.equal(formatAge('2024-01-31', on('2025-03-01')), '13m');
    assert.equal(formatAge('2024-01-01', on('2025-12-31')), '23m 30d');
  });

  it('counts years and months from two to eighteen, then years', () => {
    assert.equal(formatAge('2020-06-15', on('2026-11-26')), '6y 5m');
    assert.equal(formatAge('2020-06-15', on('2026-06-14')), '5y 11m');
    assert.equal(formatAge('2020-06-15', on('2022-06-15')), '2y');
    assert.equal(formatAge('2008-12-01', on('2026-11-26')), '17y 11m');
    assert.equal(formatAge('2008-12-01', on('2026-12-01')), '18y');
    assert.equal(formatAge('1972-04-04', on('2026-04-03')), '53y');
    assert.equal(formatAge('1972-04-04', on('2026-04-04')), '54y');
  });

  it('makes someone born on 29 February older on 1 March in common years', () => {
    assert.equal(formatAge('2020-02-29', on('2021-02-28')), '52w 1d');
    assert.equal(formatAge('2020-02-29', on('2021-03-01')), '12m');
    assert.equal(formatAge('2000-02-29', on('2025-02-28')), '24y');
    assert.equal(formatAge('2000-02-29', on('2025-03-01')), '25y');
  });

  it('counts minutes and hours from a birth time, by elapsed time across a DST change', () => {
    // New York springs forward at 02:00 on 10 March 2024: 01:00 EST to 05:00 EDT is 3 hours
    const birth = { birthTime: '2024-03-10T01:00:00-05:00', timeZone: 'America/New_York' };
    assert.equal(formatAge('2024-03-10', { ...birth, asOf: '2024-03-10T05:00:00-04:00' }), '3hr');
    assert.equal(formatAge('2024-03-10', { ...birth, asOf: '2024-03-10T07:30:00Z' }), '90min');
    assert.equal(formatAge('2024-03-10', { ...birth, asOf: '2024-03-10T06:00:00Z' }), '0min');
    assert.equal(formatAge('2024-03-10', { ...birth, asOf: '2024-03-12T05:59:00Z' }), '47hr');
    assert.equal(formatAge('2024-03-10', { ...birth, asOf: '2024-03-12T06:00:00Z' }), '2d');
    assert.equal(formatAge('2024-03-10', { ...birth, asOf: '2024-03-10T05:00:00Z' }), '');
  });

  it('counts days without a birth time', () => {
    assert.equal(formatAge('2024-03-10', { asOf: '2024-03-10T23:00:00-04:00', timeZone: 'America/New_York' }), '0d');
    assert.equal(formatAge('2024-03-10', { asOf: '2024-03-11T03:00:00Z', timeZone: 'America/New_York' }), '0d');
    assert.equal(formatAge('2024-03-10', { asOf: '2024-03-11T03:00:00Z', timeZone: 'UTC' }), '1d');
  });

  it("takes today's date in the time zone given", () => {
    const asOf = new Date(Date.UTC(2026, 10, 26, 23, 30)); // already 27 November in Auckland
    assert.equal(formatAge('2008-11-27', { asOf, timeZone: 'Pacific/Auckland' }), '18y');
    assert.equal(formatAge('2008-11-27', { asOf, timeZone: 'UTC' }), '17y 11m');
  });

  it('gives the range of whole years a partial date allows', () => {
    assert.equal(formatAge('1980', on('2026-06-01')), '45–46y');
    assert.equal(formatAge('1980-07', on('2026-06-01')), '45y');
    assert.equal(formatAge('1974-12', on('2026-12-15')), '51–52y');
    assert.equal(formatAge('2000-06-01', on('2026')), '25–26y');
    assert.deepEqual(ageAt('1980', on('2026-06-01')), { parts: [{ unit: 'years', value: 45 }], yearRange: { min: 45, max: 46 } });
  });

  it('gives nothing for a missing, malformed or future birth date', () => {
    assert.equal(formatAge(undefined, on('2026-01-01')), '');
    assert.equal(formatAge('1980-13', on('2026-01-01')), '');
    assert.equal(formatAge('2027-01-01', on('2026-01-01')), '');
    assert.equal(formatAge('2020-01-01', on('not a date')), '');
    assert.equal(formatAge('2020-01-01', { asOf: new Date(Number.NaN), timeZone: 'UTC' }), '');
  });
});

describe('ageAt: date arithmetic (properties)', () => {
  const day = fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2100, 11, 31)), noInvalidDate: true });
  const text = (d: Date) => d.toISOString().slice(0, 10);
  const pair = fc.tuple(day, day).map(([a, b]): [Date, Date] => (a <= b ? [a, b] : [b, a]));

  it('agrees with ageInYears on whole years', () => {
    fc.assert(
      fc.property(pair, ([birth, asOf]) => {
        const age = ageAt(text(birth), on(text(asOf)));
        assert.ok(age);
        const years = ageInYears(text(birth), text(asOf));
        const shownYears = age.parts.find((part) => part.unit === 'years')?.value;
        const months = age.parts.find((part) => part.unit === 'months')?.value ?? 0;
        if (shownYears !== undefined) assert.equal(shownYears, years?.min);
        else assert.equal(years?.min, months >= 12 ? 1 : 0);
      }),
    );
  });

  it('adds back up: birth + the parts is the day the age is taken', () => {
    fc.assert(
      fc.property(pair, ([birth, asOf]) => {
        const age = ageAt(text(birth), on(text(asOf)));
        assert.ok(age);
        const value = (unit: string) => age.parts.find((part) => part.unit === unit)?.value ?? 0;
        const b = { year: birth.getUTCFullYear(), month: birth.getUTCMonth() + 1, day: birth.getUTCDate() };
        const a = { year: asOf.getUTCFullYear(), month: asOf.getUTCMonth() + 1, day: asOf.getUTCDate() };
        const elapsed = dayNumber(a) - dayNumber(b);
        const units = age.parts.map((part) => part.unit).join(' ');
        if (units === 'days' || units === 'weeks days' || units === 'weeks') {
          assert.equal(value('weeks') * 7 + value('days'), elapsed);
          assert.ok(elapsed < 366);
        } else {
          const months = value('years') * 12 + value('months');
          const anniversary = monthAnniversary(b, months);
          if (value('years') === 0) assert.equal(dayNumber(anniversary) + value('days'), dayNumber(a));
          else assert.ok(dayNumber(anniversary) <= dayNumber(a) && value('days') === 0, 'years are not shown with days');
          const step = value('years') >= 18 ? 12 : 1; // adults are counted in whole years only
          assert.ok(dayNumber(monthAnniversary(b, months + step)) > dayNumber(a), 'no further whole unit fits');
          if (value('years') < 2) assert.equal(value('years'), 0);
          if (value('years') >= 18) assert.equal(value('months'), 0);
        }
      }),
    );
  });

  it('never shrinks as time passes', () => {
    fc.assert(
      fc.property(pair, fc.integer({ min: 0, max: 4000 }), ([birth, asOf], later) => {
        const next = new Date(asOf.getTime() + later * 86_400_000);
        const total = (d: Date) => {
          const age = ageAt(text(birth), on(text(d)));
          assert.ok(age);
          const v = (unit: string) => age.parts.find((part) => part.unit === unit)?.value ?? 0;
          // an order-preserving key: years, months, weeks, days
          return ((v('years') * 12 + v('months')) * 100 + v('weeks')) * 10 + v('days');
        };
        const a = ageAt(text(birth), on(text(asOf)));
        const b = ageAt(text(birth), on(text(next)));
        assert.ok(a && b);
        const band = (x: typeof a) => (x.parts.some((p) => p.unit === 'years' || p.unit === 'months') ? 1 : 0);
        if (band(a) === band(b)) assert.ok(total(next) >= total(asOf));
        else assert.ok(band(b) > band(a));
      }),
    );
  });
});
