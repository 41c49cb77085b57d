/**
 * `@chartwell/store-idb`: the embedded ChartStore in the browser, on IndexedDB through `idb`.
 *
 * @example
 * import { IndexedDbStore } from '@chartwell/store-idb';
 * const store = new IndexedDbStore({ name: 'clinic' });
 * const patient = await store.create({ resourceType: 'Patient', name: [{ family: 'Chalmers' }] });
 * const page = await store.search('Observation', { patient: patient.id, _sort: '-date', _count: 50 });
 *
 * @packageDocumentation
 */
export { IndexedDbStore } from './indexed-db-store.js';
export type { IndexedDbStoreOptions } from './indexed-db-store.js';
export { openChartDatabase, CHART_DB_VERSION, INDEX_KEYS_VERSION } from './chart-database.js';
export type { ChartDbSchema, ChartDbCallbacks, StoredResource, HistoryEntry, ResourceRow } from './chart-database.js';
export type { IndexKey } from './index-keys.js';
