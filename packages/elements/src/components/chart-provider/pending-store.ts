import type { ChartChange, ChartStore, SearchPage, SearchQuery, StoreCallOptions, TransactionOperation, WatchFilter, WriteOptions } from '@chartwell/core';
import type { ExtractResource, Resource, ResourceType } from '@chartwell/fhir';

/**
 * The store a provider hands its widgets while its access control loads (the policy and audit
 * code is loaded on demand, the first time a policy or an audit trail is set): every call waits
 * for the store that will enforce them, so nothing is ever read around the policy meanwhile.
 */
export class PendingStore implements ChartStore {
  constructor(private readonly ready: Promise<ChartStore | undefined>) {}

  async #store(): Promise<ChartStore> {
    const store = await this.ready;
    if (store === undefined) throw new Error('<cw-chart-provider>: the access-controlled store could not be made');
    return store;
  }

  /** Reads through the store once ready. */
  async read<K extends ResourceType>(type: K, id: string, options?: StoreCallOptions): Promise<ExtractResource<K>> {
    return (await this.#store()).read(type, id, options);
  }

  /** Searches through the store once ready. */
  async search<K extends ResourceType>(type: K, query?: SearchQuery<K>, options?: StoreCallOptions): Promise<SearchPage<ExtractResource<K>>> {
    return (await this.#store()).search(type, query, options);
  }

  /** Creates through the store once ready. */
  async create<R extends Resource>(resource: R, options?: StoreCallOptions): Promise<R> {
    return (await this.#store()).create(resource, options);
  }

  /** Updates through the store once ready. */
  async update<R extends Resource>(resource: R, options?: WriteOptions): Promise<R> {
    return (await this.#store()).update(resource, options);
  }

  /** Deletes through the store once ready. */
  async delete(type: ResourceType, id: string, options?: WriteOptions): Promise<void> {
    return (await this.#store()).delete(type, id, options);
  }

  /** Runs the transaction through the store once ready. */
  async transaction(operations: readonly TransactionOperation[], options?: StoreCallOptions): Promise<(Resource | undefined)[]> {
    return (await this.#store()).transaction(operations, options);
  }

  /** Reads the history through the store once ready. */
  async history<K extends ResourceType>(type: K, id: string, options?: StoreCallOptions): Promise<ExtractResource<K>[]> {
    return (await this.#store()).history(type, id, options);
  }

  /** Watches through the store once ready (the widgets get the ready store itself soon after). */
  watch(filter: WatchFilter, listener: (change: ChartChange) => void): () => void {
    let stopped = false;
    let stop: (() => void) | undefined;
    void this.ready.then((store) => {
      if (!stopped && store) stop = store.watch(filter, listener);
    });
    return () => {
      stopped = true;
      stop?.();
    };
  }
}
