// <cw-problem-list> over the embedded store, IndexedDbStore, in real Chromium, filled with a real
// Synthea patient, registered through the package's exports map as a host would.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { deleteDB } from 'idb';
import { IndexedDbStore } from '@chartwell/store-idb';
import '@chartwell/elements/define/cw-chart-provider.js';
import '@chartwell/elements/define/cw-problem-list.js';
import { TONY, syntheaResources } from '../support/browser-fixtures.js';

const name = `chartwell-problem-list-test-${crypto.randomUUID()}`;
let store: IndexedDbStore;

const squash = (value: string | null | undefined) => (value ?? '').replace(/\s+/g, ' ').trim();

describe('<cw-problem-list> over IndexedDbStore', () => {
  before(async () => {
    store = new IndexedDbStore({ name });
    const resources = await syntheaResources(TONY.file);
    await store.transaction(resources.map((resource) => ({ op: 'update' as const, resource })));
  });

  after(async () => {
    store.close();
    await deleteDB(name);
  });

  it("shows Tony Douglas's active problems, resolved history and procedures", async () => {
    const provider = await fixture(html`<cw-chart-provider locale="en-GB" time-zone="UTC" .store=${store}>
      <cw-problem-list patient-id=${TONY.id}></cw-problem-list>
    </cw-chart-provider>`);
    const el = provider.querySelector('cw-problem-list')!;
    await waitUntil(() => !el.hasCustomState('loading'), '<cw-problem-list> never finished loading', { timeout: 4000 });
    const headings = [...el.shadowRoot!.querySelectorAll('h3')].map((node) => squash(node.textContent));
    expect(headings).to.deep.equal(['Active problems (3)', 'Resolved and inactive (4)', 'Procedures (3)']);
    expect(squash(el.shadowRoot!.querySelector('.section-active .name')!.textContent)).to.equal('Osteoarthritis of hip');
    await expect(el).to.be.accessible();
  });
});
