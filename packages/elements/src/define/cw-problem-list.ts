/**
 * Registers `<cw-problem-list>`. Import this module (it has that side effect) to use the tag.
 * @packageDocumentation
 */
import { CwProblemList } from '../components/problem-list/problem-list.js';

CwProblemList.define('cw-problem-list');

export { CwProblemList };

declare global {
  interface HTMLElementTagNameMap {
    'cw-problem-list': CwProblemList;
  }
}
