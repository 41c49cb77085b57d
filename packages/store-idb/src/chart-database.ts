import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/** A FHIR resource as the embedded database holds it: any JSON object with a type and an id. */
export interface StoredResource {
  readonly resourceType: string;
  readonly id: string;
  readonly [element: string]: unknown;
}

/** The IndexedDB schema (version 1): one object store of resources keyed by `[resourceType, id]`. */
export interface ChartDbSchema extends DBSchema {
  resources: { key: [string, string]; value: StoredResource };
}

/** Schema version that {@link openChartDatabase} upgrades to. */
export const CHART_DB_VERSION = 1;

/**
 * Opens (creating or upgrading as needed) the embedded chart database called `name`.
 * The caller closes it with `db.close()`.
 */
export function openChartDatabase(name: string): Promise<IDBPDatabase<ChartDbSchema>> {
  return openDB<ChartDbSchema>(name, CHART_DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) db.createObjectStore('resources', { keyPath: ['resourceType', 'id'] });
    },
  });
}
