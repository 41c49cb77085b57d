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
