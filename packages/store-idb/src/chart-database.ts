import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type OpenDBCallbacks, type StoreNames } from 'idb';
import { searchRecord } from './search-index.js';

/** A FHIR resource as the embedded database holds it: any JSON object with a type and an id. */
export interface StoredResource {
  readonly resourceType: string;
  readonly id: string;
  readonly [element: string]: unknown;
}

/**
 * One version of a resource in the `history` store. A delete marks the last version `deleted`
 * (and removes the resource from `resources`), so the next write after it gets the next number.
 */
export interface HistoryEntry {
  readonly resourceType: string;
  readonly id: string;
  /** `meta.versionId` as a number: `1`, `2`, ... (the key orders by it). */
  readonly versionNumber: number;
  readonly resource: StoredResource;
  /** Set on the last version of a deleted resource. */
  readonly deleted?: true;
  /** When the delete happened. */
  readonly deletedAt?: string;
}

/**
 * The search index keys of the current version of one resource, in the `search` store (one
 * record per resource, keyed like it, so a write replaces them all and a delete removes them).
 * Each array feeds one multiEntry index; each of its keys is one value of one search parameter,
 * computed by the shared engine (`searchValues`):
 *
 * - tokens: the code (the system is left to the engine's filter); references: `Type/id` as the
 *   engine normalises them; dates: the UTC ISO instants that bound the range the date covers
 *   (they sort as strings), the start and the end in separate indexes;
 * - the `patient*` arrays repeat the keys with each patient the resource belongs to (its
 *   `patient` search values), so a patient's resources of one type by code, status or date are
 *   one contiguous key range.
 */
export interface SearchRecord {
  readonly resourceType: string;
  readonly id: string;
  /** `[resourceType, param, value]` for token and reference parameters. */
  readonly values: [string, string, string][];
  /** `[resourceType, patient, param, value]` for token and reference parameters but `patient`. */
  readonly patientValues: [string, string, string, string][];
  /** `[resourceType, param, start]` and `[resourceType, param, end]` for date parameters. */
  readonly starts: [string, string, string][];
  readonly ends: [string, string, string][];
  /** `[resourceType, patient, param, start]` and `[..., end]` for date parameters. */
  readonly patientStarts: [string, string, string, string][];
  readonly patientEnds: [string, string, string, string][];
}

/**
 * The IndexedDB schema, version 2.
 *
 * - `resources`: the current version of every resource that is not deleted, keyed
 *   `[resourceType, id]` (the version 1 store, unchanged).
 * - `history`: every version, keyed `[resourceType, id, versionNumber]`; the last entry of
 *   `[resourceType, id, *]` holds the current version number and, marked `deleted`, says the
 *   resource was deleted.
 * - `search`: one {@link SearchRecord} per current resource, keyed `[resourceType, id]`, with
 *   multiEntry compound indexes:
 *   - `byValue` `[resourceType, param, value]`: token and reference parameters (`patient=X`,
 *     `status=active`, `code=...`, `encounter=...`);
 *   - `byPatientValue` `[resourceType, patient, param, value]`: a patient's resources by status or code;
 *   - `byStart` / `byEnd` `[resourceType, param, start|end]`: resources by date, any patient (a day's appointments);
 *   - `byPatientStart` / `byPatientEnd` `[resourceType, patient, param, start|end]`: a patient's
 *     resources by date, bounded from above (`eq`, `le`, `lt`: the start) or from below (`ge`, `gt`: the end).
 *
 *   So a patient's resources of one type by date, status or code cost O(log n + k): one key range.
 */
export interface ChartDbSchema extends DBSchema {
  resources: { key: [string, string]; value: StoredResource };
  history: { key: [string, string, number]; value: HistoryEntry };
  search: {
    key: [string, string];
    value: SearchRecord;
    indexes: {
      byValue: [string, string, string];
      byPatientValue: [string, string, string, string];
      byStart: [string, string, string];
      byEnd: [string, string, string];
      byPatientStart: [string, string, string, string];
      byPatientEnd: [string, string, string, string];
    };
  };
}

/** Schema version that {@link openChartDatabase} upgrades to. */
export const CHART_DB_VERSION = 2;

/** The callbacks of {@link openChartDatabase}: idb's, without `upgrade` (the schema is fixed). */
export type ChartDbCallbacks = Omit<OpenDBCallbacks<ChartDbSchema>, 'upgrade'>;

type UpgradeTransaction = IDBPTransaction<ChartDbSchema, StoreNames<ChartDbSchema>[], 'versionchange'>;

/** The version number of a stored resource: its numeric `meta.versionId`, or 1. */
export function versionNumberOf(resource: StoredResource): number {
  const versionId = (resource['meta'] as { versionId?: unknown } | undefined)?.versionId;
  const n = typeof versionId === 'string' ? Number(versionId) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : 1;
}

/** A search record for a version 1 resource; one the engine cannot read gets no keys, rather than failing the upgrade. */
function migratedRecord(resource: StoredResource): SearchRecord {
  try {
    return searchRecord(resource);
  } catch (error) {
    console.warn(`Chartwell: ${resource.resourceType}/${resource.id} could not be indexed for search while upgrading the database`, error);
    return { resourceType: resource.resourceType, id: resource.id, values: [], patientValues: [], starts: [], ends: [], patientStarts: [], patientEnds: [] };
  }
}

/**
 * Version 1 → 2: creates `history` and `search`, then gives every stored resource its history
 * entry (its own version) and its search record. The resources themselves are not changed.
 */
async function migrateTo2(db: IDBPDatabase<ChartDbSchema>, tx: UpgradeTransaction): Promise<void> {
  db.createObjectStore('history', { keyPath: ['resourceType', 'id', 'versionNumber'] });
  const search = db.createObjectStore('search', { keyPath: ['resourceType', 'id'] });
  for (const [index, field] of [
    ['byValue', 'values'],
    ['byPatientValue', 'patientValues'],
    ['byStart', 'starts'],
    ['byEnd', 'ends'],
    ['byPatientStart', 'patientStarts'],
    ['byPatientEnd', 'patientEnds'],
  ] as const) {
    search.createIndex(index, field, { multiEntry: true });
  }

  const history = tx.objectStore('history');
  const entries = tx.objectStore('search');
  const writes: Promise<unknown>[] = [];
  let cursor = await tx.objectStore('resources').openCursor();
  while (cursor) {
    const resource = cursor.value;
    writes.push(history.put({ resourceType: resource.resourceType, id: resource.id, versionNumber: versionNumberOf(resource), resource }));
    writes.push(entries.put(migratedRecord(resource)));
    cursor = await cursor.continue();
  }
  await Promise.all(writes);
}

/**
 * Opens (creating or upgrading as needed) the embedded chart database called `name`, at schema
 * {@link CHART_DB_VERSION}. The caller closes it with `db.close()`.
 *
 * @example
 * const db = await openChartDatabase('clinic', { blocked: () => alert('Close the other Chartwell tabs') });
 */
export function openChartDatabase(name: string, callbacks: ChartDbCallbacks = {}): Promise<IDBPDatabase<ChartDbSchema>> {
  return openDB<ChartDbSchema>(name, CHART_DB_VERSION, {
    ...callbacks,
    async upgrade(db, oldVersion, _newVersion, tx) {
      if (oldVersion < 1) db.createObjectStore('resources', { keyPath: ['resourceType', 'id'] });
      if (oldVersion < 2) await migrateTo2(db, tx);
    },
  });
}
