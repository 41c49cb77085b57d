import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { spy, stub } from 'sinon';
import type { AllergyIntolerance, Patient } from '@chartwell/fhir';
import { ForbiddenError, UnavailableError } from '@chartwell/core';
import type { ChartStore } from '@chartwell/core';
import { CLEMENTE, TONY, failingStore, fetchFixture, storeWith, syntheaResources } from '../../../../../test/support/browser-fixtures.js';
import '../../define/cw-chart-provider.js';
import '../../define/cw-allergy-banner.js';
import type { CwAllergyBanner } from './allergy-banner.js';
import type { CwErrorEvent } from '../../events/error-event.js';

const shadow = (el: HTMLElement) => el.shadowRoot!;
const text = (el: HTMLElement) => (shadow(el).textContent ?? '').replace(/\s+/g, ' ');
const loaded = (el: CwAllergyBanner) => waitUntil(() => !el.hasCustomState('loading'), 'the banner never finished loading');

/** A banner inside a provider over `store`, for `patientId`, once loaded. */
async function bannerIn(store: ChartStore, patientId: string) {
  const provider = await fixture(html`<cw-chart-provider locale="en-GB" time-zone="UTC" .store=${store}>
    <cw-allergy-banner patient-id=${patientId}></cw-allergy-banner>
  </cw-chart-provider>`);
  const el = provider.querySelector('cw-allergy-banner')!;
  await loaded(el);
  return el;
}

/** The official example patient with the official cashew-nut allergy (criticality high, a severe anaphylactic reaction). */
async function cashewStore() {
  return storeWith([await fetchFixture<Patient>('fhir/Patient-example.json'), await fetchFixture<AllergyIntolerance>('fhir/AllergyIntolerance-example.json')]);
}

describe('<cw-allergy-banner>', () => {
  it('lists Tony Douglas\'s seven active allergies under "Known allergies", with the known-allergies icon', async () => {
    const el = await bannerIn(await storeWith(await syntheaResources(TONY.file)), TONY.id);
    const base = shadow(el).querySelector('[part="base"]')!;
    expect(base.classList.contains('known')).to.equal(true);
    expect(base.getAttribute('aria-label')).to.equal('Allergies');
    expect(text(el)).to.contain('Known allergies (7)');
    expect(shadow(el).querySelector('.icon-known')!.getAttribute('aria-hidden')).to.equal('true');
    const names = [...shadow(el).querySelectorAll('.substance')].map((node) => node.textContent);
    expect(names).to.have.members(['Allergy to bee venom', 'Allergy to eggs', 'Allergy to grass pollen', 'Allergy to mould', 'Allergy to tree pollen', 'Dander (animal) allergy', 'House dust mite allergy']);
    // Synthea records no reactions and only low criticality: nothing is marked high risk
    expect(shadow(el).querySelector('.high-risk')).to.equal(null);
    expect(el.hasCustomState('empty')).to.equal(false);
    expect(el.getAttribute('aria-busy')).to.equal(null); // set through ElementInternals, not the attribute
    await expect(el).to.be.accessible();
  });

  it('marks a high-criticality allergy "High risk" with an icon and words, not by colour alone', async () => {
    const el = await bannerIn(await cashewStore(), 'example');
    const item = shadow(el).querySelector('[part="item"]')!;
    expect(item.querySelector('.substance')!.textContent).to.equal('Cashew nuts');
    const marker = item.querySelector('.high-risk')!;
    expect(marker.textContent).to.contain('High risk');
    expect(marker.querySelector('.icon-high-risk')).to.not.equal(null);
    expect(item.textContent).to.contain('High criticality');
    expect(item.textContent).to.contain('Severe');
    await expect(el).to.be.accessible();
  });

  it('expands the reactions with a button that says whether it is expanded', async () => {
    const el = await bannerIn(await cashewStore(), 'example');
    const toggle = shadow(el).querySelector<HTMLButtonElement>('[part="toggle"]')!;
    const panel = shadow(el).getElementById(toggle.getAttribute('aria-controls')!)!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(panel.hidden).to.equal(true);
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(panel.hidden).to.equal(false);
    // the two official reactions, each with its own severity
    expect(panel.textContent).to.contain('Anaphylactic reaction');
    expect(panel.textContent).to.contain('Urticaria');
    expect(panel.textContent).to.contain('Moderate');
    // recordedDate 2014-10-09T14:58:00+11:00 is 03:58 UTC; recorder Practitioner/example (the asserter is the patient)
    expect(panel.textContent).to.contain('Recorded 09-Oct-2014 03:58 by Patient/example');
    expect(panel.textContent).to.contain('Source: This chart, updated');
    await expect(el).to.be.accessible();
  });

  it('opens and closes the reactions from the keyboard', async () => {
    const el = await bannerIn(await cashewStore(), 'example');
    const toggle = shadow(el).querySelector<HTMLButtonElement>('[part="toggle"]')!;
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
  });

  it('says "No known drug allergies" with who recorded it and when, from the official NKDA record', async () => {
    const store = await storeWith([{ resourceType: 'Patient', id: 'mom' }, await fetchFixture<AllergyIntolerance>('fhir/AllergyIntolerance-nkda.json')]);
    const el = await bannerIn(store, 'mom');
    expect(shadow(el).querySelector('[part="base"]')!.classList.contains('no-known')).to.equal(true);
    expect(shadow(el).querySelector('.headline')!.textContent).to.equal('No known drug allergies');
    // recordedDate 2015-08-06T15:37:31-06:00 is 21:37 in UTC; recorder Practitioner/example
    expect(text(el)).to.contain('Recorded by Practitioner/example on 06-Aug-2015 21:37');
    expect(shadow(el).querySelector('.icon-no-known')).to.not.equal(null);
    expect(shadow(el).querySelector('[part="list"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('says "Allergies not recorded", never "none", for Clemente Kreiger, who has no allergy records', async () => {
    const el = await bannerIn(await storeWith(await syntheaResources(CLEMENTE.file)), CLEMENTE.id);
    expect(shadow(el).querySelector('.headline')!.textContent).to.equal('Allergies not recorded');
    expect(text(el)).to.not.contain('No known');
    expect(shadow(el).querySelector('.icon-not-recorded')).to.not.equal(null);
    expect(el.hasCustomState('empty')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('keeps inactive allergies out of the banner', async () => {
    const cashew = await fetchFixture<AllergyIntolerance>('fhir/AllergyIntolerance-example.json');
    const inactive: AllergyIntolerance = { ...cashew, clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'inactive' }] } };
    const el = await bannerIn(await storeWith([await fetchFixture<Patient>('fhir/Patient-example.json'), inactive]), 'example');
    expect(text(el)).to.not.contain('Cashew nuts');
    expect(shadow(el).querySelector('.headline')!.textContent).to.equal('Allergies not recorded');
  });

  it('says "Allergies unavailable", offers a retry and fires cw-error when the store fails', async () => {
    const inner = await storeWith(await syntheaResources(TONY.file));
    let failing = true;
    const store = failingStore(inner, (method, type) => failing && method === 'search' && type === 'AllergyIntolerance', new UnavailableError({ resourceType: 'AllergyIntolerance' }, 'IndexedDB is closed'));
    const onError = spy();
    document.addEventListener('cw-error', onError);
    try {
      const el = await bannerIn(store, TONY.id);
      expect(shadow(el).querySelector('.headline')!.textContent).to.equal('Allergies unavailable');
      expect(shadow(el).querySelector('[part="base"]')!.classList.contains('unavailable')).to.equal(true);
      expect(shadow(el).querySelector('.icon-unavailable')).to.not.equal(null);
      expect(shadow(el).querySelector('[part="list"]')).to.equal(null);
      expect(el.hasCustomState('error')).to.equal(true);
      expect(onError.calledOnce).to.equal(true);
      const event = onError.firstCall.args[0] as CwErrorEvent;
      expect(event.composed).to.equal(true);
      expect(event.detail.patientId).to.equal(TONY.id);
      expect(event.detail.outcome.issue[0]?.code).to.equal('transient');
      await expect(el).to.be.accessible();

      failing = false;
      shadow(el).querySelector<HTMLButtonElement>('[part="retry"]')!.click();
      await waitUntil(() => !el.hasCustomState('error') && !el.hasCustomState('loading'));
      expect(text(el)).to.contain('Known allergies (7)');
    } finally {
      document.removeEventListener('cw-error', onError);
    }
  });

  it('shows the restricted state, naming nothing withheld, when access is denied', async () => {
    const store = failingStore(await cashewStore(), (method, type) => method === 'search' && type === 'AllergyIntolerance', new ForbiddenError({ resourceType: 'AllergyIntolerance', id: 'example' }));
    const el = await bannerIn(store, 'example');
    expect(el.hasCustomState('restricted')).to.equal(true);
    expect(el.hasCustomState('error')).to.equal(false);
    expect(shadow(el).querySelector('.headline')!.textContent).to.equal('Allergies unavailable');
    expect(text(el)).to.contain('You do not have permission to see this information.');
    expect(text(el)).to.not.contain('AllergyIntolerance');
    expect(text(el)).to.not.contain('Cashew');
    expect(shadow(el).querySelector('.icon-restricted')).to.not.equal(null);
    expect(shadow(el).querySelector('[part="retry"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('takes .store directly outside a provider, and shows the loading state with its label until the data is in', async () => {
    const store = await cashewStore();
    const el = await fixture<CwAllergyBanner>(html`<cw-allergy-banner patient-id="example" locale="en-GB" time-zone="UTC" .store=${store}></cw-allergy-banner>`);
    const internals = (el as unknown as { internals: ElementInternals }).internals;
    expect(el.hasCustomState('loading')).to.equal(true);
    expect(internals.ariaBusy).to.equal('true');
    expect(shadow(el).querySelector('[part="loading"]')!.textContent).to.contain('Loading allergies…');
    await loaded(el);
    expect(internals.ariaBusy).to.equal('false');
    expect(text(el)).to.contain('Cashew nuts');
  });

  it('shows an error, warns, and never a store call, without a store', async () => {
    const warn = stub(console, 'warn');
    try {
      const el = await fixture<CwAllergyBanner>(html`<cw-allergy-banner patient-id="example"></cw-allergy-banner>`);
      await loaded(el);
      expect(el.hasCustomState('error')).to.equal(true);
      expect(text(el)).to.contain('No chart store');
      expect(warn.called).to.equal(true);
    } finally {
      warn.restore();
    }
  });

  it('syncs patient-id between attribute and property, and never shows the previous patient\'s allergies after a switch', async () => {
    const store = await storeWith([...(await syntheaResources(TONY.file)), ...(await syntheaResources(CLEMENTE.file))]);
    const el = await bannerIn(store, TONY.id);
    expect(el.patientId).to.equal(TONY.id);
    expect(text(el)).to.contain('Allergy to eggs');
    el.patientId = CLEMENTE.id;
    await el.updateComplete; // the very next render
    expect(text(el)).to.not.contain('Allergy to eggs');
    expect(el.hasCustomState('loading')).to.equal(true);
    await loaded(el);
    expect(shadow(el).querySelector('.headline')!.textContent).to.equal('Allergies not recorded');
    el.setAttribute('patient-id', TONY.id);
    expect(el.patientId).to.equal(TONY.id);
  });

  it('drops a slow answer for a patient that is no longer bound', async () => {
    const inner = await storeWith([...(await syntheaResources(TONY.file)), ...(await syntheaResources(CLEMENTE.file))]);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // Tony's allergies answer only after Clemente's
    const store = new Proxy(inner, {
      get(target, property, receiver) {
        if (property === 'search') {
          return async (type: string, query: { patient?: string }, ...rest: unknown[]) => {
            if (type === 'AllergyIntolerance' && query.patient === TONY.id) await gate;
            return (target.search as (...args: unknown[]) => Promise<unknown>).call(target, type, query, ...rest);
          };
        }
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    }) as ChartStore;
    const el = await fixture<CwAllergyBanner>(html`<cw-allergy-banner patient-id=${TONY.id} .store=${store}></cw-allergy-banner>`);
    el.patientId = CLEMENTE.id;
    await loaded(el);
    release();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await el.updateComplete;
    expect(shadow(el).querySelector('.headline')!.textContent).to.equal('Allergies not recorded');
    expect(text(el)).to.not.contain('Allergy to eggs');
  });

  it('takes translated strings through i18n', async () => {
    const el = await fixture<CwAllergyBanner>(html`<cw-allergy-banner patient-id=${CLEMENTE.id} .store=${await storeWith(await syntheaResources(CLEMENTE.file))}
      .i18n=${{ notRecorded: 'Alergias no registradas', region: 'Alergias' }}></cw-allergy-banner>`);
    await loaded(el);
    expect(shadow(el).querySelector('.headline')!.textContent).to.equal('Alergias no registradas');
    expect(shadow(el).querySelector('[part="base"]')!.getAttribute('aria-label')).to.equal('Alergias');
  });

  it('updates live when an allergy is recorded for the bound patient, and ignores other patients', async () => {
    const store = await storeWith([...(await syntheaResources(CLEMENTE.file)), ...(await syntheaResources(TONY.file))]);
    const el = await bannerIn(store, CLEMENTE.id);
    expect(shadow(el).querySelector('.headline')!.textContent).to.equal('Allergies not recorded');
    const cashew = await fetchFixture<AllergyIntolerance>('fhir/AllergyIntolerance-example.json');
    const search = spy(store, 'search');
    await store.create({ ...cashew, id: undefined, patient: { reference: `Patient/${TONY.id}` } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(search.called).to.equal(false); // another patient's change: no reload
    await store.create({ ...cashew, id: undefined, patient: { reference: `Patient/${CLEMENTE.id}` } });
    await waitUntil(() => shadow(el).querySelector('.headline')?.textContent === 'Known allergies (1)', 'the new allergy never showed');
    expect(text(el)).to.contain('Cashew nuts');
  });

  it('stops listening to the store once removed from the page', async () => {
    const store = await storeWith(await syntheaResources(CLEMENTE.file));
    const el = await bannerIn(store, CLEMENTE.id);
    el.remove();
    const search = spy(store, 'search');
    const cashew = await fetchFixture<AllergyIntolerance>('fhir/AllergyIntolerance-example.json');
    await store.create({ ...cashew, id: undefined, patient: { reference: `Patient/${CLEMENTE.id}` } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(search.called).to.equal(false);
  });

  it('shows none of another patient\'s allergies, an error instead, and fires cw-context-mismatch, when the store answers for the wrong patient', async () => {
    const inner = await storeWith([...(await syntheaResources(TONY.file)), ...(await syntheaResources(CLEMENTE.file))]);
    // a broken store: every allergy search answers with Tony's allergies
    const store = new Proxy(inner, {
      get(target, property, receiver) {
        if (property === 'search') {
          return (type: string, query: object, ...rest: unknown[]) =>
            (target.search as (...args: unknown[]) => Promise<unknown>).call(target, type, type === 'AllergyIntolerance' ? { ...query, patient: TONY.id } : query, ...rest);
        }
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    }) as ChartStore;
    const onMismatch = spy();
    document.addEventListener('cw-context-mismatch', onMismatch);
    try {
      const el = await bannerIn(store, CLEMENTE.id);
      expect(text(el)).to.not.contain('Allergy to eggs');
      expect(text(el)).to.contain('belongs to a different patient');
      expect(el.hasCustomState('error')).to.equal(true);
      expect(onMismatch.calledOnce).to.equal(true);
      expect(onMismatch.firstCall.args[0].detail).to.deep.equal({ patientId: CLEMENTE.id, found: [`Patient/${TONY.id}`] });
      await expect(el).to.be.accessible();
    } finally {
      document.removeEventListener('cw-context-mismatch', onMismatch);
    }
  });

  it('renders script, onerror and javascript: in every field as text, and runs none of it', async () => {
    const win = window as unknown as { cwXss?: number };
    win.cwXss = 0;
    const attack = '<img src=x onerror="window.cwXss++"><script>window.cwXss++</script><a href="javascript:window.cwXss++">x</a>';
    const cashew = await fetchFixture<AllergyIntolerance>('fhir/AllergyIntolerance-example.json');
    const hostile: AllergyIntolerance = {
      ...cashew,
      code: { text: attack },
      asserter: { display: attack },
      note: [{ text: attack }],
      reaction: [{ manifestation: [{ text: attack }], description: attack, severity: 'severe' }],
    };
    const el = await bannerIn(await storeWith([await fetchFixture<Patient>('fhir/Patient-example.json'), hostile]), 'example');
    shadow(el).querySelector<HTMLButtonElement>('[part="toggle"]')!.click();
    await el.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(win.cwXss).to.equal(0);
    expect(shadow(el).querySelector('img, script, a')).to.equal(null);
    expect(shadow(el).querySelector('.substance')!.textContent).to.equal(attack);
    expect(text(el)).to.contain('javascript:window.cwXss++');
  });
});
