import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Observation, Resource } from '@chartwell/fhir';
import { fixtureJson } from '../../../../test/support/fixtures.js';
import { restrictedLabelsOf } from './security-labels.js';

const observation = fixtureJson<Observation>('fhir/Observation-blood-pressure.json');
const labelled = (security: unknown): Resource => ({ ...observation, meta: { security } }) as unknown as Resource;

describe('restrictedLabelsOf', () => {
  it('finds R and V of v3-Confidentiality and the sensitive v3-ActCode categories, not N or other systems', () => {
    const resource = labelled([
      { system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' },
      { system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'N' },
      { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'ETH' },
      { system: 'http://example.org/local', code: 'V' },
      { code: 'HIV' },
    ]);
    assert.deepEqual(restrictedLabelsOf(resource), ['R', 'ETH', 'HIV']);
  });

  it('never throws on malformed meta', () => {
    assert.deepEqual(restrictedLabelsOf(observation), []);
    assert.deepEqual(restrictedLabelsOf(labelled('R')), []);
    assert.deepEqual(restrictedLabelsOf(labelled([null, 3, { code: 7 }])), []);
  });
});
