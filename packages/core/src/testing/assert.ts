/** A failed conformance check: the message names the store, the case and what differed. */
export class ConformanceFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConformanceFailure';
  }
}

/** What a rejected store call threw, as far as the kit reads it. */
export interface StoreErrorLike {
  readonly code?: unknown;
  readonly message?: unknown;
  readonly resourceType?: unknown;
  readonly id?: unknown;
  readonly path?: unknown;
  readonly issues?: unknown;
}

/** The kit's assertions, bound to one store and one case so that every message names both. */
export interface Check {
  ok(value: unknown, what: string): void;
  equal<T>(actual: T, expected: T, what: string): void;
  deepEqual(actual: unknown, expected: unknown, what: string): void;
  /** Awaits `call`; fails unless it rejects with a store error of that code (or one of those codes). */
  rejects(call: Promise<unknown> | (() => Promise<unknown>), code: string | readonly string[], what: string): Promise<StoreErrorLike>;
  fail(what: string): never;
}

/** A short, stable rendering of a value for a failure message. */
export function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return 'a function';
  if (value instanceof Error) return `${value.name}(${JSON.stringify(value.message)}${'code' in value ? `, code ${JSON.stringify((value as { code: unknown }).code)}` : ''})`;
  try {
    const text = JSON.stringify(value);
    return text.length > 300 ? `${text.slice(0, 300)}…` : text;
  } catch {
    return String(value);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The first place where `actual` and `expected` differ (`.meta.versionId`), or undefined if they are equal as JSON-like data. */
export function firstDifference(actual: unknown, expected: unknown, at = ''): { at: string; actual: unknown; expected: unknown } | undefined {
  if (Object.is(actual, expected)) return undefined;
  if (Array.isArray(expected) || Array.isArray(actual)) {
    if (!Array.isArray(expected) || !Array.isArray(actual)) return { at, actual, expected };
    if (actual.length !== expected.length) return { at: `${at}.length`, actual: actual.length, expected: expected.length };
    for (let i = 0; i < expected.length; i++) {
      const d = firstDifference(actual[i], expected[i], `${at}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (isObject(expected) && isObject(actual)) {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    for (const key of [...keys].sort()) {
      if (expected[key] === undefined && actual[key] === undefined) continue;
      const d = firstDifference(actual[key], expected[key], `${at}.${key}`);
      if (d) return d;
    }
    return undefined;
  }
  return { at, actual, expected };
}

/** Assertions whose messages start with `label` (the store and the case). */
export function createCheck(label: string): Check {
  const fail = (what: string): never => {
    throw new ConformanceFailure(`${label}: ${what}`);
  };
  return {
    fail,
    ok(value, what) {
      if (!value) fail(`${what} (got ${show(value)})`);
    },
    equal(actual, expected, what) {
      if (!Object.is(actual, expected)) fail(`${what}: expected ${show(expected)}, got ${show(actual)}`);
    },
    deepEqual(actual, expected, what) {
      const d = firstDifference(actual, expected);
      if (d) fail(`${what}: differs at ${d.at || 'the top'}: expected ${show(d.expected)}, got ${show(d.actual)}`);
    },
    async rejects(call, code, what) {
      const codes: readonly string[] = typeof code === 'string' ? [code] : code;
      const expected = codes.map((c) => JSON.stringify(c)).join(' or ');
      let result: unknown;
      try {
        result = await (typeof call === 'function' ? call() : call);
      } catch (error) {
        if (!isObject(error)) return fail(`${what}: expected an error with code ${expected}, got ${show(error)}`);
        const err = error as StoreErrorLike;
        if (typeof err.code !== 'string' || !codes.includes(err.code)) {
          fail(`${what}: expected an error with code ${expected}, got ${show(error)}`);
        }
        return err;
      }
      return fail(`${what}: expected a rejection with code ${expected}, but it resolved with ${show(result)}`);
    },
  };
}
