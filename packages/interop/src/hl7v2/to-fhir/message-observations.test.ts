import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Bundle, Immunization, Observation, Resource } from '@chartwell/fhir';
import { validate } from '@chartwell/fhir';
import { hl7v2ToFhir } from '@chartwell/interop';
import { fixtureJson, fixtureText } from '../../../../../test/support/fixtures.js';

const ofType = <T extends Resource>(bundle: Bundle, type: T['resourceType']): T[] => (bundle.entry ?? []).map((e) => e.resource).filter((r): r is T => r?.resourceType === type);
const urlOf = (bundle: Bundle, resource: Resource | undefined) => bundle.entry?.find((e) => e.resource === resource)?.fullUrl;
const loinc = (o: Observation) => o.code.coding?.[0]?.code;

describe('hl7v2ToFhir: OBX of VXU, DFT, MDM and ADT as Observations', () => {
  it('VXU-V04-01: the OBX after the RXA are Observations part of the Immunization, which gets funding, eligibility and the VIS', () => {
    const bundle = hl7v2ToFhir(fixtureText('hl7v2/VXU-V04-01.hl7'));
    for (const entry of bundle.entry ?? []) assert.equal(validate(entry.resource).valid, true, entry.resource?.resourceType);
    const [immunization] = ofType<Immunization>(bundle, 'Immunization');
    const observations = ofType<Observation>(bundle, 'Observation');
    // OBX 8867-4 (before the ORC/RXA: about the patient), then 30963-3, 64994-7, 69764-9, 29769-7 after the RXA
    assert.deepEqual(observations.map(loinc), ['8867-4', '30963-3', '64994-7', '69764-9', '29769-7']);
    assert.equal(observations[0]?.partOf, undefined);
    for (const o of observations.slice(1)) assert.deepEqual(o.partOf, [{ reference: urlOf(bundle, immunization) }]);
    assert.equal(observations[4]?.valueDateTime, '2021-08-18'); // OBX|4|DT|29769-7^Date Vis Presented^LN|3|20210818
    // OBX|1|CE|30963-3^Vaccine Funding Source^LN|1|PHC70^Private^CDCPHINVS
    assert.equal(immunization?.fundingSource?.coding?.[0]?.code, 'PHC70');
    // OBX|2|CE|64994-7^Vaccine Funding Program Eligibility^LN|2|V01^Not VFC Eligible^HL70064
    assert.deepEqual(immunization?.programEligibility, [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0064', code: 'V01', display: 'Not VFC Eligible' }], text: 'Not VFC Eligible' }]);
    // OBX 3 and 4, sub-ID 3: the Td VIS (its GS1 barcode) presented on 2021-08-18
    assert.deepEqual(immunization?.education, [{ documentType: '253088698300028811170411', presentationDate: '2021-08-18' }]);
  });

  it('VXU-V04-01: the same Observations, partOf and VIS as FHIR-Converter\'s published output', () => {
    const expected = fixtureJson<Bundle>('hl7v2-fhir/VXU-V04-01-expected.json');
    const ours = hl7v2ToFhir(fixtureText('hl7v2/VXU-V04-01.hl7'));
    const theirs = ofType<Observation>(expected, 'Observation');
    const ourCodes = new Set(ofType<Observation>(ours, 'Observation').map(loinc));
    for (const o of theirs) assert.ok(ourCodes.has(loinc(o)), `Observation ${loinc(o)}`);
    // the ones FHIR-Converter links to the Immunization are linked here too
    const linked = theirs.filter((o) => o.partOf?.[0]?.reference?.startsWith('Immunization/')).map(loinc);
    assert.deepEqual(linked, ['69764-9', '29769-7']);
    for (const code of linked) assert.ok(ofType<Observation>(ours, 'Observation').find((o) => loinc(o) === code)?.partOf);
  });

  it('VXU with three RXA: each OBX is part of the RXA before it', () => {
    const bundle = hl7v2ToFhir(fixtureText('hl7v2/VXU.hl7'));
    const immunizations = ofType<Immunization>(bundle, 'Immunization');
    assert.equal(immunizations.length, 3);
    const observations = ofType<Observation>(bundle, 'Observation');
    assert.equal(observations.length, 4); // the four OBX follow the first RXA
    for (const o of observations) assert.deepEqual(o.partOf, [{ reference: urlOf(bundle, immunizations[0]) }]);
    assert.equal(immunizations[1]?.education, undefined);
  });

  it('DFT-P03-01: the OBX is an Observation of the visit; DG1, PR1 and IN1 are converted as for ADT', () => {
    const bundle = hl7v2ToFhir(fixtureText('hl7v2/DFT-P03-01.hl7'));
    for (const entry of bundle.entry ?? []) assert.equal(validate(entry.resource).valid, true, entry.resource?.resourceType);
    const observations = ofType<Observation>(bundle, 'Observation');
    // OBX|1|FT|ERDr^ED Physician Notes||||||||F
    assert.deepEqual(observations.map((o) => [o.code.coding?.[0]?.code, o.status]), [['ERDr', 'final']]);
    assert.ok(observations[0]?.encounter);
    // FHIR-Converter: 2 Conditions (the two DG1), 1 Coverage; the Procedures it makes include the PR1's
    const expected = fixtureJson<Bundle>('hl7v2-fhir/DFT-P03-01-expected.json');
    assert.equal(ofType(bundle, 'Condition').length, ofType(expected, 'Condition').length);
    assert.equal(ofType(bundle, 'Coverage').length, ofType(expected, 'Coverage').length);
    assert.equal(ofType(bundle, 'Procedure').length, 1);
  });

  it('MDM-T02-01: the HD OBX (a DICOM study) is an Observation, the ED OBX stays the document\'s content, as FHIR-Converter', () => {
    const bundle = hl7v2ToFhir(fixtureText('hl7v2/MDM-T02-01.hl7'));
    const observations = ofType<Observation>(bundle, 'Observation');
    // OBX|1|HD|113014^DICOM Study^DCM||1.2.840.317.5947431.51||||||O
    assert.deepEqual(observations.map((o) => [o.code.coding?.[0]?.code, o.valueString]), [['113014', '1.2.840.317.5947431.51']]);
    const expected = fixtureJson<Bundle>('hl7v2-fhir/MDM-T02-01-expected.json');
    assert.deepEqual(ofType<Observation>(expected, 'Observation').map((o) => o.code.coding?.[0]?.code), ['113014']);
    assert.equal(ofType(bundle, 'DocumentReference').length, 1);
  });

  it('MDM-T02-03: its 29 TX OBX are the document text, not Observations', () => {
    const bundle = hl7v2ToFhir(fixtureText('hl7v2/MDM-T02-03.hl7'));
    assert.equal(ofType(bundle, 'Observation').length, 0);
  });

  it('ADT-A01-01: the OBX (heart rate) is an Observation of the visit', () => {
    const bundle = hl7v2ToFhir(fixtureText('hl7v2/ADT-A01-01.hl7'));
    const observations = ofType<Observation>(bundle, 'Observation');
    // OBX|27|NM|8867-4^heartrate^LN||60~120|beats/min^^ISO — two values: kept as text
    assert.deepEqual(observations.map(loinc), ['8867-4']);
    assert.equal(observations[0]?.valueString, '60\n120');
  });
});
