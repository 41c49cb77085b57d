/**
 * `@chartwell/store-idb`: the embedded ChartStore in the browser, on IndexedDB through `idb`.
 *
 * @example
 * import { openChartDatabase } from '@chartwell/store-idb';
 * const db = await openChartDatabase('clinic');
 * await db.put('resources', { resourceType: 'Patient', id: 'p1' });
 *
 * @packageDocumentation
 */
export { openChartDatabase, CHART_DB_VERSION } from './chart-database.js';
export type { ChartDbSchema, StoredResource } from './chart-database.js';
