import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { ForbiddenError, MemoryStore, UnavailableError } from '@chartwell/core';
import type { ChartStore } from '@chartwell/core';
import { TONY, failingStore, storeWith, syntheaResources } from '../../../../test/support/browser-fixtures.js';
import { ignoreResizeObserverLoopErrors } from '../../../../test/support/benign-errors.js';
import '../define/cw-chart-provider.js';
import '../define/cw-med-list.js';
import '../define/cw-allergy-banner.js';
import '../define/cw-patient-banner.js';
import '../define/cw-problem-list.js';
import '../define/cw-notes.js';
import '../define/cw-results.js';
import type { CwMedList } from '../components/med-list/med-list.js';
import type { CwAllergyBanner } from '../components/allergy-banner/allergy-banner.js';

// What every data widget gets from ChartDataElement: the "data as of" line, stale data kept on a
// failed refresh, the offline state, the provider's time style, and the `empty` slot.

const shadow = (el: HTMLElement) => el.shadowRoot!;
const squash = (value: string | null | undefined) => (value ?? '').replace(/\s+/g, ' ').trim();
const asOf = (el: HTMLElement) => shadow(el).querySelector<HTMLElement>('[part="as-of"]');
const loaded = (el: CwMedList | CwAllergyBanner) => waitUntil(() => !el.hasCustomState('loading'), 'the widget never finished loading');

/** A store that answers like `inner` until `broken.error` is set; then every read and search throws it. */
function breakableStore(inner: ChartStore, info?: ChartStore['info']) {
  const broken: { error?: Error } = {};
  const store = failingStore(inner, () => broken.error !== undefined, new UnavailableError({}, 'The store cannot be reached'));
  const wrapped = new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'info' && info) return info;
      if ((property === 'search' || property === 'read') && broken.error) return () => Promise.reject(broken.error);
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
  return { store: wrapped, broken };
}

async function medListIn(store: ChartStore, attributes: { timeStyle?: string; dateStyle?: string } = {}) {
  const provider = await fixture(html`<cw-chart-provider locale="en-US" time-zone="America/New_York" time-style=${attributes.timeStyle ?? ''} date-style=${attributes.dateStyle ?? 'clinical'} .store=${store}>
    <cw-med-list patient-id=${TONY.id}></cw-med-list>
  </cw-chart-provider>`);
  const el = provider.querySelector('cw-med-list')!;
  await loaded(el);
  return el;
}

/** Adds a MedicationRequest to Tony's chart: the widgets hear it through `watch` and load again. */
async function touchChart(store: ChartStore) {
  await store.create({ resourceType: 'MedicationRequest', status: 'active', intent: 'order', subject: { reference: `Patient/${TONY.id}` }, medicationCodeableConcept: { text: 'Paracetamol 500 mg tablet' } });
}

describe('ChartDataElement: data as of, stale data and the empty slot', () => {
  ignoreResizeObserverLoopErrors();
  it('says when the data was read and from which store, in the clinic time zone on the 24-hour clock', async () => {
    const before = Date.now();
    const el = await medListIn(await storeWith(await syntheaResources(TONY.file)));
    const line = squash(asOf(el)?.textContent);
    // MemoryStore names itself "This page"; clinical style: 25-Nov-2026 21:05
    expect(line).to.match(/^Data as of \d{2}-[A-Z][a-z]{2}-\d{4} \d{2}:\d{2} · This page$/);
    const clock = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(before);
    const after = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(Date.now());
    expect([clock, after]).to.include(line.match(/\d{2}:\d{2}/)![0]);
    expect(el.hasCustomState('stale')).to.equal(false);
    expect(asOf(el)!.classList.contains('stale')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it("writes times on the locale's clock with time-style=\"locale\", and 24-hour with \"24h\" under locale dates", async () => {
    const store = await storeWith(await syntheaResources(TONY.file));
    const twelve = await medListIn(store, { timeStyle: 'locale' });
    expect(squash(asOf(twelve)?.textContent)).to.match(/\d{1,2}:\d{2}\s?[AP]M · This page$/);
    const twentyFour = await medListIn(store, { timeStyle: '24h', dateStyle: 'locale' });
    const line = squash(asOf(twentyFour)?.textContent);
    expect(line).to.match(/^Data as of [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{2}:\d{2} · This page$/);
    expect(line).to.not.match(/[AP]M/);
  });

  it('keeps the data on screen, marked stale with a retry, when a refresh fails; and clears the mark once it succeeds', async () => {
    const inner = await storeWith(await syntheaResources(TONY.file));
    const { store, broken } = breakableStore(inner);
    const el = await medListIn(store);
    expect(shadow(el).querySelectorAll('[part="item"]').length).to.equal(3);
    broken.error = new UnavailableError({}, 'The store cannot be reached');
    await touchChart(inner);
    await waitUntil(() => el.hasCustomState('stale'), 'the failed refresh never marked the list stale');
    // the three medications are still there, the line says the refresh failed, and nothing says "error"
    expect(shadow(el).querySelectorAll('[part="item"]').length).to.equal(3);
    const line = asOf(el)!;
    expect(line.classList.contains('stale')).to.equal(true);
    expect(line.getAttribute('role')).to.equal('status');
    expect(squash(line.textContent)).to.match(/^Could not refresh: this may be out of date\. Data as of .+ · This page Try again$/);
    expect(el.hasCustomState('error')).to.equal(false);
    await expect(el).to.be.accessible();
    broken.error = undefined;
    line.querySelector<HTMLButtonElement>('[part="retry"]')!.click();
    await waitUntil(() => !el.hasCustomState('stale'), 'the retry never cleared the stale mark');
    expect(shadow(el).querySelectorAll('[part="item"]').length).to.equal(4);
  });

  it('drops the data when a refresh is denied: a denial never leaves withheld data on screen', async () => {
    const inner = await storeWith(await syntheaResources(TONY.file));
    const { store, broken } = breakableStore(inner);
    const el = await medListIn(store);
    broken.error = new ForbiddenError({}, 'Access to this chart was withdrawn');
    await touchChart(inner);
    await waitUntil(() => el.hasCustomState('restricted'), 'the denied refresh never showed the restricted state');
    expect(shadow(el).querySelectorAll('[part="item"]').length).to.equal(0);
    expect(squash(shadow(el).textContent)).to.not.contain('Naproxen');
    expect(el.hasCustomState('stale')).to.equal(false);
  });

  it('marks a remote store\'s data stale while the browser is offline, and reloads when it is back', async () => {
    const { store } = breakableStore(await storeWith(await syntheaResources(TONY.file)), { label: 'fhir.example.org', remote: true });
    const el = await medListIn(store);
    expect(squash(asOf(el)?.textContent)).to.match(/· fhir\.example\.org$/);
    window.dispatchEvent(new Event('offline'));
    await el.updateComplete;
    expect(el.hasCustomState('stale')).to.equal(true);
    expect(squash(asOf(el)?.textContent)).to.match(/^Offline: this may be out of date\. Data as of /);
    await expect(el).to.be.accessible();
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => !el.hasCustomState('stale'), 'coming back online never cleared the stale mark');
  });

  it('does not mark data from a local store stale when offline (IndexedDB needs no network)', async () => {
    const el = await medListIn(await storeWith(await syntheaResources(TONY.file)));
    window.dispatchEvent(new Event('offline'));
    await el.updateComplete;
    expect(el.hasCustomState('stale')).to.equal(false);
    window.dispatchEvent(new Event('online'));
  });

  it('shows the banners\' as-of line only while stale', async () => {
    const inner = await storeWith(await syntheaResources(TONY.file));
    const { store, broken } = breakableStore(inner);
    const provider = await fixture(html`<cw-chart-provider locale="en-US" time-zone="UTC" .store=${store}><cw-allergy-banner patient-id=${TONY.id}></cw-allergy-banner></cw-chart-provider>`);
    const banner = provider.querySelector('cw-allergy-banner')!;
    await loaded(banner);
    expect(asOf(banner)).to.equal(null);
    broken.error = new UnavailableError({}, 'The store cannot be reached');
    await inner.create({ resourceType: 'AllergyIntolerance', clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] }, patient: { reference: `Patient/${TONY.id}` }, code: { text: 'Latex' } });
    await waitUntil(() => banner.hasCustomState('stale'), 'the failed refresh never marked the banner stale');
    expect(squash(asOf(banner)?.textContent)).to.match(/^Could not refresh/);
    await expect(banner).to.be.accessible();
  });

  it('puts the host\'s own words in the `empty` slot of an empty list', async () => {
    const provider = await fixture(html`<cw-chart-provider .store=${new MemoryStore()}>
      <cw-med-list patient-id="nobody"><p slot="empty">Ask the patient about their medicines.</p></cw-med-list>
      <cw-problem-list patient-id="nobody"><p slot="empty">No problems on file here.</p></cw-problem-list>
      <cw-notes patient-id="nobody"><p slot="empty">No notes on file here.</p></cw-notes>
      <cw-results patient-id="nobody"><p slot="empty">No results on file here.</p></cw-results>
    </cw-chart-provider>`);
    for (const el of provider.querySelectorAll<CwMedList>('cw-med-list, cw-problem-list, cw-notes, cw-results')) {
      await waitUntil(() => el.hasCustomState('empty'), `<${el.localName}> never showed its empty state`);
      const slot = shadow(el).querySelector<HTMLSlotElement>('slot[name="empty"]')!;
      expect(slot.assignedElements().map((node) => node.textContent)).to.have.length(1);
      await expect(el).to.be.accessible();
    }
  });

  it('keeps every fact on screen: no widget uses a title attribute (hover-only text)', async () => {
    const store = await storeWith(await syntheaResources(TONY.file));
    const provider = await fixture(html`<cw-chart-provider .store=${store}>
      <cw-patient-banner patient-id=${TONY.id}></cw-patient-banner><cw-allergy-banner patient-id=${TONY.id}></cw-allergy-banner>
      <cw-med-list patient-id=${TONY.id}></cw-med-list><cw-problem-list patient-id=${TONY.id}></cw-problem-list>
      <cw-notes patient-id=${TONY.id}></cw-notes><cw-results patient-id=${TONY.id}></cw-results>
    </cw-chart-provider>`);
    const widgets = [...provider.children] as CwMedList[];
    for (const el of widgets) await loaded(el);
    for (const el of widgets) {
      // open every expandable part first: details hold facts too
      for (const toggle of shadow(el).querySelectorAll<HTMLButtonElement>('[aria-expanded="false"]')) toggle.click();
      await el.updateComplete;
      expect([...shadow(el).querySelectorAll('[title]')].map((node) => node.outerHTML), `<${el.localName}>`).to.deep.equal([]);
    }
  });
});
