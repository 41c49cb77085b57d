import { expect } from '@open-wc/testing';
import { deleteDB } from 'idb';
import { searchParameters, searchResources, searchValues, type SearchPage } from '@chartwell/core';
import type { Resource, ResourceType } from '@chartwell/fhir';
import { IndexedDbStore } from './indexed-db-store.js';
import { openChartDatabase } from './chart-database.js';
import { plans } from './search-index.js';

interface Bundle {
  readonly entry: readonly { readonly fullUrl?: string; readonly resource: Resource }[];
}

/** A Synthea transaction Bundle's resources, with `urn:uuid:` references turned into `Type/id`. */
async function synthea(file: string): Promise<Resource[]> {
  const response = await fetch(`/test/fixtures/synthea/smart-r4-2019/${file}`);
  if (!response.ok) throw new Error(`fixture ${file}: HTTP ${response.status}`);
  const bundle = (await response.json()) as Bundle;
  const local = new Map<string, string>();
  for (const { fullUrl, resource } of bundle.entry) if (fullUrl && resource.id) local.set(fullUrl, `${resource.resourceType}/${resource.id}`);
  const text = JSON.stringify(bundle.entry.map((e) => e.resource)).replace(/"reference":"(urn:uuid:[0-9a-f-]+)"/g, (whole, urn: string) => {
    const target = local.get(urn);
    return target ? `"reference":"${target}"` : whole;
  });
  return JSON.parse(text) as Resource[];
}

const FILES = ['Tobie_Rempel_38cde5fd-1861-44db-b7cc-58769b464658.json', 'Clemente_Kreiger_1484a42d-0eaf-4654-9cbf-6b050a5cd73b.json', 'Louis_Miller_f8bbc4a5-8a9f-45ed-a807-b715feefb2ef.json'];
const TYPES: ResourceType[] = ['Observation', 'Condition', 'MedicationRequest', 'Encounter', 'Immunization', 'Procedure', 'DiagnosticReport', 'CarePlan', 'Claim'];

/** Queries of `type` built from the data: each parameter alone and with the patient, every date prefix, OR lists, sorting, paging and _include. */
function queriesFor(type: ResourceType, resources: readonly Resource[], patients: readonly string[]): Record<string, unknown>[] {
  const params = Object.keys((searchParameters as Record<string, Record<string, unknown>>)[type] ?? {});
  const queries: Record<string, unknown>[] = [{}];
  for (const patient of [...patients, 'Patient/nobody']) {
    const own = resources.filter((r) => searchValues(r, type, 'patient')?.values.some((v) => v === patient));
    const withPatient = (q: Record<string, unknown>) => [q, { ...q, patient: patient.slice('Patient/'.length) }];
    queries.push({ patient: patient.slice('Patient/'.length) }, { patient, _sort: params.includes('date') ? '-date' : '-_lastUpdated', _count: 5 }, { patient, _include: `${type}:patient` });
    if (params.includes('date')) {
      // sorted by date: the index walk, ties included, and short walks (the page reaches the undated)
      queries.push({ patient, _sort: 'date', _count: 2 }, { patient, _sort: ['-date', '-_id'], _count: 7 }, { patient, _sort: '-date', _count: 1000 }, { patient, _sort: ['date', 'status'], _count: 1 });
      queries.push({ patient, _sort: '-date', _count: 4, status: ['final', 'active', 'finished', 'completed'] }, { patient: [patient, 'Patient/nobody'], _sort: '-date', _count: 3 });
    }
    if (params.includes('subject')) queries.push({ subject: patient });
    for (const param of params) {
      const sample = own.map((r) => searchValues(r, type, param)).find((v) => v && v.values.length > 0);
      if (sample?.kind === 'token') {
        const [first, second] = sample.values;
        if (!first) continue;
        queries.push(...withPatient({ [param]: first.code }), ...withPatient({ [param]: `${first.system ?? ''}|${first.code}` }), ...withPatient({ [param]: `|${first.code}` }));
        if (second) queries.push(...withPatient({ [param]: [`${second.system ?? ''}|${second.code}`, first.code] }));
      } else if (sample?.kind === 'date') {
        const day = sample.values[0]?.start.slice(0, 10) ?? '2015-01-01';
        const year = day.slice(0, 4);
        for (const prefix of ['', 'eq', 'ne', 'lt', 'gt', 'le', 'ge']) queries.push(...withPatient({ [param]: `${prefix}${day}` }), ...withPatient({ [param]: `${prefix}${year}` }));
        queries.push(...withPatient({ [param]: [`ge${year}`, `lt${Number(year) + 2}`] }), ...withPatient({ [param]: `ge${year}`, _sort: `-${param}`, _count: 3 }));
      }
    }
  }
  return queries;
}

const describePage = (page: SearchPage<Resource>) => ({ ids: page.map((r) => r.id), next: page.next, included: page.included.map((r) => `${r.resourceType}/${r.id}`) });

describe('IndexedDbStore: search through the indexes (real Synthea data)', function () {
  this.timeout(120000);
  const name = `chartwell-search-test-${crypto.randomUUID()}`;
  let store: IndexedDbStore;
  const patients: string[] = [];

  before(async () => {
    store = new IndexedDbStore({ name });
    for (const file of FILES) {
      const resources = await synthea(file);
      const patient = resources.find((r) => r.resourceType === 'Patient');
      if (patient?.id) patients.push(`Patient/${patient.id}`);
      await store.transaction(resources.map((resource) => ({ op: 'update' as const, resource })));
    }
  });

  after(async () => {
    store.close();
    await deleteDB(name);
  });

  it('returns, for every query, exactly what a full scan through the shared search pipeline returns', async () => {
    const db = await openChartDatabase(name);
    let compared = 0;
    let indexed = 0;
    try {
      for (const type of TYPES) {
        const all = (await db.getAll('resources', IDBKeyRange.bound([type], [type, []]))).map((row) => row.resource) as unknown as Resource[];
        expect(all.length, `${type} loaded`).to.be.greaterThan(0);
        const everything = new Map<string, Resource>();
        for (const r of await db.getAll('resources')) everything.set(`${r.resourceType}/${r.id}`, r.resource as unknown as Resource);
        for (const query of queriesFor(type, all, patients)) {
          const scan = searchResources(all, type, query, (reference) => everything.get(reference));
          const page = await store.search(type, query);
          expect(describePage(page), `${type} ${JSON.stringify(query)}`).to.deep.equal(describePage(scan));
          if (page.next) {
            const second = { ...query, _cursor: page.next };
            expect(describePage(await store.search(type, second)), `${type} ${JSON.stringify(second)}`).to.deep.equal(
              describePage(searchResources(all, type, second, (reference) => everything.get(reference))),
            );
          }
          // a patient's resources (the chart's queries), a subject's, and a day's visits always come
          // from an index range; a code, status or date across all patients reads the type
          const expectIndexed = query['patient'] !== undefined || query['subject'] !== undefined || (type === 'Encounter' && query['date'] !== undefined && !String(query['date']).startsWith('ne'));
          if (expectIndexed) expect(plans(type, query), `${type} ${JSON.stringify(query)} uses an index`).to.not.be.empty;
          if (plans(type, query).length > 0 || query['_id'] !== undefined) indexed++;
          compared++;
        }
      }
    } finally {
      db.close();
    }
    expect(compared).to.be.greaterThan(500);
    expect(indexed / compared).to.be.greaterThan(0.6); // the rest: no filter, or a code, status or date across all patients
  });

  it('reads only the index range of the most selective parameter', async () => {
    const [patient] = patients;
    const db = await openChartDatabase(name);
    try {
      const id = patient?.slice('Patient/'.length) ?? '';
      const observations = await store.search('Observation', { patient: id, _count: 1000 });
      const all = await db.countFromIndex('resources', 'byKey', IDBKeyRange.bound(['p', 'Observation', 'Patient/'], ['p', 'Observation', 'Patient/\uffff']));
      expect(observations.length).to.be.lessThan(all); // other patients' observations exist
      // a patient's observations of one code: one key of byKey holds exactly them
      const code = (searchValues(observations[0] as Resource, 'Observation', 'code')?.values[0] as { code: string }).code;
      const byCode = await store.search('Observation', { patient: id, code, _count: 1000 });
      const range = await db.countFromIndex('resources', 'byKey', ['pc', 'Observation', patient ?? '', code]);
      expect(byCode.length).to.equal(range);
      expect(byCode.length).to.be.lessThan(observations.length);
    } finally {
      db.close();
    }
  });

  it('finds resources by _id and by several patients at once', async () => {
    const [first, second] = patients;
    const both = await store.search('Condition', { patient: [first ?? '', second ?? ''], _count: 1000 });
    const one = await store.search('Condition', { patient: first ?? '', _count: 1000 });
    const other = await store.search('Condition', { patient: second ?? '', _count: 1000 });
    expect(both.length).to.equal(one.length + other.length);
    const ids = both.slice(0, 2).map((r) => r.id ?? '');
    expect((await store.search('Condition', { _id: ids })).map((r) => r.id)).to.deep.equal([...ids].sort());
  });
});
