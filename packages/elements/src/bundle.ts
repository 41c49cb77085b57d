/**
 * The single-file build for script-tag hosts: registers every Chartwell element and exports
 * the whole API, with Lit and the SDK inlined.
 * @packageDocumentation
 */
import './define/cw-chart-provider.js';
import './define/cw-allergy-banner.js';
import './define/cw-patient-banner.js';
import './define/cw-clinic-date.js';
import './define/cw-problem-list.js';
import './define/cw-med-list.js';

export * from './index.js';
// Chart widgets: scheduler
import './define/cw-scheduler.js';
