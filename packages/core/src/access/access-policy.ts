import { isResourceTypeName } from '@chartwell/fhir';
// zod/mini, as @chartwell/fhir uses it: tree-shakable, so a bundle carries only the checks used
import * as z from 'zod/mini';
import type { $ZodIssue } from 'zod/v4/core';

/** The roles Chartwell's access policy knows. */
export const ACCESS_ROLES = ['clinician', 'nurse', 'front-desk', 'billing', 'lab', 'pharmacy', 'patient'] as const;

/** Who the user is, for the policy: a clinician, a nurse, the front desk, billing, the lab, the pharmacy or the patient. */
export type AccessRole = (typeof ACCESS_ROLES)[number];

/** What a call does to a resource. */
export const ACCESS_ACTIONS = ['read', 'search', 'create', 'update', 'delete'] as const;

/** One of `read`, `search`, `create`, `update`, `delete`. */
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

/** Whose records a rule covers. */
export const ACCESS_COMPARTMENTS = ['any', 'own-record', 'care-team'] as const;

/**
 * Whose records a rule covers:
 * - `any`: every patient's;
 * - `own-record`: the record of `user.patientId` (the patient's own; for SMART `patient/` scopes, the launch patient's);
 * - `care-team`: the records of patients with an active CareTeam whose `participant.member` is `user.reference`.
 *
 * Under `own-record` and `care-team`, a resource that belongs to no patient is covered only when
 * it is a shared directory resource (see `SHARED_RESOURCE_TYPES` (`@chartwell/core/access`): Practitioner, Organization, Medication ...).
 */
export type AccessCompartment = (typeof ACCESS_COMPARTMENTS)[number];

/**
 * One permission: the roles it is for may do `actions` to `resourceTypes` in `compartment`.
 * Nothing else is allowed (deny by default).
 */
export interface AccessRule {
  /** The roles it applies to; `'*'` for every role. */
  readonly roles: readonly (AccessRole | '*')[];
  /** FHIR resource types, or `'*'` for every type. */
  readonly resourceTypes: readonly string[];
  readonly actions: readonly AccessAction[];
  readonly compartment: AccessCompartment;
  /**
   * Security label codes this rule lets its roles read (`R`, `V`, `PSY`, `ETH` ...). A resource
   * labelled restricted (R), very restricted (V) or with a sensitive category is withheld unless a
   * rule that permits the access lists every such label it carries (see `restrictedLabelsOf` (`@chartwell/core/access`)).
   */
  readonly labels?: readonly string[];
  /** What the rule is for, for people reading the policy. */
  readonly description?: string;
}

/** A set of rules: JSON data, checked with {@link parseAccessPolicy}. */
export interface AccessPolicy {
  readonly rules: readonly AccessRule[];
}

/** Who is using the chart: plain JSON data, as a host's login gives it. */
export interface AccessUser {
  /** The host's id of the user (recorded in overrides and audit). */
  readonly id: string;
  readonly role: AccessRole;
  /** The FHIR resource the user is: `Practitioner/123`, `Patient/456`, `RelatedPerson/7`. */
  readonly reference?: string;
  /** The user's name, for display and audit. */
  readonly display?: string;
  /** The patient role's own record (and the SMART launch patient): a Patient id, `123` or `Patient/123`. */
  readonly patientId?: string;
  /** SMART on FHIR scopes granted (`patient/*.rs`, `user/Observation.cruds`); when given, they narrow the policy. */
  readonly scopes?: readonly string[];
  /** The organisation the user acts for, `Organization/1` (matched against Consent actors). */
  readonly organization?: string;
  /** Why the user accesses the record, a v3-ActReason code (matched against Consent purposes). Default `TREAT`. */
  readonly purposeOfUse?: string;
}

/** A malformed access policy or SMART scope: the message names where (`rules[3].actions[1]`) and what is wrong. */
export class AccessPolicyError extends Error {
  /** Where the first problem is: `rules[3].actions[1]`, or the scope string. */
  readonly path: string;
  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'AccessPolicyError';
    this.path = path;
  }
}

/**
 * The policy's zod schema, built on first use rather than when the module loads: zod probes
 * whether `new Function` is allowed when it builds an object schema, and a page with a strict
 * Content Security Policy reports that probe as a violation, so a host that never parses a policy
 * (the widgets without `.policy`) must not pay for it.
 */
let accessPolicySchemaBuilt: z.ZodMiniType<AccessPolicy> | undefined;
function accessPolicySchema(): z.ZodMiniType<AccessPolicy> {
  if (accessPolicySchemaBuilt !== undefined) return accessPolicySchemaBuilt;
  const resourceTypeOrStar = z.string().check(
    z.refine((value) => value === '*' || isResourceTypeName(value), {
      error: (issue) => `${JSON.stringify(issue.input)} is not a FHIR R4 resource type or *`,
    }),
  );

  const accessRuleSchema = z.strictObject({
    roles: z.array(z.enum([...ACCESS_ROLES, '*'])).check(z.minLength(1)),
    resourceTypes: z.array(resourceTypeOrStar).check(z.minLength(1)),
    actions: z.array(z.enum(ACCESS_ACTIONS)).check(z.minLength(1)),
    compartment: z.enum(ACCESS_COMPARTMENTS),
    labels: z.optional(z.array(z.string().check(z.minLength(1)))),
    description: z.optional(z.string()),
  });

  accessPolicySchemaBuilt = z.strictObject({ rules: z.array(accessRuleSchema) }) as unknown as z.ZodMiniType<AccessPolicy>;
  return accessPolicySchemaBuilt;
}

function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text === '' ? String(key) : `${text}.${String(key)}`), '');
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

function describeIssue(input: unknown, issue: $ZodIssue): string {
  const value = valueAt(input, issue.path);
  switch (issue.code) {
    case 'invalid_value':
      return `${value === undefined ? 'is required:' : `${JSON.stringify(value)} is not`} one of ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
    case 'too_small':
      return 'must not be empty';
    case 'invalid_type':
      return value === undefined ? `is required (${issue.expected})` : `must be ${issue.expected === 'array' ? 'an array' : `a ${issue.expected}`}, not ${JSON.stringify(value)}`;
    default:
      return issue.message;
  }
}

/**
 * Checks an access policy (an object, or its JSON text) and returns it typed. Deny by default: a
 * policy permits only what a rule names. Throws an {@link AccessPolicyError} naming the first
 * problem's place and value, e.g. `rules[3].actions[1]: "reed" is not one of read, search, create, update, delete`.
 *
 * @example
 * const policy = parseAccessPolicy({
 *   rules: [{ roles: ['lab'], resourceTypes: ['Observation'], actions: ['read', 'search', 'create'], compartment: 'any' }],
 * });
 */
export function parseAccessPolicy(json: unknown): AccessPolicy {
  let input = json;
  if (typeof json === 'string') {
    try {
      input = JSON.parse(json);
    } catch (error) {
      throw new AccessPolicyError('(policy)', `is not JSON: ${(error as Error).message}`);
    }
  }
  const result = accessPolicySchema().safeParse(input);
  if (result.success) return result.data;
  const [first] = result.error.issues;
  throw new AccessPolicyError(first === undefined ? '(policy)' : pathText(first.path) || '(policy)', first === undefined ? 'is not an access policy' : describeIssue(input, first));
}
