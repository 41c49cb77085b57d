/**
 * Registers `<cw-audit-log>`. Import this module (it has that side effect) to use the tag.
 * @packageDocumentation
 */
import { CwAuditLog } from '../components/audit-log/audit-log.js';

CwAuditLog.define('cw-audit-log');

export { CwAuditLog };

declare global {
  interface HTMLElementTagNameMap {
    'cw-audit-log': CwAuditLog;
  }
}
