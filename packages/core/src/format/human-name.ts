import type { HumanName } from '@chartwell/fhir';
import { textOf, textParts } from './text-parts.js';

/**
 * How a name is written. `display`: `Mr Peter James Chalmers Jr` (prefixes, given names, family,
 * suffixes). `banner`: the patient-banner form `CHALMERS, Peter James Jr (Mr)`, family name in
 * capitals first (NHS CUI PAB-0016, NID-0001..0008).
 *
 * @category Formatting
 */
export type HumanNameStyle = 'display' | 'banner';

/** Options of {@link formatHumanName}. */
export interface HumanNameOptions {
  /** BCP 47 language tag: the family name is capitalised by its rules (the Turkish dotted İ). */
  readonly locale: string;
  /** `display` (the default) or `banner`. */
  readonly style?: HumanNameStyle;
}

/** The order names are preferred in for display: official first, old last. Unlisted uses come after `undefined`. */
const USE_PREFERENCE: readonly (HumanName['use'] | undefined)[] = ['official', 'usual', undefined, 'nickname', 'temp', 'anonymous', 'maiden', 'old'];

function hasContent(name: HumanName): boolean {
  return textOf(name.text) !== undefined || textOf(name.family) !== undefined || textParts(name.given).length > 0;
}

/**
 * The name to show for a person: the first `official` name, else `usual`, else one without a use,
 * then `nickname`, `temp`, `anonymous`, `maiden` and last `old`; among names of the same use,
 * the first recorded. Names with nothing to show are skipped. `undefined` when there is none.
 *
 * @category Formatting
 */
export function preferredHumanName(names: readonly HumanName[] | undefined): HumanName | undefined {
  if (!Array.isArray(names)) return undefined;
  const usable = names.filter((name): name is HumanName => typeof name === 'object' && name !== null && hasContent(name));
  const rank = (name: HumanName) => {
    const index = USE_PREFERENCE.indexOf(name.use);
    return index === -1 ? USE_PREFERENCE.indexOf(undefined) : index;
  };
  return usable.reduce<HumanName | undefined>((best, name) => (best === undefined || rank(name) < rank(best) ? name : best), undefined);
}

/**
 * Writes a HumanName. Given names, prefixes and suffixes keep their recorded order and casing;
 * the `banner` style capitalises the family name only. A name with only `text` is shown as that
 * text in both styles (it cannot be taken apart). `''` for a missing or empty name; never throws.
 *
 * @example
 * const name = { family: 'Chalmers', given: ['Peter', 'James'], prefix: ['Mr'] };
 * formatHumanName(name, { locale: 'en-GB' }); // 'Mr Peter James Chalmers'
 * formatHumanName(name, { locale: 'en-GB', style: 'banner' }); // 'CHALMERS, Peter James (Mr)'
 *
 * @category Formatting
 */
export function formatHumanName(name: HumanName | undefined, options: HumanNameOptions): string {
  if (typeof name !== 'object' || name === null) return '';
  const family = textOf(name.family);
  const given = textParts(name.given);
  const prefix = textParts(name.prefix);
  const suffix = textParts(name.suffix);
  if (family === undefined && given.length === 0) return textOf(name.text) ?? '';
  if (options.style !== 'banner') return [...prefix, ...given, ...(family === undefined ? [] : [family]), ...suffix].join(' ');
  let upper: string;
  try {
    upper = family?.toLocaleUpperCase(options.locale) ?? '';
  } catch {
    upper = family?.toUpperCase() ?? '';
  }
  const forenames = [...given, ...suffix].join(' ');
  const head = upper !== '' && forenames !== '' ? `${upper}, ${forenames}` : upper || forenames;
  return prefix.length > 0 ? `${head} (${prefix.join(' ')})` : head;
}
