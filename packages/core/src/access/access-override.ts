import type { AccessRole } from './access-policy.js';

/** What a user asks for when breaking the glass. */
export interface BreakTheGlassRequest {
  /** The patient whose record to open: `Patient/123` or `123`. */
  readonly patient: string;
  /** Why: the emergency, in the user's words (required, not blank). */
  readonly reason: string;
  /** How long the override lasts, in minutes (default 60, at most the store's `maxOverrideMinutes`). */
  readonly durationMinutes?: number;
}

/**
 * A break-the-glass override, as recorded: who, for which patient, why, and from when until when.
 * Plain JSON, so the audit trail can turn it into an AuditEvent (purposeOfUse BTG).
 */
export interface AccessOverride {
  /** The user's id (`AccessUser.id`). */
  readonly user: string;
  /** The user's FHIR reference, when known (`Practitioner/123`). */
  readonly userReference?: string;
  /** The user's name, when known. */
  readonly userDisplay?: string;
  readonly role: AccessRole;
  /** `Patient/123`. */
  readonly patient: string;
  readonly reason: string;
  /** When it began, an ISO instant. */
  readonly start: string;
  /** When it ends, an ISO instant. */
  readonly end: string;
}
