/**
 * Registers `<cw-billing-summary>`. Import this module (it has that side effect) to use the tag.
 * @packageDocumentation
 */
import { CwBillingSummary } from '../components/billing-summary/billing-summary.js';

CwBillingSummary.define('cw-billing-summary');

export { CwBillingSummary };

declare global {
  interface HTMLElementTagNameMap {
    'cw-billing-summary': CwBillingSummary;
  }
}
