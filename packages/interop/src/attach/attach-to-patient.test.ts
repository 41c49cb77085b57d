import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importBundle, searchAllPages } from '@chartwell/core';
import type { Bundle, Observation, Provenance } from '@chartwell/fhir';
import { storeWith, syntheaResources } from '../../../../test/support/chart-fixtures.js';
import { fixtureText } from '../../../../test/support/fixtures.js';
import { hl7v2ToFhir } from '../hl7v2/to-fhir/to-fhir.js';
import { ccdaToFhir } from '../ccda/ccda-to-fhir.js';
import { attachToPatient } from './attach-to-patient.js';

const TONY = 'Patient/79c96478-7878-4703-9e94-b999f2bc3295';
const tony = () => storeWith(syntheaResources('Tony_Douglas_f6d715f8-94c0-49ad-a46a-4f96dc7a67b4.json'));
const ORU = fixtureText('hl7v2/ORU-R01-01.hl7');
const DISCHARGE = fixtureText('ccda/hl7-c-cda-examples/Documents/Discharge Summary/Discharge_Summary.xml');

describe('attachToPatient', () => {
  it("stores a lab's ORU^R01 results in the chosen chart, with no second Patient and the lab's provenance", async () => {
    const store = await tony();
    const patientsBefore = (await searchAllPages(store, 'Patient')).length;
    const { bundle, counts } = attachToPatient(hl7v2ToFhir(ORU), TONY);
    assert.equal(counts.Patient, undefined);
    await importBundle(store, bundle);

    assert.equal((await searchAllPages(store, 'Patient')).length, patientsBefore);
    // the message has five OBX segments; the ED one is the report's presented form, the four others are Observations of Tony's now
    const segments = ORU.split(/\r\n|\r|\n/).filter((line) => line.startsWith('OBX|'));
    assert.equal(segments.length, 5);
    const obx = segments.filter((line) => line.split('|')[2] !== 'ED').length;
    const observations = (await searchAllPages(store, 'Observation', { patient: TONY })).filter((o: Observation) => o.meta?.source?.includes('#') ?? false);
    assert.equal(observations.length, obx);
    // MSH-4, the sending facility, is the Provenance's organisation; it does not claim Tony's own Patient record
    const provenances = (await searchAllPages(store, 'Provenance')).filter((p: Provenance) => p.target.some((t) => t.reference?.startsWith('Observation/')));
    assert.equal(provenances.length, 1);
    const provenance = provenances[0] as Provenance;
    assert.ok(!provenance.target.some((t) => t.reference === TONY));
    assert.ok(JSON.stringify(provenance.agent).includes('IA Public Health Lab'));
  });

  it('leaves the types given to reconciliation out of a C-CDA document, and keeps the rest consistent', async () => {
    const incoming = ccdaToFhir(DISCHARGE);
    const excluded = ['MedicationStatement', 'MedicationRequest', 'AllergyIntolerance', 'Condition'] as const;
    const inDocument = (type: string) => (incoming.entry ?? []).filter((e) => e.resource?.resourceType === type).length;
    assert.ok(excluded.some((type) => inDocument(type) > 0), 'the discharge summary has medications, allergies or problems');
    const { bundle, counts, left } = attachToPatient(incoming, TONY, { exclude: excluded });
    for (const type of excluded) assert.equal(counts[type], undefined, `${type} left out`);
    assert.equal(left, 1 + excluded.reduce((sum, type) => sum + inDocument(type), 0));
    // nothing still points at a left-out entry or at the incoming Patient
    const gone = new Set((incoming.entry ?? []).filter((e) => e.resource?.resourceType === 'Patient' || excluded.includes(e.resource?.resourceType as (typeof excluded)[number])).map((e) => e.fullUrl));
    const text = JSON.stringify(bundle);
    for (const fullUrl of gone) assert.ok(!text.includes(`"${fullUrl}"`), `no reference to ${fullUrl}`);

    const store = await tony();
    const conditionsBefore = (await searchAllPages(store, 'Condition', { patient: TONY })).length;
    await importBundle(store, bundle);
    assert.equal((await searchAllPages(store, 'Condition', { patient: TONY })).length, conditionsBefore);
    const encounters = (await searchAllPages(store, 'Encounter', { patient: TONY })).filter((e) => e.meta?.source === incoming.entry?.[1]?.resource?.meta?.source);
    assert.equal(encounters.length, counts.Encounter ?? 0);
    assert.ok(encounters.length > 0);
  });

  it('does not change the incoming Bundle', () => {
    const incoming = hl7v2ToFhir(ORU);
    const copy = JSON.parse(JSON.stringify(incoming)) as Bundle;
    attachToPatient(incoming, TONY, { exclude: ['DiagnosticReport'] });
    assert.deepEqual(incoming, copy);
  });

  it('refuses a Bundle with no Patient or two, and a target that is not a Patient reference', () => {
    const incoming = hl7v2ToFhir(ORU);
    const withoutPatient: Bundle = { ...incoming, entry: (incoming.entry ?? []).filter((e) => e.resource?.resourceType !== 'Patient') };
    assert.throws(() => attachToPatient(withoutPatient, TONY), /holds 0 Patient entries/);
    const patientEntry = (incoming.entry ?? []).find((e) => e.resource?.resourceType === 'Patient');
    assert.ok(patientEntry);
    const twoPatients: Bundle = { ...incoming, entry: [...(incoming.entry ?? []), { ...patientEntry, fullUrl: 'urn:uuid:00000000-0000-4000-8000-000000000001' }] };
    assert.throws(() => attachToPatient(twoPatients, TONY), /holds 2 Patient entries/);
    assert.throws(() => attachToPatient(incoming, 'Practitioner/1'), /is not a Patient reference/);
  });
});
