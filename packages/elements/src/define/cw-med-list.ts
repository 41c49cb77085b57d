/**
 * Registers `<cw-med-list>`. Import this module (it has that side effect) to use the tag.
 * @packageDocumentation
 */
import { CwMedList } from '../components/med-list/med-list.js';

CwMedList.define('cw-med-list');

export { CwMedList };

declare global {
  interface HTMLElementTagNameMap {
    'cw-med-list': CwMedList;
  }
}
