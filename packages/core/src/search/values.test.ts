import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Resource } from '@chartwell/fhir';
import { fixtureJson } from '../../../../test/support/fixtures.js';
import { FAR_FUTURE, dateRange, normalizeReference, referenceTarget, searchValues } from './values.js';

const example = (name: string) => fixtureJson<Resource>(`fhir/${name}.json`);

describe('dateRange', () => {
  it('covers a whole partial date in UTC', () => {
    assert.deepEqual(dateRange('2020'), { start: '2020-01-01T00:00:00.000Z', end: '2020-12-31T23:59:59.999Z' });
    assert.deepEqual(dateRange('2020-05'), { start: '2020-05-01T00:00:00.000Z', end: '2020-05-31T23:59:59.999Z' });
    assert.deepEqual(dateRange('2024-02'), { start: '2024-02-01T00:00:00.000Z', end: '2024-02-29T23:59:59.999Z' });
    assert.deepEqual(dateRange('2023-02'), { start: '2023-02-01T00:00:00.000Z', end: '2023-02-28T23:59:59.999Z' });
    assert.deepEqual(dateRange('2020-04'), { start: '2020-04-01T00:00:00.000Z', end: '2020-04-30T23:59:59.999Z' });
    assert.deepEqual(dateRange('2016-03-28'), { start: '2016-03-28T00:00:00.000Z', end: '2016-03-28T23:59:59.999Z' });
  });

  it('turns a time with an offset into UTC, covering its own precision', () => {
    // 09:30:10 at +01:00 is 08:30:10 UTC; a time to the second covers that second
    assert.deepEqual(dateRange('2013-04-02T09:30:10+01:00'), { start: '2013-04-02T08:30:10.000Z', end: '2013-04-02T08:30:10.999Z' });
    // 16:00 at +10:00 is 06:00 UTC the same day; 00:30 at -05:00 is 05:30 UTC
    assert.deepEqual(dateRange('2015-01-17T16:00:00+10:00'), { start: '2015-01-17T06:00:00.000Z', end: '2015-01-17T06:00:00.999Z' });
    assert.deepEqual(dateRange('2019-12-31T23:30:00-05:00'), { start: '2020-01-01T04:30:00.000Z', end: '2020-01-01T04:30:00.999Z' });
    assert.deepEqual(dateRange('2015-02-07T13:28:17.239+02:00'), { start: '2015-02-07T11:28:17.239Z', end: '2015-02-07T11:28:17.239Z' });
    assert.deepEqual(dateRange('2015-02-07T13:28:17.2Z'), { start: '2015-02-07T13:28:17.200Z', end: '2015-02-07T13:28:17.299Z' });
  });

  it('gives undefined for text that is no FHIR date', () => {
    for (const bad of ['', '20', '2020-13', '2019-02-29', '2020-05-03T10:00', '2020-05-03T10:00:00', 'yesterday', ' 2020']) {
      assert.equal(dateRange(bad), undefined, bad);
    }
  });
});

describe('normalizeReference', () => {
  it('strips bases and versions down to Type/id', () => {
    assert.equal(normalizeReference('Patient/123'), 'Patient/123');
    assert.equal(normalizeReference('Patient/example/_history/1'), 'Patient/example');
    assert.equal(normalizeReference('http://fhir.healthintersections.com.au/open/Patient/d1'), 'Patient/d1');
    assert.equal(normalizeReference('https://server.example/fhir/r4/Observation/x.1/_history/7'), 'Observation/x.1');
  });

  it('ignores contained, urn and malformed references', () => {
    for (const bad of ['#med0301', 'urn:uuid:d78af07c-9cb9-4f31-9b11-c45a28f2eec8', 'Patient/', 'patient/1', 'Patient/a b', '']) {
      assert.equal(normalizeReference(bad), undefined, bad);
    }
  });
});

describe('referenceTarget', () => {
  it('is the one type a parameter points at', () => {
    assert.equal(referenceTarget('Observation', 'patient'), 'Patient');
    assert.equal(referenceTarget('Claim', 'patient'), 'Patient'); // no target in the paths, but `patient` means a Patient
    assert.equal(referenceTarget('Observation', 'subject'), undefined);
    assert.equal(referenceTarget('Observation', 'code'), undefined);
  });
});

describe('searchValues', () => {
  it('reads a choice element: effectiveDateTime and an open-ended effectivePeriod', () => {
    // Observation/example: "effectiveDateTime": "2016-03-28"
    assert.deepEqual(searchValues(example('Observation-example'), 'Observation', 'date'), {
      kind: 'date',
      values: [{ start: '2016-03-28T00:00:00.000Z', end: '2016-03-28T23:59:59.999Z' }],
    });
    // Observation/f001: "effectivePeriod": { "start": "2013-04-02T09:30:10+01:00" }, no end
    assert.deepEqual(searchValues(example('Observation-f001'), 'Observation', 'date'), {
      kind: 'date',
      values: [{ start: '2013-04-02T08:30:10.000Z', end: FAR_FUTURE }],
    });
    // Procedure/example: "performedDateTime": "2013-04-05"
    assert.deepEqual(searchValues(example('Procedure-example'), 'Procedure', 'date')?.values, [{ start: '2013-04-05T00:00:00.000Z', end: '2013-04-05T23:59:59.999Z' }]);
  });

  it('reads a Period with both ends, and a Timing by its outer limits', () => {
    // Encounter/home: 2015-01-17 16:00–16:30 at +10:00
    assert.deepEqual(searchValues(example('Encounter-home'), 'Encounter', 'date')?.values, [{ start: '2015-01-17T06:00:00.000Z', end: '2015-01-17T06:30:00.999Z' }]);
    const request = {
      resourceType: 'MedicationRequest',
      status: 'active',
      intent: 'order',
      subject: { reference: 'Patient/example' },
      dosageInstruction: [{ timing: { event: ['2020-03-02', '2020-03-01T08:00:00Z'] } }, { timing: { event: ['2020-04'] } }],
    } as unknown as Resource;
    // the date path is dosageInstruction.timing.event: each event is one value
    assert.deepEqual(searchValues(request, 'MedicationRequest', 'date')?.values, [
      { start: '2020-03-02T00:00:00.000Z', end: '2020-03-02T23:59:59.999Z' },
      { start: '2020-03-01T08:00:00.000Z', end: '2020-03-01T08:00:00.999Z' },
      { start: '2020-04-01T00:00:00.000Z', end: '2020-04-30T23:59:59.999Z' },
    ]);
  });

  it('reads tokens from CodeableConcepts, and plain codes as any-system tokens', () => {
    const observation = example('Observation-example');
    assert.deepEqual(searchValues(observation, 'Observation', 'code'), {
      kind: 'token',
      values: [
        { system: 'http://loinc.org', code: '29463-7' },
        { system: 'http://loinc.org', code: '3141-9' },
        { system: 'http://snomed.info/sct', code: '27113001' },
        { system: 'http://acme.org/devices/clinical-codes', code: 'body-weight' },
      ],
    });
    assert.deepEqual(searchValues(observation, 'Observation', 'status'), { kind: 'token', values: [{ code: 'final', anySystem: true }] });
    assert.deepEqual(searchValues(example('Condition-example'), 'Condition', 'clinical-status')?.values, [
      { system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' },
    ]);
  });

  it('reads medication[x] as a token only when it is a CodeableConcept', () => {
    // medadmin0301 has "medicationReference": { "reference": "#med0301" }: no token
    assert.deepEqual(searchValues(example('MedicationAdministration-medadmin0301'), 'MedicationAdministration', 'code')?.values, []);
    const statement = { ...example('MedicationStatement-example001'), medicationReference: undefined, medicationCodeableConcept: { coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '197361' }] } } as unknown as Resource;
    assert.deepEqual(searchValues(statement, 'MedicationStatement', 'code')?.values, [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '197361' }]);
  });

  it('normalises references and keeps only those to the target type', () => {
    // AuditEvent/example-rest: entity.what is "Patient/example/_history/1"; agent.who has identifiers only
    assert.deepEqual(searchValues(example('AuditEvent-example-rest'), 'AuditEvent', 'patient'), { kind: 'reference', values: ['Patient/example'] });
    // Appointment/2docs: participant actors Patient/example, Practitioner/example, Practitioner/f202 and one without reference
    assert.deepEqual(searchValues(example('Appointment-2docs'), 'Appointment', 'patient')?.values, ['Patient/example']);
    const absolute = { ...example('Observation-example'), subject: { reference: 'http://hapi.example.org/fhir/Patient/example/_history/3' } } as Resource;
    assert.deepEqual(searchValues(absolute, 'Observation', 'subject')?.values, ['Patient/example']);
    const group = { ...example('Observation-example'), subject: { reference: 'Group/101' } } as Resource;
    assert.deepEqual(searchValues(group, 'Observation', 'subject')?.values, ['Group/101']);
    assert.deepEqual(searchValues(group, 'Observation', 'patient')?.values, []);
  });

  it('is undefined for a parameter the type does not have', () => {
    assert.equal(searchValues(example('Patient-example'), 'Patient', 'date'), undefined);
    assert.equal(searchValues(example('Observation-example'), 'Observation', 'toString'), undefined);
  });
});
