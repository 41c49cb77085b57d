/**
 * The single-file build for script-tag hosts: registers every Chartwell element and exports
 * the whole API, with Lit and the SDK inlined, plus what a page needs to hold a chart without a
 * build step: `MemoryStore`, `IndexedDbStore`, `importBundle` and `importNdjson`.
 * @packageDocumentation
 */
import './define/cw-chart-provider.js';
import './define/cw-allergy-banner.js';
import './define/cw-patient-banner.js';
import './define/cw-clinic-date.js';
import './define/cw-problem-list.js';
import './define/cw-med-list.js';
import './define/cw-notes.js';
import './define/cw-results.js';
import './define/cw-patient-chart.js';
import './define/cw-billing-summary.js';
import './define/cw-scheduler.js';

export * from './index.js';
export { MemoryStore, importBundle, importNdjson } from '@chartwell/core';
export { IndexedDbStore } from '@chartwell/store-idb';
import './define/cw-patient-list.js';
