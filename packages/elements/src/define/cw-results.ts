/**
 * Registers `<cw-results>`. Import this module (it has that side effect) to use the tag.
 * @packageDocumentation
 */
import { CwResults } from '../components/results/results.js';

CwResults.define('cw-results');

export { CwResults };

declare global {
  interface HTMLElementTagNameMap {
    'cw-results': CwResults;
  }
}
