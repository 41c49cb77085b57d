import type { Hl7v2Delimiters } from './delimiters.js';
import { EMPTY_FIELD, type Hl7v2Field } from './field.js';
import { parseHl7v2Path } from './path.js';

/**
 * One segment of an HL7 v2 message. `field(n)` uses HL7's 1-based numbering; for MSH,
 * `field(1)` is the field separator and `field(2)` the encoding characters, as in the standard.
 */
export class Hl7v2Segment {
  constructor(
    /** The three-character segment ID, e.g. `PID` or a Z-segment such as `ZPI`. */
    readonly name: string,
    /** The fields, `fields[0]` being field 1. */
    readonly fields: readonly Hl7v2Field[],
    /** 1-based position of the segment in its message. */
    readonly index: number,
  ) {}

  /** Field `position` (1-based); an empty field when the segment is shorter. */
  field(position: number): Hl7v2Field {
    return this.fields[position - 1] ?? EMPTY_FIELD;
  }

  /** The text at a path relative to this segment, such as `5.1` or `3[2].4`; `undefined` when empty. */
  get(path: string): string | undefined {
    const p = parseHl7v2Path(`${this.name}-${path}`);
    return this.field(p.field).repetition(p.repetition).component(p.component).subcomponent(p.subcomponent);
  }
}

/** The header facts of a message, read from MSH. */
export interface Hl7v2Header {
  /** MSH-9.1, e.g. `ADT`. */
  readonly messageType: string;
  /** MSH-9.2, e.g. `A01`; `undefined` for messages without one (ACK in older versions). */
  readonly triggerEvent?: string;
  /** MSH-9.3, e.g. `ADT_A01`. */
  readonly messageStructure?: string;
  /** MSH-10, the message control ID an ACK answers. */
  readonly controlId?: string;
  /** MSH-11.1, `P` (production), `T` (training) or `D` (debugging). */
  readonly processingId?: string;
  /** MSH-12.1, e.g. `2.5.1`. */
  readonly version?: string;
  /** MSH-7.1 as written (`YYYYMMDDHHMMSS±ZZZZ`). */
  readonly dateTime?: string;
}

/**
 * A parsed HL7 v2 message: its delimiters, header and segments in order (Z-segments included).
 *
 * @example
 * const message = parseHl7v2(text);
 * message.header.messageType; // 'ADT'
 * message.get('PID-5.1'); // family name
 * message.segments.filter((s) => s.name === 'OBX').map((obx) => obx.field(5).value);
 */
export class Hl7v2Message {
  constructor(
    readonly delimiters: Hl7v2Delimiters,
    readonly segments: readonly Hl7v2Segment[],
    readonly header: Hl7v2Header,
  ) {}

  /** The `occurrence`-th (1-based) segment named `name`, if there is one. */
  segment(name: string, occurrence = 1): Hl7v2Segment | undefined {
    let seen = 0;
    for (const segment of this.segments) if (segment.name === name && ++seen === occurrence) return segment;
    return undefined;
  }

  /** Every segment named `name`, in order. */
  segmentsNamed(name: string): readonly Hl7v2Segment[] {
    return this.segments.filter((s) => s.name === name);
  }

  /**
   * The text at a path such as `PID-5.1`, `OBX[2]-5` or `PID-3[2].4.1` (segment[occurrence]-field[repetition].component.subcomponent),
   * or `undefined` when that place is empty or absent. Throws for a path that is not one.
   */
  get(path: string): string | undefined {
    const p = parseHl7v2Path(path);
    return this.segment(p.segment, p.occurrence)?.field(p.field).repetition(p.repetition).component(p.component).subcomponent(p.subcomponent);
  }
}
