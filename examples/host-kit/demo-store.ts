// The store the host examples' own pages show: a MemoryStore filled with the demo portal's real
// Synthea patients (examples/portal/data/, Apache-2.0), fetched by URL and imported Bundle by Bundle.
import { MemoryStore } from '@chartwell/core';
import { seedDemo } from '../portal/seed-demo.js';

/** A MemoryStore holding the sample patients of examples/portal/data/ (without the portal's clinic diary). */
export async function demoStore(): Promise<MemoryStore> {
  const store = new MemoryStore();
  await seedDemo(store, new URL('../portal/data/', import.meta.url), { diary: false });
  return store;
}
