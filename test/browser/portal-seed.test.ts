import { expect } from '@open-wc/testing';
import { deleteDB } from 'idb';
import { IndexedDbStore } from '@chartwell/store-idb';
import { DEMO_BUNDLES, seedDemo, type SeedProgress } from '../../examples/portal/seed-demo.js';

const data = new URL('/examples/portal/data/', location.href);

describe('demo portal: seeding the embedded store with the sample patients (real IndexedDB)', function () {
  this.timeout(60_000);
  const name = `chartwell-portal-test-${crypto.randomUUID()}`;
  after(() => deleteDB(name));

  it('imports every sample Bundle once, with progress, and leaves a seeded store alone', async () => {
    const store = new IndexedDbStore({ name });
    try {
      const events: SeedProgress[] = [];
      expect(await seedDemo(store, data, (p) => events.push(p))).to.equal(true);
      const patients = await store.search('Patient', { _count: 100 });
      // the four patient Bundles: Clemente Kreiger, Louis Miller, María Luisa Razo, Tony Douglas
      expect(patients.map((p) => p.name?.[0]?.family).sort()).to.deep.equal(['Douglas', 'Kreiger', 'Miller', 'Razo']);
      // every resource of every Bundle is stored (the Practitioners come from all of them)
      let practitioners = 0;
      for (const file of DEMO_BUNDLES) {
        const bundle = (await (await fetch(new URL(encodeURIComponent(file), data))).json()) as { entry: { resource: { resourceType: string } }[] };
        practitioners += bundle.entry.filter((e) => e.resource.resourceType === 'Practitioner').length;
      }
      expect((await store.search('Practitioner', { _count: 1000 })).length).to.equal(practitioners);
      expect(events.at(-1)?.bundle).to.equal(DEMO_BUNDLES.length);
      expect(await seedDemo(store, data)).to.equal(false);
      expect((await store.search('Patient', { _count: 100 })).length).to.equal(4);
    } finally {
      store.close();
    }
  });
});
