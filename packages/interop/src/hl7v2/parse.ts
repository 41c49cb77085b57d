import { readDelimiters, type Hl7v2Delimiters } from './delimiters.js';
import { decodeHl7v2Escapes } from './escape.js';
import { Hl7v2Component, Hl7v2Field, Hl7v2Repetition } from './field.js';
import { Hl7v2Error } from './hl7v2-error.js';
import { Hl7v2Message, Hl7v2Segment, type Hl7v2Header } from './message.js';

const SEGMENT_NAME = /^[A-Z][A-Z0-9]{2}$/;

/**
 * Parses one HL7 v2 message (ER7, the pipe-and-hat encoding). The delimiters come from MSH-1
 * and MSH-2, so any set works; segments may end with CR, LF or CRLF; escape sequences are
 * decoded; repetitions, components and subcomponents are kept; unknown and Z-segments stay in
 * place. Throws an {@link Hl7v2Error} naming the segment and field for an empty text, a text
 * that does not start with MSH, bad delimiters, a malformed segment ID, a missing MSH-9, or a
 * batch (more than one MSH).
 *
 * @example
 * const message = parseHl7v2('MSH|^~\\&|LAB||EHR||20240101||ORU^R01|42|P|2.5.1\rPID|1||123^^^HOSP^MR||Doe^Jane');
 * message.header.messageType; // 'ORU'
 * message.get('PID-5.2'); // 'Jane'
 */
export function parseHl7v2(text: string): Hl7v2Message {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .filter((line) => line.trim() !== '');
  const first = lines[0];
  if (first === undefined) throw new Hl7v2Error('empty', 'The HL7 v2 message is empty');
  const msh = first.trimStart();
  if (!msh.startsWith('MSH')) {
    const name = msh.slice(0, 3);
    const found = name === 'FHS' || name === 'BHS' ? `found ${name}, a batch header: split the batch into its messages first` : SEGMENT_NAME.test(name) ? `found ${name}` : 'found no segment ID';
    throw new Hl7v2Error('no-msh', `HL7 v2 segment 1 must be MSH, ${found}`, 1);
  }
  const delimiters = readDelimiters(msh);
  const segments = [msh, ...lines.slice(1)].map((line, i) => parseSegment(line, i + 1, delimiters));
  const second = segments.slice(1).find((s) => s.name === 'MSH');
  if (second) throw new Hl7v2Error('batch', `HL7 v2 segment ${second.index} is a second MSH: this is a batch of messages, parse each message on its own`, second.index, 'MSH');
  return new Hl7v2Message(delimiters, segments, readHeader(segments[0] as Hl7v2Segment));
}

/** One segment line; MSH, FHS and BHS keep field 1 (the separator) and field 2 (the encoding characters) as written. Internal. */
export function parseSegment(line: string, index: number, d: Hl7v2Delimiters): Hl7v2Segment {
  const parts = line.split(d.field);
  const name = parts[0] ?? '';
  if (!SEGMENT_NAME.test(name)) {
    // the text is not quoted: a broken line may be the middle of a name or an address
    throw new Hl7v2Error('bad-segment', `HL7 v2 segment ${index} does not start with a segment ID (three capital letters or digits, then the field separator)`, index);
  }
  if (name === 'MSH' || name === 'FHS' || name === 'BHS') {
    // MSH-1 is the field separator itself and MSH-2 the encoding characters, neither split nor decoded
    const literal = (text: string) => new Hl7v2Field([new Hl7v2Repetition([new Hl7v2Component([text])])]);
    return new Hl7v2Segment(name, [literal(d.field), literal(parts[1] ?? ''), ...parts.slice(2).map((f) => parseField(f, d))], index);
  }
  return new Hl7v2Segment(name, parts.slice(1).map((f) => parseField(f, d)), index);
}

function parseField(text: string, d: Hl7v2Delimiters): Hl7v2Field {
  return new Hl7v2Field(
    text.split(d.repetition).map(
      (repetition) =>
        new Hl7v2Repetition(repetition.split(d.component).map((component) => new Hl7v2Component(component.split(d.subcomponent).map((sub) => decodeHl7v2Escapes(sub, d))))),
    ),
  );
}

function readHeader(msh: Hl7v2Segment): Hl7v2Header {
  const type = msh.field(9);
  const messageType = type.component(1).value;
  if (messageType === undefined) throw new Hl7v2Error('missing-field', 'HL7 v2 segment 1 (MSH), field MSH-9: the message type is missing', 1, 'MSH-9');
  const header: { -readonly [K in keyof Hl7v2Header]: Hl7v2Header[K] } = { messageType };
  const optional = {
    triggerEvent: type.component(2).value,
    messageStructure: type.component(3).value,
    controlId: msh.field(10).value,
    processingId: msh.field(11).value,
    version: msh.field(12).value,
    dateTime: msh.field(7).value,
  };
  for (const [key, value] of Object.entries(optional) as [keyof typeof optional, string | undefined][]) if (value !== undefined) header[key] = value;
  return header;
}
