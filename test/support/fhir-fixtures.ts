// FHIR fixture helpers for the validator tests (packages/fhir/src/validate.*.test.ts) and for
// packages/fhir/scripts/cases-report.ts: listing and loading the example folders, and running the
// conformance cases of test/fixtures/invalid/CASES.json against a validator.
//
// Nothing here imports the validator: callers pass it in, typed by the shape below, so this file
// type-checks on its own.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative, sep } from 'node:path';

/** Absolute path of `test/fixtures/` (with a trailing separator). */
export const fixturesRoot = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** The absolute path of `test/fixtures/<path>`. */
export function fixturePath(path: string): string {
  return join(fixturesRoot, path);
}

/** Every file under `test/fixtures/<folder>/`, recursively, as sorted paths relative to `test/fixtures/` with `/`. */
export function listFixtures(folder: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) found.push(relative(fixturesRoot, full).split(sep).join('/'));
    }
  };
  walk(fixturePath(folder));
  return found.sort();
}

/** A JSON object with a string `resourceType`: what these tests call a resource. */
export type JsonResource = Record<string, unknown> & { resourceType: string };

/** A fixture file read and classified: a FHIR JSON resource, or why it is not one. */
export type LoadedFixture =
  | { kind: 'resource'; path: string; resource: JsonResource }
  | { kind: 'not-json'; path: string; reason: string }
  | { kind: 'not-a-resource'; path: string; reason: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads `test/fixtures/<path>` and says whether it is a FHIR JSON resource. */
export function loadFixture(path: string): LoadedFixture {
  const text = readFileSync(fixturePath(path), 'utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { kind: 'not-json', path, reason: `JSON.parse: ${(error as Error).message}` };
  }
  if (!isObject(value)) return { kind: 'not-a-resource', path, reason: 'not a JSON object' };
  if (typeof value.resourceType !== 'string') return { kind: 'not-a-resource', path, reason: 'no string resourceType' };
  return { kind: 'resource', path, resource: value as JsonResource };
}

// ---------------------------------------------------------------------------------------------
// The validator, as these helpers see it: the `@chartwell/fhir` `validate` contract, structurally.

/** One issue, as `ValidationIssue` of `@chartwell/fhir`. */
export interface IssueLike {
  severity: string;
  code: string;
  path: string;
  message: string;
  /** The constraint's key (`per-1`), for a failed invariant, when the validator gives it. */
  key?: string;
}

/** The parts of `ValidationResult` these helpers read. */
export interface ResultLike {
  valid: boolean;
  issues: readonly IssueLike[];
}

/** `validate` of `@chartwell/fhir`. */
export type Validate = (input: unknown) => ResultLike;

/** The issues of severity `error`. */
export function errorsOf(result: ResultLike): IssueLike[] {
  return result.issues.filter((issue) => issue.severity === 'error');
}

/** The issues of severity `warning`. */
export function warningsOf(result: ResultLike): IssueLike[] {
  return result.issues.filter((issue) => issue.severity === 'warning');
}

/** Whether a result is `valid: true` with no error issue: what an example must give. */
export function passes(result: ResultLike): boolean {
  return result.valid && errorsOf(result).length === 0;
}

const MAX_MESSAGE = 160;

/** One line per issue for a failure message, the first `limit` of them (errors first), messages cut short. */
export function describeIssues(issues: readonly IssueLike[], limit = 3): string[] {
  const ordered = [...issues].sort((a, b) => Number(b.severity === 'error') - Number(a.severity === 'error'));
  const lines = ordered.slice(0, limit).map((issue) => {
    const message = issue.message.length > MAX_MESSAGE ? `${issue.message.slice(0, MAX_MESSAGE)}…` : issue.message;
    return `${issue.severity} ${issue.code} at ${issue.path}: ${message}`;
  });
  if (issues.length > limit) lines.push(`… and ${issues.length - limit} more`);
  return lines;
}

// ---------------------------------------------------------------------------------------------
// FHIRPath-ish issue paths.

/**
 * An issue path in one spelling, so that the Java reference validator's paths and ours compare:
 * - comments are dropped: `Bundle.entry[0].resource/*Composition/null*\/` → `Bundle.entry[0].resource`;
 * - a choice element's `ofType` becomes its JSON name: `Observation.value.ofType(integer)` →
 *   `Observation.valueInteger`, while `ofType` after `resource` or `contained` (which only filters) is dropped;
 * - the JSON name of a primitive's extension element loses its `_`: `Patient._birthDate` → `Patient.birthDate`.
 */
export function normalisePath(path: string): string {
  return path
    .replace(/\/\*.*?\*\//g, '')
    .replace(/\.([A-Za-z][A-Za-z0-9]*)((?:\[\d+\])?)\.ofType\(([A-Za-z][A-Za-z0-9]*)\)/g, (_match, name: string, index: string, type: string) =>
      name === 'resource' || name === 'contained'
        ? `.${name}${index}`
        : `.${name}${type.charAt(0).toUpperCase()}${type.slice(1)}${index}`,
    )
    .replace(/(^|\.)_/g, '$1')
    .trim();
}

/**
 * Whether our issue path `ours` reports the same place as the expected path `expected`: equal after
 * `normalisePath`, or inside it (the reference validator reports some problems at the parent, e.g. an
 * unknown property `Patient.unknownElement` at `Patient`).
 */
export function pathCovers(expected: string, ours: string): boolean {
  const e = normalisePath(expected);
  const o = normalisePath(ours);
  return o === e || o.startsWith(`${e}.`) || o.startsWith(`${e}[`);
}

// ---------------------------------------------------------------------------------------------
// test/fixtures/invalid/CASES.json

/** What a case expects of a validator. */
export type CaseExpectation = 'reject' | 'accept' | 'invariant-satisfied' | 'warn';

/** One entry of `test/fixtures/invalid/CASES.json`. */
export interface ConformanceCase {
  source: string;
  name: string;
  /** Relative to `test/fixtures/invalid/`. */
  file: string;
  fhirVersion?: string;
  expect: CaseExpectation;
  errorCount?: number;
  issueCount?: number;
  errors?: { severity: string; code: string; text: string; expression?: string[] | null }[];
  /** The Java reference validator's OperationOutcome, relative to `test/fixtures/invalid/`. */
  referenceOutcome?: string;
  /** US Core invariant cases: the profile and constraint the resource is made to pass or fail. */
  profile?: string;
  constraint?: { key: string; path: string; severity: string; human: string; expression: string };
  invariantResult?: 'pass' | 'fail';
  validatorOptions?: Record<string, unknown>;
}

const EXPECTATIONS: readonly string[] = ['reject', 'accept', 'invariant-satisfied', 'warn'];

/** The cases of `test/fixtures/invalid/CASES.json`, checked to have the fields the tests read. */
export function loadCases(): ConformanceCase[] {
  const cases = JSON.parse(readFileSync(fixturePath('invalid/CASES.json'), 'utf8')) as unknown;
  if (!Array.isArray(cases)) throw new Error('invalid/CASES.json is not an array');
  for (const item of cases as unknown[]) {
    if (!isObject(item) || typeof item.name !== 'string' || typeof item.file !== 'string' || !EXPECTATIONS.includes(item.expect as string)) {
      throw new Error(`invalid/CASES.json: malformed case ${JSON.stringify(item).slice(0, 200)}`);
    }
  }
  return cases as ConformanceCase[];
}

/**
 * Whether an issue is about the constraint `key`: its `key` is that, or its message names it
 * (`us-core-2` does not name `us-core-22`).
 */
export function isAboutConstraint(issue: IssueLike, key: string): boolean {
  if (issue.key === key) return true;
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^A-Za-z0-9-])${escaped}($|[^A-Za-z0-9-])`).test(issue.message);
}

/** The expected error paths of a case (each `errors[].expression`, once each, in order). */
export function expectedPaths(testCase: ConformanceCase): string[] {
  const paths = (testCase.errors ?? []).flatMap((error) => error.expression ?? []);
  return [...new Set(paths)];
}

/** The text of a case's file. */
export function caseText(testCase: ConformanceCase): string {
  return readFileSync(fixturePath(`invalid/${testCase.file}`), 'utf8');
}

/** Whether a case's file is XML (by name and by content). */
export function isXmlCase(testCase: ConformanceCase): boolean {
  return testCase.file.endsWith('.xml') && caseText(testCase).replace(/^\uFEFF/, '').trimStart().startsWith('<');
}

/** What our validator made of a case. */
export type CaseOutcome =
  /** The file is XML: Chartwell validates FHIR JSON only. */
  | { kind: 'xml' }
  /** JSON.parse threw: rejected before validation (our agreement for malformed JSON). */
  | { kind: 'parse-error'; message: string }
  | { kind: 'validated'; result: ResultLike };

/** `reject`, `warn` or `accept` for what our validator did; `not JSON` when JSON.parse threw; `n/a (XML)`. */
export function outcomeLabel(outcome: CaseOutcome): string {
  if (outcome.kind === 'xml') return 'n/a (XML)';
  if (outcome.kind === 'parse-error') return 'reject (JSON.parse)';
  const { result } = outcome;
  if (!result.valid) return 'reject';
  if (errorsOf(result).length > 0) return 'valid with errors (!)';
  return warningsOf(result).length > 0 ? 'warn' : 'accept';
}

/** Runs one case: XML is not validated, JSON that does not parse is not validated, the rest is. */
export function runCase(testCase: ConformanceCase, validate: Validate): CaseOutcome {
  if (testCase.file.endsWith('.xml')) return { kind: 'xml' };
  let input: unknown;
  try {
    input = JSON.parse(caseText(testCase));
  } catch (error) {
    return { kind: 'parse-error', message: (error as Error).message };
  }
  return { kind: 'validated', result: validate(input) };
}

/** A case compared with what our validator did. */
export interface CaseVerdict {
  testCase: ConformanceCase;
  outcome: CaseOutcome;
  /** `undefined` for XML cases, which are not applicable. */
  agree: boolean | undefined;
  /** Why not, when `agree` is false. */
  reasons: string[];
  expectedPaths: string[];
  /** Our error paths, once each. */
  ourErrorPaths: string[];
  /** Expected paths that none of our error paths covers (see `pathCovers`). */
  missingPaths: string[];
}

/**
 * Compares a case's `expect` with our outcome:
 * - `reject`: `valid: false` (or JSON.parse threw), and each expected error path is covered by one of
 *   our error paths (not checked when JSON.parse threw: there is no resource to have paths in);
 * - `accept`, `invariant-satisfied`: `valid: true` and no error issue;
 * - `warn`: `valid: true`, no error issue, at least one warning.
 *
 * A case that names a constraint (the US Core invariant cases) is about that constraint, so the issue
 * must be its (see `isAboutConstraint`): for `reject` an error, for `warn` a warning, and for
 * `invariant-satisfied` no issue at all about it. Otherwise an unrelated issue would agree by accident:
 * every resource without a narrative gets the dom-6 warning, for one.
 */
export function judgeCase(testCase: ConformanceCase, outcome: CaseOutcome): CaseVerdict {
  const expected = expectedPaths(testCase);
  const verdict: CaseVerdict = {
    testCase,
    outcome,
    agree: undefined,
    reasons: [],
    expectedPaths: expected,
    ourErrorPaths: [],
    missingPaths: [],
  };
  if (outcome.kind === 'xml') return verdict;
  const reasons = verdict.reasons;
  const key = testCase.constraint?.key;
  if (outcome.kind === 'parse-error') {
    if (testCase.expect !== 'reject') reasons.push(`expected ${testCase.expect}, but JSON.parse threw: ${outcome.message}`);
  } else {
    const { result } = outcome;
    const errors = errorsOf(result);
    verdict.ourErrorPaths = [...new Set(errors.map((issue) => issue.path))];
    if (testCase.expect === 'reject') {
      if (result.valid) reasons.push('expected reject, but valid: true');
      verdict.missingPaths = expected.filter((path) => !errors.some((issue) => pathCovers(path, issue.path)));
      if (verdict.missingPaths.length > 0) reasons.push(`no error at ${verdict.missingPaths.join(', ')}`);
      if (key && !result.valid && !errors.some((issue) => isAboutConstraint(issue, key))) {
        reasons.push(`rejected, but no error is about ${key}`);
      }
    } else {
      if (!result.valid) reasons.push(`expected ${testCase.expect}, but valid: false`);
      else if (errors.length > 0) reasons.push(`expected ${testCase.expect}, but valid: true with ${errors.length} error issue(s)`);
      const warnings = warningsOf(result);
      if (testCase.expect === 'warn' && result.valid) {
        if (warnings.length === 0) reasons.push('expected at least one warning, got none');
        else if (key && !warnings.some((issue) => isAboutConstraint(issue, key))) reasons.push(`warnings, but none about ${key}`);
      }
      if (testCase.expect === 'invariant-satisfied' && key) {
        const about = result.issues.find((issue) => isAboutConstraint(issue, key));
        if (about) reasons.push(`${key} is satisfied, but ours reports it (${about.severity} at ${about.path})`);
      }
    }
  }
  verdict.agree = reasons.length === 0;
  return verdict;
}
