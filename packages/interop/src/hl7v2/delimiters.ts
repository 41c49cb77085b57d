import { Hl7v2Error } from './hl7v2-error.js';

/** The separators and escape character of one message, read from MSH-1 and MSH-2. */
export interface Hl7v2Delimiters {
  /** MSH-1, usually `|`. */
  readonly field: string;
  /** Usually `^`. */
  readonly component: string;
  /** Usually `~`. */
  readonly repetition: string;
  /** Usually `\`. */
  readonly escape: string;
  /** Usually `&`. */
  readonly subcomponent: string;
  /** The truncation character of v2.7 and later (usually `#`), when MSH-2 has a fifth character. */
  readonly truncation?: string;
}

/** The delimiters almost every message uses: `|^~\&`. */
export const DEFAULT_HL7V2_DELIMITERS: Hl7v2Delimiters = { field: '|', component: '^', repetition: '~', escape: '\\', subcomponent: '&' };

/**
 * Reads the delimiters from the start of an MSH segment (`MSH|^~\&|…`): MSH-1 is the character
 * after `MSH`, MSH-2 runs to the next field separator and holds the component, repetition,
 * escape and subcomponent characters, then optionally the truncation character.
 * Throws an {@link Hl7v2Error} (`bad-delimiters`) when they are missing, repeated or unusable.
 */
export function readDelimiters(mshLine: string): Hl7v2Delimiters {
  const field = mshLine.charAt(3);
  const bad = (why: string, where: string) => new Hl7v2Error('bad-delimiters', `HL7 v2 segment 1 (MSH), field ${where}: ${why}`, 1, where);
  if (!usable(field)) throw bad(field === '' ? 'the field separator is missing' : `the field separator ${JSON.stringify(field)} cannot be a letter, digit, space or line break`, 'MSH-1');
  const end = mshLine.indexOf(field, 4);
  const encoding = end === -1 ? mshLine.slice(4) : mshLine.slice(4, end);
  if (encoding.length < 4 || encoding.length > 5) {
    throw bad(`the encoding characters ${JSON.stringify(encoding)} must be 4 (component, repetition, escape, subcomponent) or 5 (and truncation)`, 'MSH-2');
  }
  const chars = [...encoding];
  const all = [field, ...chars];
  if (new Set(all).size !== all.length) throw bad(`the delimiters ${JSON.stringify(field + encoding)} repeat a character`, 'MSH-2');
  const unusable = chars.find((c) => !usable(c));
  if (unusable !== undefined) throw bad(`the encoding character ${JSON.stringify(unusable)} cannot be a letter, digit, space or line break`, 'MSH-2');
  const [component, repetition, escape, subcomponent, truncation] = chars as [string, string, string, string, string | undefined];
  return truncation === undefined ? { field, component, repetition, escape, subcomponent } : { field, component, repetition, escape, subcomponent, truncation };
}

function usable(char: string): boolean {
  return char.length === 1 && !/[A-Za-z0-9\s]/.test(char);
}
