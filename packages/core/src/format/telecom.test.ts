import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Patient } from '@chartwell/fhir';
import { fixtureJson } from '../../../../test/support/fixtures.js';
import { formatTelecom } from './telecom.js';

describe('formatTelecom', () => {
  it("writes Patient/example's contact points with use and system", () => {
    const telecom = fixtureJson<Patient>('fhir/Patient-example.json').telecom ?? [];
    assert.deepEqual(telecom.map(formatTelecom), ['', '(03) 5555 6473 (work phone)', '(03) 3410 5613 (mobile)', '(03) 5555 8834 (old phone)']);
  });

  it('writes email, web and bare values', () => {
    assert.equal(formatTelecom({ system: 'email', value: 'p@example.org', use: 'home' }), 'p@example.org (home email)');
    assert.equal(formatTelecom({ system: 'url', value: 'https://example.org' }), 'https://example.org (web)');
    assert.equal(formatTelecom({ value: '555-0100' }), '555-0100');
    assert.equal(formatTelecom(undefined), '');
  });
});
