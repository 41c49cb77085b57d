import type { ChartStore } from '../store/chart-store.js';

/** Each store `withAudit` (`@chartwell/core/access`) made, and the store it wraps. */
const innerStores = new WeakMap<ChartStore, ChartStore>();

/** Notes that `audited` audits the calls it passes to `inner`. */
export function registerAuditedStore(audited: ChartStore, inner: ChartStore): void {
  innerStores.set(audited, inner);
}

/** The store under every audit wrapper of `store` (`store` itself when it is not audited). */
export function unauditedStore(store: ChartStore): ChartStore {
  let current = store;
  for (let inner = innerStores.get(current); inner !== undefined; inner = innerStores.get(current)) current = inner;
  return current;
}
