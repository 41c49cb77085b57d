/**
 * Registers `<cw-scheduler>`. Import this module (it has that side effect) to use the tag.
 * @packageDocumentation
 */
import { CwScheduler } from '../components/scheduler/scheduler.js';

CwScheduler.define('cw-scheduler');

export { CwScheduler };

declare global {
  interface HTMLElementTagNameMap {
    'cw-scheduler': CwScheduler;
  }
}
