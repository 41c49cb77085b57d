import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Consent, Observation } from '@chartwell/fhir';
import { fixtureJson } from '../../../../test/support/fixtures.js';
import { consentDecision, consentsDeny, type ConsentRequest } from './consent-decision.js';

const basic = fixtureJson<Consent>('fhir/Consent-consent-example-basic.json');
const notThem = fixtureJson<Consent>('fhir/Consent-consent-example-notThem.json');
const observation = fixtureJson<Observation>('fhir/Observation-blood-pressure.json');
const at = (date: string) => new Date(`${date}T12:00:00Z`);
const request = (over: Partial<ConsentRequest> = {}): ConsentRequest => ({ resource: observation, actors: ['Practitioner/f001'], purpose: 'TREAT', now: at('2024-05-01'), ...over });

describe('consentDecision, on the official R4 Consent examples', () => {
  it('consent-example-basic (OPTIN, provision period 1964 to 2016-01-01): permits in its period, is ignored after it', () => {
    assert.equal(consentDecision(basic, request({ now: at('2010-01-01') })), 'permit');
    assert.equal(consentDecision(basic, request({ now: at('2015-12-31') })), 'permit');
    assert.equal(consentDecision(basic, request({ now: at('2016-01-02') })), undefined);
  });

  it('consent-example-notThem (withhold from Practitioner/f204): denies that actor, permits others', () => {
    assert.equal(consentDecision(notThem, request({ actors: ['Practitioner/f204'] })), 'deny');
    assert.equal(consentDecision(notThem, request({ actors: ['Practitioner/f001', 'Organization/f001'] })), 'permit');
  });

  it('an inactive or non-privacy consent does not apply', () => {
    assert.equal(consentDecision({ ...notThem, status: 'inactive' }, request({ actors: ['Practitioner/f204'] })), undefined);
    assert.equal(consentDecision({ ...notThem, scope: { coding: [{ code: 'treatment' }] } }, request({ actors: ['Practitioner/f204'] })), undefined);
  });
});

describe('consentDecision: provisions', () => {
  const labelled = { ...observation, meta: { security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'PSY' }] } };
  const denyPsychiatryExceptDoctor: Consent = {
    resourceType: 'Consent',
    status: 'active',
    scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
    category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
    patient: { reference: 'Patient/example' },
    policyRule: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'OPTIN' }] },
    provision: {
      type: 'deny',
      securityLabel: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'PSY' }],
      provision: [{ type: 'permit', actor: [{ role: { coding: [{ code: 'PRCP' }] }, reference: { reference: 'Practitioner/doctor' } }] }],
    },
  };

  it('a deny by security label, with a permit exception for one actor', () => {
    assert.equal(consentDecision(denyPsychiatryExceptDoctor, request({ resource: labelled, actors: ['Practitioner/nurse'] })), 'deny');
    assert.equal(consentDecision(denyPsychiatryExceptDoctor, request({ resource: labelled, actors: ['Practitioner/doctor'] })), 'permit');
    assert.equal(consentDecision(denyPsychiatryExceptDoctor, request({ resource: observation, actors: ['Practitioner/nurse'] })), 'permit');
  });

  it('by class (resource type), purpose and period', () => {
    const byClass: Consent = { ...denyPsychiatryExceptDoctor, provision: { type: 'deny', class: [{ system: 'http://hl7.org/fhir/resource-types', code: 'Observation' }], purpose: [{ code: 'HMARKT' }], period: { end: '2030' } } };
    assert.equal(consentDecision(byClass, request({ purpose: 'HMARKT' })), 'deny');
    assert.equal(consentDecision(byClass, request({ purpose: 'TREAT' })), 'permit');
    assert.equal(consentDecision(byClass, request({ purpose: 'HMARKT', now: at('2031-01-01') })), undefined);
  });

  it('OPTOUT denies what no provision permits; a permit never lifts another consent’s deny', () => {
    const optOut: Consent = { ...denyPsychiatryExceptDoctor, policyRule: { coding: [{ code: 'OPTOUT' }] }, provision: { actor: [{ role: { text: 'CST' }, reference: { reference: 'Organization/good-health' } }] } };
    assert.equal(consentDecision(optOut, request({ actors: ['Practitioner/x'] })), 'deny');
    assert.equal(consentDecision(optOut, request({ actors: ['Practitioner/x', 'Organization/good-health'] })), 'permit');
    assert.equal(consentsDeny([optOut, basic], request({ actors: ['Organization/good-health'] })), false);
    assert.equal(consentsDeny([basic, notThem], request({ actors: ['Practitioner/f204'] })), true);
  });
});
