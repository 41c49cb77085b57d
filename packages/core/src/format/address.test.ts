import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Patient } from '@chartwell/fhir';
import { fixtureJson } from '../../../../test/support/fixtures.js';
import { formatAddress, formatAddressLines } from './address.js';

describe('formatAddress', () => {
  it('writes Patient/example\'s home address from its parts', () => {
    const patient = fixtureJson<Patient>('fhir/Patient-example.json');
    assert.deepEqual(formatAddressLines(patient.address?.[0]), ['534 Erewhon St', 'PleasantVille Rainbow Vic 3999']);
    assert.equal(formatAddress(patient.address?.[0]), '534 Erewhon St, PleasantVille Rainbow Vic 3999');
  });

  it('writes a Synthea address with its country', () => {
    const address = { line: ['931 Doyle Corner Apt 89'], city: 'Wilmington', state: 'Massachusetts', postalCode: '01887', country: 'US' };
    assert.deepEqual(formatAddressLines(address), ['931 Doyle Corner Apt 89', 'Wilmington Massachusetts 01887', 'US']);
  });

  it('falls back to text, skips null lines and is total', () => {
    assert.deepEqual(formatAddressLines({ text: 'c/o the ward clerk' }), ['c/o the ward clerk']);
    assert.equal(formatAddress({ line: [null, '1 High St'], city: 'Leeds' }), '1 High St, Leeds');
    assert.equal(formatAddress(undefined), '');
    assert.equal(formatAddress({ use: 'home' }), '');
  });
});
