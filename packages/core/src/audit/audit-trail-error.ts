import { UnavailableError } from '../store/errors.js';

/**
 * A store call whose AuditEvent the sink could not record (with `onSinkError: 'fail'`, the
 * default): a read or search gives no data, and a write, which has already been made, reports
 * that it is not in the audit trail. Code `unavailable`; the message names no patient data, and
 * `cause` is the sink's own error.
 */
export class AuditTrailError extends UnavailableError {
  /** Whether the call was a write that the store did make before the audit failed. */
  readonly written: boolean;
  constructor(written: boolean, cause: unknown) {
    super(
      { cause },
      written ? 'The change was saved, but the audit trail could not record it' : 'The audit trail could not record this access, so the data is withheld',
    );
    this.name = 'AuditTrailError';
    this.written = written;
  }
}
