/**
 * Registers `<cw-patient-list>`. Import this module (it has that side effect) to use the tag.
 * @packageDocumentation
 */
import { CwPatientList } from '../components/patient-list/patient-list.js';

CwPatientList.define('cw-patient-list');

export { CwPatientList };

declare global {
  interface HTMLElementTagNameMap {
    'cw-patient-list': CwPatientList;
  }
}
