import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resourceUrl } from '@chartwell/store-fhir';

describe('resourceUrl', () => {
  it('joins the base, the type and the id, with or without a trailing slash on the base', () => {
    assert.equal(resourceUrl('https://fhir.example.org/r4', 'Patient', '123'), 'https://fhir.example.org/r4/Patient/123');
    assert.equal(resourceUrl('https://fhir.example.org/r4/', 'Patient', '123'), 'https://fhir.example.org/r4/Patient/123');
    assert.equal(resourceUrl('http://localhost:8080/fhir', 'Observation'), 'http://localhost:8080/fhir/Observation');
  });

  it('refuses bad input with a message naming the bad value', () => {
    assert.throws(() => resourceUrl('fhir.example.org', 'Patient'), /not an absolute URL: "fhir\.example\.org"/);
    assert.throws(() => resourceUrl('file:///tmp/fhir', 'Patient'), /http or https, not "file:"/);
    assert.throws(() => resourceUrl('https://x.org/fhir?_format=json', 'Patient'), /query or fragment/);
    assert.throws(() => resourceUrl('https://x.org/fhir', 'patient'), /Not a FHIR resource type: "patient"/);
    assert.throws(() => resourceUrl('https://x.org/fhir', 'Patient', '../Practitioner/1'), /Not a FHIR id .*"\.\.\/Practitioner\/1"/);
    assert.throws(() => resourceUrl('https://x.org/fhir', 'Patient', 'a'.repeat(65)), TypeError);
  });
});
