import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryStore } from '../store/memory-store.js';
import { ACCESS_ROLES } from './access-policy.js';
import { matrixResources, runAccessMatrix } from '../../../../test/support/access-matrix.js';
import { fixtureJson } from '../../../../test/support/fixtures.js';

const load = async (path: string) => fixtureJson(path);

describe('withAccess + DEFAULT_ACCESS_POLICY on MemoryStore: role × action × resource type', () => {
  for (const role of ACCESS_ROLES) {
    it(`${role}: every cell as the policy says`, async () => {
      const store = new MemoryStore();
      await store.transaction((await matrixResources(load)).map((resource) => ({ op: 'update' as const, resource })));
      assert.deepEqual(await runAccessMatrix(store, role, load), []);
    });
  }
});
