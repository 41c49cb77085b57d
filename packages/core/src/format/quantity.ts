import type { Quantity } from '@chartwell/fhir';
import { formatDecimal } from './decimal-number.js';
import { textOf } from './text-parts.js';

const UCUM = 'http://unitsofmeasure.org';

/**
 * The unit to show for a Quantity: its human-readable `unit` as recorded (`mg`, `mL`, never
 * re-cased), else its UCUM code with annotation braces removed (`{tbl}` → `tbl`); nothing for the
 * UCUM unity `1`. `''` when there is no unit.
 *
 * @category Formatting
 */
export function quantityUnit(quantity: Quantity | undefined): string {
  if (typeof quantity !== 'object' || quantity === null) return '';
  const unit = textOf(quantity.unit);
  const code = textOf(quantity.code);
  const shown = unit ?? (quantity.system === UCUM || quantity.system === undefined ? code?.replace(/^\{(.*)\}$/, '$1') : undefined) ?? '';
  return shown === '1' ? '' : shown;
}

/**
 * A Quantity as `comparator value unit`: `0.5 mg`, `5 mL`, `< 5 mmol/L`, `37.5 %`. The number is
 * written by {@link formatDecimal} (leading zero, no invented trailing zero, locale separators),
 * the unit by {@link quantityUnit}; a missing unit leaves the number alone (`5`). `''` when there
 * is no value; never throws.
 *
 * @example
 * formatQuantity({ value: 0.5, unit: 'mg' }, { locale: 'en-US' }); // '0.5 mg'
 * formatQuantity({ value: 1250, unit: 'mL' }, { locale: 'de-DE' }); // '1.250 mL'
 *
 * @category Formatting
 */
export function formatQuantity(quantity: Quantity | undefined, options: { readonly locale: string }): string {
  if (typeof quantity !== 'object' || quantity === null) return '';
  const number = formatDecimal(quantity.value, options);
  if (number === '') return '';
  const comparator = typeof quantity.comparator === 'string' ? `${quantity.comparator} ` : '';
  const unit = quantityUnit(quantity);
  return `${comparator}${number}${unit === '' ? '' : ` ${unit}`}`;
}
