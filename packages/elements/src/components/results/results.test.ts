import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { spy } from 'sinon';
import type { DiagnosticReport, Observation, Patient, ServiceRequest } from '@chartwell/fhir';
import { ForbiddenError, MemoryStore, UnavailableError } from '@chartwell/core';
import type { ChartStore, SearchQuery } from '@chartwell/core';
import type { ResourceType } from '@chartwell/fhir';
import { CLEMENTE, TOBIE, TONY, failingStore, fetchFixture, storeWith, syntheaResources } from '../../../../../test/support/browser-fixtures.js';
import '../../define/cw-chart-provider.js';
import '../../define/cw-results.js';
import { ignoreResizeObserverLoopErrors } from '../../../../../test/support/benign-errors.js';
import type { CwResults } from './results.js';
import type { CwErrorEvent } from '../../events/error-event.js';
import type { CwSelectEvent } from '../../events/select-event.js';

const shadow = (el: HTMLElement) => el.shadowRoot!;
const squash = (value: string | null | undefined) => (value ?? '').replace(/\s+/g, ' ').trim();
const text = (el: HTMLElement) => squash(shadow(el).textContent);
const loaded = (el: CwResults) => waitUntil(() => !el.hasCustomState('loading'), 'the results never finished loading');
const rows = (el: HTMLElement) => [...shadow(el).querySelectorAll<HTMLLIElement>('li[data-index]')].sort((a, b) => Number(a.dataset['index']) - Number(b.dataset['index']));
const row = (el: HTMLElement, index: number) => shadow(el).querySelector<HTMLLIElement>(`li[data-index="${index}"]`);
const rowOf = (el: HTMLElement, reference: string) => shadow(el).querySelector<HTMLLIElement>(`li[data-reference="${reference}"]`);
const rendered = (el: CwResults) => waitUntil(() => rows(el).length > 0, 'the list never rendered a row');

/** Results inside a provider over `store`, for `patientId`, once loaded and the list has rows. */
async function resultsIn(store: ChartStore, patientId: string, withRows = true) {
  const provider = await fixture(html`<cw-chart-provider locale="en-GB" time-zone="UTC" .store=${store}>
    <cw-results patient-id=${patientId}></cw-results>
  </cw-chart-provider>`);
  const el = provider.querySelector('cw-results')!;
  await loaded(el);
  if (withRows) await rendered(el);
  return el;
}

// Clemente Kreiger (Synthea): 48 Observations, 4 DiagnosticReports (CBC and lipid panel on 17-Sep-2018, lipid panel 2015, CBC 2012)
const CBC_2018 = 'DiagnosticReport/248e651d-edbb-4087-add3-b1d0881d10a2';
const LEUKOCYTES_2018 = 'Observation/83a6de1c-868a-441f-b631-29c0b727411c';
const clemente = async () => storeWith(await syntheaResources(CLEMENTE.file));

/** A patient (`Patient/long`) with `count` glucose results an hour apart, o0 the oldest: a list long enough to be virtualised. */
async function longRecord(count: number): Promise<MemoryStore> {
  const store = new MemoryStore();
  await store.transaction(
    Array.from({ length: count }, (_, i) => ({
      op: 'update' as const,
      resource: {
        resourceType: 'Observation' as const, id: `o${i}`, status: 'final' as const, subject: { reference: 'Patient/long' },
        code: { coding: [{ system: 'http://loinc.org', code: '2345-7' }], text: 'Glucose' },
        effectiveDateTime: new Date(Date.UTC(2020, 0, 1) + i * 3_600_000).toISOString(),
        valueQuantity: { value: 90 + (i % 20), unit: 'mg/dL' },
      },
    })),
  );
  return store;
}

/** The official f001 (glucose 6.3 mmol/l, range 3.1–6.2 mmol/l, recorded H, subject Patient/f001), changed by `change`. */
async function glucose(change: (observation: Observation) => Observation = (o) => o): Promise<Observation> {
  return change(await fetchFixture<Observation>('fhir/Observation-f001.json'));
}

describe('<cw-results>', () => {
  ignoreResizeObserverLoopErrors();

  it("lists Clemente Kreiger's reports newest first, each followed by its results with values and units as recorded", async () => {
    const el = await resultsIn(await clemente(), CLEMENTE.id);
    expect(shadow(el).querySelector('h2')!.textContent).to.equal('Results');
    expect(squash(shadow(el).querySelector('[part="summary"]')!.textContent)).to.equal('48 results, 4 reports');
    const list = shadow(el).querySelector('[part="list"]')!;
    expect(list.getAttribute('role')).to.equal('list');
    expect(list.getAttribute('aria-label')).to.equal('Results, newest first');
    const first = row(el, 0)!;
    // 4 report rows, their 30 results, and the 18 vital signs and smoking statuses outside any report
    expect(first.getAttribute('aria-setsize')).to.equal('52');
    expect(first.getAttribute('aria-posinset')).to.equal('1');
    expect(first.dataset['reference']).to.equal(CBC_2018);
    expect(squash(first.querySelector('.report-name')!.textContent)).to.equal('Complete blood count (hemogram) panel - Blood by Automated count');
    expect(squash(first.querySelector('.when')!.textContent)).to.equal('17-Sep-2018 15:29');
    expect(squash(first.querySelector('.count')!.textContent)).to.equal('11 results');
    expect(first.querySelector('[part~="status"]')).to.equal(null); // final says nothing more
    const leukocytes = row(el, 1)!;
    expect(leukocytes.dataset['reference']).to.equal(LEUKOCYTES_2018);
    expect(leukocytes.classList.contains('depth-1')).to.equal(true);
    expect(squash(leukocytes.querySelector('.name')!.textContent)).to.equal('Leukocytes [#/volume] in Blood by Automated count');
    expect(squash(leukocytes.querySelector('.value')!.textContent)).to.equal('8.813631602727936 10*3/uL');
    expect(leukocytes.querySelector('[part="flag"]')).to.equal(null); // Synthea records no interpretation and no range
    expect(el.hasCustomState('empty')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('groups by test with the group-by attribute: each test newest first, blood pressure with its components', async () => {
    const provider = await fixture(html`<cw-chart-provider locale="en-GB" time-zone="UTC" .store=${await clemente()}>
      <cw-results patient-id=${CLEMENTE.id} group-by="test"></cw-results>
    </cw-chart-provider>`);
    const el = provider.querySelector('cw-results')!;
    expect(el.groupBy).to.equal('test');
    await loaded(el);
    await rendered(el);
    // every test was last measured on 17-Sep-2018; ties go by name, and "Blood Pressure" comes first
    expect(squash(row(el, 0)!.textContent)).to.equal('Blood Pressure (3)');
    const newest = row(el, 1)!;
    expect(newest.dataset['reference']).to.equal('Observation/a6902fde-fa96-4100-aee7-a46d78ac48c1');
    const components = [...newest.querySelectorAll('.components .line')].map((line) => [squash(line.querySelector('.name')!.textContent), squash(line.querySelector('.value')!.textContent)]);
    expect(components).to.deep.equal([
      ['Diastolic Blood Pressure', '86.929055068346 mm[Hg]'],
      ['Systolic Blood Pressure', '122.45876888709122 mm[Hg]'],
    ]);
    expect(squash(row(el, 2)!.querySelector('.when')!.textContent)).to.equal('14-Sep-2015 15:29');
    await expect(el).to.be.accessible();
  });

  it('filters by test or report name; a matching report keeps all its results', async () => {
    const el = await resultsIn(await clemente(), CLEMENTE.id);
    const input = shadow(el).querySelector<HTMLInputElement>('[part="filter"]')!;
    expect(input.closest('label')!.textContent).to.contain('Filter results');
    input.focus();
    await sendKeys({ type: 'lipid' });
    await el.updateComplete;
    await waitUntil(() => row(el, 0)?.getAttribute('aria-setsize') === '10', 'the filter never applied');
    expect(squash(row(el, 0)!.querySelector('.report-name')!.textContent)).to.equal('Lipid Panel');
    expect(squash(row(el, 1)!.querySelector('.name')!.textContent)).to.equal('Total Cholesterol');
    expect(squash(row(el, 1)!.querySelector('.value')!.textContent)).to.equal('184.84863340586531 mg/dL');
    el.filter = 'weight';
    await el.updateComplete;
    await waitUntil(() => row(el, 0)?.getAttribute('aria-setsize') === '3');
    expect(rows(el).map((r) => squash(r.querySelector('.value')!.textContent))).to.deep.equal(['86.83489335670869 kg', '81.70210466575502 kg', '77.97300748096048 kg']);
    el.filter = 'insulin';
    await el.updateComplete;
    expect(shadow(el).querySelector('[part="list"]')).to.equal(null);
    expect(text(el)).to.contain('No results match “insulin”');
    await expect(el).to.be.accessible();
  });

  it('opens a trend as a table newest first with a labelled plot, and closes it', async () => {
    const el = await resultsIn(await clemente(), CLEMENTE.id);
    el.filter = 'Body Weight';
    await el.updateComplete;
    await waitUntil(() => row(el, 0)?.getAttribute('aria-setsize') === '3');
    const button = row(el, 0)!.querySelector<HTMLButtonElement>('[part="trend-button"]')!;
    expect(squash(button.textContent)).to.equal('Trend Body Weight');
    expect(button.getAttribute('aria-pressed')).to.equal('false');
    button.click();
    await el.updateComplete;
    const trend = shadow(el).querySelector('[part="trend"]')!;
    expect(squash(trend.querySelector('h3')!.textContent)).to.equal('Trend: Body Weight (kg)');
    await waitUntil(() => shadow(el).activeElement === trend.querySelector('h3'), 'focus never moved to the trend');
    const table = trend.querySelector('table')!;
    expect(squash(table.querySelector('caption')!.textContent)).to.equal('Body Weight, newest first');
    const cells = [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].slice(0, 2).map((td) => squash(td.textContent)));
    expect(cells).to.deep.equal([
      ['17-Sep-2018 15:29', '86.83489335670869 kg'],
      ['14-Sep-2015 15:29', '81.70210466575502 kg'],
      ['10-Sep-2012 15:29', '77.97300748096048 kg'],
    ]);
    const plot = trend.querySelector('svg[part="trend-plot"]')!;
    expect(plot.getAttribute('role')).to.equal('img');
    expect(plot.getAttribute('aria-label')).to.equal('Plot of 3 values of Body Weight from 10-Sep-2012 15:29 to 17-Sep-2018 15:29; the table lists them');
    expect(plot.querySelector('polyline')!.getAttribute('points')!.split(' ')).to.have.length(3);
    expect(plot.querySelector('rect.band')).to.equal(null); // no reference range recorded
    expect(row(el, 0)!.querySelector('[part="trend-button"]')!.getAttribute('aria-pressed')).to.equal('true');
    await expect(el).to.be.accessible();
    trend.querySelector<HTMLButtonElement>('.close-trend')!.click();
    await el.updateComplete;
    expect(shadow(el).querySelector('[part="trend"]')).to.equal(null);
  });

  it('says a recorded High flag with an icon and words, and shows the reference range; the trend draws the range band', async () => {
    const el = await resultsIn(await storeWith([await glucose()]), 'f001');
    const result = rowOf(el, 'Observation/f001')!;
    expect(squash(result.querySelector('.name')!.textContent)).to.equal('Glucose [Moles/volume] in Blood');
    expect(squash(result.querySelector('.value')!.textContent)).to.equal('6.3 mmol/l');
    const flag = result.querySelector('[part="flag"]')!;
    expect(squash(flag.textContent)).to.equal('High');
    expect(flag.querySelector('.icon-high')!.getAttribute('aria-hidden')).to.equal('true');
    expect(flag.classList.contains('flag-abnormal')).to.equal(true);
    expect(squash(result.querySelector('.range')!.textContent)).to.equal('Range: 3.1–6.2 mmol/l');
    result.querySelector<HTMLButtonElement>('[part="trend-button"]')!.click();
    await el.updateComplete;
    const trend = shadow(el).querySelector('[part="trend"]')!;
    expect(trend.querySelector('svg rect.band')).to.not.equal(null);
    expect([...trend.querySelectorAll('tbody td')].map((td) => squash(td.textContent))).to.deep.equal(['02-Apr-2013 08:30', '6.3 mmol/l', 'High', '3.1–6.2 mmol/l']);
    await expect(el).to.be.accessible();
  });

  it("says the interpretation's own words beside the flag (the official blood pressure: Low, \"Below low normal\")", async () => {
    const bp = await fetchFixture<Observation>('fhir/Observation-blood-pressure.json');
    const el = await resultsIn(await storeWith([bp]), 'example');
    const result = rowOf(el, 'Observation/blood-pressure')!;
    const [own] = result.querySelectorAll(':scope > .line');
    expect(squash(own!.querySelector('[part="flag"]')!.textContent)).to.equal('Low');
    expect(own!.querySelector('[part="flag"] .icon-low')).to.not.equal(null);
    expect(squash(own!.querySelector('.interpretation')!.textContent)).to.equal('Below low normal');
    // its components: systolic 107 mmHg (N, "Normal"), diastolic 60 mmHg (L, "Below low normal")
    expect([...result.querySelectorAll('.components .line')].map((line) => [squash(line.querySelector('.value')!.textContent), squash(line.querySelector('[part="flag"]')!.textContent), squash(line.querySelector('.interpretation')?.textContent)])).to.deep.equal([
      ['107 mmHg', 'Normal', ''],
      ['60 mmHg', 'Low', 'Below low normal'],
    ]);
    await expect(el).to.be.accessible();
  });

  it('marks a critical flag with its own icon, and a flag worked out from the range as such', async () => {
    const critical = await glucose((o) => ({ ...o, interpretation: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: 'HH' }] }] }));
    const { interpretation: _none, ...unflagged } = await glucose((o) => ({ ...o, id: 'f001-unflagged', effectivePeriod: { start: '2013-04-01T09:30:10+01:00' } }));
    const el = await resultsIn(await storeWith([critical, unflagged]), 'f001');
    const criticalFlag = rowOf(el, 'Observation/f001')!.querySelector('[part="flag"]')!;
    expect(squash(criticalFlag.textContent)).to.equal('Critical high');
    expect(criticalFlag.classList.contains('flag-critical')).to.equal(true);
    expect(criticalFlag.querySelector('.icon-critical')).to.not.equal(null);
    const derived = rowOf(el, 'Observation/f001-unflagged')!.querySelector('[part="flag"]')!;
    expect(squash(derived.textContent)).to.equal('High (by the reference range)');
    await expect(el).to.be.accessible();
  });

  it('strikes through an entered-in-error result and says so; an amended one says "Amended"', async () => {
    const wrong = await glucose((o) => ({ ...o, status: 'entered-in-error' }));
    const amended = await glucose((o) => ({ ...o, id: 'f001-amended', status: 'amended', effectivePeriod: { start: '2013-04-01T09:30:10+01:00' } }));
    const el = await resultsIn(await storeWith([wrong, amended]), 'f001');
    const struck = rowOf(el, 'Observation/f001')!;
    expect(struck.querySelector('.value')!.classList.contains('struck')).to.equal(true);
    const status = struck.querySelector('[part="status"]')!;
    expect(squash(status.textContent)).to.equal('Entered in error');
    expect(status.querySelector('.icon-entered-in-error')).to.not.equal(null);
    const modified = rowOf(el, 'Observation/f001-amended')!.querySelector('[part="status"]')!;
    expect(squash(modified.textContent)).to.equal('Amended');
    expect(modified.querySelector('.icon-modified')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('lists pending orders above the results, and leaves out completed ones', async () => {
    // the official ServiceRequest "example" (CT of head, completed) made active, beside the completed colonoscopy
    const ct = await fetchFixture<ServiceRequest>('fhir/ServiceRequest-example.json');
    const colonoscopy = await fetchFixture<ServiceRequest>('fhir/ServiceRequest-colonoscopy.json');
    const el = await resultsIn(await storeWith([{ ...ct, status: 'active', priority: 'urgent', authoredOn: '2026-11-20' }, colonoscopy]), 'example', false);
    const orders = shadow(el).querySelector('[part="orders"]')!;
    expect(squash(orders.querySelector('h3')!.textContent)).to.equal('Pending orders (1)');
    const order = orders.querySelector('[part="order"]')!;
    expect(order.getAttribute('data-reference')).to.equal('ServiceRequest/example');
    expect(squash(order.querySelector('.name')!.textContent)).to.equal('Computed tomography of head');
    expect(squash(order.textContent)).to.contain('Awaiting results');
    expect(squash(order.textContent)).to.contain('Urgent');
    expect(squash(order.querySelector('.ordered')!.textContent)).to.equal('Ordered 20-Nov-2026');
    expect(text(el)).to.not.contain('Colonoscopy');
    expect(el.hasCustomState('empty')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('fires cw-select with the reference when a report is clicked or a result is chosen with Enter', async () => {
    const el = await resultsIn(await clemente(), CLEMENTE.id);
    const onSelect = spy();
    document.addEventListener('cw-select', onSelect);
    try {
      row(el, 0)!.click();
      expect(onSelect.calledOnce).to.equal(true);
      const event = onSelect.firstCall.args[0] as CwSelectEvent;
      expect(event.detail).to.deep.equal({ reference: CBC_2018 });
      expect([event.bubbles, event.composed]).to.deep.equal([true, true]);
      await el.updateComplete;
      expect(row(el, 0)!.getAttribute('aria-current')).to.equal('true');
      row(el, 1)!.focus();
      await sendKeys({ press: 'Enter' });
      expect(onSelect.calledTwice).to.equal(true);
      expect((onSelect.secondCall.args[0] as CwSelectEvent).detail.reference).to.equal(LEUKOCYTES_2018);
    } finally {
      document.removeEventListener('cw-select', onSelect);
    }
  });

  it('moves focus between rows with the arrow keys, End and Home, one row taking Tab at a time', async () => {
    const el = await resultsIn(await clemente(), CLEMENTE.id);
    expect(row(el, 0)!.tabIndex).to.equal(0);
    expect(row(el, 1)!.tabIndex).to.equal(-1);
    row(el, 0)!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => shadow(el).activeElement === row(el, 1), 'focus never reached the second row');
    expect(row(el, 1)!.tabIndex).to.equal(0);
    expect(row(el, 0)!.tabIndex).to.equal(-1);
    await sendKeys({ press: 'PageDown' });
    await waitUntil(() => shadow(el).activeElement === row(el, 11), 'Page Down never moved ten rows');
    await sendKeys({ press: 'PageUp' });
    await waitUntil(() => shadow(el).activeElement === row(el, 1), 'Page Up never moved ten rows back');
    await sendKeys({ press: 'End' });
    await waitUntil(() => shadow(el).activeElement === row(el, 51), 'focus never reached the last row');
    expect(row(el, 51)!.getAttribute('aria-posinset')).to.equal('52');
    await sendKeys({ press: 'Home' });
    await waitUntil(() => shadow(el).activeElement === row(el, 0), 'focus never came back to the first row');
  });

  it('keeps the DOM bounded for a patient with 10,000 results, and scrolling brings later rows in', async function () {
    this.timeout(60000);
    const store = new MemoryStore();
    const tests = [['2345-7', 'Glucose'], ['718-7', 'Hemoglobin'], ['6690-2', 'Leukocytes'], ['2093-3', 'Cholesterol']] as const;
    for (let i = 0; i < 10000; i++) {
      const [code, name] = tests[i % 4]!;
      await store.update({
        resourceType: 'Observation', id: `o${i}`, status: 'final', subject: { reference: 'Patient/many' },
        code: { coding: [{ system: 'http://loinc.org', code }], text: name },
        effectiveDateTime: new Date(Date.UTC(2000, 0, 1) + i * 3_600_000).toISOString(),
        valueQuantity: { value: 100 + (i % 37), unit: 'mg/dL' },
        referenceRange: [{ low: { value: 70, unit: 'mg/dL' }, high: { value: 130, unit: 'mg/dL' } }],
      });
    }
    const el = await resultsIn(store, 'many');
    // the newest results first, then all 10,000 once the browser is idle
    await waitUntil(() => squash(shadow(el).querySelector('[part="summary"]')?.textContent) === '10000 results, 0 reports', 'the older results never arrived', { timeout: 30000 });
    await rendered(el);
    expect(row(el, 0)!.getAttribute('aria-setsize')).to.equal('10000');
    expect(row(el, 0)!.dataset['reference']).to.equal('Observation/o9999'); // newest first
    expect(rows(el).length).to.be.lessThan(300);
    expect(shadow(el).querySelectorAll('*').length).to.be.lessThan(3000);
    const list = shadow(el).querySelector<HTMLElement>('[part="list"]')!;
    // the virtualiser estimates the heights of rows it has not measured, so the end moves as it measures: scroll until it holds
    await waitUntil(
      () => {
        list.scrollTop = list.scrollHeight;
        return rows(el).some((r) => r.dataset['index'] === '9999');
      },
      'scrolling never brought the last row in',
      { interval: 100, timeout: 10000 },
    );
    expect(rows(el).length).to.be.lessThan(300);
    expect(rows(el).some((r) => r.dataset['reference'] === 'Observation/o0')).to.equal(true);
    // the first row, the tab stop, scrolled out of the DOM: a visible row took its place
    await waitUntil(() => rows(el).some((r) => r.tabIndex === 0), 'no rendered row takes Tab after scrolling');
    // the trend of one test (2,500 values) shows its newest values in its table, not all of them
    row(el, rows(el).length > 0 ? Number(rows(el)[0]!.dataset['index']) : 0)!.querySelector<HTMLButtonElement>('[part="trend-button"]')!.click();
    await el.updateComplete;
    const trend = shadow(el).querySelector('[part="trend"]')!;
    expect(trend.querySelectorAll('tbody tr').length).to.equal(50);
    expect(squash(trend.querySelector('.trend-more')!.textContent)).to.contain('Showing the 50 newest of 2500 values');
    trend.querySelector<HTMLButtonElement>('.trend-more button')!.click();
    await el.updateComplete;
    expect(trend.querySelectorAll('tbody tr').length).to.equal(100);
    expect(shadow(el).querySelectorAll('*').length).to.be.lessThan(3000);
  });

  it("renders a long list's rows inside a host's scroll container once the list scrolls into it", async () => {
    const outer = await fixture<HTMLDivElement>(html`<div style="block-size: 200px; overflow: auto">
      <div style="block-size: 1500px">spacer</div>
      <cw-chart-provider locale="en-GB" time-zone="UTC" .store=${await longRecord(300)}><cw-results patient-id="long"></cw-results></cw-chart-provider>
    </div>`);
    const el = outer.querySelector('cw-results')!;
    await loaded(el);
    await waitUntil(() => shadow(el).querySelector('li[virtualizer-sizer]') !== null, 'the long list never loaded the virtualiser');
    await new Promise((resolve) => setTimeout(resolve, 100));
    // far below the container's fold: the virtualiser has nothing to show yet
    expect(rows(el).length).to.be.lessThan(3);
    outer.scrollTop = 1500;
    await rendered(el);
    await waitUntil(() => row(el, 0) !== null, 'the first row never rendered');
    expect(row(el, 0)!.dataset['reference']).to.equal('Observation/o299');
  });

  it('keeps a long list below the fold in keyboard reach: the list takes Tab and hands focus to its first row', async () => {
    const outer = await fixture<HTMLDivElement>(html`<div style="block-size: 200px; overflow: auto">
      <div style="block-size: 1500px">spacer</div>
      <cw-chart-provider locale="en-GB" time-zone="UTC" .store=${await longRecord(300)}><cw-results patient-id="long"></cw-results></cw-chart-provider>
    </div>`);
    const el = outer.querySelector('cw-results')!;
    await loaded(el);
    await waitUntil(() => shadow(el).querySelector('li[virtualizer-sizer]') !== null, 'the long list never loaded the virtualiser');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const list = shadow(el).querySelector<HTMLUListElement>('ul.list')!;
    // no row rendered, so the scrolling list itself is the tab stop (axe: scrollable-region-focusable)
    expect(rows(el).length).to.equal(0);
    expect(list.getAttribute('tabindex')).to.equal('0');
    await expect(el).to.be.accessible();
    list.focus();
    await waitUntil(() => shadow(el).activeElement === row(el, 0), 'focus never moved to the first row');
    expect(row(el, 0)!.dataset['reference']).to.equal('Observation/o299');
    // with rows in the DOM, the roving row is the only tab stop again
    await waitUntil(() => !list.hasAttribute('tabindex'), 'the list kept its tab stop beside the row');
  });

  it('renders a short list whole, without the virtualiser: every row in the DOM, one tab stop', async () => {
    const el = await resultsIn(await clemente(), CLEMENTE.id);
    const list = shadow(el).querySelector<HTMLUListElement>('ul.list')!;
    expect(list.querySelector('li[virtualizer-sizer]')).to.equal(null);
    const all = rows(el);
    expect(all.length).to.equal(Number(all[0]!.getAttribute('aria-setsize')));
    expect(all.filter((item) => item.tabIndex === 0).length).to.equal(1);
    expect(list.hasAttribute('tabindex')).to.equal(false);
  });

  it('says "No results recorded", never "normal", when nothing is recorded', async () => {
    const el = await resultsIn(await storeWith([await fetchFixture<Patient>('fhir/Patient-example.json')]), 'example', false);
    expect(el.hasCustomState('empty')).to.equal(true);
    expect(squash(shadow(el).querySelector('.headline')!.textContent)).to.equal('No results recorded');
    expect(text(el)).to.contain('This does not mean that results are normal or that no tests were done.');
    expect(shadow(el).querySelector('.icon-not-recorded')).to.not.equal(null);
    expect(shadow(el).querySelector('[part="list"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('shows an error, offers a retry and fires cw-error when the store fails', async () => {
    let failing = true;
    const store = failingStore(await clemente(), (method, type) => failing && method === 'search' && type === 'Observation', new UnavailableError({ resourceType: 'Observation' }, 'IndexedDB is closed'));
    const onError = spy();
    document.addEventListener('cw-error', onError);
    try {
      const el = await resultsIn(store, CLEMENTE.id, false);
      expect(el.hasCustomState('error')).to.equal(true);
      expect(shadow(el).querySelector('[part="error"]')!.getAttribute('role')).to.equal('alert');
      expect(text(el)).to.contain('This information could not be loaded.');
      expect(text(el)).to.not.contain('No results recorded');
      expect(onError.calledOnce).to.equal(true);
      expect((onError.firstCall.args[0] as CwErrorEvent).detail.outcome.issue[0]?.code).to.equal('transient');
      await expect(el).to.be.accessible();
      failing = false;
      shadow(el).querySelector<HTMLButtonElement>('[part="retry"]')!.click();
      await waitUntil(() => !el.hasCustomState('error') && !el.hasCustomState('loading'));
      await rendered(el);
      expect(row(el, 0)!.dataset['reference']).to.equal(CBC_2018);
    } finally {
      document.removeEventListener('cw-error', onError);
    }
  });

  it('shows the restricted state, naming nothing withheld, when access is denied', async () => {
    const store = failingStore(await clemente(), (method, type) => method === 'search' && type === 'DiagnosticReport', new ForbiddenError({ resourceType: 'DiagnosticReport' }));
    const el = await resultsIn(store, CLEMENTE.id, false);
    expect(el.hasCustomState('restricted')).to.equal(true);
    expect(text(el)).to.contain('You do not have permission to see this information.');
    expect(text(el)).to.not.contain('DiagnosticReport');
    expect(text(el)).to.not.contain('Cholesterol');
    expect(shadow(el).querySelector('[part="retry"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('shows the labelled loading state until the data is in, with .store set directly', async () => {
    const el = await fixture<CwResults>(html`<cw-results patient-id="f001" locale="en-GB" time-zone="UTC" .store=${await storeWith([await glucose()])}></cw-results>`);
    expect(el.hasCustomState('loading')).to.equal(true);
    expect((el as unknown as { internals: ElementInternals }).internals.ariaBusy).to.equal('true');
    expect(squash(shadow(el).querySelector('[part="loading"]')!.textContent)).to.equal('Loading results…');
    await expect(el).to.be.accessible();
    await loaded(el);
    await rendered(el);
    expect(rowOf(el, 'Observation/f001')).to.not.equal(null);
  });

  it("never shows the previous patient's results after a switch, and updates live for the bound patient", async () => {
    const store = await storeWith([...(await syntheaResources(CLEMENTE.file)), await glucose()]);
    const el = await resultsIn(store, CLEMENTE.id);
    expect(text(el)).to.contain('Complete blood count');
    el.patientId = 'f001';
    await el.updateComplete;
    expect(text(el)).to.not.contain('Complete blood count');
    await loaded(el);
    await rendered(el);
    expect(rowOf(el, 'Observation/f001')).to.not.equal(null);
    const report: DiagnosticReport = { resourceType: 'DiagnosticReport', id: 'new-report', status: 'preliminary', code: { text: 'Glucose tolerance' }, subject: { reference: 'Patient/f001' }, effectiveDateTime: '2026-11-25T08:00:00Z', result: [{ reference: 'Observation/f001' }] };
    await store.update(report);
    await waitUntil(() => rowOf(el, 'DiagnosticReport/new-report') !== null, 'the new report never showed');
    expect(squash(rowOf(el, 'DiagnosticReport/new-report')!.querySelector('[part="status"]')!.textContent)).to.equal('Preliminary');
  });

  it("shows none of another patient's results, an error instead, and fires cw-context-mismatch, when the store answers for the wrong patient", async () => {
    const inner = await storeWith([...(await syntheaResources(TONY.file)), ...(await syntheaResources(CLEMENTE.file))]);
    // a broken store: every Observation search answers with Tony Douglas's
    const store = new Proxy(inner, {
      get(target, property, receiver) {
        if (property === 'search') {
          return (type: string, query: object, ...rest: unknown[]) =>
            (target.search as (...args: unknown[]) => Promise<unknown>).call(target, type, type === 'Observation' ? { ...query, patient: `Patient/${TONY.id}` } : query, ...rest);
        }
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    }) as ChartStore;
    const onMismatch = spy();
    document.addEventListener('cw-context-mismatch', onMismatch);
    try {
      const el = await resultsIn(store, CLEMENTE.id, false);
      expect(el.hasCustomState('error')).to.equal(true);
      expect(text(el)).to.contain('belongs to a different patient');
      expect(shadow(el).querySelector('[part="list"]')).to.equal(null);
      expect(shadow(el).querySelector('[part="summary"]')).to.equal(null);
      expect(onMismatch.calledOnce).to.equal(true);
      expect(onMismatch.firstCall.args[0].detail).to.deep.equal({ patientId: CLEMENTE.id, found: [`Patient/${TONY.id}`] });
      await expect(el).to.be.accessible();
    } finally {
      document.removeEventListener('cw-context-mismatch', onMismatch);
    }
  });

  it('takes translated strings through i18n', async () => {
    const el = await fixture<CwResults>(html`<cw-results patient-id="f001" time-zone="UTC" .store=${await storeWith([await glucose()])}
      .i18n=${{ heading: 'Resultados', flag: { H: 'Alto' } }}></cw-results>`);
    await loaded(el);
    await rendered(el);
    expect(shadow(el).querySelector('h2')!.textContent).to.equal('Resultados');
    expect(squash(rowOf(el, 'Observation/f001')!.querySelector('[part="flag"]')!.textContent)).to.equal('Alto');
    // the other flag words keep their defaults
    el.i18n = { flag: { L: 'Bajo' } };
    await el.updateComplete;
    expect(squash(rowOf(el, 'Observation/f001')!.querySelector('[part="flag"]')!.textContent)).to.equal('High');
  });

  it('renders script, onerror and javascript: in every recorded text as text, and runs none of it', async () => {
    const win = window as unknown as { cwXss?: number };
    win.cwXss = 0;
    const attack = '<img src=x onerror="window.cwXss++"><script>window.cwXss++</script><a href="javascript:window.cwXss++">x</a>';
    const url = 'javascript:window.cwXss++';
    const hostile: Observation = {
      ...(await glucose()),
      code: { coding: [{ system: 'http://loinc.org', code: '15074-8', display: attack }], text: attack },
      interpretation: [{ text: attack }],
      referenceRange: [{ low: { value: 3.1, unit: attack }, high: { value: 6.2, unit: attack } }, { text: attack, appliesTo: [{ text: attack }] }],
      note: [{ text: attack }],
      component: [{ code: { text: attack }, valueString: attack }],
      meta: { source: url },
      hasMember: [{ reference: url }],
    };
    const coded: Observation = { resourceType: 'Observation', id: 'coded', status: 'final', subject: { reference: 'Patient/f001' }, code: { coding: [{ system: 'http://loinc.org', code: '8867-4', display: attack }] }, valueCodeableConcept: { text: attack }, effectiveDateTime: '2013-04-01' };
    const report: DiagnosticReport = { resourceType: 'DiagnosticReport', id: 'hostile', status: 'final', code: { text: attack }, subject: { reference: 'Patient/f001' }, conclusion: attack, conclusionCode: [{ text: attack }], performer: [{ display: attack, reference: url }], result: [{ reference: 'Observation/f001' }, { reference: url }], meta: { source: url } };
    const order: ServiceRequest = { resourceType: 'ServiceRequest', id: 'hostile', status: 'active', intent: 'order', code: { text: attack }, subject: { reference: 'Patient/f001' }, requester: { display: attack, reference: url }, authoredOn: '2026-11-20' };
    const store = await storeWith([hostile, coded, report, order]);
    const el = await resultsIn(store, 'f001');
    rowOf(el, 'Observation/f001')!.querySelector<HTMLButtonElement>('[part="trend-button"]')!.click();
    await el.updateComplete;
    expect(shadow(el).querySelector('[part="trend"] h3')!.textContent).to.contain(attack);
    el.groupBy = 'test';
    await el.updateComplete;
    await rendered(el);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(win.cwXss).to.equal(0);
    expect(shadow(el).querySelector('img, script, a')).to.equal(null);
    expect(text(el)).to.contain(attack);
    expect(text(el)).to.contain('javascript:window.cwXss++');
    el.groupBy = 'report';
    await el.updateComplete;
    // the open trend pushes the list down: the virtualiser renders rows only once the list is on screen
    shadow(el).querySelector('[part="list"]')!.scrollIntoView();
    await waitUntil(() => rowOf(el, 'DiagnosticReport/hostile') !== null, 'the hostile report never rendered');
    const reportRow = rowOf(el, 'DiagnosticReport/hostile')!;
    expect(reportRow.querySelector('.report-name')!.textContent).to.equal(attack);
    expect(squash(reportRow.querySelector('.conclusion')!.textContent)).to.contain(squash(attack));
    expect(squash(reportRow.querySelector('.missing')!.textContent)).to.equal('1 result of this report is not in this chart'); // the javascript: reference
    expect(shadow(el).querySelector('[part="order"] .name')!.textContent).to.equal(attack);
    expect(shadow(el).querySelector('img, script, a')).to.equal(null);
    expect(win.cwXss).to.equal(0);
  });

  describe('a long record (more Observations than the first render shows)', () => {
    /** `inner` whose full Observation reads (no `_sort`, no `_id`: the load of all of them) wait for `gate`. */
    const gatedStore = (inner: ChartStore, gate: Promise<void>): ChartStore =>
      new Proxy(inner, {
        get(target, property, receiver) {
          if (property === 'search') {
            return async (type: ResourceType, query: SearchQuery<ResourceType> = {}, ...rest: unknown[]) => {
              if (type === 'Observation' && query._sort === undefined && query._id === undefined) await gate;
              return (target.search as (...args: unknown[]) => Promise<unknown>).call(target, type, query, ...rest);
            };
          }
          const value: unknown = Reflect.get(target, property, receiver);
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
        },
      });
    const summary = (el: HTMLElement) => squash(shadow(el).querySelector('[part~="summary"]')?.textContent);

    it("shows Tobie Rempel's newest results first, saying older ones are loading with no count, then all 281 of them", async () => {
      let open = (): void => undefined;
      const gate = new Promise<void>((resolve) => (open = resolve));
      const el = await resultsIn(gatedStore(await storeWith(await syntheaResources(TOBIE.file)), gate), TOBIE.id);
      // first render: the newest only, no count presented as final
      expect(summary(el)).to.equal('Showing the newest results. Loading older results…');
      expect(shadow(el).querySelector('[part~="summary"]')!.getAttribute('role')).to.equal('status');
      expect(text(el)).not.to.match(/\d+ results, \d+ reports/);
      expect(rows(el).every((li) => li.getAttribute('aria-setsize') === '-1')).to.equal(true);
      // Tobie's newest Observation is of 28-Feb-2006; none of 2000 is among the newest
      expect(text(el)).to.include('28-Feb-2006');
      expect(text(el)).not.to.include('-2000 ');
      await expect(el).to.be.accessible();
      open();
      // then all: 281 Observations, 25 DiagnosticReports (Tobie's bundle)
      await waitUntil(() => summary(el) === '281 results, 25 reports', 'the older results never arrived');
      await rendered(el);
      const total = String(rows(el)[0]?.getAttribute('aria-setsize'));
      expect(Number(total)).to.be.greaterThan(281);
      expect(rows(el).every((li) => li.getAttribute('aria-setsize') === total)).to.equal(true);
      await expect(el).to.be.accessible();
    });

    it('stops loading the older results when it leaves the document, and loads them when it comes back', async () => {
      let open = (): void => undefined;
      const gate = new Promise<void>((resolve) => (open = resolve));
      const el = await resultsIn(gatedStore(await storeWith(await syntheaResources(TOBIE.file)), gate), TOBIE.id);
      const parent = el.parentElement!;
      // let the idle callback start the load of the rest (it waits at the gate), then take the element out
      await new Promise((resolve) => setTimeout(resolve, 1200));
      el.remove();
      open();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(summary(el)).to.equal('Showing the newest results. Loading older results…');
      parent.append(el);
      await waitUntil(() => summary(el) === '281 results, 25 reports', 'the older results never arrived after it came back');
    });

    it('keeps the newest results when the older ones fail to load, and says so with a retry', async () => {
      const failed = Promise.reject(new UnavailableError({}, 'offline'));
      failed.catch(() => undefined);
      const el = await resultsIn(gatedStore(await storeWith(await syntheaResources(TOBIE.file)), failed), TOBIE.id);
      await waitUntil(() => summary(el).startsWith('Only the newest results are shown'), 'the failure was never shown');
      expect(summary(el)).to.equal('Only the newest results are shown: older results could not be loaded. Try again');
      expect(shadow(el).querySelector('[part~="summary"] [part="retry"]')).not.to.equal(null);
      expect(text(el)).to.include('28-Feb-2006');
      await expect(el).to.be.accessible();
    });

    it("shows a record no longer than the first render's whole at once, with its counts", async () => {
      const el = await resultsIn(gatedStore(await clemente(), new Promise<void>(() => undefined)), CLEMENTE.id);
      expect(summary(el)).to.equal('48 results, 4 reports');
    });
  });
});
