/**
 * Registers `<cw-patient-banner>`. Import this module (it has that side effect) to use the tag.
 * @packageDocumentation
 */
import { CwPatientBanner } from '../components/patient-banner/patient-banner.js';

CwPatientBanner.define('cw-patient-banner');

export { CwPatientBanner };

declare global {
  interface HTMLElementTagNameMap {
    'cw-patient-banner': CwPatientBanner;
  }
}
