import { addDecimals, compareDecimals, decimalFromNumber, decimalFromString, subtractDecimals, type Decimal, type Money } from '@chartwell/fhir';

/**
 * An exact amount in one currency. `value` is a {@link Decimal} (never a float); `currency` an
 * ISO 4217 code. Amounts recorded without a currency carry `XXX` (ISO 4217 "no currency") unless
 * the caller names a default, so they are never summed with a real currency.
 */
export interface CurrencyAmount {
  readonly value: Decimal;
  readonly currency: string;
}

/** The ISO 4217 code for "no currency": what an amount recorded without one is filed under. */
export const NO_CURRENCY = 'XXX';

const ZERO = decimalFromString('0') as Decimal;

/**
 * A FHIR Money as an exact amount: the value read through its shortest decimal text (so `140.52`
 * stays `140.52`, and Synthea's `28.104000000000003` stays exactly that), the currency upper-cased.
 * Undefined when there is no finite value. JSON has already turned the value into a number, so a
 * trailing zero the sender wrote (`10.0`) is not kept.
 */
export function moneyFrom(money: Money | undefined, defaultCurrency: string = NO_CURRENCY): CurrencyAmount | undefined {
  if (money === undefined || typeof money.value !== 'number') return undefined;
  const value = decimalFromNumber(money.value);
  if (value === undefined) return undefined;
  const currency = typeof money.currency === 'string' && money.currency.trim() !== '' ? money.currency.trim().toUpperCase() : defaultCurrency;
  return { value, currency };
}

/** The exact zero of a currency. */
export function zeroOf(currency: string): CurrencyAmount {
  return { value: ZERO, currency };
}

/**
 * Sums amounts per currency, exactly: one total per currency present, sorted by currency code.
 * Amounts in different currencies are never added together. No amounts gives no totals.
 *
 * @example
 * sumByCurrency([usd('0.1'), usd('0.2'), eur('1')]); // [EUR 1, USD 0.3]
 */
export function sumByCurrency(amounts: readonly (CurrencyAmount | undefined)[]): CurrencyAmount[] {
  const totals = new Map<string, Decimal>();
  for (const amount of amounts) {
    if (amount === undefined) continue;
    const running = totals.get(amount.currency);
    totals.set(amount.currency, running === undefined ? amount.value : addDecimals(running, amount.value));
  }
  return [...totals.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([currency, value]) => ({ value, currency }));
}

/** `a − b` per currency: each currency of either side, exactly; a currency only `b` has comes out negative. */
export function subtractByCurrency(a: readonly CurrencyAmount[], b: readonly CurrencyAmount[]): CurrencyAmount[] {
  return sumByCurrency([...a, ...b.map((amount) => ({ value: subtractDecimals(ZERO, amount.value), currency: amount.currency }))]);
}

/** The amount in `currency` among per-currency totals (zero when absent). */
export function amountIn(totals: readonly CurrencyAmount[], currency: string): CurrencyAmount {
  return totals.find((t) => t.currency === currency) ?? zeroOf(currency);
}

/** Whether an amount is exactly zero. */
export function isZero(amount: CurrencyAmount): boolean {
  return compareDecimals(amount.value, ZERO) === 0;
}
