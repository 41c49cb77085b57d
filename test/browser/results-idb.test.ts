// <cw-results> over the embedded store, IndexedDbStore, in real Chromium, filled with the largest
// Synthea patient of the fixtures, registered through the package's exports map as a host would.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { deleteDB } from 'idb';
import { IndexedDbStore } from '@chartwell/store-idb';
import '@chartwell/elements/define/cw-chart-provider.js';
import '@chartwell/elements/define/cw-results.js';
import { TOBIE, syntheaResources } from '../support/browser-fixtures.js';
import { ignoreResizeObserverLoopErrors } from '../support/benign-errors.js';

const name = `chartwell-results-test-${crypto.randomUUID()}`;
let store: IndexedDbStore;

const squash = (value: string | null | undefined) => (value ?? '').replace(/\s+/g, ' ').trim();

describe('<cw-results> over IndexedDbStore', () => {
  ignoreResizeObserverLoopErrors();
  before(async () => {
    store = new IndexedDbStore({ name });
    const resources = await syntheaResources(TOBIE.file);
    await store.transaction(resources.map((resource) => ({ op: 'update' as const, resource })));
  });

  after(async () => {
    store.close();
    await deleteDB(name);
  });

  it("shows Tobie Rempel's newest report first, the death certificate with its cause of death", async () => {
    const provider = await fixture(html`<cw-chart-provider locale="en-GB" time-zone="UTC" .store=${store}>
      <cw-results patient-id=${TOBIE.id}></cw-results>
    </cw-chart-provider>`);
    const el = provider.querySelector('cw-results')!;
    await waitUntil(() => !el.hasCustomState('loading'), '<cw-results> never finished loading', { timeout: 4000 });
    // the newest results first, then all of them once the browser is idle
    await waitUntil(() => squash(el.shadowRoot!.querySelector('[part="summary"]')?.textContent) === '281 results, 25 reports', 'the older results never arrived', { timeout: 10000 });
    await waitUntil(() => el.shadowRoot!.querySelector('li[data-index="1"]') !== null, 'the list never rendered');
    // 281 Observations (219 of them in the 25 DiagnosticReports): 25 report rows and 281 result rows
    expect(squash(el.shadowRoot!.querySelector('[part="summary"]')!.textContent)).to.equal('281 results, 25 reports');
    const [report, result] = [0, 1].map((index) => el.shadowRoot!.querySelector(`li[data-index="${index}"]`)!);
    expect(report!.getAttribute('aria-setsize')).to.equal('306');
    expect(squash(report!.querySelector('.report-name')!.textContent)).to.equal('U.S. standard certificate of death - 2003 revision');
    expect(squash(report!.querySelector('.when')!.textContent)).to.equal('28-Feb-2006 03:33');
    expect(squash(report!.querySelector('.count')!.textContent)).to.equal('1 result');
    expect(squash(result!.querySelector('.name')!.textContent)).to.equal('Cause of Death [US Standard Certificate of Death]');
    expect(squash(result!.querySelector('.value')!.textContent)).to.equal('Stroke');
    expect(el.shadowRoot!.querySelectorAll('li[data-index]').length).to.be.lessThan(306);
    await expect(el).to.be.accessible();
  });
});
