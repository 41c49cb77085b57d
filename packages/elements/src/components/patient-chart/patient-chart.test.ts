import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { spy } from 'sinon';
import type { MedicationRequest, Patient, Resource } from '@chartwell/fhir';
import type { ChartStore } from '@chartwell/core';
import { CLEMENTE, TONY, storeWith, syntheaResources } from '../../../../../test/support/browser-fixtures.js';
import { ignoreResizeObserverLoopErrors } from '../../../../../test/support/benign-errors.js';
import '../../define/cw-chart-provider.js';
import '../../define/cw-patient-chart.js';
import type { CwPatientChart } from './patient-chart.js';
import type { CwElement } from '../../internal/cw-element.js';

const shadow = (el: HTMLElement) => el.shadowRoot!;
const squash = (value: string | null | undefined) => (value ?? '').replace(/\s+/g, ' ').trim();

/** The text of `node` with every open shadow root inside it read too (what a user can see or hear). */
function deepText(node: Node): string {
  let out = '';
  if (node instanceof Element && node.shadowRoot) out += deepText(node.shadowRoot);
  for (const child of node.childNodes) out += child.nodeType === Node.TEXT_NODE ? (child.textContent ?? '') : deepText(child);
  return out;
}

const widgets = (chart: HTMLElement) => [...shadow(chart).querySelectorAll<CwElement>('cw-patient-banner, cw-allergy-banner, cw-med-list, cw-problem-list')];
const allLoaded = (chart: HTMLElement) =>
  waitUntil(() => widgets(chart).every((widget) => !widget.hasCustomState('loading')), 'a widget of the chart never finished loading', { timeout: 4000 });
const sectionKeys = (chart: HTMLElement) => [...shadow(chart).querySelectorAll<HTMLElement>('section[part="section"]')].map((section) => section.dataset['section']);
const focusedId = (chart: HTMLElement) => shadow(chart).activeElement?.id;

/** A chart inside a provider over `store`, once every widget has loaded. */
async function chartIn(store: ChartStore, patientId: string, sections = 'medications problems') {
  const provider = await fixture(html`<cw-chart-provider locale="en-GB" time-zone="UTC" .store=${store}>
    <cw-patient-chart patient-id=${patientId} sections=${sections}></cw-patient-chart>
  </cw-chart-provider>`);
  const chart = provider.querySelector('cw-patient-chart')!;
  await chart.updateComplete;
  await allLoaded(chart);
  return chart;
}

/** Presses `key` with Alt held (the Chromium launcher takes no `Alt+Key` chords in one press). */
async function altPress(key: string) {
  await sendKeys({ down: 'Alt' });
  await sendKeys({ press: key });
  await sendKeys({ up: 'Alt' });
}

const tonyStore = async () => storeWith(await syntheaResources(TONY.file));

describe('<cw-patient-chart>', () => {
  ignoreResizeObserverLoopErrors();
  it("shows Tony Douglas's banners on top, then his medications and problems, each a region named by its heading", async () => {
    const chart = await chartIn(await tonyStore(), TONY.id);
    const root = shadow(chart);
    const banner = root.querySelector('cw-patient-banner')!;
    expect(squash(shadow(banner).querySelector('[part="name"]')!.textContent)).to.equal('DOUGLAS, Tony (Mr.)');
    // seven allergies recorded in his bundle
    expect(squash(deepText(root.querySelector('cw-allergy-banner')!))).to.contain('Allergy to bee venom');
    expect(sectionKeys(chart)).to.deep.equal(['medications', 'problems']);
    const medications = root.querySelector<HTMLElement>('#section-medications')!;
    expect(medications.getAttribute('aria-label')).to.equal('Chart section: Medications');
    expect(squash(root.querySelector('#heading-medications')!.textContent)).to.equal('Medications');
    expect(squash(root.querySelector('#heading-problems')!.textContent)).to.equal('Problems');
    expect(deepText(medications)).to.contain('Naproxen sodium 220 MG Oral Tablet');
    expect(deepText(root.querySelector('#section-problems')!)).to.contain('Hypertension');
    // every widget bound to the chart's patient
    for (const widget of widgets(chart)) expect(widget.getAttribute('patient-id')).to.equal(TONY.id);
    // the navigation lists the sections in the same order
    expect([...root.querySelectorAll('[part="nav-link"]')].map((link) => squash(link.textContent))).to.deep.equal(['Medications', 'Problems']);
    expect(root.querySelector('nav')!.getAttribute('aria-label')).to.equal('Chart sections');
    await expect(chart).to.be.accessible();
  });

  it('hands its own store, locale and time zone to every widget when it is outside a provider', async () => {
    const store = await tonyStore();
    const chart = await fixture<CwPatientChart>(html`<cw-patient-chart patient-id=${TONY.id} sections="problems" locale="en-GB" time-zone="UTC" .store=${store}></cw-patient-chart>`);
    await allLoaded(chart);
    expect(widgets(chart).map((widget) => widget.localName)).to.deep.equal(['cw-patient-banner', 'cw-allergy-banner', 'cw-problem-list']);
    for (const widget of widgets(chart) as unknown as { store?: ChartStore; locale?: string; timeZone?: string }[]) {
      expect(widget.store).to.equal(store);
      expect(widget.locale).to.equal('en-GB');
      expect(widget.timeZone).to.equal('UTC');
    }
    // en-GB clinical dates in UTC: hypertension's onset 1990-10-09T19:47:23Z
    expect(squash(deepText(shadow(chart).querySelector('#section-problems')!))).to.contain('Onset: 09-Oct-1990 19:47 (age 18y)');
    await expect(chart).to.be.accessible();
  });

  it('shows the clinical sections by default, and the appointments and billing sections once the host registers their widgets', async () => {
    const warn = spy(console, 'warn');
    try {
      const store = await tonyStore();
      // Tony's next appointment, with Dr. Dibbert, on the Monday of the chart's current week
      const monday = new Date();
      monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
      const day = monday.toISOString().slice(0, 10);
      await store.create({ resourceType: 'Appointment', status: 'booked', start: `${day}T10:00:00Z`, end: `${day}T10:20:00Z`, participant: [{ actor: { reference: `Patient/${TONY.id}`, display: 'Tony Douglas' }, status: 'accepted' }] });
      const chart = await fixture<CwPatientChart>(html`<cw-patient-chart patient-id=${TONY.id} .store=${store} time-zone="UTC"></cw-patient-chart>`);
      expect(chart.shownSections).to.deep.equal(['medications', 'problems', 'results', 'notes']);
      expect(sectionKeys(chart)).to.deep.equal(['medications', 'problems', 'results', 'notes']);
      expect(shadow(chart).querySelector('#section-results cw-results')!.getAttribute('patient-id')).to.equal(TONY.id);
      expect(shadow(chart).querySelector('#section-notes cw-notes')!.getAttribute('patient-id')).to.equal(TONY.id);
      // the practice-operations widgets are the host's to register: the chart says which module
      const warnings = warn.getCalls().map((call) => String(call.args[0]));
      expect(warnings.some((text) => text.includes("import '@chartwell/elements/define/cw-scheduler.js'"))).to.equal(true);
      expect(warnings.some((text) => text.includes("import '@chartwell/elements/define/cw-billing-summary.js'"))).to.equal(true);
      await allLoaded(chart);
      await import('../../define/cw-scheduler.js');
      await import('../../define/cw-billing-summary.js');
      await waitUntil(() => sectionKeys(chart).length === 6, 'the appointments and billing sections never appeared');
      expect(sectionKeys(chart)).to.deep.equal(['medications', 'problems', 'results', 'notes', 'appointments', 'billing']);
      const scheduler = shadow(chart).querySelector('#section-appointments cw-scheduler')!;
      expect(scheduler.getAttribute('actors')).to.equal(`Patient/${TONY.id}`);
      expect(scheduler.getAttribute('view')).to.equal('agenda');
      expect(shadow(chart).querySelector('#section-billing cw-billing-summary')!.getAttribute('patient-id')).to.equal(TONY.id);
      await waitUntil(() => !(scheduler as CwElement).hasCustomState('loading'), 'the appointments never loaded');
      expect(squash(scheduler.shadowRoot!.textContent)).to.contain('DOUGLAS, Tony');
      await allLoaded(chart);
      await expect(chart).to.be.accessible();
    } finally {
      warn.restore();
    }
  });

  it('takes its sections from the attribute (commas or spaces) or the property, in the order given', async () => {
    const chart = await chartIn(await tonyStore(), TONY.id, 'problems,  medications');
    expect(sectionKeys(chart)).to.deep.equal(['problems', 'medications']);
    const medList = shadow(chart).querySelector('cw-med-list');
    chart.sections = ['medications'];
    await chart.updateComplete;
    expect(sectionKeys(chart)).to.deep.equal(['medications']);
    // a section that stays keeps its widget (and its loaded data): nothing is read again
    expect(shadow(chart).querySelector('cw-med-list')).to.equal(medList);
    chart.removeAttribute('sections');
    chart.setAttribute('sections', 'problems');
    await chart.updateComplete;
    expect(sectionKeys(chart)).to.deep.equal(['problems']);
  });

  it('skips an unknown section with a console warning naming it, and a repeated one', async () => {
    const warn = spy(console, 'warn');
    try {
      const chart = await chartIn(await tonyStore(), TONY.id, 'medications vitals problems medications');
      expect(sectionKeys(chart)).to.deep.equal(['medications', 'problems']);
      const warnings = warn.getCalls().map((call) => String(call.args[0]));
      expect(warnings.some((message) => message.includes('unknown section "vitals"'))).to.equal(true);
      expect(warnings.some((message) => message.includes('section "medications" is listed twice'))).to.equal(true);
      await expect(chart).to.be.accessible();
    } finally {
      warn.restore();
    }
  });

  it('leaves the banners out with hide-banner, for a host that shows its own', async () => {
    const provider = await fixture(html`<cw-chart-provider .store=${await tonyStore()}>
      <cw-patient-chart patient-id=${TONY.id} sections="problems" hide-banner></cw-patient-chart>
    </cw-chart-provider>`);
    const chart = provider.querySelector('cw-patient-chart')!;
    await chart.updateComplete;
    await allLoaded(chart);
    expect(shadow(chart).querySelector('cw-patient-banner, cw-allergy-banner, [part="banners"]')).to.equal(null);
    expect(sectionKeys(chart)).to.deep.equal(['problems']);
    expect(deepText(shadow(chart))).to.not.contain('DOUGLAS');
    await expect(chart).to.be.accessible();
  });

  it('says that no patient is selected when patient-id is missing, and reads nothing', async () => {
    const chart = await fixture<CwPatientChart>(html`<cw-patient-chart .store=${await tonyStore()}></cw-patient-chart>`);
    expect(chart.hasCustomState('no-patient')).to.equal(true);
    expect(chart.hasCustomState('no-store')).to.equal(false);
    expect(squash(shadow(chart).querySelector('[part="setup"]')!.textContent)).to.equal('No patient selected: set the patient-id attribute.');
    expect(shadow(chart).querySelector('section, cw-patient-banner')).to.equal(null);
    await expect(chart).to.be.accessible();
    chart.patientId = TONY.id;
    await chart.updateComplete;
    expect(chart.hasCustomState('no-patient')).to.equal(false);
    // the default sections whose widgets are registered (an earlier test registered the scheduler and billing)
    expect(sectionKeys(chart).slice(0, 4)).to.deep.equal(['medications', 'problems', 'results', 'notes']);
    expect(sectionKeys(chart)).to.deep.equal(chart.shownSections);
    await allLoaded(chart);
  });

  it('says that it has no store when neither it nor a provider has one, then shows the chart once one is set', async () => {
    const warn = spy(console, 'warn');
    try {
      const chart = await fixture<CwPatientChart>(html`<cw-patient-chart patient-id=${TONY.id} sections="problems"></cw-patient-chart>`);
      expect(chart.hasCustomState('no-store')).to.equal(true);
      expect(squash(shadow(chart).querySelector('[part="setup"]')!.textContent)).to.equal('No chart store: place this chart inside <cw-chart-provider>, or set its store property.');
      expect(shadow(chart).querySelector('section, cw-patient-banner, cw-problem-list')).to.equal(null);
      // one warning for the chart, none from widgets that were never made
      expect(warn.getCalls().map((call) => String(call.args[0]))).to.deep.equal(['<cw-patient-chart>: No chart store: place this chart inside <cw-chart-provider>, or set its store property.']);
      await expect(chart).to.be.accessible();
      chart.store = await tonyStore();
      await chart.updateComplete;
      expect(chart.hasCustomState('no-store')).to.equal(false);
      await allLoaded(chart);
      expect(deepText(shadow(chart).querySelector('#section-problems')!)).to.contain('Hypertension');
    } finally {
      warn.restore();
    }
  });

  it('puts host content in the header, footer and before and after a section', async () => {
    const provider = await fixture(html`<cw-chart-provider .store=${await tonyStore()}>
      <cw-patient-chart patient-id=${TONY.id} sections="medications problems">
        <p slot="header">Host header</p>
        <p slot="section-problems-before">Before problems</p>
        <p slot="section-medications-after">After medications</p>
        <p slot="footer">Host footer</p>
      </cw-patient-chart>
    </cw-chart-provider>`);
    const chart = provider.querySelector('cw-patient-chart')!;
    await chart.updateComplete;
    const assigned = (name: string) => shadow(chart).querySelector<HTMLSlotElement>(`slot[name="${name}"]`)!.assignedElements().map((el) => el.textContent);
    expect(assigned('header')).to.deep.equal(['Host header']);
    expect(assigned('footer')).to.deep.equal(['Host footer']);
    expect(assigned('section-problems-before')).to.deep.equal(['Before problems']);
    expect(assigned('section-medications-after')).to.deep.equal(['After medications']);
    // each slot sits in its own section, around the widget
    const problems = shadow(chart).querySelector('#section-problems')!;
    expect([...problems.children].map((el) => el.getAttribute('name') ?? el.localName)).to.deep.equal(['h2', 'section-problems-before', 'cw-problem-list', 'section-problems-after']);
    await allLoaded(chart);
    await expect(chart).to.be.accessible();
  });

  it('moves focus between section headings with Alt+ArrowDown and Alt+ArrowUp, and from the navigation links', async () => {
    const chart = await chartIn(await tonyStore(), TONY.id);
    const root = shadow(chart);
    root.querySelector<HTMLAnchorElement>('[part="nav-link"]')!.focus();
    await altPress('ArrowDown');
    expect(focusedId(chart)).to.equal('heading-medications');
    await altPress('ArrowDown');
    expect(focusedId(chart)).to.equal('heading-problems');
    // at the last section, down stays
    await altPress('ArrowDown');
    expect(focusedId(chart)).to.equal('heading-problems');
    await altPress('ArrowUp');
    expect(focusedId(chart)).to.equal('heading-medications');
    // from inside a widget (the medication list's tab), down goes to the next section
    const medList = root.querySelector('cw-med-list')!;
    shadow(medList).querySelector<HTMLButtonElement>('[role="tab"]')!.focus();
    await altPress('ArrowDown');
    expect(focusedId(chart)).to.equal('heading-problems');
    // a navigation link focuses its section's heading
    root.querySelectorAll<HTMLAnchorElement>('[part="nav-link"]')[1]!.click();
    root.querySelector<HTMLAnchorElement>('[part="nav-link"]')!.click();
    expect(focusedId(chart)).to.equal('heading-medications');
    expect(chart.focusSection('results')).to.equal(false);
    expect(root.querySelector('#heading-medications')!.getAttribute('aria-keyshortcuts')).to.equal('Alt+ArrowDown Alt+ArrowUp');
    await expect(chart).to.be.accessible();
  });

  it('never shows anything of the previous patient while switching patient-id, not in any mutation or frame', async () => {
    const store = await storeWith([...(await syntheaResources(TONY.file)), ...(await syntheaResources(CLEMENTE.file))]);
    const chart = await chartIn(store, TONY.id);
    const tony = ['DOUGLAS', 'Naproxen', 'Hypertension', 'bee venom'];
    // before the switch the chart shows Tony's data, so the check below can fail
    expect(tony.every((fact) => deepText(shadow(chart)).includes(fact))).to.equal(true);
    const leaks: string[] = [];
    let samples = 0;
    const check = () => {
      samples += 1;
      const seen = deepText(shadow(chart));
      for (const fact of tony) if (seen.includes(fact)) leaks.push(fact);
    };
    // every mutation anywhere in the chart, shadow roots included (observed as they appear)
    const observed = new WeakSet<Node>();
    const observer = new MutationObserver(() => {
      check();
      observeAll(shadow(chart));
    });
    const observeAll = (root: Node) => {
      if (!observed.has(root)) {
        observed.add(root);
        observer.observe(root, { childList: true, subtree: true, characterData: true, attributes: true });
      }
      const elements = root instanceof Element || root instanceof ShadowRoot ? root.querySelectorAll('*') : [];
      for (const el of elements) if (el.shadowRoot) observeAll(el.shadowRoot);
    };
    observeAll(shadow(chart));
    let sampling = true;
    const frame = () => {
      if (!sampling) return;
      check();
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    try {
      chart.setAttribute('patient-id', CLEMENTE.id);
      await chart.updateComplete;
      check();
      // the same update bound every widget to the new patient
      expect(widgets(chart).map((widget) => widget.getAttribute('patient-id'))).to.deep.equal(Array(4).fill(CLEMENTE.id));
      await allLoaded(chart);
      check();
    } finally {
      sampling = false;
      observer.disconnect();
    }
    expect(samples).to.be.greaterThan(2);
    expect(leaks).to.deep.equal([]);
    // Clemente Kreiger's own data is shown
    const seen = deepText(shadow(chart));
    expect(seen).to.contain('KREIGER, Clemente (Mr.)');
    expect(seen).to.contain('Body mass index 30+ - obesity (finding)');
    await expect(chart).to.be.accessible();
  });

  it('renders script, onerror and javascript: in the patient name and a drug name as text, and runs none of it', async () => {
    const win = window as unknown as { cwXss?: number };
    win.cwXss = 0;
    const attack = '<img src=x onerror="window.cwXss++"><script>window.cwXss++</script><a href="javascript:window.cwXss++">x</a>';
    const resources = (await syntheaResources(TONY.file)).map((resource): Resource => {
      if (resource.resourceType === 'Patient') return { ...(resource as Patient), name: [{ use: 'official', family: attack, given: [attack] }] };
      if (resource.resourceType === 'MedicationRequest') {
        const order = resource as MedicationRequest;
        return { ...order, medicationCodeableConcept: { ...order.medicationCodeableConcept, text: attack } };
      }
      return resource;
    });
    const chart = await chartIn(await storeWith(resources), TONY.id);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(win.cwXss).to.equal(0);
    const seen = deepText(shadow(chart));
    expect(seen).to.contain('javascript:window.cwXss++');
    expect(seen).to.contain('<script>window.cwXss++</script>');
    for (const widget of widgets(chart)) expect(shadow(widget).querySelector('img, script, a[href^="javascript"]')).to.equal(null);
  });
});
