import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decimalFromString } from '@chartwell/fhir';
import { formatDecimal } from './decimal-number.js';

describe('formatDecimal', () => {
  it('writes 0.5 not .5 and 5 not 5.0', () => {
    assert.equal(formatDecimal(0.5, { locale: 'en-US' }), '0.5');
    assert.equal(formatDecimal(5.0, { locale: 'en-US' }), '5');
    assert.equal(formatDecimal(0.25, { locale: 'en-GB' }), '0.25');
  });

  it("uses the locale's separators", () => {
    assert.equal(formatDecimal(10000, { locale: 'en-US' }), '10,000');
    assert.equal(formatDecimal(10000, { locale: 'de-DE' }), '10.000');
    assert.equal(formatDecimal(0.5, { locale: 'de-DE' }), '0,5');
    assert.equal(formatDecimal(1234.5, { locale: 'en-GB' }), '1,234.5');
  });

  it('keeps the precision of decimal text and Decimals, exactly', () => {
    assert.equal(formatDecimal('1.50', { locale: 'en-US' }), '1.50');
    assert.equal(formatDecimal(decimalFromString('0.30000000000000000001'), { locale: 'en-US' }), '0.30000000000000000001');
    assert.equal(formatDecimal('1.5e2', { locale: 'en-US' }), '150');
    assert.equal(formatDecimal(-0.05, { locale: 'en-US' }), '-0.05');
  });

  it('gives nothing for what is not a number', () => {
    assert.equal(formatDecimal(undefined, { locale: 'en-US' }), '');
    assert.equal(formatDecimal(Number.NaN, { locale: 'en-US' }), '');
    assert.equal(formatDecimal('.5', { locale: 'en-US' }), '');
  });

  it('round-trips every decimal text it writes in en-US without grouping (property)', () => {
    const decimalText = fc.tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 12 })).map(([coefficient, scale]) => {
      const digits = (coefficient < 0n ? -coefficient : coefficient).toString().padStart(scale + 1, '0');
      const point = digits.length - scale;
      return `${coefficient < 0n ? '-' : ''}${digits.slice(0, point)}${scale > 0 ? `.${digits.slice(point)}` : ''}`;
    });
    fc.assert(
      fc.property(decimalText, (text) => {
        const written = formatDecimal(text, { locale: 'en-US' }).replace(/,/g, '');
        assert.equal(written, text.replace(/^-(?=0(\.0*)?$)/, ''));
      }),
    );
  });
});
