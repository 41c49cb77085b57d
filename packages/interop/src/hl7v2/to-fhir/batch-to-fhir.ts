import type { Bundle } from '@chartwell/fhir';
import { inBatchMessage, parseBatchMessage, splitHl7v2Batch } from '../batch.js';
import type { Hl7v2Error } from '../hl7v2-error.js';
import type { Hl7v2Message } from '../message.js';
import type { Hl7v2ToFhirOptions } from './context.js';
import { hl7v2ToFhir } from './to-fhir.js';

/** What became of one message of a batch: its Bundle, or why it was refused. */
export type Hl7v2BatchOutcome =
  | {
      /** 1-based position of the message in the batch. */
      readonly messageIndex: number;
      /** The parsed message (for `hl7v2Ack`). */
      readonly message: Hl7v2Message;
      /** The message converted, as `hl7v2ToFhir` gives it. */
      readonly bundle: Bundle;
    }
  | {
      readonly messageIndex: number;
      /** The parsed message, when it could be parsed (for `hl7v2Ack`). */
      readonly message?: Hl7v2Message;
      /** Why the message was refused: its message names the message index, segment and field. */
      readonly error: Hl7v2Error;
    };

/**
 * Converts each message of an HL7 v2 batch (`[FHS] {BHS {MSH…} BTS} [FTS]`) with
 * `hl7v2ToFhir`: one outcome per message, in order, each either a Bundle or an error. Each
 * message stands alone (they are separate transactions, and a batch's receiver acknowledges each),
 * so a bad message does not stop the others; and each is all or nothing, never partly converted.
 * A broken envelope (a count in BTS-1 or FTS-1 that does not match, a segment before the first
 * MSH, a missing trailer) throws an `Hl7v2Error` (`bad-batch`) and converts nothing: messages
 * may be missing. Errors that are not `Hl7v2Error`s (bugs) are thrown, not returned.
 *
 * @example
 * import { importBundle } from '@chartwell/core';
 * for (const outcome of hl7v2BatchToFhir(text)) {
 *   if ('bundle' in outcome) await importBundle(store, outcome.bundle);
 *   else console.warn(outcome.error.message); // 'HL7 v2 batch message 2 (from line 14): …'
 * }
 */
export function hl7v2BatchToFhir(text: string, options: Hl7v2ToFhirOptions = {}): Hl7v2BatchOutcome[] {
  const split = splitHl7v2Batch(text);
  return split.messages.map((entry): Hl7v2BatchOutcome => {
    let message: Hl7v2Message | undefined;
    try {
      message = parseBatchMessage(entry);
      return { messageIndex: entry.messageIndex, message, bundle: hl7v2ToFhir(message, options) };
    } catch (caught) {
      const error = message === undefined ? caught : inBatchMessage(caught, entry);
      if (!(error instanceof Error) || error.name !== 'Hl7v2Error') throw error;
      return { messageIndex: entry.messageIndex, ...(message ? { message } : {}), error: error as Hl7v2Error };
    }
  });
}
