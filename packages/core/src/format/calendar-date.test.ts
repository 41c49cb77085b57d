import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatCalendarDate } from './calendar-date.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

describe('formatCalendarDate', () => {
  it('writes the clinical style DD-Mmm-YYYY whatever the locale', () => {
    for (const locale of ['en-US', 'en-GB', 'de-DE']) {
      assert.equal(formatCalendarDate('1972-04-04', { locale }), '04-Apr-1972');
      assert.equal(formatCalendarDate('1972-04-04', { locale, style: 'clinical' }), '04-Apr-1972');
    }
    assert.equal(formatCalendarDate('2001-05-31', { locale: 'de-DE' }), '31-May-2001');
    assert.equal(formatCalendarDate('2001-09-09', { locale: 'en-GB' }), '09-Sep-2001');
  });

  it('keeps partial dates partial in both styles', () => {
    assert.equal(formatCalendarDate('1972-05', { locale: 'en-GB' }), 'May-1972');
    assert.equal(formatCalendarDate('1972', { locale: 'en-GB' }), '1972');
    assert.equal(formatCalendarDate('1972-04', { locale: 'en-US', style: 'locale' }), 'Apr 1972');
    assert.equal(formatCalendarDate('1972-04', { locale: 'en-GB', style: 'locale' }), 'Apr 1972');
    assert.equal(formatCalendarDate('1972-04', { locale: 'de-DE', style: 'locale' }), 'Apr. 1972');
    assert.equal(formatCalendarDate('1972', { locale: 'de-DE', style: 'locale' }), '1972');
  });

  it("writes the locale's medium date in the locale style", () => {
    assert.equal(formatCalendarDate('1972-04-04', { locale: 'en-US', style: 'locale' }), 'Apr 4, 1972');
    assert.equal(formatCalendarDate('1972-04-04', { locale: 'en-GB', style: 'locale' }), '4 Apr 1972');
    assert.equal(formatCalendarDate('1972-04-04', { locale: 'de-DE', style: 'locale' }), '04.04.1972');
  });

  it('reads a missing date as "Not recorded" and shows malformed text as recorded', () => {
    assert.equal(formatCalendarDate(undefined, { locale: 'en-GB' }), 'Not recorded');
    assert.equal(formatCalendarDate('', { locale: 'en-GB' }), 'Not recorded');
    assert.equal(formatCalendarDate('  ', { locale: 'en-GB', style: 'locale' }), 'Not recorded');
    assert.equal(formatCalendarDate('1972-13-01', { locale: 'en-GB' }), '1972-13-01');
    assert.equal(formatCalendarDate('2019-02-29', { locale: 'en-GB', style: 'locale' }), '2019-02-29');
  });

  it('writes early years with four digits', () => {
    assert.equal(formatCalendarDate('0850-06-15', { locale: 'en-GB' }), '15-Jun-0850');
  });

  it('never moves a day: every calendar date reads back as itself (property)', () => {
    const day = fc.date({ min: new Date(Date.UTC(1000, 0, 1)), max: new Date(Date.UTC(2999, 11, 31)), noInvalidDate: true });
    fc.assert(
      fc.property(day, (moment) => {
        const year = moment.getUTCFullYear();
        const month = moment.getUTCMonth() + 1;
        const date = moment.getUTCDate();
        const text = `${year}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
        const dd = String(date).padStart(2, '0');
        assert.equal(formatCalendarDate(text, { locale: 'en-US' }), `${dd}-${MONTHS[month - 1]}-${year}`);
        assert.equal(formatCalendarDate(text, { locale: 'de-DE', style: 'locale' }), `${dd}.${String(month).padStart(2, '0')}.${year}`);
      }),
    );
  });

  it('names the locale when Intl does not know it', () => {
    assert.throws(() => formatCalendarDate('1972-04-04', { locale: 'not a locale!', style: 'locale' }), (error: unknown) => error instanceof RangeError && error.message.includes('not a locale!'));
  });
});
