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
export { SmartAuth } from './smart/smart-auth.js';
export type { SmartAuthOptions, SmartLaunchContext, PendingStorage } from './smart/smart-auth.js';
export { discoverSmartConfiguration } from './smart/smart-configuration.js';
export type { SmartConfiguration } from './smart/smart-configuration.js';
export { readEhrLaunch } from './smart/ehr-launch.js';
export type { EhrLaunchParameters } from './smart/ehr-launch.js';
export { createPkcePair, pkceChallenge } from './smart/pkce.js';
export type { PkcePair } from './smart/pkce.js';
export { parseSmartScope, scopesAllow } from './smart/smart-scopes.js';
export type { SmartResourceScope, SmartInteraction } from './smart/smart-scopes.js';
export type { WebSocketConstructor, WebSocketLike } from './subscription-trigger.js';
