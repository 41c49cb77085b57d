// Chart fixtures for the view tests: Synthea patients as resources ready for a store, a store
// filled with them, and a store whose searches fail the way real stores do.
import type { Resource, ResourceType } from '@chartwell/fhir';
import { bundleResources, type FixtureBundle } from './bundle-resources.js';
import { MemoryStore } from '../../packages/core/src/store/memory-store.js';
import type { ChartStore } from '../../packages/core/src/store/chart-store.js';
import { NotFoundError } from '../../packages/core/src/store/errors.js';
import { fixtureJson } from './fixtures.js';

/** The resources of `test/fixtures/synthea/smart-r4-2019/<file>`, with `urn:uuid:` references made `Type/id` (as an import does). */
export function syntheaResources(file: string): Resource[] {
  return bundleResources(fixtureJson<FixtureBundle>(`synthea/smart-r4-2019/${file}`));
}

/** A MemoryStore holding `resources` under their own ids. */
export async function storeWith(resources: readonly Resource[]): Promise<MemoryStore> {
  const store = new MemoryStore();
  for (const resource of resources) await store.update(resource);
  return store;
}

/** A store that answers like `inner`, except that searches of `types` throw `error`. */
export function failingSearches(inner: ChartStore, types: readonly ResourceType[], error: Error): ChartStore {
  return new Proxy(inner, {
    get(target, property, receiver) {
      if (property === 'search') {
        return (type: ResourceType, ...rest: unknown[]) => {
          if (types.includes(type)) return Promise.reject(error);
          return (target.search as (...args: unknown[]) => Promise<unknown>).call(target, type, ...rest);
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * A read-only store over raw objects that skips validation, for records a validating store would
 * refuse (null array entries, missing codes): `search` gives every resource of the type.
 */
export function rawStore(resources: readonly unknown[]): ChartStore {
  const all = resources as Resource[];
  const page = <T>(items: T[]) => Object.assign(items, { included: [] as Resource[] });
  return {
    read: (type, id) => {
      const found = all.find((r) => r?.resourceType === type && r.id === id);
      return found ? Promise.resolve(found as never) : Promise.reject(new NotFoundError({ resourceType: type, id }));
    },
    search: (type) => Promise.resolve(page(all.filter((r) => r === null || r?.resourceType === type)) as never),
    create: () => Promise.reject(new Error('read-only')),
    update: () => Promise.reject(new Error('read-only')),
    delete: () => Promise.reject(new Error('read-only')),
    transaction: () => Promise.reject(new Error('read-only')),
    history: () => Promise.reject(new Error('read-only')),
    watch: () => () => undefined,
  };
}
