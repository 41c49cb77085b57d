import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { spy } from 'sinon';
import type { Claim, ExplanationOfBenefit, Invoice, Resource } from '@chartwell/fhir';
import { ForbiddenError, UnavailableError } from '@chartwell/core';
import type { ChartStore } from '@chartwell/core';
import { CLEMENTE, TONY, failingStore, fetchFixture, storeWith, syntheaResources } from '../../../../../test/support/browser-fixtures.js';
import { bundleResources, type FixtureBundle } from '../../../../../test/support/bundle-resources.js';
import '../../define/cw-chart-provider.js';
import '../../define/cw-billing-summary.js';
import type { CwBillingSummary } from './billing-summary.js';
import type { CwErrorEvent } from '../../events/error-event.js';
import type { CwClaimSelectEvent } from '../../events/claim-select-event.js';
import type { CwInvoiceSelectEvent } from '../../events/invoice-select-event.js';

const shadow = (el: HTMLElement) => el.shadowRoot!;
const squash = (value: string | null | undefined) => (value ?? '').replace(/\s+/g, ' ').trim();
const text = (el: HTMLElement) => squash(shadow(el).textContent);
const loaded = (el: CwBillingSummary) => waitUntil(() => !el.hasCustomState('loading'), 'the billing never finished loading');
const currency = (el: HTMLElement, code: string) => shadow(el).querySelector<HTMLElement>(`[part="currency"][data-currency="${code}"]`)!;
const figure = (section: HTMLElement, name: string) => squash(section.querySelector(`[data-figure="${name}"] td`)!.textContent);
const cells = (row: Element) => [...row.children].map((cell) => squash(cell.textContent));
const rows = (el: HTMLElement, table: string) => [...shadow(el).querySelectorAll(`table.${table} tbody tr`)];

/** A summary inside a provider (en-US, UTC) over `store`, for `patientId`, as of `asOf`, once loaded. */
async function summaryIn(store: ChartStore, patientId: string, asOf: string, theme = '') {
  const provider = await fixture(html`<cw-chart-provider locale="en-US" time-zone="UTC" theme=${theme} .store=${store}>
    <cw-billing-summary patient-id=${patientId} as-of=${asOf}></cw-billing-summary>
  </cw-chart-provider>`);
  const el = provider.querySelector('cw-billing-summary')!;
  await loaded(el);
  return el;
}

/** The official R4 examples of patient 1: a pending claim (100150), an adjudicated ClaimResponse (R3500) and a preauthorization (UR3503). */
const officialClaims = async () => Promise.all(['Claim-100150', 'ClaimResponse-R3500', 'ClaimResponse-UR3503'].map((name) => fetchFixture<Resource>(`fhir/${name}.json`)));

/** The HL7 v2 DFT^P03 transaction as FHIR (Microsoft FHIR-Converter's expected output): two charge items, a coverage, an account, their organisations. */
const dftResources = async () =>
  bundleResources(await fetchFixture<FixtureBundle>('hl7v2-fhir/DFT-P03-01-expected.json')).filter((r) => ['ChargeItem', 'Coverage', 'Account', 'Organization'].includes(r.resourceType));
const DFT_PATIENT = '9e909e52-61a1-be50-1878-a12ef8c36346';

// Clemente Kreiger (Synthea): claims a93b70f2 (2012, 265.52), 991b73e3 (2015, 406.04), 9006a35a (2018, 930.67), each with an EOB
const CLEMENTE_2018_CLAIM = '9006a35a-ea75-4666-bbfc-ca48a7ddb5fe';
const CLEMENTE_2018_EOB = 'e9729d25-e5f3-40d4-b3a5-87b795189ece';
const CLEMENTE_2012_VISIT = 'afcee359-ffbb-4ae0-b54f-547eb3c58e68';

describe('<cw-billing-summary>', () => {
  it("shows Clemente Kreiger's balance as of a time, with its figures and aging, exactly, in US dollars", async () => {
    const el = await summaryIn(await storeWith(await syntheaResources(CLEMENTE.file)), CLEMENTE.id, '2019-01-01T00:00:00Z');
    expect(shadow(el).querySelector('h2')!.textContent).to.equal('Billing');
    const usd = currency(el, 'USD');
    expect(squash(usd.querySelector('h3')!.textContent)).to.equal('US Dollar (USD)');
    // coinsurance 28.104000000000003 on each flu and Td line (4) + 133.03 on the 2018 medication review; nothing paid by the patient
    expect(squash(usd.querySelector('[part="balance"]')!.textContent)).to.equal('Patient balance $245.446000000000012 as of 01-Jan-2019 00:00');
    expect(usd.querySelector('table.figures caption')!.textContent).to.equal('Summary in USD');
    expect(figure(usd, 'charged')).to.equal('$1,602.23'); // 265.52 + 406.04 + 930.67
    expect(figure(usd, 'payerPaid')).to.equal('$981.78400000000013'); // 112.41600000000001 + 224.83200000000002 + 644.5360000000001
    expect(figure(usd, 'patientResponsibility')).to.equal('$245.446000000000012');
    expect(figure(usd, 'patientPaid')).to.equal('$0.00');
    expect(figure(usd, 'pending')).to.equal('$0.00');
    expect(figure(usd, 'balance')).to.equal('$245.446000000000012');
    expect(figure(usd, 'estimatedPatientResponsibility')).to.equal('$0.00');
    // every EOB is over 90 days old on 2019-01-01 (the newest is of 2018-09-17)
    expect([...usd.querySelectorAll('table.aging th')].map((th) => th.textContent)).to.deep.equal(['0–30 days', '31–60 days', '61–90 days', 'Over 90 days']);
    expect([...usd.querySelectorAll('table.aging td')].map((td) => td.textContent)).to.deep.equal(['$0.00', '$0.00', '$0.00', '$245.446000000000012']);
    expect(shadow(el).querySelector('[part="notice"]')).to.equal(null);
    expect(el.hasCustomState('empty')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('ages the balance from each adjudication to the as-of time', async () => {
    const el = await summaryIn(await storeWith(await syntheaResources(CLEMENTE.file)), CLEMENTE.id, '2018-10-01T00:00:00Z');
    // the EOB of 2018-09-17 (28.104000000000003 + 133.03) is 13 days old; those of 2012 and 2015 (3 × 28.104000000000003) are over 90
    expect([...currency(el, 'USD').querySelectorAll('table.aging td')].map((td) => td.textContent)).to.deep.equal(['$161.134000000000003', '$0.00', '$0.00', '$84.312000000000009']);
  });

  it('lists the claims newest first with status, outcome, insurer and exact amounts, and says no coverage is recorded', async () => {
    const el = await summaryIn(await storeWith(await syntheaResources(CLEMENTE.file)), CLEMENTE.id, '2019-01-01T00:00:00Z');
    expect(squash(shadow(el).querySelector('.section-claims h3')!.textContent)).to.equal('Claims (3)');
    expect([...shadow(el).querySelectorAll('table.claims thead th')].map((th) => th.textContent)).to.deep.equal(['Claim', 'Type', 'Status', 'Outcome', 'Insurer', 'Charged', 'Insurer paid', 'Patient share', 'Denial reasons']);
    const claims = rows(el, 'claims');
    expect(claims.map((row) => row.getAttribute('data-claim'))).to.deep.equal([CLEMENTE_2018_CLAIM, '991b73e3-6ba9-4ba7-9c39-a526351fc9cf', 'a93b70f2-c9a6-4dbd-9ed6-8f7c350f85af']);
    // billable period start 2018-09-17T15:29:24+00:00; type institutional; insurer "private"; total 930.67; payment 644.5360000000001; coinsurance 28.104000000000003 + 133.03
    expect(cells(claims[0]!)).to.deep.equal(['Claim of 17-Sep-2018 15:29', 'institutional', 'Adjudicated', 'Complete', 'private', '$930.67', '$644.5360000000001', '$161.134000000000003', 'None given']);
    expect(squash(shadow(el).querySelector('.section-coverage')!.textContent)).to.equal('Active coverage (0) No coverage recorded as in force on 01-Jan-2019 00:00.');
    expect(shadow(el).querySelector('.section-estimates')).to.equal(null);
  });

  it('breaks the bill down per visit, each opening to its line items with an accessible disclosure button (click or Enter)', async () => {
    const el = await summaryIn(await storeWith(await syntheaResources(CLEMENTE.file)), CLEMENTE.id, '2019-01-01T00:00:00Z');
    expect(squash(shadow(el).querySelector('.section-visits h3')!.textContent)).to.equal('Charges by visit (3)');
    const visit = shadow(el).querySelector(`[part="visit"][data-encounter="${CLEMENTE_2012_VISIT}"]`)!;
    const toggle = visit.querySelector<HTMLButtonElement>('[part="toggle"]')!;
    // the check-up claimed in 2012: the visit line (no charge) and the flu shot (140.52); its EOB lines
    // record servicedPeriod.start 2010-11-09T10:29:24-05:00 (15:29 UTC), shown as recorded
    expect(toggle.textContent).to.equal('Visit of 09-Nov-2010 15:29: 2 lines');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    const lines = visit.querySelector<HTMLElement>('[part="lines"]')!;
    expect(toggle.getAttribute('aria-controls')).to.equal(lines.id);
    expect(lines.hidden).to.equal(true);
    expect([...visit.querySelectorAll('.visit-figures div')].map((pair) => [pair.querySelector('dt')!.textContent, squash(pair.querySelector('dd')!.textContent)])).to.deep.equal([
      ['Charged', '$140.52'],
      ['Insurer paid', '$112.41600000000001'],
      ['Patient share', '$28.104000000000003'],
    ]);
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(lines.hidden).to.equal(false);
    expect(lines.querySelector('caption')!.textContent).to.equal('Line items: Visit of 09-Nov-2010 15:29: 2 lines');
    expect([...lines.querySelectorAll('tbody tr')].map(cells)).to.deep.equal([
      ['Encounter for check up (procedure)', '09-Nov-2010 15:29', 'Adjudicated', 'Not recorded', 'Not recorded', 'Not recorded'],
      ['Influenza, seasonal, injectable, preservative free', '09-Nov-2010 15:29', 'Adjudicated', '$140.52', '$112.41600000000001', '$28.104000000000003'],
    ]);
    await expect(el).to.be.accessible();
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(lines.hidden).to.equal(true);
  });

  it('fires cw-claim-select with the claim and its EOB when a claim is chosen, by click or by Enter', async () => {
    const el = await summaryIn(await storeWith(await syntheaResources(CLEMENTE.file)), CLEMENTE.id, '2019-01-01T00:00:00Z');
    const onSelect = spy();
    el.addEventListener('cw-claim-select', onSelect);
    // typed through HTMLElementEventMap: `event` is a CwClaimSelectEvent, no cast
    const references: string[] = [];
    el.addEventListener('cw-claim-select', (event) => references.push(event.detail.reference));
    const button = rows(el, 'claims')[0]!.querySelector<HTMLButtonElement>('[part="claim"]')!;
    button.click();
    expect(onSelect.callCount).to.equal(1);
    const event = onSelect.firstCall.args[0] as CwClaimSelectEvent;
    expect(event.detail).to.deep.equal({ reference: `Claim/${CLEMENTE_2018_CLAIM}`, patientId: CLEMENTE.id, adjudications: [`ExplanationOfBenefit/${CLEMENTE_2018_EOB}`], estimate: false });
    expect([event.bubbles, event.composed, Object.isFrozen(event.detail)]).to.deep.equal([true, true, true]);
    button.focus();
    await sendKeys({ press: 'Enter' });
    expect(onSelect.callCount).to.equal(2);
    expect((onSelect.secondCall.args[0] as CwClaimSelectEvent).detail.reference).to.equal(`Claim/${CLEMENTE_2018_CLAIM}`);
    expect(references).to.deep.equal([`Claim/${CLEMENTE_2018_CLAIM}`, `Claim/${CLEMENTE_2018_CLAIM}`]);
  });

  it('shows a pending claim, an adjudicated one with its denial reason and payment, and a preauthorization labelled as an estimate (official examples)', async () => {
    const el = await summaryIn(await storeWith(await officialClaims()), '1', '2014-09-30T00:00:00Z');
    const claims = rows(el, 'claims');
    // Claim 100150: no response yet, one line of 135.57, insurer Organization/2 (not in the store)
    expect(cells(claims.find((row) => row.getAttribute('data-claim') === '100150')!)).to.deep.equal(['Claim of 16-Aug-2014', 'oral', 'Awaiting adjudication', 'No adjudication yet', 'Organization/2', '$135.57', 'Not recorded', 'Not recorded', 'None given']);
    // ClaimResponse R3500: submitted 135.57, paid 100.47, copay 10, benefit reason "Plan Limit Reached", insurer identifier 555123
    expect(cells(claims.find((row) => row.getAttribute('data-claim') === 'R3500')!)).to.deep.equal(['Claim of 16-Aug-2014', 'oral', 'Adjudicated', 'Complete', '555123', '$135.57', '$100.47', '$10.00', 'Plan Limit Reached']);
    // UR3503: a preauthorization: submitted 1050, benefits 240 + 800 on its added items, copay 10
    const estimates = shadow(el).querySelector('.section-estimates')!;
    expect(squash(estimates.querySelector('h3')!.textContent)).to.equal('Estimates (1)');
    expect(estimates.querySelector('.estimates-note')!.textContent).to.contain('estimated amounts, not adjudicated, never part of the balance');
    expect([...estimates.querySelectorAll('thead th')].map((th) => th.textContent)).to.include.members(['Estimated insurer payment', 'Estimated patient share']);
    expect(cells(rows(el, 'estimates')[0]!)).to.deep.equal(['Estimate Preauthorization of 16-Aug-2014', 'Adjudicated', '444123', '$1,050.00', '$1,040.00', '$10.00', 'None given']);
    const usd = currency(el, 'USD');
    expect(figure(usd, 'charged')).to.equal('$271.14'); // 135.57 pending + 135.57 adjudicated; the estimate is not a charge
    expect(figure(usd, 'pending')).to.equal('$135.57');
    expect(figure(usd, 'payerPaid')).to.equal('$100.47');
    expect(figure(usd, 'balance')).to.equal('$10.00'); // R3500's copay only
    expect(figure(usd, 'estimatedPatientResponsibility')).to.equal('$10.00'); // UR3503's copay, apart
    expect(squash(usd.querySelector('[data-figure="estimatedPatientResponsibility"] th')!.textContent)).to.contain('estimate, not adjudicated; not in the balance');
    // the copay of 2014-08-16 is 45 days old on 2014-09-30
    expect([...usd.querySelectorAll('table.aging td')].map((td) => td.textContent)).to.deep.equal(['$0.00', '$10.00', '$0.00', '$0.00']);
    expect(rows(el, 'payments').map(cells)).to.deep.equal([['31-Aug-2014', '555123', '$100.47', 'Not recorded', 'Not recorded']]);
    await expect(el).to.be.accessible();
  });

  it('marks the lines of an estimate "Estimate" in words in the per-visit breakdown', async () => {
    const el = await summaryIn(await storeWith(await officialClaims()), '1', '2014-09-30T00:00:00Z');
    // none of the official examples names an encounter: their lines are grouped as "No visit recorded"
    const toggle = shadow(el).querySelector<HTMLButtonElement>('[part="visit"][data-encounter=""] [part="toggle"]')!;
    // 100150: 1 line; R3500: 1 adjudicated item; UR3503: 2 added items
    expect(toggle.textContent).to.equal('No visit recorded: 4 lines');
    toggle.click();
    await el.updateComplete;
    const lines = [...shadow(el).querySelectorAll('table.line-items tbody tr')];
    const marked = (row: Element) => row.querySelector('[part="estimate"]')?.textContent ?? '';
    expect(lines.filter((row) => row.getAttribute('data-claim') === 'UR3503').map(marked)).to.deep.equal(['Estimate', 'Estimate']);
    expect(lines.filter((row) => row.getAttribute('data-claim') !== 'UR3503').map(marked)).to.deep.equal(['', '']);
    const radiograph = lines.find((row) => row.textContent!.includes('Radiograph, series (12)'))!;
    expect(cells(radiograph).slice(3)).to.deep.equal(['$800.00', '$800.00', 'Not recorded']);
  });

  it('warns and shows the error state for an as-of time that is not an instant', async () => {
    const warn = spy(console, 'warn');
    try {
      const el = await summaryIn(await storeWith(await officialClaims()), '1', 'yesterday');
      expect(el.hasCustomState('error')).to.equal(true);
      expect(text(el)).to.contain('This information could not be loaded.');
      expect(warn.args.map((args) => String(args[0]))).to.include('<cw-billing-summary>: as-of must be an instant such as 2026-01-31T00:00:00Z (got "yesterday")');
    } finally {
      warn.restore();
    }
  });

  it('fires cw-claim-select for an adjudication whose claim is not in the store, naming the ClaimResponse, and marks an estimate', async () => {
    const el = await summaryIn(await storeWith(await officialClaims()), '1', '2014-09-30T00:00:00Z');
    const onSelect = spy();
    el.addEventListener('cw-claim-select', onSelect);
    rows(el, 'claims').find((row) => row.getAttribute('data-claim') === 'R3500')!.querySelector<HTMLButtonElement>('[part="claim"]')!.click();
    rows(el, 'estimates')[0]!.querySelector<HTMLButtonElement>('[part="claim"]')!.click();
    expect(onSelect.args.map(([event]) => (event as CwClaimSelectEvent).detail)).to.deep.equal([
      { reference: 'ClaimResponse/R3500', patientId: '1', adjudications: ['ClaimResponse/R3500'], estimate: false },
      { reference: 'ClaimResponse/UR3503', patientId: '1', adjudications: ['ClaimResponse/UR3503'], estimate: true },
    ]);
  });

  it('shows an issued invoice at its gross total, in euros, with its account (official Invoice and Account examples)', async () => {
    const store = await storeWith(await Promise.all(['Invoice-example', 'Account-ewg'].map((name) => fetchFixture<Resource>(`fhir/${name}.json`))));
    const el = await summaryIn(store, 'example', '2017-02-01T00:00:00Z');
    const eur = currency(el, 'EUR');
    expect(squash(eur.querySelector('h3')!.textContent)).to.equal('Euro (EUR)');
    expect(figure(eur, 'invoiced')).to.equal('€48.00');
    expect(figure(eur, 'balance')).to.equal('€48.00');
    // dated 2017-01-25T08:00:00+01:00: 07:00 UTC; net 40, gross 48 (with tax)
    expect(rows(el, 'invoices').map(cells)).to.deep.equal([['Invoice of 25-Jan-2017 07:00', 'Issued', '€40.00', '€48.00', '€48.00']]);
    expect(rows(el, 'accounts').map(cells)).to.deep.equal([['Inpatient: Peter James Chalmers', 'Active', '01-Jan-2016 – 30-Jun-2016', 'Burgers University Medical Center', 'Hospital charges']]);
    await expect(el).to.be.accessible();
  });

  it('fires cw-invoice-select with the invoice and its account, by click or by Enter', async () => {
    const store = await storeWith([await fetchFixture<Resource>('fhir/Invoice-example.json')]);
    const el = await summaryIn(store, 'example', '2017-02-01T00:00:00Z');
    const onSelect = spy();
    document.addEventListener('cw-invoice-select', onSelect);
    const accounts: (string | undefined)[] = [];
    el.addEventListener('cw-invoice-select', (event) => accounts.push(event.detail.account));
    try {
      const button = shadow(el).querySelector<HTMLButtonElement>('[part="invoice"]')!;
      button.focus();
      await sendKeys({ press: 'Enter' });
      button.click();
      expect(onSelect.callCount).to.equal(2);
      const event = onSelect.firstCall.args[0] as CwInvoiceSelectEvent;
      expect(event.detail).to.deep.equal({ reference: 'Invoice/example', patientId: 'example', account: 'Account/example' });
      expect([event.bubbles, event.composed]).to.deep.equal([true, true]);
      expect(accounts).to.deep.equal(['Account/example', 'Account/example']);
    } finally {
      document.removeEventListener('cw-invoice-select', onSelect);
    }
  });

  it('shows two currencies side by side, each with its own figures, never summed', async () => {
    // the official invoice (EUR 48 gross) addressed to patient 1, who has the official USD claims
    const invoice = await fetchFixture<Invoice>('fhir/Invoice-example.json');
    const el = await summaryIn(await storeWith([...(await officialClaims()), { ...invoice, subject: { reference: 'Patient/1' } }]), '1', '2017-02-01T00:00:00Z');
    expect([...shadow(el).querySelectorAll('[part="currency"]')].map((section) => section.getAttribute('data-currency'))).to.deep.equal(['EUR', 'USD']);
    expect(figure(currency(el, 'EUR'), 'balance')).to.equal('€48.00');
    expect(figure(currency(el, 'USD'), 'balance')).to.equal('$10.00');
    expect(squash(currency(el, 'EUR').querySelector('[part="balance"]')!.textContent)).to.equal('Patient balance €48.00 as of 01-Feb-2017 00:00');
    const notice = shadow(el).querySelector('[part="notice"]')!;
    expect(notice.getAttribute('data-code')).to.equal('mixed-currencies');
    expect(notice.textContent).to.equal('Amounts are recorded in EUR, USD: each currency is shown on its own, never added together.');
    // no sum of 48 and 10 in any form
    expect(text(el)).to.not.match(/\b58(\.00)?\b/);
    await expect(el).to.be.accessible();
  });

  it('keeps amounts recorded without a currency apart, as plain numbers, with a notice', async () => {
    // the official Claim 100150 (one line of 135.57 USD) with the currency of its line left out
    const [claim, ...rest] = await officialClaims();
    const bare = { ...(claim as Claim), item: (claim as Claim).item?.map(({ net, ...item }) => ({ ...item, net: { value: net?.value } })) } as Claim;
    const el = await summaryIn(await storeWith([bare, ...rest]), '1', '2014-09-30T00:00:00Z');
    expect([...shadow(el).querySelectorAll('[part="currency"]')].map((section) => section.getAttribute('data-currency'))).to.deep.equal(['USD', 'XXX']);
    const none = currency(el, 'XXX');
    expect(squash(none.querySelector('h3')!.textContent)).to.equal('Amounts recorded without a currency');
    expect(figure(none, 'pending')).to.equal('135.57');
    expect(figure(currency(el, 'USD'), 'pending')).to.equal('$0.00');
    expect(figure(currency(el, 'USD'), 'charged')).to.equal('$135.57'); // R3500's alone
    expect(shadow(el).querySelector('[part="notice"]')!.getAttribute('data-code')).to.equal('no-currency');
    await expect(el).to.be.accessible();
  });

  it('keeps every fact on screen: no title attribute (hover-only text), every visit open', async () => {
    const el = await summaryIn(await storeWith([...(await syntheaResources(CLEMENTE.file)), ...(await officialClaims())]), CLEMENTE.id, '2019-01-01T00:00:00Z');
    for (const toggle of shadow(el).querySelectorAll<HTMLButtonElement>('[aria-expanded="false"]')) toggle.click();
    await el.updateComplete;
    expect(shadow(el).querySelectorAll('[aria-expanded="true"]')).to.have.length(3);
    expect([...shadow(el).querySelectorAll('[title]')].map((node) => node.outerHTML)).to.deep.equal([]);
  });

  it('lists HL7 v2 charge items under their visit, and the coverage in force with its payer read from the store', async () => {
    const el = await summaryIn(await storeWith(await dftResources()), DFT_PATIENT, '2020-01-01T00:00:00Z');
    // status unknown: neither billable nor billed, so no figure counts them
    expect(shadow(el).querySelector('[part="currency"]')).to.equal(null);
    expect(text(el)).to.contain('No amount in these records counts toward a balance.');
    // Coverage dfab6985: payor Organization/04a2a5f2 (Blue Cross Blue Shield of Texas), subscriber HMO-12345, plan BAV and group Grp-12345, from 1998-11-01
    expect(squash(shadow(el).querySelector('.section-coverage h3')!.textContent)).to.equal('Active coverage (1)');
    expect(rows(el, 'coverage').map(cells)).to.deep.equal([
      ['Blue Cross Blue Shield of Texas', 'HMO-12345', 'Blue Advantage HMO · BAV; BCBS HMO · Grp-12345', 'health maintenance organization policy', 'Spouse', 'From 01-Nov-1998'],
    ]);
    const toggle = shadow(el).querySelector<HTMLButtonElement>('[part="visit"][data-encounter="4b192760-03d2-aec4-b0a6-fde323912e1e"] [part="toggle"]')!;
    expect(toggle.textContent).to.equal('Visit of 22-Nov-2019: 2 lines');
    toggle.click();
    await el.updateComplete;
    const charges = rows(el, 'charge-items').map(cells).sort();
    expect(charges).to.deep.equal([
      ['626.2', '22-Nov-2019', 'Status not recorded', '1', '$120.00'],
      ['Xray exam chest 1 view', '22-Nov-2019', 'Status not recorded', '2', '$100.00'],
    ]);
    await expect(el).to.be.accessible();
  });

  it('says "No billing records", not "nothing owed", for a patient with no financial record', async () => {
    const el = await summaryIn(await storeWith([]), 'nobody', '2026-01-01T00:00:00Z');
    expect(el.hasCustomState('empty')).to.equal(true);
    const empty = shadow(el).querySelector('[part="empty"]')!;
    expect(squash(empty.textContent)).to.contain('No billing records');
    expect(empty.textContent).to.contain('This does not mean nothing is owed');
    expect(text(el)).to.not.match(/nothing owed|\$0\.00/i);
    expect(shadow(el).querySelector('table')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('takes a host empty slot in place of the wording', async () => {
    const provider = await fixture(html`<cw-chart-provider locale="en-US" time-zone="UTC" .store=${await storeWith([])}>
      <cw-billing-summary patient-id="nobody"><p slot="empty">Sin registros de facturación</p></cw-billing-summary>
    </cw-chart-provider>`);
    const el = provider.querySelector('cw-billing-summary')!;
    await loaded(el);
    const slot = shadow(el).querySelector<HTMLSlotElement>('slot[name="empty"]')!;
    expect(slot.assignedElements().map((node) => node.textContent)).to.deep.equal(['Sin registros de facturación']);
  });

  it('reflects the as-of attribute into the property, and reloads with it', async () => {
    const el = await summaryIn(await storeWith(await syntheaResources(CLEMENTE.file)), CLEMENTE.id, '2019-01-01T00:00:00Z');
    expect(el.asOf).to.equal('2019-01-01T00:00:00Z');
    el.setAttribute('as-of', '2016-01-01T00:00:00Z');
    expect(el.asOf).to.equal('2016-01-01T00:00:00Z');
    // the 2018 claim did not exist on 2016-01-01
    await waitUntil(() => rows(el, 'claims').length === 2, 'the summary never went back to 2016');
    expect(figure(currency(el, 'USD'), 'charged')).to.equal('$671.56'); // 265.52 + 406.04
  });

  it('updates live when an invoice is recorded for the bound patient', async () => {
    const store = await storeWith(await syntheaResources(CLEMENTE.file));
    const el = await summaryIn(store, CLEMENTE.id, '');
    const { id: _id, ...invoice } = await fetchFixture<Invoice>('fhir/Invoice-example.json');
    await store.create({ ...invoice, subject: { reference: `Patient/${CLEMENTE.id}` } });
    await waitUntil(() => shadow(el).querySelector('[part="currency"][data-currency="EUR"]') !== null, 'the new invoice never showed');
    expect(figure(currency(el, 'EUR'), 'invoiced')).to.equal('€48.00');
    expect(figure(currency(el, 'USD'), 'charged')).to.equal('$1,602.23');
  });

  it('updates live when an account is opened for the bound patient (Account.subject is a list)', async () => {
    const store = await storeWith(await syntheaResources(CLEMENTE.file));
    const el = await summaryIn(store, CLEMENTE.id, '');
    expect(rows(el, 'accounts')).to.deep.equal([]);
    const { id: _id, ...account } = await fetchFixture<Resource & { subject?: unknown }>('fhir/Account-ewg.json');
    await store.create({ ...account, subject: [{ reference: `Patient/${CLEMENTE.id}` }] } as Resource);
    await waitUntil(() => rows(el, 'accounts').length === 1, 'the new account never showed');
    expect(cells(rows(el, 'accounts')[0]!)[0]).to.contain('Inpatient');
  });

  it("never shows the previous patient's billing after a switch", async () => {
    const store = await storeWith([...(await syntheaResources(CLEMENTE.file)), ...(await syntheaResources(TONY.file))]);
    const el = await summaryIn(store, CLEMENTE.id, '2019-01-01T00:00:00Z');
    expect(text(el)).to.contain('$245.446000000000012');
    el.patientId = TONY.id;
    await el.updateComplete;
    expect(text(el)).to.not.contain('$245.446000000000012');
    expect(el.hasCustomState('loading')).to.equal(true);
    await loaded(el);
    expect(rows(el, 'claims').map((row) => row.getAttribute('data-claim'))).to.not.include(CLEMENTE_2018_CLAIM);
  });

  it('shows the loading state with its label, then the data', async () => {
    const store = await storeWith(await syntheaResources(CLEMENTE.file));
    const el = await fixture<CwBillingSummary>(html`<cw-billing-summary patient-id=${CLEMENTE.id} locale="en-US" time-zone="UTC" .store=${store}></cw-billing-summary>`);
    expect(el.hasCustomState('loading')).to.equal(true);
    expect(shadow(el).querySelector('[part="loading"]')!.textContent).to.contain('Loading billing…');
    await expect(el).to.be.accessible();
    await loaded(el);
    expect(rows(el, 'claims')).to.have.length(3);
  });

  it('shows an error with a retry button and fires cw-error when the store fails', async () => {
    let failing = true;
    const inner = await storeWith(await syntheaResources(CLEMENTE.file));
    const store = failingStore(inner, (method, type) => failing && method === 'search' && type === 'ExplanationOfBenefit', new UnavailableError({ resourceType: 'ExplanationOfBenefit' }, 'IndexedDB is closed'));
    const onError = spy();
    document.addEventListener('cw-error', onError);
    try {
      const el = await summaryIn(store, CLEMENTE.id, '2019-01-01T00:00:00Z');
      expect(el.hasCustomState('error')).to.equal(true);
      expect(text(el)).to.contain('This information could not be loaded.');
      expect(text(el)).to.not.contain('$');
      expect((onError.firstCall.args[0] as CwErrorEvent).detail.patientId).to.equal(CLEMENTE.id);
      await expect(el).to.be.accessible();
      failing = false;
      shadow(el).querySelector<HTMLButtonElement>('[part="retry"]')!.click();
      await waitUntil(() => !el.hasCustomState('error') && !el.hasCustomState('loading'));
      expect(rows(el, 'claims')).to.have.length(3);
    } finally {
      document.removeEventListener('cw-error', onError);
    }
  });

  it('shows the restricted state, naming nothing withheld, when access is denied', async () => {
    const store = failingStore(await storeWith(await syntheaResources(CLEMENTE.file)), (method, type) => method === 'search' && type === 'Claim', new ForbiddenError({ resourceType: 'Claim', id: 'x' }));
    const el = await summaryIn(store, CLEMENTE.id, '2019-01-01T00:00:00Z');
    expect(el.hasCustomState('restricted')).to.equal(true);
    expect(text(el)).to.contain('You do not have permission to see this information.');
    expect(text(el)).to.not.contain('$');
    expect(shadow(el).querySelector('[part="retry"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('takes translated strings through i18n', async () => {
    const el = await fixture<CwBillingSummary>(html`<cw-billing-summary patient-id="nobody" .store=${await storeWith([])} .i18n=${{ heading: 'Facturación', empty: 'Sin registros de facturación' }}></cw-billing-summary>`);
    await loaded(el);
    expect(shadow(el).querySelector('h2')!.textContent).to.equal('Facturación');
    expect(shadow(el).querySelector('[part="empty"]')!.textContent).to.contain('Sin registros de facturación');
  });

  it('renders script, onerror and javascript: in record text as text, and runs none of it', async () => {
    const win = window as unknown as { cwXss?: number };
    win.cwXss = 0;
    const attack = '<img src=x onerror="window.cwXss++"><script>window.cwXss++</script><a href="javascript:window.cwXss++">x</a>';
    const resources = await syntheaResources(CLEMENTE.file);
    const hostile = resources.map((resource) => {
      if (resource.resourceType === 'Claim' && resource.id === CLEMENTE_2018_CLAIM) return { ...resource, type: { text: attack } } as Claim;
      if (resource.resourceType === 'ExplanationOfBenefit' && resource.id === CLEMENTE_2018_EOB) {
        const eob = resource;
        return { ...eob, insurer: { display: attack }, item: eob.item?.map((item) => ({ ...item, productOrService: { text: attack }, adjudication: item.adjudication?.map((a) => ({ ...a, reason: { text: attack } })) })) } as ExplanationOfBenefit;
      }
      return resource;
    });
    const el = await summaryIn(await storeWith(hostile), CLEMENTE.id, '2019-01-01T00:00:00Z');
    for (const toggle of shadow(el).querySelectorAll<HTMLButtonElement>('[part="toggle"]')) toggle.click();
    await el.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(win.cwXss).to.equal(0);
    expect(shadow(el).querySelector('img, script, a')).to.equal(null);
    const row = rows(el, 'claims')[0]!;
    expect(row.querySelector('.type')!.textContent).to.equal(attack);
    expect(row.querySelector('.insurer')!.textContent).to.equal(attack);
    expect(row.querySelector('.reasons li')!.textContent).to.equal(attack);
    expect([...shadow(el).querySelectorAll('table.line-items .service')].map((cell) => cell.textContent)).to.include(attack);
  });

  for (const theme of ['dark', 'high-contrast']) {
    it(`passes axe (colour contrast included) in the ${theme} theme, every visit open`, async () => {
      const el = await summaryIn(await storeWith(await officialClaims()), '1', '2014-09-30T00:00:00Z', theme);
      for (const toggle of shadow(el).querySelectorAll<HTMLButtonElement>('[part="toggle"]')) toggle.click();
      await el.updateComplete;
      expect(shadow(el).querySelector('table.line-items')).to.not.equal(null);
      await expect(el).to.be.accessible();
    });
  }
});
