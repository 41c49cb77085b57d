import { queryFingerprint, searchParameters } from '@chartwell/core';
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type OpenDBCallbacks, type StoreNames } from 'idb';
import { indexKeys, type IndexKey } from './index-keys.js';

/** A FHIR resource as the embedded database holds it: any JSON object with a type and an id. */
export interface StoredResource {
  readonly resourceType: string;
  readonly id: string;
  readonly [element: string]: unknown;
}

/**
 * One row of the `resources` store: the current version of a resource with its search keys, or,
 * once it is deleted, a tombstone that keeps its last version number (so a write after the delete
 * gets the next one) and has no keys (so no search finds it).
 */
export interface ResourceRow {
  readonly resourceType: string;
  readonly id: string;
  /** `meta.versionId` of the current (or, deleted, the last) version, as a number. */
  readonly versionNumber: number;
  /** The current version; absent once deleted. */
  readonly resource?: StoredResource;
  /** Set on a tombstone. */
  readonly deleted?: true;
  /** When the delete happened (on a tombstone). */
  readonly deletedAt?: string;
  /** The resource's search keys: the entries of the `byKey` index (see {@link IndexKey}). */
  readonly keys: IndexKey[];
}

/**
 * One earlier version of a resource in the `history` store. The current version lives only in
 * `resources`: a version moves here when the next one replaces it, or when the resource is
 * deleted (then marked `deleted`).
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
 * The IndexedDB schema, version 3.
 *
 * - `resources`: one {@link ResourceRow} per resource, keyed `[resourceType, id]`: its current
 *   version and its search keys, in the multiEntry index `byKey` (see {@link IndexKey} for the
 *   key shapes). Writing a resource is one `put`; its index entries follow it, and a search reads
 *   the rows straight from the index, with no second lookup.
 * - `history`: the earlier versions, keyed `[resourceType, id, versionNumber]`.
 *
 * A patient's resources of one type, or of one type by status, code or date, are one key range of
 * `byKey`: O(log n + k).
 *
 * Versions 1 (resources only) and 2 (resources, history of every version, and a separate search
 * store) are migrated in place by {@link openChartDatabase}.
 */
export interface ChartDbSchema extends DBSchema {
  resources: { key: [string, string]; value: ResourceRow; indexes: { byKey: IndexKey } };
  history: { key: [string, string, number]; value: HistoryEntry };
  /** `'keys'` → the {@link INDEX_KEYS_VERSION} the rows' keys were computed with. */
  meta: { key: string; value: string };
}

/** How the index keys are computed (see `IndexKey`); changes when the key layout does. */
const KEY_LAYOUT = 1;

/**
 * The version of the rows' index keys: the key layout and a fingerprint of the search parameter
 * definitions they are computed from. A database whose rows were keyed otherwise (a Chartwell
 * version with other search parameters) is re-keyed when it is opened.
 */
export const INDEX_KEYS_VERSION = `${KEY_LAYOUT}.${queryFingerprint('IndexKeys', { definitions: JSON.stringify(searchParameters) })}`;

/** Schema version that {@link openChartDatabase} upgrades to. */
export const CHART_DB_VERSION = 3;

/** The callbacks of {@link openChartDatabase}: idb's, without `upgrade` (the schema is fixed). */
export type ChartDbCallbacks = Omit<OpenDBCallbacks<ChartDbSchema>, 'upgrade'>;

type UpgradeTransaction = IDBPTransaction<ChartDbSchema, StoreNames<ChartDbSchema>[], 'versionchange'>;

/** The version number of a stored resource: its numeric `meta.versionId`, or 1. */
export function versionNumberOf(resource: StoredResource): number {
  const versionId = (resource['meta'] as { versionId?: unknown } | undefined)?.versionId;
  const n = typeof versionId === 'string' ? Number(versionId) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : 1;
}

/** The row of the current version of `resource`, with its search keys. */
export function resourceRow(resource: StoredResource, versionNumber: number): ResourceRow {
  return { resourceType: resource.resourceType, id: resource.id, versionNumber, resource, keys: indexKeys(resource) };
}

/** The search keys of a resource written by an earlier schema; one the engine cannot read gets none, rather than failing the upgrade. */
function migratedRow(resource: StoredResource, versionNumber: number): ResourceRow {
  try {
    return resourceRow(resource, versionNumber);
  } catch (error) {
    console.warn(`Chartwell: ${resource.resourceType}/${resource.id} could not be indexed for search while upgrading the database`, error);
    return { resourceType: resource.resourceType, id: resource.id, versionNumber, resource, keys: [] };
  }
}

/**
 * Versions 1 and 2 → 3. The `resources` rows of both are bare resources; each becomes a
 * {@link ResourceRow} (same key). Version 2 kept every version in `history`, the current one too:
 * that entry goes (the row holds it), and a resource whose last entry says deleted gets a
 * tombstone. Version 1 had no history: its store is created. The `search` store of version 2 is
 * dropped, and `byKey` is built from the new rows.
 */
async function migrateTo3(db: IDBPDatabase<ChartDbSchema>, oldVersion: number, tx: UpgradeTransaction): Promise<void> {
  if (oldVersion < 2) db.createObjectStore('history', { keyPath: ['resourceType', 'id', 'versionNumber'] });
  db.createObjectStore('meta');
  await tx.objectStore('meta').put(INDEX_KEYS_VERSION, 'keys');
  const history = tx.objectStore('history');
  const resources = tx.objectStore('resources');
  let cursor = await resources.openCursor();
  while (cursor) {
    const resource = cursor.value as unknown as StoredResource;
    const last = (await history.openCursor(IDBKeyRange.bound([resource.resourceType, resource.id], [resource.resourceType, resource.id, []]), 'prev'))?.value;
    const versionNumber = last?.versionNumber ?? versionNumberOf(resource);
    if (last) await history.delete([last.resourceType, last.id, last.versionNumber]);
    await cursor.update(migratedRow(resource, versionNumber));
    cursor = await cursor.continue();
  }
  if (oldVersion >= 2) {
    let entry = await history.openCursor();
    while (entry) {
      const { resourceType, id, versionNumber, deleted, deletedAt } = entry.value;
      if (deleted && !(await resources.getKey([resourceType, id]))) {
        await resources.put({ resourceType, id, versionNumber, deleted, ...(deletedAt !== undefined && { deletedAt }), keys: [] });
      }
      entry = await entry.continue();
    }
    (db as unknown as IDBPDatabase).deleteObjectStore('search');
  }
  resources.createIndex('byKey', 'keys', { multiEntry: true });
}

/**
 * Opens (creating or upgrading as needed) the embedded chart database called `name`, at schema
 * {@link CHART_DB_VERSION}. The caller closes it with `db.close()`.
 *
 * @example
 * const db = await openChartDatabase('clinic', { blocked: () => alert('Close the other Chartwell tabs') });
 */
export async function openChartDatabase(name: string, callbacks: ChartDbCallbacks = {}): Promise<IDBPDatabase<ChartDbSchema>> {
  const db = await openDB<ChartDbSchema>(name, CHART_DB_VERSION, {
    ...callbacks,
    async upgrade(db, oldVersion, _newVersion, tx) {
      if (oldVersion < 1) {
        const resources = db.createObjectStore('resources', { keyPath: ['resourceType', 'id'] });
        resources.createIndex('byKey', 'keys', { multiEntry: true });
        db.createObjectStore('history', { keyPath: ['resourceType', 'id', 'versionNumber'] });
        await db.createObjectStore('meta').put(INDEX_KEYS_VERSION, 'keys');
      } else if (oldVersion < 3) {
        await migrateTo3(db, oldVersion, tx);
      }
    },
  });
  try {
    await rekeyIfStale(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/**
 * Recomputes every row's index keys, in one transaction, if they were computed with another
 * {@link INDEX_KEYS_VERSION} (a Chartwell version with other search parameters); until then a
 * search could miss rows. Another tab doing the same at once writes the same keys.
 */
async function rekeyIfStale(db: IDBPDatabase<ChartDbSchema>): Promise<void> {
  if ((await db.get('meta', 'keys')) === INDEX_KEYS_VERSION) return;
  const tx = db.transaction(['resources', 'meta'], 'readwrite');
  let cursor = await tx.objectStore('resources').openCursor();
  while (cursor) {
    const row = cursor.value;
    if (row.resource) await cursor.update(migratedRow(row.resource, row.versionNumber));
    cursor = await cursor.continue();
  }
  await tx.objectStore('meta').put(INDEX_KEYS_VERSION, 'keys');
  await tx.done;
}
