// The Vue 3 host in Chromium: the Chartwell widgets render real Synthea data inside a Vue app
// whose template Vue compiles in the browser, follow Vue state, and report their cw-error.
import { expect, waitUntil } from '@open-wc/testing';
import { spy } from 'sinon';
import { createApp, defineComponent, markRaw, type App } from 'vue';
import { MemoryStore, UnavailableError } from '@chartwell/core';
import { CwContextMismatchEvent, CwErrorEvent } from '@chartwell/elements';
import { CLEMENTE, TONY, failingStore } from '../../test/support/browser-fixtures.js';
import { HOST_WIDGETS as WIDGETS, hostWidgetsLoaded, pickPatient, renderedIn, shadowText, squash, twoPatients, wrongPatientAllergies } from '../../test/support/host-example-fixtures.js';
import { createChartApp, isChartwellElement, type ChartAppOptions } from './chart-app.js';

let container: HTMLElement;
let mounted: App | undefined;

/** Mounts `app` into a fresh container on the page. */
function mount(app: App): void {
  container = document.createElement('div');
  document.body.append(container);
  app.mount(container);
  mounted = app;
}

/** The chart app over `options`, mounted. */
function mountChart(options: ChartAppOptions): void {
  mount(createChartApp({ locale: 'en-GB', timeZone: 'UTC', ...options }));
}

/** The element for `tag` in the app, once Vue has rendered it. */
const rendered = <K extends keyof HTMLElementTagNameMap>(tag: K) => renderedIn(container, tag, 'Vue');

/** Waits until every widget has finished loading for `patientId`. */
const widgetsLoaded = (patientId: string) => hostWidgetsLoaded(container, patientId, 'Vue');

/** Picks `patientId` in the app's patient picker. */
const pick = (patientId: string) => pickPatient(container, patientId);

afterEach(() => {
  if (!mounted) return;
  mounted.unmount();
  mounted = undefined;
  container.remove();
});

describe('examples/vue: Chartwell widgets in a Vue 3 host', () => {
  it('leaves the cw-* tags to the browser (isCustomElement) and nothing else', () => {
    const chart = createChartApp({ store: new MemoryStore() });
    expect(chart.config.compilerOptions.isCustomElement).to.equal(isChartwellElement);
    expect(['cw-med-list', 'cw-chart-provider'].map(isChartwellElement)).to.deep.equal([true, true]);
    expect(['ChartApp', 'select', 'my-widget'].map(isChartwellElement)).to.deep.equal([false, false, false]);
  });

  it("renders Tony Douglas's chart inside the Vue app, with the store as a property and patient-id as an attribute", async () => {
    const store = await twoPatients();
    mountChart({ store });
    await widgetsLoaded(TONY.id);
    // the picker offers both patients, named as the banner names them, sorted; Tony is picked first
    const options = [...container.querySelectorAll('option')].map((option) => [option.value, option.textContent]);
    expect(options).to.deep.equal([
      [TONY.id, 'DOUGLAS, Tony (Mr.)'],
      [CLEMENTE.id, 'KREIGER, Clemente (Mr.)'],
    ]);
    const provider = await rendered('cw-chart-provider');
    // the store itself, not a reactive proxy of it
    expect(provider.store).to.equal(store);
    expect(provider.hasAttribute('store')).to.equal(false);
    expect(provider.getAttribute('time-zone')).to.equal('UTC');
    const banner = await rendered('cw-patient-banner');
    expect(banner.getAttribute('patient-id')).to.equal(TONY.id);
    expect(squash(banner.shadowRoot!.querySelector('[part="name"]')!.textContent)).to.equal('DOUGLAS, Tony (Mr.)');
    expect(shadowText(await rendered('cw-allergy-banner'))).to.contain('Known allergies (7)');
    expect(squash((await rendered('cw-med-list')).shadowRoot!.querySelector('#tab-current')!.textContent)).to.equal('Current (3)');
    expect(squash((await rendered('cw-problem-list')).shadowRoot!.querySelector('.section-active h3')!.textContent)).to.equal('Active problems (3)');
    expect(squash(container.querySelector('[role="status"]')!.textContent)).to.equal('No widget errors');
  });

  it('re-binds the same widget elements to the patient picked in Vue state', async () => {
    mountChart({ store: await twoPatients() });
    await widgetsLoaded(TONY.id);
    const before = await Promise.all(WIDGETS.map((tag) => rendered(tag)));
    pick(CLEMENTE.id);
    await widgetsLoaded(CLEMENTE.id);
    const after = await Promise.all(WIDGETS.map((tag) => rendered(tag)));
    // Vue patched the attribute on the elements it had; it did not re-create them
    after.forEach((el, i) => expect(el).to.equal(before[i]));
    for (const el of after) expect(el.getAttribute('patient-id')).to.equal(CLEMENTE.id);
    expect(squash(after[0]!.shadowRoot!.querySelector('[part="name"]')!.textContent)).to.equal('KREIGER, Clemente (Mr.)');
    // Clemente has no allergy record: "not recorded", never "none"; one active problem (obesity)
    expect(shadowText(after[1]!)).to.contain('Allergies not recorded');
    expect(shadowText(after[1]!)).to.not.contain('Known allergies');
    expect(squash(after[3]!.shadowRoot!.querySelector('.section-active h3')!.textContent)).to.equal('Active problems (1)');
    expect(shadowText(after[3]!)).to.contain('Body mass index 30+ - obesity (finding)');
    expect(shadowText(after[3]!)).to.not.contain('Hypertension');
    // and back: Tony's data again
    pick(TONY.id);
    await widgetsLoaded(TONY.id);
    expect(shadowText(after[1]!)).to.contain('Known allergies (7)');
  });

  it('hands a cw-error to the @cw-error handler, and shows its widget and issue code', async () => {
    const inner = await twoPatients();
    const store = failingStore(inner, (method, type) => method === 'search' && type === 'MedicationRequest', new UnavailableError({ resourceType: 'MedicationRequest' }, 'The medication service is down'));
    const onWidgetError = spy((_event: CwErrorEvent) => undefined);
    mountChart({ store, onWidgetError });
    await widgetsLoaded(TONY.id);
    await waitUntil(() => onWidgetError.called, 'no cw-error reached the Vue handler');
    const event = onWidgetError.firstCall.args[0];
    expect(event).to.be.instanceOf(CwErrorEvent);
    expect(event.type).to.equal('cw-error');
    expect((event.target as Element).localName).to.equal('cw-med-list');
    expect(event.detail.patientId).to.equal(TONY.id);
    // UnavailableError is the OperationOutcome code "transient"
    expect(event.detail.outcome.issue[0]!.code).to.equal('transient');
    // only the med list failed
    expect(onWidgetError.getCalls().map((call) => (call.args[0].target as Element).localName)).to.deep.equal(['cw-med-list']);
    await waitUntil(() => squash(container.querySelector('[role="status"]')!.textContent) === 'Last widget error: cw-med-list (transient)', 'the app never showed the error');
    // the diagnostics are for the host's logs, not for the page
    expect(container.textContent).to.not.contain('The medication service is down');
  });

  it('sets i18n as a property without a modifier (the element has that property), and store through .prop', async () => {
    const store = await twoPatients();
    const i18n = { notRecorded: 'No allergy record in this chart' };
    const Banner = defineComponent({
      setup: () => ({ patientId: CLEMENTE.id, store: markRaw(store), i18n }),
      template: '<cw-allergy-banner :patient-id="patientId" :store.prop="store" locale="en-GB" time-zone="UTC" :i18n="i18n"></cw-allergy-banner>',
    });
    const banner = createApp(Banner);
    banner.config.compilerOptions.isCustomElement = isChartwellElement;
    mount(banner);
    const el = await rendered('cw-allergy-banner');
    await waitUntil(() => !el.hasCustomState('loading'), 'the banner never loaded');
    expect(el.store).to.equal(store);
    expect(el.i18n).to.deep.equal(i18n);
    expect(el.hasAttribute('i18n')).to.equal(false);
    expect(shadowText(el)).to.contain('No allergy record in this chart');
  });

  it('hands a cw-context-mismatch to the @cw-context-mismatch handler when the store answers for another patient', async () => {
    const store = wrongPatientAllergies(await twoPatients(), TONY.id);
    const onMismatch = spy((_event: CwContextMismatchEvent) => undefined);
    const Banner = defineComponent({
      setup: () => ({ patientId: CLEMENTE.id, store: markRaw(store), onMismatch }),
      template: '<cw-allergy-banner :patient-id="patientId" :store.prop="store" locale="en-GB" time-zone="UTC" @cw-context-mismatch="onMismatch"></cw-allergy-banner>',
    });
    const banner = createApp(Banner);
    banner.config.compilerOptions.isCustomElement = isChartwellElement;
    mount(banner);
    const el = await rendered('cw-allergy-banner');
    await waitUntil(() => onMismatch.called, 'no cw-context-mismatch reached the Vue handler');
    const event = onMismatch.firstCall.args[0];
    expect(event).to.be.instanceOf(CwContextMismatchEvent);
    expect(event.detail).to.deep.equal({ patientId: CLEMENTE.id, found: [`Patient/${TONY.id}`] });
    // none of Tony's allergies on Clemente's banner
    expect(shadowText(el)).to.not.contain('Allergy to eggs');
  });

  it('passes axe on the rendered app', async () => {
    mountChart({ store: await twoPatients() });
    await widgetsLoaded(TONY.id);
    await expect(container).to.be.accessible();
  });
});
