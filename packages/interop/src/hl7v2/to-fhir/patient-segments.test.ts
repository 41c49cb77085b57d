import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Account, AllergyIntolerance, Bundle, Condition, Coverage, Encounter, Organization, Patient, Practitioner, Procedure, RelatedPerson, Resource } from '@chartwell/fhir';
import { validate } from '@chartwell/fhir';
import { Hl7v2Error, hl7v2ToFhir } from '@chartwell/interop';
import { collectReferences, fixtureJson, fixtureText } from '../../../../../test/support/fixtures.js';

const ofType = <T extends Resource>(bundle: Bundle, type: T['resourceType']): T[] => (bundle.entry ?? []).map((e) => e.resource).filter((r): r is T => r?.resourceType === type);
const one = <T extends Resource>(bundle: Bundle, type: T['resourceType']): T => {
  const found = ofType<T>(bundle, type);
  assert.equal(found.length, 1, `one ${type}`);
  return found[0] as T;
};
const byUrl = (bundle: Bundle, url: string | undefined) => bundle.entry?.find((e) => e.fullUrl === url)?.resource;
const urlOf = (bundle: Bundle, resource: Resource) => bundle.entry?.find((e) => e.resource === resource)?.fullUrl;

describe('hl7v2ToFhir: the ADT segments around PID and PV1 (NK1, AL1, DG1, PR1, IN1, GT1)', () => {
  const adt = () => hl7v2ToFhir(fixtureText('hl7v2/ADT-A01-01.hl7'));

  it('every resource is valid and every reference is inside the Bundle, for each ADT sample', () => {
    for (const name of ['ADT-A01-01', 'ADT-A03-01', 'ADT-A04-01', 'ADT-A08-01', 'ADT-A28-01', 'ADT-A31-01', 'simple-hl7-adt', 'hl7-standard-message']) {
      const bundle = hl7v2ToFhir(fixtureText(`hl7v2/${name}.hl7`));
      for (const entry of bundle.entry ?? []) assert.equal(validate(entry.resource).valid, true, `${name} ${entry.resource?.resourceType}: ${JSON.stringify(validate(entry.resource).issues)}`);
      const urls = new Set(bundle.entry?.map((e) => e.fullUrl));
      for (const reference of collectReferences(bundle)) assert.ok(urls.has(reference), `${name}: ${reference}`);
    }
  });

  it('NK1 → a contact of the Patient, with role, relationship, name, address, phones, sex, organisation and period', () => {
    const patient = one<Patient>(adt(), 'Patient');
    assert.equal(patient.contact?.length, 1);
    const contact = patient.contact?.[0];
    // NK1-7 O (table 0131 Other), NK1-3 EMC^test^ACR^CHD
    assert.deepEqual(contact?.relationship?.[0], { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0131', code: 'O', display: 'Other' }] });
    assert.deepEqual(contact?.relationship?.[1]?.coding?.map((c) => c.code), ['EMC', 'CHD']);
    // NK1-2 Evan&&&&Aniston^ADAM^A^III^Dr.^MD^D
    assert.equal(contact?.name?.family, 'Evan');
    assert.deepEqual(contact?.name?.given, ['ADAM', 'A']);
    // NK1-4, first repetition: 2222&HOME&STREET^Highway^GREENSBORO^NC^27401-1020^US^BI^^jkdha&test (XAD-9 county)
    assert.deepEqual(contact?.address, { line: ['2222', 'Highway'], city: 'GREENSBORO', state: 'NC', postalCode: '27401-1020', country: 'US', district: 'jkdha', use: 'billing' });
    // NK1-5 121111^PRN^CP (home, a mobile), NK1-6 88888888^PRN^CP and 6666666^^BP (a pager)
    assert.ok(contact?.telecom?.some((t) => t.value === '121111' && t.use === 'mobile'));
    assert.ok(contact?.telecom?.some((t) => t.value === '6666666' && t.system === 'pager'));
    assert.equal(contact?.gender, 'female'); // NK1-15 F
    assert.deepEqual(contact?.organization, { display: 'TestOrg' }); // NK1-13
    assert.deepEqual(contact?.period, { start: '2021-08-18', end: '2021-12-18' }); // NK1-8, NK1-9
  });

  it('NK1 of a real registration (hl7-standard): the employer contact with only an address and organisation is kept', () => {
    const patient = one<Patient>(hl7v2ToFhir(fixtureText('hl7v2/hl7-standard-message.hl7')), 'Patient');
    // NK1|1|KNIGHT^STORMY|FRND|123 Main St^^EDINA…|(612)554-7474||EC and NK1|2|||1500 WEST 14TH ST…|||EMP|…| ACME BUSINESS SERVICES
    assert.equal(patient.contact?.length, 2);
    assert.equal(patient.contact?.[0]?.name?.family, 'KNIGHT');
    assert.equal(patient.contact?.[0]?.telecom?.[0]?.value, '(612)554-7474');
    assert.equal(patient.contact?.[1]?.name, undefined);
    assert.equal(patient.contact?.[1]?.organization?.display, 'ACME BUSINESS SERVICES');
    assert.equal(patient.contact?.[1]?.address?.city, 'EDEN PRAIRIE');
  });

  it('AL1 → AllergyIntolerance: allergen, type and category from the allergen type, reaction with its severity, onset', () => {
    const bundle = adt();
    const allergy = one<AllergyIntolerance>(bundle, 'AllergyIntolerance');
    // AL1|1|EA|P^PENICILLIN^ICDO|MI|CODE16|20210824
    assert.deepEqual(allergy.code, { coding: [{ code: 'P', display: 'PENICILLIN' }], text: 'PENICILLIN' });
    assert.equal(allergy.type, 'allergy');
    assert.deepEqual(allergy.category, ['environment']);
    assert.deepEqual(allergy.reaction, [{ manifestation: [{ text: 'CODE16' }], severity: 'mild' }]);
    assert.equal(allergy.criticality, undefined); // a reaction's severity is not a criticality
    assert.equal(allergy.onsetDateTime, '2021-08-24');
    assert.equal(allergy.clinicalStatus?.coding?.[0]?.code, 'active');
    assert.equal(byUrl(bundle, allergy.patient.reference)?.resourceType, 'Patient');
  });

  it('an empty AL1 placeholder (AL1|1||^^|||, hl7-standard) gives no AllergyIntolerance; an AL1 with content but no allergen is refused', () => {
    assert.equal(ofType(hl7v2ToFhir(fixtureText('hl7v2/hl7-standard-message.hl7')), 'AllergyIntolerance').length, 0);
    const broken = fixtureText('hl7v2/ADT-A01-01.hl7').replace('AL1|1|EA|P^PENICILLIN^ICDO|', 'AL1|1|EA||');
    assert.throws(() => hl7v2ToFhir(broken), (e: unknown) => e instanceof Hl7v2Error && e.field === 'AL1-3' && e.segmentIndex === 15);
  });

  it('DG1 → an encounter-diagnosis Condition, linked both ways with the Encounter, with role and rank', () => {
    const bundle = adt();
    const condition = one<Condition>(bundle, 'Condition');
    const encounter = one<Encounter>(bundle, 'Encounter');
    // DG1|1|I9|422504002^Ischemic stroke(disorder)^SCT|Stroke|20040125114025+0420|A|…|1|005454^DIAG^ROBIN^B|||20200501133015+0215|DI20^Diagnosis^1.3.6.1.4.1.44750.1.2.2^CLIP
    assert.deepEqual(condition.code, { coding: [{ system: 'http://snomed.info/sct', code: '422504002', display: 'Ischemic stroke(disorder)' }], text: 'Stroke' });
    assert.equal(condition.category?.[0]?.coding?.[0]?.code, 'encounter-diagnosis');
    assert.equal(condition.onsetDateTime, '2004-01-25T11:40:25+04:20');
    assert.equal(condition.recordedDate, '2020-05-01T13:30:15+02:15');
    assert.equal(condition.clinicalStatus, undefined);
    assert.deepEqual(condition.identifier, [{ system: 'urn:oid:1.3.6.1.4.1.44750.1.2.2', value: 'DI20', assigner: { display: 'Diagnosis' } }]);
    assert.equal((byUrl(bundle, condition.asserter?.reference) as Practitioner).name?.[0]?.family, 'DIAG');
    assert.equal(condition.encounter?.reference, urlOf(bundle, encounter));
    assert.deepEqual(encounter.diagnosis, [{ condition: { reference: urlOf(bundle, condition) }, use: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/diagnosis-role', code: 'AD', display: 'Admission diagnosis' }] }, rank: 1 }]);
    const entry = bundle.entry?.find((e) => e.resource === condition);
    assert.equal(entry?.request?.url, 'Condition?identifier=urn:oid:1.3.6.1.4.1.44750.1.2.2|DI20');
  });

  it('PR1 → Procedure of the visit: code, text, time, category, performers by role, reason', () => {
    const bundle = adt();
    const procedure = one<Procedure>(bundle, 'Procedure');
    assert.deepEqual(procedure.code?.coding, [{ system: 'http://snomed.info/sct', code: '76164006', display: 'Biopsy of colon (procedure)' }]);
    assert.equal(procedure.code?.text, 'Biopsy of colon, which was part of colonoscopy'); // PR1-4
    assert.equal(procedure.performedDateTime, '2005-01-25T11:40:00+01:00'); // PR1-5 200501251140+0100
    assert.equal(procedure.category?.coding?.[0]?.code, 'D'); // PR1-6
    assert.equal(procedure.status, 'unknown');
    const performers = procedure.performer?.map((p) => [p.function?.text, (byUrl(bundle, p.actor.reference) as Practitioner).name?.[0]?.family]);
    assert.deepEqual(performers, [['Anesthesiologist', 'ANES'], ['Surgeon', 'Patrick'], ['Procedure practitioner', 'Everyman2']]);
    assert.equal(procedure.reasonCode?.[0]?.coding?.[0]?.code, '799008'); // PR1-15
    assert.equal(procedure.identifier?.[0]?.value, 'PR1006'); // PR1-19
    assert.equal(byUrl(bundle, procedure.encounter?.reference)?.resourceType, 'Encounter');
  });

  it('IN1 → Coverage with the insurer as payer Organization: plan and group classes, period, type, relationship, policy and member IDs', () => {
    const bundle = adt();
    const coverage = one<Coverage>(bundle, 'Coverage');
    const payer = byUrl(bundle, coverage.payor[0]?.reference) as Organization;
    assert.equal(payer.name, 'Blue Cross Blue Shield of Texas'); // IN1-4
    assert.equal(payer.identifier?.[0]?.system, 'urn:oid:2.16.840.1.113883.1.1'); // IN1-3 IC-1.31^…^&2.16.840.1.113883.1.1&ISO
    assert.equal(payer.identifier?.[0]?.value, 'IC-1.31');
    assert.equal(payer.address?.[0]?.city, 'VERONA');
    assert.deepEqual(coverage.class?.map((c) => [c.type.coding?.[0]?.code, c.value, c.name]), [['plan', 'BAV', 'Blue Advantage HMO'], ['group', 'PUBSUMB', 'SelfPay']]);
    assert.deepEqual(coverage.period, { start: '1989-10-01', end: '2050-10-01' }); // IN1-12, IN1-13
    assert.equal(coverage.type?.coding?.[0]?.code, 'HMO'); // IN1-15
    assert.equal(coverage.relationship?.coding?.[0]?.code, 'spouse'); // IN1-17 SPO
    assert.equal(coverage.subscriber, undefined);
    assert.equal(coverage.identifier?.[0]?.value, 'PN-145'); // IN1-36
    assert.equal(coverage.subscriberId, 'HMO-12345'); // IN1-49
    assert.equal(byUrl(bundle, coverage.beneficiary.reference)?.resourceType, 'Patient');
  });

  it('GT1 → the patient Account (PID-18) with its guarantor: the patient for SEL, else a RelatedPerson', () => {
    const bundle = adt();
    const account = one<Account>(bundle, 'Account');
    assert.equal(account.identifier?.[0]?.value, '4000776'); // PID-18
    assert.equal(account.identifier?.[0]?.system, 'urn:oid:1.3.6.1.4.1.44750.1.2.2');
    // GT1-11 SEL, GT1-13/14 20010410, 20010415
    assert.deepEqual(account.guarantor, [{ party: { reference: bundle.entry?.find((e) => e.resource?.resourceType === 'Patient')?.fullUrl }, period: { start: '2001-04-10', end: '2001-04-15' } }]);
    // the RDE sample's GT1 is the same person with GT1-11 BRO (brother)
    const rde = hl7v2ToFhir(fixtureText('hl7v2/ADT-A01-01.hl7').replace('|M|P/F|SEL|', '|M|P/F|BRO|'));
    const guarantor = byUrl(rde, one<Account>(rde, 'Account').guarantor?.[0]?.party.reference) as RelatedPerson;
    assert.equal(guarantor.resourceType, 'RelatedPerson');
    assert.deepEqual(guarantor.name, [{ family: 'RADIANT', given: ['LUCY'] }]); // GT1-3
    assert.equal(guarantor.birthDate, '2001-04-12'); // GT1-8
    assert.equal(guarantor.gender, 'male'); // GT1-9
    assert.equal(guarantor.relationship?.[0]?.coding?.[0]?.code, 'BRO');
    assert.equal(guarantor.address?.[0]?.city, 'MADISON'); // GT1-5
  });

  it('A28/A31 (person information) convert NK1, AL1, IN1, GT1 but not the visit\'s DG1 and PR1', () => {
    const bundle = hl7v2ToFhir(fixtureText('hl7v2/ADT-A28-01.hl7'));
    assert.equal(ofType(bundle, 'Encounter').length, 0);
    assert.equal(ofType(bundle, 'Condition').length, 0);
    assert.equal(ofType(bundle, 'Procedure').length, 0);
    assert.equal(ofType(bundle, 'AllergyIntolerance').length, 1);
    assert.equal(ofType(bundle, 'Coverage').length, 1);
    assert.equal(one<Patient>(bundle, 'Patient').contact?.length, 1);
  });

  it('compares with FHIR-Converter on ADT-A01-01: the same allergy, diagnosis, procedure, coverage and account', () => {
    const expected = fixtureJson<Bundle>('hl7v2-fhir/ADT-A01-01-expected.json');
    const ours = adt();
    const codes = (bundle: Bundle, type: string) => new Set((bundle.entry ?? []).filter((e) => e.resource?.resourceType === type).flatMap((e) => ((e.resource as { code?: { coding?: { code?: string }[] } }).code?.coding ?? []).map((c) => c.code)));
    // FHIR-Converter's allergy, DG1 condition and PR1 procedure codes are all ours too (it also makes Conditions and Procedures from PDA and DG1-22)
    for (const type of ['AllergyIntolerance', 'Condition', 'Procedure']) for (const code of ['P', '422504002', '76164006']) if (codes(ours, type).has(code)) assert.ok(codes(expected, type).has(code), `${type} ${code}`);
    assert.ok(codes(ours, 'AllergyIntolerance').has('P') && codes(ours, 'Condition').has('422504002') && codes(ours, 'Procedure').has('76164006'));
    const theirCoverage = one<Coverage>(expected, 'Coverage');
    const ourCoverage = one<Coverage>(ours, 'Coverage');
    assert.deepEqual(ourCoverage.period, theirCoverage.period);
    assert.deepEqual(ourCoverage.class?.map((c) => c.value), theirCoverage.class?.map((c) => c.value));
    assert.equal(one<Account>(ours, 'Account').identifier?.[0]?.value, one<Account>(expected, 'Account').identifier?.[0]?.value);
    assert.deepEqual(one<Account>(ours, 'Account').guarantor?.[0]?.period, one<Account>(expected, 'Account').guarantor?.[0]?.period);
  });
});
