// An integrator's own ChartStore: the chart kept in the browser's localStorage, written from the
// building blocks @chartwell/core exports (validation and stamping, search, If-Match, the change
// feed), and checked by the conformance kit (local-storage-store.test.ts). A real integration
// would put its own backend where `Storage` is; the shape stays the same.
import {
  ConflictError,
  InvalidError,
  NotFoundError,
  notifyWatchers,
  parseIfMatch,
  patientOf,
  searchResources,
  stampResource,
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
import { isResourceTypeName, type ExtractResource, type Resource, type ResourceType } from '@chartwell/fhir';

/** One resource as kept under its key: every version, oldest first, and whether it is deleted. */
interface Entry {
  readonly versions: readonly Resource[];
  readonly deleted: boolean;
}

/**
 * A ChartStore over `localStorage` (or any `Storage`): one key per resource, `<prefix><Type>/<id>`,
 * holding its versions as JSON. Writes are all-or-nothing: a transaction is worked out in memory
 * first, and if the storage refuses a key (its quota is full) the keys already written are put back.
 * Watchers in this page hear every committed change.
 */
export class LocalStorageStore implements ChartStore {
  /** Named for the "data as of" line of the widgets; the data needs no network. */
  readonly info: StoreInfo = { label: 'This browser (localStorage)', remote: false };
  private readonly watchers = new Set<ChangeWatcher>();

  constructor(
    private readonly prefix = 'chartwell-example:',
    private readonly storage: Storage = localStorage,
  ) {}

  private key(type: string, id: string): string {
    return `${this.prefix}${type}/${id}`;
  }

  private entry(type: string, id: string): Entry | undefined {
    const text = this.storage.getItem(this.key(type, id));
    return text === null ? undefined : (JSON.parse(text) as Entry);
  }

  private current(type: string, id: string): Resource | undefined {
    const entry = this.entry(type, id);
    return entry && !entry.deleted ? entry.versions.at(-1) : undefined;
  }

  async read<K extends ResourceType>(type: K, id: string, options?: StoreCallOptions): Promise<ExtractResource<K>> {
    if (options?.signal?.aborted) throw options.signal.reason;
    const entry = this.entry(type, id);
    const resource = entry && !entry.deleted ? entry.versions.at(-1) : undefined;
    if (!resource) throw new NotFoundError({ resourceType: type, id, deleted: entry?.deleted ?? false });
    return resource as ExtractResource<K>;
  }

  async search<K extends ResourceType>(type: K, query: SearchQuery<K> = {}, options?: StoreCallOptions): Promise<SearchPage<ExtractResource<K>>> {
    if (options?.signal?.aborted) throw options.signal.reason;
    const candidates: Resource[] = [];
    const typePrefix = `${this.prefix}${type}/`;
    for (let index = 0; index < this.storage.length; index++) {
      const key = this.storage.key(index);
      if (!key?.startsWith(typePrefix)) continue;
      const resource = this.current(type, key.slice(typePrefix.length));
      if (resource) candidates.push(resource);
    }
    // searchResources does the matching, sorting, paging and _include of the contract
    return searchResources(candidates, type, query, (reference) => {
      const [refType, refId] = reference.split('/');
      return refType && refId ? this.current(refType, refId) : undefined;
    }) as SearchPage<ExtractResource<K>>;
  }

  async create<R extends Resource>(resource: R, options?: StoreCallOptions): Promise<R> {
    return (await this.transaction([{ op: 'create', resource }], options))[0] as R;
  }

  async update<R extends Resource>(resource: R, options?: WriteOptions): Promise<R> {
    return (await this.transaction([{ op: 'update', resource, ...(options?.ifMatch !== undefined && { ifMatch: options.ifMatch }) }], options))[0] as R;
  }

  async delete(type: ResourceType, id: string, options?: WriteOptions): Promise<void> {
    await this.transaction([{ op: 'delete', resourceType: type, id, ...(options?.ifMatch !== undefined && { ifMatch: options.ifMatch }) }], options);
  }

  async transaction(operations: readonly TransactionOperation[], options?: StoreCallOptions): Promise<(Resource | undefined)[]> {
    if (options?.signal?.aborted) throw options.signal.reason;
    if (!Array.isArray(operations)) throw new InvalidError({}, 'A transaction takes an array of operations');
    // work out every write first, reading through what this transaction already wrote
    const pending = new Map<string, Entry>();
    const get = (type: string, id: string) => pending.get(this.key(type, id)) ?? this.entry(type, id);
    const changes: ChartChange[] = [];
    const results = operations.map((operation) => this.apply(operation, get, (type, id, entry) => pending.set(this.key(type, id), entry), changes));
    // then write them; if the storage refuses one, put back what was there
    const before = new Map<string, string | null>();
    try {
      for (const [key, entry] of pending) {
        before.set(key, this.storage.getItem(key));
        this.storage.setItem(key, JSON.stringify(entry));
      }
    } catch (error) {
      for (const [key, text] of before) {
        if (text === null) this.storage.removeItem(key);
        else this.storage.setItem(key, text);
      }
      throw error;
    }
    notifyWatchers(this.watchers, changes, 'LocalStorageStore');
    return results;
  }

  async history<K extends ResourceType>(type: K, id: string, options?: StoreCallOptions): Promise<ExtractResource<K>[]> {
    if (options?.signal?.aborted) throw options.signal.reason;
    const entry = this.entry(type, id);
    if (!entry) throw new NotFoundError({ resourceType: type, id });
    return [...entry.versions].reverse() as ExtractResource<K>[];
  }

  watch(filter: WatchFilter, listener: (change: ChartChange) => void): () => void {
    const watcher: ChangeWatcher = { filter, listener };
    this.watchers.add(watcher);
    return () => void this.watchers.delete(watcher);
  }

  /** One operation of a transaction: checks it against the current versions and records the new entry. */
  private apply(
    operation: TransactionOperation,
    get: (type: string, id: string) => Entry | undefined,
    set: (type: string, id: string, entry: Entry) => void,
    changes: ChartChange[],
  ): Resource | undefined {
    if (operation?.op === 'delete') {
      const { resourceType: type, id } = operation;
      if (!isResourceTypeName(type)) throw new InvalidError({ path: 'resourceType' }, `Cannot delete: "${String(type)}" is not a FHIR R4 resource type`);
      const entry = get(type, id);
      const last = entry?.versions.at(-1);
      if (!entry || entry.deleted || !last) throw new NotFoundError({ resourceType: type, id, deleted: entry?.deleted ?? false });
      const versionId = last.meta?.versionId ?? '';
      if (operation.ifMatch !== undefined && parseIfMatch(operation.ifMatch) !== versionId) throw new ConflictError({ resourceType: type, id, currentVersionId: versionId });
      set(type, id, { versions: entry.versions, deleted: true });
      const patient = patientOf(last);
      changes.push({ kind: 'delete', resourceType: type, id, versionId, ...(patient !== undefined && { patient }) });
      return undefined;
    }
    if (operation?.op !== 'create' && operation?.op !== 'update') {
      throw new InvalidError({}, `Unknown transaction operation ${JSON.stringify((operation as { op?: unknown } | undefined)?.op)} (expected create, update or delete)`);
    }
    const { resource } = operation;
    if (typeof resource !== 'object' || resource === null) throw new InvalidError({}, `Cannot ${operation.op}: expected a FHIR resource`);
    const type = resource.resourceType;
    if (operation.op === 'update' && (typeof resource.id !== 'string' || resource.id === '')) throw new InvalidError({ resourceType: type, path: `${type}.id` }, `Cannot update ${type} without an id`);
    const id = operation.op === 'create' ? crypto.randomUUID() : (resource.id as string);
    const entry = get(type, id);
    const live = entry !== undefined && !entry.deleted;
    const currentVersionId = live ? entry.versions.at(-1)?.meta?.versionId : undefined;
    if (operation.op === 'update' && operation.ifMatch !== undefined && parseIfMatch(operation.ifMatch) !== currentVersionId) {
      throw new ConflictError({ resourceType: type, id, ...(currentVersionId !== undefined && { currentVersionId }) });
    }
    const versionId = String((entry?.versions.length ?? 0) + 1);
    const stamped = validateForWrite(stampResource(resource, { id, versionId, lastUpdated: new Date().toISOString() }));
    set(type, id, { versions: [...(entry?.versions ?? []), stamped], deleted: false });
    const patient = patientOf(stamped);
    changes.push({ kind: live ? 'update' : 'create', resourceType: type, id, versionId, ...(patient !== undefined && { patient }) });
    return stamped;
  }
}
