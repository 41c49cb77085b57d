/**
 * Registers `<cw-clinic-date>`. Import this module (it has that side effect) to use the tag.
 * @packageDocumentation
 */
import { CwClinicDate } from '../components/clinic-date/clinic-date.js';

CwClinicDate.define('cw-clinic-date');

export { CwClinicDate };

declare global {
  interface HTMLElementTagNameMap {
    'cw-clinic-date': CwClinicDate;
  }
}
