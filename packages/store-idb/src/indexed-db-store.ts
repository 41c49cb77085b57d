import { isResourceTypeName, type ExtractResource, type Resource, type ResourceType } from '@chartwell/fhir';
import {
  ConflictError,
  InvalidError,
  NotFoundError,
  UnavailableError,
  parseIfMatch,
  patientOf,
  stampResource,
  validateForWrite,
  watchMatches,
  type ChartChange,
  type ChartStore,
  type SearchPage,
  type SearchQuery,
  type StoreCallOptions,
  type TransactionOperation,
  type WatchFilter,
  type WriteOptions,
} from '@chartwell/core';
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import { openChartDatabase, versionNumberOf, type ChartDbSchema, type HistoryEntry, type StoredResource } from './chart-database.js';
import { indexedDbMissing, toStoreError, upgradeBlocked } from './errors.js';
import { searchIndexed, searchRecord } from './search-index.js';

/** Options of an {@link IndexedDbStore}. */
export interface IndexedDbStoreOptions {
  /** The IndexedDB database name; stores with the same name share the data (and the change feed). */
  readonly name: string;
  /** The clock that stamps `meta.lastUpdated` (default: the system clock). */
  readonly now?: () => Date;
  /**
   * Called when opening must upgrade the schema but another tab holds an older version open;
   * calls waiting for the database reject with an UnavailableError until the other tab lets go.
   */
  readonly onBlocked?: (currentVersion: number, blockedVersion: number | null, event: IDBVersionChangeEvent) => void;
  /**
   * Called when another tab wants to upgrade the database this store has open. The store closes
   * its connection first (so the upgrade can go ahead) and reopens on its next call.
   */
  readonly onBlocking?: (currentVersion: number, blockedVersion: number | null, event: IDBVersionChangeEvent) => void;
  /** Called if the browser closes the connection abnormally (storage cleared); the store reopens on its next call. */
  readonly onTerminated?: () => void;
}

type WriteTx = IDBPTransaction<ChartDbSchema, ('resources' | 'history' | 'search')[], 'readwrite'>;

/** A resource as stored: its current version (if not deleted), last version number and last history entry. */
interface Current {
  readonly resource?: StoredResource;
  /** The number of the last version, 0 if there was none. */
  readonly versionNumber: number;
  readonly deleted: boolean;
  readonly last?: HistoryEntry;
}

/**
 * An operation checked before the transaction opens: `resource` is already our own stamped and
 * validated copy (with a placeholder version that the transaction sets).
 */
type Prepared =
  | { readonly op: 'create' | 'update'; readonly resource: Resource & { id: string; meta: { versionId?: string } }; readonly ifMatch?: string }
  | { readonly op: 'delete'; readonly resourceType: ResourceType; readonly id: string; readonly ifMatch?: string };

/** One resource while a write transaction works on it: as stored, then as the operations leave it. */
interface State {
  readonly type: string;
  readonly id: string;
  resource?: StoredResource;
  versionNumber: number;
  deleted: boolean;
  /** The stored last history entry (to mark deleted when no new version replaces it). */
  last?: HistoryEntry;
  /** The versions this transaction adds. */
  readonly versions: HistoryEntry[];
  changed: boolean;
}

interface Outcome<T> {
  readonly value: T;
  readonly changes: readonly ChartChange[];
}

const STORES = ['resources', 'history', 'search'] as const;

function throwIfAborted(options?: StoreCallOptions): void {
  const signal = options?.signal;
  if (signal?.aborted) throw signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

function historyRange(type: string, id: string): IDBKeyRange {
  return IDBKeyRange.bound([type, id], [type, id, []]);
}

function isChange(data: unknown): data is ChartChange {
  if (typeof data !== 'object' || data === null) return false;
  const c = data as Record<string, unknown>;
  return (c['kind'] === 'create' || c['kind'] === 'update' || c['kind'] === 'delete') && typeof c['resourceType'] === 'string' && typeof c['id'] === 'string' && typeof c['versionId'] === 'string';
}

/** Checks one operation and makes the copy it will write: InvalidError before anything is opened. */
function prepare(operation: TransactionOperation, lastUpdated: string): Prepared {
  const op = (operation as { op?: unknown } | null)?.op;
  if (op === 'create' || op === 'update') {
    const { resource } = operation as { resource: Resource };
    if (typeof resource !== 'object' || resource === null) throw new InvalidError({}, `Cannot ${op}: expected a FHIR resource, not ${JSON.stringify(resource)}`);
    const type: unknown = resource.resourceType;
    let id: string;
    if (op === 'create') id = crypto.randomUUID();
    else {
      if (typeof resource.id !== 'string' || resource.id === '') {
        throw new InvalidError({ ...(typeof type === 'string' && { resourceType: type }), path: `${String(type)}.id` }, `Cannot update ${String(type)} without an id`);
      }
      id = resource.id;
    }
    // validated as it will be stored (so an id given to create, which is replaced, does not count)
    const stamped = validateForWrite(stampResource(resource, { id, versionId: '1', lastUpdated })) as Resource & { id: string; meta: { versionId?: string } };
    const ifMatch = op === 'update' ? (operation as { ifMatch?: string }).ifMatch : undefined;
    return { op, resource: stamped, ...(ifMatch !== undefined && { ifMatch: parseIfMatch(ifMatch) }) };
  }
  if (op === 'delete') {
    const { resourceType, id, ifMatch } = operation as { resourceType: unknown; id: unknown; ifMatch?: string };
    if (typeof resourceType !== 'string' || !isResourceTypeName(resourceType)) throw new InvalidError({ path: 'resourceType' }, `Cannot delete: "${String(resourceType)}" is not a FHIR R4 resource type`);
    if (typeof id !== 'string' || id === '') throw new InvalidError({ resourceType, path: `${resourceType}.id` }, `Cannot delete ${resourceType} without an id`);
    return { op, resourceType, id, ...(ifMatch !== undefined && { ifMatch: parseIfMatch(ifMatch) }) };
  }
  throw new InvalidError({}, `Unknown transaction operation ${JSON.stringify(op)} (expected create, update or delete)`);
}

/**
 * The embedded {@link ChartStore} of the browser: FHIR resources in IndexedDB (schema in
 * `chart-database.ts`), with every version kept, search through compound indexes, all-or-nothing
 * transactions (one IndexedDB transaction each), `ifMatch` checks that hold across tabs, and a
 * change feed shared by every store on the same database through a BroadcastChannel.
 *
 * Errors IndexedDB raises become an UnavailableError that says why (quota, blocked upgrade,
 * IndexedDB missing or denied), with the original as `cause`.
 *
 * @example
 * import { IndexedDbStore } from '@chartwell/store-idb';
 *
 * const store = new IndexedDbStore({ name: 'clinic', onBlocked: () => alert('Close the other Chartwell tabs') });
 * const patient = await store.create({ resourceType: 'Patient', name: [{ family: 'Chalmers' }] });
 * const stop = store.watch({ patient: `Patient/${patient.id}` }, (change) => console.log(change.kind));
 * await store.update({ ...patient, gender: 'male' }, { ifMatch: patient.meta?.versionId });
 * const page = await store.search('Observation', { patient: patient.id, _sort: '-date', _count: 50 });
 * stop();
 * store.close();
 */
export class IndexedDbStore implements ChartStore {
  /** The IndexedDB database name. */
  readonly name: string;
  readonly #options: IndexedDbStoreOptions;
  readonly #watchers = new Set<{ readonly filter: WatchFilter; readonly listener: (change: ChartChange) => void }>();
  #db: IDBPDatabase<ChartDbSchema> | undefined;
  #opening: Promise<IDBPDatabase<ChartDbSchema>> | undefined;
  #blocked: UnavailableError | undefined;
  #channel: BroadcastChannel | undefined;
  #closed = false;

  constructor(options: IndexedDbStoreOptions) {
    if (typeof options?.name !== 'string' || options.name === '') throw new InvalidError({}, 'IndexedDbStore needs a database name: new IndexedDbStore({ name })');
    this.name = options.name;
    this.#options = options;
  }

  /** The name of the BroadcastChannel that carries this database's changes between tabs. */
  get channelName(): string {
    return `chartwell:${this.name}`;
  }

  /**
   * The current version of the resource; NotFoundError if there is none (`deleted: true` if it was deleted).
   *
   * @category Read
   */
  async read<K extends ResourceType>(type: K, id: string, options?: StoreCallOptions): Promise<ExtractResource<K>> {
    throwIfAborted(options);
    const db = await this.#database();
    try {
      const tx = db.transaction(['resources', 'history'], 'readonly');
      const resource = await tx.objectStore('resources').get([type, id]);
      throwIfAborted(options);
      if (!resource) throw new NotFoundError({ resourceType: type, id, deleted: (await tx.objectStore('history').count(historyRange(type, id))) > 0 });
      return resource as unknown as ExtractResource<K>;
    } catch (error) {
      throw toStoreError(error, this.name);
    }
  }

  /**
   * The resources of type `K` that match `query`, one page at a time: candidates from the most
   * selective indexed parameter, then the shared search pipeline (as in every store).
   *
   * @category Read
   */
  async search<K extends ResourceType>(type: K, query: SearchQuery<K> = {}, options?: StoreCallOptions): Promise<SearchPage<ExtractResource<K>>> {
    throwIfAborted(options);
    const db = await this.#database();
    try {
      const page = await searchIndexed(db, type, query);
      throwIfAborted(options);
      return page;
    } catch (error) {
      throw toStoreError(error, this.name);
    }
  }

  /**
   * Every version of the resource, newest first (a deleted resource keeps its history); NotFoundError if it never existed.
   *
   * @category Read
   */
  async history<K extends ResourceType>(type: K, id: string, options?: StoreCallOptions): Promise<ExtractResource<K>[]> {
    throwIfAborted(options);
    const db = await this.#database();
    try {
      const entries = await db.getAll('history', historyRange(type, id));
      throwIfAborted(options);
      if (entries.length === 0) throw new NotFoundError({ resourceType: type, id });
      const versions: ExtractResource<K>[] = [];
      for (const entry of entries) if (entry.resource) versions.push(entry.resource as unknown as ExtractResource<K>);
      return versions.reverse();
    } catch (error) {
      throw toStoreError(error, this.name);
    }
  }

  /**
   * Stores a new resource under a new random id (any id given is replaced); resolves after the commit.
   *
   * @category Write
   */
  async create<R extends Resource>(resource: R, options?: StoreCallOptions): Promise<R> {
    const [result] = await this.transaction([{ op: 'create', resource }], options);
    return result as R;
  }

  /**
   * Stores the next version of the resource with that id, or creates it when there is none and no
   * `ifMatch`; a stale `ifMatch` (checked inside the writing transaction, so across tabs too) is a ConflictError.
   *
   * @category Write
   */
  async update<R extends Resource>(resource: R, options?: WriteOptions): Promise<R> {
    const [result] = await this.transaction([{ op: 'update', resource, ...(options?.ifMatch !== undefined && { ifMatch: options.ifMatch }) }], options);
    return result as R;
  }

  /**
   * Deletes the resource, keeping its history; NotFoundError if there is none, ConflictError for a stale `ifMatch`.
   *
   * @category Write
   */
  async delete(type: ResourceType, id: string, options?: WriteOptions): Promise<void> {
    await this.transaction([{ op: 'delete', resourceType: type, id, ...(options?.ifMatch !== undefined && { ifMatch: options.ifMatch }) }], options);
  }

  /**
   * Runs every operation in one IndexedDB readwrite transaction: all are checked first, and any
   * failure (a conflict, a missing resource, an abort, quota) aborts the transaction, so nothing
   * is written. Resolves once the transaction has committed.
   *
   * @category Write
   */
  async transaction(operations: readonly TransactionOperation[], options?: StoreCallOptions): Promise<(Resource | undefined)[]> {
    throwIfAborted(options);
    if (!Array.isArray(operations)) throw new InvalidError({}, 'A transaction takes an array of operations');
    const lastUpdated = (this.#options.now?.() ?? new Date()).toISOString();
    const prepared = operations.map((operation) => prepare(operation, lastUpdated));
    if (prepared.length === 0) return [];
    return this.#write(prepared, options);
  }

  /**
   * Calls `listener` after each committed change that `filter` matches, made by this store
   * (in a microtask after the commit) or by another store on the same database, in this or
   * another tab (through the BroadcastChannel {@link IndexedDbStore.channelName}); returns the function that stops it.
   *
   * @category Watch
   */
  watch(filter: WatchFilter, listener: (change: ChartChange) => void): () => void {
    const watcher = { filter, listener };
    this.#watchers.add(watcher);
    this.#ensureChannel();
    return () => {
      this.#watchers.delete(watcher);
    };
  }

  /**
   * Closes the database connection and the change feed. Calls after this reject with an
   * UnavailableError; a store that is not closed keeps other tabs from deleting the database.
   */
  close(): void {
    this.#closed = true;
    this.#db?.close();
    this.#db = undefined;
    this.#channel?.close();
    this.#channel = undefined;
    this.#watchers.clear();
  }

  // ---------------------------------------------------------------------------------------------

  async #database(): Promise<IDBPDatabase<ChartDbSchema>> {
    if (this.#closed) throw new UnavailableError({}, `The IndexedDbStore on "${this.name}" was closed`);
    if (this.#db) return this.#db;
    if (this.#opening) {
      if (this.#blocked) throw this.#blocked;
      return this.#opening;
    }
    if (typeof indexedDB === 'undefined' || indexedDB === null) throw indexedDbMissing(this.name);
    let rejectBlocked: (error: UnavailableError) => void = () => undefined;
    const blocked = new Promise<never>((_resolve, reject) => {
      rejectBlocked = reject;
    });
    blocked.catch(() => undefined);
    // async, so that a synchronous throw of indexedDB.open (access denied) becomes a rejection
    const opening = (async () => openChartDatabase(this.name, {
      blocked: (currentVersion, blockedVersion, event) => {
        this.#blocked = upgradeBlocked(this.name, currentVersion, blockedVersion, event);
        rejectBlocked(this.#blocked);
        this.#options.onBlocked?.(currentVersion, blockedVersion, event);
      },
      blocking: (currentVersion, blockedVersion, event) => {
        this.#db?.close();
        this.#db = undefined;
        this.#options.onBlocking?.(currentVersion, blockedVersion, event);
      },
      terminated: () => {
        this.#db = undefined;
        this.#options.onTerminated?.();
      },
    }))().then(
      (db) => {
        this.#opening = undefined;
        this.#blocked = undefined;
        if (this.#closed) {
          db.close();
          throw new UnavailableError({}, `The IndexedDbStore on "${this.name}" was closed`);
        }
        this.#db = db;
        return db;
      },
      (error: unknown) => {
        this.#opening = undefined;
        this.#blocked = undefined;
        throw error instanceof ReferenceError ? indexedDbMissing(this.name, error) : toStoreError(error, this.name);
      },
    );
    opening.catch(() => undefined);
    this.#opening = opening;
    return Promise.race([opening, blocked]);
  }

  async #current(tx: WriteTx, type: string, id: string): Promise<Current> {
    const [resource, cursor] = await Promise.all([tx.objectStore('resources').get([type, id]), tx.objectStore('history').openCursor(historyRange(type, id), 'prev')]);
    const last = cursor?.value;
    return {
      ...(resource && { resource }),
      ...(last && { last }),
      versionNumber: last?.versionNumber ?? (resource ? versionNumberOf(resource) : 0),
      deleted: !resource && last !== undefined,
    };
  }

  /** Runs the operations in one readwrite transaction; resolves after it commits, then tells the watchers. */
  async #write(operations: readonly Prepared[], options?: StoreCallOptions): Promise<(Resource | undefined)[]> {
    throwIfAborted(options);
    const db = await this.#database();
    throwIfAborted(options);
    let tx: WriteTx;
    try {
      tx = db.transaction([...STORES], 'readwrite');
    } catch (error) {
      throw toStoreError(error, this.name);
    }
    let outcome: Outcome<(Resource | undefined)[]>;
    try {
      // 1. read, at once, the state of every resource the operations touch (2–3 requests each)
      const states = await this.#load(tx, operations);
      // 2. apply the operations in order to that state, in memory: a conflict or a missing
      //    resource throws here, before anything is written
      const value: (Resource | undefined)[] = [];
      const changes: ChartChange[] = [];
      for (const operation of operations) {
        throwIfAborted(options);
        const { result, change } = this.#apply(states, operation);
        value.push(result);
        changes.push(change);
      }
      throwIfAborted(options);
      // 3. write the net effect of each resource: its current version, new history entries, index entries
      await Promise.all([...states.values()].filter((state) => state.changed).map((state) => this.#store(tx, state)));
      throwIfAborted(options);
      outcome = { value, changes };
    } catch (error) {
      try {
        tx.abort();
      } catch {
        // already aborted by IndexedDB (a failed request, quota)
      }
      await tx.done.catch(() => undefined);
      throw toStoreError(error, this.name);
    }
    try {
      await tx.done;
    } catch (error) {
      throw toStoreError(error, this.name);
    }
    this.#publish(outcome.changes);
    // IndexedDB stored clones, so the caller may change these without changing the store
    return outcome.value;
  }

  /** The stored state of every resource the operations name, read in parallel (creates get new ids: nothing to read). */
  async #load(tx: WriteTx, operations: readonly Prepared[]): Promise<Map<string, State>> {
    const states = new Map<string, State>();
    const reads: Promise<void>[] = [];
    for (const operation of operations) {
      const [type, id] = operation.op === 'delete' ? [operation.resourceType, operation.id] : [operation.resource.resourceType, operation.resource.id];
      const key = `${type}/${id}`;
      if (states.has(key)) continue;
      const state: State = { type, id, versionNumber: 0, deleted: false, versions: [], changed: false };
      states.set(key, state);
      if (operation.op === 'create') continue;
      reads.push(
        this.#current(tx, type, id).then((current) => {
          Object.assign(state, current);
        }),
      );
    }
    await Promise.all(reads);
    return states;
  }

  #apply(states: Map<string, State>, operation: Prepared): { result: Resource | undefined; change: ChartChange } {
    if (operation.op === 'delete') {
      const { resourceType, id } = operation;
      const state = states.get(`${resourceType}/${id}`) as State;
      if (!state.resource) throw new NotFoundError({ resourceType, id, deleted: state.deleted });
      const versionId = String(state.versionNumber);
      if (operation.ifMatch !== undefined && operation.ifMatch !== versionId) throw new ConflictError({ resourceType, id, currentVersionId: versionId });
      // a delete adds no version: it marks the last one deleted
      const patient = patientOf(state.resource as unknown as Resource);
      Object.assign(state, { resource: undefined, deleted: true, changed: true });
      return { result: undefined, change: { kind: 'delete', resourceType, id, versionId, ...(patient !== undefined && { patient }) } };
    }
    const { resource } = operation;
    const { id, resourceType: type } = resource;
    const state = states.get(`${type}/${id}`) as State;
    if (operation.ifMatch !== undefined) {
      const currentVersionId = state.resource ? String(state.versionNumber) : undefined;
      if (operation.ifMatch !== currentVersionId) {
        throw new ConflictError(
          { resourceType: type, id, ...(currentVersionId !== undefined && { currentVersionId }) },
          currentVersionId === undefined ? `${type}/${id} ${state.deleted ? 'was deleted' : 'does not exist'}, so it is not version ${operation.ifMatch}` : undefined,
        );
      }
    }
    const live = state.resource !== undefined;
    const versionNumber = state.versionNumber + 1;
    resource.meta.versionId = String(versionNumber);
    const row = resource as unknown as StoredResource;
    state.versions.push({ resourceType: type, id, versionNumber, resource: row });
    Object.assign(state, { resource: row, versionNumber, deleted: false, changed: true });
    const patient = patientOf(resource);
    return {
      result: resource,
      change: { kind: live ? 'update' : 'create', resourceType: type, id, versionId: String(versionNumber), ...(patient !== undefined && { patient }) },
    };
  }

  /** Writes what the operations made of one resource (the requests are queued; the promise settles with them). */
  #store(tx: WriteTx, state: State): Promise<unknown> {
    const { type, id } = state;
    const resources = tx.objectStore('resources');
    const history = tx.objectStore('history');
    const search = tx.objectStore('search');
    const writes: Promise<unknown>[] = [];
    const versions = [...state.versions];
    if (state.deleted) {
      const last = versions.pop() ?? state.last;
      if (last) versions.push({ ...last, deleted: true, deletedAt: (this.#options.now?.() ?? new Date()).toISOString() });
      writes.push(resources.delete([type, id]));
    } else if (state.resource) {
      writes.push(resources.put(state.resource));
    }
    for (const entry of versions) writes.push(history.put(entry));
    // the search record is keyed like the resource: a put replaces every index key it had
    if (state.deleted) writes.push(search.delete([type, id]));
    else if (state.resource) writes.push(search.put(searchRecord(state.resource)));
    return Promise.all(writes);
  }

  #ensureChannel(): BroadcastChannel | undefined {
    if (this.#channel || this.#closed || typeof BroadcastChannel === 'undefined') return this.#channel;
    const channel = new BroadcastChannel(this.channelName);
    channel.onmessage = (event: MessageEvent<unknown>) => {
      if (isChange(event.data)) this.#notify(event.data);
    };
    this.#channel = channel;
    return channel;
  }

  /** After a commit: tells the other stores on this database at once, and this store's watchers in a microtask, in commit order. */
  #publish(changes: readonly ChartChange[]): void {
    const channel = this.#ensureChannel();
    for (const change of changes) {
      try {
        channel?.postMessage(change);
      } catch (error) {
        console.warn(`IndexedDbStore "${this.name}": could not tell other tabs of a change`, error);
      }
    }
    if (this.#watchers.size > 0) queueMicrotask(() => changes.forEach((change) => this.#notify(change)));
  }

  #notify(change: ChartChange): void {
    for (const { filter, listener } of [...this.#watchers]) {
      if (!watchMatches(filter, change)) continue;
      try {
        listener(change);
      } catch (error) {
        // a failing listener must not stop the others, nor turn a committed write into a failure
        if (typeof reportError === 'function') reportError(error);
        else console.error(error);
      }
    }
  }
}
