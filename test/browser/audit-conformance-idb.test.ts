// An audited IndexedDbStore is still a ChartStore: the whole conformance kit in real Chromium
// against withAudit(IndexedDbStore), its AuditEvents written into the same database.
import { deleteDB } from 'idb';
import { storeAuditSink } from '@chartwell/core';
import { withAudit } from '@chartwell/core/access';
import type { ChartStore } from '@chartwell/core';
import { runChartStoreConformance } from '@chartwell/core/testing';
import { IndexedDbStore } from '@chartwell/store-idb';

const inner = new WeakMap<ChartStore, IndexedDbStore>();

runChartStoreConformance(
  { describe, it, beforeEach, afterEach },
  {
    name: 'withAudit(IndexedDbStore)',
    createStore: () => {
      const store = new IndexedDbStore({ name: `chartwell-audit-conformance-${crypto.randomUUID()}` });
      const audited = withAudit(store, storeAuditSink(store), { agent: { who: { reference: 'Practitioner/kit', display: 'Conformance kit' } }, application: { display: 'Conformance kit' } });
      inner.set(audited, store);
      return audited;
    },
    disposeStore: async (audited) => {
      const store = inner.get(audited);
      if (store === undefined) throw new Error('the conformance kit gave back a store it did not get from createStore');
      store.close();
      await deleteDB(store.name);
    },
  },
);
