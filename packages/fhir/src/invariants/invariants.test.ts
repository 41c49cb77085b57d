import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { validate } from '@chartwell/fhir';
import { fixtureJson } from '../../../../test/support/fixtures.js';
import { compareDateTimes } from './period.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test data is broken on purpose

const example = (name: string): Json => structuredClone(fixtureJson<Json>(`fhir/${name}.json`));

/** The issues for invariant `key`, as `severity path` strings. */
const failures = (input: unknown, key: string) =>
  validate(input)
    .issues.filter((i) => i.key === key)
    .map((i) => `${i.severity} ${i.code} ${i.path}`);

describe('invariants', () => {
  it('per-1: a Period may not end before it starts (compared as instants, and by calendar date when partial)', () => {
    const encounter = example('Encounter-f001');
    assert.deepEqual(failures(encounter, 'per-1'), []);
    encounter.period = { start: '2012-12-14T10:00:00+01:00', end: '2012-12-14T09:30:00+01:00' };
    assert.deepEqual(failures(encounter, 'per-1'), ['error invariant Encounter.period']);
    encounter.period = { start: '2012-12-14T10:00:00+01:00', end: '2012-12-14T09:30:00Z' }; // 10:30 in +01:00: later
    assert.deepEqual(failures(encounter, 'per-1'), []);
    encounter.period = { start: '2013', end: '2012-12' };
    assert.deepEqual(failures(encounter, 'per-1'), ['error invariant Encounter.period']);
    encounter.period = { start: '2012', end: '2013-06-01' };
    assert.deepEqual(failures(encounter, 'per-1'), []);
    // FHIRPath cannot order values that agree as far as the coarser one goes: the constraint is not met
    encounter.period = { start: '2023-06-21', end: '2023-06-21T06:20:00Z' };
    assert.deepEqual(failures(encounter, 'per-1'), ['error invariant Encounter.period']);
  });

  it('compareDateTimes answers only what the precisions allow', () => {
    assert.equal(compareDateTimes('2020-01-01', '2020-01-01'), 0);
    assert.ok(compareDateTimes('2019-12-31', '2020-01-01')! < 0);
    assert.equal(compareDateTimes('2020', '2020-05'), undefined);
    assert.ok(compareDateTimes('2020-05-03T00:30:00+02:00', '2020-05-02T23:00:00Z')! < 0);
    assert.equal(compareDateTimes('bad', 'worse'), undefined);
  });

  it('pat-1: a contact needs details or an organization', () => {
    const patient = example('Patient-example');
    assert.deepEqual(failures(patient, 'pat-1'), []);
    patient.contact[0] = { relationship: patient.contact[0].relationship, gender: 'female' };
    assert.deepEqual(failures(patient, 'pat-1'), ['error invariant Patient.contact[0]']);
    patient.contact[0].organization = { reference: 'Organization/1' };
    assert.deepEqual(failures(patient, 'pat-1'), []);
  });

  it('obs-6: no dataAbsentReason beside a value', () => {
    const observation = example('Observation-blood-pressure');
    observation.valueString = '120/80';
    delete observation.component;
    assert.deepEqual(failures(observation, 'obs-6'), []);
    observation.dataAbsentReason = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason', code: 'unknown' }] };
    assert.deepEqual(failures(observation, 'obs-6'), ['error invariant Observation']);
  });

  it('obs-7: no value when a component has the same code as the observation', () => {
    const observation = example('Observation-blood-pressure');
    observation.valueString = 'see components';
    assert.deepEqual(failures(observation, 'obs-7'), []);
    observation.component[1].code = structuredClone(observation.code);
    assert.deepEqual(failures(observation, 'obs-7'), ['error invariant Observation.component[1]']);
  });

  it('ait-1 and ait-2: clinicalStatus present unless entered-in-error, absent if it is', () => {
    const allergy = example('AllergyIntolerance-example');
    assert.deepEqual(failures(allergy, 'ait-1'), []);
    delete allergy.clinicalStatus;
    assert.deepEqual(failures(allergy, 'ait-1'), ['error invariant AllergyIntolerance']);
    const entered = example('AllergyIntolerance-example');
    entered.verificationStatus = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', code: 'entered-in-error' }] };
    assert.deepEqual(failures(entered, 'ait-2'), ['error invariant AllergyIntolerance.clinicalStatus']);
    delete entered.clinicalStatus;
    assert.deepEqual([...failures(entered, 'ait-1'), ...failures(entered, 'ait-2')], []);
  });

  it('app-2 and app-3: start and end together, and only proposed, cancelled or waitlisted appointments without them', () => {
    const appointment = example('Appointment-2docs');
    assert.deepEqual([...failures(appointment, 'app-2'), ...failures(appointment, 'app-3')], []);
    delete appointment.end;
    assert.deepEqual(failures(appointment, 'app-2'), ['error invariant Appointment']);
    delete appointment.start;
    assert.deepEqual(failures(appointment, 'app-2'), []);
    assert.equal(appointment.status, 'booked');
    assert.deepEqual(failures(appointment, 'app-3'), ['error invariant Appointment']);
    appointment.status = 'proposed';
    assert.deepEqual(failures(appointment, 'app-3'), []);
  });

  it('dom-2..dom-5: contained resources are not nested, are referred to, and carry no version or security labels', () => {
    const request = example('MedicationRequest-medrx0302');
    assert.deepEqual(['dom-2', 'dom-3', 'dom-4', 'dom-5'].flatMap((k) => failures(request, k)), []);
    request.contained[0].meta = { versionId: '1', security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' }] };
    request.contained[0].contained = [{ resourceType: 'Organization', id: 'org', name: 'x' }];
    request.contained.push({ resourceType: 'Organization', id: 'unused', name: 'Nobody points here' });
    assert.deepEqual(failures(request, 'dom-2'), ['error invariant MedicationRequest.contained[0]']);
    assert.deepEqual(failures(request, 'dom-3'), ['error invariant MedicationRequest.contained[1]']);
    assert.deepEqual(failures(request, 'dom-4'), ['error invariant MedicationRequest.contained[0].meta']);
    assert.deepEqual(failures(request, 'dom-5'), ['error invariant MedicationRequest.contained[0].meta']);
  });

  it('dom-6: a resource without narrative gets a warning, and stays valid', () => {
    const patient = example('Patient-example');
    delete patient.text;
    const result = validate(patient);
    assert.equal(result.valid, true);
    assert.deepEqual(failures(patient, 'dom-6'), ['warning invariant Patient']);
  });

  it('ref-1: a local reference needs a contained resource with that id', () => {
    const request = example('MedicationRequest-medrx0302');
    assert.deepEqual(failures(request, 'ref-1'), []);
    request.medicationReference.reference = '#missing';
    assert.deepEqual(failures(request, 'ref-1'), ['error invariant MedicationRequest.medicationReference']);
  });

  it('bdl-1, bdl-2: total and entry.search only in searchsets (and history for total)', () => {
    const bundle = example('Bundle-bundle-example');
    assert.equal(bundle.type, 'searchset');
    assert.deepEqual([...failures(bundle, 'bdl-1'), ...failures(bundle, 'bdl-2')], []);
    bundle.type = 'collection';
    assert.deepEqual(failures(bundle, 'bdl-1'), ['error invariant Bundle.total']);
    assert.deepEqual(failures(bundle, 'bdl-2'), ['error invariant Bundle.entry[0].search', 'error invariant Bundle.entry[1].search']);
  });

  it('bdl-3, bdl-4: request only in batch/transaction/history, response only in responses/history', () => {
    const transaction = example('Bundle-bundle-transaction');
    assert.deepEqual([...failures(transaction, 'bdl-3'), ...failures(transaction, 'bdl-4')], []);
    delete transaction.entry[0].request;
    assert.deepEqual(failures(transaction, 'bdl-3'), ['error invariant Bundle.entry[0]']);
    const response = example('Bundle-bundle-response');
    assert.deepEqual(failures(response, 'bdl-4'), []);
    delete response.entry[0].response;
    assert.deepEqual(failures(response, 'bdl-4'), ['error invariant Bundle.entry[0]']);
  });

  it('bdl-5, bdl-7, bdl-8: entries have content, unique fullUrls, no versioned fullUrls', () => {
    const bundle = example('Bundle-bundle-example');
    bundle.entry.push({ fullUrl: 'https://example.com/base/MedicationRequest/3123/_history/1', search: { mode: 'match' } });
    assert.deepEqual(failures(bundle, 'bdl-5'), ['error invariant Bundle.entry[2]']);
    assert.deepEqual(failures(bundle, 'bdl-8'), ['error invariant Bundle.entry[2].fullUrl']);
    const duplicate = example('Bundle-bundle-example');
    duplicate.entry[1].fullUrl = duplicate.entry[0].fullUrl;
    duplicate.entry[1].resource = structuredClone(duplicate.entry[0].resource);
    assert.deepEqual(failures(duplicate, 'bdl-7'), ['error invariant Bundle.entry[1].fullUrl']);
  });

  it('bdl-9..bdl-12: documents have an identifier, a date and a Composition first; messages a MessageHeader first', () => {
    const document = example('Bundle-father');
    assert.equal(document.type, 'document');
    assert.deepEqual(['bdl-9', 'bdl-10', 'bdl-11'].flatMap((k) => failures(document, k)), []);
    delete document.identifier.system;
    delete document.timestamp;
    document.entry.reverse();
    assert.deepEqual(['bdl-9', 'bdl-10', 'bdl-11'].flatMap((k) => failures(document, k)), [
      'error invariant Bundle',
      'error invariant Bundle',
      'error invariant Bundle',
    ]);
    const message = example('Bundle-bundle-example');
    message.type = 'message';
    delete message.total;
    for (const entry of message.entry) delete entry.search;
    assert.deepEqual(failures(message, 'bdl-12'), ['error invariant Bundle']);
  });

  it('ext-1: an extension has nested extensions or a value, not both and not neither', () => {
    const patient = example('Patient-example');
    assert.deepEqual(failures(patient, 'ext-1'), []);
    patient._birthDate.extension[0].extension = [{ url: 'http://example.org/part', valueString: 'x' }];
    assert.deepEqual(failures(patient, 'ext-1'), ['error invariant Patient._birthDate.extension[0]']);
    delete patient._birthDate.extension[0].valueDateTime;
    delete patient._birthDate.extension[0].extension;
    assert.deepEqual(failures(patient, 'ext-1'), ['error invariant Patient._birthDate.extension[0]']);
  });

  it('ele-1: an element needs a value or children, and a primitive\'s _element may hold only an id when the value is there', () => {
    const patient = example('Patient-example');
    patient.maritalStatus = {};
    assert.deepEqual(failures(patient, 'ele-1'), ['error invariant Patient.maritalStatus']);
    const ok = example('Patient-example');
    ok._gender = { id: 'g1' };
    assert.deepEqual(failures(ok, 'ele-1'), []);
  });
});
