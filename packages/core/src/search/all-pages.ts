import type { ExtractResource, ResourceType } from '@chartwell/fhir';
import type { ChartStore, SearchQuery, StoreCallOptions } from '../store/chart-store.js';

/** The largest number of pages {@link searchAllPages} follows before it stops with an error (a store whose cursor never ends). */
const MAX_PAGES = 10_000;

/**
 * Every resource of type `K` that matches `query`, following each page's `next` cursor to the
 * end. Views use it where a chart needs the whole set (a patient's claims, a week's slots).
 */
export async function searchAllPages<K extends ResourceType>(store: ChartStore, type: K, query: SearchQuery<K> = {}, options?: StoreCallOptions): Promise<ExtractResource<K>[]> {
  const found: ExtractResource<K>[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < MAX_PAGES; pages++) {
    const page = await store.search(type, { ...query, _count: 1000, ...(cursor !== undefined && { _cursor: cursor }) }, options);
    found.push(...page);
    if (page.next === undefined) return found;
    cursor = page.next;
  }
  throw new Error(`searchAllPages: ${type} search returned more than ${MAX_PAGES} pages`);
}
