/**
 * Registers `<cw-patient-chart>` and the widgets it shows that Chartwell has registered so far
 * (patient banner, allergy banner, medication list, problem list, results, notes). Import this module (it has
 * that side effect) to use the tag.
 * @packageDocumentation
 */
import './cw-patient-banner.js';
import './cw-allergy-banner.js';
import './cw-med-list.js';
import './cw-problem-list.js';
import './cw-results.js';
import './cw-notes.js';
import { CwPatientChart } from '../components/patient-chart/patient-chart.js';

CwPatientChart.define('cw-patient-chart');

export { CwPatientChart };

declare global {
  interface HTMLElementTagNameMap {
    'cw-patient-chart': CwPatientChart;
  }
}
