/**
 * `@chartwell/store-fhir`: any FHIR R4 server as the ChartStore, with SMART on FHIR authorisation.
 *
 * @example
 * import { resourceUrl } from '@chartwell/store-fhir';
 * resourceUrl('https://fhir.example.org/r4/', 'Patient', '123'); // 'https://fhir.example.org/r4/Patient/123'
 *
 * @packageDocumentation
 */
export { resourceUrl } from './resource-url.js';
