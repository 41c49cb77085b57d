import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { spy, stub } from 'sinon';
import type { AllergyIntolerance, Patient } from '@chartwell/fhir';
import { ForbiddenError } from '@chartwell/core';
import type { ChartStore } from '@chartwell/core';
import { TOBIE, TONY, failingStore, fetchFixture, storeWith, syntheaResources } from '../../../../../test/support/browser-fixtures.js';
import '../../define/cw-chart-provider.js';
import '../../define/cw-patient-banner.js';
import type { CwPatientBanner } from './patient-banner.js';

const shadow = (el: HTMLElement) => el.shadowRoot!;
const text = (el: HTMLElement) => (shadow(el).textContent ?? '').replace(/\s+/g, ' ');
const loaded = (el: CwPatientBanner) => waitUntil(() => !el.hasCustomState('loading'), 'the banner never finished loading');
/** The `dd` of the field labelled `label`. */
const field = (el: HTMLElement, label: string) =>
  [...shadow(el).querySelectorAll('.field')].find((node) => node.querySelector('dt')?.textContent === label)?.querySelector('dd')?.textContent?.replace(/\s+/g, ' ').trim();

/** Whole years from a calendar birth date to today (UTC), worked out here and not by the SDK. */
function yearsSince(year: number, month: number, day: number): number {
  const now = new Date();
  const hadBirthday = now.getUTCMonth() + 1 > month || (now.getUTCMonth() + 1 === month && now.getUTCDate() >= day);
  return now.getUTCFullYear() - year - (hadBirthday ? 0 : 1);
}

async function bannerIn(store: ChartStore, patientId: string, variant = 'full') {
  const provider = await fixture(html`<cw-chart-provider locale="en-GB" time-zone="UTC" .store=${store}>
    <cw-patient-banner patient-id=${patientId} variant=${variant}></cw-patient-banner>
  </cw-chart-provider>`);
  const el = provider.querySelector('cw-patient-banner')!;
  await loaded(el);
  return el;
}

describe('<cw-patient-banner>', () => {
  it('defaults to the full variant, and warns with an error state when it has no store', async () => {
    const warn = stub(console, 'warn');
    try {
      const el = await fixture<CwPatientBanner>(html`<cw-patient-banner patient-id="example"></cw-patient-banner>`);
      await loaded(el);
      expect(el.variant).to.equal('full');
      expect(el.getAttribute('variant')).to.equal('full');
      expect(el.hasCustomState('error')).to.equal(true);
      expect(warn.calledOnce).to.equal(true);
    } finally {
      warn.restore();
    }
  });

  it('shows Tony Douglas: FAMILY, Given, born with age, gender, MRN and his allergies', async () => {
    const el = await bannerIn(await storeWith(await syntheaResources(TONY.file)), TONY.id);
    expect(shadow(el).querySelector('[part="name"]')!.textContent!.trim()).to.equal('DOUGLAS, Tony (Mr.)');
    expect(shadow(el).querySelector('[part="base"]')!.getAttribute('aria-label')).to.equal('Patient: DOUGLAS, Tony (Mr.)');
    expect(field(el, 'Born')).to.equal(`18-Apr-1972 (${yearsSince(1972, 4, 18)}y)`);
    expect(field(el, 'Gender')).to.equal('Male');
    expect(field(el, 'MRN')).to.contain('f6d715f8-94c0-49ad-a46a-4f96dc7a67b4');
    expect(shadow(el).querySelector('[part="allergies"]')!.textContent!.trim()).to.equal('Known allergies (7)');
    expect(shadow(el).querySelector('[part="allergies"] .icon-known')).to.not.equal(null);
    expect(el.hasCustomState('deceased')).to.equal(false);
    expect(text(el)).to.not.contain('Died');
    await expect(el).to.be.accessible();
  });

  it('marks Tobie Rempel deceased by pattern, words and icon, with the date and age at death', async () => {
    const el = await bannerIn(await storeWith(await syntheaResources(TOBIE.file)), TOBIE.id);
    const base = shadow(el).querySelector<HTMLElement>('[part="base"]')!;
    expect(base.classList.contains('deceased')).to.equal(true);
    expect(el.hasCustomState('deceased')).to.equal(true);
    expect(getComputedStyle(base).backgroundImage).to.contain('repeating-linear-gradient');
    expect(shadow(el).querySelector('[part="deceased"]')!.textContent!.trim()).to.equal('Deceased');
    expect(field(el, 'Born')).to.equal('09-Apr-1934');
    expect(field(el, 'Died')).to.equal('21-Feb-2006 03:33');
    expect(field(el, 'Age at Death')).to.equal('71y');
    expect(shadow(el).querySelector('[part="allergies"]')!.textContent!.trim()).to.equal('Allergies not recorded');
    await expect(el).to.be.accessible();
  });

  it('differs from a living patient\'s banner in background too', async () => {
    const store = await storeWith([...(await syntheaResources(TOBIE.file)), ...(await syntheaResources(TONY.file))]);
    const living = shadow(await bannerIn(store, TONY.id)).querySelector('[part="base"]')!;
    const deceased = shadow(await bannerIn(store, TOBIE.id)).querySelector('[part="base"]')!;
    expect(getComputedStyle(deceased).backgroundColor).to.not.equal(getComputedStyle(living).backgroundColor);
    expect(getComputedStyle(living).backgroundImage).to.equal('none');
  });

  it('copies the MRN with its button, and says so', async () => {
    const writeText = stub(navigator.clipboard, 'writeText').resolves();
    try {
      const el = await bannerIn(await storeWith(await syntheaResources(TONY.file)), TONY.id);
      const button = shadow(el).querySelector<HTMLButtonElement>('[part="copy"]')!;
      expect(button.getAttribute('aria-label')).to.equal('Copy MRN');
      button.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => shadow(el).querySelector('.copy-status')!.textContent === 'Copied');
      expect(writeText.calledOnceWith('f6d715f8-94c0-49ad-a46a-4f96dc7a67b4')).to.equal(true);
    } finally {
      writeText.restore();
    }
  });

  it('shows "Not Known" for the fields a record leaves out', async () => {
    const el = await bannerIn(await storeWith([{ resourceType: 'Patient', id: 'bare' }]), 'bare');
    expect(shadow(el).querySelector('[part="name"]')!.textContent!.trim()).to.equal('Not Known');
    expect(field(el, 'Born')).to.equal('Not Known (Not Known)');
    expect(field(el, 'Gender')).to.equal('Not Known');
    expect(field(el, 'MRN')).to.equal('Not Known');
  });

  it('shows identity only in the micro variant, and never asks the store for allergies', async () => {
    const store = await storeWith([await fetchFixture<Patient>('fhir/Patient-example.json'), await fetchFixture<AllergyIntolerance>('fhir/AllergyIntolerance-example.json')]);
    const search = spy(store, 'search');
    const el = await bannerIn(store, 'example', 'micro');
    expect(shadow(el).querySelector('[part="name"]')!.textContent!.trim()).to.equal('CHALMERS, Peter James');
    expect(field(el, 'MRN')).to.contain('12345');
    expect(field(el, 'Born')).to.match(/^25-Dec-1974 \(\d+y\)$/);
    expect(shadow(el).querySelector('[part="allergies"]')).to.equal(null);
    expect(field(el, 'Gender')).to.equal(undefined);
    const searched = search.getCalls().map((call) => call.args[0]);
    expect(searched).to.not.include('AllergyIntolerance');
    expect(searched).to.not.include('List');
    await expect(el).to.be.accessible();

    el.variant = 'compact';
    await loaded(el);
    await waitUntil(() => shadow(el).querySelector('[part="allergies"]') !== null);
    expect(shadow(el).querySelector('[part="allergies"]')!.textContent!.trim()).to.equal('Known allergies (1)');
    expect(search.getCalls().map((call) => call.args[0])).to.include('AllergyIntolerance');
  });

  it('lays itself out by its own width, not the viewport\'s', async () => {
    const el = await bannerIn(await storeWith(await syntheaResources(TONY.file)), TONY.id, 'compact');
    el.style.width = '320px';
    await waitUntil(() => el.hasCustomState('narrow'), 'never narrow at 320px');
    await el.updateComplete;
    expect(shadow(el).querySelector('[part="base"]')!.classList.contains('narrow')).to.equal(true);
    el.style.width = '900px';
    await waitUntil(() => !el.hasCustomState('narrow'), 'still narrow at 900px');
    expect(window.innerWidth).to.be.greaterThan(0); // the viewport never changed
  });

  it('shows the restricted state and names no one when the patient may not be read', async () => {
    const store = failingStore(await storeWith(await syntheaResources(TONY.file)), (method, type) => method === 'read' && type === 'Patient', new ForbiddenError({ resourceType: 'Patient', id: TONY.id }));
    const onError = spy();
    document.addEventListener('cw-error', onError);
    try {
      const el = await bannerIn(store, TONY.id);
      expect(el.hasCustomState('restricted')).to.equal(true);
      expect(text(el)).to.contain('You do not have permission to see this information.');
      expect(text(el)).to.not.contain('DOUGLAS');
      expect(text(el)).to.not.contain(TONY.id);
      expect(onError.calledOnce).to.equal(true);
      expect(onError.firstCall.args[0].detail.outcome.issue[0].code).to.equal('forbidden');
      await expect(el).to.be.accessible();
    } finally {
      document.removeEventListener('cw-error', onError);
    }
  });

  it('shows an error with a retry for a patient who is not in the store', async () => {
    const el = await bannerIn(await storeWith(await syntheaResources(TONY.file)), 'nobody');
    expect(el.hasCustomState('error')).to.equal(true);
    expect(shadow(el).querySelector('[part="error"]')!.getAttribute('role')).to.equal('alert');
    expect(shadow(el).querySelector('[part="retry"]')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('never shows the previous patient, not even for one render, after patient-id changes', async () => {
    const store = await storeWith([...(await syntheaResources(TOBIE.file)), ...(await syntheaResources(TONY.file))]);
    const el = await bannerIn(store, TONY.id);
    expect(text(el)).to.contain('DOUGLAS');
    el.setAttribute('patient-id', TOBIE.id);
    await el.updateComplete;
    expect(text(el)).to.not.contain('DOUGLAS');
    expect(el.hasCustomState('loading')).to.equal(true);
    await loaded(el);
    expect(text(el)).to.contain('REMPEL, Tobie (Mrs.)');
  });

  it('shows none of another patient\'s identity, an error instead, and fires cw-context-mismatch, when the store answers with the wrong patient', async () => {
    const inner = await storeWith([...(await syntheaResources(TOBIE.file)), ...(await syntheaResources(TONY.file))]);
    // a broken store: reading Tony gives Tobie
    const store = new Proxy(inner, {
      get(target, property, receiver) {
        if (property === 'read') {
          return (type: string, id: string, ...rest: unknown[]) => (target.read as (...args: unknown[]) => Promise<unknown>).call(target, type, type === 'Patient' && id === TONY.id ? TOBIE.id : id, ...rest);
        }
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    }) as ChartStore;
    const onMismatch = spy();
    document.addEventListener('cw-context-mismatch', onMismatch);
    try {
      const el = await bannerIn(store, TONY.id);
      expect(text(el)).to.not.contain('REMPEL');
      expect(text(el)).to.not.contain('DOUGLAS');
      expect(text(el)).to.contain('belongs to a different patient');
      expect(onMismatch.firstCall.args[0].detail.found).to.deep.equal([`Patient/${TOBIE.id}`]);
      await expect(el).to.be.accessible();
    } finally {
      document.removeEventListener('cw-context-mismatch', onMismatch);
    }
  });

  it('renders script, onerror and javascript: in every field as text, and runs none of it', async () => {
    const win = window as unknown as { cwXss?: number };
    win.cwXss = 0;
    const attack = '<img src=x onerror="window.cwXss++"><script>window.cwXss++</script><a href="javascript:window.cwXss++">x</a>';
    const patient: Patient = {
      resourceType: 'Patient',
      id: 'hostile',
      name: [{ use: 'official', family: attack, given: [attack], prefix: [attack] }, { use: 'nickname', given: [attack] }],
      identifier: [{ type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] }, value: attack }],
      gender: 'female',
      birthDate: '1980-01-02',
    };
    const el = await bannerIn(await storeWith([patient]), 'hostile');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(win.cwXss).to.equal(0);
    expect(shadow(el).querySelector('img, script, a')).to.equal(null);
    expect(field(el, 'MRN')).to.contain(attack);
    expect(shadow(el).querySelector('[part="name"]')!.textContent).to.contain('<script>');
  });

  it('writes dates in the locale\'s form when the provider says date-style="locale"', async () => {
    const store = await storeWith(await syntheaResources(TOBIE.file));
    const provider = await fixture<HTMLElement & { dateStyle: string }>(html`<cw-chart-provider locale="de-DE" time-zone="UTC" date-style="locale" .store=${store}>
      <cw-patient-banner patient-id=${TOBIE.id}></cw-patient-banner>
    </cw-chart-provider>`);
    const el = provider.querySelector('cw-patient-banner')!;
    await loaded(el);
    expect(field(el, 'Born')).to.equal('09.04.1934');
    provider.dateStyle = 'clinical';
    await waitUntil(() => field(el, 'Born') === '09-Apr-1934', 'the banner never followed the provider back to the clinical style');
  });
});
