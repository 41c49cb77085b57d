import type { Resource, ResourceType } from '@chartwell/fhir';
import type { ChartChange, ChartStore, TransactionOperation, WriteOptions } from '../store/chart-store.js';
import type { Check } from './assert.js';

/**
 * For a store that declares opaque version ids (`capabilities.sequentialVersionIds: false`, as a
 * FHIR server that gives each version a UUID): a view of the store in which the kit's cases see
 * versions numbered `'1'`, `'2'`, ... in the order the store made them, so every case still runs.
 * The view checks what such a store must still promise: each version of a resource gets a new,
 * non-empty versionId. `ifMatch` values the kit writes as numbers are sent as the real versionIds;
 * numbers the store never made (a stale `'7'`) become ids that match nothing.
 */
export function numberVersions(store: ChartStore, check: Check): ChartStore {
  /** `Type/id` → the versionIds the store made, oldest first. */
  const versions = new Map<string, string[]>();

  const learn = (type: string, id: string, versionId: string): string => {
    const key = `${type}/${id}`;
    const list = versions.get(key) ?? [];
    versions.set(key, list);
    const at = list.indexOf(versionId);
    if (at >= 0) return String(at + 1);
    check.ok(versionId !== '', `${key}: the store gives every version a versionId (declared opaque)`);
    list.push(versionId);
    return String(list.length);
  };
  const numbered = <R extends Resource | undefined>(resource: R): R => {
    const versionId = resource?.meta?.versionId;
    if (resource === undefined || resource.id === undefined || versionId === undefined) return resource;
    return { ...resource, meta: { ...resource.meta, versionId: learn(resource.resourceType, resource.id, versionId) } };
  };
  const real = (type: string, id: string | undefined, ifMatch: string | undefined): string | undefined => {
    if (ifMatch === undefined) return undefined;
    const label = /^(?:W\/)?"?([^"]*)"?$/.exec(ifMatch.trim())?.[1] ?? ifMatch;
    const list = versions.get(`${type}/${id ?? ''}`) ?? [];
    return /^\d+$/.test(label) ? (list[Number(label) - 1] ?? `kit-no-version-${label}`) : ifMatch;
  };
  const withIfMatch = (options: WriteOptions | undefined, ifMatch: string | undefined): WriteOptions | undefined =>
    ifMatch === undefined ? options : { ...options, ifMatch };

  return {
    read: async (type, id, options) => numbered(await store.read(type, id, options)),
    search: async (type, query, options) => {
      const page = await store.search(type, query, options);
      return Object.assign(page.map(numbered), { included: page.included.map(numbered), ...(page.next !== undefined && { next: page.next }) });
    },
    create: async (resource, options) => numbered(await store.create(resource, options)),
    update: async (resource, options) => numbered(await store.update(resource, withIfMatch(options, real(resource.resourceType, resource.id, options?.ifMatch)))),
    delete: (type: ResourceType, id: string, options?: WriteOptions) => store.delete(type, id, withIfMatch(options, real(type, id, options?.ifMatch))),
    transaction: async (operations, options) => {
      const translated = operations.map((op): TransactionOperation => {
        if (op?.op === 'update' && op.ifMatch !== undefined) return { ...op, ifMatch: real(op.resource.resourceType, op.resource.id, op.ifMatch) as string };
        if (op?.op === 'delete' && op.ifMatch !== undefined) return { ...op, ifMatch: real(op.resourceType, op.id, op.ifMatch) as string };
        return op;
      });
      return (await store.transaction(translated, options)).map(numbered);
    },
    history: async (type, id, options) => {
      const list = await store.history(type, id, options);
      // Oldest first, so that versions the kit has not seen yet are numbered in the order they were made.
      return [...list].reverse().map(numbered).reverse();
    },
    watch: (filter, listener) =>
      store.watch(filter, (change: ChartChange) => listener({ ...change, versionId: learn(change.resourceType, change.id, change.versionId) })),
  };
}
