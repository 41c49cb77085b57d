import type { CodeableConcept, Coding } from '@chartwell/fhir';
import { codeSystemShortName } from './code-system.js';
import { textOf } from './text-parts.js';

/** Options of {@link formatCodeableConcept}. */
export interface CodeableConceptOptions {
  /**
   * Code systems whose display to prefer, most preferred first (system URIs, e.g. RxNorm before
   * NDC for drugs). Codings of other systems come after them, in recorded order.
   */
  readonly preferSystems?: readonly string[];
}

/**
 * A code with its system's short name: `SNOMED CT 716186003`, or the bare code for a system
 * without a short name. `''` without a code.
 *
 * @example
 * formatCode({ system: 'http://loinc.org', code: '8480-6' }); // 'LOINC 8480-6'
 *
 * @category Formatting
 */
export function formatCode(coding: Coding | undefined): string {
  if (typeof coding !== 'object' || coding === null) return '';
  const code = textOf(coding.code);
  if (code === undefined) return '';
  const system = codeSystemShortName(coding.system);
  return system === undefined ? code : `${system} ${code}`;
}

/**
 * A Coding for display: its `display` as recorded, else its code with the system's short name
 * ({@link formatCode}). `''` when it has neither.
 *
 * @category Formatting
 */
export function formatCoding(coding: Coding | undefined): string {
  if (typeof coding !== 'object' || coding === null) return '';
  return textOf(coding.display) ?? formatCode(coding);
}

/**
 * The codings of a CodeableConcept in display preference order: the one the user selected
 * (`userSelected`) first, then those of `preferSystems` in that order, then the rest as recorded.
 * Total: a concept without codings gives `[]`.
 *
 * @category Formatting
 */
export function codingsByPreference(concept: CodeableConcept | undefined, options: CodeableConceptOptions = {}): Coding[] {
  if (typeof concept !== 'object' || concept === null || !Array.isArray(concept.coding)) return [];
  const codings = concept.coding.filter((coding): coding is Coding => typeof coding === 'object' && coding !== null);
  const systems = options.preferSystems ?? [];
  const rank = (coding: Coding) => {
    if (coding.userSelected === true) return -1;
    const index = typeof coding.system === 'string' ? systems.indexOf(coding.system) : -1;
    return index === -1 ? systems.length : index;
  };
  // Array.prototype.sort is stable, so equal ranks keep their recorded order.
  return [...codings].sort((a, b) => rank(a) - rank(b));
}

/**
 * A CodeableConcept for display, its words kept exactly as recorded (no re-casing, no
 * truncation): the `display` of the first coding in preference order ({@link codingsByPreference})
 * that has one; else the concept's `text`; else the first code with its system's short name
 * (`SNOMED CT 716186003`). `''` when there is nothing at all; never throws.
 *
 * @example
 * formatCodeableConcept({ coding: [{ system: 'http://snomed.info/sct', code: '716186003' }], text: 'NKA' }); // 'NKA'
 *
 * @category Formatting
 */
export function formatCodeableConcept(concept: CodeableConcept | undefined, options: CodeableConceptOptions = {}): string {
  if (typeof concept !== 'object' || concept === null) return '';
  const codings = codingsByPreference(concept, options);
  for (const coding of codings) {
    const display = textOf(coding.display);
    if (display !== undefined) return display;
  }
  const text = textOf(concept.text);
  if (text !== undefined) return text;
  for (const coding of codings) {
    const code = formatCode(coding);
    if (code !== '') return code;
  }
  return '';
}
