import type { Coding } from '@chartwell/fhir';

/** The code systems Chartwell's AuditEvents use (FHIR R4 AuditEvent bindings). */
export const AUDIT_SYSTEMS = {
  /** `AuditEvent.type`: `rest` (a RESTful operation). */
  eventType: 'http://terminology.hl7.org/CodeSystem/audit-event-type',
  /** `AuditEvent.subtype`: the FHIR interaction (`read`, `search-type`, `create` ...). */
  restfulInteraction: 'http://hl7.org/fhir/restful-interaction',
  /** `AuditEvent.entity.type`: the resource type of the entity (part of the R4 audit-entity-type value set). */
  resourceTypes: 'http://hl7.org/fhir/resource-types',
  /** `AuditEvent.entity.role`: `1` Patient, `4` Domain Resource, `24` Query. */
  objectRole: 'http://terminology.hl7.org/CodeSystem/object-role',
  /** `AuditEvent.purposeOfEvent`: the reason for the access (`TREAT`, `ETREAT`, `BTG` ...). */
  actReason: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
} as const;

/**
 * The break-the-glass purpose of use (v3-ActReason `BTG`): an emergency override of a consent
 * denial. Pass it in the audit context's `purposeOfUse`, with the stated reason in `purposeReason`.
 */
export const BREAK_THE_GLASS: Coding = Object.freeze({ system: AUDIT_SYSTEMS.actReason, code: 'BTG', display: 'break the glass' });

/** The FHIR interactions a `withAudit` (`@chartwell/core/access`) store records, as `AuditEvent.subtype` codes. */
export type AuditInteraction = 'read' | 'search-type' | 'create' | 'update' | 'delete' | 'transaction' | 'history-instance';

/** `AuditEvent.action` of each interaction: C, R, U, D, or E (execute) for a search and a transaction. */
export const AUDIT_ACTIONS: Readonly<Record<AuditInteraction, 'C' | 'R' | 'U' | 'D' | 'E'>> = {
  read: 'R',
  'search-type': 'E',
  create: 'C',
  update: 'U',
  delete: 'D',
  transaction: 'E',
  'history-instance': 'R',
};

/** Whether a coding is the break-the-glass purpose (v3-ActReason `BTG`). */
export function isBreakTheGlass(coding: Coding | undefined): boolean {
  return coding?.code === 'BTG' && (coding.system === undefined || coding.system === AUDIT_SYSTEMS.actReason);
}
