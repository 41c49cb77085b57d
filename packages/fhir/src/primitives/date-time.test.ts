import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatDateTime, parseDateTime, parseInstant } from './date-time.js';
import type { DateTime, Instant } from './date-time.js';
import { fixtureJson } from '../../../../test/support/fixtures.js';

// The FHIR R4 `dateTime` and `instant` regexes, verbatim from the spec, as oracles for the grammar.
const SPEC_DATE_TIME =
  /^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])(T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00)))?)?)?$/;
const SPEC_INSTANT =
  /^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)-(0[1-9]|1[0-2])-(0[1-9]|[1-2][0-9]|3[0-1])T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))$/;

// The JS Date is the independent oracle for the calendar and for epoch milliseconds (Date.parse
// reads ISO 8601 with an offset; fractions are cut to milliseconds first, as the epoch is
// documented to truncate and V8 is not exact beyond nine digits).
function existsInCalendar(year: number, month: number, day: number): boolean {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
const withoutLeapSecond = (text: string) => text.replace(/:60(\.[0-9]+)?/, ':59');

/** Whether a text the spec regex accepts names a real moment: a real day, and `:60` only just before a UTC month begins. */
function oracleValid(text: string): boolean {
  const [date = '', time] = text.split('T');
  const [year = 0, month, day] = date.split('-').map(Number);
  if (month !== undefined && day !== undefined && !existsInCalendar(year, month, day)) return false;
  if (time === undefined || time.slice(6, 8) !== '60') return true;
  const next = new Date(Date.parse(withoutLeapSecond(text)) + 1000);
  return next.getUTCDate() === 1 && next.getUTCHours() === 0 && next.getUTCMinutes() === 0 && next.getUTCSeconds() === 0;
}

/** Epoch milliseconds per the oracle: a leap second counts as the last millisecond of its minute. */
function oracleEpoch(text: string): number {
  if (text.includes(':60')) return Date.parse(withoutLeapSecond(text)) + 999;
  return Date.parse(text.replace(/\.([0-9]{1,3})[0-9]*/, '.$1'));
}

describe('parseDateTime', () => {
  it('reads a time with an offset, as written', () => {
    assert.deepEqual(parseDateTime('2013-04-02T09:30:10+01:00'), {
      precision: 'second',
      year: 2013,
      month: 4,
      day: 2,
      hour: 9,
      minute: 30,
      second: 10,
      offset: '+01:00',
      offsetMinutes: 60,
      // 09:30:10 at +01:00 is 08:30:10 UTC
      epochMilliseconds: Date.UTC(2013, 3, 2, 8, 30, 10),
    });
  });

  it('reads the dateTimes of the R4 examples at their own precision', () => {
    const allergy = fixtureJson<{ onsetDateTime: string; recordedDate: string }>('fhir/AllergyIntolerance-example.json');
    assert.deepEqual(parseDateTime(allergy.onsetDateTime), { precision: 'year', year: 2004 });
    const recorded = parseDateTime(allergy.recordedDate); // 2014-10-09T14:58:00+11:00
    assert.equal(recorded?.precision, 'second');
    assert.equal(recorded.offsetMinutes, 11 * 60);
    assert.equal(recorded.epochMilliseconds, Date.UTC(2014, 9, 9, 3, 58, 0)); // 14:58 at +11:00 is 03:58 UTC

    const nkda = fixtureJson<{ recordedDate: string }>('fhir/AllergyIntolerance-nkda.json');
    const nkdaRecorded = parseDateTime(nkda.recordedDate); // 2015-08-06T15:37:31-06:00
    assert.equal(nkdaRecorded?.precision, 'second');
    assert.equal(nkdaRecorded.offsetMinutes, -360);
    assert.equal(nkdaRecorded.epochMilliseconds, Date.UTC(2015, 7, 6, 21, 37, 31)); // 15:37 at -06:00 is 21:37 UTC

    const observation = fixtureJson<{ effectiveDateTime: string }>('fhir/Observation-blood-pressure.json');
    assert.deepEqual(parseDateTime(observation.effectiveDateTime), { precision: 'day', year: 2012, month: 9, day: 17 });

    const appointment = fixtureJson<{ start: string; end: string }>('fhir/Appointment-2docs.json');
    const start = parseInstant(appointment.start); // 2013-12-09T09:00:00Z
    const end = parseInstant(appointment.end); // 2013-12-09T11:00:00Z
    assert.equal(start?.offset, 'Z');
    assert.equal(end!.epochMilliseconds - start.epochMilliseconds, 2 * 3600 * 1000);
  });

  it('keeps fractional seconds as written, and truncates only the epoch milliseconds', () => {
    // meta.lastUpdated of the R4 example Bundle bundle-response-medsallergies
    const lastUpdated = parseInstant('2018-11-12T03:35:20.715Z');
    assert.equal(lastUpdated?.fraction, '715');
    assert.equal(lastUpdated.epochMilliseconds, Date.UTC(2018, 10, 12, 3, 35, 20, 715));
    assert.equal(parseInstant('2018-11-12T03:35:20.5Z')?.fraction, '5');
    assert.equal(parseInstant('2018-11-12T03:35:20.500Z')?.fraction, '500');
    const fine = parseInstant('2018-11-12T03:35:20.123987654Z');
    assert.equal(fine?.fraction, '123987654');
    assert.equal(fine.epochMilliseconds, Date.UTC(2018, 10, 12, 3, 35, 20, 123));
    assert.equal(parseInstant('2018-11-12T03:35:20Z')?.fraction, undefined);
    assert.equal(Object.hasOwn(parseInstant('2018-11-12T03:35:20Z')!, 'fraction'), false);
  });

  it('tells Z, +00:00 and -00:00 apart in the text but not in the moment', () => {
    const zulu = parseInstant('2020-01-01T00:00:00Z');
    const plus = parseInstant('2020-01-01T00:00:00+00:00');
    const minus = parseInstant('2020-01-01T00:00:00-00:00');
    assert.deepEqual([zulu?.offset, plus?.offset, minus?.offset], ['Z', '+00:00', '-00:00']);
    assert.ok(Object.is(minus?.offsetMinutes, 0), 'no negative zero');
    assert.equal(zulu?.epochMilliseconds, Date.UTC(2020, 0, 1));
    assert.equal(plus?.epochMilliseconds, Date.UTC(2020, 0, 1));
    assert.equal(minus?.epochMilliseconds, Date.UTC(2020, 0, 1));
    assert.equal(formatDateTime(minus!), '2020-01-01T00:00:00-00:00');
  });

  it('takes offsets up to ±14:00, with minutes', () => {
    assert.equal(parseInstant('2020-01-01T00:00:00+14:00')?.offsetMinutes, 14 * 60);
    assert.equal(parseInstant('2020-01-01T00:00:00-14:00')?.offsetMinutes, -14 * 60);
    assert.equal(parseInstant('2020-01-01T00:00:00+13:59')?.offsetMinutes, 13 * 60 + 59);
    assert.equal(parseInstant('2020-01-01T00:00:00+05:30')?.offsetMinutes, 330);
    assert.equal(parseInstant('2020-01-01T00:00:00-03:30')?.offsetMinutes, -210);
    // 00:00 at +05:30 is 18:30 UTC the day before
    assert.equal(parseInstant('2020-01-01T00:00:00+05:30')?.epochMilliseconds, Date.UTC(2019, 11, 31, 18, 30));
    assert.equal(parseInstant('2020-01-01T00:00:00+14:01'), undefined);
    assert.equal(parseInstant('2020-01-01T00:00:00+15:00'), undefined);
    assert.equal(parseInstant('2020-01-01T00:00:00+01:60'), undefined);
  });

  it('accepts a leap second only in the last minute of a UTC month', () => {
    const leap = parseInstant('2016-12-31T23:59:60Z');
    assert.equal(leap?.second, 60);
    assert.equal(leap.epochMilliseconds, Date.UTC(2016, 11, 31, 23, 59, 59, 999));
    assert.equal(formatDateTime(leap), '2016-12-31T23:59:60Z');
    // the same leap second seen from +01:00
    assert.equal(parseInstant('2017-01-01T00:59:60+01:00')?.epochMilliseconds, Date.UTC(2016, 11, 31, 23, 59, 59, 999));
    assert.equal(parseInstant('2015-06-30T23:59:60Z')?.second, 60);
    assert.equal(parseInstant('2016-12-31T23:59:60.5Z')?.fraction, '5');
    // kept in order: after every other time of its minute, before the next minute
    const before = parseInstant('2016-12-31T23:59:59.998Z')!.epochMilliseconds;
    const after = parseInstant('2017-01-01T00:00:00Z')!.epochMilliseconds;
    assert.ok(before < leap.epochMilliseconds && leap.epochMilliseconds < after);

    assert.equal(parseInstant('2016-12-31T12:00:60Z'), undefined, 'not the last minute of the day');
    assert.equal(parseInstant('2016-12-30T23:59:60Z'), undefined, 'not the last day of the month');
    assert.equal(parseInstant('2016-12-31T23:59:60+01:00'), undefined, 'that is 22:59:60 UTC');
    assert.equal(parseInstant('2016-12-31T23:58:60Z'), undefined);
  });

  it('gives undefined for text outside the grammar or the calendar', () => {
    for (const text of [
      '',
      '2015-02-07T13:28:17', // a time needs an offset
      '2015-02-07T13:28Z', // and seconds
      '2015-02-07T24:00:00Z',
      '2015-02-07T13:60:00Z',
      '2015-02-07T13:28:17.Z',
      '2015-02-07t13:28:17Z',
      '2015-02-07T13:28:17z',
      '2015-02-07 13:28:17Z',
      '2015-02-07T13:28:17+01',
      '2015-02-07T13:28:17+0100',
      '2015-02-07T13:28:17 +01:00',
      '2015-02T13:28:17Z',
      '2015T13:28:17Z',
      '2021-02-30T00:00:00Z',
      '2019-02-29',
      '0000-01-01T00:00:00Z',
      ' 2015-02-07T13:28:17Z',
      '2015-02-07T13:28:17Z ',
      '2015-02-07T',
      'T13:28:17Z',
    ]) {
      assert.equal(parseDateTime(text), undefined, JSON.stringify(text));
    }
  });

  it('accepts exactly the spec regex, less impossible days and misplaced leap seconds, and formats back to the same text', () => {
    fc.assert(
      fc.property(fc.stringMatching(SPEC_DATE_TIME), (text) => {
        const parsed = parseDateTime(text);
        assert.equal(parsed !== undefined, oracleValid(text), text);
        if (!parsed) return;
        assert.equal(formatDateTime(parsed), text);
        if (parsed.precision === 'second') assert.equal(parsed.epochMilliseconds, oracleEpoch(text), text);
        else assert.equal(text.includes('T'), false);
      }),
      { numRuns: 3000 },
    );
  });

  it('never throws, and accepts nothing the spec regex rejects', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.stringMatching(/^[0-9T:.Z+-]{1,30}$/)),
        (text) => {
          if (!SPEC_DATE_TIME.test(text)) assert.equal(parseDateTime(text), undefined, text);
          if (!SPEC_INSTANT.test(text)) assert.equal(parseInstant(text), undefined, text);
        },
      ),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.anything(), (value) => {
        // strings are covered above; any other value gives undefined
        if (typeof value === 'string') return;
        assert.equal(parseDateTime(value as string), undefined);
        assert.equal(parseInstant(value as string), undefined);
      }),
    );
  });
});

describe('parseInstant', () => {
  it('requires full precision', () => {
    assert.equal(parseInstant('2004'), undefined);
    assert.equal(parseInstant('2012-09'), undefined);
    assert.equal(parseInstant('2012-09-17'), undefined);
    // meta.lastUpdated of Patient/example and many other R4 examples
    assert.equal(parseInstant('2015-02-07T13:28:17.239+02:00')?.epochMilliseconds, Date.UTC(2015, 1, 7, 11, 28, 17, 239));
  });

  it('accepts exactly the spec regex, less impossible moments, agreeing with parseDateTime', () => {
    fc.assert(
      fc.property(fc.stringMatching(SPEC_INSTANT), (text) => {
        const parsed = parseInstant(text);
        assert.equal(parsed !== undefined, oracleValid(text), text);
        assert.deepEqual(parsed, parseDateTime(text));
        if (parsed) {
          assert.equal(formatDateTime(parsed), text);
          assert.equal(parsed.epochMilliseconds, oracleEpoch(text), text);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('formatDateTime', () => {
  const instant: Instant = {
    precision: 'second',
    year: 2013,
    month: 4,
    day: 2,
    hour: 9,
    minute: 30,
    second: 10,
    offset: '+01:00',
    offsetMinutes: 60,
    epochMilliseconds: 0, // not read
  };

  it('writes each precision', () => {
    assert.equal(formatDateTime(instant), '2013-04-02T09:30:10+01:00');
    assert.equal(formatDateTime({ ...instant, fraction: '050' }), '2013-04-02T09:30:10.050+01:00');
    assert.equal(formatDateTime({ ...instant, year: 476, hour: 0, minute: 5, second: 7, offset: 'Z', offsetMinutes: 0 }), '0476-04-02T00:05:07Z');
    assert.equal(formatDateTime({ precision: 'month', year: 2012, month: 9 }), '2012-09');
    assert.equal(formatDateTime({ precision: 'year', year: 2004 }), '2004');
  });

  it('gives an empty string for an object that is no valid dateTime, without throwing', () => {
    for (const value of [
      { ...instant, hour: 24 },
      { ...instant, minute: 60 },
      { ...instant, second: 60 }, // not the end of a UTC month
      { ...instant, second: 61 },
      { ...instant, day: 31 }, // 31 April
      { ...instant, offset: '+15:00', offsetMinutes: 900 },
      { ...instant, offset: '+01:00', offsetMinutes: -60 }, // offset and minutes disagree
      { ...instant, offset: '+0100' },
      { ...instant, offset: 'z' },
      { ...instant, offset: Symbol('Z') },
      { ...instant, fraction: '' },
      { ...instant, fraction: '5a' },
      { ...instant, fraction: 5 },
      { ...instant, hour: 9.5 },
      { ...instant, hour: -1 },
      { ...instant, precision: 'minute' },
      { precision: 'month', year: 2012, month: 13 },
      null,
      undefined,
      42,
    ]) {
      assert.equal(formatDateTime(value as unknown as DateTime), '', String(JSON.stringify(value)));
    }
  });
});
