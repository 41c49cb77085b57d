/** Why an HL7 v2 message could not be read or converted. */
export type Hl7v2ErrorCode = 'empty' | 'no-msh' | 'bad-delimiters' | 'bad-segment' | 'missing-field' | 'batch' | 'unsupported-message' | 'bad-path' | 'invalid-output' | 'bad-batch';

/**
 * A malformed or unsupported HL7 v2 message. `segmentIndex` (1-based, counting the message's
 * segments) and `field` (e.g. `MSH-9`) say where, when the problem is in one place; in a batch,
 * `messageIndex` (1-based) says which message.
 */
export class Hl7v2Error extends Error {
  override readonly name = 'Hl7v2Error';

  constructor(
    readonly code: Hl7v2ErrorCode,
    message: string,
    readonly segmentIndex?: number,
    readonly field?: string,
    readonly messageIndex?: number,
  ) {
    super(message);
  }
}
