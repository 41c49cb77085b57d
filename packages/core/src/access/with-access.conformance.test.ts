import { describe, it, beforeEach, afterEach } from 'node:test';
import { runChartStoreConformance } from '../testing/index.js';
import { MemoryStore } from '../store/memory-store.js';
import { withAccess } from './with-access.js';

// withAccess is a ChartStore: for a user whose policy permits everything, it passes the whole kit.
const everything = { rules: [{ roles: ['*' as const], resourceTypes: ['*'], actions: ['read' as const, 'search' as const, 'create' as const, 'update' as const, 'delete' as const], compartment: 'any' as const }] };
runChartStoreConformance({ describe, it, beforeEach, afterEach }, { name: 'withAccess(MemoryStore), permit-all policy', createStore: () => withAccess(new MemoryStore(), everything, { id: 'kit', role: 'clinician' }) });
