import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addDecimals, decimalFromString } from '@chartwell/fhir';
import type { Invoice } from '@chartwell/fhir';
import { fixtureJson } from '../../../../test/support/fixtures.js';
import { formatMoney, moneyValue } from './money.js';

const plain = (text: string) => text.replace(/\s/g, ' ');

describe('formatMoney', () => {
  it('writes the official Invoice example in its own currency (EUR)', () => {
    const invoice = fixtureJson<Invoice>('fhir/Invoice-example.json');
    assert.equal(plain(formatMoney(invoice.totalNet, { locale: 'de-DE' })), '40,00 €');
    assert.equal(formatMoney(invoice.totalGross, { locale: 'en-GB' }), '€48.00');
  });

  it('writes accounting negatives where the locale has them', () => {
    assert.equal(formatMoney({ value: -5, currency: 'USD' }, { locale: 'en-US' }), '($5.00)');
    assert.equal(formatMoney({ value: -1234.5, currency: 'GBP' }, { locale: 'en-GB' }), '(£1,234.50)');
    assert.equal(plain(formatMoney({ value: -5, currency: 'EUR' }, { locale: 'de-DE' })), '-5,00 €');
  });

  it('sums exactly: 0.1 + 0.2 is 0.30', () => {
    const sum = addDecimals(moneyValue({ value: 0.1, currency: 'USD' })!, moneyValue({ value: 0.2, currency: 'USD' })!);
    assert.equal(formatMoney({ value: sum, currency: 'USD' }, { locale: 'en-US' }), '$0.30');
  });

  it("keeps digits beyond the currency's instead of rounding them away", () => {
    assert.equal(formatMoney({ value: 0.125, currency: 'USD' }, { locale: 'en-US' }), '$0.125');
    assert.equal(formatMoney({ value: 1234.5, currency: 'JPY' }, { locale: 'en-US' }), '¥1,234.5');
    assert.equal(formatMoney({ value: 1234, currency: 'JPY' }, { locale: 'en-US' }), '¥1,234');
    assert.equal(formatMoney({ value: '12345678901234567890.01', currency: 'USD' }, { locale: 'en-US' }), '$12,345,678,901,234,567,890.01');
  });

  it('never assumes a currency and never throws on a strange one', () => {
    assert.equal(formatMoney({ value: 5 }, { locale: 'en-US' }), '5');
    assert.equal(formatMoney({ value: 5, currency: 'dollars' }, { locale: 'en-US' }), '5 DOLLARS');
    assert.equal(formatMoney({ currency: 'USD' }, { locale: 'en-US' }), '');
    assert.equal(formatMoney(undefined, { locale: 'en-US' }), '');
  });

  it('writes any sum of cents exactly (property)', () => {
    const cents = fc.array(fc.integer({ min: -1_000_000_00, max: 1_000_000_00 }), { minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(cents, (list) => {
        const text = (c: number) => `${c < 0 ? '-' : ''}${Math.floor(Math.abs(c) / 100)}.${String(Math.abs(c) % 100).padStart(2, '0')}`;
        const sum = list.map((c) => decimalFromString(text(c))!).reduce(addDecimals);
        const total = list.reduce((a, b) => a + b, 0);
        const expected = total < 0 ? `($${text(-total).replace(/\B(?=(\d{3})+(?!\d))(?=.*\.)/g, ',')})` : `$${text(total).replace(/\B(?=(\d{3})+(?!\d))(?=.*\.)/g, ',')}`;
        assert.equal(formatMoney({ value: sum, currency: 'USD' }, { locale: 'en-US' }), expected);
      }),
    );
  });
});
