import type { AuditEvent, AuditEventEntity, CodeableConcept, ResourceType } from '@chartwell/fhir';
import type { AuditContext } from './audit-context.js';
import { AUDIT_ACTIONS, AUDIT_SYSTEMS, type AuditInteraction } from './audit-codes.js';
import type { AuditOutcome } from './audit-outcome.js';

/** The facts of one audited store call: what was asked, what it touched, how it ended. */
export interface AuditedCall {
  readonly interaction: AuditInteraction;
  /** The resource type searched (a search only): recorded as a query entity. */
  readonly searchedType?: ResourceType;
  /** Every resource touched, as `Type/id` (patients among them are recorded as the patient). */
  readonly resources: readonly string[];
  /** Every patient whose data the call concerned, as `Patient/<id>`. */
  readonly patients: readonly string[];
  readonly outcome: AuditOutcome;
}

const typeOf = (reference: string) => reference.slice(0, reference.indexOf('/'));

const entityType = (type: string) => ({ system: AUDIT_SYSTEMS.resourceTypes, code: type });

const PATIENT_ROLE = { system: AUDIT_SYSTEMS.objectRole, code: '1', display: 'Patient' };
const RESOURCE_ROLE = { system: AUDIT_SYSTEMS.objectRole, code: '4', display: 'Domain Resource' };
const QUERY_ROLE = { system: AUDIT_SYSTEMS.objectRole, code: '24', display: 'Query' };

/**
 * The FHIR R4 AuditEvent of one store call: type `rest`, the interaction as subtype, its action,
 * the time, the outcome, the agent and application of `context`, its purpose of use, and one
 * entity per patient (role Patient) and per other resource touched (role Domain Resource), each a
 * bare `Type/id` reference, plus a query entity naming the type searched. Never resource content.
 */
export function buildAuditEvent(call: AuditedCall, context: AuditContext, recorded: Date): AuditEvent {
  const { agent, application } = context;
  const patients = [...new Set(call.patients)];
  const others = [...new Set(call.resources)].filter((reference) => !patients.includes(reference) && typeOf(reference) !== '');
  const entity: AuditEventEntity[] = [
    ...patients.map(patientEntity),
    ...(call.searchedType !== undefined ? [{ type: entityType(call.searchedType), role: QUERY_ROLE }] : []),
    ...others.map((reference) => ({ what: { reference }, type: entityType(typeOf(reference)), role: RESOURCE_ROLE })),
  ];
  const purposes = context.purposeOfUse ?? [];
  const reason = context.purposeReason?.trim();
  return {
    resourceType: 'AuditEvent',
    type: { system: AUDIT_SYSTEMS.eventType, code: 'rest', display: 'Restful Operation' },
    subtype: [{ system: AUDIT_SYSTEMS.restfulInteraction, code: call.interaction }],
    action: AUDIT_ACTIONS[call.interaction],
    recorded: recorded.toISOString(),
    outcome: call.outcome.code,
    ...(call.outcome.description !== undefined && { outcomeDesc: call.outcome.description }),
    ...(purposes.length > 0 && { purposeOfEvent: purposes.map((coding, index) => ({ coding: [{ ...coding }], ...(index === 0 && reason && { text: reason }) })) }),
    ...agentAndSource({ agent, application }),
    ...(entity.length > 0 && { entity }),
  };
}

/** `AuditEvent.agent` (the user, requestor unless said otherwise) and `AuditEvent.source` (the application) of a context. */
export function agentAndSource({ agent, application }: Pick<AuditContext, 'agent' | 'application'>): Pick<AuditEvent, 'agent' | 'source'> {
  return {
    agent: [
      {
        who: { ...agent.who },
        ...(agent.role !== undefined && agent.role.length > 0 && { role: agent.role.map((role) => JSON.parse(JSON.stringify(role)) as CodeableConcept) }),
        requestor: agent.requestor ?? true,
      },
    ],
    source: {
      ...(application.site !== undefined && { site: application.site }),
      observer: { display: application.display, ...(application.identifier !== undefined && { identifier: { ...application.identifier } }) },
    },
  };
}

/** The `AuditEvent.entity` of a patient's record (role 1, Patient). */
export function patientEntity(reference: string): AuditEventEntity {
  return { what: { reference }, type: entityType('Patient'), role: PATIENT_ROLE };
}
