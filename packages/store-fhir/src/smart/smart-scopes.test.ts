import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseSmartScope, readEhrLaunch, scopesAllow } from '@chartwell/store-fhir';

describe('SMART scopes', () => {
  it('reads App Launch 2.0 scopes letter by letter', () => {
    assert.deepEqual(parseSmartScope('patient/Observation.rs'), { context: 'patient', resourceType: 'Observation', create: false, read: true, update: false, delete: false, search: true });
    assert.deepEqual(parseSmartScope('user/*.cruds'), { context: 'user', resourceType: '*', create: true, read: true, update: true, delete: true, search: true });
    assert.deepEqual(parseSmartScope('system/Patient.u'), { context: 'system', resourceType: 'Patient', create: false, read: false, update: true, delete: false, search: false });
  });

  it('reads 1.0 scopes: read is r and s, write is c, u and d, * is all', () => {
    assert.deepEqual(parseSmartScope('patient/*.read'), { context: 'patient', resourceType: '*', create: false, read: true, update: false, delete: false, search: true });
    assert.deepEqual(parseSmartScope('user/Condition.write'), { context: 'user', resourceType: 'Condition', create: true, read: false, update: true, delete: true, search: false });
    assert.equal(parseSmartScope('patient/*.*')?.delete, true);
  });

  it('gives undefined for scopes that are not about resources, and malformed ones', () => {
    for (const scope of ['openid', 'fhirUser', 'launch/patient', 'offline_access', 'patient/Observation.', 'patient/Observation.sr', 'patient/observation.rs', 'clinic/Patient.r']) {
      assert.equal(parseSmartScope(scope), undefined, scope);
    }
  });

  it('tells whether granted scopes allow an interaction on a type', () => {
    const granted = 'launch/patient openid patient/Observation.rs patient/AllergyIntolerance.cruds';
    assert.equal(scopesAllow(granted, 'Observation', 'search'), true);
    assert.equal(scopesAllow(granted, 'Observation', 'update'), false);
    assert.equal(scopesAllow(granted, 'AllergyIntolerance', 'create'), true);
    assert.equal(scopesAllow(granted, 'Condition', 'read'), false);
    assert.equal(scopesAllow('patient/*.rs', 'Condition', 'read'), true);
  });
});

describe('readEhrLaunch', () => {
  it('reads iss and launch from the launch URL', () => {
    assert.deepEqual(readEhrLaunch('https://app.example.org/launch?iss=https%3A%2F%2Fehr.example.org%2Ffhir&launch=xyz123'), { iss: 'https://ehr.example.org/fhir', launch: 'xyz123' });
  });

  it('refuses a launch URL without iss or launch, or with an insecure iss, naming what is wrong', () => {
    assert.throws(() => readEhrLaunch('https://app.example.org/launch?launch=xyz'), /no iss/);
    assert.throws(() => readEhrLaunch('https://app.example.org/launch?iss=https://ehr.example.org/fhir'), /no launch parameter/);
    assert.throws(() => readEhrLaunch('https://app.example.org/launch?iss=http://ehr.example.org/fhir&launch=x'), /iss must use https, not "http:"/);
    assert.throws(() => readEhrLaunch('https://app.example.org/launch?iss=ehr&launch=x'), /iss is not an absolute URL: "ehr"/);
  });
});
