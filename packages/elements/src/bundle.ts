/**
 * The single-file build for script-tag hosts that bring their own store: registers every
 * Chartwell element and exports the whole API, with Lit and the SDK views inlined. A page that
 * also needs a store takes `chartwell.bundle.js` (see `bundle-with-stores.ts`).
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
import './define/cw-patient-list.js';
import './define/cw-audit-log.js';
import './define/cw-reconcile.js';
