import { ForbiddenError } from '../store/errors.js';

/**
 * Why access was denied:
 * - `policy`: no rule permits the user's role this action on this type;
 * - `scope`: the user's SMART scopes do not grant it;
 * - `compartment`: a rule permits the type, but not for this patient (not their own record, not their care team);
 * - `security-label`: the resource carries an R, V or sensitive label no permitting rule lists;
 * - `consent`: the patient's Consent withholds it from this user.
 *
 * Only `security-label` and `consent` denials can be overridden by breaking the glass.
 */
export type AccessDenialReason = 'policy' | 'scope' | 'compartment' | 'security-label' | 'consent';

/**
 * The {@link ForbiddenError} that `withAccess` (`@chartwell/core/access`) throws: the message says which rule or
 * reason denied, never what the denied resource holds. `overridable` tells the UI it may offer
 * to break the glass for `patient`.
 */
export class AccessDeniedError extends ForbiddenError {
  readonly reason: AccessDenialReason;
  /** Whether breaking the glass for {@link AccessDeniedError.patient} would lift this denial (a consent or label denial). */
  readonly overridable: boolean;
  /** For an overridable denial: the patient whose record it is (`Patient/123`), to break the glass for. */
  readonly patient?: string;

  constructor(details: { readonly resourceType: string; readonly id?: string; readonly reason: AccessDenialReason; readonly patient?: string }, message: string) {
    super({ resourceType: details.resourceType, ...(details.id !== undefined && { id: details.id }) }, message);
    this.name = 'AccessDeniedError';
    this.reason = details.reason;
    this.overridable = details.reason === 'consent' || details.reason === 'security-label';
    if (this.overridable && details.patient !== undefined) this.patient = details.patient;
  }
}
