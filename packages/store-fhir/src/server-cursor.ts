import { InvalidError } from '@chartwell/core';
import { base64url, fromBase64url } from './base64url.js';

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
