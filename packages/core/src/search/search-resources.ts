import type { ExtractResource, Resource, ResourceType } from '@chartwell/fhir';
import type { SearchPage, SearchQuery } from '../store/chart-store.js';
import { InvalidError } from '../store/errors.js';
import { compileSearch } from './match.js';
import { compareForSort } from './sort.js';
import { searchParameterDefinition, searchValues } from './values.js';

/** The page size of a search without `_count`. */
export const DEFAULT_PAGE_SIZE = 50;
/** The largest page: a greater `_count` gives pages of this size. */
export const MAX_PAGE_SIZE = 1000;

function invalid(type: string, param: string, message: string): InvalidError {
  return new InvalidError({ resourceType: type, path: param }, `Invalid search of ${type}: ${param}: ${message}`);
}

/** The page size a query asks for: `_count`, at most {@link MAX_PAGE_SIZE}; InvalidError naming `_count` unless a positive integer. */
export function pageSize(type: string, count: unknown): number {
  if (count === undefined) return DEFAULT_PAGE_SIZE;
  if (typeof count !== 'number' || !Number.isInteger(count) || count <= 0) throw invalid(type, '_count', `expected a positive whole number, not ${JSON.stringify(count)}`);
  return Math.min(count, MAX_PAGE_SIZE);
}

/** 53-bit hash (cyrb53) as base 36: enough to tell one query from another, not a secret. */
function hash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/**
 * The fingerprint of a search: its type and every parameter but `_cursor` and `_count`, with the
 * values of filters in a canonical order (their order does not change the result; `_sort`'s does).
 */
export function queryFingerprint(type: string, query: object): string {
  const entries = Object.entries(query)
    .filter(([key, value]) => value !== undefined && key !== '_cursor' && key !== '_count')
    .map(([key, value]) => [key, Array.isArray(value) && key !== '_sort' ? [...(value as unknown[])].map(String).sort() : value] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return hash(JSON.stringify([type, entries]));
}

/** The cursor of the page that starts at `offset` of the search with `fingerprint`. */
export function encodeCursor(offset: number, fingerprint: string): string {
  return `${offset.toString(36)}.${fingerprint}`;
}

/** The offset a cursor encodes; InvalidError naming `_cursor` if it is malformed or from another search. */
export function decodeCursor(type: string, cursor: unknown, fingerprint: string): number {
  if (cursor === undefined) return 0;
  const match = typeof cursor === 'string' ? /^([0-9a-z]{1,10})\.([0-9a-z]{1,12})$/.exec(cursor) : null;
  if (!match) throw invalid(type, '_cursor', 'not a cursor this store gave');
  if (match[2] !== fingerprint) throw invalid(type, '_cursor', 'the cursor belongs to another search (pass the same query with the next page\'s cursor)');
  return parseInt(match[1] ?? '0', 36);
}

/** The `(type, param)` pairs of an `_include`, checked: InvalidError naming `_include` unless each is `Type:referenceParam` of the searched type. */
export function parseInclude(type: string, include: unknown): { readonly param: string }[] {
  if (include === undefined) return [];
  const keys = Array.isArray(include) ? (include as unknown[]) : [include];
  return keys.map((key) => {
    const [source, param, extra] = typeof key === 'string' ? key.split(':') : [];
    if (source !== type || param === undefined || extra !== undefined || searchParameterDefinition(type, param)?.type !== 'reference') {
      throw invalid(type, '_include', `${JSON.stringify(key)} is not ${type}:<a reference parameter of ${type}>`);
    }
    return { param };
  });
}

/**
 * The whole search pipeline every store shares: keeps the `candidates` that match `query` (see
 * {@link compileSearch}), sorts them (`_sort`, else by id), cuts the page (`_count`, default
 * {@link DEFAULT_PAGE_SIZE}, at most {@link MAX_PAGE_SIZE}; `_cursor` from the previous page's
 * `next`) and adds, for each `_include`, every distinct resource the page refers to through that
 * parameter that `resolve` finds, once. A store gives as candidates any superset of the matches
 * (all resources of the type, or what its indexes found).
 *
 * Cursors are offsets into the sorted result with a fingerprint of the query, so a cursor from
 * another query is rejected; a write between two pages may shift what later pages hold.
 * Bad input (an unknown parameter, a malformed value, `_count` ≤ 0, a foreign cursor) throws an
 * InvalidError naming the parameter, before any candidate is read. Dates without a time, in the
 * query and in resources, are taken in UTC (see {@link dateRange}).
 *
 * @example
 * const page = searchResources(all, 'Observation', { patient: '123', date: 'ge2020', _sort: '-date' }, (ref) => byRef.get(ref));
 * page.next; // pass as `_cursor` for the next page
 *
 * @category Search
 */
export function searchResources<K extends ResourceType>(
  candidates: Iterable<Resource>,
  type: K,
  query: SearchQuery<K> = {},
  resolve: (reference: string) => Resource | undefined,
): SearchPage<ExtractResource<K>> {
  const matches = compileSearch(type, query);
  const compare = compareForSort(type, query._sort);
  // every parameter is checked before any candidate is read
  pageSize(type, query._count);
  decodeCursor(type, query._cursor, queryFingerprint(type, query));
  parseInclude(type, query._include);
  return searchPageOf(matchAndSort(candidates, matches, compare), type, query, resolve);
}

function matchAndSort(candidates: Iterable<Resource>, matches: (resource: Resource) => boolean, compare: (a: Resource, b: Resource) => number): Resource[] {
  const found: Resource[] = [];
  for (const resource of candidates) if (matches(resource)) found.push(resource);
  return found.sort(compare);
}

/**
 * The first half of {@link searchResources}: every one of `candidates` that matches `query`,
 * sorted by its `_sort` (else by id). Bad input throws an InvalidError naming the parameter.
 * A store can keep the result (see {@link SearchSnapshots}) and cut later pages from it with
 * {@link searchPageOf} instead of matching and sorting every candidate again for each page.
 *
 * @category Search
 */
export function sortedMatches<K extends ResourceType>(candidates: Iterable<Resource>, type: K, query: SearchQuery<K> = {}): Resource[] {
  return matchAndSort(candidates, compileSearch(type, query), compareForSort(type, query._sort));
}

/**
 * The second half of {@link searchResources}: the page of `sorted` (the output of
 * {@link sortedMatches} for the same `query`) that `_cursor` and `_count` ask for, with its
 * `_include`s resolved and the next page's cursor. Bad input throws an InvalidError naming the parameter.
 *
 * @category Search
 */
export function searchPageOf<K extends ResourceType>(
  sorted: readonly Resource[],
  type: K,
  query: SearchQuery<K>,
  resolve: (reference: string) => Resource | undefined,
): SearchPage<ExtractResource<K>> {
  const count = pageSize(type, query._count);
  const fingerprint = queryFingerprint(type, query);
  const offset = decodeCursor(type, query._cursor, fingerprint);
  const includes = parseInclude(type, query._include);
  const page = sorted.slice(offset, offset + count) as ExtractResource<K>[];

  const included: Resource[] = [];
  const seen = new Set<string>();
  for (const { param } of includes) {
    for (const resource of page) {
      const found = searchValues(resource, type, param);
      if (found?.kind !== 'reference') continue;
      for (const reference of found.values) {
        if (seen.has(reference)) continue;
        seen.add(reference);
        const target = resolve(reference);
        if (target !== undefined) included.push(target);
      }
    }
  }

  const end = offset + count;
  return Object.assign(page, { included, ...(end < sorted.length && { next: encodeCursor(end, fingerprint) }) });
}
