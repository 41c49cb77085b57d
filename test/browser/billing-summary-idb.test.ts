// <cw-billing-summary> over the embedded store, IndexedDbStore, in real Chromium, filled with a real
// Synthea patient (Claims and ExplanationOfBenefits), the official R4 claim and invoice examples, and
// the HL7 v2 DFT^P03 charge items as FHIR, registered through the package's exports map as a host would.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { spy } from 'sinon';
import { deleteDB } from 'idb';
import type { Invoice, Resource } from '@chartwell/fhir';
import { IndexedDbStore } from '@chartwell/store-idb';
import '@chartwell/elements/define/cw-chart-provider.js';
import '@chartwell/elements/define/cw-billing-summary.js';
import type { CwBillingSummary, CwClaimSelectEvent } from '@chartwell/elements';
import { CLEMENTE, fetchFixture, syntheaResources } from '../support/browser-fixtures.js';
import { bundleResources, type FixtureBundle } from '../support/bundle-resources.js';

const name = `chartwell-billing-summary-test-${crypto.randomUUID()}`;
let store: IndexedDbStore;

const squash = (value: string | null | undefined) => (value ?? '').replace(/\s+/g, ' ').trim();
const figure = (el: HTMLElement, code: string, which: string) => squash(el.shadowRoot!.querySelector(`[part="currency"][data-currency="${code}"] [data-figure="${which}"] td`)!.textContent);

async function summaryOf(patientId: string, asOf: string): Promise<CwBillingSummary> {
  const provider = await fixture(html`<cw-chart-provider locale="en-US" time-zone="UTC" .store=${store}>
    <cw-billing-summary patient-id=${patientId} as-of=${asOf}></cw-billing-summary>
  </cw-chart-provider>`);
  const el = provider.querySelector('cw-billing-summary')!;
  await waitUntil(() => !el.hasCustomState('loading'), '<cw-billing-summary> never finished loading', { timeout: 4000 });
  return el;
}

describe('<cw-billing-summary> over IndexedDbStore', () => {
  before(async () => {
    store = new IndexedDbStore({ name });
    const official = await Promise.all(['Claim-100150', 'ClaimResponse-R3500', 'ClaimResponse-UR3503', 'Invoice-example', 'Account-ewg'].map((file) => fetchFixture<Resource>(`fhir/${file}.json`)));
    const dft = bundleResources(await fetchFixture<FixtureBundle>('hl7v2-fhir/DFT-P03-01-expected.json')).filter((r) => ['ChargeItem', 'Coverage', 'Account', 'Organization'].includes(r.resourceType));
    const resources = [...(await syntheaResources(CLEMENTE.file)), ...official, ...dft];
    await store.transaction(resources.map((resource) => ({ op: 'update' as const, resource })));
  });

  after(async () => {
    store.close();
    await deleteDB(name);
  });

  it("shows Clemente Kreiger's balance, claims and aging from Synthea's Claims and EOBs, exactly", async () => {
    const el = await summaryOf(CLEMENTE.id, '2019-01-01T00:00:00Z');
    // coinsurance: 4 × 28.104000000000003 + 133.03; claim totals 265.52 + 406.04 + 930.67
    expect(squash(el.shadowRoot!.querySelector('[part="balance"]')!.textContent)).to.equal('Patient balance $245.446000000000012 as of 01-Jan-2019 00:00');
    expect(figure(el, 'USD', 'charged')).to.equal('$1,602.23');
    expect(el.shadowRoot!.querySelectorAll('table.claims tbody tr')).to.have.length(3);
    expect(squash(el.shadowRoot!.querySelector('[part="as-of"]')!.textContent)).to.contain('This browser');
    await expect(el).to.be.accessible();
  });

  it('tells the pending claim, the adjudicated one and the estimate apart (official examples), and fires cw-claim-select on Enter', async () => {
    const el = await summaryOf('1', '2014-09-30T00:00:00Z');
    expect(figure(el, 'USD', 'balance')).to.equal('$10.00');
    expect(figure(el, 'USD', 'estimatedPatientResponsibility')).to.equal('$10.00');
    const states = [...el.shadowRoot!.querySelectorAll('table.claims tbody tr')].map((row) => [row.getAttribute('data-claim'), squash(row.querySelector('.status')!.textContent)]);
    expect(states).to.deep.equal([['100150', 'Awaiting adjudication'], ['R3500', 'Adjudicated']]);
    expect(squash(el.shadowRoot!.querySelector('table.estimates th[scope="row"]')!.textContent)).to.equal('Estimate Preauthorization of 16-Aug-2014');
    const onSelect = spy();
    el.addEventListener('cw-claim-select', onSelect);
    el.shadowRoot!.querySelector<HTMLButtonElement>('table.claims [part="claim"]')!.focus();
    await sendKeys({ press: 'Enter' });
    expect((onSelect.firstCall.args[0] as CwClaimSelectEvent).detail.reference).to.equal('Claim/100150');
  });

  it('shows the charge items of the HL7 v2 visit and the coverage with its payer', async () => {
    const el = await summaryOf('9e909e52-61a1-be50-1878-a12ef8c36346', '2020-01-01T00:00:00Z');
    expect(squash(el.shadowRoot!.querySelector('table.coverage .payer')!.textContent)).to.equal('Blue Cross Blue Shield of Texas');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="toggle"]')!.click();
    await el.updateComplete;
    const amounts = [...el.shadowRoot!.querySelectorAll('table.charge-items .amount')].map((cell) => cell.textContent).sort();
    expect(amounts).to.deep.equal(['$100.00', '$120.00']);
    await expect(el).to.be.accessible();
  });

  it('updates live when an invoice is written to the store, in its own currency', async () => {
    const el = await summaryOf('example', '');
    expect(figure(el, 'EUR', 'balance')).to.equal('€48.00');
    const { id: _id, ...invoice } = await fetchFixture<Invoice>('fhir/Invoice-example.json');
    await store.create({ ...invoice, totalGross: { value: 12.5, currency: 'GBP' }, totalNet: { value: 10, currency: 'GBP' } });
    await waitUntil(() => el.shadowRoot!.querySelector('[part="currency"][data-currency="GBP"]') !== null, 'the new invoice never showed', { timeout: 4000 });
    expect(figure(el, 'GBP', 'balance')).to.equal('£12.50');
    expect(figure(el, 'EUR', 'balance')).to.equal('€48.00');
    expect(el.shadowRoot!.querySelector('[part="notice"]')!.getAttribute('data-code')).to.equal('mixed-currencies');
  });
});
