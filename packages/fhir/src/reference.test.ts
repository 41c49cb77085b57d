import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseReference, formatReference } from '@chartwell/fhir';
import { collectReferences, fixtureJson } from '../../../test/support/fixtures.js';

const examples = [
  'fhir/AllergyIntolerance-example.json',
  'fhir/AllergyIntolerance-nkda.json',
  'fhir/Observation-blood-pressure.json',
  'fhir/Appointment-2docs.json',
];

describe('parseReference', () => {
  it('takes apart every literal reference in the official R4 examples, and formatReference puts it back', () => {
    const references = examples.flatMap((file) => collectReferences(fixtureJson(file)));
    assert.ok(references.length >= 10, `expected the examples to hold references, found ${references.length}`);
    for (const reference of references) {
      const parsed = parseReference(reference);
      assert.ok(parsed, `did not parse ${reference}`);
      assert.equal(`${parsed.resourceType}/${parsed.id}`, reference);
      assert.equal(formatReference(parsed), reference);
    }
  });

  it('reads the patient of the R4 AllergyIntolerance example', () => {
    const allergy = fixtureJson<{ patient: { reference: string } }>('fhir/AllergyIntolerance-example.json');
    assert.deepEqual(parseReference(allergy.patient.reference), { resourceType: 'Patient', id: 'example' });
  });

  it('keeps the version of a versioned reference and the base of an absolute one', () => {
    assert.deepEqual(parseReference('Observation/bp-1/_history/3'), {
      resourceType: 'Observation',
      id: 'bp-1',
      versionId: '3',
    });
    assert.deepEqual(parseReference('https://fhir.example.org/r4/Patient/123'), {
      resourceType: 'Patient',
      id: '123',
      baseUrl: 'https://fhir.example.org/r4',
    });
    const absolute = 'http://hapi.example.org/fhir/Encounter/e.1/_history/12';
    assert.equal(formatReference(parseReference(absolute)!), absolute);
  });

  it('gives undefined for references that name no resource on a server, and for malformed ones', () => {
    for (const reference of [
      '#med0301', // contained
      'urn:uuid:9d5d3a0e-27d4-4b0a-bd43-3b4c8a9b6c3f', // bundle-local
      'urn:oid:1.2.3',
      'patient/123', // a resource type starts with a capital
      'Patient/', // no id
      'Patient/12 3', // a space is not allowed in an id
      `Patient/${'a'.repeat(65)}`, // an id is at most 64 characters
      'Patient/123/_history/', // empty version
      'ftp://server/Patient/1', // only http(s) bases
      '',
    ]) {
      assert.equal(parseReference(reference), undefined, reference);
    }
  });

  it('accepts an id of exactly 64 characters', () => {
    assert.equal(parseReference(`Patient/${'a'.repeat(64)}`)?.id.length, 64);
  });
});
