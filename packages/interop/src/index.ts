/**
 * `@chartwell/interop`: FHIR Bundles in and out, HL7 v2 and C-CDA converted to FHIR at the edge,
 * patient matching, provenance and reconciliation.
 *
 * @example
 * import { detectFormat } from '@chartwell/interop';
 * detectFormat('MSH|^~\\&|LAB|...'); // 'hl7v2'
 *
 * @packageDocumentation
 */
export { detectFormat } from './detect-format.js';
export type { InteropFormat } from './detect-format.js';
// Export: a patient's compartment as a Bundle or bulk NDJSON
export { exportPatient, exportPatientNdjson, patientCompartment, REFERENCED_TYPES } from './export/export-patient.js';
export type { ExportPatientOptions } from './export/export-patient.js';
// Matching: a patient from another organisation against the store's patients
export { matchPatient, scorePatientMatch, DEFAULT_MATCH_WEIGHTS, DEFAULT_MATCH_THRESHOLDS } from './matching/match-patient.js';
export type { MatchClass, MatchField, FieldOutcome, FieldWeight, MatchWeights, MatchThresholds, MatchPatientOptions, FieldScore, PatientMatch, PatientMatchResult } from './matching/match-patient.js';
export { jaroWinkler } from './matching/jaro-winkler.js';
export { NICKNAME_GROUPS, areNicknames } from './matching/nicknames.js';
export { demographicsOf, normalizeName, normalizeAddressLine, normalizePhone } from './matching/demographics.js';
export type { Demographics } from './matching/demographics.js';
// Reconciliation: medications, allergies and problems from another source against the chart
export { reconcile, differencesBetween } from './reconcile/reconcile.js';
export type { ReconcileStatus, ReconcileDifference, ReconcileItem, ReconciliationPlan, ReconcileOptions } from './reconcile/reconcile.js';
export { applyReconciliation } from './reconcile/apply-reconciliation.js';
export type { ReconcileDecision, ApplyReconciliationOptions, ReconciliationResult } from './reconcile/apply-reconciliation.js';
export { PAIRING_SYSTEMS, kindOf, conceptOf, pairingCodes, normalizeClinicalText, conceptTexts } from './reconcile/clinical-concept.js';
export type { ReconcilableResource, ReconcileKind } from './reconcile/clinical-concept.js';
// Export: the International Patient Summary
export { buildPatientSummary, IPS_SECTIONS, IPS_ABSENT_UNKNOWN } from './export/build-patient-summary.js';
export type { PatientSummaryOptions } from './export/build-patient-summary.js';
export { escapeXhtml, narrativeTable } from './export/narrative.js';
