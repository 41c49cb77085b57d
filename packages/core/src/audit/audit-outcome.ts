import { isChartStoreError } from '../store/errors.js';

/** `AuditEvent.outcome` and `outcomeDesc` of a call. The description names the kind of failure only, never data. */
export interface AuditOutcome {
  /** `0` success, `4` minor failure (denied, not found, cancelled), `8` serious failure (anything else). */
  readonly code: '0' | '4' | '8';
  /** Set for failures: what kind, in fixed words (never the error's message, which may quote data). */
  readonly description?: string;
}

/** The outcome of a call that succeeded. */
export const AUDIT_SUCCESS: AuditOutcome = Object.freeze({ code: '0' });

/**
 * The outcome of a call that threw `error`: `4` when access was denied (`forbidden`), the resource
 * was not found or the caller cancelled the call; `8` for every other failure (invalid input, a
 * conflict, the store unavailable, an unexpected error).
 */
export function auditOutcomeOf(error: unknown, cancelled: boolean): AuditOutcome {
  if (cancelled) return { code: '4', description: 'Cancelled by the caller' };
  if (isChartStoreError(error, 'forbidden')) return { code: '4', description: 'Access denied' };
  if (isChartStoreError(error, 'not-found')) return { code: '4', description: 'Not found' };
  if (isChartStoreError(error, 'conflict')) return { code: '8', description: 'Failed: version conflict' };
  if (isChartStoreError(error, 'invalid')) return { code: '8', description: 'Failed: invalid request' };
  if (isChartStoreError(error, 'unavailable')) return { code: '8', description: 'Failed: store unavailable' };
  return { code: '8', description: 'Failed' };
}
