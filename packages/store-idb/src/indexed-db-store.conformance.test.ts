import { deleteDB } from 'idb';
import { runChartStoreConformance } from '@chartwell/core/testing';
import { IndexedDbStore } from './indexed-db-store.js';

// The whole ChartStore conformance kit against IndexedDbStore in real Chromium, each case on a
// fresh database that is deleted afterwards.
runChartStoreConformance(
  { describe, it, beforeEach, afterEach },
  {
    name: 'IndexedDbStore',
    createStore: () => new IndexedDbStore({ name: `chartwell-conformance-${crypto.randomUUID()}` }),
    disposeStore: async (store) => {
      if (!(store instanceof IndexedDbStore)) throw new Error('the conformance kit gave back a store it did not get from createStore');
      store.close();
      await deleteDB(store.name);
    },
  },
);
