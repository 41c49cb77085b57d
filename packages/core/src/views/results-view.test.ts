import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Observation, Resource } from '@chartwell/fhir';
import { fixtureJson } from '../../../../test/support/fixtures.js';
import { storeWith, syntheaResources } from '../../../../test/support/chart-fixtures.js';
import { resultsView } from './results-view.js';

const CLEMENTE = 'd78af07c-9cb9-4f31-9b11-c45a28f2eec8';

describe('resultsView on a Synthea patient (Clemente Kreiger)', () => {
  it('groups the Observations under their DiagnosticReports, newest report first', async () => {
    const view = await resultsView(await storeWith(syntheaResources('Clemente_Kreiger_1484a42d-0eaf-4654-9cbf-6b050a5cd73b.json')), CLEMENTE);
    assert.deepEqual(view.reports.map((r) => [r.name, r.effective, r.results.length, r.statusLabel]), [
      ['Complete blood count (hemogram) panel - Blood by Automated count', '2018-09-17T15:29:24+00:00', 11, 'Final'],
      ['Lipid Panel', '2018-09-17T15:29:24+00:00', 4, 'Final'],
      ['Lipid Panel', '2015-09-14T15:29:24+00:00', 4, 'Final'],
      ['Complete blood count (hemogram) panel - Blood by Automated count', '2012-09-10T15:29:24+00:00', 11, 'Final'],
    ]);
    assert.deepEqual(view.reports[1]?.results.map((r) => [r.name, r.valueText]), [
      ['Total Cholesterol', '184.84863340586531 mg/dL'],
      ['Triglycerides', '148.94984637509862 mg/dL'],
      ['Low Density Lipoprotein Cholesterol', '86.81267727351057 mg/dL'],
      ['High Density Lipoprotein Cholesterol', '68.24598685733501 mg/dL'],
    ]);
    // 48 Observations, 30 of them in reports: 15 vital signs and 3 smoking statuses stand alone.
    assert.equal(view.results.length, 18);
  });

  it('shows the latest vitals, blood pressure with its components', async () => {
    const view = await resultsView(await storeWith(syntheaResources('Clemente_Kreiger_1484a42d-0eaf-4654-9cbf-6b050a5cd73b.json')), CLEMENTE);
    assert.deepEqual(view.latestVitals.map((v) => [v.name, v.effective]), [
      ['Body Mass Index', '2018-09-17T15:29:24+00:00'],
      ['Body Weight', '2018-09-17T15:29:24+00:00'],
      ['Body Height', '2018-09-17T15:29:24+00:00'],
      ['Pain severity - 0-10 verbal numeric rating [Score] - Reported', '2018-09-17T15:29:24+00:00'],
      ['Blood Pressure', '2018-09-17T15:29:24+00:00'],
    ]);
    const bp = view.latestVitals[4];
    assert.equal(bp?.valueText, 'Not recorded');
    assert.deepEqual(bp?.components.map((c) => [c.loinc, c.name, c.value.kind === 'quantity' ? c.value.value.toString() : '', c.unit]), [
      ['8462-4', 'Diastolic Blood Pressure', '86.929055068346', 'mm[Hg]'],
      ['8480-6', 'Systolic Blood Pressure', '122.45876888709122', 'mm[Hg]'],
    ]);
    assert.equal(view.results.find((r) => r.loinc === '72166-2')?.valueText, 'Never smoker');
  });

  it('trends each LOINC code oldest first, components included', async () => {
    const view = await resultsView(await storeWith(syntheaResources('Clemente_Kreiger_1484a42d-0eaf-4654-9cbf-6b050a5cd73b.json')), CLEMENTE);
    const weight = view.trends.find((t) => t.loinc === '29463-7');
    assert.deepEqual([weight?.unit, weight?.points.map((p) => p.value.toString())], ['kg', ['77.97300748096048', '81.70210466575502', '86.83489335670869']]);
    const systolic = view.trends.find((t) => t.loinc === '8480-6');
    assert.equal(systolic?.points.length, 3);
    assert.equal(systolic?.points[2]?.plotValue, 122.45876888709122);
  });
});

describe('resultsView on the official examples and edge cases', () => {
  it('keeps a recorded flag, and derives one from the range when it is missing', async () => {
    const recorded = fixtureJson<Observation>('fhir/Observation-f001.json');
    const { interpretation: _dropped, ...unflagged } = { ...recorded, id: 'f001-unflagged' };
    const view = await resultsView(await storeWith([recorded, unflagged]), 'f001');
    const byId = new Map(view.results.map((r) => [r.id, r]));
    assert.deepEqual([byId.get('f001')?.valueText, byId.get('f001')?.flag?.code, byId.get('f001')?.flag?.derived], ['6.3 mmol/l', 'H', false]);
    assert.deepEqual([byId.get('f001-unflagged')?.flag?.code, byId.get('f001-unflagged')?.flag?.label, byId.get('f001-unflagged')?.flag?.derived], ['H', 'High', true]);
    assert.deepEqual(byId.get('f001')?.referenceRanges.map((r) => [r.low?.value, r.high?.value]), [[3.1, 6.2]]);
  });

  it('writes times in the view\'s zone and style, and names each item\'s source', async () => {
    const recorded = { ...fixtureJson<Observation>('fhir/Observation-f001.json'), meta: { source: 'urn:lab:amc' } };
    const store = await storeWith([recorded]);
    const clinical = await resultsView(store, 'f001', { timeZone: 'Europe/Amsterdam', storeName: 'Local chart' });
    // 09:30:10+01:00 is 08:30:10Z; Amsterdam is on CEST (+02:00) on 2 April 2013.
    assert.equal(clinical.results[0]?.effectiveText, '02-Apr-2013 10:30');
    assert.deepEqual([clinical.results[0]?.source.system, clinical.results[0]?.source.basis], ['urn:lab:amc', 'meta.source']);
    const plain = await resultsView(await storeWith([fixtureJson<Observation>('fhir/Observation-f001.json')]), 'f001', { storeName: 'Local chart', locale: 'de-DE', dateStyle: 'locale', timeZone: 'Europe/Berlin' });
    assert.deepEqual([plain.results[0]?.source.system, plain.results[0]?.source.basis, plain.results[0]?.effectiveText], ['Local chart', 'store', '02.04.2013, 10:30']);
  });

  it('reads the official blood pressure example: recorded L on the panel, components in mmHg', async () => {
    const view = await resultsView(await storeWith([fixtureJson<Resource>('fhir/Observation-blood-pressure.json')]), 'example');
    const bp = view.latestVitals[0];
    assert.deepEqual([bp?.flag?.code, bp?.flag?.label], ['L', 'Low']);
    assert.deepEqual(bp?.components.map((c) => [c.loinc, c.valueText]), [['8480-6', '107 mmHg'], ['8462-4', '60 mmHg']]);
  });

  const obs = (id: string, extra: Partial<Observation>): Observation => ({ resourceType: 'Observation', id, status: 'final', category: [{ coding: [{ code: 'vital-signs' }] }], code: { coding: [{ system: 'http://loinc.org', code: '8867-4', display: 'Heart rate' }] }, subject: { reference: 'Patient/p' }, ...extra });

  it('shows a missing unit as missing, and keeps entered-in-error out of trends and latest vitals', async () => {
    const view = await resultsView(
      await storeWith([
        obs('old', { effectiveDateTime: '2026-01-01T10:00:00Z', valueQuantity: { value: 70, unit: '/min' } }),
        obs('no-unit', { effectiveDateTime: '2026-01-02T10:00:00Z', valueQuantity: { value: 72 } }),
        obs('wrong', { status: 'entered-in-error', effectiveDateTime: '2026-01-03T10:00:00Z', valueQuantity: { value: 700, unit: '/min' } }),
      ]),
      'p',
    );
    assert.deepEqual(view.latestVitals.map((v) => [v.id, v.valueText, v.unit]), [['no-unit', '72', '']]);
    assert.deepEqual(view.trends.map((t) => [t.unit, t.points.map((p) => p.observationId)]), [['', ['no-unit']], ['/min', ['old']]]);
    const wrong = view.results.find((r) => r.id === 'wrong');
    assert.deepEqual([wrong?.enteredInError, wrong?.statusLabel], [true, 'Entered in error']);
  });

  it('nests a panel\'s members (US Core AUDIT-C), listing the members the store lacks', async () => {
    const names = ['Observation-AUDIT-C-panel-example-72109-2', 'Observation-AUDIT-C-item-example-68517-2', 'Observation-AUDIT-C-item-example-68520-6'];
    const view = await resultsView(await storeWith(names.map((name) => fixtureJson<Resource>(`us-core/${name}.json`))), 'example');
    assert.deepEqual(view.results.map((r) => r.id), ['AUDIT-C-panel-example-72109-2']);
    const panel = view.results[0];
    assert.deepEqual(panel?.members.map((m) => [m.id, m.valueText]), [['AUDIT-C-item-example-68517-2', '0 # per year'], ['AUDIT-C-item-example-68520-6', 'Never']]);
    assert.deepEqual(panel?.missingMembers, ['Observation/AUDIT-C-item-example-68519-8', 'Observation/AUDIT-C-item-example-75626-2']);
  });

  it('lists orders with their status and the reports that answer them', async () => {
    const view = await resultsView(
      await storeWith([
        { resourceType: 'ServiceRequest', id: 'sr1', status: 'completed', intent: 'order', code: { text: 'Lipid panel' }, subject: { reference: 'Patient/p' }, authoredOn: '2026-01-01' },
        { resourceType: 'ServiceRequest', id: 'sr2', status: 'active', intent: 'order', code: { text: 'HbA1c' }, subject: { reference: 'Patient/p' }, authoredOn: '2026-01-05' },
        { resourceType: 'DiagnosticReport', id: 'dr1', status: 'final', basedOn: [{ reference: 'ServiceRequest/sr1' }], code: { text: 'Lipid panel' }, subject: { reference: 'Patient/p' }, result: [{ reference: 'Observation/gone' }] },
        { resourceType: 'Observation', id: 'a1c', status: 'preliminary', basedOn: [{ reference: 'ServiceRequest/sr2' }], code: { text: 'HbA1c' }, subject: { reference: 'Patient/p' }, valueQuantity: { value: 6.1, unit: '%' } },
      ]),
      'p',
    );
    assert.deepEqual(view.orders.map((o) => [o.id, o.name, o.statusLabel, o.reportIds]), [['sr2', 'HbA1c', 'Active', []], ['sr1', 'Lipid panel', 'Completed', ['dr1']]]);
    assert.deepEqual(view.reports[0]?.missingResults, ['Observation/gone']);
    assert.deepEqual(view.orders.map((o) => o.resultIds), [['a1c'], []]);
  });
});

describe('resultsView: what a results display needs', () => {
  it('writes a reference range in words, and puts it with its band on each trend point', async () => {
    // the official f001: glucose 6.3 mmol/l, range 3.1 to 6.2 mmol/l, recorded H
    const recorded = fixtureJson<Observation>('fhir/Observation-f001.json');
    const view = await resultsView(await storeWith([recorded]), 'f001', { timeZone: 'UTC' });
    assert.deepEqual(view.results[0]?.referenceRanges.map((r) => r.display), ['3.1–6.2 mmol/l']);
    const trend = view.trends.find((t) => t.loinc === '15074-8');
    assert.deepEqual(trend?.points.map((p) => [p.valueText, p.effectiveText, p.rangeText, p.band]), [['6.3 mmol/l', '02-Apr-2013 08:30', '3.1–6.2 mmol/l', { low: 3.1, high: 6.2 }]]);
    assert.deepEqual(trend?.band, { low: 3.1, high: 6.2 });
  });

  it('writes one-sided and text-only ranges, and draws no band for a range in another unit', async () => {
    const glucose = (id: string, range: Observation['referenceRange']): Observation => ({ resourceType: 'Observation', id, status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '15074-8' }] }, subject: { reference: 'Patient/p' }, effectiveDateTime: `2020-01-0${id.length}`, valueQuantity: { value: 5, unit: 'mmol/l' }, referenceRange: range });
    const view = await resultsView(
      await storeWith([
        glucose('a', [{ low: { value: 3.1, unit: 'mmol/l' } }]),
        glucose('bb', [{ high: { value: 6.2, unit: 'mmol/l' } }]),
        glucose('ccc', [{ text: 'see lab notes' }]),
        glucose('dddd', [{ low: { value: 56, unit: 'mg/dL' }, high: { value: 112, unit: 'mg/dL' } }]),
      ]),
      'p',
    );
    const points = view.trends[0]?.points ?? [];
    assert.deepEqual(points.map((p) => [p.observationId, p.rangeText, p.band]), [
      ['a', '≥ 3.1 mmol/l', { low: 3.1 }],
      ['bb', '≤ 6.2 mmol/l', { high: 6.2 }],
      ['ccc', 'see lab notes', undefined],
      ['dddd', '56–112 mg/dL', undefined],
    ]);
    // the newest point with a band in the trend's unit
    assert.deepEqual(view.trends[0]?.band, { high: 6.2 });
  });

  it('calls an active order pending until a final report or result answers it; a preliminary one leaves it pending', async () => {
    const order = (id: string, status: 'active' | 'on-hold' | 'completed' | 'draft', intent: 'order' | 'proposal' = 'order') => ({ resourceType: 'ServiceRequest' as const, id, status, intent, code: { text: id }, subject: { reference: 'Patient/p' } });
    const view = await resultsView(
      await storeWith([
        order('waiting', 'active'),
        order('held', 'on-hold'),
        order('done', 'completed'),
        order('draft', 'draft'),
        order('proposed', 'active', 'proposal'),
        order('prelim', 'active'),
        order('answered', 'active'),
        { resourceType: 'Observation', id: 'p1', status: 'preliminary', basedOn: [{ reference: 'ServiceRequest/prelim' }], code: { text: 'x' }, subject: { reference: 'Patient/p' } },
        { resourceType: 'DiagnosticReport', id: 'r1', status: 'final', basedOn: [{ reference: 'ServiceRequest/answered' }], code: { text: 'x' }, subject: { reference: 'Patient/p' } },
      ]),
      'p',
    );
    const pending = new Map(view.orders.map((o) => [o.id, o.pending]));
    assert.deepEqual(Object.fromEntries(pending), { waiting: true, held: true, done: false, draft: false, proposed: false, prelim: true, answered: false });
  });

  it("keeps the interpretation's own words when they say more than the flag", async () => {
    // official examples: blood-pressure (L, text "Below low normal"), f204 (SNOMED "Serum creatinine raised" beside v3 H), f001 (H, display "High")
    const view = await resultsView(await storeWith(['fhir/Observation-blood-pressure.json', 'fhir/Observation-f204.json', 'fhir/Observation-f001.json'].map((path) => ({ ...fixtureJson<Observation>(path), subject: { reference: 'Patient/p' } }))), 'p');
    const byId = new Map(view.results.map((r) => [r.id, r]));
    assert.deepEqual([byId.get('blood-pressure')?.flag?.label, byId.get('blood-pressure')?.interpretationText], ['Low', 'Below low normal']);
    assert.deepEqual([byId.get('f204')?.flag?.label, byId.get('f204')?.interpretationText], ['High', 'Serum creatinine raised']);
    assert.deepEqual([byId.get('f001')?.flag?.label, byId.get('f001')?.interpretationText], ['High', undefined]);
  });
});

describe('resultsView with newest (a first render of a long record)', () => {
  const clemente = () => storeWith(syntheaResources('Clemente_Kreiger_1484a42d-0eaf-4654-9cbf-6b050a5cd73b.json'));

  it('holds the newest Observations and the reports of their window, each report with all its results', async () => {
    // Clemente's newest 5 Observations are all of 2018-09-17, the day of his two newest reports (CBC with 11 results, lipids with 4)
    const view = await resultsView(await clemente(), CLEMENTE, { newest: 5 });
    assert.equal(view.complete, false);
    assert.deepEqual(view.reports.map((r) => [r.name, r.effective, r.results.length, r.missingResults.length]), [
      ['Complete blood count (hemogram) panel - Blood by Automated count', '2018-09-17T15:29:24+00:00', 11, 0],
      ['Lipid Panel', '2018-09-17T15:29:24+00:00', 4, 0],
    ]);
    assert.ok(view.results.length <= 5, `at most the 5 newest stand alone, got ${view.results.length}`);
    assert.ok(view.results.every((r) => r.effective === '2018-09-17T15:29:24+00:00'), 'every result on its own is of the newest day');
    assert.ok(view.trends.every((t) => t.points.every((p) => p.effective.startsWith('2018-09-17'))), 'trends hold only what the view holds');
  });

  it('is the whole view, complete, when the record has no more than that many', async () => {
    const store = await clemente();
    const whole = await resultsView(store, CLEMENTE);
    const newest = await resultsView(store, CLEMENTE, { newest: 48 });
    assert.equal(whole.complete, true);
    assert.equal(newest.complete, true);
    assert.deepEqual(newest, whole);
  });

  it('shows no pending order while older results may answer it', async () => {
    const store = await storeWith([
      { resourceType: 'Patient', id: 'p' },
      { resourceType: 'ServiceRequest', id: 'sr', status: 'active', intent: 'order', code: { text: 'HbA1c' }, subject: { reference: 'Patient/p' }, authoredOn: '2026-01-01' },
      { resourceType: 'Observation', id: 'answer', status: 'final', basedOn: [{ reference: 'ServiceRequest/sr' }], code: { text: 'HbA1c' }, subject: { reference: 'Patient/p' }, effectiveDateTime: '2026-01-02', valueQuantity: { value: 6.1, unit: '%' } },
      { resourceType: 'Observation', id: 'later', status: 'final', code: { text: 'Weight' }, subject: { reference: 'Patient/p' }, effectiveDateTime: '2026-03-01', valueQuantity: { value: 80, unit: 'kg' } },
      { resourceType: 'ServiceRequest', id: 'open', status: 'active', intent: 'order', code: { text: 'Lipids' }, subject: { reference: 'Patient/p' }, authoredOn: '2026-02-01' },
    ]);
    const partial = await resultsView(store, 'p', { newest: 1 });
    assert.deepEqual([partial.complete, partial.results.map((r) => r.id), partial.orders.map((o) => [o.id, o.pending])], [false, ['later'], []]);
    const whole = await resultsView(store, 'p');
    assert.deepEqual(whole.orders.map((o) => [o.id, o.pending]), [['open', true], ['sr', false]]);
  });

  it('rejects a newest that is not a positive whole number, naming it', async () => {
    const store = await clemente();
    for (const newest of [0, -1, 2.5, Number.NaN]) {
      await assert.rejects(resultsView(store, CLEMENTE, { newest }), (error: Error) => error.name === 'InvalidError' && /newest/.test(error.message));
    }
  });
});
