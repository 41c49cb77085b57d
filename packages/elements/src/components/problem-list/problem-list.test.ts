import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { spy } from 'sinon';
import type { Condition, Patient, Procedure } from '@chartwell/fhir';
import { ForbiddenError, UnavailableError } from '@chartwell/core';
import type { ChartStore } from '@chartwell/core';
import { CLEMENTE, TONY, failingStore, fetchFixture, storeWith, syntheaResources } from '../../../../../test/support/browser-fixtures.js';
import '../../define/cw-chart-provider.js';
import '../../define/cw-problem-list.js';
import type { CwProblemList } from './problem-list.js';
import type { CwErrorEvent } from '../../events/error-event.js';

const shadow = (el: HTMLElement) => el.shadowRoot!;
const squash = (value: string | null | undefined) => (value ?? '').replace(/\s+/g, ' ').trim();
const text = (el: HTMLElement) => squash(shadow(el).textContent);
const loaded = (el: CwProblemList) => waitUntil(() => !el.hasCustomState('loading'), 'the problem list never finished loading');
const section = (el: CwProblemList, key: string) => shadow(el).querySelector<HTMLElement>(`.section-${key}`);
const names = (el: CwProblemList, key: string) => [...(section(el, key)?.querySelectorAll('.name') ?? [])].map((node) => node.textContent);

/** A problem list inside a provider over `store`, for `patientId`, once loaded. */
async function listIn(store: ChartStore, patientId: string, locale = 'en-GB') {
  const provider = await fixture(html`<cw-chart-provider locale=${locale} time-zone="UTC" .store=${store}>
    <cw-problem-list patient-id=${patientId}></cw-problem-list>
  </cw-chart-provider>`);
  const el = provider.querySelector('cw-problem-list')!;
  await loaded(el);
  return el;
}

/** The official example patient (born 1974-12-25) with the official burn (an encounter diagnosis) and asthma (a problem-list item). */
async function officialStore() {
  return storeWith([
    await fetchFixture<Patient>('fhir/Patient-example.json'),
    await fetchFixture<Condition>('fhir/Condition-example.json'),
    await fetchFixture<Condition>('fhir/Condition-example2.json'),
  ]);
}

describe('<cw-problem-list>', () => {
  it("lists Tony Douglas's three active problems, newest onset first, with onset as recorded and his age then", async () => {
    const el = await listIn(await storeWith(await syntheaResources(TONY.file)), TONY.id);
    expect(shadow(el).querySelector('[part="base"]')!.getAttribute('aria-label')).to.equal('Problems');
    expect(squash(section(el, 'active')!.querySelector('h3')!.textContent)).to.equal('Active problems (3)');
    expect(names(el, 'active')).to.deep.equal(['Osteoarthritis of hip', 'Hypertension', 'Perennial allergic rhinitis with seasonal variation']);
    // born 1972-04-18; onsets 2010-04-09T19:47:23Z, 1990-10-09T19:47:23Z, 1977-04-24T19:47:23Z
    const onsets = [...section(el, 'active')!.querySelectorAll('.onset')].map((node) => squash(node.textContent));
    expect(onsets).to.deep.equal(['Onset: 09-Apr-2010 19:47 (age 37y)', 'Onset: 09-Oct-1990 19:47 (age 18y)', 'Onset: 24-Apr-1977 19:47 (age 5y)']);
    // Synthea 2019 records no category: said so, not guessed
    expect(squash(section(el, 'active')!.querySelector('.category')!.textContent)).to.equal('Category not recorded');
    expect(squash(section(el, 'active')!.querySelector('.status')!.textContent)).to.equal('Active');
    // no active encounter diagnosis: that section is left out
    expect(section(el, 'encounter')).to.equal(null);
    expect(el.hasCustomState('empty')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('keeps his four resolved conditions in the history, newest abatement first, with abatement and age', async () => {
    const el = await listIn(await storeWith(await syntheaResources(TONY.file)), TONY.id);
    const history = section(el, 'resolved')!;
    expect(squash(history.querySelector('h3')!.textContent)).to.equal('Resolved and inactive (4)');
    expect(names(el, 'resolved')).to.deep.equal(['Acute bacterial sinusitis (disorder)', 'Viral sinusitis (disorder)', 'Streptococcal sore throat (disorder)', 'Viral sinusitis (disorder)']);
    const abatements = [...history.querySelectorAll('.abatement')].map((node) => squash(node.textContent));
    expect(abatements).to.deep.equal([
      'Ended: 25-Mar-2017 19:47 (age 44y)',
      'Ended: 02-Aug-2016 19:47 (age 44y)',
      'Ended: 19-Jul-2012 19:47 (age 40y)',
      'Ended: 30-Dec-2011 19:47 (age 39y)',
    ]);
    expect(squash(history.querySelector('.onset')!.textContent)).to.equal('Onset: 04-Feb-2017 19:47 (age 44y)');
    // the active problems are not repeated in the history
    expect(history.textContent).to.not.contain('Hypertension');
  });

  it('lists his three procedures as treatment history, newest first, with the performed period', async () => {
    const el = await listIn(await storeWith(await syntheaResources(TONY.file)), TONY.id);
    const procedures = section(el, 'procedures')!;
    expect(squash(procedures.querySelector('h3')!.textContent)).to.equal('Procedures (3)');
    expect(names(el, 'procedures')).to.deep.equal(['Documentation of current medications', 'Documentation of current medications', 'Throat culture (procedure)']);
    const performed = [...procedures.querySelectorAll('.performed')].map((node) => squash(node.textContent));
    expect(performed).to.deep.equal([
      'Performed: 24-Jul-2018 19:47 – 20:02 (age 46y)',
      'Performed: 22-Jul-2014 19:47 – 20:02 (age 42y)',
      'Performed: 10-Jul-2012 19:47 – 20:02 (age 40y)',
    ]);
    expect(squash(procedures.querySelector('.status')!.textContent)).to.equal('Completed');
  });

  it('tells an encounter diagnosis from a problem-list item, by section and by its marker', async () => {
    const el = await listIn(await officialStore(), 'example');
    expect(names(el, 'active')).to.deep.equal(['Asthma']);
    expect(names(el, 'encounter')).to.deep.equal(['Burn of ear']);
    expect(squash(section(el, 'encounter')!.querySelector('h3')!.textContent)).to.equal('Active encounter diagnoses (1)');
    expect(squash(section(el, 'encounter')!.querySelector('.category')!.textContent)).to.equal('Encounter diagnosis');
    expect(squash(section(el, 'active')!.querySelector('.category')!.textContent)).to.equal('Problem list');
    // onset words kept as recorded; a date-only onset stays a date, with the age then (born 1974-12-25)
    expect(squash(section(el, 'active')!.querySelector('.onset')!.textContent)).to.equal('Onset: approximately November 2012');
    expect(squash(section(el, 'encounter')!.querySelector('.onset')!.textContent)).to.equal('Onset: 24-May-2012 (age 37y)');
    expect(section(el, 'encounter')!.textContent).to.contain('Severity: Severe');
    // no history and no procedures recorded: the sections say so, never "none known"
    expect(squash(section(el, 'resolved')!.textContent)).to.equal('Resolved and inactive (0) None recorded in this chart.');
    expect(squash(section(el, 'procedures')!.textContent)).to.equal('Procedures (0) None recorded in this chart.');
    await expect(el).to.be.accessible();
  });

  it('keeps an abatement recorded in words as written, in the history (official Condition/f201)', async () => {
    const fever = await fetchFixture<Condition>('fhir/Condition-f201.json');
    const el = await listIn(await storeWith([await fetchFixture<Patient>('fhir/Patient-example.json'), { ...fever, subject: { reference: 'Patient/example' } }]), 'example');
    expect(names(el, 'resolved')).to.deep.equal(['Fever']);
    expect(squash(section(el, 'resolved')!.querySelector('.status')!.textContent)).to.equal('Resolved');
    // onset 2013-04-02 (born 1974-12-25: 38y); abatementString "around April 9, 2013" has no date to age
    expect(squash(section(el, 'resolved')!.querySelector('.onset')!.textContent)).to.equal('Onset: 02-Apr-2013 (age 38y)');
    expect(squash(section(el, 'resolved')!.querySelector('.abatement')!.textContent)).to.equal('Ended: around April 9, 2013');
    expect(squash(section(el, 'active')!.textContent)).to.equal('Active problems (0) None recorded in this chart.');
  });

  it('marks an unconfirmed diagnosis', async () => {
    const asthma = await fetchFixture<Condition>('fhir/Condition-example2.json');
    const provisional: Condition = { ...asthma, verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'provisional' }] } };
    const el = await listIn(await storeWith([await fetchFixture<Patient>('fhir/Patient-example.json'), provisional]), 'example');
    expect(squash(section(el, 'active')!.querySelector('.unconfirmed')!.textContent)).to.equal('Unconfirmed (provisional)');
  });

  it('expands the details of an item with a named button, from the keyboard', async () => {
    const el = await listIn(await storeWith(await syntheaResources(TONY.file)), TONY.id);
    const toggle = section(el, 'active')!.querySelector<HTMLButtonElement>('[part="toggle"]')!;
    const panel = shadow(el).getElementById(toggle.getAttribute('aria-controls')!)!;
    // the button's accessible name names the problem
    const labelledBy = toggle.getAttribute('aria-labelledby')!.split(' ').map((id) => squash(shadow(el).getElementById(id)!.textContent));
    expect(labelledBy).to.deep.equal(['Details', 'Osteoarthritis of hip']);
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(panel.hidden).to.equal(true);
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(panel.hidden).to.equal(false);
    expect(squash(panel.textContent)).to.contain('Codes: SNOMED CT 239872002');
    expect(squash(panel.textContent)).to.contain('Recorded 09-Apr-2010 19:47');
    expect(squash(panel.textContent)).to.contain('Source: This chart, updated');
    await expect(el).to.be.accessible();
    // Tab reaches the next problem's button; Space closes the first again
    await sendKeys({ press: 'Tab' });
    const next = section(el, 'active')!.querySelectorAll<HTMLButtonElement>('[part="toggle"]')[1]!;
    expect(shadow(el).activeElement).to.equal(next);
    toggle.focus();
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
  });

  it('gives every element of its shadow root a distinct id, also with a problem recorded twice (viral sinusitis)', async () => {
    const el = await listIn(await storeWith(await syntheaResources(TONY.file)), TONY.id);
    const ids = [...shadow(el).querySelectorAll('[id]')].map((node) => node.id);
    expect(new Set(ids).size).to.equal(ids.length);
  });

  it('says "No problems recorded", never "none", when nothing is recorded', async () => {
    const el = await listIn(await storeWith([await fetchFixture<Patient>('fhir/Patient-example.json')]), 'example');
    expect(el.hasCustomState('empty')).to.equal(true);
    expect(squash(shadow(el).querySelector('.headline')!.textContent)).to.equal('No problems recorded');
    expect(text(el)).to.contain('This does not mean there are none.');
    expect(text(el)).to.not.contain('No known');
    expect(shadow(el).querySelector('.icon-not-recorded')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('shows an error, offers a retry and fires cw-error when the store fails', async () => {
    const inner = await storeWith(await syntheaResources(TONY.file));
    let failing = true;
    const store = failingStore(inner, (method, type) => failing && method === 'search' && type === 'Condition', new UnavailableError({ resourceType: 'Condition' }, 'IndexedDB is closed'));
    const onError = spy();
    document.addEventListener('cw-error', onError);
    try {
      const el = await listIn(store, TONY.id);
      expect(el.hasCustomState('error')).to.equal(true);
      expect(shadow(el).querySelector('[part="error"]')!.getAttribute('role')).to.equal('alert');
      expect(text(el)).to.contain('This information could not be loaded.');
      expect(shadow(el).querySelector('[part="list"]')).to.equal(null);
      expect(onError.calledOnce).to.equal(true);
      expect((onError.firstCall.args[0] as CwErrorEvent).detail.outcome.issue[0]?.code).to.equal('transient');
      await expect(el).to.be.accessible();
      failing = false;
      shadow(el).querySelector<HTMLButtonElement>('[part="retry"]')!.click();
      await waitUntil(() => !el.hasCustomState('error') && !el.hasCustomState('loading'));
      expect(names(el, 'active')).to.include('Hypertension');
    } finally {
      document.removeEventListener('cw-error', onError);
    }
  });

  it('shows the restricted state, naming nothing withheld, when access is denied', async () => {
    const store = failingStore(await officialStore(), (method, type) => method === 'search' && type === 'Condition', new ForbiddenError({ resourceType: 'Condition', id: 'example' }));
    const el = await listIn(store, 'example');
    expect(el.hasCustomState('restricted')).to.equal(true);
    expect(el.hasCustomState('error')).to.equal(false);
    expect(text(el)).to.contain('You do not have permission to see this information.');
    expect(text(el)).to.not.contain('Condition');
    expect(text(el)).to.not.contain('Asthma');
    expect(shadow(el).querySelector('[part="retry"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('takes .store directly, and shows the labelled loading state until the data is in', async () => {
    const el = await fixture<CwProblemList>(html`<cw-problem-list patient-id="example" locale="en-GB" time-zone="UTC" .store=${await officialStore()}></cw-problem-list>`);
    const internals = (el as unknown as { internals: ElementInternals }).internals;
    expect(el.hasCustomState('loading')).to.equal(true);
    expect(internals.ariaBusy).to.equal('true');
    expect(squash(shadow(el).querySelector('[part="loading"]')!.textContent)).to.equal('Loading problems…');
    await loaded(el);
    expect(internals.ariaBusy).to.equal('false');
    expect(names(el, 'active')).to.deep.equal(['Asthma']);
  });

  it('writes dates in the locale and time zone of the provider', async () => {
    const provider = await fixture(html`<cw-chart-provider locale="en-US" time-zone="Pacific/Auckland" .store=${await storeWith(await syntheaResources(TONY.file))}>
      <cw-problem-list patient-id=${TONY.id}></cw-problem-list>
    </cw-chart-provider>`);
    const el = provider.querySelector('cw-problem-list')!;
    await loaded(el);
    // 2010-04-09T19:47:23Z is 07:47 on 10 April in Auckland (NZST, UTC+12); the clinical style keeps DD-Mon-YYYY
    expect(squash(section(el, 'active')!.querySelector('.onset')!.textContent)).to.equal('Onset: 10-Apr-2010 07:47 (age 37y)');
  });

  it('takes translated strings through i18n', async () => {
    const el = await fixture<CwProblemList>(html`<cw-problem-list patient-id="example" time-zone="UTC" .store=${await officialStore()}
      .i18n=${{ region: 'Problemas', activeProblems: (count: number) => `Problemas activos (${count})` }}></cw-problem-list>`);
    await loaded(el);
    expect(shadow(el).querySelector('[part="base"]')!.getAttribute('aria-label')).to.equal('Problemas');
    expect(squash(section(el, 'active')!.querySelector('h3')!.textContent)).to.equal('Problemas activos (1)');
  });

  it("never shows the previous patient's problems after a switch, and updates live for the bound patient", async () => {
    const store = await storeWith([...(await syntheaResources(TONY.file)), ...(await syntheaResources(CLEMENTE.file))]);
    const el = await listIn(store, TONY.id);
    expect(text(el)).to.contain('Hypertension');
    el.patientId = CLEMENTE.id;
    await el.updateComplete;
    expect(text(el)).to.not.contain('Hypertension');
    await loaded(el);
    expect(names(el, 'active')).to.deep.equal(['Body mass index 30+ - obesity (finding)']);
    const asthma = await fetchFixture<Condition>('fhir/Condition-example2.json');
    await store.create({ ...asthma, id: undefined, subject: { reference: `Patient/${CLEMENTE.id}` } });
    await waitUntil(() => names(el, 'active').includes('Asthma'), 'the new problem never showed');
  });

  it('renders script, onerror and javascript: in recorded text as text, and runs none of it', async () => {
    const win = window as unknown as { cwXss?: number };
    win.cwXss = 0;
    const attack = '<img src=x onerror="window.cwXss++"><script>window.cwXss++</script><a href="javascript:window.cwXss++">x</a>';
    const asthma = await fetchFixture<Condition>('fhir/Condition-example2.json');
    const hostile: Condition = { ...asthma, code: { text: attack }, onsetString: attack, asserter: { display: attack }, note: [{ text: attack }] };
    const procedure: Procedure = { resourceType: 'Procedure', id: 'hostile', status: 'completed', subject: { reference: 'Patient/example' }, code: { text: attack }, performedString: attack, note: [{ text: attack }] };
    const el = await listIn(await storeWith([await fetchFixture<Patient>('fhir/Patient-example.json'), hostile, procedure]), 'example');
    for (const toggle of shadow(el).querySelectorAll<HTMLButtonElement>('[part="toggle"]')) toggle.click();
    await el.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(win.cwXss).to.equal(0);
    expect(shadow(el).querySelector('img, script, a')).to.equal(null);
    expect(section(el, 'active')!.querySelector('.name')!.textContent).to.equal(attack);
    expect(section(el, 'procedures')!.querySelector('.name')!.textContent).to.equal(attack);
    expect(text(el)).to.contain('javascript:window.cwXss++');
  });
});
