// Validation throughput in this process: every validator over the same resources in the same order,
// warmed up first, then timed rounds that alternate which validator goes first.
import type { BenchValidator, Verdict } from './validators.js';
import { normalizePath } from './validators.js';
import { label, type AnyResource } from './synthea.js';
import { median, need } from './report.js';

const gc = (globalThis as { gc?: () => void }).gc;

/** One pass over `resources`; returns the elapsed milliseconds and how many were valid. */
function pass(validator: BenchValidator, resources: readonly AnyResource[]): { ms: number; valid: number } {
  let valid = 0;
  const start = performance.now();
  for (const resource of resources) {
    if (validator.check(resource)) valid++;
  }
  return { ms: performance.now() - start, valid };
}

export interface ThroughputResult {
  /** Milliseconds per full pass, one per timed round, for each validator by name. */
  roundsMs: Map<string, number[]>;
  /** How many resources each validator called valid (the same in every round, checked). */
  validCount: Map<string, number>;
}

export function measureThroughput(
  validators: readonly BenchValidator[],
  resources: readonly AnyResource[],
  { warmup, rounds }: { warmup: number; rounds: number },
): ThroughputResult {
  const roundsMs = new Map(validators.map((validator) => [validator.name, [] as number[]]));
  const validCount = new Map<string, number>();
  for (let round = 0; round < warmup; round++) {
    for (const validator of validators) validCount.set(validator.name, pass(validator, resources).valid);
  }
  for (let round = 0; round < rounds; round++) {
    // alternate the order so neither validator always runs on the other's garbage or a cooler CPU
    const order = round % 2 === 0 ? validators : [...validators].reverse();
    for (const validator of order) {
      gc?.();
      const { ms, valid } = pass(validator, resources);
      if (valid !== validCount.get(validator.name)) {
        throw new Error(`${validator.name} counted ${valid} valid resources in round ${round}, ${validCount.get(validator.name)} before.`);
      }
      need(roundsMs.get(validator.name), validator.name).push(ms);
    }
  }
  return { roundsMs, validCount };
}

export interface TypeTiming {
  resourceType: string;
  count: number;
  /** Median microseconds per resource of this type, for each validator by name. */
  microsPerResource: Map<string, number>;
}

/**
 * Per resource type: each validator validates all resources of one type, repeated until at least
 * `minCalls` calls, `samples` times (alternating which goes first); the median per resource.
 */
export function measureByType(
  validators: readonly BenchValidator[],
  resources: readonly AnyResource[],
  { samples, minCalls }: { samples: number; minCalls: number },
): TypeTiming[] {
  const byType = new Map<string, AnyResource[]>();
  for (const resource of resources) {
    const group = byType.get(resource.resourceType) ?? [];
    group.push(resource);
    byType.set(resource.resourceType, group);
  }
  const timings: TypeTiming[] = [];
  for (const [resourceType, group] of byType) {
    const repeats = Math.max(1, Math.ceil(minCalls / group.length));
    const perResource = new Map(validators.map((validator) => [validator.name, [] as number[]]));
    for (let sample = 0; sample < samples; sample++) {
      const order = sample % 2 === 0 ? validators : [...validators].reverse();
      for (const validator of order) {
        let ms = 0;
        for (let repeat = 0; repeat < repeats; repeat++) ms += pass(validator, group).ms;
        need(perResource.get(validator.name), validator.name).push((ms * 1000) / (repeats * group.length));
      }
    }
    timings.push({
      resourceType,
      count: group.length,
      microsPerResource: new Map([...perResource].map(([name, values]) => [name, median(values)])),
    });
  }
  return timings;
}

export interface Disagreement {
  label: string;
  /** The validator names that called it valid. */
  validBy: string[];
}

export interface Comparison {
  verdicts: Map<string, Verdict[]>;
  disagreements: Disagreement[];
  /** `Chartwell rejects, Medplum accepts` → normalized error path → count. */
  pathsBySide: Map<string, Map<string, number>>;
  crashes: Map<string, Map<string, number>>;
}

/** Untimed: each validator's verdict on each resource, and where they disagree. */
export function compareVerdicts(validators: readonly BenchValidator[], resources: readonly AnyResource[]): Comparison {
  const verdicts = new Map(validators.map((validator) => [validator.name, resources.map((resource) => validator.verdict(resource))]));
  const disagreements: Disagreement[] = [];
  const pathsBySide = new Map<string, Map<string, number>>();
  const crashes = new Map<string, Map<string, number>>();
  resources.forEach((resource, index) => {
    const these = validators.map((validator) => ({ name: validator.name, verdict: need(need(verdicts.get(validator.name), validator.name)[index], label(resource)) }));
    for (const { name, verdict } of these) {
      if (verdict.crashed) {
        const counts = crashes.get(name) ?? new Map<string, number>();
        counts.set(verdict.crashed, (counts.get(verdict.crashed) ?? 0) + 1);
        crashes.set(name, counts);
      }
    }
    const validBy = these.filter(({ verdict }) => verdict.valid).map(({ name }) => name);
    if (validBy.length === 0 || validBy.length === these.length) return;
    disagreements.push({ label: label(resource), validBy });
    for (const { name, verdict } of these.filter(({ verdict }) => !verdict.valid)) {
      const side = `${name} rejects, ${validBy.join(' and ')} accept${validBy.length === 1 ? 's' : ''}`;
      const counts = pathsBySide.get(side) ?? new Map<string, number>();
      for (const path of new Set(verdict.paths.map(normalizePath))) counts.set(path, (counts.get(path) ?? 0) + 1);
      pathsBySide.set(side, counts);
    }
  });
  return { verdicts, disagreements, pathsBySide, crashes };
}
