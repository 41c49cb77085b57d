import type { ExtractResource, Resource, ResourceType } from '@chartwell/fhir';
import type { ChartStore, SearchQuery, StoreCallOptions } from '../store/chart-store.js';

/** Page size the views ask for. */
const PAGE_SIZE = 500;
/** A bound on pages, so a store whose cursor never ends cannot loop forever. */
const MAX_PAGES = 200;

/** Every match of a search, across pages, with the resources `_include` added. */
export interface SearchAllResult<T extends Resource> {
  readonly resources: T[];
  readonly included: Resource[];
}

/**
 * Runs a search to its last page. Store errors propagate unchanged.
 * @internal
 */
export async function searchAll<K extends ResourceType>(
  store: ChartStore,
  type: K,
  query: SearchQuery<K>,
  options: StoreCallOptions = {},
): Promise<SearchAllResult<ExtractResource<K>>> {
  const resources: ExtractResource<K>[] = [];
  const included: Resource[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await store.search(type, { _count: PAGE_SIZE, ...query, ...(cursor !== undefined && { _cursor: cursor }) } as SearchQuery<K>, options);
    resources.push(...result);
    included.push(...(result.included ?? []));
    cursor = result.next;
    if (cursor === undefined) break;
  }
  return { resources, included };
}
