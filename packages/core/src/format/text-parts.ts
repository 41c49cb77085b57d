/**
 * The non-blank strings of an optional FHIR string array (which may hold `null` where only an
 * extension was sent), trimmed. Total: anything that is not an array gives `[]`.
 * @internal
 */
export function textParts(values: unknown): string[] {
  if (!Array.isArray(values)) return [];
  return values.filter((value): value is string => typeof value === 'string' && value.trim() !== '').map((value) => value.trim());
}

/**
 * A trimmed string, or `undefined` when the value is not a non-blank string.
 * @internal
 */
export function textOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
