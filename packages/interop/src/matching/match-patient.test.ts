import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importNdjson, MemoryStore } from '@chartwell/core';
import type { Patient } from '@chartwell/fhir';
import { syntheaResources } from '../../../../test/support/chart-fixtures.js';
import { fixtureText } from '../../../../test/support/fixtures.js';
import { matchPatient, scorePatientMatch, type MatchField, type PatientMatch } from './match-patient.js';

const SMART_FILES = [
  'Clemente_Kreiger_1484a42d-0eaf-4654-9cbf-6b050a5cd73b.json',
  'Joseph_Goodwin_1d572d5f-8403-44f2-8b5f-b25e841e568c.json',
  'Louis_Miller_f8bbc4a5-8a9f-45ed-a807-b715feefb2ef.json',
  'Theola_Stoltenberg_259301e4-6840-48d9-9d89-70be5e05ce1b.json',
  'Tony_Douglas_f6d715f8-94c0-49ad-a46a-4f96dc7a67b4.json',
];

const bulkPatients = fixtureText('synthea-bulk-10/Patient.000.ndjson')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Patient);
const smartPatients = SMART_FILES.map((file) => syntheaResources(file).find((r): r is Patient => r.resourceType === 'Patient')).filter((p): p is Patient => p !== undefined);

/** The stored patient whose id starts with `prefix`. */
function stored(prefix: string): Patient {
  const patient = [...bulkPatients, ...smartPatients].find((p) => p.id?.startsWith(prefix));
  if (!patient) throw new Error(`no fixture patient ${prefix}`);
  return patient;
}

/** What another organisation might send for the same person: a copy without ids, identifiers or extensions, then `change`d. */
function incoming(prefix: string, change: (patient: Patient) => Patient = (p) => p): Patient {
  const { id: _id, identifier: _identifier, extension: _extension, text: _text, ...rest } = structuredClone(stored(prefix));
  return change(rest as Patient);
}

async function registry(extra: readonly Patient[] = []): Promise<MemoryStore> {
  const store = new MemoryStore();
  await importNdjson(store, fixtureText('synthea-bulk-10/Patient.000.ndjson'));
  for (const patient of [...smartPatients, ...extra]) await store.update(patient);
  return store;
}

function field(match: PatientMatch | undefined, name: MatchField) {
  const found = match?.fields.find((f) => f.field === name);
  assert.ok(found, `no ${name} field`);
  return found;
}

// Gladys682 Schumm995, female, born 1981-11-03, 522 Jones Trace Unit 46, 66214, 555-199-5195
const GLADYS = 'a4a401d1';
// Augustus49 Neville893 Emmerich580, male, born 1995-12-30, 431 Runte Underpass Unit 16, 66018, 555-408-2783
const AUGUSTUS = 'cbc86e51';
// Sumiko254 Medhurst46, female, born 1927-05-21 in 66801, as are Marine542 Upton904 and Elisa944 Johnson679
const SUMIKO = '129c6ac7';
// Tony Douglas, male, born 1972-04-18 (SMART sandbox)
const TONY = '79c96478';

describe('matchPatient', () => {
  it('matches on a shared identifier (system and value) even with little else', async () => {
    const store = await registry();
    const candidate: Patient = {
      resourceType: 'Patient',
      identifier: [{ system: 'http://hl7.org/fhir/sid/us-ssn', value: '999-53-1770' }],
      name: [{ family: 'Schumm' }],
    };
    const result = await matchPatient(store, candidate);
    assert.equal(result.classification, 'match');
    assert.equal(result.candidates[0]?.reference, `Patient/${stored(GLADYS).id ?? ''}`);
    assert.equal(result.candidates[0]?.method, 'identifier');
    assert.equal(field(result.candidates[0], 'identifier').outcome, 'agree');
  });

  it('makes a shared identifier on someone else entirely only a possible match', async () => {
    // Gladys's SSN typed onto Augustus's demographics
    const candidate = incoming(AUGUSTUS, (p) => ({ ...p, identifier: [{ system: 'http://hl7.org/fhir/sid/us-ssn', value: '999-53-1770' }] }));
    const result = scorePatientMatch(candidate, stored(GLADYS));
    assert.equal(result.method, 'identifier');
    assert.equal(result.classification, 'possible-match');
  });

  it('matches the same demographics from another organisation, every field agreeing (21 points)', async () => {
    const result = await matchPatient(await registry(), incoming(GLADYS));
    assert.equal(result.classification, 'match');
    assert.equal(result.candidates.length, 1);
    assert.equal(result.candidates[0]?.score, 21);
    assert.equal(result.candidates[0]?.method, 'probabilistic');
    assert.deepEqual(
      result.candidates[0]?.fields.filter((f) => f.field !== 'identifier').map((f) => f.outcome),
      ['agree', 'agree', 'agree', 'agree', 'agree', 'agree', 'agree'],
    );
  });

  it('matches a nickname (Tony for Anthony) and says so', async () => {
    const result = await matchPatient(await registry(), incoming(TONY, (p) => ({ ...p, name: [{ family: 'Douglas', given: ['Anthony'] }] })));
    assert.equal(result.classification, 'match');
    assert.equal(result.candidates[0]?.patient.id?.slice(0, 8), TONY);
    assert.deepEqual(field(result.candidates[0], 'given'), { field: 'given', outcome: 'agree', points: 4, reason: 'nickname' });
  });

  it('matches through typos in both names (Gladsy Shumm)', async () => {
    const result = await matchPatient(await registry(), incoming(GLADYS, (p) => ({ ...p, name: [{ family: 'Shumm', given: ['Gladsy'] }] })));
    assert.equal(result.classification, 'match');
    assert.equal(field(result.candidates[0], 'family').outcome, 'agree');
    assert.equal(field(result.candidates[0], 'given').outcome, 'agree');
    assert.match(field(result.candidates[0], 'given').reason, /^Jaro–Winkler 0\.9\d$/);
  });

  it('counts a swapped day and month as a partial agreement: a match with the address, a possible match without', async () => {
    const swapped = incoming(GLADYS, (p) => ({ ...p, birthDate: '1981-03-11' }));
    const withAddress = await matchPatient(await registry(), swapped);
    assert.equal(withAddress.classification, 'match');
    assert.deepEqual(field(withAddress.candidates[0], 'birthDate'), { field: 'birthDate', outcome: 'partial', points: 3, reason: 'day and month swapped' });
    const { address: _a, telecom: _t, ...bare } = swapped;
    const without = await matchPatient(await registry(), bare);
    assert.equal(without.classification, 'possible-match');
    assert.equal(without.candidates[0]?.score, 12);
  });

  it('matches on names, birth date and sex alone; without sex too it is only possible', async () => {
    const { address: _a, telecom: _t, ...bare } = incoming(AUGUSTUS);
    const withSex = await matchPatient(await registry(), bare);
    assert.equal(withSex.classification, 'match');
    assert.equal(field(withSex.candidates[0], 'phone').outcome, 'missing');
    assert.equal(field(withSex.candidates[0], 'phone').points, 0);
    const { gender: _g, ...noSex } = bare;
    assert.equal((await matchPatient(await registry(), noSex)).classification, 'possible-match');
  });

  it('never auto-matches a twin-like near miss (same family, birth date, sex, address and phone; another given name)', async () => {
    const twin = incoming(AUGUSTUS, (p) => ({ ...p, name: [{ family: 'Emmerich580', given: ['Octavius'] }] }));
    const result = await matchPatient(await registry(), twin);
    assert.equal(result.classification, 'possible-match');
    assert.equal(field(result.candidates[0], 'given').outcome, 'disagree');
    assert.equal(result.candidates[0]?.score, 11);
    // and with their own SSN, the twin is someone else
    const withSsn = { ...twin, identifier: [{ system: 'http://hl7.org/fhir/sid/us-ssn', value: '999-71-3269' }] };
    assert.equal((await matchPatient(await registry(), withSsn)).classification, 'no-match');
  });

  it('tells apart the three women born on 1927-05-21 in 66801', async () => {
    const result = await matchPatient(await registry(), incoming(SUMIKO));
    assert.equal(result.classification, 'match');
    assert.deepEqual(
      result.candidates.map((c) => c.patient.id?.slice(0, 8)),
      [SUMIKO],
    );
    // Marine Upton shares birth date, sex and postal code and still scores below a possible match
    const marine = scorePatientMatch(incoming(SUMIKO), stored('79a66c97'));
    assert.equal(marine.classification, 'no-match');
    assert.equal(field(marine, 'birthDate').outcome, 'agree');
    assert.equal(field(marine, 'postalCode').outcome, 'agree');
  });

  it('finds no one for a stranger', async () => {
    const stranger: Patient = { resourceType: 'Patient', name: [{ family: 'Okonkwo', given: ['Chidi'] }], birthDate: '1990-02-14', gender: 'male' };
    const result = await matchPatient(await registry(), stranger);
    assert.equal(result.classification, 'no-match');
    assert.deepEqual(result.candidates, []);
  });

  it('makes two matching records (a duplicate chart) a possible match for someone to choose', async () => {
    const duplicate = { ...structuredClone(stored(GLADYS)), id: 'duplicate-of-gladys' };
    const result = await matchPatient(await registry([duplicate]), incoming(GLADYS));
    assert.equal(result.classification, 'possible-match');
    assert.equal(result.candidates.length, 2);
    assert.ok(result.candidates.every((c) => c.classification === 'match'));
  });
});

describe('scorePatientMatch with malformed data', () => {
  it('counts malformed fields as missing and never throws', () => {
    const malformed = { resourceType: 'Patient', name: [null, { family: 42, given: 'Gladys' }], telecom: '555', address: [{ line: [null] }], birthDate: '1981', gender: 'unknown', identifier: [{ system: '', value: 'x' }] } as unknown as Patient;
    const result = scorePatientMatch(malformed, stored(GLADYS));
    assert.equal(result.classification, 'no-match');
    assert.equal(result.score, 0);
    assert.ok(result.fields.every((f) => f.outcome === 'missing'));
  });
});
