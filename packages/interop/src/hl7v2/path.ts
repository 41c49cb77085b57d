import { Hl7v2Error } from './hl7v2-error.js';

/**
 * A parsed HL7 v2 location such as `PID-5.1`, `OBX[2]-5`, `PID-3[2].4.1`: segment name and
 * occurrence, field, repetition, component and subcomponent, all 1-based.
 */
export interface Hl7v2Path {
  readonly segment: string;
  readonly occurrence: number;
  readonly field: number;
  readonly repetition: number;
  readonly component: number;
  readonly subcomponent: number;
}

const PATH = /^([A-Z][A-Z0-9]{2})(?:\[(\d+)\])?-(\d+)(?:\[(\d+)\])?(?:\.(\d+))?(?:\.(\d+))?$/;

/** Reads a path such as `PID-5.1` or `OBX[2]-5`; throws an {@link Hl7v2Error} (`bad-path`) for anything else. */
export function parseHl7v2Path(path: string): Hl7v2Path {
  const match = PATH.exec(path.trim());
  if (!match) throw new Hl7v2Error('bad-path', `${JSON.stringify(path)} is not an HL7 v2 path like "PID-5.1", "OBX[2]-5" or "PID-3[2].4.1"`);
  const [, segment = '', occurrence, field = '', repetition, component, subcomponent] = match;
  const numbers = { occurrence: Number(occurrence ?? 1), field: Number(field), repetition: Number(repetition ?? 1), component: Number(component ?? 1), subcomponent: Number(subcomponent ?? 1) };
  if (Object.values(numbers).some((n) => n < 1)) throw new Hl7v2Error('bad-path', `${JSON.stringify(path)}: positions start at 1`);
  return { segment, ...numbers };
}
