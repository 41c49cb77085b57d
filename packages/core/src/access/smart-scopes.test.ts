import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseSmartScopes } from './smart-scopes.js';

const strip = (scopes: readonly string[] | string) => parseSmartScopes(scopes).rules.map(({ resourceTypes, actions, compartment }) => ({ resourceTypes, actions, compartment }));

describe('parseSmartScopes', () => {
  it('turns v1 and v2 resource scopes into rules, ignoring the others', () => {
    assert.deepEqual(strip(['patient/*.rs', 'user/Observation.cruds', 'patient/Observation.read', 'launch/patient', 'openid', 'fhirUser', 'offline_access']), [
      { resourceTypes: ['*'], actions: ['read', 'search'], compartment: 'own-record' },
      { resourceTypes: ['Observation'], actions: ['create', 'read', 'update', 'delete', 'search'], compartment: 'any' },
      { resourceTypes: ['Observation'], actions: ['read', 'search'], compartment: 'own-record' },
    ]);
  });

  it('reads v1 write and *, system/ scopes, and a space-separated string', () => {
    assert.deepEqual(strip('user/Patient.write system/Condition.* launch'), [
      { resourceTypes: ['Patient'], actions: ['create', 'update', 'delete'], compartment: 'any' },
      { resourceTypes: ['Condition'], actions: ['read', 'search', 'create', 'update', 'delete'], compartment: 'any' },
    ]);
    assert.deepEqual(strip(['patient/AllergyIntolerance.c']), [{ resourceTypes: ['AllergyIntolerance'], actions: ['create'], compartment: 'own-record' }]);
  });

  it('rejects malformed resource scopes, naming the scope', () => {
    assert.throws(() => parseSmartScopes(['patient/Observation.reed']), { message: 'patient/Observation.reed: "reed" is not read, write, * or SMART v2 letters c, r, u, d, s in that order' });
    assert.throws(() => parseSmartScopes(['user/Observation.sr']), { message: 'user/Observation.sr: "sr" is not read, write, * or SMART v2 letters c, r, u, d, s in that order' });
    assert.throws(() => parseSmartScopes(['patient/Obs.rs']), { message: 'patient/Obs.rs: "Obs" is not a FHIR R4 resource type or *' });
    assert.throws(() => parseSmartScopes(['patient/Observation']), { message: 'patient/Observation: expected <Type or *>.<read, write, * or cruds letters>' });
    assert.throws(() => parseSmartScopes(['patient/Observation.rs?category=laboratory']), { name: 'AccessPolicyError', message: /search parameters are not supported/ });
  });
});
