/**
 * `@chartwell/fhir`: FHIR R4 types, zod schemas, validation and primitives.
 *
 * @example
 * import { parseReference } from '@chartwell/fhir';
 * parseReference('Patient/123')?.id; // '123'
 *
 * @packageDocumentation
 */
export { FHIR_VERSION } from './version.js';
export { parseReference, formatReference } from './reference.js';
export type { ParsedReference } from './reference.js';
