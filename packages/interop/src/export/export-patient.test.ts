import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { allergySummary, importBundle, importNdjson, medicationList, MemoryStore, problemList, type ChartStore } from '@chartwell/core';
import type { Resource } from '@chartwell/fhir';
import { storeWith, syntheaResources } from '../../../../test/support/chart-fixtures.js';
import { fixtureText } from '../../../../test/support/fixtures.js';
import { exportPatient, exportPatientNdjson } from './export-patient.js';

const TONY = 'Tony_Douglas_f6d715f8-94c0-49ad-a46a-4f96dc7a67b4.json';
const TONY_ID = '79c96478-7878-4703-9e94-b999f2bc3295';
const CLEMENTE = 'Clemente_Kreiger_1484a42d-0eaf-4654-9cbf-6b050a5cd73b.json';

/** A resource without what a store stamps on it, for comparing across stores. */
function unstamped(resource: Resource): unknown {
  const { meta, ...rest } = resource;
  const { versionId: _v, lastUpdated: _l, ...keptMeta } = meta ?? {};
  return Object.keys(keptMeta).length ? { ...rest, meta: keptMeta } : rest;
}

function byKey(resources: readonly Resource[]): Map<string, unknown> {
  return new Map(resources.map((r) => [`${r.resourceType}/${r.id ?? ''}`, unstamped(r)]));
}

async function twoPatients(): Promise<ChartStore> {
  return storeWith([...syntheaResources(TONY), ...syntheaResources(CLEMENTE)]);
}

describe('exportPatient', () => {
  it("exports the Patient first, every record of theirs, and the practitioner and organisation they refer to, and nothing of another patient's", async () => {
    const store = await twoPatients();
    const bundle = await exportPatient(store, TONY_ID);
    assert.equal(bundle.type, 'collection');
    const resources = (bundle.entry ?? []).map((e) => e.resource as Resource);
    assert.equal(resources[0]?.resourceType, 'Patient');
    assert.equal(resources[0]?.id, TONY_ID);
    // Tony's Synthea bundle has 159 entries: the Patient, 2 Organizations (Winchester Hospital, Prompt Care
    // Walk-in Clinic), 2 Practitioners and 154 records of his
    assert.equal(resources.length, 159);
    const counts = new Map<string, number>();
    for (const r of resources) counts.set(r.resourceType, (counts.get(r.resourceType) ?? 0) + 1);
    assert.equal(counts.get('AllergyIntolerance'), 7);
    assert.equal(counts.get('MedicationRequest'), 4);
    assert.equal(counts.get('Condition'), 7);
    assert.equal(counts.get('Organization'), 2);
    assert.equal(counts.get('Practitioner'), 2);
    assert.equal(counts.get('Patient'), 1);
    assert.ok(!resources.some((r) => JSON.stringify(r).includes('Patient/1484a42d') || r.id === '1484a42d-0eaf-4654-9cbf-6b050a5cd73b'));
  });

  it('writes fullUrls under the base URL given, and none without one', async () => {
    const store = await twoPatients();
    const withBase = await exportPatient(store, TONY_ID, { baseUrl: 'https://ehr.example.org/fhir/' });
    assert.equal(withBase.entry?.[0]?.fullUrl, `https://ehr.example.org/fhir/Patient/${TONY_ID}`);
    const without = await exportPatient(store, TONY_ID);
    assert.equal(without.entry?.[0]?.fullUrl, undefined);
  });

  it('round-trips: export, import into an empty store, export again gives the same resources', async () => {
    const source = await twoPatients();
    const first = await exportPatient(source, TONY_ID);
    const target = new MemoryStore();
    const result = await importBundle(target, first);
    assert.equal(result.created, 159);
    const second = await exportPatient(target, TONY_ID);
    const before = byKey((first.entry ?? []).map((e) => e.resource as Resource));
    const after = byKey((second.entry ?? []).map((e) => e.resource as Resource));
    assert.equal(after.size, before.size);
    for (const [key, resource] of before) assert.deepEqual(after.get(key), resource, key);
  });

  it('round-trips to the same chart views: medications, allergies, problems', async () => {
    const source = await twoPatients();
    const target = new MemoryStore();
    await importBundle(target, await exportPatient(source, TONY_ID));
    const options = { asOf: new Date('2020-08-01T00:00:00Z'), storeName: 'Chart' };
    // the views but for when each record was last written (the import writes them anew)
    const withoutWriteTimes = (value: unknown) => JSON.parse(JSON.stringify(value, (key: string, item: unknown) => (key === 'lastUpdated' || key === 'lastUpdatedText' ? undefined : item))) as unknown;
    for (const view of [medicationList, allergySummary, problemList]) {
      const before = withoutWriteTimes(await view(source, TONY_ID, options));
      const after = withoutWriteTimes(await view(target, TONY_ID, options));
      assert.deepEqual(after, before, view.name);
    }
    assert.equal((await medicationList(target, TONY_ID, options)).current.length, 3);
  });

  it('throws a NotFoundError for a patient the store does not have', async () => {
    const store = await twoPatients();
    await assert.rejects(exportPatient(store, 'no-such-patient'), { code: 'not-found' });
  });
});

describe('exportPatientNdjson', () => {
  it('gives one NDJSON file per resource type that imports back into the same resources', async () => {
    const source = await twoPatients();
    const files = await exportPatientNdjson(source, TONY_ID);
    const allergies = files.get('AllergyIntolerance') ?? '';
    assert.equal(allergies.split('\n').length, 8, 'seven lines, each ending in a newline');
    assert.ok(allergies.endsWith('\n'));
    assert.equal((JSON.parse(allergies.split('\n')[0] ?? '') as Resource).resourceType, 'AllergyIntolerance');
    const target = new MemoryStore();
    for (const text of files.values()) await importNdjson(target, text);
    const again = await exportPatient(target, TONY_ID);
    const original = await exportPatient(source, TONY_ID);
    assert.deepEqual(
      byKey((again.entry ?? []).map((e) => e.resource as Resource)),
      byKey((original.entry ?? []).map((e) => e.resource as Resource)),
    );
  });

  it('exports a bulk-data patient with its allergies and immunizations', async () => {
    const store = new MemoryStore();
    for (const file of ['Patient.000.ndjson', 'AllergyIntolerance.000.ndjson', 'Immunization.000.ndjson']) await importNdjson(store, fixtureText(`synthea-bulk-10/${file}`));
    const patient = (JSON.parse(fixtureText('synthea-bulk-10/Patient.000.ndjson').split('\n')[0] ?? '') as Resource).id ?? '';
    const files = await exportPatientNdjson(store, patient);
    assert.equal(files.get('Patient')?.split('\n').length, 2);
    for (const line of (files.get('Immunization') ?? '').trim().split('\n')) {
      assert.equal((JSON.parse(line) as { patient: { reference: string } }).patient.reference, `Patient/${patient}`);
    }
  });
});
