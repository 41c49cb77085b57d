/**
 * `@chartwell/interop/reconcile`: reconciliation alone (pure functions over resources, and the
 * atomic write of the decisions), for code that must not load the HL7 v2 and C-CDA converters or
 * their XML parser: `<cw-reconcile>` in `@chartwell/elements`, or a page served as unbundled ES
 * modules, where `@xmldom/xmldom` (CommonJS) cannot load. The same functions are exported by
 * `@chartwell/interop`.
 *
 * @example
 * import { reconcile } from '@chartwell/interop/reconcile';
 * const plan = reconcile(localRecords, incomingRecords);
 *
 * @packageDocumentation
 */
export { reconcile, differencesBetween } from './reconcile.js';
export type { ReconcileStatus, ReconcileDifference, ReconcileItem, ReconciliationPlan, ReconcileOptions } from './reconcile.js';
export { applyReconciliation } from './apply-reconciliation.js';
export type { ReconcileDecision, ApplyReconciliationOptions, ReconciliationResult } from './apply-reconciliation.js';
export { PAIRING_SYSTEMS, kindOf, conceptOf, pairingCodes, normalizeClinicalText, conceptTexts } from './clinical-concept.js';
export type { ReconcilableResource, ReconcileKind } from './clinical-concept.js';
