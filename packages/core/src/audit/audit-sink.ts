import type { AuditEvent } from '@chartwell/fhir';

/**
 * Where `withAudit` (`@chartwell/core/access`) sends each AuditEvent: {@link storeAuditSink} (a ChartStore: the audited
 * one or a separate one), {@link callbackAuditSink} (a function: to a server, a SIEM, a queue), or
 * an integrator's own. `record` resolves once the event is kept and rejects if it could not be;
 * the audited call waits for it (see `onSinkError` of {@link WithAuditOptions}).
 *
 * An event holds references (type and id) and codes, never resource content; a sink must not
 * pass events through the audited store itself (they would be audited again).
 */
export interface AuditSink {
  record(event: AuditEvent): Promise<void>;
}

/**
 * A sink that calls `record` with each AuditEvent and waits for it; a throw or a rejection is a
 * failed record.
 *
 * @example
 * const sink = callbackAuditSink((event) => fetch('/audit', { method: 'POST', body: JSON.stringify(event) }).then(() => undefined));
 */
export function callbackAuditSink(record: (event: AuditEvent) => void | Promise<void>): AuditSink {
  return {
    async record(event) {
      await record(event);
    },
  };
}
