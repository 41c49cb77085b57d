// Store wrappers for tests that check which searches a view asks for: one that records every
// search, and one that drops chosen parameters from every query (so a view searches as it did
// before the store could filter by them: its results are what a scan would give).
import type { ResourceType } from '@chartwell/fhir';
import type { ChartStore } from '../../packages/core/src/store/chart-store.js';

/** One search a store was asked for: the type and the query's filter parameters (`_count` and `_cursor` left out). */
export interface RecordedSearch {
  readonly type: ResourceType;
  readonly query: Readonly<Record<string, unknown>>;
}

function wrapSearch(inner: ChartStore, search: (type: ResourceType, query: Record<string, unknown>, rest: unknown[]) => Promise<unknown>): ChartStore {
  return new Proxy(inner, {
    get(target, property, receiver) {
      if (property === 'search') return (type: ResourceType, query: Record<string, unknown> = {}, ...rest: unknown[]) => search(type, query, rest);
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** A store that answers like `inner` and records, in `searches`, every search it was asked for (each page once: a search with `_cursor` is not recorded again). */
export function recordingSearches(inner: ChartStore): { readonly store: ChartStore; readonly searches: RecordedSearch[] } {
  const searches: RecordedSearch[] = [];
  const store = wrapSearch(inner, (type, query, rest) => {
    const { _count: _c, _cursor: cursor, ...filters } = query;
    if (cursor === undefined) searches.push({ type, query: filters });
    return (inner.search as (...args: unknown[]) => Promise<unknown>).call(inner, type, query, ...rest);
  });
  return { store, searches };
}

/** A store that answers like `inner`, except that every query loses the parameters `dropped`: it finds what `inner` finds without them. */
export function withoutParameters(inner: ChartStore, dropped: readonly string[]): ChartStore {
  return wrapSearch(inner, (type, query, rest) => {
    const kept = Object.fromEntries(Object.entries(query).filter(([key]) => !dropped.includes(key)));
    return (inner.search as (...args: unknown[]) => Promise<unknown>).call(inner, type, kept, ...rest);
  });
}

/** The searches of `type` among `searches`. */
export function searchesOf(searches: readonly RecordedSearch[], type: ResourceType): Readonly<Record<string, unknown>>[] {
  return searches.filter((s) => s.type === type).map((s) => s.query);
}
