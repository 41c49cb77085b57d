// Reads a fixture from test/fixtures/ in Node tests.
import { readFileSync } from 'node:fs';

/** The text of `test/fixtures/<path>`. */
export function fixtureText(path: string): string {
  return readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8');
}

/** `test/fixtures/<path>` parsed as JSON. */
export function fixtureJson<T = unknown>(path: string): T {
  return JSON.parse(fixtureText(path)) as T;
}

/** Every string value under a `reference` key anywhere in `value`. */
export function collectReferences(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const item of value) collectReferences(item, found);
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'reference' && typeof item === 'string') found.push(item);
      else collectReferences(item, found);
    }
  }
  return found;
}
