import type { AuditEvent } from '@chartwell/fhir';
import type { AccessOverride } from '../access/access-override.js';
import { BREAK_THE_GLASS } from './audit-codes.js';
import type { AuditContext } from './audit-context.js';
import { agentAndSource, patientEntity } from './audit-event.js';

/** DICOM "Security Alert" (110113), the event type of an emergency override. */
const SECURITY_ALERT = { system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110113', display: 'Security Alert' } as const;

/**
 * The AuditEvent of a break-the-glass override (an {@link AccessOverride} from `withAccess`): a
 * security alert (DICOM 110113) that the user (the agent, requestor) opened the patient's record
 * (the entity) despite a consent or security label, with purpose of use `BTG` and the user's stated
 * reason as its text, for the override's period. The reads made meanwhile are recorded by
 * `withAudit` as usual. Holds no record content: only the patient reference and the user's own
 * words. `<cw-audit-log>` shows it with its reason.
 *
 * @example
 * const event = breakTheGlassAuditEvent(override, { agent: { who: { reference: 'Practitioner/1', display: 'Dr Hart' } }, application: { display: 'Ward app' } });
 * await sink.record(event);
 */
export function breakTheGlassAuditEvent(override: AccessOverride, context: Pick<AuditContext, 'agent' | 'application'>): AuditEvent {
  return {
    resourceType: 'AuditEvent',
    type: { ...SECURITY_ALERT },
    action: 'E',
    period: { start: override.start, end: override.end },
    recorded: override.start,
    outcome: '0',
    purposeOfEvent: [{ coding: [{ ...BREAK_THE_GLASS }], text: override.reason }],
    ...agentAndSource(context),
    entity: [patientEntity(override.patient)],
  };
}
