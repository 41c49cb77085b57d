import { isResourceTypeName, type ExtractResource, type Resource, type ResourceType } from '@chartwell/fhir';
import {
  ConflictError,
  InvalidError,
  NotFoundError,
  UnavailableError,
  notifyWatchers,
  SearchSnapshots,
  parseIfMatch,
  patientOf,
  validateForWrite,
  type ChangeWatcher,
  type ChartChange,
  type ChartStore,
  type SearchPage,
  type SearchQuery,
  type StoreCallOptions,
  type StoreInfo,
  type TransactionOperation,
  type WatchFilter,
  type WriteOptions,
} from '@chartwell/core';
import { unwrap, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { openChartDatabase, resourceRow, type ChartDbSchema, type HistoryEntry, type ResourceRow, type StoredResource } from './chart-database.js';
import { indexedDbMissing, toStoreError, upgradeBlocked } from './errors.js';
import { searchIndexed } from './search-index.js';

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
  /** What the widgets call this store (default `This browser`). */
  readonly label?: string;
}

type WriteTx = IDBPTransaction<ChartDbSchema, ('resources' | 'history')[], 'readwrite'>;

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
  /** The current version, if there is one. */
  resource?: StoredResource;
  /** The number of the current (or last) version, 0 if there was none. */
  versionNumber: number;
  deleted: boolean;
  deletedAt?: string;
  /** The versions the operations replaced or deleted: they go to `history`. */
  readonly superseded: HistoryEntry[];
  changed: boolean;
  /** Not read but taken to be new (a create, or an optimistic update): its row is added, which fails if one exists. */
  readonly assumedNew: boolean;
}

interface Outcome<T> {
  readonly value: T;
  readonly changes: readonly ChartChange[];
}

const STORES = ['resources', 'history'] as const;

function throwIfAborted(options?: StoreCallOptions): void {
  const signal = options?.signal;
  if (signal?.aborted) throw signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

function historyRange(type: string, id: string): IDBKeyRange {
  return IDBKeyRange.bound([type, id], [type, id, []]);
}

function isChanges(data: unknown): data is ChartChange[] {
  return Array.isArray(data) && data.every(isChange);
}

function isChange(data: unknown): data is ChartChange {
  if (typeof data !== 'object' || data === null) return false;
  const c = data as Record<string, unknown>;
  return (c['kind'] === 'create' || c['kind'] === 'update' || c['kind'] === 'delete') && typeof c['resourceType'] === 'string' && typeof c['id'] === 'string' && typeof c['versionId'] === 'string';
}

/** Checks the shape of one operation (InvalidError before anything is opened) and makes the stamped copy it will write (validated by the write). */
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
    // A shallow copy with the store's stamp (an id given to create is replaced): IndexedDB
    // clones it when it is written. It is validated in the writing transaction, right before
    // that (with nothing awaited in between), so what is validated is what is stored.
    const meta = typeof resource.meta === 'object' && resource.meta !== null ? resource.meta : {};
    const stamped = { ...resource, id, meta: { ...meta, versionId: '1', lastUpdated } } as Resource & { id: string; meta: { versionId?: string } };
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
  /** Its label, and `remote: false`: the data is in this browser and needs no network. */
  readonly info: StoreInfo;
  readonly #options: IndexedDbStoreOptions;
  readonly #watchers = new Set<ChangeWatcher>();
  #db: IDBPDatabase<ChartDbSchema> | undefined;
  #opening: Promise<IDBPDatabase<ChartDbSchema>> | undefined;
  #blocked: UnavailableError | undefined;
  #channel: BroadcastChannel | undefined;
  /** The sorted matches of recent searches, for their later pages; dropped on every write heard (this store's or another tab's). */
  readonly #snapshots = new SearchSnapshots();
  #closed = false;

  constructor(options: IndexedDbStoreOptions) {
    if (typeof options?.name !== 'string' || options.name === '') throw new InvalidError({}, 'IndexedDbStore needs a database name: new IndexedDbStore({ name })');
    this.name = options.name;
    this.info = { label: options.label ?? 'This browser', remote: false };
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
      const row = await db.get('resources', [type, id]);
      throwIfAborted(options);
      if (!row?.resource) throw new NotFoundError({ resourceType: type, id, deleted: row?.deleted === true });
      return row.resource as unknown as ExtractResource<K>;
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
    // another tab's write is heard on the channel, and drops the snapshots
    this.#ensureChannel();
    try {
      const page = await searchIndexed(db, type, query, this.#snapshots);
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
      const tx = db.transaction(['resources', 'history'], 'readonly');
      const [row, entries] = await Promise.all([tx.objectStore('resources').get([type, id]), tx.objectStore('history').getAll(historyRange(type, id))]);
      throwIfAborted(options);
      if (!row) throw new NotFoundError({ resourceType: type, id });
      const versions = entries.map((entry) => entry.resource as unknown as ExtractResource<K>);
      if (row.resource) versions.push(row.resource as unknown as ExtractResource<K>);
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
    return this.#write(prepared, lastUpdated, options);
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
    this.#snapshots.clear();
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

  /**
   * Runs the operations in one readwrite transaction; resolves after it commits, then tells the watchers.
   *
   * Optimistic first: an update without `ifMatch` is taken to create its resource (as in an
   * import, which gives every new resource its id), so its row is not read but added. If a row
   * was there after all, IndexedDB refuses the add, the transaction aborts with nothing written,
   * and the operations run again reading every row.
   */
  async #write(operations: readonly Prepared[], lastUpdated: string, options?: StoreCallOptions, optimistic = true): Promise<(Resource | undefined)[]> {
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
    // set when the add of a row taken to be new fails because the row exists
    let existed = false;
    try {
      // 1. read, at once, the row of every resource the operations touch (creates have new ids: none)
      const states = await this.#load(tx, operations, optimistic);
      // Nothing is awaited from here until every request is queued: the resources cannot change
      // between their validation and IndexedDB's copy of them. Any throw aborts the transaction,
      // so requests already queued are never committed.
      const raw = unwrap(tx);
      // A refused add's error event passes the transaction on its way to the request: heard in
      // the capture phase, before idb's own listener rejects tx.done (and the catch below runs).
      raw.addEventListener(
        'error',
        (event) => {
          if ((event.target as IDBRequest | null)?.error?.name === 'ConstraintError') existed = true;
        },
        { capture: true },
      );
      const stores = { resources: raw.objectStore('resources'), history: raw.objectStore('history') };
      const value: (Resource | undefined)[] = [];
      const changes: ChartChange[] = [];
      if (states.size === operations.length) {
        // 2+3. each operation on its own resource (an import): checked, applied and queued one
        //      by one, so IndexedDB writes the first while the next is checked
        for (const operation of operations) {
          throwIfAborted(options);
          if (operation.op !== 'delete') validateForWrite(operation.resource);
          const { result, change, state } = this.#apply(states, operation, lastUpdated);
          value.push(result);
          changes.push(change);
          this.#store(stores, state);
        }
      } else {
        // 2. several operations on one resource: all checked and applied in order, in memory
        for (const operation of operations) if (operation.op !== 'delete') validateForWrite(operation.resource);
        for (const operation of operations) {
          throwIfAborted(options);
          const { result, change } = this.#apply(states, operation, lastUpdated);
          value.push(result);
          changes.push(change);
        }
        // 3. then the net effect of each resource: its row (with its search keys) and the
        //    versions it superseded
        for (const state of states.values()) if (state.changed) this.#store(stores, state);
      }
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
      if (optimistic && existed) return this.#write(operations, lastUpdated, options, false);
      throw toStoreError(error, this.name);
    }
    this.#publish(outcome.changes);
    // IndexedDB stored clones, so the caller may change these without changing the store
    return outcome.value;
  }

  /**
   * The stored state of every resource the operations name, read in parallel. Creates get new
   * ids: nothing to read; `optimistic`, neither for a resource whose first operation is an update
   * without `ifMatch` (see `#write`).
   */
  async #load(tx: WriteTx, operations: readonly Prepared[], optimistic: boolean): Promise<Map<string, State>> {
    const states = new Map<string, State>();
    const reads: Promise<void>[] = [];
    for (const operation of operations) {
      const [type, id] = operation.op === 'delete' ? [operation.resourceType, operation.id] : [operation.resource.resourceType, operation.resource.id];
      const key = `${type}/${id}`;
      if (states.has(key)) continue;
      const assumedNew = operation.op === 'create' || (optimistic && operation.op === 'update' && operation.ifMatch === undefined);
      const state: State = { type, id, versionNumber: 0, deleted: false, superseded: [], changed: false, assumedNew };
      states.set(key, state);
      if (assumedNew) continue;
      reads.push(
        tx
          .objectStore('resources')
          .get([type, id])
          .then((row) => {
            if (!row) return;
            Object.assign(state, { versionNumber: row.versionNumber, deleted: row.deleted === true, ...(row.resource && { resource: row.resource }) });
          }),
      );
    }
    await Promise.all(reads);
    return states;
  }

  #apply(states: Map<string, State>, operation: Prepared, now: string): { result: Resource | undefined; change: ChartChange; state: State } {
    if (operation.op === 'delete') {
      const { resourceType, id } = operation;
      const state = states.get(`${resourceType}/${id}`) as State;
      if (!state.resource) throw new NotFoundError({ resourceType, id, deleted: state.deleted });
      const versionId = String(state.versionNumber);
      if (operation.ifMatch !== undefined && operation.ifMatch !== versionId) throw new ConflictError({ resourceType, id, currentVersionId: versionId });
      // a delete adds no version: the last one goes to history, marked deleted
      const patient = patientOf(state.resource as unknown as Resource);
      state.superseded.push({ resourceType, id, versionNumber: state.versionNumber, resource: state.resource, deleted: true, deletedAt: now });
      Object.assign(state, { resource: undefined, deleted: true, deletedAt: now, changed: true });
      return { state, result: undefined, change: { kind: 'delete', resourceType, id, versionId, ...(patient !== undefined && { patient }) } };
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
    if (state.resource) state.superseded.push({ resourceType: type, id, versionNumber: state.versionNumber, resource: state.resource });
    const versionNumber = state.versionNumber + 1;
    resource.meta.versionId = String(versionNumber);
    Object.assign(state, { resource: resource as unknown as StoredResource, versionNumber, deleted: false, changed: true });
    const patient = patientOf(resource);
    return {
      state,
      result: resource,
      change: { kind: live ? 'update' : 'create', resourceType: type, id, versionId: String(versionNumber), ...(patient !== undefined && { patient }) },
    };
  }

  /**
   * Queues the writes of what the operations made of one resource, as bare IndexedDB requests (no
   * promise each: the transaction's outcome covers them): its row, and the versions it superseded.
   */
  #store({ resources, history }: { readonly resources: IDBObjectStore; readonly history: IDBObjectStore }, state: State): void {
    for (const entry of state.superseded) history.put(entry);
    const { type: resourceType, id, versionNumber } = state;
    const row: ResourceRow = state.resource
      ? resourceRow(state.resource, versionNumber)
      : { resourceType, id, versionNumber, deleted: true, ...(state.deletedAt !== undefined && { deletedAt: state.deletedAt }), keys: [] };
    if (state.assumedNew) resources.add(row);
    else resources.put(row);
  }

  #ensureChannel(): BroadcastChannel | undefined {
    if (this.#channel || this.#closed || typeof BroadcastChannel === 'undefined') return this.#channel;
    const channel = new BroadcastChannel(this.channelName);
    channel.onmessage = (event: MessageEvent<unknown>) => {
      this.#snapshots.clear();
      if (isChanges(event.data)) notifyWatchers(this.#watchers, event.data, `IndexedDbStore "${this.name}"`);
    };
    this.#channel = channel;
    return channel;
  }

  /** After a commit: tells the other stores on this database at once, and this store's watchers in a microtask, in commit order. */
  #publish(changes: readonly ChartChange[]): void {
    this.#snapshots.clear();
    const channel = this.#ensureChannel();
    try {
      // one message per transaction: the other tabs hear its changes together, in order
      channel?.postMessage(changes);
    } catch (error) {
      console.warn(`IndexedDbStore "${this.name}": could not tell other tabs of a change`, error);
    }
    notifyWatchers(this.#watchers, changes, `IndexedDbStore "${this.name}"`);
  }
}
