/**
 * One component of an HL7 v2 field: its subcomponents, decoded (escape sequences replaced).
 * Positions are 1-based, as HL7 counts them; a position past the end reads as empty.
 */
export class Hl7v2Component {
  constructor(readonly subcomponents: readonly string[]) {}

  /** The text of subcomponent `position` (1-based), or `undefined` when it is empty or absent. */
  subcomponent(position: number): string | undefined {
    return present(this.subcomponents[position - 1]);
  }

  /** The text of the first subcomponent, or `undefined` when empty. */
  get value(): string | undefined {
    return this.subcomponent(1);
  }
}

/** One repetition of an HL7 v2 field: its components (1-based). */
export class Hl7v2Repetition {
  constructor(readonly components: readonly Hl7v2Component[]) {}

  /** Component `position` (1-based); an empty component when absent. */
  component(position: number): Hl7v2Component {
    return this.components[position - 1] ?? EMPTY_COMPONENT;
  }

  /** The text of the first subcomponent of the first component, or `undefined` when empty. */
  get value(): string | undefined {
    return this.component(1).value;
  }

  /** Whether every component is empty. */
  get isEmpty(): boolean {
    return this.components.every((c) => c.subcomponents.every((s) => s === ''));
  }
}

/**
 * One field of an HL7 v2 segment, with its repetitions. `component(n)` and `value` read the
 * first repetition, which is what a field that does not repeat has.
 *
 * @example
 * message.segment('PID')?.field(5).component(1).value; // family name
 */
export class Hl7v2Field {
  constructor(readonly repetitions: readonly Hl7v2Repetition[]) {}

  /** Repetition `position` (1-based); an empty repetition when absent. */
  repetition(position: number): Hl7v2Repetition {
    return this.repetitions[position - 1] ?? EMPTY_REPETITION;
  }

  /** Component `position` (1-based) of the first repetition. */
  component(position: number): Hl7v2Component {
    return this.repetition(1).component(position);
  }

  /** The text of the first subcomponent of the first component of the first repetition, or `undefined` when empty. */
  get value(): string | undefined {
    return this.repetition(1).value;
  }

  /** The repetitions that hold something. */
  get nonEmptyRepetitions(): readonly Hl7v2Repetition[] {
    return this.repetitions.filter((r) => !r.isEmpty);
  }

  /** Whether the field holds nothing. */
  get isEmpty(): boolean {
    return this.repetitions.every((r) => r.isEmpty);
  }
}

function present(text: string | undefined): string | undefined {
  return text === undefined || text === '' ? undefined : text;
}

const EMPTY_COMPONENT = new Hl7v2Component([]);
const EMPTY_REPETITION = new Hl7v2Repetition([]);
/** A field with nothing in it, returned for positions past the end of a segment. */
export const EMPTY_FIELD = new Hl7v2Field([]);
