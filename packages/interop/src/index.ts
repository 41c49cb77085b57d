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

// HL7 v2
export { parseHl7v2 } from './hl7v2/parse.js';
export { encodeHl7v2 } from './hl7v2/encode.js';
export type { EncodeHl7v2Options } from './hl7v2/encode.js';
export { decodeHl7v2Escapes, encodeHl7v2Escapes } from './hl7v2/escape.js';
export { readDelimiters, DEFAULT_HL7V2_DELIMITERS } from './hl7v2/delimiters.js';
export type { Hl7v2Delimiters } from './hl7v2/delimiters.js';
export { Hl7v2Message, Hl7v2Segment } from './hl7v2/message.js';
export type { Hl7v2Header } from './hl7v2/message.js';
export { Hl7v2Field, Hl7v2Repetition, Hl7v2Component } from './hl7v2/field.js';
export { parseHl7v2Path } from './hl7v2/path.js';
export type { Hl7v2Path } from './hl7v2/path.js';
export { Hl7v2Error } from './hl7v2/hl7v2-error.js';
export type { Hl7v2ErrorCode } from './hl7v2/hl7v2-error.js';
export { hl7v2Ack } from './hl7v2/ack.js';
export type { Hl7v2AckCode, Hl7v2AckOutcome } from './hl7v2/ack.js';
export { hl7v2ToFhir, HL7V2_TO_FHIR_SUPPORTED } from './hl7v2/to-fhir/to-fhir.js';
export type { Hl7v2ToFhirOptions } from './hl7v2/to-fhir/context.js';
// C-CDA
export { ccdaToFhir } from './ccda/ccda-to-fhir.js';
export type { CcdaToFhirOptions } from './ccda/ccda-to-fhir.js';
export { CcdaError } from './ccda/ccda-error.js';
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
export { PAIRING_SYSTEMS, RECONCILABLE_TYPES, kindOf, conceptOf, pairingCodes, normalizeClinicalText, conceptTexts } from './reconcile/clinical-concept.js';
export type { ReconcilableResource, ReconcileKind } from './reconcile/clinical-concept.js';
// Export: the International Patient Summary
export { buildPatientSummary, IPS_SECTIONS, IPS_ABSENT_UNKNOWN } from './export/build-patient-summary.js';
export type { PatientSummaryOptions } from './export/build-patient-summary.js';
export { escapeXhtml, narrativeTable } from './export/narrative.js';
// Attaching: an incoming Bundle pointed at a chart already in the store, once the match is confirmed
export { attachToPatient } from './attach/attach-to-patient.js';
export type { AttachToPatientOptions, AttachedBundle } from './attach/attach-to-patient.js';
// HL7 v2: batches (FHS/BHS/BTS/FTS)
export { parseHl7v2Batch, splitHl7v2Batch } from './hl7v2/batch.js';
export type { Hl7v2Batch, Hl7v2BatchText, Hl7v2BatchEntry } from './hl7v2/batch.js';
export { hl7v2BatchToFhir } from './hl7v2/to-fhir/batch-to-fhir.js';
export type { Hl7v2BatchOutcome } from './hl7v2/to-fhir/batch-to-fhir.js';
