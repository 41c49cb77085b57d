import type { CodeableConcept } from '@chartwell/fhir';

/**
 * The code of the first coding of `concept` in `system` (any system when none is given); total
 * over missing or malformed concepts.
 * @internal
 */
export function codeIn(concept: CodeableConcept | undefined, system?: string): string | undefined {
  if (typeof concept !== 'object' || concept === null || !Array.isArray(concept.coding)) return undefined;
  for (const coding of concept.coding) {
    if (typeof coding !== 'object' || coding === null || typeof coding.code !== 'string') continue;
    if (system === undefined || coding.system === system) return coding.code;
  }
  return undefined;
}

/**
 * Whether `concept` carries `code` in `system`.
 * @internal
 */
export function hasCode(concept: CodeableConcept | undefined, system: string, codes: ReadonlySet<string>): boolean {
  if (typeof concept !== 'object' || concept === null || !Array.isArray(concept.coding)) return false;
  return concept.coding.some((coding) => typeof coding === 'object' && coding !== null && coding.system === system && typeof coding.code === 'string' && codes.has(coding.code));
}

/**
 * The items of an optional FHIR array that are objects: total over missing arrays and null entries.
 * @internal
 */
export function objects<T>(values: readonly T[] | undefined | null): T[] {
  if (!Array.isArray(values)) return [];
  return values.filter((value): value is T => typeof value === 'object' && value !== null);
}
