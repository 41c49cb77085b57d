import type { Resource } from '@chartwell/fhir';
import { queryFingerprint } from './search-resources.js';

/** How many searches a {@link SearchSnapshots} keeps by default. */
const DEFAULT_CAPACITY = 8;

/**
 * The sorted matches of a store's latest searches, kept so that the pages after the first are cut
 * from them instead of matching and sorting every candidate again for each page: reading all
 * pages of a search (see {@link searchAllPages}) then costs one sorted pass, not one per page.
 *
 * A snapshot is taken only for a first page that has a next one, is used only for a request with
 * a `_cursor` of the same query (its fingerprint), and the store drops them all on every write,
 * so a later page reads what a fresh search would. It keeps the latest `capacity` searches.
 *
 * @category Search
 */
export class SearchSnapshots {
  readonly #entries = new Map<string, readonly Resource[]>();
  readonly #capacity: number;

  /** Keeps at most `capacity` searches (the oldest is dropped first). */
  constructor(capacity = DEFAULT_CAPACITY) {
    this.#capacity = capacity;
  }

  /** The sorted matches kept for a later page of this query (it has a `_cursor`); undefined for a first page or an unknown query. */
  forLaterPage(type: string, query: object): readonly Resource[] | undefined {
    if ((query as { readonly _cursor?: unknown })._cursor === undefined) return undefined;
    return this.#entries.get(queryFingerprint(type, query));
  }

  /** Keeps `sorted`, the matches of `query`, for its later pages. */
  keep(type: string, query: object, sorted: readonly Resource[]): void {
    const key = queryFingerprint(type, query);
    this.#entries.delete(key);
    this.#entries.set(key, sorted);
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.#capacity) break;
      this.#entries.delete(oldest);
    }
  }

  /** Drops every snapshot (the store was written). */
  clear(): void {
    this.#entries.clear();
  }
}
