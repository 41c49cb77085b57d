import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import type { Patient, Resource, ResourceType } from '@chartwell/fhir';
import { collectReferences, fixtureJson, fixtureText } from '../../../../test/support/fixtures.js';
import type { ChartStore } from '../store/chart-store.js';
import { ConflictError, InvalidError, isChartStoreError } from '../store/errors.js';
import { MemoryStore } from '../store/memory-store.js';
import { importBundle } from './import-bundle.js';
import type { ImportProgress } from './progress.js';

interface Entry {
  fullUrl?: string;
  resource?: Resource & Record<string, unknown>;
  request?: { method: string; url: string; ifNoneExist?: string; ifMatch?: string };
}
interface Bundle {
  resourceType: 'Bundle';
  type: string;
  entry: Entry[];
}

const SYNTHEA = 'synthea/smart-r4-2019';
const syntheaFiles = readdirSync(new URL(`../../../../test/fixtures/${SYNTHEA}/`, import.meta.url)).filter((f) => f.endsWith('.json')).sort();
const patientFiles = syntheaFiles.filter((f) => !f.startsWith('practitionerInformation'));
const practitionerFile = syntheaFiles.find((f) => f.startsWith('practitionerInformation')) ?? '';
const synthea = (file: string) => fixtureJson<Bundle>(`${SYNTHEA}/${file}`);
const smallest = 'Clemente_Kreiger_1484a42d-0eaf-4654-9cbf-6b050a5cd73b.json';
const NPI = 'http://hl7.org/fhir/sid/us-npi';

/** Every resource of every type the store may hold (all pages). */
async function everything(store: ChartStore, types: Iterable<string>): Promise<Resource[]> {
  const all: Resource[] = [];
  for (const type of new Set(types)) {
    let cursor: string | undefined;
    do {
      const page = await store.search(type as ResourceType, cursor === undefined ? {} : { _cursor: cursor });
      all.push(...page);
      cursor = page.next;
    } while (cursor !== undefined);
  }
  return all;
}

const typesOf = (bundle: Bundle) => bundle.entry.flatMap((e) => (e.resource ? [e.resource.resourceType] : []));

/** Asserts every non-contained reference in the stored resources reads back a stored resource. */
async function assertReferencesResolve(store: ChartStore, resources: readonly Resource[]): Promise<number> {
  let checked = 0;
  for (const resource of resources) {
    for (const reference of collectReferences(resource)) {
      if (reference.startsWith('#')) continue;
      const match = /^([A-Za-z]+)\/([^/]+)$/.exec(reference);
      assert.ok(match, `${resource.resourceType}/${resource.id} has a reference that is not Type/id: ${reference}`);
      const [, type = '', id = ''] = match;
      const target = await store.read(type as ResourceType, id);
      assert.equal(target.id, id);
      checked++;
    }
  }
  return checked;
}

async function assertEmpty(store: ChartStore, types: Iterable<string>): Promise<void> {
  assert.deepEqual(await everything(store, types), []);
}

/** The Synthea bundle with one Practitioner's references written as Synthea now writes them: conditional, by NPI. */
function withConditionalPractitioner(bundle: Bundle, dropPractitionerEntry: boolean): { bundle: Bundle; npi: string; count: number } {
  const practitionerEntry = bundle.entry.find((e) => e.resource?.resourceType === 'Practitioner');
  const practitioner = practitionerEntry?.resource as { identifier?: { system?: string; value?: string }[] } | undefined;
  const npi = practitioner?.identifier?.find((i) => i.system === NPI)?.value ?? '';
  assert.ok(practitionerEntry?.fullUrl && npi, 'the fixture has a Practitioner with an NPI');
  let text = JSON.stringify(bundle);
  const count = text.split(`"reference":"${practitionerEntry.fullUrl}"`).length - 1;
  text = text.replaceAll(`"reference":"${practitionerEntry.fullUrl}"`, `"reference":"Practitioner?identifier=${NPI}|${npi}"`);
  const rewritten = JSON.parse(text) as Bundle;
  if (dropPractitionerEntry) rewritten.entry = rewritten.entry.filter((e) => e.resource?.resourceType !== 'Practitioner');
  return { bundle: rewritten, npi, count };
}

describe('importBundle: Synthea transaction Bundles', () => {
  it('imports a whole patient Bundle: every urn:uuid gets an id, and every reference in the store reads back', async () => {
    const bundle = synthea(smallest);
    const store = new MemoryStore();
    const events: ImportProgress[] = [];
    const result = await importBundle(store, bundle, { onProgress: (p) => events.push(p) });
    assert.deepEqual({ ...result, idMap: result.idMap.size }, { created: bundle.entry.length, updated: 0, deleted: 0, skipped: 0, failed: [], idMap: bundle.entry.length });
    assert.deepEqual(events, [{ done: bundle.entry.length, total: bundle.entry.length }]);
    for (const entry of bundle.entry) {
      const target = result.idMap.get(entry.fullUrl ?? '');
      assert.match(target ?? '', new RegExp(`^${entry.resource?.resourceType}/[0-9a-f-]{36}$`));
      assert.notEqual(target?.split('/')[1], entry.fullUrl?.slice('urn:uuid:'.length), 'a new id, not the urn');
    }
    const stored = await everything(store, typesOf(bundle));
    assert.equal(stored.length, bundle.entry.length);
    assert.ok(!JSON.stringify(stored).includes('urn:uuid:'), 'no urn:uuid reference is left');
    const checked = await assertReferencesResolve(store, stored);
    assert.equal(checked, collectReferences(bundle).filter((r) => r.startsWith('urn:uuid:')).length);
    // the input is not changed
    assert.deepEqual(bundle, synthea(smallest));
  });

  it('imports all seven patients and the practitioner directory into one store, all references resolving', async () => {
    const store = new MemoryStore();
    const types = new Set<string>();
    let total = 0;
    for (const file of syntheaFiles) {
      const bundle = synthea(file);
      for (const type of typesOf(bundle)) types.add(type);
      const result = await importBundle(store, bundle);
      assert.equal(result.created, bundle.entry.length, file);
      total += bundle.entry.length;
    }
    const stored = await everything(store, types);
    assert.equal(stored.length, total);
    assert.equal((await store.search('Patient')).length, patientFiles.length);
    assert.ok((await assertReferencesResolve(store, stored)) > 3000);
  });

  it('resolves conditional Practitioner references (Practitioner?identifier=us-npi|…) to the Practitioner in the Bundle', async () => {
    const { bundle, count } = withConditionalPractitioner(synthea(smallest), false);
    assert.ok(count > 0);
    const store = new MemoryStore();
    const result = await importBundle(store, bundle);
    const practitionerUrl = bundle.entry.find((e) => e.resource?.resourceType === 'Practitioner')?.fullUrl ?? '';
    const target = result.idMap.get(practitionerUrl) ?? '';
    const stored = await everything(store, typesOf(bundle));
    const pointing = stored.flatMap((r) => collectReferences(r)).filter((r) => r === target);
    assert.equal(pointing.length, count);
    await assertReferencesResolve(store, await everything(store, typesOf(bundle)));
  });

  it('resolves conditional references against the store when the Bundle lacks the resource (filtering by identifier, as search has no identifier parameter)', async () => {
    const store = new MemoryStore();
    await importBundle(store, synthea(practitionerFile));
    const { bundle, npi } = withConditionalPractitioner(synthea(smallest), true);
    const result = await importBundle(store, bundle);
    assert.equal(result.created, bundle.entry.length);
    const [stored] = (await store.search('Practitioner', { _count: 1000 })).filter((p) => p.identifier?.some((i) => i.system === NPI && i.value === npi));
    assert.ok(stored);
    const encounter = (await store.search('Encounter'))[0];
    assert.ok(collectReferences(encounter).includes(`Practitioner/${stored.id}`));
  });

  it('refuses an unresolved conditional reference, naming the entry and the reference, and writes nothing', async () => {
    const { bundle, npi } = withConditionalPractitioner(synthea(smallest), true);
    const store = new MemoryStore();
    const index = bundle.entry.findIndex((e) => JSON.stringify(e.resource).includes('Practitioner?identifier'));
    await assert.rejects(importBundle(store, bundle), (error: unknown) => {
      assert.ok(error instanceof InvalidError);
      assert.match(error.message, new RegExp(`^Bundle\\.entry\\[${index}\\] \\(urn:uuid:[0-9a-f-]+\\): `));
      assert.ok(error.message.includes(`Practitioner?identifier=${NPI}|${npi}`), error.message);
      assert.match(error.message, /matches no resource in the Bundle or the store/);
      assert.match(error.path ?? '', new RegExp(`^Bundle\\.entry\\[${index}\\]\\.resource\\..*\\.reference$`));
      return true;
    });
    await assertEmpty(store, typesOf(bundle));
  });

  it('a transaction with one broken entry leaves the store empty: invalid FHIR is refused before anything is written', async () => {
    const bundle = synthea(smallest);
    const observation = bundle.entry.find((e) => e.resource?.resourceType === 'Observation')?.resource;
    assert.ok(observation);
    observation['status'] = 'not-a-status';
    // a second broken resource, later in the Bundle: the error lists both, with their entries
    const lastIndex = bundle.entry.length - 1;
    const last = bundle.entry[lastIndex]?.resource;
    assert.ok(last);
    last['meta'] = { versionId: '' }; // an empty string is not a FHIR id
    const store = new MemoryStore();
    await assert.rejects(importBundle(store, bundle), (error: unknown) => {
      assert.ok(error instanceof InvalidError);
      assert.ok(error.issues?.some((i) => i.severity === 'error' && /^Bundle\.entry\[\d+\]\.resource\.status$/.test(i.path)), JSON.stringify(error.issues));
      assert.ok(error.issues?.some((i) => i.severity === 'error' && i.path.startsWith(`Bundle.entry[${lastIndex}].resource.`)), JSON.stringify(error.issues));
      return true;
    });
    await assertEmpty(store, typesOf(bundle));
  });

  it('a transaction whose last entry fails in the store (a stale ifMatch) leaves the store empty', async () => {
    const bundle = synthea(smallest);
    const last = bundle.entry[bundle.entry.length - 1];
    assert.ok(last?.resource);
    last.resource.id = 'not-there';
    last.request = { method: 'PUT', url: `${last.resource.resourceType}/not-there`, ifMatch: 'W/"1"' };
    const store = new MemoryStore();
    await assert.rejects(importBundle(store, bundle), (error: unknown) => error instanceof ConflictError);
    await assertEmpty(store, typesOf(bundle));
  });

  it('skips a conditional create (ifNoneExist) that matches, and points the fullUrl at the match', async () => {
    const store = new MemoryStore();
    const first = await importBundle(store, synthea(practitionerFile));
    const again = synthea(practitionerFile);
    for (const entry of again.entry) {
      const npi = (entry.resource as { identifier?: { system?: string; value?: string }[] }).identifier?.find((i) => i.system === NPI)?.value;
      assert.ok(entry.request && npi);
      entry.request.ifNoneExist = `identifier=${NPI}|${npi}`;
    }
    const second = await importBundle(store, again);
    assert.deepEqual([second.created, second.skipped], [0, again.entry.length]);
    assert.deepEqual([...second.idMap], [...first.idMap]);
    assert.equal((await store.search('Practitioner', { _count: 1000 })).length, again.entry.length);
  });

  it('aborts before writing when the signal is already aborted', async () => {
    const store = new MemoryStore();
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await assert.rejects(importBundle(store, synthea(smallest), { signal: controller.signal }), /stop/);
    await assertEmpty(store, ['Patient']);
  });
});

describe('importBundle: batch Bundles', () => {
  it('writes each entry on its own: failures are listed by index, the others are written, progress runs to the total', async () => {
    const bundle = synthea(smallest);
    bundle.type = 'batch';
    const observations = bundle.entry.flatMap((e, i) => (e.resource?.resourceType === 'Observation' ? [i] : []));
    const [stale = -1, conditional = -1] = observations;
    const staleEntry = bundle.entry[stale];
    assert.ok(staleEntry?.resource && bundle.entry[conditional]?.resource);
    staleEntry.resource.id = 'not-there';
    staleEntry.request = { method: 'PUT', url: 'Observation/not-there', ifMatch: '1' };
    (bundle.entry[conditional].resource as { performer?: unknown }).performer = [{ reference: `Practitioner?identifier=${NPI}|0000000000` }];
    const store = new MemoryStore();
    const events: ImportProgress[] = [];
    const result = await importBundle(store, bundle, { onProgress: (p) => events.push(p) });
    assert.deepEqual(
      result.failed.map((f) => f.index),
      [stale, conditional].sort((a, b) => a - b),
    );
    const byIndex = new Map(result.failed.map((f) => [f.index, f.error]));
    assert.ok(isChartStoreError(byIndex.get(stale), 'conflict'));
    assert.ok(byIndex.get(conditional) instanceof InvalidError);
    assert.match(byIndex.get(conditional)?.message ?? '', /0000000000/);
    assert.equal(result.created, bundle.entry.length - 2);
    assert.equal(result.idMap.size, bundle.entry.length - 2);
    assert.equal(result.idMap.get(staleEntry.fullUrl ?? ''), undefined);
    assert.equal((await everything(store, typesOf(bundle))).length, bundle.entry.length - 2);
    assert.equal(events.length, bundle.entry.length);
    events.forEach((e, i) => assert.deepEqual(e, { done: i + 1, total: bundle.entry.length }));
  });

  it('imports the official batch example request: reads (GET) are skipped, nothing fails', async () => {
    const bundle = fixtureJson<Bundle>('fhir/Bundle-bundle-request-medsallergies.json');
    const result = await importBundle(new MemoryStore(), bundle);
    assert.deepEqual({ ...result, idMap: result.idMap.size }, { created: 0, updated: 0, deleted: 0, skipped: bundle.entry.length, failed: [], idMap: 0 });
  });
});

describe('importBundle: the official transaction example (Bundle-bundle-transaction.json)', () => {
  const official = () => fixtureJson<Bundle>('fhir/Bundle-bundle-transaction.json');
  const IDS = 'http:/example.org/fhir/ids';

  it('is refused as a whole, naming the $lookup operation entry, and nothing is written', async () => {
    const store = new MemoryStore();
    await assert.rejects(importBundle(store, official()), (error: unknown) => {
      assert.ok(error instanceof InvalidError);
      assert.match(error.message, /^Bundle\.entry\[7\] \(urn:uuid:79378cb8-8f58-48e8-a5e8-60ac2755b674\): POST to "ValueSet\/\$lookup" is not supported/);
      return true;
    });
    await assertEmpty(store, ['Patient', 'Parameters']);
  });

  it('without the operation, honours every request: POST, ifNoneExist, PUT, conditional PUT, PUT with ifMatch, DELETE, conditional DELETE, GET', async () => {
    const store = new MemoryStore();
    const patient = (extra: Omit<Patient, 'resourceType'>): Patient => ({ resourceType: 'Patient', ...extra });
    const existing = await store.create(patient({ identifier: [{ system: IDS, value: '234234' }] }));
    const conditionalTarget = await store.create(patient({ identifier: [{ system: IDS, value: '456456' }] }));
    await store.update(patient({ id: '123a', active: false }));
    await store.update(patient({ id: '123a', active: true }));
    await store.update(patient({ id: '234' }));
    const conditionalDeleted = await store.create(patient({ identifier: [{ system: 'urn:other', value: '123456' }] }));
    const bundle = official();
    bundle.entry.splice(7, 1);
    const events: ImportProgress[] = [];
    const result = await importBundle(store, bundle, { onProgress: (p) => events.push(p) });
    assert.deepEqual(
      { ...result, idMap: undefined },
      // created: POST Patient, PUT Patient/123; updated: the conditional PUT, Patient/123a; skipped: the ifNoneExist match and two GETs
      { created: 2, updated: 2, deleted: 2, skipped: 3, failed: [], idMap: undefined },
    );
    assert.deepEqual(events, [{ done: 9, total: 9 }]);
    assert.equal(result.idMap.get('urn:uuid:88f151c0-a954-468a-88bd-5ae15c08e059'), `Patient/${existing.id}`);
    assert.equal(result.idMap.get('urn:uuid:74891afc-ed52-42a2-bcd7-f13d9b60f096'), `Patient/${conditionalTarget.id}`);
    assert.equal(result.idMap.get('http://example.org/fhir/Patient/123'), 'Patient/123');
    const created = result.idMap.get('urn:uuid:61ebe359-bfdc-4613-8bf2-c5e300945f0a') ?? '';
    assert.equal((await store.read('Patient', created.split('/')[1] ?? '')).birthDate, '1974-12-25');
    assert.equal((await store.read('Patient', '123a')).meta?.versionId, '3');
    assert.equal((await store.read('Patient', conditionalTarget.id ?? '')).meta?.versionId, '2');
    await assert.rejects(store.read('Patient', '234'), (e: unknown) => isChartStoreError(e, 'not-found'));
    await assert.rejects(store.read('Patient', conditionalDeleted.id ?? ''), (e: unknown) => isChartStoreError(e, 'not-found'));
  });

  it('fails as a whole when the ifMatch of Patient/123a is stale', async () => {
    const store = new MemoryStore();
    await store.update({ resourceType: 'Patient', id: '123a' });
    const bundle = official();
    bundle.entry.splice(7, 1);
    await assert.rejects(importBundle(store, bundle), (e: unknown) => e instanceof ConflictError && e.id === '123a');
    assert.equal((await store.search('Patient')).length, 1);
  });
});

describe('importBundle: references to absolute fullUrls (Bundle-bundle-references.json)', () => {
  it('a POSTed entry with an absolute fullUrl gets a new id, and both its absolute and relative references follow it', async () => {
    const source = fixtureJson<Bundle>('fhir/Bundle-bundle-references.json');
    const entries = [0, 2, 3].map((i) => source.entry[i] as Entry);
    assert.deepEqual(entries.map((e) => e.fullUrl), ['http://example.org/fhir/Patient/23', 'http://example.org/fhir/Observation/123', 'http://example.org/fhir/Observation/124']);
    const bundle = { resourceType: 'Bundle', type: 'transaction', entry: entries.map((e) => ({ ...e, request: { method: 'POST', url: e.resource?.resourceType } })) };
    const store = new MemoryStore();
    const result = await importBundle(store, bundle);
    const patient = result.idMap.get('http://example.org/fhir/Patient/23') ?? '';
    assert.match(patient, /^Patient\/[0-9a-f-]{36}$/);
    const observations = await store.search('Observation');
    assert.deepEqual(observations.map((o) => o.subject?.reference), [patient, patient]);
  });
});

describe('importBundle: collection, document and searchset Bundles', () => {
  it('stores every resource of an IPS document in one transaction, urn:uuid references resolved', async () => {
    const bundle = fixtureJson<Bundle>('ips/Bundle-IPS-examples-Bundle-01.json');
    const store = new MemoryStore();
    const result = await importBundle(store, bundle);
    assert.equal(result.created, bundle.entry.length);
    assert.equal(result.idMap.size, bundle.entry.length);
    const stored = await everything(store, typesOf(bundle));
    assert.equal(stored.length, bundle.entry.length);
    assert.ok((await assertReferencesResolve(store, stored)) > 10);
  });

  it('keeps the ids of a collection whose fullUrls are not urn:uuid (update-as-create)', async () => {
    const bundle = fixtureJson<Bundle>('fhir/Bundle-lipids.json');
    const store = new MemoryStore();
    const result = await importBundle(store, bundle);
    assert.equal(result.created, bundle.entry.length);
    for (const entry of bundle.entry) {
      const { resourceType, id } = entry.resource ?? {};
      assert.equal(result.idMap.get(entry.fullUrl ?? ''), `${resourceType}/${id}`);
      await store.read(resourceType as ResourceType, id ?? '');
    }
  });

  it('resolves the real conditional Location references of Synthea bulk data against the store', async () => {
    const store = new MemoryStore();
    const locations = fixtureText('synthea-bulk-10/Location.000.ndjson').trim().split('\n').map((l) => JSON.parse(l) as Resource);
    await store.transaction(locations.map((resource) => ({ op: 'update', resource })));
    const immunizations = fixtureText('synthea-bulk-10/Immunization.000.ndjson').trim().split('\n').slice(0, 20).map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.ok(JSON.stringify(immunizations).includes('"Location?identifier=https://github.com/synthetichealth/synthea|'));
    // the Patients and Encounters are not imported here: keep only the Location references
    const entry = immunizations.map(({ encounter: _encounter, ...resource }) => ({ resource: { ...resource, patient: { display: 'not imported here' } } }));
    const bundle = { resourceType: 'Bundle', type: 'collection', entry };
    const result = await importBundle(store, bundle);
    assert.equal(result.created, 20);
    const stored = await store.search('Immunization');
    assert.equal(stored.length, 20);
    assert.ok(!JSON.stringify(stored).includes('?identifier='));
    assert.equal(await assertReferencesResolve(store, stored), 20);
  });

  it('refuses Bundles it cannot import, before writing: not valid FHIR, or a response or message', async () => {
    const store = new MemoryStore();
    await assert.rejects(importBundle(store, { resourceType: 'Bundle', type: 'nonsense' }), (e: unknown) => e instanceof InvalidError && (e.issues?.length ?? 0) > 0);
    await assert.rejects(importBundle(store, { resourceType: 'Patient' }), InvalidError);
    await assert.rejects(importBundle(store, fixtureJson('fhir/Bundle-bundle-response.json')), /"transaction-response" Bundle cannot be imported/);
    await assertEmpty(store, ['Patient', 'Bundle']);
  });
});
