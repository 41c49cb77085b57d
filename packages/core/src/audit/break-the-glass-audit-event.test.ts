import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { validate } from '@chartwell/fhir';
import type { AccessOverride } from '../access/access-override.js';
import { auditTrailEntry } from './audit-trail.js';
import { breakTheGlassAuditEvent } from './break-the-glass-audit-event.js';

const override: AccessOverride = {
  user: 'u1',
  userReference: 'Practitioner/hart',
  userDisplay: 'Dr Alice Hart',
  role: 'clinician',
  patient: 'Patient/p1',
  reason: 'Unconscious in A&E, anticoagulants unknown',
  start: '2026-11-26T14:05:00.000Z',
  end: '2026-11-26T14:35:00.000Z',
};
const context = { agent: { who: { reference: 'Practitioner/hart', display: 'Dr Alice Hart' }, role: [{ text: 'clinician' }] }, application: { display: 'Ward app' } };

describe('breakTheGlassAuditEvent', () => {
  it('is a valid R4 AuditEvent: a security alert for the patient, purpose BTG with the reason, for the override period', () => {
    const event = breakTheGlassAuditEvent(override, context);
    assert.deepEqual(validate(event).issues.filter((issue) => issue.severity === 'error'), []);
    assert.equal(event.type.code, '110113');
    assert.deepEqual(event.period, { start: override.start, end: override.end });
    assert.equal(event.purposeOfEvent?.[0]?.coding?.[0]?.code, 'BTG');
    assert.equal(event.purposeOfEvent?.[0]?.text, override.reason);
    assert.deepEqual(event.entity?.map((entity) => entity.what?.reference), ['Patient/p1']);
    assert.equal(event.agent[0]?.who?.display, 'Dr Alice Hart');
    assert.equal(event.agent[0]?.requestor, true);
  });

  it('reads in the audit trail as break-the-glass, with its reason, by its user, from its application', () => {
    const entry = auditTrailEntry(breakTheGlassAuditEvent(override, context), { locale: 'en-GB', timeZone: 'Europe/London' });
    assert.equal(entry.breakTheGlass, true);
    assert.equal(entry.reason, override.reason);
    assert.equal(entry.who, 'Dr Alice Hart');
    assert.equal(entry.application, 'Ward app');
    assert.equal(entry.outcome, 'success');
  });
});
