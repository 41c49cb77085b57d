import { compareDecimals, decimalFromNumber, type CodeableConcept, type ObservationReferenceRange, type Quantity } from '@chartwell/fhir';

/** An interpretation flag (HL7 v3 ObservationInterpretation), as a clinician reads it. */
export interface ResultFlag {
  /** The code: `H`, `L`, `HH`, `LL`, `A`, `AA`, `N`, ... or the recorded code of another system. */
  readonly code: string;
  /** Words, never colour alone: "High", "Critical high", "Abnormal", "Normal". */
  readonly label: string;
  /** Outside normal (anything but `N`): what a view emphasises, with these words. */
  readonly abnormal: boolean;
  /** Critical (`HH`, `LL`, `AA`). */
  readonly critical: boolean;
  /**
   * Whether Chartwell worked it out from the reference range because none was recorded. A derived
   * flag is only ever `H`, `L` or `N`: critical limits are not in a FHIR reference range.
   */
  readonly derived: boolean;
}

const V3 = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';

const LABELS: Readonly<Record<string, { readonly label: string; readonly abnormal: boolean; readonly critical: boolean }>> = {
  H: { label: 'High', abnormal: true, critical: false },
  L: { label: 'Low', abnormal: true, critical: false },
  HH: { label: 'Critical high', abnormal: true, critical: true },
  LL: { label: 'Critical low', abnormal: true, critical: true },
  HU: { label: 'Significantly high', abnormal: true, critical: false },
  LU: { label: 'Significantly low', abnormal: true, critical: false },
  A: { label: 'Abnormal', abnormal: true, critical: false },
  AA: { label: 'Critical abnormal', abnormal: true, critical: true },
  N: { label: 'Normal', abnormal: false, critical: false },
  POS: { label: 'Positive', abnormal: true, critical: false },
  NEG: { label: 'Negative', abnormal: false, critical: false },
  DET: { label: 'Detected', abnormal: true, critical: false },
  ND: { label: 'Not detected', abnormal: false, critical: false },
  '>': { label: 'Off scale high', abnormal: true, critical: false },
  '<': { label: 'Off scale low', abnormal: true, critical: false },
};

/** The flag recorded in `interpretation`: the first v3 code (or first coding) with its words; undefined when none is recorded. */
export function recordedFlag(interpretation: readonly CodeableConcept[] | undefined): ResultFlag | undefined {
  for (const concept of interpretation ?? []) {
    const coding = concept.coding?.find((c) => c.system === V3 && c.code) ?? concept.coding?.find((c) => c.code);
    const code = coding?.code;
    if (code === undefined) {
      if (concept.text) return { code: '', label: concept.text, abnormal: true, critical: false, derived: false };
      continue;
    }
    const known = LABELS[code.toUpperCase()];
    return known !== undefined
      ? { code: code.toUpperCase(), label: known.label, abnormal: known.abnormal, critical: known.critical, derived: false }
      : { code, label: concept.text ?? coding?.display ?? code, abnormal: true, critical: false, derived: false };
  }
  return undefined;
}

/** Whether a range limit is in the value's unit: the same UCUM code, else the same unit text, or no unit on the limit (FHIR: a range is in the value's units). */
function sameUnit(value: Quantity, limit: Quantity): boolean {
  if (limit.code !== undefined && value.code !== undefined) return limit.code === value.code && (limit.system ?? value.system) === (value.system ?? limit.system);
  if (limit.unit !== undefined && value.unit !== undefined) return limit.unit === value.unit;
  return limit.code === undefined && limit.unit === undefined;
}

/** The range that applies to everyone: the first with no `appliesTo` and no `age` (ranges for one sex or age group are not chosen blindly). */
function generalRange(ranges: readonly ObservationReferenceRange[] | undefined): ObservationReferenceRange | undefined {
  return (ranges ?? []).find((r) => (r.appliesTo ?? []).length === 0 && r.age === undefined && (r.low !== undefined || r.high !== undefined));
}

/**
 * The flag a Quantity value gets from its reference range, exactly (Decimal comparison, no floats):
 * below `low` is `L`, above `high` is `H`, within is `N`, each marked `derived`. Undefined when it
 * cannot be told safely: no general range, a limit in another unit, or a value with a comparator
 * (`<5`).
 */
export function flagFromRange(value: Quantity | undefined, ranges: readonly ObservationReferenceRange[] | undefined): ResultFlag | undefined {
  if (value === undefined || typeof value.value !== 'number' || value.comparator !== undefined) return undefined;
  const range = generalRange(ranges);
  if (range === undefined) return undefined;
  const number = decimalFromNumber(value.value);
  if (number === undefined) return undefined;
  const limit = (quantity: Quantity | undefined) => (quantity === undefined || typeof quantity.value !== 'number' || !sameUnit(value, quantity) ? undefined : decimalFromNumber(quantity.value));
  if ((range.low !== undefined && limit(range.low) === undefined) || (range.high !== undefined && limit(range.high) === undefined)) return undefined;
  const low = limit(range.low);
  const high = limit(range.high);
  const derived = (code: 'H' | 'L' | 'N'): ResultFlag => ({ code, ...(LABELS[code] as { label: string; abnormal: boolean; critical: boolean }), derived: true });
  if (low !== undefined && compareDecimals(number, low) < 0) return derived('L');
  if (high !== undefined && compareDecimals(number, high) > 0) return derived('H');
  return derived('N');
}

/** The recorded flag, or else the one derived from the range (marked `derived`). */
export function resultFlag(interpretation: readonly CodeableConcept[] | undefined, value: Quantity | undefined, ranges: readonly ObservationReferenceRange[] | undefined): ResultFlag | undefined {
  return recordedFlag(interpretation) ?? flagFromRange(value, ranges);
}
