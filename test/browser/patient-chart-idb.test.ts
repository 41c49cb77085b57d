// <cw-patient-chart> over the embedded store, IndexedDbStore, in real Chromium, filled with two
// real Synthea patients, registered through the package's exports map as a host would.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { deleteDB } from 'idb';
import { IndexedDbStore } from '@chartwell/store-idb';
import type { MedicationRequest } from '@chartwell/fhir';
import '@chartwell/elements/define/cw-chart-provider.js';
import '@chartwell/elements/define/cw-patient-chart.js';
import type { CwElement } from '@chartwell/elements';
import { CLEMENTE, TONY, syntheaResources } from '../support/browser-fixtures.js';
import { ignoreResizeObserverLoopErrors } from '../support/benign-errors.js';

const name = `chartwell-patient-chart-test-${crypto.randomUUID()}`;
let store: IndexedDbStore;

const squash = (value: string | null | undefined) => (value ?? '').replace(/\s+/g, ' ').trim();
const widgets = (chart: HTMLElement) => [...chart.shadowRoot!.querySelectorAll<CwElement>('cw-patient-banner, cw-allergy-banner, [part="widget"]')];
const allLoaded = (chart: HTMLElement) =>
  waitUntil(() => widgets(chart).every((widget) => widget.hasUpdated && !widget.hasCustomState('loading')), 'a widget of the chart never finished loading', { timeout: 4000 });
const medicationNames = (chart: HTMLElement) => [...chart.shadowRoot!.querySelector('cw-med-list')!.shadowRoot!.querySelectorAll('[part="item"] .name')].map((node) => squash(node.textContent));

describe('<cw-patient-chart> over IndexedDbStore', () => {
  ignoreResizeObserverLoopErrors();
  before(async () => {
    store = new IndexedDbStore({ name });
    const resources = [...(await syntheaResources(TONY.file)), ...(await syntheaResources(CLEMENTE.file))];
    await store.transaction(resources.map((resource) => ({ op: 'update' as const, resource })));
  });

  after(async () => {
    store.close();
    await deleteDB(name);
  });

  it("shows Tony Douglas's chart, follows a new prescription live, then switches to Clemente Kreiger", async () => {
    const provider = await fixture(html`<cw-chart-provider locale="en-GB" time-zone="UTC" .store=${store}>
      <cw-patient-chart patient-id=${TONY.id} sections="medications problems"></cw-patient-chart>
    </cw-chart-provider>`);
    const chart = provider.querySelector('cw-patient-chart')!;
    await chart.updateComplete;
    await allLoaded(chart);
    expect(squash(chart.shadowRoot!.querySelector('cw-patient-banner')!.shadowRoot!.querySelector('[part="name"]')!.textContent)).to.equal('DOUGLAS, Tony (Mr.)');
    // his three active MedicationRequests, newest authoredOn first
    expect(medicationNames(chart)).to.deep.equal(['Naproxen sodium 220 MG Oral Tablet', 'Hydrochlorothiazide 25 MG', 'diphenhydrAMINE Hydrochloride 25 MG Oral Tablet']);
    await expect(chart).to.be.accessible();

    // a new active prescription written to the store shows up in the chart's medication list
    const naproxen = await store.read('MedicationRequest', '8c91b025-28fb-4bc1-9b93-36ebf0d81408');
    const added: MedicationRequest = { ...(naproxen as MedicationRequest), id: 'chart-live-update', authoredOn: '2019-01-02T10:00:00Z', medicationCodeableConcept: { text: 'Amlodipine 5 MG Oral Tablet' } };
    delete (added as { meta?: unknown }).meta;
    await store.update(added);
    await waitUntil(() => medicationNames(chart).includes('Amlodipine 5 MG Oral Tablet'), 'the new prescription never showed', { timeout: 4000 });
    expect(medicationNames(chart)[0]).to.equal('Amlodipine 5 MG Oral Tablet');

    chart.setAttribute('patient-id', CLEMENTE.id);
    await chart.updateComplete;
    await allLoaded(chart);
    const problems = squash(chart.shadowRoot!.querySelector('cw-problem-list')!.shadowRoot!.textContent);
    expect(problems).to.contain('Body mass index 30+ - obesity (finding)');
    expect(problems).to.not.contain('Hypertension');
    expect(medicationNames(chart)).to.deep.equal([]);
    await expect(chart).to.be.accessible();
  });
});
