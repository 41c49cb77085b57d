import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decimalFromString, decimalsEqual, type Decimal } from '@chartwell/fhir';
import { amountIn, moneyFrom, NO_CURRENCY, subtractByCurrency, sumByCurrency, type CurrencyAmount } from './money.js';

const dec = (text: string) => decimalFromString(text) as Decimal;
const usd = (text: string): CurrencyAmount => ({ value: dec(text), currency: 'USD' });
const show = (totals: readonly CurrencyAmount[]) => totals.map((t) => `${t.currency} ${t.value.toString()}`);

describe('money', () => {
  it('adds 0.1 and 0.2 to exactly 0.3', () => {
    const [total] = sumByCurrency([moneyFrom({ value: 0.1, currency: 'USD' }), moneyFrom({ value: 0.2, currency: 'USD' })]);
    assert.equal(total?.value.toString(), '0.3');
    assert.notEqual(0.1 + 0.2, 0.3);
  });

  it('keeps each currency apart, never summing across them', () => {
    assert.deepEqual(show(sumByCurrency([usd('10.50'), { value: dec('3'), currency: 'EUR' }, usd('0.25'), undefined])), ['EUR 3', 'USD 10.75']);
  });

  it('files an amount without a currency under XXX, or under the default given', () => {
    assert.equal(moneyFrom({ value: 5 })?.currency, NO_CURRENCY);
    assert.equal(moneyFrom({ value: 5 }, 'GBP')?.currency, 'GBP');
    assert.equal(moneyFrom({ value: 5, currency: 'usd' })?.currency, 'USD');
    assert.equal(moneyFrom({ currency: 'USD' }), undefined);
    assert.equal(moneyFrom(undefined), undefined);
  });

  it('keeps the recorded digits of a float artefact exactly (Synthea 28.104000000000003)', () => {
    assert.equal(moneyFrom({ value: 28.104000000000003, currency: 'USD' })?.value.toString(), '28.104000000000003');
  });

  it('subtracts per currency', () => {
    assert.deepEqual(show(subtractByCurrency([usd('100')], [usd('30.01'), { value: dec('2'), currency: 'EUR' }])), ['EUR -2', 'USD 69.99']);
    assert.equal(amountIn([usd('1')], 'EUR').value.toString(), '0');
  });

  const cents = fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }).map((n) => {
    const negative = n < 0n;
    const digits = (negative ? -n : n).toString().padStart(3, '0');
    return dec(`${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`);
  });
  const amount = fc.record({ value: cents, currency: fc.constantFrom('USD', 'EUR', 'GBP', 'JPY') });

  it('property: the sum does not depend on order, and equals the exact sum in cents', () => {
    fc.assert(
      fc.property(fc.array(amount, { maxLength: 40 }), (amounts) => {
        const forward = sumByCurrency(amounts);
        const backward = sumByCurrency([...amounts].reverse());
        const byCents = new Map<string, bigint>();
        for (const a of amounts) byCents.set(a.currency, (byCents.get(a.currency) ?? 0n) + a.value.coefficient * 10n ** BigInt(2 - a.value.scale));
        return (
          forward.length === byCents.size &&
          forward.every((t, i) => t.currency === backward[i]?.currency && decimalsEqual(t.value, backward[i].value)) &&
          forward.every((t) => t.value.coefficient * 10n ** BigInt(2 - t.value.scale) === byCents.get(t.currency))
        );
      }),
    );
  });

  it('property: summing in two groups then together gives the same as summing at once, per currency', () => {
    fc.assert(
      fc.property(fc.array(amount, { maxLength: 20 }), fc.array(amount, { maxLength: 20 }), (a, b) => {
        const whole = sumByCurrency([...a, ...b]);
        const grouped = sumByCurrency([...sumByCurrency(a), ...sumByCurrency(b)]);
        return whole.length === grouped.length && whole.every((t, i) => t.currency === grouped[i]?.currency && decimalsEqual(t.value, grouped[i].value));
      }),
    );
  });

  it('property: (a + b) − b is a, currency by currency', () => {
    fc.assert(
      fc.property(fc.array(amount, { minLength: 1, maxLength: 20 }), fc.array(amount, { maxLength: 20 }), (a, b) => {
        const back = subtractByCurrency(sumByCurrency([...a, ...b]), sumByCurrency(b));
        const expected = sumByCurrency(a);
        return expected.every((t) => decimalsEqual(amountIn(back, t.currency).value, t.value)) && back.every((t) => decimalsEqual(amountIn(expected, t.currency).value, t.value));
      }),
    );
  });
});
