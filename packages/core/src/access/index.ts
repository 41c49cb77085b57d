/**
 * `@chartwell/core/access`: access control and the audit trail at run time — the store wrappers
 * `withAccess` and `withAudit`, the policy parser (zod), SMART scopes, consent and security-label
 * rules, the AuditEvent builders. They live in their own entry so that a bundle loads them only
 * where it uses them: `<cw-chart-provider>` imports this entry on demand, when a page sets a policy
 * or an audit trail, so the widgets of a page without them stay small (a bundler splitting code
 * puts whatever a shared entry re-exports into the chunk every page loads). `@chartwell/core`
 * exports their types, `DEFAULT_ACCESS_POLICY`, `AccessDeniedError`, the audit sinks and the
 * audit-trail view.
 *
 * @example
 * import { withAccess, withAudit, storeAuditSink } from '@chartwell/core/access';
 * const audited = withAudit(withAccess(store, policy, user), storeAuditSink(store), context);
 *
 * @packageDocumentation
 */
export { withAccess, AccessControlledStore } from './with-access.js';
export type { WithAccessOptions } from './with-access.js';
export { parseAccessPolicy, AccessPolicyError, ACCESS_ROLES, ACCESS_ACTIONS, ACCESS_COMPARTMENTS } from './access-policy.js';
export type { AccessPolicy, AccessRule, AccessUser, AccessRole, AccessAction, AccessCompartment } from './access-policy.js';
export { DEFAULT_ACCESS_POLICY } from './default-access-policy.js';
export { parseSmartScopes } from './smart-scopes.js';
export { AccessDeniedError } from './access-denied-error.js';
export type { AccessDenialReason } from './access-denied-error.js';
export type { AccessOverride, BreakTheGlassRequest } from './access-override.js';
export { restrictedLabelsOf, RESTRICTED_CONFIDENTIALITY, SENSITIVE_CATEGORIES, CONFIDENTIALITY_SYSTEM, ACT_CODE_SYSTEM } from './security-labels.js';
export { consentDecision, consentsDeny, consentInForce } from './consent-decision.js';
export type { ConsentRequest, ConsentVerdict } from './consent-decision.js';
export { compartmentPatientsOf } from './compartment-patients.js';
export { SHARED_RESOURCE_TYPES } from './shared-resource-types.js';
export { withAudit } from '../audit/with-audit.js';
export type { WithAuditOptions } from '../audit/with-audit.js';
export { AuditTrailError } from '../audit/audit-trail-error.js';
export { buildAuditEvent } from '../audit/audit-event.js';
export { breakTheGlassAuditEvent } from '../audit/break-the-glass-audit-event.js';
export { storeAuditSink } from '../audit/store-audit-sink.js';
export { callbackAuditSink } from '../audit/audit-sink.js';
export type { AuditSink } from '../audit/audit-sink.js';
export type { AuditContext, AuditContextSource, AuditAgent, AuditApplication } from '../audit/audit-context.js';
