/**
 * `@chartwell/store-fhir`: any FHIR R4 server as the ChartStore, with SMART on FHIR authorisation.
 *
 * @example
 * import { FhirRestStore, bearerToken } from '@chartwell/store-fhir';
 * const store = new FhirRestStore({ baseUrl: 'https://fhir.example.org/r4', auth: bearerToken(token) });
 * const weights = await store.search('Observation', { patient: 'Patient/123', code: 'http://loinc.org|29463-7', _sort: '-date' });
 *
 * @packageDocumentation
 */
export { resourceUrl } from './resource-url.js';
export { FhirRestStore, DEFAULT_WATCH_TYPES } from './fhir-rest-store.js';
export type { FhirRestStoreOptions } from './fhir-rest-store.js';
export type { FhirAuth } from './auth.js';
export { bearerToken } from './auth.js';
export type { FetchFunction, RetryOptions } from './fhir-http.js';
export type { ServerCapabilities } from './server-capabilities.js';
export { errorFromResponse } from './error-from-response.js';
export type { RequestSubject } from './error-from-response.js';
export { retryAfterMs } from './retry-after.js';
