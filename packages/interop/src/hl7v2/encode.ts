import { encodeHl7v2Escapes } from './escape.js';
import type { Hl7v2Message, Hl7v2Segment } from './message.js';

/** How {@link encodeHl7v2} writes a message. */
export interface EncodeHl7v2Options {
  /** Between segments; HL7 says `\r` (the default). */
  readonly segmentSeparator?: string;
}

/**
 * Writes a parsed message back as ER7 text with its own delimiters, escaping every value
 * (see {@link encodeHl7v2Escapes}). `parseHl7v2(encodeHl7v2(m))` gives back `m`'s values.
 */
export function encodeHl7v2(message: Hl7v2Message, options: EncodeHl7v2Options = {}): string {
  return message.segments.map((s) => encodeSegment(s, message)).join(options.segmentSeparator ?? '\r');
}

function encodeSegment(segment: Hl7v2Segment, message: Hl7v2Message): string {
  const d = message.delimiters;
  const fields = segment.name === 'MSH' ? segment.fields.slice(2) : segment.fields;
  const encoded = fields.map((field) =>
    field.repetitions
      .map((repetition) => repetition.components.map((component) => component.subcomponents.map((sub) => encodeHl7v2Escapes(sub, d)).join(d.subcomponent)).join(d.component))
      .join(d.repetition),
  );
  if (segment.name === 'MSH') {
    const encoding = d.component + d.repetition + d.escape + d.subcomponent + (d.truncation ?? '');
    return ['MSH', encoding, ...encoded].join(d.field);
  }
  return [segment.name, ...encoded].join(d.field);
}
