// Chart fixtures for the browser tests of the elements: fixture files fetched from the test
// server, and MemoryStores filled with them.
import type { Resource, ResourceType } from '@chartwell/fhir';
import { bundleResources, type FixtureBundle } from './bundle-resources.js';
import { MemoryStore } from '@chartwell/core';
import type { ChartStore } from '@chartwell/core';

/** `test/fixtures/<path>` parsed as JSON, fetched from the test server. */
export async function fetchFixture<T = unknown>(path: string): Promise<T> {
  const response = await fetch(`/test/fixtures/${path}`);
  if (!response.ok) throw new Error(`test/fixtures/${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** The resources of `test/fixtures/synthea/smart-r4-2019/<file>`, with `urn:uuid:` references made `Type/id` (as an import does). */
export async function syntheaResources(file: string): Promise<Resource[]> {
  return bundleResources(await fetchFixture<FixtureBundle>(`synthea/smart-r4-2019/${file}`));
}

/** A MemoryStore holding `resources` under their own ids. */
export async function storeWith(resources: readonly Resource[]): Promise<MemoryStore> {
  const store = new MemoryStore();
  for (const resource of resources) await store.update(resource);
  return store;
}

/** Synthea patients used by the element tests: file and Patient id. */
export const TONY = { file: 'Tony_Douglas_f6d715f8-94c0-49ad-a46a-4f96dc7a67b4.json', id: '79c96478-7878-4703-9e94-b999f2bc3295' } as const;
export const CLEMENTE = { file: 'Clemente_Kreiger_1484a42d-0eaf-4654-9cbf-6b050a5cd73b.json', id: 'd78af07c-9cb9-4f31-9b11-c45a28f2eec8' } as const;
export const TOBIE = { file: 'Tobie_Rempel_38cde5fd-1861-44db-b7cc-58769b464658.json', id: 'fa13bf47-8c74-40dd-a976-94deeada0e17' } as const;

/** A store that answers like `inner`, except that calls `fails(method, type)` picks throw `error`. */
export function failingStore(inner: ChartStore, fails: (method: 'read' | 'search', type: ResourceType) => boolean, error: Error): ChartStore {
  return new Proxy(inner, {
    get(target, property, receiver) {
      if (property === 'search' || property === 'read') {
        return (type: ResourceType, ...rest: unknown[]) => {
          if (fails(property, type)) return Promise.reject(error);
          return (target[property] as (...args: unknown[]) => Promise<unknown>).call(target, type, ...rest);
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
