// The two banners over the embedded store, IndexedDbStore, in real Chromium, filled with real
// Synthea patients: what a host portal does out of the box.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { deleteDB } from 'idb';
import { IndexedDbStore } from '@chartwell/store-idb';
import '@chartwell/elements/define/cw-chart-provider.js';
import '@chartwell/elements/define/cw-allergy-banner.js';
import '@chartwell/elements/define/cw-patient-banner.js';
import '@chartwell/elements/define/cw-med-list.js';
import { TOBIE, TONY, syntheaResources } from '../support/browser-fixtures.js';

const name = `chartwell-banners-test-${crypto.randomUUID()}`;
let store: IndexedDbStore;

const text = (el: Element) => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');
const loaded = (el: Element & { hasCustomState(state: string): boolean }) => waitUntil(() => !el.hasCustomState('loading'), `<${el.localName}> never finished loading`, { timeout: 4000 });

describe('chart banners over IndexedDbStore', () => {
  before(async () => {
    store = new IndexedDbStore({ name });
    const resources = [...(await syntheaResources(TONY.file)), ...(await syntheaResources(TOBIE.file))];
    await store.transaction(resources.map((resource) => ({ op: 'update' as const, resource })));
  });

  after(async () => {
    store.close();
    await deleteDB(name);
  });

  it('names the store "This browser" in a list\'s "data as of" line, and does not call it stale offline', async () => {
    const provider = await fixture(html`<cw-chart-provider .store=${store}><cw-med-list patient-id=${TONY.id}></cw-med-list></cw-chart-provider>`);
    const list = provider.querySelector('cw-med-list')!;
    await loaded(list);
    expect(list.shadowRoot!.querySelector('[part="as-of"]')!.textContent!.replace(/\s+/g, ' ').trim()).to.match(/^Data as of .+ · This browser$/);
    window.dispatchEvent(new Event('offline'));
    await list.updateComplete;
    expect(list.hasCustomState('stale')).to.equal(false);
    window.dispatchEvent(new Event('online'));
  });

  it('shows Tony Douglas\'s banner and his seven allergies', async () => {
    const provider = await fixture(html`<cw-chart-provider locale="en-GB" time-zone="UTC" .store=${store}>
      <cw-patient-banner patient-id=${TONY.id}></cw-patient-banner>
      <cw-allergy-banner patient-id=${TONY.id}></cw-allergy-banner>
    </cw-chart-provider>`);
    const banner = provider.querySelector('cw-patient-banner')!;
    const allergies = provider.querySelector('cw-allergy-banner')!;
    await loaded(banner);
    await loaded(allergies);
    expect(text(banner)).to.contain('DOUGLAS, Tony (Mr.)');
    expect(text(banner)).to.contain('Known allergies (7)');
    expect(text(allergies)).to.contain('Known allergies (7)');
    expect(text(allergies)).to.contain('House dust mite allergy');
    await expect(banner).to.be.accessible();
    await expect(allergies).to.be.accessible();
  });

  it('shows Tobie Rempel as deceased, with "Allergies not recorded"', async () => {
    const provider = await fixture(html`<cw-chart-provider locale="en-GB" time-zone="UTC" .store=${store}>
      <cw-patient-banner patient-id=${TOBIE.id}></cw-patient-banner>
      <cw-allergy-banner patient-id=${TOBIE.id}></cw-allergy-banner>
    </cw-chart-provider>`);
    const banner = provider.querySelector('cw-patient-banner')!;
    const allergies = provider.querySelector('cw-allergy-banner')!;
    await loaded(banner);
    await loaded(allergies);
    expect(banner.hasCustomState('deceased')).to.equal(true);
    expect(text(banner)).to.contain('Died');
    expect(text(banner)).to.contain('21-Feb-2006 03:33');
    expect(text(allergies)).to.contain('Allergies not recorded');
  });
});
