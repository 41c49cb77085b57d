/** Every string under a `reference` key anywhere in `value` (contained resources included). */
export function referencesIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const item of value) referencesIn(item, found);
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'reference' && typeof item === 'string') found.push(item);
      else if (item && typeof item === 'object') referencesIn(item, found);
    }
  }
  return found;
}

/** `{ type, id }` of a literal reference (`Practitioner/12`, an absolute URL, a versioned one), or undefined. */
export function literalTarget(reference: string): { readonly type: string; readonly id: string } | undefined {
  const match = /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(reference);
  return match?.[1] && match[2] ? { type: match[1], id: match[2] } : undefined;
}
