import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  ageInYears,
  comparePartialDates,
  comparePartialDatesForSort,
  formatPartialDate,
  parsePartialDate,
  partialDateRange,
} from './partial-date.js';
import type { PartialDate } from './partial-date.js';
import { fixtureJson } from '../../../../test/support/fixtures.js';

// The FHIR R4 `date` regex, verbatim from the spec, as the oracle for the grammar.
const SPEC_DATE = /^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1]))?)?$/;

// The JS Date in UTC is the independent oracle for the calendar (setUTCFullYear, unlike Date.UTC,
// takes years below 100 as they are).
function utcDay(year: number, month: number, day: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date;
}
function existsInCalendar(year: number, month: number, day: number): boolean {
  const date = utcDay(year, month, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** Every valid FHIR date text, at every precision, from year 0001 to 9999. */
function dateText(years: fc.Arbitrary<number>): fc.Arbitrary<string> {
  return years.chain((year) =>
    fc.oneof(
      fc.constant(pad(year, 4)),
      fc.integer({ min: 1, max: 12 }).chain((month) =>
        fc.oneof(
          fc.constant(`${pad(year, 4)}-${pad(month, 2)}`),
          fc
            .integer({ min: 1, max: utcDay(year, month + 1, 0).getUTCDate() })
            .map((day) => `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`),
        ),
      ),
    ),
  );
}
const anyDate = dateText(fc.integer({ min: 1, max: 9999 }));
// Few years, so that containment and equality come up often.
const denseDate = dateText(fc.integer({ min: 2019, max: 2021 }));

/** The first and last day a date text covers, worked out with the Date oracle. */
function oracleRange(text: string): { first: string; last: string } {
  const [year = 0, month, day] = text.split('-').map(Number);
  if (month === undefined) return { first: isoDay(utcDay(year, 1, 1)), last: isoDay(utcDay(year + 1, 1, 0)) };
  if (day === undefined) return { first: isoDay(utcDay(year, month, 1)), last: isoDay(utcDay(year, month + 1, 0)) };
  return { first: text, last: text };
}

describe('parsePartialDate', () => {
  it('reads each precision', () => {
    assert.deepEqual(parsePartialDate('1974-12-25'), { precision: 'day', year: 1974, month: 12, day: 25 });
    assert.deepEqual(parsePartialDate('1974-12'), { precision: 'month', year: 1974, month: 12 });
    assert.deepEqual(parsePartialDate('1963'), { precision: 'year', year: 1963 });
    assert.deepEqual(parsePartialDate('0001'), { precision: 'year', year: 1 });
    assert.deepEqual(parsePartialDate('9999-12-31'), { precision: 'day', year: 9999, month: 12, day: 31 });
  });

  it('reads the partial onset of the R4 AllergyIntolerance example', () => {
    const allergy = fixtureJson<{ onsetDateTime: string }>('fhir/AllergyIntolerance-example.json');
    assert.equal(allergy.onsetDateTime, '2004');
    assert.deepEqual(parsePartialDate(allergy.onsetDateTime), { precision: 'year', year: 2004 });
  });

  it('checks the real calendar, leap years included', () => {
    assert.equal(parsePartialDate('2021-02-30'), undefined);
    assert.equal(parsePartialDate('2019-02-29'), undefined);
    assert.equal(parsePartialDate('1900-02-29'), undefined, '1900 is divisible by 100 but not 400');
    assert.equal(parsePartialDate('2021-04-31'), undefined);
    assert.equal(parsePartialDate('2021-06-31'), undefined);
    assert.equal(parsePartialDate('2021-09-31'), undefined);
    assert.equal(parsePartialDate('2021-11-31'), undefined);
    assert.equal(parsePartialDate('2024-02-29')?.day, 29);
    assert.equal(parsePartialDate('2000-02-29')?.day, 29, '2000 is divisible by 400');
    assert.equal(parsePartialDate('2021-01-31')?.day, 31);
  });

  it('gives undefined for text outside the grammar', () => {
    for (const text of [
      '',
      '0000',
      '0000-01-01',
      '2021-00',
      '2021-13',
      '2021-01-00',
      '2021-01-32',
      '202',
      '20210',
      '2021-1',
      '2021-01-1',
      '2021/01/01',
      ' 2021',
      '2021 ',
      '2021\n',
      '+2021',
      '-2021',
      '2021-01-01T00:00:00Z',
      '２０２１', // full-width digits are not [0-9]
      '٢٠٢١', // nor Arabic-Indic ones
    ]) {
      assert.equal(parsePartialDate(text), undefined, JSON.stringify(text));
    }
  });

  it('accepts exactly the spec regex, less the days the calendar lacks, and formats back to the same text', () => {
    fc.assert(
      fc.property(fc.stringMatching(SPEC_DATE), (text) => {
        const [year = 0, month, day] = text.split('-').map(Number);
        const valid = month === undefined || day === undefined || existsInCalendar(year, month, day);
        const parsed = parsePartialDate(text);
        assert.equal(parsed !== undefined, valid, text);
        if (parsed) assert.equal(formatPartialDate(parsed), text);
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips every valid date, and the parts are the digits written', () => {
    fc.assert(
      fc.property(anyDate, (text) => {
        const parsed = parsePartialDate(text);
        assert.ok(parsed, text);
        assert.equal(formatPartialDate(parsed), text);
        const [year, month, day] = text.split('-').map(Number);
        assert.equal(parsed.year, year);
        assert.equal(parsed.month, month);
        assert.equal(parsed.day, day);
        assert.equal(parsed.precision, ['year', 'month', 'day'][text.split('-').length - 1]);
      }),
    );
  });

  it('never throws, and accepts nothing the spec regex rejects', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.stringMatching(/^[0-9-]{1,11}$/)), (text) => {
        const parsed = parsePartialDate(text);
        if (!SPEC_DATE.test(text)) assert.equal(parsed, undefined, text);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.anything(), (value) => {
        // strings are covered above; any other value gives undefined
        if (typeof value === 'string') return;
        assert.equal(parsePartialDate(value as string), undefined);
      }),
    );
  });
});

describe('formatPartialDate', () => {
  it('pads each part to its width', () => {
    assert.equal(formatPartialDate({ precision: 'day', year: 476, month: 9, day: 4 }), '0476-09-04');
    assert.equal(formatPartialDate({ precision: 'month', year: 2024, month: 2 }), '2024-02');
    assert.equal(formatPartialDate({ precision: 'year', year: 1963 }), '1963');
  });

  it('gives an empty string for an object that is no valid date, without throwing', () => {
    for (const date of [
      { precision: 'day', year: 2021, month: 2, day: 30 },
      { precision: 'month', year: 2021, month: 13 },
      { precision: 'year', year: 0 },
      { precision: 'year', year: 10000 },
      { precision: 'year', year: 2020.5 },
      { precision: 'year', year: -1 },
      { precision: 'month', year: 2021 },
      { precision: 'year', year: 2021, month: 3 },
      { precision: 'day', year: '2021', month: 1, day: 1 },
      { precision: 'week', year: 2021 },
      { year: 2021 },
      null,
      undefined,
      'not a date',
    ]) {
      assert.equal(formatPartialDate(date as PartialDate), '', JSON.stringify(date));
    }
  });
});

describe('partialDateRange', () => {
  it('covers every day of the period, leap days included', () => {
    assert.deepEqual(partialDateRange('1980'), { first: '1980-01-01', last: '1980-12-31' });
    assert.deepEqual(partialDateRange('2024-02'), { first: '2024-02-01', last: '2024-02-29' });
    assert.deepEqual(partialDateRange('2023-02'), { first: '2023-02-01', last: '2023-02-28' });
    assert.deepEqual(partialDateRange('1900-02'), { first: '1900-02-01', last: '1900-02-28' });
    assert.deepEqual(partialDateRange('2021-04'), { first: '2021-04-01', last: '2021-04-30' });
    assert.deepEqual(partialDateRange('1974-12-25'), { first: '1974-12-25', last: '1974-12-25' });
    assert.deepEqual(partialDateRange('0001'), { first: '0001-01-01', last: '0001-12-31' });
    assert.deepEqual(partialDateRange('9999-12'), { first: '9999-12-01', last: '9999-12-31' });
    assert.deepEqual(partialDateRange({ precision: 'month', year: 1974, month: 12 }), {
      first: '1974-12-01',
      last: '1974-12-31',
    });
  });

  it('gives undefined for a malformed date', () => {
    assert.equal(partialDateRange('2021-02-30'), undefined);
    assert.equal(partialDateRange(''), undefined);
    assert.equal(partialDateRange({ precision: 'month', year: 2021, month: 13 }), undefined);
    assert.equal(partialDateRange(null as unknown as string), undefined);
  });

  it('agrees with the calendar for every date', () => {
    fc.assert(
      fc.property(anyDate, (text) => {
        assert.deepEqual(partialDateRange(text), oracleRange(text));
      }),
    );
  });
});

describe('comparePartialDates', () => {
  it('orders disjoint dates and reports containment as overlap', () => {
    assert.equal(comparePartialDates('2003-12', '2004'), -1);
    assert.equal(comparePartialDates('2004', '2003-12-31'), 1);
    assert.equal(comparePartialDates('2004-01-01', '2003-12-31'), 1);
    assert.equal(comparePartialDates('2004', '2004-06-15'), 'overlap');
    assert.equal(comparePartialDates('2004-06-15', '2004'), 'overlap');
    assert.equal(comparePartialDates('2020-03', '2020-03-01'), 'overlap');
    assert.equal(comparePartialDates('2020-03', '2020'), 'overlap');
    assert.equal(comparePartialDates('2020-03', '2020-04-01'), -1);
    assert.equal(comparePartialDates('2020', '2020'), 0);
    assert.equal(comparePartialDates('1974-12-25', { precision: 'day', year: 1974, month: 12, day: 25 }), 0);
  });

  it('gives undefined when either date is malformed', () => {
    assert.equal(comparePartialDates('2004', 'soon'), undefined);
    assert.equal(comparePartialDates('2021-02-30', '2004'), undefined);
  });

  it('agrees with the days each date covers', () => {
    fc.assert(
      fc.property(denseDate, denseDate, (a, b) => {
        const left = oracleRange(a);
        const right = oracleRange(b);
        const expected =
          left.last < right.first ? -1 : left.first > right.last ? 1 : a === b ? 0 : 'overlap';
        assert.equal(comparePartialDates(a, b), expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('is antisymmetric, and transitive where it gives an order', () => {
    fc.assert(
      fc.property(denseDate, denseDate, denseDate, (a, b, c) => {
        const ab = comparePartialDates(a, b);
        const ba = comparePartialDates(b, a);
        assert.equal(ab === 'overlap' ? ba : ab === undefined ? undefined : -ab || 0, ba);
        assert.equal(ab === 0, a === b);
        const bc = comparePartialDates(b, c);
        if (ab === -1 && bc === -1) assert.equal(comparePartialDates(a, c), -1);
        if (ab === 1 && bc === 1) assert.equal(comparePartialDates(a, c), 1);
        if (ab === 0) assert.equal(comparePartialDates(a, c), bc);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('comparePartialDatesForSort', () => {
  it('sorts oldest first, a coarser date before the finer ones it contains, malformed and missing last', () => {
    const sorted = ['2020-02', '2020-01-02', 'soon', '2020-01-01', undefined, '2020', '2019-12-31', '2020-01'].sort(
      comparePartialDatesForSort,
    );
    assert.deepEqual(sorted, ['2019-12-31', '2020', '2020-01', '2020-01-01', '2020-01-02', '2020-02', 'soon', undefined]);
  });

  it('is a total order that agrees with comparePartialDates', () => {
    const sign = (n: number) => (n > 0 ? 1 : n < 0 ? -1 : 0);
    fc.assert(
      fc.property(denseDate, denseDate, denseDate, (a, b, c) => {
        const ab = sign(comparePartialDatesForSort(a, b));
        const bc = sign(comparePartialDatesForSort(b, c));
        assert.equal(sign(comparePartialDatesForSort(b, a)), -ab || 0);
        assert.equal(ab === 0, a === b);
        if (ab <= 0 && bc <= 0) assert.ok(comparePartialDatesForSort(a, c) <= 0);
        const order = comparePartialDates(a, b);
        if (typeof order === 'number') assert.equal(ab, order);
      }),
      { numRuns: 2000 },
    );
  });
});

/** Age by counting birthdays with the Date oracle: 29 February rolls over to 1 March in common years. */
function oracleAge(birth: string, on: string): number {
  const [year = 0, month = 0, day = 0] = birth.split('-').map(Number);
  // Start a year short of the difference in years (never below 0), then count birthdays.
  let age = Math.max(0, Number(on.slice(0, 4)) - year - 1);
  while (isoDay(utcDay(year + age + 1, month, day)) <= on) age += 1;
  return age;
}

describe('ageInYears', () => {
  it('gives the range a year of birth allows', () => {
    assert.deepEqual(ageInYears('1980', '2026-06-01'), { min: 45, max: 46 });
    assert.deepEqual(ageInYears('1980-06', '2026-06-15'), { min: 45, max: 46 });
    assert.deepEqual(ageInYears('1980-06', '2026-07-01'), { min: 46, max: 46 });
    assert.deepEqual(ageInYears('1980-06', '2026-05-31'), { min: 45, max: 45 });
  });

  it('gives an exact age for a full birth date, turning a year older on the birthday', () => {
    // Patient/example of the R4 examples was born on 1974-12-25.
    assert.deepEqual(ageInYears('1974-12-25', '2026-06-01'), { min: 51, max: 51 });
    assert.deepEqual(ageInYears('1974-12-25', '2025-12-24'), { min: 50, max: 50 });
    assert.deepEqual(ageInYears('1974-12-25', '2025-12-25'), { min: 51, max: 51 });
    assert.deepEqual(ageInYears('1974-12-25', '1974-12-25'), { min: 0, max: 0 });
  });

  it('counts a 29 February birthday on 1 March in common years', () => {
    assert.deepEqual(ageInYears('2000-02-29', '2001-02-28'), { min: 0, max: 0 });
    assert.deepEqual(ageInYears('2000-02-29', '2001-03-01'), { min: 1, max: 1 });
    assert.deepEqual(ageInYears('2000-02-29', '2004-02-28'), { min: 3, max: 3 });
    assert.deepEqual(ageInYears('2000-02-29', '2004-02-29'), { min: 4, max: 4 });
  });

  it('takes a partial date of the event too, such as the onset of the R4 allergy example', () => {
    // Born 1974-12-25; onset "2004": from 2004-01-01 (29) to 2004-12-31 (30).
    assert.deepEqual(ageInYears('1974-12-25', '2004'), { min: 29, max: 30 });
  });

  it('starts at 0 when the dates overlap, and gives undefined when the date is before the birth', () => {
    assert.deepEqual(ageInYears('2026', '2026-06-01'), { min: 0, max: 0 });
    assert.deepEqual(ageInYears('2025', '2026-06-01'), { min: 0, max: 1 });
    assert.equal(ageInYears('2026-07', '2026-06-01'), undefined);
    assert.equal(ageInYears('1974-12-25', '1974-12-24'), undefined);
    assert.equal(ageInYears('1974-12-25', '2026-02-30'), undefined);
    assert.equal(ageInYears('born', '2026-06-01'), undefined);
  });

  it('spans exactly the ages of every day the birth date may be', () => {
    const on = fc
      .record({ year: fc.integer({ min: 1950, max: 2030 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) })
      .map(({ year, month, day }) => `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`);
    fc.assert(
      fc.property(dateText(fc.integer({ min: 1940, max: 2030 })), on, (birth, at) => {
        const { first, last } = oracleRange(birth);
        const ages: number[] = [];
        for (let day = utcDay(...(first.split('-').map(Number) as [number, number, number])); isoDay(day) <= last; ) {
          if (isoDay(day) <= at) ages.push(oracleAge(isoDay(day), at));
          day = new Date(day.getTime() + 86_400_000);
        }
        const expected = ages.length === 0 ? undefined : { min: Math.min(...ages), max: Math.max(...ages) };
        assert.deepEqual(ageInYears(birth, at), expected, `${birth} on ${at}`);
      }),
      { numRuns: 300 },
    );
  });
});
