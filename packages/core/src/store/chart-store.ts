import type { ExtractResource, Resource, ResourceType } from '@chartwell/fhir';
import type { searchParameters } from '../generated/search-parameters.js';

/** What a store reads of an AbortSignal (structural, so core needs no DOM types). */
export interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason?: unknown;
}

/** Options every store call takes. */
export interface StoreCallOptions {
  /** Abandons the call: it rejects with the signal's reason, and a write that had not committed leaves nothing. */
  readonly signal?: AbortSignalLike;
}

/** Options of a write that must not overwrite someone else's change. */
export interface WriteOptions extends StoreCallOptions {
  /**
   * The version the change is based on (`meta.versionId`, as `'3'` or the ETag form `W/"3"`).
   * If the stored resource has another version, the write throws a ConflictError.
   */
  readonly ifMatch?: string;
}

/** The typed search subset of every resource type (the type of `searchParameters`). */
export type SearchParameterMap = typeof searchParameters;

/** The names of the typed search parameters that resource type `K` has (`patient`, `date`, ...). */
export type SearchParameterName<K extends ResourceType> = K extends keyof SearchParameterMap ? Extract<keyof SearchParameterMap[K], string> : never;

/** The FHIR search type of parameter `P` of resource type `K`. */
export type SearchParameterType<K extends ResourceType, P extends string> = K extends keyof SearchParameterMap
  ? P extends keyof SearchParameterMap[K]
    ? SearchParameterMap[K][P] extends { readonly type: infer T }
      ? T
      : never
    : never
  : never;

/** A date comparison prefix (FHIR search `eq`, `ne`, `lt`, `gt`, `le`, `ge`); none means `eq`. */
export type DatePrefix = 'eq' | 'ne' | 'lt' | 'gt' | 'le' | 'ge';

/**
 * A date search value: an optional prefix, then a FHIR date or dateTime, which stands for the
 * whole range its precision covers (`2020` is all of 2020): `ge2020-01`, `lt2021`, `2020-05-03`.
 */
export type DateSearch = `${DatePrefix | ''}${number}${string}`;

/**
 * A token search value: `system|code` (that code in that system), `|code` (that code with no
 * system), or `code` (that code in any system). For a `code` element (a status) the system is ignored.
 */
export type TokenSearch = string;

/**
 * A reference search value: `Patient/123`, or `123` where the parameter targets one type
 * (`patient` always means a Patient).
 */
export type ReferenceSearch = string;

/** The value a search parameter of FHIR search type `T` takes: one, or an array. */
export type SearchParameterValue<T> = T extends 'date' ? DateSearch | readonly DateSearch[] : T extends 'token' ? TokenSearch | readonly TokenSearch[] : ReferenceSearch | readonly ReferenceSearch[];

/** A sort key of resource type `K`: a parameter name, `_id` or `_lastUpdated`, `-` first for descending. */
export type SortKey<K extends ResourceType> = `${'' | '-'}${SearchParameterName<K> | '_id' | '_lastUpdated'}`;

/** An `_include` of resource type `K`: `Observation:patient` adds the Patient each Observation refers to. */
export type IncludeKey<K extends ResourceType> = `${K}:${Extract<SearchParameterName<K>, 'patient' | 'subject'>}`;

/**
 * A search of resource type `K`: only the parameters `K` has are accepted. An array of values
 * means any of them (OR) for tokens and references, and all of them (AND, a range) for dates;
 * different parameters all apply (AND).
 */
export type SearchQuery<K extends ResourceType> = {
  readonly [P in SearchParameterName<K>]?: SearchParameterValue<SearchParameterType<K, P>>;
} & {
  /** Resources with these ids. */
  readonly _id?: string | readonly string[];
  /** By `meta.lastUpdated`, with date semantics. */
  readonly _lastUpdated?: DateSearch | readonly DateSearch[];
  /** Order of the results; with several keys, by the first, then the next. Unsorted searches come back by id. */
  readonly _sort?: SortKey<K> | readonly SortKey<K>[];
  /** Page size: at most this many resources per page. */
  readonly _count?: number;
  /** The `next` of the previous page: where this page starts. Opaque. */
  readonly _cursor?: string;
  /** Referenced resources to return alongside, in `included`. */
  readonly _include?: IncludeKey<K> | readonly IncludeKey<K>[];
};

/** One page of search results: the resources (an array), where the next page starts, and what `_include` added. */
export type SearchPage<T extends Resource> = T[] & {
  /** The cursor for the next page (pass it as `_cursor`), or undefined on the last page. */
  readonly next?: string;
  /** The resources `_include` asked for, each once. */
  readonly included: readonly Resource[];
};

/** One operation of a transaction. */
export type TransactionOperation =
  | { readonly op: 'create'; readonly resource: Resource }
  | { readonly op: 'update'; readonly resource: Resource; readonly ifMatch?: string }
  | { readonly op: 'delete'; readonly resourceType: ResourceType; readonly id: string; readonly ifMatch?: string };

/** What a change to the store was. */
export interface ChartChange {
  readonly kind: 'create' | 'update' | 'delete';
  readonly resourceType: ResourceType;
  readonly id: string;
  /** The version the change made (for a delete: the version deleted). */
  readonly versionId: string;
  /** The patient the resource belongs to (`Patient/123`), when it has one: what widgets filter on. */
  readonly patient?: string;
}

/** Which changes a watcher hears. Unset fields match everything. */
export interface WatchFilter {
  readonly resourceType?: ResourceType | readonly ResourceType[];
  /** `Patient/123`: changes to that patient and to resources that belong to them. */
  readonly patient?: string;
}

/**
 * What a store says about itself, for the "data as of … from …" line of the widgets.
 */
export interface StoreInfo {
  /** A short name of where the data lives: `This browser`, `fhir.example.org`. Shown to users. */
  readonly label: string;
  /**
   * Whether the data lives across the network: the widgets style what they show as stale while
   * the browser is offline. A store that says nothing is treated as remote.
   */
  readonly remote: boolean;
}

/**
 * Where Chartwell keeps the chart: the contract every store (MemoryStore, IndexedDbStore,
 * FhirRestStore, an integrator's own) implements and the conformance kit checks.
 *
 * - Every write validates with `@chartwell/fhir` and throws an InvalidError listing the issues,
 *   storing nothing. The store sets `id` (on create), `meta.versionId` (`'1'`, `'2'`, ...) and
 *   `meta.lastUpdated`; writes resolve with the resource as stored.
 * - `update` of a resource that does not exist (or was deleted) stores it with the id given, as the
 *   next version (FHIR update-as-create); with `ifMatch` it throws a ConflictError instead, as an
 *   HTTP If-Match fails when there is nothing to match.
 * - `history` of an id that never existed throws a NotFoundError.
 * - A transaction should not touch one resource twice (FHIR forbids it); stores need not detect it.
 * - Watch listeners run after the change has committed, in commit order; one that throws does not
 *   stop the others.
 * - Searches without `_count` return pages of 50 resources; `_count` may ask for up to 1,000.
 * - Errors are ChartStoreError subclasses with a stable `code`: `not-found`, `conflict`, `invalid`,
 *   `forbidden`, `unavailable`.
 */
export interface ChartStore {
  /** The resource of that type and id, as stored; NotFoundError if there is none (or it was deleted). */
  read<K extends ResourceType>(type: K, id: string, options?: StoreCallOptions): Promise<ExtractResource<K>>;
  /** The resources of type `K` that match `query`, one page at a time. */
  search<K extends ResourceType>(type: K, query?: SearchQuery<K>, options?: StoreCallOptions): Promise<SearchPage<ExtractResource<K>>>;
  /** Stores a new resource under a new id (any id given is replaced). */
  create<R extends Resource>(resource: R, options?: StoreCallOptions): Promise<R>;
  /** Stores a new version of the resource with that id. */
  update<R extends Resource>(resource: R, options?: WriteOptions): Promise<R>;
  /** Deletes the resource; its history stays. NotFoundError if there is none. */
  delete(type: ResourceType, id: string, options?: WriteOptions): Promise<void>;
  /** Runs every operation, or none: if one fails, the error is thrown and nothing is written. Resolves with each result in order (undefined for a delete). */
  transaction(operations: readonly TransactionOperation[], options?: StoreCallOptions): Promise<(Resource | undefined)[]>;
  /** Every version of the resource, newest first (a deleted resource keeps its history). */
  history<K extends ResourceType>(type: K, id: string, options?: StoreCallOptions): Promise<ExtractResource<K>[]>;
  /** Calls `listener` after each committed change that `filter` matches; returns the function that stops it. */
  watch(filter: WatchFilter, listener: (change: ChartChange) => void): () => void;
  /** Optional: the store's name and whether it is remote (see {@link StoreInfo}). */
  readonly info?: StoreInfo;
}
