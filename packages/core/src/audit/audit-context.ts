import type { CodeableConcept, Coding, Identifier, Reference } from '@chartwell/fhir';

/** Who makes the calls: the user (or system) recorded as `AuditEvent.agent`. */
export interface AuditAgent {
  /** The user, as a reference with a display name: `{ reference: 'Practitioner/123', display: 'Dr Alice Hart' }`. */
  readonly who: Reference;
  /** The user's role(s) in this access (`AuditEvent.agent.role`): `{ text: 'Clinician' }` or a coded role. */
  readonly role?: readonly CodeableConcept[];
  /** Whether this agent asked for the access (`AuditEvent.agent.requestor`); default true. */
  readonly requestor?: boolean;
}

/** The application that makes the calls, recorded as `AuditEvent.source`. */
export interface AuditApplication {
  /** Its name, shown in the audit log: `Ward round tablet app`. */
  readonly display: string;
  /** Its identifier, when it has one (a client id, a device id). */
  readonly identifier?: Identifier;
  /** Where it runs (`AuditEvent.source.site`): a hospital, a ward, a cloud. */
  readonly site?: string;
}

/**
 * What `withAudit` (`@chartwell/core/access`) records about every call besides the call itself: who, from which
 * application, and why. Hold no patient data here.
 */
export interface AuditContext {
  readonly agent: AuditAgent;
  readonly application: AuditApplication;
  /**
   * Why the data is accessed (`AuditEvent.purposeOfEvent`), each coding one purpose: v3-ActReason
   * `TREAT`, or {@link BREAK_THE_GLASS} for an emergency override.
   */
  readonly purposeOfUse?: readonly Coding[];
  /**
   * The reason the user stated for the access (a break-the-glass justification). Recorded as the
   * `text` of the first `purposeOfEvent`, so it needs a `purposeOfUse`; the audit log shows it.
   */
  readonly purposeReason?: string;
  /**
   * The patient whose record the user has open (`Patient/<id>` or the id), when the host knows
   * it: named in the event of a call that names no patient itself, such as a denied read of an
   * Observation (the store gives nothing back that says whose it is). Set it only while one
   * patient's record is open.
   */
  readonly patient?: string;
}

/**
 * The audit context, or a function that returns it: called at every store call, so a host can
 * change the signed-in user or start and end a break-the-glass override without rewrapping the store.
 */
export type AuditContextSource = AuditContext | (() => AuditContext);

/** The context in force now. */
export function currentAuditContext(source: AuditContextSource): AuditContext {
  return typeof source === 'function' ? source() : source;
}
