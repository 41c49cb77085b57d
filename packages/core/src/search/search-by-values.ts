import type { ExtractResource, ResourceType } from '@chartwell/fhir';
import type { ChartStore, SearchParameterName, SearchQuery, StoreCallOptions } from '../store/chart-store.js';
import { searchAllPages } from './all-pages.js';

/**
 * The most values one search carries for one parameter (an OR list). FhirRestStore sends them in
 * a GET URL, which servers cap at a few kilobytes: 50 references of ~55 encoded characters each
 * stay under 3 KB.
 */
export const SEARCH_VALUES_PER_QUERY = 50;

/** How many of those searches run at once. */
const CONCURRENT_SEARCHES = 4;

/**
 * Every resource of type `K` that matches `query` with parameter `param` set to any of `values`:
 * the distinct values go in batches of {@link SEARCH_VALUES_PER_QUERY}, each batch searched
 * through all its pages, and each resource found comes back once (by id), batch by batch. No
 * values, no search: an empty list.
 *
 * @example
 * const provenances = await searchByValues(store, 'Provenance', 'target', observations.map((o) => `Observation/${o.id}`));
 */
export async function searchByValues<K extends ResourceType>(
  store: ChartStore,
  type: K,
  param: SearchParameterName<K>,
  values: readonly string[],
  query: SearchQuery<K> = {},
  options?: StoreCallOptions,
): Promise<ExtractResource<K>[]> {
  const distinct = [...new Set(values)];
  const batches: string[][] = [];
  for (let i = 0; i < distinct.length; i += SEARCH_VALUES_PER_QUERY) batches.push(distinct.slice(i, i + SEARCH_VALUES_PER_QUERY));
  const pages: ExtractResource<K>[][] = [];
  for (let i = 0; i < batches.length; i += CONCURRENT_SEARCHES) {
    const wave = batches.slice(i, i + CONCURRENT_SEARCHES);
    pages.push(...(await Promise.all(wave.map((batch) => searchAllPages(store, type, { ...query, [param]: batch } as SearchQuery<K>, options)))));
  }
  const found: ExtractResource<K>[] = [];
  const seen = new Set<string>();
  const seenObjects = new Set<unknown>();
  for (const resource of pages.flat()) {
    if (seenObjects.has(resource)) continue;
    seenObjects.add(resource);
    const id = (resource as { id?: unknown } | null)?.id;
    if (typeof id === 'string') {
      if (seen.has(id)) continue;
      seen.add(id);
    }
    found.push(resource);
  }
  return found;
}
