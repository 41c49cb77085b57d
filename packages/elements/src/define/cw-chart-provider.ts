/**
 * Registers `<cw-chart-provider>`. Import this module (it has that side effect) to use the tag.
 * @packageDocumentation
 */
import { CwChartProvider } from '../components/chart-provider/chart-provider.js';

CwChartProvider.define('cw-chart-provider');

export { CwChartProvider };

declare global {
  interface HTMLElementTagNameMap {
    'cw-chart-provider': CwChartProvider;
  }
}
