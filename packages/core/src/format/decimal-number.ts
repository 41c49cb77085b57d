import { decimalFromNumber, decimalFromString } from '@chartwell/fhir';
import type { Decimal } from '@chartwell/fhir';
import { formatDecimalText, numberFormat } from './intl-cache.js';

/**
 * A number as a record holds it: a JSON number, FHIR decimal text, or an exact {@link Decimal}.
 *
 * @category Formatting
 */
export type DecimalValue = number | string | Decimal;

/** Intl allows at most 100 fraction digits. */
const MAX_FRACTION_DIGITS = 100;

/**
 * The value as an exact Decimal: a Decimal as is, text by the FHIR decimal grammar, a number
 * through its shortest round-trip text (so `0.5` stays `0.5`). `undefined` for anything else.
 * @internal
 */
export function toDecimal(value: unknown): Decimal | undefined {
  // @chartwell/fhir exports Decimal as a type only: recognise one by its fields and read it back
  // from its own exact text (which round-trips).
  if (typeof value === 'object' && value !== null && typeof (value as Partial<Decimal>).coefficient === 'bigint') return decimalFromString(String(value));
  if (typeof value === 'number') return decimalFromNumber(value);
  if (typeof value === 'string') return decimalFromString(value.trim());
  return undefined;
}

/**
 * The number of fraction digits a decimal was recorded with, within Intl's limits.
 * @internal
 */
export function fractionDigits(value: Decimal): number {
  return Math.min(Math.max(value.scale, 0), MAX_FRACTION_DIGITS);
}

/**
 * Writes a number in the locale, exactly, with the digits it was recorded with and no more: a
 * leading zero below one (`0.5`, never `.5`), no invented trailing zero (`5`, never `5.0`), the
 * locale's grouping (`10,000`; `10.000` in de-DE) and decimal sign (`0,5` in de-DE). FHIR decimal
 * text and Decimals keep their scale (`'1.50'` gives `1.50`); a JSON number has already lost it
 * (`1.50` arrives as `1.5`). No floating-point arithmetic is done. `''` for anything that is not
 * a finite number; never throws on record data.
 *
 * @example
 * formatDecimal(0.5, { locale: 'en-US' }); // '0.5'
 * formatDecimal('1.50', { locale: 'de-DE' }); // '1,50'
 *
 * @category Formatting
 */
export function formatDecimal(value: DecimalValue | undefined, options: { readonly locale: string }): string {
  const decimal = toDecimal(value);
  if (!decimal) return '';
  const digits = fractionDigits(decimal);
  return formatDecimalText(numberFormat(options.locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }), decimal.toString());
}
