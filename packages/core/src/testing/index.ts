/**
 * `@chartwell/core/testing`: the ChartStore conformance kit. One call registers the whole
 * behavioural suite of the ChartStore contract with node:test or mocha (@web/test-runner), against
 * any store: MemoryStore, IndexedDbStore, FhirRestStore or an integrator's own.
 *
 * @example
 * import { describe, it } from 'node:test';
 * import { MemoryStore } from '@chartwell/core';
 * import { runChartStoreConformance } from '@chartwell/core/testing';
 *
 * runChartStoreConformance({ describe, it }, { name: 'MemoryStore', createStore: () => new MemoryStore() });
 *
 * @packageDocumentation
 */
export { runChartStoreConformance } from './conformance.js';
export type { ConformanceHarness, ConformanceOptions, ConformanceCapabilities } from './kit.js';
export { conformanceFixtures } from './fixtures.js';
export type { ConformanceFixtures } from './fixtures.js';
export { ConformanceFailure } from './assert.js';
