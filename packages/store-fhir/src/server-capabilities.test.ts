import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseCapabilities, UNKNOWN_CAPABILITIES } from './server-capabilities.js';

describe('parseCapabilities', () => {
  it('reads transactions, conditional create and the search parameters per type', () => {
    const capabilities = parseCapabilities({
      resourceType: 'CapabilityStatement',
      rest: [
        { mode: 'client', interaction: [{ code: 'transaction' }] },
        {
          mode: 'server',
          interaction: [{ code: 'batch' }, { code: 'transaction' }],
          resource: [
            { type: 'Observation', conditionalCreate: true, searchParam: [{ name: 'patient', type: 'reference' }, { name: 'code', type: 'token' }] },
            { type: 'Patient', searchParam: [{ name: 'identifier' }] },
          ],
        },
      ],
    });
    assert.equal(capabilities.known, true);
    assert.equal(capabilities.transaction, true);
    assert.deepEqual([...(capabilities.searchParams.get('Observation') ?? [])], ['patient', 'code']);
    assert.deepEqual([...capabilities.conditionalCreate], ['Observation']);
  });

  it('a server without transaction, and anything that is not a CapabilityStatement', () => {
    assert.equal(parseCapabilities({ resourceType: 'CapabilityStatement', rest: [{ mode: 'server', interaction: [{ code: 'batch' }] }] }).transaction, false);
    assert.equal(parseCapabilities({ resourceType: 'OperationOutcome' }), UNKNOWN_CAPABILITIES);
    assert.equal(parseCapabilities(undefined), UNKNOWN_CAPABILITIES);
    assert.equal(parseCapabilities('<html>'), UNKNOWN_CAPABILITIES);
  });
});
