/**
 * Registers `<cw-reconcile>`. Import this module (it has that side effect) to use the tag.
 * @packageDocumentation
 */
import { CwReconcile } from '../components/reconcile/reconcile.js';

CwReconcile.define('cw-reconcile');

export { CwReconcile };

declare global {
  interface HTMLElementTagNameMap {
    'cw-reconcile': CwReconcile;
  }
}
