import { encodeHl7v2 } from './encode.js';
import { Hl7v2Component, Hl7v2Field, Hl7v2Repetition } from './field.js';
import { Hl7v2Message, Hl7v2Segment } from './message.js';
import { parseHl7v2 } from './parse.js';
import { randomUuid } from './platform.js';

/** MSA-1: application accept (AA), error (AE) or reject (AR). */
export type Hl7v2AckCode = 'AA' | 'AE' | 'AR';

/** What to answer a message with. */
export interface Hl7v2AckOutcome {
  readonly code: Hl7v2AckCode;
  /** MSA-3 and, for an error, ERR-8 (the user message). Never put patient data here. */
  readonly text?: string;
  /** For AE/AR: ERR-3, an HL7 table 0357 code; default `207` (application internal error) for AE, `200` (unsupported message type) for AR. */
  readonly errorCode?: string;
  /** For AE/AR: ERR-2, where the problem is, as `SEG^sequence^field` (e.g. `PID^1^3`). */
  readonly errorLocation?: { readonly segment: string; readonly sequence?: number; readonly field?: number };
  /** MSH-10 of the ACK; default a random UUID. */
  readonly controlId?: string;
  /** MSH-7 of the ACK; default now. */
  readonly time?: Date;
}

const ERROR_TEXT: Readonly<Record<string, string>> = {
  '0': 'Message accepted',
  '100': 'Segment sequence error',
  '101': 'Required field missing',
  '102': 'Data type error',
  '103': 'Table value not found',
  '200': 'Unsupported message type',
  '201': 'Unsupported event code',
  '202': 'Unsupported processing id',
  '203': 'Unsupported version id',
  '204': 'Unknown key identifier',
  '205': 'Duplicate key identifier',
  '206': 'Application record locked',
  '207': 'Application internal error',
};

/**
 * Builds the acknowledgement (ACK) of a message, as ER7 text with the message's own
 * delimiters: an MSH whose sending and receiving application and facility are the original's
 * swapped (MSH-3/4 ↔ MSH-5/6), `ACK^<event>^ACK` as type, the original's processing ID and
 * version; an MSA with the code and the original control ID (MSH-10); and, for AE and AR, an
 * ERR with the HL7 error code (table 0357), severity `E` and the location when given.
 *
 * @example
 * hl7v2Ack(parseHl7v2(text), { code: 'AA' });
 * hl7v2Ack(text, { code: 'AE', errorCode: '101', errorLocation: { segment: 'PID', sequence: 1, field: 3 }, text: 'Patient identifier missing' });
 */
export function hl7v2Ack(message: Hl7v2Message | string, outcome: Hl7v2AckOutcome): string {
  const original = typeof message === 'string' ? parseHl7v2(message) : message;
  const msh = original.segment('MSH') as Hl7v2Segment;
  const text = (...components: (string | undefined)[]) => new Hl7v2Field([new Hl7v2Repetition(components.map((c) => new Hl7v2Component([c ?? ''])))]);
  const empty = text();
  const { header } = original;
  const ackMsh = new Hl7v2Segment(
    'MSH',
    [
      msh.field(1),
      msh.field(2),
      msh.field(5),
      msh.field(6),
      msh.field(3),
      msh.field(4),
      text(hl7v2Timestamp(outcome.time ?? new Date())),
      empty,
      text('ACK', header.triggerEvent, 'ACK'),
      text(outcome.controlId ?? randomUuid()),
      msh.field(11),
      msh.field(12),
    ],
    1,
  );
  const msa = new Hl7v2Segment('MSA', [text(outcome.code), text(header.controlId), ...(outcome.text === undefined ? [] : [text(outcome.text)])], 2);
  const segments = [ackMsh, msa];
  if (outcome.code !== 'AA') {
    const code = outcome.errorCode ?? (outcome.code === 'AE' ? '207' : '200');
    const where = outcome.errorLocation;
    const location = where ? text(where.segment, where.sequence?.toString(), where.field?.toString()) : empty;
    const fields = [empty, location, text(code, ERROR_TEXT[code], 'HL70357'), text('E')];
    if (outcome.text !== undefined) fields.push(empty, empty, empty, text(outcome.text));
    segments.push(new Hl7v2Segment('ERR', fields, 3));
  }
  const ack = new Hl7v2Message(original.delimiters, segments, { messageType: 'ACK' });
  return encodeHl7v2(ack);
}

/** A date as an HL7 v2 DTM in UTC: `YYYYMMDDHHMMSS+0000`. */
function hl7v2Timestamp(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace(/[-T:]/g, '')}+0000`;
}
