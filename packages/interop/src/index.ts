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

// C-CDA
export { ccdaToFhir } from './ccda/ccda-to-fhir.js';
export type { CcdaToFhirOptions } from './ccda/ccda-to-fhir.js';
export { CcdaError } from './ccda/ccda-error.js';
