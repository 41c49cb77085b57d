import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Bundle, MedicationRequest, Resource } from '@chartwell/fhir';
import { validate } from '@chartwell/fhir';
import { Hl7v2Error, hl7v2ToFhir } from '@chartwell/interop';
import { fixtureText } from '../../../../../test/support/fixtures.js';

const ofType = <T extends Resource>(bundle: Bundle, type: T['resourceType']): T[] => (bundle.entry ?? []).map((e) => e.resource).filter((r): r is T => r?.resourceType === type);
const urlOf = (bundle: Bundle, type: string) => bundle.entry?.find((e) => e.resource?.resourceType === type)?.fullUrl;
// built from the segments of FHIR-Converter's RDE-O11-01 sample (see test/fixtures/SOURCES.md)
const OMP = () => fixtureText('hl7v2/OMP-O09-from-RDE-O11-01.hl7');

describe('hl7v2ToFhir: OMP^O09 pharmacy order', () => {
  it('gives one valid MedicationRequest per RXO, with the ORC, RXO and RXR fields', () => {
    const bundle = hl7v2ToFhir(OMP());
    for (const entry of bundle.entry ?? []) assert.equal(validate(entry.resource).valid, true, entry.resource?.resourceType);
    const requests = ofType<MedicationRequest>(bundle, 'MedicationRequest');
    assert.equal(requests.length, 1);
    const request = requests[0] as MedicationRequest;
    // RXO-1 00047040230^Ampicillin 250 mg caps^NDC
    assert.deepEqual(request.medicationCodeableConcept, { coding: [{ system: 'http://hl7.org/fhir/sid/ndc', code: '00047040230', display: 'Ampicillin 250 mg caps' }], text: 'Ampicillin 250 mg caps' });
    assert.equal(request.intent, 'order');
    assert.equal(request.status, 'active'); // ORC-1 NW, no ORC-5
    assert.equal(request.subject.reference, urlOf(bundle, 'Patient'));
    assert.equal(request.encounter?.reference, urlOf(bundle, 'Encounter'));
    // ORC-2 1163422591^EPC, ORC-9 20191104062726+0215
    assert.deepEqual(request.identifier, [{ type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'PLAC' }] }, value: '1163422591', assigner: { display: 'EPC' } }]);
    assert.equal(request.authoredOn, '2019-11-04T06:27:26+02:15');
    const dosage = request.dosageInstruction?.[0];
    assert.equal(dosage?.text, '1 tablet by oral route 2 times daily.'); // RXO-7
    assert.deepEqual(dosage?.doseAndRate?.[0]?.doseQuantity, { value: 2, unit: 'capsule' }); // RXO-2, RXO-4 caps^capsule
    assert.deepEqual(dosage?.route, { coding: [{ code: 'IV', display: 'IV Infusion' }], text: 'IV Infusion' }); // RXR-1
    assert.deepEqual(request.note, [{ text: 'Remind the patient toschedule follow up appointment with the provider.' }]); // RXO-6
    assert.deepEqual(request.substitution, { allowedBoolean: true }); // RXO-9 G
    assert.deepEqual(request.dispenseRequest, { quantity: { value: 10, unit: 'capsule' }, numberOfRepeatsAllowed: 12 }); // RXO-11/12/13
  });

  it('converts the allergies an order carries (AL1) and, for RDE, the insurance and guarantor (IN1, GT1)', () => {
    // the AL1 of FHIR-Converter's ADT-A01-01 sample, after the PV1 as OMP_O09 places it
    const withAllergy = OMP().replace(/(\rPV1\|[^\r]*)/, '$1\rAL1|1|EA|P^PENICILLIN^ICDO|MI|CODE16|20210824');
    const bundle = hl7v2ToFhir(withAllergy);
    assert.deepEqual(ofType(bundle, 'AllergyIntolerance').map((a) => (a as { code?: { text?: string } }).code?.text), ['PENICILLIN']);
    const rde = hl7v2ToFhir(fixtureText('hl7v2/RDE-O11-01.hl7'));
    assert.equal(ofType(rde, 'Coverage').length, 1); // IN1|1|BAV^Blue Advantage HMO|…
    // GT1|1|…|RADIANT^LUCY^^|…|BRO|: a guarantor who is the patient's brother
    const account = ofType(rde, 'Account')[0] as { guarantor?: { party: { reference?: string } }[] } | undefined;
    const party = rde.entry?.find((e) => e.fullUrl === account?.guarantor?.[0]?.party.reference)?.resource as { resourceType: string; name?: { family?: string }[] } | undefined;
    assert.deepEqual([party?.resourceType, party?.name?.[0]?.family], ['RelatedPerson', 'RADIANT']);
  });

  it('refuses an RXO without its give code, naming the segment and field, and gives nothing', () => {
    const broken = OMP().replace('RXO|00047040230^Ampicillin 250 mg caps^NDC|', 'RXO||');
    assert.throws(
      () => hl7v2ToFhir(broken),
      (error: unknown) => error instanceof Hl7v2Error && error.field === 'RXO-1' && error.segmentIndex === 6 && /segment 6 \(RXO\)/.test(error.message),
    );
  });
});
