import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { spy } from 'sinon';
import type { MedicationRequest, MedicationStatement, Resource } from '@chartwell/fhir';
import { ForbiddenError, UnavailableError } from '@chartwell/core';
import type { ChartStore } from '@chartwell/core';
import { CLEMENTE, TONY, failingStore, fetchFixture, storeWith, syntheaResources } from '../../../../../test/support/browser-fixtures.js';
import '../../define/cw-chart-provider.js';
import '../../define/cw-med-list.js';
import type { CwMedList } from './med-list.js';
import type { CwErrorEvent } from '../../events/error-event.js';

const shadow = (el: HTMLElement) => el.shadowRoot!;
const text = (el: HTMLElement) => (shadow(el).textContent ?? '').replace(/\s+/g, ' ');
const loaded = (el: CwMedList) => waitUntil(() => !el.hasCustomState('loading'), 'the list never finished loading');
const names = (el: HTMLElement) => [...shadow(el).querySelectorAll('[part="item"] .name')].map((node) => node.textContent);
const tab = (el: HTMLElement, which: 'current' | 'past') => shadow(el).querySelector<HTMLButtonElement>(`#tab-${which}`)!;
const itemOf = (el: HTMLElement, reference: string) => shadow(el).querySelector(`[part="item"][data-reference="${reference}"]`)!;

/** A list inside a provider over `store`, for `patientId`, once loaded. */
async function listIn(store: ChartStore, patientId: string) {
  const provider = await fixture(html`<cw-chart-provider locale="en-GB" time-zone="UTC" .store=${store}>
    <cw-med-list patient-id=${patientId}></cw-med-list>
  </cw-chart-provider>`);
  const el = provider.querySelector('cw-med-list')!;
  await loaded(el);
  return el;
}

// Tony Douglas (Synthea): three active MedicationRequests and one stopped (Penicillin V), all requested by Dr. Andre Schneider
const TONY_NAPROXEN = 'MedicationRequest/8c91b025-28fb-4bc1-9b93-36ebf0d81408';
const TONY_HCTZ = 'MedicationRequest/442a19b9-08f5-4d92-9c3e-e84c7aaa67d4';
const TONY_PENICILLIN = 'MedicationRequest/e04b8d7c-f0ad-44aa-8451-9e8fb1a9b49b';

describe('<cw-med-list>', () => {
  it('lists Tony Douglas\'s three active medications, newest start first, names exactly as recorded', async () => {
    const el = await listIn(await storeWith(await syntheaResources(TONY.file)), TONY.id);
    expect(shadow(el).querySelector('h2')!.textContent).to.equal('Medications');
    expect(tab(el, 'current').textContent!.trim()).to.equal('Current (3)');
    expect(tab(el, 'past').textContent!.trim()).to.equal('History (1)');
    // authoredOn 2010-04-09, 1991-10-15, 1977-05-08; Tall Man lettering kept
    expect(names(el)).to.deep.equal(['Naproxen sodium 220 MG Oral Tablet', 'Hydrochlorothiazide 25 MG', 'diphenhydrAMINE Hydrochloride 25 MG Oral Tablet']);
    const hctz = itemOf(el, TONY_HCTZ);
    expect(hctz.querySelector('[part="status"]')!.textContent!.trim()).to.equal('Active');
    expect(hctz.querySelector('.dosage')!.textContent).to.equal('No dosage recorded'); // no dosageInstruction
    expect(hctz.querySelector('.start')!.textContent).to.contain('1991');
    expect(hctz.querySelector('.prescriber')!.textContent).to.contain('Schneider');
    expect(hctz.querySelector('.source')!.textContent).to.not.equal('');
    expect(shadow(el).querySelector('[part="recently-stopped"]')!.textContent).to.equal('Stopped in the last 30 days: 0');
    expect(el.hasCustomState('empty')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('shows the stopped Penicillin V under History as "Discontinued", with words and an icon', async () => {
    const el = await listIn(await storeWith(await syntheaResources(TONY.file)), TONY.id);
    tab(el, 'past').click();
    await el.updateComplete;
    expect(tab(el, 'past').getAttribute('aria-selected')).to.equal('true');
    expect(tab(el, 'current').getAttribute('aria-selected')).to.equal('false');
    expect(names(el)).to.deep.equal(['Penicillin V Potassium 500 MG Oral Tablet']);
    const status = itemOf(el, TONY_PENICILLIN).querySelector('[part="status"]')!;
    expect(status.textContent!.trim()).to.equal('Discontinued');
    expect(status.querySelector('.icon-discontinued')!.getAttribute('aria-hidden')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('moves between the tabs with the arrow, Home and End keys, focus and aria-selected following', async () => {
    const el = await listIn(await storeWith(await syntheaResources(TONY.file)), TONY.id);
    expect(shadow(el).querySelector('[role="tablist"]')!.getAttribute('aria-label')).to.equal('Medication lists');
    expect(tab(el, 'current').tabIndex).to.equal(0);
    expect(tab(el, 'past').tabIndex).to.equal(-1);
    tab(el, 'current').focus();
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(el.tab).to.equal('past');
    expect(shadow(el).activeElement).to.equal(tab(el, 'past'));
    expect(tab(el, 'past').getAttribute('aria-selected')).to.equal('true');
    expect(shadow(el).querySelector('[role="tabpanel"]')!.getAttribute('aria-labelledby')).to.equal('tab-past');
    await sendKeys({ press: 'ArrowRight' }); // wraps round
    await el.updateComplete;
    expect(el.tab).to.equal('current');
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    expect(el.tab).to.equal('past');
    await sendKeys({ press: 'Home' });
    await el.updateComplete;
    expect(el.tab).to.equal('current');
    expect(shadow(el).activeElement).to.equal(tab(el, 'current'));
    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    expect(el.tab).to.equal('past');
  });

  it('sorts by name and filters by text typed into the labelled filter', async () => {
    const el = await listIn(await storeWith(await syntheaResources(TONY.file)), TONY.id);
    const select = shadow(el).querySelector<HTMLSelectElement>('[part="sort"]')!;
    select.value = 'name';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(names(el)).to.deep.equal(['diphenhydrAMINE Hydrochloride 25 MG Oral Tablet', 'Hydrochlorothiazide 25 MG', 'Naproxen sodium 220 MG Oral Tablet']);
    const input = shadow(el).querySelector<HTMLInputElement>('[part="filter"]')!;
    expect(input.closest('label')!.textContent).to.contain('Filter medications');
    input.focus();
    await sendKeys({ type: 'naprox' });
    await el.updateComplete;
    expect(names(el)).to.deep.equal(['Naproxen sodium 220 MG Oral Tablet']);
    el.filter = 'insulin';
    await el.updateComplete;
    expect(names(el)).to.deep.equal([]);
    expect(text(el)).to.contain('No medications match “insulin”');
    await expect(el).to.be.accessible();
  });

  it('groups two current records of the same drug from different sources, hiding neither', async () => {
    const tony = await syntheaResources(TONY.file);
    const hctz = tony.find((resource) => resource.resourceType === 'MedicationRequest' && resource.id === TONY_HCTZ.split('/')[1]) as MedicationRequest;
    const copy: MedicationRequest = { ...hctz, id: 'hctz-from-gp', meta: { source: 'https://gp.example/fhir' } };
    const el = await listIn(await storeWith([...tony, copy]), TONY.id);
    expect(tab(el, 'current').textContent!.trim()).to.equal('Current (4)');
    const group = shadow(el).querySelector('[part="group"]')!;
    expect(group.querySelector('h3')!.textContent).to.contain('Hydrochlorothiazide 25 MG: recorded 2 times');
    const grouped = [...group.querySelectorAll('[part="item"]')].map((item) => item.getAttribute('data-reference'));
    expect(grouped).to.have.members([TONY_HCTZ, 'MedicationRequest/hctz-from-gp']);
    expect(group.textContent).to.contain('https://gp.example/fhir');
    expect(itemOf(el, TONY_NAPROXEN).closest('[part="group"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('flags a dosage whose recorded text disagrees with the structured dosage, showing both', async () => {
    // the official medrx0312 (Phenytoin, 100 mg three times daily, validity ended 2016-01-15), its text changed to "twice daily"
    const phenytoin = await fetchFixture<MedicationRequest>('fhir/MedicationRequest-medrx0312.json');
    const [instruction] = phenytoin.dosageInstruction ?? [];
    const disagreeing: MedicationRequest = { ...phenytoin, dosageInstruction: [{ ...instruction, text: '100mg (4ml) twice daily' }] };
    const el = await listIn(await storeWith([disagreeing]), 'pat1');
    tab(el, 'past').click();
    await el.updateComplete;
    const item = itemOf(el, 'MedicationRequest/medrx0312');
    expect(item.querySelector('.name')!.textContent).to.equal('Phenytoin 25mg/ml oral suspension');
    expect(item.querySelector('[part="status"]')!.textContent!.trim()).to.equal('Completed');
    expect(item.querySelector('.mismatch')!.textContent).to.contain('Dosage text and structured dosage disagree');
    expect(item.querySelector('.mismatch .icon-mismatch')).to.not.equal(null);
    expect(item.querySelector('.dosage-text')!.textContent).to.equal('100mg (4ml) twice daily');
    expect(item.querySelector('.dosage')!.textContent).to.contain('100');
    expect(item.querySelector('.prescriber')!.textContent).to.equal('Patrick Pump');
    expect(item.querySelector('.end')!.textContent).to.contain('2016');
    await expect(el).to.be.accessible();
  });

  it('does not flag the official medrx0312, whose text and structured dosage agree', async () => {
    const el = await listIn(await storeWith([await fetchFixture<MedicationRequest>('fhir/MedicationRequest-medrx0312.json')]), 'pat1');
    tab(el, 'past').click();
    await el.updateComplete;
    expect(itemOf(el, 'MedicationRequest/medrx0312').querySelector('.mismatch')).to.equal(null);
  });

  it('marks an on-hold order "Suspended" with an icon and words', async () => {
    const tony = await syntheaResources(TONY.file);
    const held = tony.map((resource) => (resource.resourceType === 'MedicationRequest' && resource.id === TONY_NAPROXEN.split('/')[1] ? { ...resource, status: 'on-hold' } : resource)) as Resource[];
    const el = await listIn(await storeWith(held), TONY.id);
    const status = itemOf(el, TONY_NAPROXEN).querySelector('[part="status"]')!;
    expect(status.textContent!.trim()).to.equal('Suspended');
    expect(status.classList.contains('suspended')).to.equal(true);
    expect(status.querySelector('.icon-suspended')).to.not.equal(null);
  });

  it('shows an intended statement as "Not started", counts a statement stopped three days ago as recently stopped, and lists no entered-in-error one', async () => {
    // official MedicationStatements of pat1: example001 (Tylenol PM, contained), example003 (Little Pink Pill for water retention), example005 (entered in error)
    const tylenol = await fetchFixture<MedicationStatement>('fhir/MedicationStatement-example001.json');
    const pinkPill = await fetchFixture<MedicationStatement>('fhir/MedicationStatement-example003.json');
    const inError = await fetchFixture<MedicationStatement>('fhir/MedicationStatement-example005.json');
    const threeDaysAgo = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
    const { effectiveDateTime: _taken, ...pinkPillUndated } = pinkPill;
    const stopped: MedicationStatement = { ...pinkPillUndated, status: 'stopped', effectivePeriod: { start: '2014-02-01', end: threeDaysAgo } };
    const el = await listIn(await storeWith([{ ...tylenol, status: 'intended' }, stopped, inError]), 'pat1');
    expect(tab(el, 'current').textContent!.trim()).to.equal('Current (1)');
    expect(tab(el, 'past').textContent!.trim()).to.equal('History (1)');
    expect(shadow(el).querySelector('[part="recently-stopped"]')!.textContent).to.equal('Stopped in the last 30 days: 1');
    const intended = itemOf(el, 'MedicationStatement/example001');
    expect(intended.querySelector('.name')!.textContent).to.equal('Tylenol PM');
    expect(intended.querySelector('[part="status"]')!.textContent!.trim()).to.equal('Not started');
    expect(intended.querySelector('.icon-not-started')).to.not.equal(null);
    expect(intended.querySelector('.prescriber')!.textContent).to.equal('Donald Duck'); // the information source
    expect(shadow(el).querySelector('[data-reference="MedicationStatement/example005"]')).to.equal(null);
    tab(el, 'past').click();
    await el.updateComplete;
    const past = itemOf(el, 'MedicationStatement/example003');
    expect(past.querySelector('.name')!.textContent).to.equal('Little Pink Pill for water retention');
    expect(past.querySelector('[part="status"]')!.textContent!.trim()).to.equal('Discontinued');
    await expect(el).to.be.accessible();
  });

  it('wraps a long drug name instead of truncating it', async () => {
    const { dispenseRequest: _validity, ...phenytoin } = await fetchFixture<MedicationRequest>('fhir/MedicationRequest-medrx0312.json');
    // a made-up long name on the official medrx0312
    const long = 'Phenytoin 25mg/ml oral suspension (sugar free) with a long recorded description that cannot fit on one line of a narrow column';
    const provider = await fixture(html`<div style="inline-size: 12rem"><cw-chart-provider locale="en-GB" time-zone="UTC" .store=${await storeWith([{ ...phenytoin, medicationCodeableConcept: { text: long } }])}>
      <cw-med-list patient-id="pat1"></cw-med-list>
    </cw-chart-provider></div>`);
    const el = provider.querySelector('cw-med-list')!;
    await loaded(el);
    const name = itemOf(el, 'MedicationRequest/medrx0312').querySelector<HTMLElement>('.name')!;
    expect(name.textContent).to.equal(long);
    expect(getComputedStyle(name).textOverflow).to.not.equal('ellipsis');
    expect(name.scrollWidth).to.be.at.most(name.clientWidth + 1);
    expect(name.getBoundingClientRect().height).to.be.greaterThan(parseFloat(getComputedStyle(name).fontSize) * 2); // several lines
  });

  it('updates live when a medication is recorded for the bound patient', async () => {
    const store = await storeWith(await syntheaResources(TONY.file));
    const el = await listIn(store, TONY.id);
    const { dispenseRequest: _validity, ...phenytoin } = await fetchFixture<MedicationRequest>('fhir/MedicationRequest-medrx0312.json');
    await store.create({ ...phenytoin, id: undefined, subject: { reference: `Patient/${TONY.id}` } });
    await waitUntil(() => tab(el, 'current').textContent!.trim() === 'Current (4)', 'the new medication never showed');
    expect(names(el)).to.include('Phenytoin 25mg/ml oral suspension');
  });

  it('never shows the previous patient\'s medications after a switch', async () => {
    const store = await storeWith([...(await syntheaResources(TONY.file)), ...(await syntheaResources(CLEMENTE.file))]);
    const el = await listIn(store, TONY.id);
    expect(names(el)).to.include('Hydrochlorothiazide 25 MG');
    el.patientId = CLEMENTE.id;
    await el.updateComplete;
    expect(text(el)).to.not.contain('Hydrochlorothiazide');
    expect(el.hasCustomState('loading')).to.equal(true);
    await loaded(el);
    expect(shadow(el).querySelector('[part="empty"]')!.textContent).to.contain('No medications recorded');
  });

  it('says "No medications recorded", never "none", for Clemente Kreiger, who has no medication records', async () => {
    const el = await listIn(await storeWith(await syntheaResources(CLEMENTE.file)), CLEMENTE.id);
    expect(el.hasCustomState('empty')).to.equal(true);
    const empty = shadow(el).querySelector('[part="empty"]')!;
    expect(empty.textContent).to.contain('No medications recorded');
    expect(empty.textContent).to.contain('This does not mean the patient takes none');
    expect(shadow(el).querySelector('[role="tablist"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('shows the loading state with its label, then the data', async () => {
    const store = await storeWith(await syntheaResources(TONY.file));
    const el = await fixture<CwMedList>(html`<cw-med-list patient-id=${TONY.id} locale="en-GB" time-zone="UTC" .store=${store}></cw-med-list>`);
    expect(el.hasCustomState('loading')).to.equal(true);
    expect(shadow(el).querySelector('[part="loading"]')!.textContent).to.contain('Loading medications…');
    await loaded(el);
    expect(names(el)).to.have.length(3);
  });

  it('shows an error with a retry button and fires cw-error when the store fails', async () => {
    let failing = true;
    const inner = await storeWith(await syntheaResources(TONY.file));
    const store = failingStore(inner, (method, type) => failing && method === 'search' && type === 'MedicationRequest', new UnavailableError({ resourceType: 'MedicationRequest' }, 'IndexedDB is closed'));
    const onError = spy();
    document.addEventListener('cw-error', onError);
    try {
      const el = await listIn(store, TONY.id);
      expect(el.hasCustomState('error')).to.equal(true);
      expect(text(el)).to.contain('This information could not be loaded.');
      expect(text(el)).to.not.contain('Naproxen');
      const event = onError.firstCall.args[0] as CwErrorEvent;
      expect(event.detail.patientId).to.equal(TONY.id);
      await expect(el).to.be.accessible();
      failing = false;
      shadow(el).querySelector<HTMLButtonElement>('[part="retry"]')!.click();
      await waitUntil(() => !el.hasCustomState('error') && !el.hasCustomState('loading'));
      expect(names(el)).to.have.length(3);
    } finally {
      document.removeEventListener('cw-error', onError);
    }
  });

  it('shows the restricted state, naming nothing withheld, when access is denied', async () => {
    const store = failingStore(await storeWith(await syntheaResources(TONY.file)), (method, type) => method === 'search' && type === 'MedicationRequest', new ForbiddenError({ resourceType: 'MedicationRequest', id: 'x' }));
    const el = await listIn(store, TONY.id);
    expect(el.hasCustomState('restricted')).to.equal(true);
    expect(text(el)).to.contain('You do not have permission to see this information.');
    expect(text(el)).to.not.contain('Naproxen');
    expect(shadow(el).querySelector('[part="retry"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('takes translated strings through i18n', async () => {
    const el = await fixture<CwMedList>(html`<cw-med-list patient-id=${CLEMENTE.id} .store=${await storeWith(await syntheaResources(CLEMENTE.file))}
      .i18n=${{ empty: 'Ningún medicamento registrado', heading: 'Medicamentos' }}></cw-med-list>`);
    await loaded(el);
    expect(shadow(el).querySelector('h2')!.textContent).to.equal('Medicamentos');
    expect(shadow(el).querySelector('[part="empty"]')!.textContent).to.contain('Ningún medicamento registrado');
  });

  it('renders script, onerror and javascript: in the name and dosage as text, and runs none of it', async () => {
    const win = window as unknown as { cwXss?: number };
    win.cwXss = 0;
    const attack = '<img src=x onerror="window.cwXss++"><script>window.cwXss++</script><a href="javascript:window.cwXss++">x</a>';
    const { dispenseRequest: _validity, ...phenytoin } = await fetchFixture<MedicationRequest>('fhir/MedicationRequest-medrx0312.json');
    // without its validity period, the order is current
    const hostile: MedicationRequest = { ...phenytoin, id: 'hostile', medicationCodeableConcept: { text: attack }, dosageInstruction: [{ text: attack }], requester: { display: attack } };
    const el = await listIn(await storeWith([hostile]), 'pat1');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(win.cwXss).to.equal(0);
    expect(shadow(el).querySelector('img, script, a')).to.equal(null);
    const item = itemOf(el, 'MedicationRequest/hostile');
    expect(item.querySelector('.name')!.textContent).to.equal(attack);
    expect(item.querySelector('.dosage')!.textContent).to.equal(attack);
    expect(item.querySelector('.prescriber')!.textContent).to.equal(attack);
  });
});
