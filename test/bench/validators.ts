// The two validators under test, behind one small interface so the harness treats them alike.
import type { AnyResource } from './synthea.js';

/** What one validator says about one resource, for the comparison (not on the timed path). */
export interface Verdict {
  valid: boolean;
  /** Where the errors are, as element paths (`Observation.valueQuantity.code`): schema names, no values. */
  paths: string[];
  /** Set when the validator threw something other than its documented "invalid" signal. */
  crashed?: string;
}

export interface BenchValidator {
  readonly name: string;
  /** The timed path: validates and says only whether the resource is valid. */
  check(resource: AnyResource): boolean;
  /** The untimed path: the same call, with the error locations kept for the disagreement report. */
  verdict(resource: AnyResource): Verdict;
}

/** `Observation.component[3].code` → `Observation.component[n].code`, so paths group across resources. */
export function normalizePath(path: string): string {
  return path.replace(/\[\d+\]/g, '[n]').replace(/\.\d+(?=\.|$)/g, '[n]');
}
