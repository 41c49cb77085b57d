import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryStore } from '@chartwell/core';
import { validate, type Bundle, type Composition, type Condition, type Resource } from '@chartwell/fhir';
import { storeWith, syntheaResources } from '../../../../test/support/chart-fixtures.js';
import { collectReferences, fixtureJson } from '../../../../test/support/fixtures.js';
import { buildPatientSummary, IPS_ABSENT_UNKNOWN } from './build-patient-summary.js';

const TONY_FILE = 'Tony_Douglas_f6d715f8-94c0-49ad-a46a-4f96dc7a67b4.json';
const TONY_ID = '79c96478-7878-4703-9e94-b999f2bc3295';
const AS_OF = new Date('2020-08-01T00:00:00Z');

function compositionOf(bundle: Bundle): Composition {
  const first = bundle.entry?.[0]?.resource;
  assert.equal(first?.resourceType, 'Composition');
  return first as Composition;
}

function section(bundle: Bundle, loinc: string) {
  const found = compositionOf(bundle).section?.find((s) => s.code?.coding?.[0]?.code === loinc);
  assert.ok(found, `no section ${loinc}`);
  return found;
}

function entriesOf(bundle: Bundle, loinc: string): Resource[] {
  const byUrl = new Map((bundle.entry ?? []).map((e) => [e.fullUrl, e.resource as Resource]));
  return (section(bundle, loinc).entry ?? []).map((entry) => {
    const resource = byUrl.get(entry.reference);
    assert.ok(resource, `section ${loinc} refers to ${entry.reference ?? ''}, which is not in the Bundle`);
    return resource;
  });
}

describe('buildPatientSummary', () => {
  it('builds an IPS document Bundle from a Synthea chart that validates', async () => {
    const store = await storeWith(syntheaResources(TONY_FILE));
    const bundle = await buildPatientSummary(store, TONY_ID, { asOf: AS_OF });
    const result = validate(bundle, { resourceType: 'Bundle' });
    assert.ok(result.valid, JSON.stringify(result.valid ? [] : result.issues.slice(0, 5)));
    assert.equal(bundle.type, 'document');
    assert.equal(bundle.timestamp, '2020-08-01T00:00:00.000Z');
    assert.equal(bundle.identifier?.system, 'urn:ietf:rfc:3986');
  });

  it('has the structure of the official IPS example: Composition first, the five section codes, every reference resolved inside the Bundle', async () => {
    const store = await storeWith(syntheaResources(TONY_FILE));
    const bundle = await buildPatientSummary(store, TONY_ID, { asOf: AS_OF });
    const official = fixtureJson<Bundle>('ips/Bundle-IPS-examples-Bundle-01.json');
    const officialComposition = official.entry?.[0]?.resource as Composition;
    const composition = compositionOf(bundle);
    assert.deepEqual(composition.type, { coding: [{ system: 'http://loinc.org', code: '60591-5', display: 'Patient summary Document' }] });
    assert.deepEqual(composition.type.coding?.[0]?.code, officialComposition.type.coding?.[0]?.code);
    assert.equal(composition.status, officialComposition.status);
    // the official example's problem, medication, allergy and results sections use the same LOINC codes
    const officialCodes = new Set(officialComposition.section?.map((s) => s.code?.coding?.[0]?.code));
    for (const code of ['11450-4', '10160-0', '48765-2', '30954-2']) assert.ok(officialCodes.has(code), code);
    assert.deepEqual(composition.section?.map((s) => s.code?.coding?.[0]?.code), ['11450-4', '10160-0', '48765-2', '11369-6', '30954-2']);
    // like the official example: urn:uuid fullUrls, and every reference points at an entry
    const urls = new Set((bundle.entry ?? []).map((e) => e.fullUrl));
    assert.ok([...urls].every((url) => url?.startsWith('urn:uuid:')));
    assert.equal(urls.size, bundle.entry?.length);
    for (const reference of collectReferences(bundle.entry)) {
      if (!reference.startsWith('#')) assert.ok(urls.has(reference), `${reference} does not resolve in the Bundle`);
    }
    const subject = (bundle.entry ?? []).find((e) => e.fullUrl === composition.subject?.reference)?.resource;
    assert.equal(subject?.resourceType, 'Patient');
    assert.equal(subject?.id, TONY_ID);
  });

  it("fills the sections with Tony's active problems, current medications, allergies, immunizations and latest labs", async () => {
    const store = await storeWith(syntheaResources(TONY_FILE));
    const bundle = await buildPatientSummary(store, TONY_ID, { asOf: AS_OF });
    // from the Synthea bundle: 3 active conditions, 3 active orders (penicillin V was stopped),
    // 7 active allergies, 9 completed immunizations, 16 laboratory codes (the newest of each)
    const names = (resources: Resource[]) => resources.map((r) => ((r as Condition).code ?? (r as { medicationCodeableConcept?: Condition['code'] }).medicationCodeableConcept)?.coding?.[0]?.display).sort();
    assert.deepEqual(names(entriesOf(bundle, '11450-4')), ['Hypertension', 'Osteoarthritis of hip', 'Perennial allergic rhinitis with seasonal variation']);
    assert.deepEqual(names(entriesOf(bundle, '10160-0')), ['Hydrochlorothiazide 25 MG', 'Naproxen sodium 220 MG Oral Tablet', 'diphenhydrAMINE Hydrochloride 25 MG Oral Tablet']);
    assert.equal(entriesOf(bundle, '48765-2').length, 7);
    assert.equal(entriesOf(bundle, '11369-6').length, 9);
    const labs = entriesOf(bundle, '30954-2');
    assert.equal(labs.length, 16);
    const egfr = labs.find((r) => r.resourceType === 'Observation' && r.code.coding?.[0]?.code === '33914-3');
    assert.equal(egfr?.resourceType === 'Observation' ? egfr.effectiveDateTime : undefined, '2020-07-28T19:47:23+00:00');
    // the narrative names the drug as recorded (never re-cased)
    assert.match(section(bundle, '10160-0').text?.div ?? '', /<td>diphenhydrAMINE Hydrochloride 25 MG Oral Tablet<\/td>/);
    assert.match(section(bundle, '48765-2').text?.div ?? '', /<td>Allergy to bee venom<\/td>/);
    // the practitioner the orders name (Dr Andre Schneider) comes along; encounters are detached
    const practitioners = (bundle.entry ?? []).filter((e) => e.resource?.resourceType === 'Practitioner');
    assert.deepEqual(practitioners.map((e) => e.resource?.id), ['e34619ed-fc04-401f-a94c-1cf43395f4b3']);
    const order = entriesOf(bundle, '10160-0')[0];
    assert.equal(order?.resourceType === 'MedicationRequest' ? order.requester?.reference : undefined, practitioners[0]?.fullUrl);
    assert.ok(!(bundle.entry ?? []).some((e) => e.resource?.resourceType === 'Encounter'));
    assert.equal(order?.resourceType === 'MedicationRequest' ? order.encounter?.type : undefined, 'Encounter');
  });

  it('says "no information" for an empty chart, as IPS requires, and still validates', async () => {
    const store = new MemoryStore();
    const patient = syntheaResources(TONY_FILE).find((r) => r.resourceType === 'Patient');
    assert.ok(patient);
    await store.update(patient);
    const bundle = await buildPatientSummary(store, TONY_ID, { asOf: AS_OF });
    const result = validate(bundle, { resourceType: 'Bundle' });
    assert.ok(result.valid, JSON.stringify(result.valid ? [] : result.issues.slice(0, 5)));
    const code = (resources: Resource[]) => resources.map((r) => JSON.stringify(r).match(/"code":"(no-[a-z-]+)"/)?.[1]);
    assert.deepEqual(code(entriesOf(bundle, '11450-4')), ['no-problem-info']);
    assert.deepEqual(code(entriesOf(bundle, '10160-0')), ['no-medication-info']);
    assert.deepEqual(code(entriesOf(bundle, '48765-2')), ['no-allergy-info']);
    assert.ok(JSON.stringify(entriesOf(bundle, '48765-2')).includes(IPS_ABSENT_UNKNOWN));
    assert.equal(section(bundle, '11369-6').emptyReason?.coding?.[0]?.code, 'unavailable');
    assert.equal(section(bundle, '11369-6').entry, undefined);
    assert.equal(section(bundle, '48765-2').text?.div, '<div xmlns="http://www.w3.org/1999/xhtml"><p>No information about allergies</p></div>');
  });

  it('includes a no-known-allergies assertion as the allergy entry', async () => {
    const store = await storeWith(syntheaResources(TONY_FILE).filter((r) => r.resourceType !== 'AllergyIntolerance'));
    // the official IPS example's "No known food allergy" statement, made Tony's
    const nka = fixtureJson<Bundle>('ips/Bundle-IPS-examples-Bundle-01.json').entry?.find((e) => e.resource?.id === 'c7781f44-6df8-4a8b-9e06-0b34263a47c5')?.resource;
    assert.ok(nka?.resourceType === 'AllergyIntolerance');
    await store.update({ ...nka, patient: { reference: `Patient/${TONY_ID}` } });
    const bundle = await buildPatientSummary(store, TONY_ID, { asOf: AS_OF });
    const allergies = entriesOf(bundle, '48765-2');
    assert.equal(allergies.length, 1);
    assert.equal(allergies[0]?.id, 'c7781f44-6df8-4a8b-9e06-0b34263a47c5');
    assert.match(section(bundle, '48765-2').text?.div ?? '', /No known food allergies/);
  });

  it('escapes every recorded text in the narrative', async () => {
    const resources = syntheaResources(TONY_FILE).map((r) =>
      r.id === '6248675c-e328-4f03-ab75-f1b559b68c13' && r.resourceType === 'Condition' ? { ...r, code: { text: '<script>alert("x")</script> & <b>bold</b>' } } : r,
    );
    const bundle = await buildPatientSummary(await storeWith(resources), TONY_ID, { asOf: AS_OF });
    const div = section(bundle, '11450-4').text?.div ?? '';
    assert.ok(!div.includes('<script>') && !div.includes('<b>'));
    assert.match(div, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; &lt;b&gt;bold&lt;\/b&gt;/);
  });

  it('throws a NotFoundError for a patient the store does not have, and names a missing author', async () => {
    const store = await storeWith(syntheaResources(TONY_FILE));
    await assert.rejects(buildPatientSummary(store, 'nobody'), { code: 'not-found' });
    await assert.rejects(buildPatientSummary(store, TONY_ID, { author: 'Practitioner/nobody' }), /the author Practitioner\/nobody is not in the store/);
  });
});
