// The integrator's store passes the whole ChartStore conformance kit in Chromium, and the chart
// widgets run over it unchanged.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { runChartStoreConformance } from '@chartwell/core/testing';
import '@chartwell/elements/define/cw-chart-provider.js';
import '@chartwell/elements/define/cw-med-list.js';
import { TONY, syntheaResources } from '../../test/support/browser-fixtures.js';
import { LocalStorageStore } from './local-storage-store.js';

/** Removes every key of a store's prefix. */
function clear(prefix: string): void {
  for (const key of Object.keys(localStorage)) if (key.startsWith(prefix)) localStorage.removeItem(key);
}

const prefixes = new WeakMap<LocalStorageStore, string>();

runChartStoreConformance(
  { describe, it, beforeEach, afterEach },
  {
    name: 'LocalStorageStore (examples/custom-store)',
    createStore: () => {
      const prefix = `conformance-${crypto.randomUUID()}:`;
      const store = new LocalStorageStore(prefix);
      prefixes.set(store, prefix);
      return store;
    },
    disposeStore: (store) => clear(prefixes.get(store as LocalStorageStore) ?? '\u0000'),
  },
);

describe('the chart widgets over LocalStorageStore', () => {
  it("lists Tony Douglas's three current medications, and names the store in the as-of line", async () => {
    const prefix = `widgets-${crypto.randomUUID()}:`;
    try {
      const store = new LocalStorageStore(prefix);
      await store.transaction((await syntheaResources(TONY.file)).map((resource) => ({ op: 'update' as const, resource })));
      const provider = await fixture(html`<cw-chart-provider locale="en-GB" time-zone="UTC" .store=${store}><cw-med-list patient-id=${TONY.id}></cw-med-list></cw-chart-provider>`);
      const list = provider.querySelector('cw-med-list')!;
      await waitUntil(() => !list.hasCustomState('loading'), 'the list never loaded');
      expect(list.shadowRoot!.querySelector('#tab-current')!.textContent!.trim()).to.equal('Current (3)');
      expect(list.shadowRoot!.querySelector('[part="as-of"]')!.textContent).to.contain('This browser (localStorage)');
      // a write in this page reaches the widget through watch
      await store.create({ resourceType: 'MedicationRequest', status: 'active', intent: 'order', subject: { reference: `Patient/${TONY.id}` }, medicationCodeableConcept: { text: 'Amoxicillin 500 MG Oral Capsule' } });
      await waitUntil(() => list.shadowRoot!.querySelector('#tab-current')!.textContent!.trim() === 'Current (4)', 'the new medication never showed');
      await expect(list).to.be.accessible();
    } finally {
      clear(prefix);
    }
  });

  it('leaves nothing behind when the storage refuses a write (quota full)', async () => {
    const prefix = `quota-${crypto.randomUUID()}:`;
    const real = localStorage;
    let writes = 0;
    // a Storage that refuses the third setItem, as a full quota does
    const refusing: Storage = {
      get length() { return real.length; },
      key: (index) => real.key(index),
      getItem: (key) => real.getItem(key),
      removeItem: (key) => real.removeItem(key),
      clear: () => real.clear(),
      setItem: (key, value) => {
        if (++writes === 3) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        real.setItem(key, value);
      },
    };
    try {
      const store = new LocalStorageStore(prefix, refusing);
      const patients = [1, 2, 3, 4].map((n) => ({ resourceType: 'Patient' as const, id: `p${n}`, name: [{ family: `Quota${n}` }] }));
      let error: unknown;
      await store.transaction(patients.map((resource) => ({ op: 'update' as const, resource }))).catch((caught: unknown) => (error = caught));
      expect((error as DOMException).name).to.equal('QuotaExceededError');
      expect(Object.keys(localStorage).filter((key) => key.startsWith(prefix))).to.deep.equal([]);
      expect((await store.search('Patient')).length).to.equal(0);
    } finally {
      clear(prefix);
    }
  });
});
