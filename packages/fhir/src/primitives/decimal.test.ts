import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  addDecimals,
  compareDecimals,
  decimalFromNumber,
  decimalFromString,
  decimalsEqual,
  decimalToNumber,
  multiplyDecimals,
  subtractDecimals,
} from './decimal.js';
import type { Decimal } from './decimal.js';
import { fixtureText } from '../../../../test/support/fixtures.js';

// The FHIR R4 `decimal` regex, verbatim from the spec, as the oracle for the grammar.
const SPEC_DECIMAL = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;

/** Parses text the test knows to be valid, failing the test otherwise. */
function d(text: string): Decimal {
  const value = decimalFromString(text);
  assert.ok(value, `expected ${text} to parse`);
  return value;
}

/** The coefficient and scale, for deepEqual. */
const parts = (value: Decimal | undefined) => value && { coefficient: value.coefficient, scale: value.scale };

/** The reference reading: digits without the point as a BigInt, scale from the digits after the point and the exponent. */
function referenceParts(text: string): { coefficient: bigint; scale: number } {
  const [mantissa = '', exponent = '0'] = text.toLowerCase().split('e');
  const [whole = '', fraction = ''] = mantissa.split('.');
  return { coefficient: BigInt(whole + fraction), scale: fraction.length - Number(exponent) };
}

/** Text for a coefficient and scale, written independently of the module: plain, or `<digits>e<n>` for a negative scale. */
function referenceText(coefficient: bigint, scale: number): string {
  if (scale < 0) return `${coefficient}e${-scale}`;
  const sign = coefficient < 0n ? '-' : '';
  const digits = (coefficient < 0n ? -coefficient : coefficient).toString().padStart(scale + 1, '0');
  return scale === 0 ? sign + digits : `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

const decimalParts = fc.record({
  coefficient: fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
  scale: fc.integer({ min: -6, max: 12 }),
});
const decimal = decimalParts.map(({ coefficient, scale }) => d(referenceText(coefficient, scale)));

/** `a` brought to `scale` (at least its own) by the reference arithmetic. */
const at = (a: Decimal, scale: number) => a.coefficient * 10n ** BigInt(scale - a.scale);

describe('decimalFromString', () => {
  it('keeps the value and the scale as written', () => {
    assert.deepEqual(parts(d('1.50')), { coefficient: 150n, scale: 2 });
    assert.deepEqual(parts(d('1.5')), { coefficient: 15n, scale: 1 });
    assert.deepEqual(parts(d('0')), { coefficient: 0n, scale: 0 });
    assert.deepEqual(parts(d('-0.05')), { coefficient: -5n, scale: 2 });
    assert.deepEqual(parts(d('12345678901234567890.123456789')), {
      coefficient: 12345678901234567890123456789n,
      scale: 9,
    });
    assert.equal(d('1.50').toString(), '1.50');
    assert.equal(d('1.5').toString(), '1.5');
    assert.equal(d('-0.05').toString(), '-0.05');
    assert.equal(`${d('100')}`, '100');
  });

  it('keeps the trailing zeros of the money amounts in the R4 financial examples', () => {
    // Claim/100156 item net and total, ClaimResponse/R3500 adjudication, PaymentReconciliation/ER2500 detail
    for (const text of ['1400.00', '1050.00', '2255.00', '135.57', '90.47', '7000.00', '-1500.00']) {
      assert.equal(d(text).toString(), text);
      assert.equal(d(text).scale, 2);
    }
  });

  it('keeps the values of the R4 blood pressure example exactly as the JSON text writes them', () => {
    const text = fixtureText('fhir/Observation-blood-pressure.json');
    const written = [...text.matchAll(/"value":\s*(-?[0-9][0-9.eE+-]*)/g)].map((match) => match[1] ?? '');
    assert.deepEqual(written, ['107', '60']);
    for (const value of written) {
      assert.equal(d(value).toString(), value);
      assert.equal(decimalToNumber(d(value)), Number(value));
    }
  });

  it('moves the point by the exponent, and writes a negative scale in exponent form', () => {
    assert.deepEqual(parts(d('1.5e2')), { coefficient: 15n, scale: -1 });
    assert.equal(d('1.5e2').toString(), '1.5e+2');
    assert.deepEqual(parts(d('1.5E-3')), { coefficient: 15n, scale: 4 });
    assert.equal(d('1.5E-3').toString(), '0.0015');
    assert.equal(d('1.50e+1').toString(), '15.0');
    assert.equal(d('-2.5e-1').toString(), '-0.25');
    assert.equal(d('12e-5').toString(), '0.00012');
    assert.equal(d('1e0').toString(), '1');
    assert.equal(d('1e-0').toString(), '1');
    assert.equal(d('0e5').toString(), '0e+5');
    assert.equal(d('-123e3').toString(), '-1.23e+5');
    assert.equal(d('1e1000').scale, -1000);
    assert.equal(d('1e-1000').scale, 1000);
    assert.equal(d('100e999').toString(), '1.00e+1001');
    assert.deepEqual(parts(d('1.00e+1001')), { coefficient: 100n, scale: -999 });
    assert.deepEqual(parts(d('12.5e1001')), { coefficient: 125n, scale: -1000 });
    assert.equal(compareDecimals(d('1.5e2'), d('150')), 0);
  });

  it('drops the sign of a negative zero', () => {
    assert.equal(d('-0').toString(), '0');
    assert.equal(d('-0.00').toString(), '0.00');
    assert.equal(d('-0e1').toString(), '0e+1');
    assert.ok(decimalsEqual(d('-0.0'), d('0')));
  });

  it('gives undefined for text outside the grammar and for huge exponents', () => {
    for (const text of [
      '',
      '.5',
      '1.',
      '01',
      '00.5',
      '+1',
      '--1',
      '1,5',
      ' 1.5',
      '1.5 ',
      '1e',
      '1e+',
      '1.5e2.0',
      'e5',
      'NaN',
      'Infinity',
      '-Infinity',
      '0x10',
      '1_000',
      '１', // a full-width digit
      '1e1001', // an exponent may not take the scale beyond ±1000
      '1e-1001',
      '0.5e-1000',
      '1.5e1002',
      '1e99999999999999999999',
    ]) {
      assert.equal(decimalFromString(text), undefined, JSON.stringify(text));
    }
  });

  it('agrees with a reference reading of every string of the FHIR grammar, and writes text that reads back the same', () => {
    fc.assert(
      fc.property(fc.stringMatching(SPEC_DECIMAL), (text) => {
        const expected = referenceParts(text);
        const parsed = decimalFromString(text);
        if (/e/i.test(text) && Math.abs(expected.scale) > 1000) {
          assert.equal(parsed, undefined);
          return;
        }
        assert.deepEqual(parts(parsed), expected);
        assert.ok(SPEC_DECIMAL.test(parsed!.toString()));
        assert.deepEqual(parts(decimalFromString(parsed!.toString())), expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives back exactly the text of every plain decimal except negative zero', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^-?(0|[1-9][0-9]{0,40})(\.[0-9]{1,20})?$/).filter((text) => !/^-0(\.0+)?$/.test(text)),
        (text) => {
          assert.equal(d(text).toString(), text);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never throws, and accepts nothing the spec regex rejects', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.stringMatching(/^[0-9.eE+-]{1,12}$/)), (text) => {
        if (!SPEC_DECIMAL.test(text)) assert.equal(decimalFromString(text), undefined, text);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.anything(), (value) => {
        // strings are covered above; any other value gives undefined
        if (typeof value === 'string') return;
        assert.equal(decimalFromString(value as string), undefined);
      }),
    );
  });

  it('is immutable, and only this module makes one', () => {
    const value = d('1.50');
    assert.ok(Object.isFrozen(value));
    assert.throws(() => {
      (value as { scale: number }).scale = 1;
    }, TypeError);
    assert.equal(value.toString(), '1.50');
    // @ts-expect-error an object literal is not a Decimal
    const fake: Decimal = { coefficient: 15n, scale: 1, toString: () => '1.5' };
    assert.ok(fake);
  });
});

describe('decimalFromNumber', () => {
  it('takes the shortest text of the float, so the scale written in the source is gone', () => {
    assert.equal(decimalFromNumber(1.5)?.toString(), '1.5');
    assert.equal(decimalFromNumber(1.5)?.toString(), decimalFromNumber(1.50)?.toString());
    assert.equal(decimalFromNumber(100)?.toString(), '100');
    assert.equal(decimalFromNumber(-0)?.toString(), '0');
    assert.equal(decimalFromNumber(0.1 + 0.2)?.toString(), '0.30000000000000004');
    assert.deepEqual(parts(decimalFromNumber(1e21)), { coefficient: 1n, scale: -21 });
    assert.deepEqual(parts(decimalFromNumber(1.5e-7)), { coefficient: 15n, scale: 8 });
    assert.equal(decimalFromNumber(5e-324)?.scale, 324);
  });

  it('gives undefined for NaN, the infinities and non-numbers', () => {
    assert.equal(decimalFromNumber(NaN), undefined);
    assert.equal(decimalFromNumber(Infinity), undefined);
    assert.equal(decimalFromNumber(-Infinity), undefined);
    assert.equal(decimalFromNumber('1.5' as unknown as number), undefined);
  });

  it('keeps the value of every finite double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        const converted = decimalFromNumber(value);
        assert.ok(converted);
        assert.equal(decimalToNumber(converted), value === 0 ? 0 : value);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('decimal arithmetic', () => {
  it('adds and subtracts at the larger scale', () => {
    assert.equal(addDecimals(d('1.50'), d('0.5')).toString(), '2.00');
    assert.equal(addDecimals(d('0.1'), d('0.2')).toString(), '0.3');
    assert.equal(addDecimals(d('135.57'), d('135.57')).toString(), '271.14');
    assert.equal(addDecimals(d('1400.00'), d('-1500.00')).toString(), '-100.00');
    assert.equal(addDecimals(d('1.5e2'), d('1')).toString(), '151');
    assert.equal(subtractDecimals(d('2.00'), d('0.5')).toString(), '1.50');
    assert.equal(subtractDecimals(d('0.1'), d('0.3')).toString(), '-0.2');
    assert.equal(subtractDecimals(d('1.50'), d('1.5')).toString(), '0.00');
  });

  it('multiplies at the sum of the scales', () => {
    assert.equal(multiplyDecimals(d('1.5'), d('1.5')).toString(), '2.25');
    assert.equal(multiplyDecimals(d('1.50'), d('2')).toString(), '3.00');
    assert.equal(multiplyDecimals(d('-0.05'), d('3')).toString(), '-0.15');
    assert.equal(multiplyDecimals(d('135.57'), d('0.80')).toString(), '108.4560');
    assert.equal(multiplyDecimals(d('1.5e2'), d('2')).toString(), '3.0e+2');
    assert.equal(multiplyDecimals(d('1.5e2'), d('0.01')).toString(), '1.5');
    // as documented, a product may leave the range decimalFromString reads back
    const huge = multiplyDecimals(d('1e1000'), d('1e1'));
    assert.deepEqual(parts(huge), { coefficient: 1n, scale: -1001 });
    assert.equal(huge.toString(), '1e+1001');
    assert.equal(decimalFromString(huge.toString()), undefined);
  });

  it('compares by value and keeps scale apart', () => {
    assert.equal(compareDecimals(d('1.5'), d('1.50')), 0);
    assert.ok(decimalsEqual(d('1.5'), d('1.50')));
    assert.notEqual(d('1.5').scale, d('1.50').scale);
    assert.notEqual(d('1.5').toString(), d('1.50').toString());
    assert.equal(compareDecimals(d('1.49'), d('1.5')), -1);
    assert.equal(compareDecimals(d('-1.49'), d('-1.5')), 1);
    assert.equal(compareDecimals(d('10'), d('9.999999999999999999999')), 1);
    assert.equal(decimalsEqual(d('0.1'), d('0.10000000000000001')), false);
  });

  it('agrees with BigInt reference arithmetic', () => {
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        const scale = Math.max(a.scale, b.scale);
        assert.deepEqual(parts(addDecimals(a, b)), { coefficient: at(a, scale) + at(b, scale), scale });
        assert.deepEqual(parts(subtractDecimals(a, b)), { coefficient: at(a, scale) - at(b, scale), scale });
        assert.deepEqual(parts(multiplyDecimals(a, b)), {
          coefficient: a.coefficient * b.coefficient,
          scale: a.scale + b.scale,
        });
        const difference = at(a, scale) - at(b, scale);
        assert.equal(compareDecimals(a, b), difference < 0n ? -1 : difference > 0n ? 1 : 0);
        assert.equal(decimalsEqual(a, b), difference === 0n);
      }),
      { numRuns: 2000 },
    );
  });

  it('is exact: addition is commutative and associative, subtraction undoes it', () => {
    fc.assert(
      fc.property(decimal, decimal, decimal, (a, b, c) => {
        assert.deepEqual(parts(addDecimals(a, b)), parts(addDecimals(b, a)));
        assert.deepEqual(parts(addDecimals(addDecimals(a, b), c)), parts(addDecimals(a, addDecimals(b, c))));
        assert.deepEqual(parts(multiplyDecimals(multiplyDecimals(a, b), c)), parts(multiplyDecimals(a, multiplyDecimals(b, c))));
        assert.ok(decimalsEqual(subtractDecimals(addDecimals(a, b), b), a));
      }),
    );
  });

  it('reads back what it writes, for every coefficient and scale', () => {
    fc.assert(
      fc.property(decimalParts, ({ coefficient, scale }) => {
        const value = d(referenceText(coefficient, scale));
        assert.deepEqual(parts(value), { coefficient, scale });
        assert.deepEqual(parts(decimalFromString(value.toString())), { coefficient, scale });
      }),
      { numRuns: 2000 },
    );
  });
});
