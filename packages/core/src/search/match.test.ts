import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Resource, ResourceType } from '@chartwell/fhir';
import { fixtureJson } from '../../../../test/support/fixtures.js';
import type { SearchQuery } from '../store/chart-store.js';
import { isChartStoreError } from '../store/errors.js';
import { compileSearch, matchesSearch } from './match.js';

const CLEMENTE = 'Clemente_Kreiger_1484a42d-0eaf-4654-9cbf-6b050a5cd73b';
const CLEMENTE_ID = 'd78af07c-9cb9-4f31-9b11-c45a28f2eec8';

/** The resources of a Synthea transaction bundle, with its `urn:uuid:` references made `Type/id` (as an import would). */
function synthea(name: string): Resource[] {
  const bundle = fixtureJson<{ entry: { fullUrl: string; resource: Resource }[] }>(`synthea/smart-r4-2019/${name}.json`);
  const byUrl = new Map(bundle.entry.map((e) => [e.fullUrl, `${e.resource.resourceType}/${e.resource.id}`]));
  return bundle.entry.map((e) => JSON.parse(JSON.stringify(e.resource), (key: string, value: unknown) => (key === 'reference' && typeof value === 'string' ? (byUrl.get(value) ?? value) : value)) as Resource);
}

const example = (name: string) => fixtureJson<Resource>(`fhir/${name}.json`);

const clemente = synthea(CLEMENTE);
const observations = clemente.filter((r) => r.resourceType === 'Observation');
const encounters = clemente.filter((r) => r.resourceType === 'Encounter');

function count<K extends ResourceType>(resources: readonly Resource[], type: K, query: SearchQuery<K>): number {
  const test = compileSearch(type, query);
  return resources.filter(test).length;
}

function ids<K extends ResourceType>(resources: readonly Resource[], type: K, query: SearchQuery<K>): string[] {
  const test = compileSearch(type, query);
  return resources
    .filter(test)
    .map((r) => r.id ?? '')
    .sort();
}

function assertInvalid(run: () => unknown, path: string): void {
  assert.throws(run, (error) => isChartStoreError(error, 'invalid') && error.path === path);
}

describe('matchesSearch: dates', () => {
  // Clemente's 48 Observations were taken at three visits: 17 on 2012-09-10, 10 on 2015-09-14 and
  // 21 on 2018-09-17, all at 15:29:24+00:00.
  it('matches dateTimes against partial dates with each prefix', () => {
    assert.equal(observations.length, 48);
    assert.equal(count(observations, 'Observation', { date: '2015' }), 10);
    assert.equal(count(observations, 'Observation', { date: 'eq2015-09' }), 10);
    assert.equal(count(observations, 'Observation', { date: '2015-09-14' }), 10);
    assert.equal(count(observations, 'Observation', { date: '2015-09-15' }), 0);
    assert.equal(count(observations, 'Observation', { date: 'ne2015' }), 38);
    assert.equal(count(observations, 'Observation', { date: 'gt2015-09-14' }), 21);
    assert.equal(count(observations, 'Observation', { date: 'ge2015-09-14' }), 31);
    assert.equal(count(observations, 'Observation', { date: 'lt2015-09-14' }), 17);
    assert.equal(count(observations, 'Observation', { date: 'le2015-09-14' }), 27);
    assert.equal(count(observations, 'Observation', { date: 'lt2012' }), 0);
    assert.equal(count(observations, 'Observation', { date: 'ge2019' }), 0);
  });

  it('matches times to the second, whatever the offset they are written in', () => {
    assert.equal(count(observations, 'Observation', { date: '2015-09-14T15:29:24Z' }), 10);
    assert.equal(count(observations, 'Observation', { date: '2015-09-14T17:29:24+02:00' }), 10);
    assert.equal(count(observations, 'Observation', { date: '2015-09-14T15:29:25Z' }), 0);
    assert.equal(count(observations, 'Observation', { date: 'gt2015-09-14T15:29:23Z' }), 31);
    assert.equal(count(observations, 'Observation', { date: 'lt2015-09-14T15:29:25Z' }), 27);
    // A date alone is a UTC day: 2015-09-14 at +14:00 would not contain 15:29 UTC, but it is not read so.
    assert.equal(count(observations, 'Observation', { date: '2015-09-14' }), 10);
  });

  it('ANDs several values into a range', () => {
    assert.equal(count(observations, 'Observation', { date: ['ge2013', 'lt2016'] }), 10);
    assert.equal(count(observations, 'Observation', { date: ['ge2012-09-10', 'le2015-09-14'] }), 27);
    assert.equal(count(observations, 'Observation', { date: ['gt2016', 'lt2016'] }), 0);
  });

  // Encounters: E2012 = 2012-09-10 15:29:24–15:44:24Z, E2015 = 2015-09-14 15:29:24–15:44:24Z,
  // E2018 = 2018-09-17 15:29:24–15:59:24Z.
  const [e2012, e2015, e2018] = ['afcee359-ffbb-4ae0-b54f-547eb3c58e68', 'f9c14be1-c91b-4dbd-b835-cd3fcd49afe8', '2e0cc97b-c879-4762-bb5c-7127e44d7daa'];

  it('matches Periods with each prefix', () => {
    assert.deepEqual(ids(encounters, 'Encounter', { date: '2015' }), [e2015]);
    assert.deepEqual(ids(encounters, 'Encounter', { date: 'ne2015' }), [e2018, e2012].sort());
    assert.deepEqual(ids(encounters, 'Encounter', { date: 'gt2015' }), [e2018]);
    assert.deepEqual(ids(encounters, 'Encounter', { date: 'lt2015' }), [e2012]);
    assert.deepEqual(ids(encounters, 'Encounter', { date: 'ge2015' }), [e2015, e2018].sort());
    assert.deepEqual(ids(encounters, 'Encounter', { date: 'le2015' }), [e2012, e2015].sort());
    // A search second inside E2015: eq needs the search range to contain the whole Period, so no;
    // gt: E2015 ends (15:44:24) after the search range ends (15:30:00.999), so yes; lt: it starts before.
    assert.deepEqual(ids(encounters, 'Encounter', { date: '2015-09-14T15:30:00Z' }), []);
    assert.deepEqual(ids(encounters, 'Encounter', { date: 'gt2015-09-14T15:30:00Z' }), [e2015, e2018].sort());
    assert.deepEqual(ids(encounters, 'Encounter', { date: 'lt2015-09-14T15:30:00Z' }), [e2012, e2015].sort());
  });

  it('follows the spec for a partial-date Period that straddles the search range', () => {
    // 2019-06 to 2020-06 covers 2019-06-01T00:00Z to 2020-06-30T23:59:59.999Z; search 2020 is the whole year 2020.
    const straddling = { ...example('Encounter-home'), id: 'straddling', period: { start: '2019-06', end: '2020-06' } } as Resource;
    const matches = (date: string) => matchesSearch(straddling, 'Encounter', { date: date as `${number}` });
    assert.equal(matches('2020'), false); // not contained
    assert.equal(matches('ne2020'), true);
    assert.equal(matches('lt2020'), true); // starts before 2020
    assert.equal(matches('le2020'), true);
    assert.equal(matches('gt2020'), false); // ends before 2020 ends
    assert.equal(matches('ge2020'), false); // neither ends after nor contained
    assert.equal(matches('2019-06'), false);
    assert.equal(matches('ge2019-06'), true); // ends after June 2019
    assert.equal(matches('2019'), false);
    assert.equal(matches('gt2019'), true);
  });

  it('treats a Period without an end as open-ended', () => {
    // Observation/f001: effectivePeriod starts 2013-04-02T09:30:10+01:00 and has no end
    const f001 = example('Observation-f001');
    const matches = (date: string) => matchesSearch(f001, 'Observation', { date: date as `${number}` });
    assert.equal(matches('2013'), false);
    assert.equal(matches('gt2100'), true);
    assert.equal(matches('ge2013-04-02'), true);
    assert.equal(matches('lt2013-04-03'), true);
    assert.equal(matches('lt2013-04-02T08:30:10Z'), false); // starts 08:30:10Z exactly
    assert.equal(matches('lt2013-04-02T08:30:11Z'), true);
  });

  it('never matches a resource without a value, whatever the prefix', () => {
    // Encounter/f202 has no period
    for (const date of ['2015', 'ne2015', 'lt3000', 'gt0001'] as const) assert.equal(matchesSearch(example('Encounter-f202'), 'Encounter', { date }), false, date);
  });

  it('matches _lastUpdated against meta.lastUpdated', () => {
    const stored = { ...example('Patient-example'), meta: { versionId: '1', lastUpdated: '2024-03-05T10:00:00.123Z' } } as Resource;
    assert.equal(matchesSearch(stored, 'Patient', { _lastUpdated: '2024-03' }), true);
    assert.equal(matchesSearch(stored, 'Patient', { _lastUpdated: '2024-03-05T10:00:00Z' }), true); // .123 is inside that second
    assert.equal(matchesSearch(stored, 'Patient', { _lastUpdated: 'gt2024-03-05T10:00:00Z' }), false);
    assert.equal(matchesSearch(stored, 'Patient', { _lastUpdated: 'gt2024-03-05T09:59:59Z' }), true);
    assert.equal(matchesSearch(stored, 'Patient', { _lastUpdated: 'lt2024-03-05T10:00:00Z' }), false);
    assert.equal(matchesSearch(stored, 'Patient', { _lastUpdated: ['ge2024', 'lt2024-03-05'] }), false);
    assert.equal(matchesSearch(example('Patient-example'), 'Patient', { _lastUpdated: 'gt2000' }), false); // no meta.lastUpdated
  });

  it('rejects malformed dates, naming the parameter', () => {
    for (const date of ['2020-13', 'gt', 'after2020', '2020-05-03T10:00', '2020-05-03T10:00:00', '05/03/2020']) {
      assertInvalid(() => matchesSearch(observations[0] as Resource, 'Observation', { date: date as `${number}` }), 'date');
    }
    assertInvalid(() => matchesSearch(observations[0] as Resource, 'Observation', { _lastUpdated: 'today' as `${number}` }), '_lastUpdated');
  });
});

describe('matchesSearch: tokens', () => {
  // Clemente: Body Height (http://loinc.org|8302-2) 3 times, Body Weight (http://loinc.org|29463-7) 3 times
  it('matches system|code, code and |code on CodeableConcepts', () => {
    assert.equal(count(observations, 'Observation', { code: 'http://loinc.org|8302-2' }), 3);
    assert.equal(count(observations, 'Observation', { code: '8302-2' }), 3);
    assert.equal(count(observations, 'Observation', { code: 'http://snomed.info/sct|8302-2' }), 0);
    assert.equal(count(observations, 'Observation', { code: '|8302-2' }), 0); // every coding here has a system
    assert.equal(count(observations, 'Observation', { code: 'http://loinc.org|8302' }), 0);
  });

  it('ORs several values', () => {
    assert.equal(count(observations, 'Observation', { code: ['http://loinc.org|8302-2', 'http://loinc.org|29463-7'] }), 6);
    assert.equal(count(observations, 'Observation', { code: ['8302-2', 'no-such-code'] }), 3);
  });

  it('matches any coding of a CodeableConcept', () => {
    // Observation/example codes 29463-7 and 3141-9 (LOINC), 27113001 (SNOMED), body-weight (acme)
    const weight = example('Observation-example');
    assert.equal(matchesSearch(weight, 'Observation', { code: 'http://snomed.info/sct|27113001' }), true);
    assert.equal(matchesSearch(weight, 'Observation', { code: 'http://acme.org/devices/clinical-codes|body-weight' }), true);
    assert.equal(matchesSearch(weight, 'Observation', { code: 'http://loinc.org|27113001' }), false);
  });

  it('matches a coding without a system with |code and code only', () => {
    const local = { ...example('Observation-example'), code: { coding: [{ code: 'weight-local' }] } } as Resource;
    assert.equal(matchesSearch(local, 'Observation', { code: '|weight-local' }), true);
    assert.equal(matchesSearch(local, 'Observation', { code: 'weight-local' }), true);
    assert.equal(matchesSearch(local, 'Observation', { code: 'http://loinc.org|weight-local' }), false);
  });

  it('ignores the system for a plain code element (status)', () => {
    assert.equal(count(observations, 'Observation', { status: 'final' }), 48);
    assert.equal(count(observations, 'Observation', { status: '|final' }), 48);
    assert.equal(count(observations, 'Observation', { status: 'http://hl7.org/fhir/observation-status|final' }), 48);
    assert.equal(count(observations, 'Observation', { status: ['preliminary', 'amended'] }), 0);
    assert.equal(count(observations, 'Observation', { status: 'Final' }), 0); // codes are case-sensitive
  });

  it('rejects a token without a code', () => {
    assertInvalid(() => matchesSearch(observations[0] as Resource, 'Observation', { code: 'http://loinc.org|' }), 'code');
    assertInvalid(() => matchesSearch(observations[0] as Resource, 'Observation', { status: '' }), 'status');
    assertInvalid(() => matchesSearch(observations[0] as Resource, 'Observation', { status: [] }), 'status');
  });
});

describe('matchesSearch: references, _id and the query itself', () => {
  it('accepts Patient/id, a bare id, an absolute URL and a versioned reference for patient', () => {
    for (const patient of [`Patient/${CLEMENTE_ID}`, CLEMENTE_ID, `https://fhir.example.org/r4/Patient/${CLEMENTE_ID}`, `Patient/${CLEMENTE_ID}/_history/2`]) {
      assert.equal(count(clemente, 'Observation', { patient }), 48, patient);
    }
    assert.equal(count(clemente, 'Encounter', { patient: CLEMENTE_ID }), 3);
    assert.equal(count(clemente, 'Observation', { patient: 'Patient/someone-else' }), 0);
    assert.equal(count(clemente, 'Observation', { patient: ['Patient/someone-else', CLEMENTE_ID] }), 48);
  });

  it('matches the resource side normalised too', () => {
    const absolute = { ...example('Observation-example'), subject: { reference: 'http://hapi.example.org/fhir/Patient/example/_history/3' } } as Resource;
    assert.equal(matchesSearch(absolute, 'Observation', { patient: 'example' }), true);
    assert.equal(matchesSearch(absolute, 'Observation', { subject: 'Patient/example' }), true);
    // AuditEvent/example-rest refers to "Patient/example/_history/1"
    assert.equal(matchesSearch(example('AuditEvent-example-rest'), 'AuditEvent', { patient: 'example' }), true);
  });

  it('keeps patient to Patients: a Group subject is a subject but no patient', () => {
    const group = { ...example('Observation-example'), subject: { reference: 'Group/101' } } as Resource;
    assert.equal(matchesSearch(group, 'Observation', { subject: 'Group/101' }), true);
    assert.equal(matchesSearch(group, 'Observation', { patient: 'Group/101' }), false);
    assert.equal(matchesSearch(group, 'Observation', { patient: '101' }), false);
  });

  it('rejects a bare id where the parameter may refer to several types, and malformed references', () => {
    assertInvalid(() => matchesSearch(example('Observation-example'), 'Observation', { subject: 'example' }), 'subject');
    assertInvalid(() => matchesSearch(example('Observation-example'), 'Observation', { patient: 'Patient/' }), 'patient');
    assertInvalid(() => matchesSearch(example('Observation-example'), 'Observation', { patient: 'not an id' }), 'patient');
  });

  it('matches _id, ORing several', () => {
    assert.deepEqual(ids(encounters, 'Encounter', { _id: ['f9c14be1-c91b-4dbd-b835-cd3fcd49afe8', 'nope'] }), ['f9c14be1-c91b-4dbd-b835-cd3fcd49afe8']);
  });

  it('ANDs different parameters', () => {
    assert.equal(count(clemente, 'Observation', { patient: CLEMENTE_ID, code: 'http://loinc.org|8302-2', date: 'ge2015' }), 2);
    assert.equal(count(clemente, 'Observation', { patient: CLEMENTE_ID, code: 'http://loinc.org|8302-2', date: 'ge2015', status: 'amended' }), 0);
  });

  it('matches only resources of the searched type', () => {
    assert.equal(count(clemente, 'Encounter', {}), 3);
    assert.equal(count(clemente, 'Patient', { _id: CLEMENTE_ID }), 1);
  });

  it('ignores _sort, _count, _cursor and _include', () => {
    assert.equal(count(observations, 'Observation', { _sort: '-date', _count: 1, _cursor: 'whatever', _include: 'Observation:patient' }), 48);
  });

  it('rejects an unknown parameter or resource type, naming it', () => {
    assertInvalid(() => matchesSearch(example('Observation-example'), 'Observation', { 'value-quantity': '5' } as SearchQuery<'Observation'>), 'value-quantity');
    assertInvalid(() => matchesSearch(example('Patient-example'), 'Patient', { date: '2020' } as SearchQuery<'Patient'>), 'date');
    assertInvalid(() => matchesSearch(example('Observation-example'), 'Observation', { code: 5 } as unknown as SearchQuery<'Observation'>), 'code');
    assertInvalid(() => compileSearch('Nonsense' as ResourceType, {}), 'resourceType');
  });
});

describe('matchesSearch: scheduling and provenance parameters (actor, schedule, start, target)', () => {
  // Schedule/example is Location/1's; Schedule/exampleloc2 is Practitioner/1's and Location/2's.
  // Slot/1 (09:00–09:15Z) and Slot/3 (09:30–09:45Z) on 2013-12-25 belong to Schedule/example.
  const schedules = [example('Schedule-example'), example('Schedule-exampleloc2')];
  const slots = [example('Slot-1'), example('Slot-3')];
  // Appointment/2docs: Patient/example, Practitioner/example and Practitioner/f202, 2013-12-09 09:00–11:00Z.
  const appointment = example('Appointment-2docs');
  // Provenance/signature targets DocumentReference/example; Provenance/example-cwl, MolecularSequence/example-pgx-1.
  const provenances = [example('Provenance-signature'), example('Provenance-example-cwl')];

  it('actor: a Schedule by any of its actors; an Appointment by any participant, patients included', () => {
    assert.deepEqual(ids(schedules, 'Schedule', { actor: 'Location/1' }), ['example']);
    assert.deepEqual(ids(schedules, 'Schedule', { actor: 'Practitioner/1' }), ['exampleloc2']);
    assert.deepEqual(ids(schedules, 'Schedule', { actor: ['Location/2', 'Location/1'] }), ['example', 'exampleloc2']);
    assert.deepEqual(ids(schedules, 'Schedule', { actor: 'Location/3' }), []);
    for (const actor of ['Patient/example', 'Practitioner/example', 'Practitioner/f202']) assert.equal(matchesSearch(appointment, 'Appointment', { actor }), true, actor);
    assert.equal(matchesSearch(appointment, 'Appointment', { actor: 'Practitioner/1' }), false);
    assert.equal(matchesSearch(appointment, 'Appointment', { actor: 'Practitioner/f202', date: '2013-12-09' }), true);
    assert.equal(matchesSearch(appointment, 'Appointment', { actor: 'Practitioner/f202', date: '2013-12-10' }), false);
  });

  it('schedule and start: a Slot by its Schedule and by when it starts', () => {
    assert.deepEqual(ids(slots, 'Slot', { schedule: 'Schedule/example' }), ['1', '3']);
    assert.deepEqual(ids(slots, 'Slot', { schedule: 'Schedule/exampleloc2' }), []);
    assert.deepEqual(ids(slots, 'Slot', { start: '2013-12-25' }), ['1', '3']);
    assert.deepEqual(ids(slots, 'Slot', { schedule: 'Schedule/example', start: ['ge2013-12-25T09:00:00Z', 'lt2013-12-25T09:30:00Z'] }), ['1']);
    assert.deepEqual(ids(slots, 'Slot', { start: 'gt2013-12-25T09:15:00Z' }), ['3']);
    assert.deepEqual(ids(slots, 'Slot', { start: 'lt2013-12-25' }), []);
  });

  it('target: a Provenance by any record it targets, the record written in any reference form', () => {
    assert.deepEqual(ids(provenances, 'Provenance', { target: 'DocumentReference/example' }), ['signature']);
    assert.deepEqual(ids(provenances, 'Provenance', { target: ['MolecularSequence/example-pgx-1', 'DocumentReference/example'] }), ['example-cwl', 'signature']);
    assert.deepEqual(ids(provenances, 'Provenance', { target: 'https://fhir.example.org/r4/DocumentReference/example/_history/2' }), ['signature']);
    assert.deepEqual(ids(provenances, 'Provenance', { target: 'Observation/example' }), []);
    const versioned = { ...example('Provenance-signature'), target: [{ reference: 'Condition/c1/_history/3' }] } as Resource;
    assert.equal(matchesSearch(versioned, 'Provenance', { target: 'Condition/c1' }), true);
  });

  it('rejects a bare id for these parameters, which may refer to several types', () => {
    assertInvalid(() => matchesSearch(appointment, 'Appointment', { actor: 'example' }), 'actor');
    assertInvalid(() => matchesSearch(example('Provenance-signature'), 'Provenance', { target: 'example' }), 'target');
  });

  it('has no target for ConceptMap, whose R4 target is a canonical URL, not a Reference', () => {
    const map = { resourceType: 'ConceptMap', status: 'draft', targetCanonical: 'http://hl7.org/fhir/ValueSet/example' } as Resource;
    assertInvalid(() => matchesSearch(map, 'ConceptMap', { target: 'ValueSet/example' } as SearchQuery<'ConceptMap'>), 'target');
  });
});
