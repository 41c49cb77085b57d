import { describe, it } from 'node:test';
import type { Resource } from '@chartwell/fhir';
import { MemoryStore } from '../store/memory-store.js';
import type { ChartStore, WriteOptions } from '../store/chart-store.js';
import { runChartStoreConformance } from './index.js';

/**
 * A MemoryStore seen through opaque versionIds: each version `n` of a resource shows as a UUID
 * (the same UUID every time), and an `ifMatch` UUID is turned back into `n`. It stands for a FHIR
 * server that gives UUIDs, so that the kit's `sequentialVersionIds: false` runs without a network.
 */
function withUuidVersions(store: MemoryStore): ChartStore {
  const uuids = new Map<string, string>();
  const numbers = new Map<string, string>();
  const opaque = (key: string, n: string): string => {
    let uuid = uuids.get(`${key}#${n}`);
    if (uuid === undefined) {
      uuid = crypto.randomUUID();
      uuids.set(`${key}#${n}`, uuid);
      numbers.set(uuid, n);
    }
    return uuid;
  };
  const out = <R extends Resource | undefined>(r: R): R =>
    r?.meta?.versionId === undefined ? r : { ...r, meta: { ...r.meta, versionId: opaque(`${r.resourceType}/${String(r.id)}`, r.meta.versionId) } };
  const back = (ifMatch: string | undefined): string | undefined => (ifMatch === undefined ? undefined : (numbers.get(ifMatch.replace(/^W\/"|"$/g, '')) ?? 'no-such-version'));
  const opts = (o: WriteOptions | undefined): WriteOptions | undefined => (o?.ifMatch === undefined ? o : { ...o, ifMatch: back(o.ifMatch) as string });
  return {
    read: async (t, id, o) => out(await store.read(t, id, o)),
    search: async (t, q, o) => {
      const page = await store.search(t, q, o);
      return Object.assign(page.map(out), { included: page.included.map(out), ...(page.next !== undefined && { next: page.next }) });
    },
    create: async (r, o) => out(await store.create(r, o)),
    update: async (r, o) => out(await store.update(r, opts(o))),
    delete: (t, id, o) => store.delete(t, id, opts(o)),
    transaction: async (ops, o) =>
      (await store.transaction(ops.map((op) => (op.op !== 'create' && op.ifMatch !== undefined ? { ...op, ifMatch: back(op.ifMatch) as string } : op)), o)).map(out),
    history: async (t, id, o) => (await store.history(t, id, o)).map(out),
    watch: (f, l) => store.watch(f, (c) => l({ ...c, versionId: opaque(`${c.resourceType}/${c.id}`, c.versionId) })),
  };
}

// Every case of the kit, against a store with opaque versionIds that declares them.
runChartStoreConformance({ describe, it }, { name: 'MemoryStore with UUID versionIds', capabilities: { sequentialVersionIds: false }, createStore: () => withUuidVersions(new MemoryStore()) });
