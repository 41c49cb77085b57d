import type { Decimal } from '@chartwell/fhir';
import { formatDecimal, fractionDigits, toDecimal } from './decimal-number.js';
import type { DecimalValue } from './decimal-number.js';
import { formatDecimalText, numberFormat } from './intl-cache.js';
import { textOf } from './text-parts.js';

/**
 * An amount of money: a FHIR `Money` (`value` a JSON number), or an exact sum made with
 * `@chartwell/fhir`'s Decimal arithmetic, with its ISO 4217 currency.
 *
 * @category Formatting
 */
export interface MoneyAmount {
  readonly value?: DecimalValue;
  /** ISO 4217 code: `USD`, `EUR`, `GBP`. */
  readonly currency?: string;
}

/**
 * The value of a Money as an exact Decimal (a JSON number through its shortest text, so `0.1`
 * is exactly `0.1`), for sums that must never touch floating point. `undefined` without a value.
 *
 * @example
 * moneyValue({ value: 0.1, currency: 'USD' })?.toString(); // '0.1'
 *
 * @category Formatting
 */
export function moneyValue(money: MoneyAmount | undefined): Decimal | undefined {
  if (typeof money !== 'object' || money === null) return undefined;
  return toDecimal(money.value);
}

/**
 * Writes money in its own currency with Intl, exactly: the currency's usual digits (`$1,234.50`,
 * `1.234,50 €`, `¥1,235` is never produced from `1234.5`: digits beyond the currency's are kept
 * rather than rounded away, `$0.125`), and negatives in the locale's accounting style where it has
 * one (`($5.00)` in en-US; `-5,00 €` in de-DE). No floating-point arithmetic is done. A Money
 * without a currency is written as a plain number, never in an assumed currency; an unknown
 * currency code is written after the number (`5.00 XYZ` style, as Intl cannot place it). `''`
 * without a value; never throws on record data (an unknown locale throws a RangeError naming it).
 *
 * @example
 * formatMoney({ value: -5, currency: 'USD' }, { locale: 'en-US' }); // '($5.00)'
 *
 * @category Formatting
 */
export function formatMoney(money: MoneyAmount | undefined, options: { readonly locale: string }): string {
  const value = moneyValue(money);
  if (!value) return '';
  const currency = textOf(money?.currency)?.toUpperCase();
  if (currency === undefined) return formatDecimal(value, options);
  if (!/^[A-Z]{3}$/.test(currency)) return `${formatDecimal(value, options)} ${currency}`;
  const usual = numberFormat(options.locale, { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  const digits = Math.max(usual, fractionDigits(value));
  const format = numberFormat(options.locale, { style: 'currency', currency, currencySign: 'accounting', minimumFractionDigits: usual, maximumFractionDigits: digits });
  return formatDecimalText(format, value.toString());
}
