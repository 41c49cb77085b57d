import { InvalidError } from '@chartwell/core';
import { base64url, fromBase64url } from './base64url.js';

/** A short, stable hash of a text (FNV-1a, 2 × 32 bits, base 36): tells one query from another; not a secret. */
function hash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 0).toString(36) + (b >>> 0).toString(36);
}

/** The fingerprint of a search: its type and every parameter but `_cursor` and `_count`, filter values in a canonical order. */
export function searchFingerprint(type: string, query: object): string {
  const entries = Object.entries(query)
    .filter(([key, value]) => value !== undefined && key !== '_cursor' && key !== '_count')
    .map(([key, value]) => [key, Array.isArray(value) && key !== '_sort' ? [...(value as unknown[])].map(String).sort() : value] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return hash(JSON.stringify([type, entries]));
}

const PREFIX = 's1.';

/** A cursor for a server-paged search: the server's next-page address (relative to the base) and the search's fingerprint. */
export function encodeServerCursor(fingerprint: string, relativeUrl: string): string {
  return PREFIX + base64url(new TextEncoder().encode(JSON.stringify([fingerprint, relativeUrl])));
}

/** The next-page address a cursor holds; InvalidError naming `_cursor` if it is not one, or belongs to another search. */
export function decodeServerCursor(type: string, cursor: unknown, fingerprint: string): string {
  const bytes = typeof cursor === 'string' && cursor.startsWith(PREFIX) ? fromBase64url(cursor.slice(PREFIX.length)) : undefined;
  let parsed: unknown;
  try {
    parsed = bytes === undefined ? undefined : JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    parsed = undefined;
  }
  const [print, url] = Array.isArray(parsed) ? (parsed as unknown[]) : [];
  if (typeof print !== 'string' || typeof url !== 'string' || url.includes('://') || url.startsWith('/')) {
    throw new InvalidError({ resourceType: type, path: '_cursor' }, `Invalid search of ${type}: _cursor: not a cursor this store gave`);
  }
  if (print !== fingerprint) {
    throw new InvalidError({ resourceType: type, path: '_cursor' }, `Invalid search of ${type}: _cursor: the cursor belongs to another search (pass the same query with the next page's cursor)`);
  }
  return url;
}
