import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Bundle, DiagnosticReport, Encounter, Location, Observation, Organization, Patient, Practitioner, Provenance, Resource } from '@chartwell/fhir';
import { validate } from '@chartwell/fhir';
import { importBundle, MemoryStore } from '@chartwell/core';
import { Hl7v2Error, hl7v2ToFhir } from '@chartwell/interop';
import { collectReferences, fixtureJson, fixtureText } from '../../../../../test/support/fixtures.js';

const ofType = <T extends Resource>(bundle: Bundle, type: T['resourceType']): T[] =>
  (bundle.entry ?? []).map((e) => e.resource).filter((r): r is T => r?.resourceType === type);
const one = <T extends Resource>(bundle: Bundle, type: T['resourceType']): T => {
  const found = ofType<T>(bundle, type);
  assert.equal(found.length, 1, `one ${type}`);
  return found[0] as T;
};
const byUrl = (bundle: Bundle, url: string | undefined) => bundle.entry?.find((e) => e.fullUrl === url)?.resource;

const SAMPLES = ['ADT-A01-01', 'ADT-A03-01', 'ADT-A04-01', 'ADT-A08-01', 'ADT-A28-01', 'ADT-A31-01', 'LAB-ORU-1', 'ORU-R01-01', 'simple-hl7-adt', 'hl7-standard-message'];

describe('hl7v2ToFhir', () => {
  it('gives a transaction Bundle for every sample, every resource valid, every reference inside the Bundle', () => {
    for (const name of SAMPLES) {
      const bundle = hl7v2ToFhir(fixtureText(`hl7v2/${name}.hl7`));
      assert.equal(bundle.type, 'transaction', name);
      assert.equal(validate(bundle).valid, true, name);
      const urls = new Set(bundle.entry?.map((e) => e.fullUrl));
      for (const entry of bundle.entry ?? []) {
        assert.match(entry.fullUrl ?? '', /^urn:uuid:[0-9a-f-]{36}$/, name);
        const result = validate(entry.resource);
        assert.equal(result.valid, true, `${name} ${entry.resource?.resourceType}: ${JSON.stringify(result.issues)}`);
        assert.ok(entry.resource?.meta?.source, `${name}: meta.source`);
      }
      for (const reference of collectReferences(bundle)) assert.ok(urls.has(reference), `${name}: ${reference} is in the Bundle`);
      // one Provenance, targeting every other resource
      const provenance = one<Provenance>(bundle, 'Provenance');
      assert.equal(provenance.target.length, (bundle.entry?.length ?? 0) - 1, name);
    }
  });

  it('ADT^A01: Patient from PID, identifiers kept with system, type, assigner and period', () => {
    const bundle = hl7v2ToFhir(fixtureText('hl7v2/ADT-A01-01.hl7'));
    const patient = one<Patient>(bundle, 'Patient');
    // PID-3 PATID1234^5^M11^test1&2.16.1&HCD^MR^GOOD HEALTH HOSPITAL~123456789^^^USSSA^SS
    const mr = patient.identifier?.find((i) => i.value === 'PATID1234');
    assert.deepEqual(mr, { type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] }, system: 'urn:oid:2.16.1', value: 'PATID1234', assigner: { display: 'test1' } });
    const ss = patient.identifier?.find((i) => i.value === '123456789');
    assert.deepEqual(ss, { type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'SS' }] }, value: '123456789', assigner: { display: 'USSSA' } });
    // PID-2 (external ID) 1234567^4^M11^test^MR^University Hospital^19241011^19241012
    assert.deepEqual(patient.identifier?.find((i) => i.value === '1234567')?.period, { start: '1924-10-11', end: '1924-10-12' });
    assert.ok(patient.identifier?.some((i) => i.value === 'PATID567')); // PID-4
    assert.ok(patient.identifier?.some((i) => i.value === 'PSSN123121234' && i.system === 'http://hl7.org/fhir/sid/us-ssn')); // PID-19
    // PID-5 EVERYMAN&&&&Aniston^ADAM^A^III^Dr.^MD^D^^^19241012…~Josh&&&&Bing^^stanley^^^^L…
    assert.deepEqual(patient.name?.[0], { family: 'EVERYMAN', given: ['ADAM', 'A'], prefix: ['Dr.'], suffix: ['III', 'MD'], use: 'usual', period: { start: '1924-10-12' } });
    assert.equal(patient.name?.[1]?.family, 'Josh');
    assert.deepEqual(patient.name?.[1]?.given, ['stanley']);
    assert.equal(patient.name?.[1]?.use, 'official');
    assert.equal(patient.birthDate, '1988-08-18'); // PID-7 198808181126+0215: the date only
    assert.equal(patient.gender, 'male');
    // PID-11 1000&Hospital Lane^Ste. 123^Ann Arbor ^MI^99999^USA^M^^&W…
    assert.deepEqual(patient.address, [{ line: ['1000', 'Ste. 123'], city: 'Ann Arbor', state: 'MI', postalCode: '99999', country: 'USA', type: 'postal' }]);
    // PID-14 7777^^CP~1111^^TDD: work numbers, the CP one a mobile
    assert.ok(patient.telecom?.some((t) => t.value === '7777' && t.system === 'phone' && t.use === 'mobile'));
    assert.ok(patient.telecom?.some((t) => t.value === '1111' && t.system === 'phone' && t.use === 'work'));
    assert.equal(patient.maritalStatus?.coding?.[0]?.code, 'M'); // PID-16 M^Married
    assert.equal(patient.deceasedDateTime, '2008-08-25T11:16:30+01:15'); // PID-29
    assert.equal(patient.multipleBirthInteger, 2); // PID-25
    assert.equal(patient.meta?.source, 'urn:oid:2.16.840.1.122848.1.30#MSG00001');
  });

  it('ADT^A01: Encounter from PV1, with class, status, visit number, period, locations and doctors', () => {
    const bundle = hl7v2ToFhir(fixtureText('hl7v2/ADT-A01-01.hl7'));
    const patient = bundle.entry?.find((e) => e.resource?.resourceType === 'Patient');
    const encounter = one<Encounter>(bundle, 'Encounter');
    assert.deepEqual(encounter.class, { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'PRENC', display: 'pre-admission' }); // PV1-2 P
    assert.equal(encounter.status, 'in-progress');
    assert.equal(encounter.subject?.reference, patient?.fullUrl);
    assert.equal(encounter.identifier?.[0]?.value, '40007716'); // PV1-19
    assert.deepEqual(encounter.period, { start: '2015-02-08T11:34:19+01:10' }); // PV1-44
    assert.equal(encounter.type?.[0]?.coding?.[0]?.code, 'E'); // PV1-4
    assert.equal(encounter.serviceType?.coding?.[0]?.code, 'SUR'); // PV1-10
    assert.equal(encounter.hospitalization?.admitSource?.coding?.[0]?.code, 'NHS Provider-General (inc.A&E-this Hosp)'); // PV1-14, with \T\
    assert.equal(encounter.hospitalization?.dischargeDisposition?.coding?.[0]?.code, 'Admitted as Inpatient'); // PV1-36
    assert.equal(encounter.reasonCode?.[0]?.coding?.[0]?.code, '140004'); // PV2-3
    const participants = (encounter.participant ?? []).map((p) => [p.type?.[0]?.coding?.[0]?.code, (byUrl(bundle, p.individual?.reference) as Practitioner).name?.[0]?.family]);
    assert.deepEqual(participants, [['ATND', 'Alaz'], ['REF', 'Woolfson'], ['CON', 'Condoc'], ['ADM', 'DISNEY']]);
    const attending = byUrl(bundle, encounter.participant?.[0]?.individual?.reference) as Practitioner;
    assert.deepEqual(attending.identifier?.[0], { type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'BR' }] }, system: 'urn:oid:1.23', value: '1122334', assigner: { display: 'PERSONNELt' } });
    const [assigned, prior] = (encounter.location ?? []).map((l) => [l.status, (byUrl(bundle, l.location.reference) as Location).name]);
    assert.deepEqual(assigned, ['active', 'HOMERTON UNIVER, Homerton UH, Floor5, HUH AE OMU, OMU B, Bed 03']);
    assert.deepEqual(prior, ['completed', 'CommunityHospital, 4 East, room 136, bed B 4E, 136, B']);
  });

  it('ADT: the event sets the encounter status, and A28/A31 (person information) give no Encounter', () => {
    assert.equal(one<Encounter>(hl7v2ToFhir(fixtureText('hl7v2/ADT-A03-01.hl7')), 'Encounter').status, 'finished');
    assert.equal(one<Encounter>(hl7v2ToFhir(fixtureText('hl7v2/ADT-A04-01.hl7')), 'Encounter').status, 'arrived');
    for (const name of ['ADT-A28-01', 'ADT-A31-01']) {
      const bundle = hl7v2ToFhir(fixtureText(`hl7v2/${name}.hl7`));
      assert.equal(ofType(bundle, 'Encounter').length, 0, name);
      assert.equal(one<Patient>(bundle, 'Patient').name?.[0]?.family, 'EVERYMAN', name);
    }
  });

  it('Provenance: the sending facility and application as agents, MSH-7 as recorded, the message as source', () => {
    const bundle = hl7v2ToFhir(fixtureText('hl7v2/ADT-A01-01.hl7'));
    const provenance = one<Provenance>(bundle, 'Provenance');
    assert.equal(provenance.recorded, '1989-08-18T11:26:00+02:15'); // MSH-7 198908181126+0215
    assert.equal(provenance.occurredDateTime, '2029-08-01T07:06:24+01:15'); // EVN-2
    assert.equal(provenance.activity?.coding?.[0]?.code, 'A01');
    assert.equal(provenance.activity?.text, 'ADT^A01^ADT_A01');
    assert.deepEqual(provenance.entity?.[0]?.what, { identifier: { value: 'MSG00001' }, display: 'HL7 v2 ADT^A01^ADT_A01 message' });
    const [author, assembler] = provenance.agent;
    const organization = byUrl(bundle, author?.who.reference) as Organization;
    assert.equal(organization.name, 'GHHSFacility');
    assert.deepEqual(organization.identifier, [{ system: 'urn:ietf:rfc:3986', value: 'urn:oid:2.16.840.1.122848.1.30' }]);
    assert.equal(author?.type?.coding?.[0]?.code, 'author');
    assert.equal(assembler?.who.display, 'ADTApp');
    assert.equal(assembler?.onBehalfOf?.reference, author?.who.reference);
    // a message time without an offset cannot be an instant: the conversion time is recorded instead
    const now = new Date('2026-11-26T03:00:00Z');
    const simple = one<Provenance>(hl7v2ToFhir(fixtureText('hl7v2/simple-hl7-adt.hl7'), { now }), 'Provenance');
    assert.equal(simple.recorded, '2026-11-26T03:00:00.000Z');
    assert.equal(simple.occurredDateTime, '1999-12-27'); // MSH-7 199912271408, no offset: the date only
    assert.equal(one<Provenance>(hl7v2ToFhir(fixtureText('hl7v2/simple-hl7-adt.hl7'), { now, defaultTimeZone: '-05:00' }), 'Provenance').occurredDateTime, '1999-12-27T14:08:00-05:00');
  });

  it('ORU^R01 (LAB-ORU-1): a DiagnosticReport per OBR with its OBX as Observations', () => {
    const bundle = hl7v2ToFhir(fixtureText('hl7v2/LAB-ORU-1.hl7'));
    const patient = one<Patient>(bundle, 'Patient');
    assert.deepEqual(patient.name, [{ family: 'DUCK', given: ['DONALD', 'D'] }]);
    assert.equal(patient.birthDate, '1924-10-10');
    assert.deepEqual(patient.identifier, [
      { type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] }, value: '10006579', assigner: { display: '1' } },
      { type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'SS' }] }, system: 'http://hl7.org/fhir/sid/us-ssn', value: '123121234' }, // PID-19
    ]);
    assert.deepEqual(patient.telecom, [{ system: 'phone', value: '8885551212', use: 'home' }, { system: 'phone', value: '8885551212', use: 'work' }]);
    const reports = ofType<DiagnosticReport>(bundle, 'DiagnosticReport');
    assert.deepEqual(
      reports.map((r) => [r.code.coding?.[0]?.system, r.code.coding?.[0]?.code, r.status, r.identifier?.map((i) => i.value), r.issued, r.result?.length]),
      [
        // the sample's OBR dates sit in OBR-23, not OBR-22 (issued); the second OBR has its "F" in OBR-26, not OBR-25 (status)
        ['http://loinc.org', '24317-0', 'final', ['82503246', '88502218'], undefined, 5],
        ['http://loinc.org', '26464-8', 'unknown', ['890775544', '855238581'], undefined, 5],
      ],
    );
    const first = reports[0]?.result?.map((r) => byUrl(bundle, r.reference) as Observation) ?? [];
    assert.deepEqual(
      first.map((o) => [o.code.coding?.[0]?.code, o.status, o.valueQuantity?.value, o.valueQuantity?.unit, o.interpretation?.[0]?.coding?.[0]?.code, o.effectiveDateTime]),
      [
        ['11156-7', 'registered', undefined, undefined, undefined, undefined],
        ['11273-0', 'preliminary', 4.06, 'tera.l-1', 'N', '2014-10-06T06:27:00+07:00'],
        ['20509-6', 'registered', undefined, undefined, undefined, undefined],
        ['20570-8', 'preliminary', 40.1, '%', 'N', '2014-10-06T08:30:00+07:00'],
        ['11125-2', 'final', 221, 'giga.l-1', 'N', '2014-10-06T08:30:00+07:00'],
      ],
    );
    for (const o of first) assert.equal(o.subject?.reference, bundle.entry?.find((e) => e.resource === patient)?.fullUrl);
  });

  it('ORU^R01 (ORU-R01-01): CWE values, reference range with units, abnormal flags, notes after PRT, escapes', () => {
    const bundle = hl7v2ToFhir(fixtureText('hl7v2/ORU-R01-01.hl7'));
    const report = one<DiagnosticReport>(bundle, 'DiagnosticReport');
    assert.equal(report.code.coding?.[0]?.code, '625-4'); // OBR-4, system XYZ unknown: no system
    assert.equal(report.code.coding?.[0]?.system, undefined);
    const results = report.result?.map((r) => byUrl(bundle, r.reference) as Observation) ?? [];
    assert.equal(results.length, 3);
    const salmonella = results[0];
    // OBX|1|CWE|625-4^…|1|27268008^Salmonella^SCT^^^^^^Salmonella species|beats/min^^ISO|70-80|A^A^HL70078^^^^2.5|||P|||20120301
    assert.deepEqual(salmonella?.valueCodeableConcept, { coding: [{ system: 'http://snomed.info/sct', code: '27268008', display: 'Salmonella' }], text: 'Salmonella species' });
    assert.deepEqual(salmonella?.referenceRange, [{ low: { value: 70, unit: 'beats/min' }, high: { value: 80, unit: 'beats/min' }, text: '70-80' }]);
    assert.deepEqual(salmonella?.interpretation, [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: 'A' }] }]);
    assert.equal(salmonella?.status, 'preliminary');
    assert.equal(salmonella?.effectiveDateTime, '2012-03-01');
    assert.deepEqual(salmonella?.note, [{ text: 'Submission of serum' }, { text: 'No Antibodies Detected' }]);
    // OBX|1|RP|…|https://testurl.com^^image^PICT: the pointer as text
    assert.equal(results[1]?.valueString, 'https://testurl.com');
    // OBX|2|NM|8867-4^…|1|27~25: two values, kept as text rather than one dropped
    assert.equal(results[2]?.valueString, '27\n25');
    assert.equal(results[2]?.status, 'registered');
  });

  it('compares with FHIR-Converter\'s published output: same resource types for the clinical content, same key fields', () => {
    const pairs: [string, string, readonly string[]][] = [
      ['ADT-A01-01.hl7', 'ADT-A01-01-expected.json', ['Patient', 'Encounter', 'Provenance']],
      ['LAB-ORU-1.hl7', 'LAB-ORU-1-expected.json', ['Patient', 'DiagnosticReport', 'Observation', 'Provenance']],
    ];
    for (const [message, expectedFile, types] of pairs) {
      const ours = hl7v2ToFhir(fixtureText(`hl7v2/${message}`));
      const theirs = fixtureJson<Bundle>(`hl7v2-fhir/${expectedFile}`);
      for (const type of types) assert.equal(ofType(ours, type as Resource['resourceType']).length > 0, ofType(theirs, type as Resource['resourceType']).length > 0, `${message} ${type}`);
      const [p, q] = [one<Patient>(ours, 'Patient'), one<Patient>(theirs, 'Patient')];
      assert.equal(p.birthDate, q.birthDate);
      assert.equal(p.gender, q.gender);
      assert.equal(p.name?.[0]?.family, q.name?.[0]?.family);
      // every identifier value of PID-3 is in both
      for (const value of p.identifier?.filter((i) => i.type?.coding?.[0]?.code === 'MR').map((i) => i.value) ?? []) assert.ok(q.identifier?.some((i) => i.value === value), `${message} identifier ${value ?? ''}`);
    }
    const [ours, theirs] = [hl7v2ToFhir(fixtureText('hl7v2/ADT-A01-01.hl7')), fixtureJson<Bundle>('hl7v2-fhir/ADT-A01-01-expected.json')];
    const [e, f] = [one<Encounter>(ours, 'Encounter'), one<Encounter>(theirs, 'Encounter')];
    assert.equal(e.class.code, f.class.code);
    assert.equal(e.status, f.status);
    assert.equal(e.type?.[0]?.coding?.[0]?.code, f.type?.[0]?.coding?.[0]?.code);
    assert.equal(e.hospitalization?.admitSource?.coding?.[0]?.code, f.hospitalization?.admitSource?.coding?.[0]?.code);
    const lab = hl7v2ToFhir(fixtureText('hl7v2/LAB-ORU-1.hl7'));
    const labExpected = fixtureJson<Bundle>('hl7v2-fhir/LAB-ORU-1-expected.json');
    // statuses differ where FHIR-Converter maps OBX-11 "I" (specimen in lab, results pending) to unknown; we say registered
    const summary = (b: Bundle) => ofType<Observation>(b, 'Observation').map((o) => [o.code.coding?.[0]?.code, o.valueQuantity?.value, o.valueQuantity?.unit]).sort((x, y) => String(x[0]).localeCompare(String(y[0])));
    assert.deepEqual(summary(lab), summary(labExpected));
    const reports = (b: Bundle) => ofType<DiagnosticReport>(b, 'DiagnosticReport').map((r) => [r.code.coding?.[0]?.code, r.status]).sort();
    assert.deepEqual(reports(lab), reports(labExpected));
  });

  it('imports into an empty store with importBundle, resolving every urn:uuid', async () => {
    const store = new MemoryStore();
    const result = await importBundle(store, hl7v2ToFhir(fixtureText('hl7v2/LAB-ORU-1.hl7')));
    assert.equal(result.created, 15); // Patient, 10 Observations, 2 DiagnosticReports, Device, Provenance
    const reports = await store.search('DiagnosticReport', {});
    assert.equal(reports.length, 2);
    const patients = await store.search('Patient', {});
    const patientId = patients[0]?.id;
    for (const report of reports) assert.equal(report.subject?.reference, `Patient/${patientId ?? ''}`);
  });

  it('a second message about the same patient and visit updates them instead of duplicating', async () => {
    const store = new MemoryStore();
    const options = { identifierSystems: { AccMng: 'urn:oid:1.2' } };
    await importBundle(store, hl7v2ToFhir(fixtureText('hl7v2/ADT-A01-01.hl7'), options));
    await importBundle(store, hl7v2ToFhir(fixtureText('hl7v2/ADT-A03-01.hl7'), options));
    const encounters = await store.search('Encounter', {});
    assert.equal(encounters.length, 1);
    assert.equal(encounters[0]?.status, 'finished');
    assert.equal((await store.search('Patient', {})).length, 1);
    // 4 doctors in PV1 each time; the two whose assigning authority has a system are found again,
    // the two without one (PV1-8 TEST&23.2, PV1-17 AccMgr) cannot be told apart from a namesake;
    // nor can DG1-16 and PR1-8, PR1-11, PR1-12 (no OID in their assigning authorities), nor OBX-16's
    // second observer 2234^Pauly; its first, 1134^Aly (PERSt&1.23), is found again: 2 + 2×(2+4+1) + 1
    assert.equal((await store.search('Practitioner', {})).length, 17);
    // DG1-20 DI20 has an OID: the second message updates the Condition; PR1-19 PR1006 has none: a second Procedure
    assert.equal((await store.search('Condition', {})).length, 1);
    assert.equal((await store.search('Procedure', {})).length, 2);
    assert.equal((await store.search('Provenance', {})).length, 2);
  });

  it('refuses what it cannot convert, naming the segment and field, and gives nothing', () => {
    const refuses = (text: string, code: string, pattern: RegExp) =>
      assert.throws(
        () => hl7v2ToFhir(text),
        (e: unknown) => e instanceof Hl7v2Error && e.code === code && pattern.test(e.message),
      );
    refuses(fixtureText('hl7v2/hl7-standard-batch.hl7'), 'no-msh', /batch/);
    refuses('MSH|^~\\&|A|B|C|D|20240101||ORM^O01|1|P|2.5\rPID|1||1', 'unsupported-message', /MSH-9: ORM\^O01 is not converted/);
    refuses('MSH|^~\\&|A|B|C|D|20240101||ADT^A40|1|P|2.5\rPID|1||1', 'unsupported-message', /ADT\^A40/);
    refuses('MSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5\rEVN|A01', 'missing-field', /no PID segment/);
    refuses('MSH|^~\\&|A|B|C|D|20240101||ORU^R01|1|P|2.5\rPID|1||1\rOBR|1|||CBC^Blood count^L\rOBX|1|NM|||5', 'missing-field', /segment 4 \(OBX\), field OBX-3/);
    refuses('MSH|^~\\&|A|B|C|D|20240101||ORU^R01|1|P|2.5\rPID|1||1\rOBR|1\rOBX|1|NM|X^Y^L||5', 'missing-field', /segment 3 \(OBR\), field OBR-4/);
    // a code with two spaces in a row is not a FHIR code: the whole message is refused, naming the segment
    refuses('MSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5\rPID|1||1\rPV1|1|I||E  X', 'invalid-output', /^HL7 v2 segment 3 \(PV1\): the Encounter made from it is not valid FHIR: \w+ at Encounter\.type/);
  });
});
