import type { ChartStore } from '../store/chart-store.js';
import type { AuditSink } from './audit-sink.js';
import { unauditedStore } from './audited-stores.js';

/**
 * A sink that creates each AuditEvent in `store`: the audited store itself or a separate one.
 * Given a store that `withAudit` (`@chartwell/core/access`) wrapped, it writes to the store underneath, so its own
 * writes are never audited again. The AuditEvents are then found with {@link auditEventsFor}.
 *
 * @example
 * const store = new IndexedDbStore({ name: 'chart' });
 * const audited = withAudit(store, storeAuditSink(store), context);
 */
export function storeAuditSink(store: ChartStore): AuditSink {
  return {
    async record(event) {
      await unauditedStore(store).create(event);
    },
  };
}
