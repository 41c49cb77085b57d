import type { Address } from '@chartwell/fhir';
import { textOf, textParts } from './text-parts.js';

/**
 * An address as lines: each street line, then `city district state postalCode` on one line, then
 * the country, leaving out what is missing. When the address has `text` only, that text is the
 * one line. `[]` for a missing or empty address; never throws.
 *
 * @example
 * formatAddressLines({ line: ['534 Erewhon St'], city: 'PleasantVille', state: 'Vic', postalCode: '3999' });
 * // ['534 Erewhon St', 'PleasantVille Vic 3999']
 *
 * @category Formatting
 */
export function formatAddressLines(address: Address | undefined): string[] {
  if (typeof address !== 'object' || address === null) return [];
  const lines = textParts(address.line);
  const place = [address.city, address.district, address.state, address.postalCode].map(textOf).filter((part) => part !== undefined);
  const country = textOf(address.country);
  const structured = [...lines, ...(place.length > 0 ? [place.join(' ')] : []), ...(country === undefined ? [] : [country])];
  if (structured.length > 0) return structured;
  const text = textOf(address.text);
  return text === undefined ? [] : [text];
}

/**
 * An address on one line: {@link formatAddressLines} joined with `, `. `''` when empty.
 *
 * @example
 * formatAddress({ line: ['534 Erewhon St'], city: 'PleasantVille', postalCode: '3999' }); // '534 Erewhon St, PleasantVille 3999'
 *
 * @category Formatting
 */
export function formatAddress(address: Address | undefined): string {
  return formatAddressLines(address).join(', ');
}
