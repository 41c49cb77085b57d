import { isResourceTypeName } from '@chartwell/fhir';
import { AccessPolicyError, type AccessAction, type AccessPolicy, type AccessRule } from './access-policy.js';

const V1_ACTIONS: Readonly<Record<string, readonly AccessAction[]>> = {
  read: ['read', 'search'],
  write: ['create', 'update', 'delete'],
  '*': ['read', 'search', 'create', 'update', 'delete'],
};

const V2_LETTERS: readonly (readonly [string, AccessAction])[] = [
  ['c', 'create'],
  ['r', 'read'],
  ['u', 'update'],
  ['d', 'delete'],
  ['s', 'search'],
];

/** The actions of a SMART v2 `cruds` permission (letters in that order, each at most once), or undefined if it is not one. */
function v2Actions(permissions: string): AccessAction[] | undefined {
  const actions: AccessAction[] = [];
  let from = 0;
  for (const letter of permissions) {
    const index = V2_LETTERS.findIndex(([l], i) => i >= from && l === letter);
    if (index < 0) return undefined;
    actions.push((V2_LETTERS[index] as readonly [string, AccessAction])[1]);
    from = index + 1;
  }
  return actions.length > 0 ? actions : undefined;
}

/**
 * The rules a set of SMART on FHIR scopes grants, for every role (to be intersected with the role
 * policy: `withAccess` (`@chartwell/core/access`) does when `user.scopes` is given).
 *
 * - `patient/Type.perm` covers the launch patient's record (`own-record`: `user.patientId`);
 *   `user/` and `system/` cover what the user may otherwise access (`any`).
 * - `Type` is a resource type or `*`. `perm` is SMART v1 `read` (read, search), `write` (create,
 *   update, delete) or `*`, or SMART v2 letters `c r u d s` in that order (`rs`, `cruds`).
 * - Scopes that are not about resources (`openid`, `fhirUser`, `launch/patient`, `offline_access`)
 *   are ignored. A resource scope that is malformed, names an unknown type, or narrows with search
 *   parameters (`?category=…`, not supported) throws an {@link AccessPolicyError} naming it.
 *
 * @example
 * parseSmartScopes(['patient/*.rs', 'user/Observation.cruds', 'launch/patient', 'openid']);
 * // → rules: * read+search in own-record; Observation create+read+update+delete+search in any
 */
export function parseSmartScopes(scopes: readonly string[] | string): AccessPolicy {
  const list = typeof scopes === 'string' ? scopes.split(/\s+/).filter((scope) => scope !== '') : scopes;
  const rules: AccessRule[] = [];
  for (const scope of list) {
    if (typeof scope !== 'string') throw new AccessPolicyError('(scopes)', `${JSON.stringify(scope)} is not a scope string`);
    const context = /^(patient|user|system)\//.exec(scope)?.[1];
    if (context === undefined) continue;
    const body = scope.slice(context.length + 1);
    if (body.includes('?')) throw new AccessPolicyError(scope, 'scopes narrowed by search parameters are not supported');
    const match = /^([A-Za-z]+|\*)\.([A-Za-z*]+)$/.exec(body);
    if (match === null) throw new AccessPolicyError(scope, 'expected <Type or *>.<read, write, * or cruds letters>');
    const [, type = '', permissions = ''] = match;
    if (type !== '*' && !isResourceTypeName(type)) throw new AccessPolicyError(scope, `"${type}" is not a FHIR R4 resource type or *`);
    const actions = V1_ACTIONS[permissions] ?? v2Actions(permissions);
    if (actions === undefined) throw new AccessPolicyError(scope, `"${permissions}" is not read, write, * or SMART v2 letters c, r, u, d, s in that order`);
    rules.push({ roles: ['*'], resourceTypes: [type], actions, compartment: context === 'patient' ? 'own-record' : 'any', description: `SMART scope ${scope}` });
  }
  return { rules };
}
