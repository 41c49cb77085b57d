import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { medicationList, problemList, searchAllPages, type ChartStore } from '@chartwell/core';
import type { AllergyIntolerance, Condition, Medication, MedicationRequest, MedicationStatement, Observation, Resource } from '@chartwell/fhir';
import { storeWith, syntheaResources } from '../../../../test/support/chart-fixtures.js';
import { fixtureJson } from '../../../../test/support/fixtures.js';
import { readFileSync } from 'node:fs';
import { hl7v2ToFhir } from '../hl7v2/to-fhir/to-fhir.js';
import { applyReconciliation } from './apply-reconciliation.js';
import { reconcile, type ReconcileItem } from './reconcile.js';

const TONY_FILE = 'Tony_Douglas_f6d715f8-94c0-49ad-a46a-4f96dc7a67b4.json';
const TONY = 'Patient/79c96478-7878-4703-9e94-b999f2bc3295';
const tony = syntheaResources(TONY_FILE);
const maria = syntheaResources('María_Luisa_Razo_d060a28c-4e03-4435-8b2e-1cbfa38ca43b.json');
const HOSPITAL = { reference: 'Organization/st-elsewhere', display: 'St Elsewhere Hospital' };

function record<T extends Resource>(resources: readonly Resource[], id: string): T {
  const found = resources.find((r) => r.id === id);
  if (!found) throw new Error(`no fixture record ${id}`);
  return JSON.parse(JSON.stringify(found)) as T;
}

/** Tony's medications, allergies and problems, as stored. */
async function localRecords(store: ChartStore): Promise<Resource[]> {
  const patient = TONY;
  return [
    ...(await searchAllPages(store, 'MedicationRequest', { patient })),
    ...(await searchAllPages(store, 'AllergyIntolerance', { patient })),
    ...(await searchAllPages(store, 'Condition', { patient })),
  ];
}

/**
 * What St Elsewhere sends for Tony: some of his own Synthea records under its own ids (some
 * changed), two of María Luisa Razo's records as new ones, and an Observation.
 */
function incomingRecords(): Resource[] {
  const withId = <T extends Resource>(resource: T, id: string): T => ({ ...resource, id, meta: { source: 'https://st-elsewhere.example.org/fhir' } });
  const hydrochlorothiazide = withId(record<MedicationRequest>(tony, '442a19b9-08f5-4d92-9c3e-e84c7aaa67d4'), 'se-med-1');
  const naproxen = withId({ ...record<MedicationRequest>(tony, '8c91b025-28fb-4bc1-9b93-36ebf0d81408'), status: 'stopped' as const }, 'se-med-2');
  const diphenhydramine = withId(record<MedicationRequest>(tony, '8b3306ab-cbd0-4503-ae12-2a5ea96d94f6'), 'se-med-3');
  diphenhydramine.dosageInstruction = [{ sequence: 1, asNeededBoolean: true, doseAndRate: [{ doseQuantity: { value: 50, unit: 'mg', system: 'http://unitsofmeasure.org', code: 'mg' } }] }];
  const amlodipine = withId(record<MedicationRequest>(maria, '017a3ead-57d7-4ada-8b4e-5b761cda9f9f'), 'se-med-4');
  const beeVenom = withId(record<AllergyIntolerance>(tony, 'addc6c6a-7c26-47d4-a974-b5e1f321da53'), 'se-allergy-1');
  const eggs = withId(record<AllergyIntolerance>(tony, 'ea5630ff-bbe3-4d8d-9362-e9855991c7b1'), 'se-allergy-2');
  eggs.clinicalStatus = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'resolved' }] };
  const mould = withId(record<AllergyIntolerance>(tony, '11225c31-670b-4b1f-9d1d-c1f1b61c4cf5'), 'se-allergy-3');
  mould.code = { text: 'ALLERGY TO MOULD' };
  const hypertension = withId(record<Condition>(tony, '6248675c-e328-4f03-ab75-f1b559b68c13'), 'se-problem-1');
  hypertension.code = { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'I10', display: 'Hypertension' }] };
  hypertension.note = [{ text: 'Home blood pressure readings reviewed' }];
  const coronary = withId(record<Condition>(maria, '51375207-d088-4542-a0f5-f79e1445e94d'), 'se-problem-2');
  const observation = record<Observation>(tony, tony.find((r) => r.resourceType === 'Observation')?.id ?? '');
  return [hydrochlorothiazide, naproxen, diphenhydramine, amlodipine, beeVenom, eggs, mould, hypertension, coronary, observation];
}

function item(items: readonly ReconcileItem[], key: string): ReconcileItem {
  const found = items.find((i) => i.key === key);
  assert.ok(found, `no item ${key}`);
  return found;
}

describe('reconcile', () => {
  it('marks new, matching and conflicting items, pairing by code and by text', async () => {
    const store = await storeWith(tony);
    const plan = reconcile(await localRecords(store), incomingRecords());
    const summary = (key: string) => {
      const { status, matchedBy, code } = item(plan.items, key);
      return { status, matchedBy, code };
    };
    assert.deepEqual(summary('incoming:MedicationRequest/se-med-1'), { status: 'matching', matchedBy: 'code', code: 'http://www.nlm.nih.gov/research/umls/rxnorm|316049' });
    assert.deepEqual(summary('incoming:MedicationRequest/se-med-2'), { status: 'conflicting', matchedBy: 'code', code: 'http://www.nlm.nih.gov/research/umls/rxnorm|849574' });
    assert.deepEqual(item(plan.items, 'incoming:MedicationRequest/se-med-2').differences, [{ field: 'status', local: 'active', incoming: 'stopped' }]);
    assert.equal(summary('incoming:MedicationRequest/se-med-3').status, 'conflicting');
    assert.deepEqual(item(plan.items, 'incoming:MedicationRequest/se-med-3').differences.map((d) => d.field), ['dose']);
    assert.deepEqual(summary('incoming:MedicationRequest/se-med-4'), { status: 'new', matchedBy: undefined, code: undefined });
    assert.equal(item(plan.items, 'incoming:MedicationRequest/se-med-4').name, 'Amlodipine 5 MG Oral Tablet');
    assert.deepEqual(summary('incoming:AllergyIntolerance/se-allergy-1'), { status: 'matching', matchedBy: 'code', code: 'http://snomed.info/sct|424213003' });
    assert.deepEqual(item(plan.items, 'incoming:AllergyIntolerance/se-allergy-2').differences, [{ field: 'clinicalStatus', local: 'active', incoming: 'resolved' }]);
    assert.deepEqual(summary('incoming:AllergyIntolerance/se-allergy-3'), { status: 'matching', matchedBy: 'text', code: undefined });
    assert.equal(item(plan.items, 'incoming:AllergyIntolerance/se-allergy-3').local?.id, '11225c31-670b-4b1f-9d1d-c1f1b61c4cf5');
    // Hypertension is SNOMED 38341003 here and ICD-10 I10 there: paired by its text
    assert.deepEqual(summary('incoming:Condition/se-problem-1'), { status: 'matching', matchedBy: 'text', code: undefined });
    assert.deepEqual(summary('incoming:Condition/se-problem-2'), { status: 'new', matchedBy: undefined, code: undefined });
    // Tony's 4 medications, 7 allergies and 7 conditions: 3, 3 and 1 paired, the rest local-only
    const localOnly = plan.items.filter((i) => i.status === 'local-only');
    assert.deepEqual([localOnly.filter((i) => i.kind === 'medication').length, localOnly.filter((i) => i.kind === 'allergy').length, localOnly.filter((i) => i.kind === 'problem').length], [1, 4, 6]);
    assert.equal(plan.items.length, 9 + 11);
    assert.deepEqual(plan.ignored, [`Observation/${incomingRecords()[9]?.id ?? ''}`]);
    assert.deepEqual([...new Set(plan.items.map((i) => i.kind))], ['medication', 'allergy', 'problem']);
  });

  it('does not pair a local record twice, nor records of different lists', () => {
    const hypertension = record<Condition>(tony, '6248675c-e328-4f03-ab75-f1b559b68c13');
    const plan = reconcile([hypertension], [{ ...hypertension, id: 'a' }, { ...hypertension, id: 'b' }]);
    assert.deepEqual(plan.items.map((i) => i.status), ['matching', 'new']);
    const allergy: AllergyIntolerance = { resourceType: 'AllergyIntolerance', id: 'c', patient: { reference: TONY }, code: { text: 'Hypertension' } };
    assert.deepEqual(reconcile([hypertension], [allergy]).items.map((i) => i.status), ['new', 'local-only']);
  });

  it("pairs a statement that refers to a Medication sent alongside on that Medication's code (the IPS example's simvastatin)", () => {
    const statement = fixtureJson<MedicationStatement>('ips/MedicationStatement-eumfh-39-07-1.json');
    const medication = fixtureJson<Medication>('ips/Medication-eumfh-39-07-1.json');
    // María's simvastatin is 20 MG Oral Tablet (RxNorm 312961), the IPS one 40 MG Disintegrating Oral Tablet (757704): another product
    const asNew = reconcile(maria, [statement, medication]);
    const simvastatin = item(asNew.items, 'incoming:MedicationStatement/eumfh-39-07-1');
    assert.equal(simvastatin.status, 'new');
    assert.equal(simvastatin.name, 'Simvastatin 40 MG Disintegrating Oral Tablet');
    assert.equal(simvastatin.incomingMedication?.id, 'eumfh-39-07-1');
    assert.ok(!asNew.ignored.includes('Medication/eumfh-39-07-1'));
    // an order for the same product in the chart: paired by the Medication's RxNorm code
    const order: MedicationRequest = { ...record<MedicationRequest>(maria, '98207570-2b9c-4dde-8b4e-68af97d8b83d'), medicationCodeableConcept: medication.code };
    const paired = item(reconcile([order], [statement, medication]).items, 'incoming:MedicationStatement/eumfh-39-07-1');
    assert.deepEqual([paired.status, paired.matchedBy, paired.code], ['matching', 'code', 'http://www.nlm.nih.gov/research/umls/rxnorm|757704']);
  });

  it('ignores records entered in error', () => {
    const naproxen = { ...record<MedicationRequest>(tony, '8c91b025-28fb-4bc1-9b93-36ebf0d81408'), status: 'entered-in-error' as const };
    const plan = reconcile([], [naproxen]);
    assert.deepEqual(plan.items, []);
    assert.deepEqual(plan.ignored, ['MedicationRequest/8c91b025-28fb-4bc1-9b93-36ebf0d81408']);
  });
});

describe('applyReconciliation', () => {
  it("writes the decisions in one transaction with a Provenance each, and the views show the hospital as their source", async () => {
    const store = await storeWith(tony);
    const plan = reconcile(await localRecords(store), incomingRecords());
    const result = await applyReconciliation(
      store,
      plan,
      {
        'incoming:MedicationRequest/se-med-1': 'keep',
        'incoming:MedicationRequest/se-med-2': 'replace',
        'incoming:MedicationRequest/se-med-4': 'add',
        'incoming:AllergyIntolerance/se-allergy-2': 'reject',
        'incoming:Condition/se-problem-1': 'merge',
        'incoming:Condition/se-problem-2': 'add',
      },
      { patient: TONY, source: HOSPITAL, author: { reference: 'Practitioner/reviewer', display: 'Dr Reviewer' }, recorded: new Date('2026-11-26T10:00:00Z') },
    );
    assert.equal(result.written.length, 4);
    assert.equal(result.provenance.length, 4);
    assert.deepEqual([...result.undecided].sort(), ['incoming:AllergyIntolerance/se-allergy-1', 'incoming:AllergyIntolerance/se-allergy-3', 'incoming:MedicationRequest/se-med-3']);

    const provenances = await searchAllPages(store, 'Provenance', {});
    assert.equal(provenances.length, 4);
    for (const provenance of provenances) {
      assert.equal(provenance.recorded, '2026-11-26T10:00:00.000Z');
      assert.deepEqual(provenance.agent[0]?.who, HOSPITAL);
      assert.equal(provenance.agent[1]?.who.display, 'Dr Reviewer');
    }
    const activities = Object.fromEntries(provenances.map((p) => [p.target[0]?.reference ?? '', p.activity?.coding?.[0]?.code]));
    assert.equal(activities['MedicationRequest/8c91b025-28fb-4bc1-9b93-36ebf0d81408'], 'UPDATE');
    assert.equal(activities['Condition/6248675c-e328-4f03-ab75-f1b559b68c13'], 'UPDATE');

    // the replaced naproxen order is stopped now; amlodipine is added to Tony's chart, from St Elsewhere
    const patientId = TONY.slice('Patient/'.length);
    const medications = await medicationList(store, patientId, { storeName: 'Local chart' });
    const amlodipine = medications.current.find((m) => m.name === 'Amlodipine 5 MG Oral Tablet');
    assert.ok(amlodipine);
    assert.equal(amlodipine.source.organization, 'St Elsewhere Hospital');
    assert.equal(amlodipine.source.system, 'https://st-elsewhere.example.org/fhir');
    assert.equal(activities[amlodipine.reference], 'CREATE');
    assert.equal(medications.past.find((m) => m.name === 'Naproxen sodium 220 MG Oral Tablet')?.displayStatus, 'Discontinued');
    const added = await store.read('MedicationRequest', amlodipine.id);
    assert.deepEqual(added.subject, { reference: TONY });
    assert.equal(added.requester?.reference, undefined, "María's practitioner reference, meaningless here, is detached");
    assert.equal(added.requester?.type, 'Practitioner');

    // merged: Tony's SNOMED-coded hypertension keeps its code and gains the hospital's note
    const problems = await problemList(store, patientId);
    const hypertension = problems.activeProblems.find((p) => p.id === '6248675c-e328-4f03-ab75-f1b559b68c13');
    assert.deepEqual(hypertension?.codes, ['SNOMED CT 38341003']);
    assert.deepEqual(hypertension?.notes, ['Home blood pressure readings reviewed']);
    assert.ok(problems.activeProblems.some((p) => p.name === 'Coronary Heart Disease'));
    // rejected: the egg allergy is unchanged
    const eggs = await store.read('AllergyIntolerance', 'ea5630ff-bbe3-4d8d-9362-e9855991c7b1');
    assert.equal(eggs.meta?.versionId, '1');
  });

  it("adds a statement that refers to a Medication sent alongside with the Medication's code inline", async () => {
    const store = await storeWith(tony);
    const statement = fixtureJson<MedicationStatement>('ips/MedicationStatement-eumfh-39-07-1.json');
    const medication = fixtureJson<Medication>('ips/Medication-eumfh-39-07-1.json');
    const plan = reconcile(await localRecords(store), [statement, medication]);
    const { written } = await applyReconciliation(store, plan, { 'incoming:MedicationStatement/eumfh-39-07-1': 'add' }, { patient: TONY, source: HOSPITAL });
    const added = written[0];
    assert.equal(added?.resourceType, 'MedicationStatement');
    if (added?.resourceType !== 'MedicationStatement') return;
    assert.equal(added.medicationReference, undefined);
    assert.deepEqual(added.medicationCodeableConcept, medication.code);
    assert.deepEqual(added.subject, { reference: TONY });
    const medications = await medicationList(store, TONY.slice('Patient/'.length));
    assert.ok(medications.current.some((m) => m.name === 'Simvastatin 40 MG Disintegrating Oral Tablet' && m.kind === 'reported'));
  });

  it('leaves nothing written when the transaction fails (a local record changed since the plan)', async () => {
    const store = await storeWith(tony);
    const plan = reconcile(await localRecords(store), incomingRecords());
    const naproxen = await store.read('MedicationRequest', '8c91b025-28fb-4bc1-9b93-36ebf0d81408');
    await store.update({ ...naproxen, status: 'on-hold' });
    await assert.rejects(
      applyReconciliation(store, plan, { 'incoming:MedicationRequest/se-med-4': 'add', 'incoming:MedicationRequest/se-med-2': 'replace' }, { patient: TONY, source: HOSPITAL }),
      { code: 'conflict' },
    );
    assert.deepEqual(await searchAllPages(store, 'Provenance', {}), []);
    const orders = await searchAllPages(store, 'MedicationRequest', { patient: TONY });
    assert.equal(orders.length, 4);
    assert.equal((await store.read('MedicationRequest', '8c91b025-28fb-4bc1-9b93-36ebf0d81408')).status, 'on-hold');
  });

  it('adds an order converted from a real RDE^O11 message: its urn:uuid references into the message are dropped, leaving no empty element', async () => {
    const store = await storeWith(await tony);
    const bundle = hl7v2ToFhir(readFileSync(new URL('../../../../test/fixtures/hl7v2/RDE-O11-01.hl7', import.meta.url), 'utf8'));
    const incoming = (bundle.entry ?? []).map((entry) => entry.resource).filter((resource): resource is Resource => resource !== undefined);
    const order = incoming.find((resource): resource is MedicationRequest => resource.resourceType === 'MedicationRequest');
    assert.ok(order, 'the message has an order (RXE)');
    assert.match(order.encounter?.reference ?? '', /^urn:uuid:/, "the converted order refers to the message's encounter by urn:uuid");
    const plan = reconcile(await localRecords(store), incoming);
    const added = plan.items.filter((i) => i.status === 'new');
    assert.equal(added.length, 1);
    // the store validates every write: an empty `encounter: {}` would fail it (ele-1)
    const { written } = await applyReconciliation(store, plan, { [added[0]!.key]: 'add' }, { patient: TONY, source: { display: 'GHHSFacility' } });
    const stored = written[0] as MedicationRequest;
    assert.equal(stored.encounter, undefined);
    assert.equal(stored.subject.reference, TONY);
    assert.equal(stored.meta?.source, 'urn:oid:2.16.840.1.122848.1.30#MSG00001'); // MSH-4's OID and MSH-10
  });

  it('refuses a decision the item does not allow, or an unknown key, before writing anything', async () => {
    const store = await storeWith(tony);
    const plan = reconcile(await localRecords(store), incomingRecords());
    await assert.rejects(
      applyReconciliation(store, plan, { 'incoming:MedicationRequest/se-med-4': 'add', 'incoming:MedicationRequest/se-med-1': 'add' }, { patient: TONY, source: HOSPITAL }),
      { code: 'invalid', message: /"add" is not a decision for a matching item \("incoming:MedicationRequest\/se-med-1"\)/ },
    );
    await assert.rejects(applyReconciliation(store, plan, { 'incoming:Nope/1': 'add' }, { patient: TONY, source: HOSPITAL }), { code: 'invalid', message: /no item "incoming:Nope\/1"/ });
    await assert.rejects(applyReconciliation(store, plan, {}, { patient: 'Tony', source: HOSPITAL }), { code: 'invalid' });
    assert.deepEqual(await searchAllPages(store, 'Provenance', {}), []);
  });
});
