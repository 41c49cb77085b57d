import { describe, it, beforeEach, afterEach } from 'node:test';
import { runChartStoreConformance } from '../testing/index.js';
import { MemoryStore } from '../store/memory-store.js';
import { storeAuditSink } from './store-audit-sink.js';
import { withAudit } from './with-audit.js';

// An audited store is still a ChartStore: the whole conformance kit, with the AuditEvents written into the same store.
runChartStoreConformance(
  { describe, it, beforeEach, afterEach },
  {
    name: 'withAudit(MemoryStore)',
    createStore: () => {
      const store = new MemoryStore();
      return withAudit(store, storeAuditSink(store), { agent: { who: { reference: 'Practitioner/kit', display: 'Conformance kit' } }, application: { display: 'Conformance kit' } });
    },
  },
);
