import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Account, Resource } from '@chartwell/fhir';
import { patientOf } from './write.js';

const fixture = <T>(name: string): T => JSON.parse(readFileSync(new URL(`../../../../test/fixtures/fhir/${name}`, import.meta.url), 'utf8')) as T;

describe('patientOf', () => {
  it('reads the patient of the official Account example from its list of subjects', () => {
    // Account-ewg: subject [{ reference: 'Patient/example', display: 'Peter James Chalmers' }]
    assert.equal(patientOf(fixture<Account>('Account-ewg.json') as Resource), 'Patient/example');
  });

  it('takes the first Patient in a list, skipping references to other types, and drops a version', () => {
    const account = { resourceType: 'Account', status: 'active', subject: [{ reference: 'Device/d1' }, { reference: 'Patient/p2/_history/3' }, { reference: 'Patient/p3' }] } as Resource;
    assert.equal(patientOf(account), 'Patient/p2');
  });

  it('gives nothing for a list without a Patient, and still reads a single reference', () => {
    assert.equal(patientOf({ resourceType: 'Account', status: 'active', subject: [{ reference: 'Location/l1' }] } as Resource), undefined);
    assert.equal(patientOf({ resourceType: 'Observation', status: 'final', code: { text: 'x' }, subject: { reference: 'Patient/p1' } } as Resource), 'Patient/p1');
  });
});
