import { isResourceTypeName, type ExtractResource, type Resource, type ResourceType } from '@chartwell/fhir';
import { searchPageOf, searchResources, sortedMatches } from '../search/search-resources.js';
import { SearchSnapshots } from '../search/search-snapshots.js';
import type { ChartChange, ChartStore, SearchPage, SearchQuery, StoreCallOptions, StoreInfo, TransactionOperation, WatchFilter, WriteOptions } from './chart-store.js';
import { ConflictError, InvalidError, NotFoundError } from './errors.js';
import { notifyWatchers, type ChangeWatcher } from './notify-watchers.js';
import { parseIfMatch, patientOf, stampResource, validateForWrite } from './write.js';

/** Options of a {@link MemoryStore}. */
export interface MemoryStoreOptions {
  /** The clock that stamps `meta.lastUpdated` (default: the system clock). */
  readonly now?: () => Date;
  /** What the widgets call this store (default `This page`: the data lives in the page's memory). */
  readonly label?: string;
}

/** One resource as stored: every version, oldest first, and whether it is deleted now. */
interface Entry {
  readonly versions: readonly Resource[];
  readonly deleted: boolean;
}


/** What an operation reads and writes: the store itself, or a transaction's working copy over it. */
interface State {
  get(type: string, id: string): Entry | undefined;
  set(type: string, id: string, entry: Entry): void;
}

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function randomId(): string {
  return (globalThis as unknown as { crypto: { randomUUID(): string } }).crypto.randomUUID();
}

function checkSignal(options: StoreCallOptions | undefined): void {
  if (options?.signal?.aborted) throw options.signal.reason;
}

function versionOf(entry: Entry | undefined): string | undefined {
  return entry?.versions[entry.versions.length - 1]?.meta?.versionId;
}

function nextVersion(entry: Entry | undefined): string {
  const current = Number(versionOf(entry) ?? '0');
  return String((Number.isFinite(current) ? current : entry?.versions.length ?? 0) + 1);
}

/**
 * The reference {@link ChartStore}: everything in memory, in Maps, gone when the page or process
 * ends. For tests, demos and the conformance kit's baseline.
 *
 * - Every write validates (InvalidError, nothing stored) and stamps `id` (a random UUID on create),
 *   `meta.versionId` (`'1'`, `'2'`, ...) and `meta.lastUpdated` (from `now`).
 * - `update` of an absent id creates it, unless `ifMatch` is given: then, as for a stale
 *   `ifMatch`, ConflictError (with `currentVersionId` when the resource exists).
 * - `delete` keeps the history and does not add a version; a later read throws NotFoundError with
 *   `deleted: true`, and an update brings the resource back as the next version.
 * - Watchers hear each committed change in a microtask after the commit, in commit order.
 * - Resources going in and coming out are copies: changing them never changes the store.
 *
 * @example
 * const store = new MemoryStore();
 * const patient = await store.create({ resourceType: 'Patient', name: [{ family: 'Chalmers' }] });
 * await store.search('Observation', { patient: patient.id, _sort: '-date' });
 */
export class MemoryStore implements ChartStore {
  private readonly now: () => Date;
  private readonly types = new Map<string, Map<string, Entry>>();
  private readonly watchers = new Set<ChangeWatcher>();
  /** The sorted matches of recent searches, for their later pages; dropped on every write. */
  private readonly snapshots = new SearchSnapshots();

  /** Its label, and `remote: false`: the data is in the page. */
  readonly info: StoreInfo;

  constructor(options: MemoryStoreOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.info = { label: options.label ?? 'This page', remote: false };
  }

  private readonly base: State = {
    get: (type, id) => this.types.get(type)?.get(id),
    set: (type, id, entry) => {
      let byId = this.types.get(type);
      if (byId === undefined) this.types.set(type, (byId = new Map()));
      byId.set(id, entry);
    },
  };

  private current(type: string, id: string): Resource | undefined {
    const entry = this.base.get(type, id);
    return entry === undefined || entry.deleted ? undefined : entry.versions[entry.versions.length - 1];
  }

  /**
   * The resource of that type and id; NotFoundError if there is none (`deleted: true` if it was deleted).
   *
   * @category Read
   */
  async read<K extends ResourceType>(type: K, id: string, options?: StoreCallOptions): Promise<ExtractResource<K>> {
    checkSignal(options);
    const entry = this.base.get(type, id);
    const resource = entry === undefined || entry.deleted ? undefined : entry.versions[entry.versions.length - 1];
    if (resource === undefined) throw new NotFoundError({ resourceType: type, id, deleted: entry?.deleted ?? false });
    return copy(resource) as ExtractResource<K>;
  }

  /**
   * The resources of type `K` that match `query`, one page at a time (see {@link searchResources}).
   *
   * @category Read
   */
  async search<K extends ResourceType>(type: K, query: SearchQuery<K> = {}, options?: StoreCallOptions): Promise<SearchPage<ExtractResource<K>>> {
    checkSignal(options);
    const byId = this.types.get(type);
    const candidates = function* (): Generator<Resource> {
      if (byId === undefined) return;
      for (const entry of byId.values()) {
        const resource = entry.deleted ? undefined : entry.versions[entry.versions.length - 1];
        if (resource !== undefined) yield resource;
      }
    };
    const resolve = (reference: string) => {
      const [refType, refId, extra] = reference.split('/');
      return refType === undefined || refId === undefined || extra !== undefined ? undefined : this.current(refType, refId);
    };
    const kept = this.snapshots.forLaterPage(type, query);
    let page: SearchPage<ExtractResource<K>>;
    if (kept !== undefined) page = searchPageOf(kept, type, query, resolve);
    else if (query._cursor !== undefined) page = searchResources(candidates(), type, query, resolve);
    else {
      // a first page: validated (no candidate read on bad input), then every match sorted once and kept for the later pages
      searchResources([], type, query, resolve);
      const sorted = sortedMatches(candidates(), type, query);
      page = searchPageOf(sorted, type, query, resolve);
      if (page.next !== undefined) this.snapshots.keep(type, query, sorted);
    }
    const result = page.map(copy);
    return Object.assign(result, { included: page.included.map(copy), ...(page.next !== undefined && { next: page.next }) });
  }

  /**
   * Stores a new resource under a new random id (any id given is replaced).
   *
   * @category Write
   */
  async create<R extends Resource>(resource: R, options?: StoreCallOptions): Promise<R> {
    const [result] = await this.transaction([{ op: 'create', resource }], options);
    return result as R;
  }

  /**
   * Stores a new version of the resource with that id, or creates it (update-as-create) when there is none and no `ifMatch`.
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
   * Runs every operation on a working copy and commits only if all succeed: on the first error
   * it is thrown, nothing is written and no watcher hears anything.
   *
   * @category Write
   */
  async transaction(operations: readonly TransactionOperation[], options?: StoreCallOptions): Promise<(Resource | undefined)[]> {
    checkSignal(options);
    if (!Array.isArray(operations)) throw new InvalidError({}, 'A transaction takes an array of operations');
    const overlay = new Map<string, { readonly type: string; readonly id: string; readonly entry: Entry }>();
    const work: State = {
      get: (type, id) => overlay.get(`${type}/${id}`)?.entry ?? this.base.get(type, id),
      set: (type, id, entry) => overlay.set(`${type}/${id}`, { type, id, entry }),
    };
    const changes: ChartChange[] = [];
    const results = operations.map((operation) => this.apply(work, operation, changes));
    for (const { type, id, entry } of overlay.values()) this.base.set(type, id, entry);
    if (overlay.size > 0) this.snapshots.clear();
    this.notify(changes);
    return results.map((r) => (r === undefined ? undefined : copy(r)));
  }

  /**
   * Every version of the resource, newest first (a deleted resource keeps its history); NotFoundError if it never existed.
   *
   * @category Read
   */
  async history<K extends ResourceType>(type: K, id: string, options?: StoreCallOptions): Promise<ExtractResource<K>[]> {
    checkSignal(options);
    const entry = this.base.get(type, id);
    if (entry === undefined) throw new NotFoundError({ resourceType: type, id });
    return entry.versions.map(copy).reverse() as ExtractResource<K>[];
  }

  /**
   * Calls `listener` in a microtask after each committed change that `filter` matches, in commit order; returns the function that stops it.
   *
   * @category Watch
   */
  watch(filter: WatchFilter, listener: (change: ChartChange) => void): () => void {
    const watcher: ChangeWatcher = { filter, listener };
    this.watchers.add(watcher);
    return () => {
      this.watchers.delete(watcher);
    };
  }

  private notify(changes: readonly ChartChange[]): void {
    notifyWatchers(this.watchers, changes, 'MemoryStore');
  }

  private apply(state: State, operation: TransactionOperation, changes: ChartChange[]): Resource | undefined {
    switch (operation?.op) {
      case 'create':
        return this.write(state, operation.resource, 'create', undefined, changes);
      case 'update':
        return this.write(state, operation.resource, 'update', operation.ifMatch, changes);
      case 'delete': {
        const { resourceType: type, id } = operation;
        if (typeof type !== 'string' || !isResourceTypeName(type)) throw new InvalidError({ path: 'resourceType' }, `Cannot delete: "${String(type)}" is not a FHIR R4 resource type`);
        const entry = state.get(type, id);
        if (entry === undefined || entry.deleted) throw new NotFoundError({ resourceType: type, id, deleted: entry?.deleted ?? false });
        const versionId = versionOf(entry) ?? '';
        if (operation.ifMatch !== undefined && parseIfMatch(operation.ifMatch) !== versionId) {
          throw new ConflictError({ resourceType: type, id, currentVersionId: versionId });
        }
        state.set(type, id, { versions: entry.versions, deleted: true });
        const patient = patientOf(entry.versions[entry.versions.length - 1] as Resource);
        changes.push({ kind: 'delete', resourceType: type, id, versionId, ...(patient !== undefined && { patient }) });
        return undefined;
      }
      default:
        throw new InvalidError({}, `Unknown transaction operation ${JSON.stringify((operation as { op?: unknown } | undefined)?.op)} (expected create, update or delete)`);
    }
  }

  private write(state: State, resource: Resource, kind: 'create' | 'update', ifMatch: string | undefined, changes: ChartChange[]): Resource {
    if (typeof resource !== 'object' || resource === null) throw new InvalidError({}, `Cannot ${kind}: expected a FHIR resource, not ${JSON.stringify(resource)}`);
    const { resourceType: type } = resource;
    let id: string;
    if (kind === 'create') id = randomId();
    else {
      if (typeof resource.id !== 'string' || resource.id === '') {
        throw new InvalidError({ ...(typeof type === 'string' && { resourceType: type }), path: `${String(type)}.id` }, `Cannot update ${String(type)} without an id`);
      }
      id = resource.id;
    }
    const entry = typeof type === 'string' ? state.get(type, id) : undefined;
    const live = entry !== undefined && !entry.deleted;
    if (ifMatch !== undefined) {
      const wanted = parseIfMatch(ifMatch);
      const currentVersionId = live ? versionOf(entry) : undefined;
      if (wanted !== currentVersionId) {
        throw new ConflictError(
          { resourceType: type, id, ...(currentVersionId !== undefined && { currentVersionId }) },
          currentVersionId === undefined ? `${type}/${id} ${entry?.deleted ? 'was deleted' : 'does not exist'}, so it is not version ${wanted}` : undefined,
        );
      }
    }
    const stamped = validateForWrite(stampResource(resource, { id, versionId: nextVersion(entry), lastUpdated: this.now().toISOString() }));
    state.set(type, id, { versions: [...(entry?.versions ?? []), stamped], deleted: false });
    const patient = patientOf(stamped);
    changes.push({ kind: live ? 'update' : 'create', resourceType: type, id, versionId: stamped.meta?.versionId ?? '', ...(patient !== undefined && { patient }) });
    return stamped;
  }
}
