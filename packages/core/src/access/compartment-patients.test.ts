import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Appointment, Observation, Practitioner } from '@chartwell/fhir';
import { fixtureJson } from '../../../../test/support/fixtures.js';
import { compartmentPatientsOf, patientReference } from './compartment-patients.js';

describe('compartmentPatientsOf', () => {
  it("finds the subject, an Appointment's Patient participants, and nothing for the directory", () => {
    // Observation-blood-pressure.json: subject Patient/example
    assert.deepEqual(compartmentPatientsOf(fixtureJson<Observation>('fhir/Observation-blood-pressure.json')), ['Patient/example']);
    // Appointment-2docs.json: participants Patient/example, Practitioner/example, Practitioner/f202 and one without an actor
    assert.deepEqual(compartmentPatientsOf(fixtureJson<Appointment>('fhir/Appointment-2docs.json')), ['Patient/example']);
    assert.deepEqual(compartmentPatientsOf(fixtureJson<Practitioner>('fhir/Practitioner-example.json')), []);
  });

  it('patientReference accepts an id or a reference', () => {
    assert.equal(patientReference('123'), 'Patient/123');
    assert.equal(patientReference('Patient/123'), 'Patient/123');
  });
});
