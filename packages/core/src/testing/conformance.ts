import { createCheck } from './assert.js';
import type { CaseContext, ConformanceHarness, ConformanceOptions, ConformanceSuite, ResolvedOptions } from './kit.js';
import { allFixtures, copy, recorder } from './kit.js';
import { crudSuite } from './cases-crud.js';
import { searchSuite } from './cases-search.js';
import { numberVersions } from './opaque-versions.js';
import { abortSuite, invalidSuite, transactionSuite, watchSuite } from './cases-writes.js';

/** Every suite of the kit, in the order it runs them. */
export const conformanceSuites: readonly ConformanceSuite[] = [crudSuite, searchSuite, transactionSuite, watchSuite, invalidSuite, abortSuite];

/**
 * Registers the ChartStore conformance suite with the host's test runner: one `describe` per area
 * (CRUD and history, search, transactions, watch, invalid input, abort signals) and one `it` per
 * case. Each case gets a new store from `createStore`, seeded with real Synthea data where it needs
 * data, and disposes it afterwards. A failure names the store, the case and what differed.
 *
 * @example
 * // Node (node:test), in my-store.conformance.test.ts:
 * import { describe, it } from 'node:test';
 * import { runChartStoreConformance } from '@chartwell/core/testing';
 * import { MyStore } from './my-store.js';
 *
 * runChartStoreConformance({ describe, it }, {
 *   name: 'MyStore',
 *   createStore: () => new MyStore({ database: `test-${crypto.randomUUID()}` }),
 *   disposeStore: (store) => (store as MyStore).close(),
 * });
 *
 * @example
 * // Browser (@web/test-runner with mocha), where describe and it are globals:
 * runChartStoreConformance({ describe, it }, { name: 'IndexedDbStore', createStore: () => new IndexedDbStore({ name: crypto.randomUUID() }) });
 */
export function runChartStoreConformance(harness: ConformanceHarness, options: ConformanceOptions): void {
  const resolved: ResolvedOptions = {
    name: options.name,
    now: options.now ? () => (options.now as () => Date)().getTime() : Date.now,
    clockToleranceMs: options.clockToleranceMs ?? 1000,
    watchTimeoutMs: options.watchTimeoutMs ?? 2000,
    watchQuietMs: options.watchQuietMs ?? 50,
  };
  const opaqueVersions = options.capabilities?.sequentialVersionIds === false;
  const declared = opaqueVersions ? ' [declared: opaque versionIds, numbered by the kit]' : '';
  harness.describe(`ChartStore conformance: ${options.name}${declared}`, () => {
    for (const suite of conformanceSuites) {
      harness.describe(suite.name, () => {
        for (const kase of suite.cases) {
          harness.it(kase.name, async () => {
            const check = createCheck(`${options.name} › ${suite.name} › ${kase.name}`);
            const created = await options.createStore();
            const store = opaqueVersions ? numberVersions(created, check) : created;
            const stops: (() => void)[] = [];
            const context: CaseContext = {
              store,
              check,
              options: resolved,
              async seed() {
                for (const resource of allFixtures) await store.update(copy(resource));
              },
              watch(filter, onChange) {
                const r = recorder(store, check, resolved, filter, onChange);
                stops.push(r.stop);
                return r;
              },
            };
            try {
              await kase.run(context);
            } finally {
              for (const stop of stops) stop();
              await options.disposeStore?.(created);
            }
          });
        }
      });
    }
  });
}
