import { describe, it, beforeEach, afterEach } from 'node:test';
import { runChartStoreConformance } from '../testing/index.js';
import { MemoryStore } from './memory-store.js';

// The conformance kit (`@chartwell/core/testing`) against the reference store, in Node.
runChartStoreConformance({ describe, it, beforeEach, afterEach }, { name: 'MemoryStore', createStore: () => new MemoryStore() });
