import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AccessPolicyError, parseAccessPolicy } from './access-policy.js';
import { DEFAULT_ACCESS_POLICY } from './default-access-policy.js';

const rule = { roles: ['lab'], resourceTypes: ['Observation'], actions: ['read', 'search'], compartment: 'any' };

describe('parseAccessPolicy', () => {
  it('accepts a valid policy, as an object or as JSON text', () => {
    assert.deepEqual(parseAccessPolicy({ rules: [rule] }), { rules: [rule] });
    assert.deepEqual(parseAccessPolicy(JSON.stringify({ rules: [rule, { ...rule, labels: ['R'] }] })).rules[1]?.labels, ['R']);
  });

  it('names the rule index, the field and the bad value', () => {
    const rules = [rule, rule, rule, { ...rule, actions: ['read', 'reed'] }];
    assert.throws(() => parseAccessPolicy({ rules }), { name: 'AccessPolicyError', message: 'rules[3].actions[1]: "reed" is not one of read, search, create, update, delete' });
  });

  it('rejects unknown roles, unknown resource types, unknown fields, missing compartments and empty lists', () => {
    const cases: [unknown, string][] = [
      [{ ...rule, roles: ['doctor'] }, 'rules[0].roles[0]: "doctor" is not one of clinician, nurse, front-desk, billing, lab, pharmacy, patient, *'],
      [{ ...rule, resourceTypes: ['Observaton'] }, 'rules[0].resourceTypes[0]: "Observaton" is not a FHIR R4 resource type or *'],
      [{ ...rule, action: ['read'] }, 'rules[0]: unknown field "action"'],
      [{ roles: ['lab'], resourceTypes: ['Observation'], actions: ['read'] }, 'rules[0].compartment: is required: one of any, own-record, care-team'],
      [{ ...rule, actions: [] }, 'rules[0].actions: must not be empty'],
    ];
    for (const [bad, message] of cases) assert.throws(() => parseAccessPolicy({ rules: [bad] }), (error: unknown) => error instanceof AccessPolicyError && error.message === message, message);
  });

  it('rejects what is not a policy at all', () => {
    assert.throws(() => parseAccessPolicy('{rules'), /^AccessPolicyError: \(policy\): is not JSON/);
    assert.throws(() => parseAccessPolicy({}), { message: 'rules: is required (array)' });
  });

  it('DEFAULT_ACCESS_POLICY is itself a valid policy with a rule for each of the seven roles', () => {
    const parsed = parseAccessPolicy(JSON.parse(JSON.stringify(DEFAULT_ACCESS_POLICY)));
    const roles = new Set(parsed.rules.flatMap((r) => r.roles));
    assert.deepEqual([...roles].sort(), ['billing', 'clinician', 'front-desk', 'lab', 'nurse', 'patient', 'pharmacy']);
  });
});
