import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { referenceTo } from '@chartwell/core';
import { parseReference } from '@chartwell/fhir';
import { fixtureJson } from '../../../test/support/fixtures.js';

describe('referenceTo', () => {
  it('points at a stored resource from the official R4 examples by type and id', () => {
    const observation = fixtureJson<{ resourceType: string; id: string }>('fhir/Observation-blood-pressure.json');
    const reference = referenceTo(observation);
    assert.equal(reference, `Observation/${observation.id}`);
    assert.deepEqual(parseReference(reference!), { kind: 'relative', resourceType: 'Observation', id: observation.id });
  });

  it('gives undefined for a resource that has no id yet', () => {
    assert.equal(referenceTo({ resourceType: 'Patient' }), undefined);
    assert.equal(referenceTo({ resourceType: 'Patient', id: '' }), undefined);
  });
});
