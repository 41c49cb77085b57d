// The access-control matrix (test/support/access-matrix.ts) on IndexedDbStore in real Chromium:
// every role × action × representative resource type, through withAccess and DEFAULT_ACCESS_POLICY,
// with the same expectation table as the MemoryStore run in Node. Plus the search paging and the
// watch filtering, which depend on how the store pages and notifies.
import { expect } from '@open-wc/testing';
import { deleteDB } from 'idb';
import { DEFAULT_ACCESS_POLICY, type ChartChange } from '@chartwell/core';
import { ACCESS_ROLES, withAccess } from '@chartwell/core/access';
import type { Observation } from '@chartwell/fhir';
import { IndexedDbStore } from '@chartwell/store-idb';
import { MATRIX_USERS, OFF_TEAM, ON_TEAM, matrixResources, runAccessMatrix } from '../support/access-matrix.js';
import { fetchFixture } from '../support/browser-fixtures.js';

const load = (path: string) => fetchFixture(path);

async function withStore(run: (store: IndexedDbStore) => Promise<void>): Promise<void> {
  const name = `chartwell-access-test-${crypto.randomUUID()}`;
  const store = new IndexedDbStore({ name });
  try {
    await store.transaction((await matrixResources(load)).map((resource) => ({ op: 'update' as const, resource })));
    await run(store);
  } finally {
    store.close();
    await deleteDB(name);
  }
}

describe('withAccess + DEFAULT_ACCESS_POLICY on IndexedDbStore: role × action × resource type', () => {
  for (const role of ACCESS_ROLES) {
    it(`${role}: every cell as the policy says`, async () => {
      await withStore(async (store) => {
        expect(await runAccessMatrix(store, role, load)).to.deep.equal([]);
      });
    });
  }
});

describe('withAccess on IndexedDbStore: paging and watch', () => {
  it('pages are filled from visible resources only and end without a next when only hidden ones follow', async () => {
    await withStore(async (store) => {
      const example = await fetchFixture<Observation>('fhir/Observation-blood-pressure.json');
      const make = (id: string, patient: string): Observation => ({ ...structuredClone(example), id, subject: { reference: `Patient/${patient}` } });
      await store.transaction([...['a-1', 'a-2', 'a-3'].map((id) => make(id, ON_TEAM)), ...['z-1', 'z-2', 'z-3', 'z-4'].map((id) => make(id, OFF_TEAM))].map((resource) => ({ op: 'update' as const, resource })));
      const guarded = withAccess(store, DEFAULT_ACCESS_POLICY, MATRIX_USERS.clinician);
      const first = await guarded.search('Observation', { _count: 2, _sort: '_id' });
      expect(first.map((r) => r.id)).to.deep.equal(['a-1', 'a-2']);
      const second = await guarded.search('Observation', { _count: 2, _sort: '_id', _cursor: first.next as string });
      expect(second.map((r) => r.id)).to.deep.equal(['a-3', `observation-${ON_TEAM}`]);
      expect(second.next).to.equal(undefined);
    });
  });

  it('watchers hear only changes the user may read', async () => {
    await withStore(async (store) => {
      const guarded = withAccess(store, DEFAULT_ACCESS_POLICY, MATRIX_USERS.nurse);
      const heard: ChartChange[] = [];
      const stop = guarded.watch({ resourceType: 'Observation' }, (change) => heard.push(change));
      await store.delete('Observation', `observation-${OFF_TEAM}`);
      await store.delete('Observation', `observation-${ON_TEAM}`);
      const deadline = Date.now() + 2000;
      while (heard.length < 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      await new Promise((resolve) => setTimeout(resolve, 100));
      stop();
      expect(heard.map((change) => [change.kind, change.id])).to.deep.equal([['delete', `observation-${ON_TEAM}`]]);
    });
  });
});
