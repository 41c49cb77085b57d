/**
 * `@chartwell/core`: the Chartwell domain. The ChartStore contract, chart views, clinical rules
 * and formatting, as plain functions that run in Node, in workers and in the browser.
 *
 * @example
 * import { referenceTo } from '@chartwell/core';
 * referenceTo({ resourceType: 'Patient', id: '123' }); // 'Patient/123'
 *
 * @packageDocumentation
 */
export { referenceTo } from './reference-to.js';
export type { Identifiable } from './reference-to.js';
