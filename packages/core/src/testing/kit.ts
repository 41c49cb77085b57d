import type { Resource, ResourceType } from '@chartwell/fhir';
import type { ChartChange, ChartStore, SearchQuery, WatchFilter } from '../store/chart-store.js';
import type { Check, StoreErrorLike } from './assert.js';
import { show } from './assert.js';
import { conformanceFixtures } from './fixtures.js';

/**
 * The test functions of the host's runner: node:test's `describe`/`it` and mocha's globals both fit.
 * Test bodies are async and take no argument (no `done` callback).
 */
export interface ConformanceHarness {
  readonly describe: (name: string, fn: () => void) => unknown;
  readonly it: (name: string, fn: () => Promise<void>) => unknown;
  /**
   * Accepted so that a runner's whole set can be passed; the kit does not need them, because each
   * case creates and disposes its own store inside the test.
   */
  readonly beforeEach?: (fn: () => Promise<void>) => unknown;
  /** As `beforeEach`: accepted, not needed. */
  readonly afterEach?: (fn: () => Promise<void>) => unknown;
}

/**
 * What a store declares it cannot promise. The kit does not skip a case for a declaration: it
 * runs every case through the adaptation the declaration describes and names the declaration in
 * the suite's title, so a report shows what was taken as given.
 */
export interface ConformanceCapabilities {
  /**
   * `false` for a store whose versionIds are opaque rather than `'1'`, `'2'`, ... (a FHIR server
   * that gives each version a UUID, as Medplum does). The kit then numbers each resource's versions
   * in the order the store made them and checks through that numbering, and checks that every
   * version gets a new, non-empty versionId. Default `true`.
   */
  readonly sequentialVersionIds?: boolean;
}

/** What the kit runs against and how long it waits. */
export interface ConformanceOptions {
  /** Names the store in the suite's title and in every failure message. */
  readonly name: string;
  /** A new, empty store; called once per case. */
  readonly createStore: () => ChartStore | Promise<ChartStore>;
  /** Closes or deletes a store after its case (database, connection); called even when the case failed. */
  readonly disposeStore?: (store: ChartStore) => void | Promise<void>;
  /** The clock the store stamps `meta.lastUpdated` with (the same function as MemoryStore's `now` option). Default: the system clock. */
  readonly now?: () => Date;
  /** How far `meta.lastUpdated` may lie outside the write call (a server's clock, whole seconds). Default 1000 ms. */
  readonly clockToleranceMs?: number;
  /** How long a watch event may take to arrive after its write resolves. Default 2000 ms. */
  readonly watchTimeoutMs?: number;
  /** How long the kit listens before it concludes that no (further) watch event comes. Default 50 ms. */
  readonly watchQuietMs?: number;
  /** What the store declares it cannot promise (default: everything the contract says). */
  readonly capabilities?: ConformanceCapabilities;
}

/** The options with their defaults applied. */
export interface ResolvedOptions {
  readonly name: string;
  /** The store's clock, in milliseconds since 1970. */
  readonly now: () => number;
  readonly clockToleranceMs: number;
  readonly watchTimeoutMs: number;
  readonly watchQuietMs: number;
}

/** The changes one watcher heard. */
export interface Recorder {
  readonly events: ChartChange[];
  /** Waits until at least `count` events arrived; fails after the watch timeout. */
  waitFor(count: number, what: string): Promise<void>;
  /** Waits the quiet time, then fails if more than `count` events arrived. */
  expectNoMore(count: number, what: string): Promise<void>;
  stop(): void;
}

/** What each case gets: its own fresh store, checks that name the store and the case, and helpers. */
export interface CaseContext {
  readonly store: ChartStore;
  readonly check: Check;
  readonly options: ResolvedOptions;
  /** Writes every fixture resource with `update` (their ids kept), referenced resources first. */
  seed(): Promise<void>;
  watch(filter: WatchFilter, onChange?: (change: ChartChange) => void): Recorder;
}

/** One behavioural case of the kit. */
export interface ConformanceCase {
  readonly name: string;
  readonly run: (context: CaseContext) => Promise<void>;
}

/** A group of cases, run as one `describe`. */
export interface ConformanceSuite {
  readonly name: string;
  readonly cases: readonly ConformanceCase[];
}

const timers = globalThis as unknown as { setTimeout(callback: () => void, ms: number): unknown };

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => timers.setTimeout(resolve, ms));

/** A deep copy (resources are JSON). */
export const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** The id of a fixture or a stored resource; fails loudly if there is none. */
export function idOf(resource: { readonly id?: string | undefined }): string {
  if (resource.id === undefined) throw new Error('conformance kit: a resource without an id');
  return resource.id;
}

export const ids = (resources: readonly { readonly id?: string | undefined }[]): string[] => resources.map(idOf);
/** Ids in code-unit order, the order of unsorted searches. */
export const byId = (list: readonly string[]): string[] => [...list].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** A resource without what the store sets (`id`, `meta.versionId`, `meta.lastUpdated`): to compare what was written with what was stored. */
export function content(resource: unknown): unknown {
  const c = copy(resource) as { id?: unknown; meta?: Record<string, unknown> };
  delete c.id;
  if (c.meta) {
    delete c.meta['versionId'];
    delete c.meta['lastUpdated'];
    if (Object.keys(c.meta).length === 0) delete c.meta;
  }
  return c;
}

/** A copy of a fixture without its id and version, ready to `create`. */
export function fresh<R extends Resource>(resource: R): R {
  const c = copy(resource) as R & { id?: string };
  delete c.id;
  return c;
}

export const versionOf = (resource: { readonly meta?: { readonly versionId?: string | undefined } | undefined }): string | undefined => resource.meta?.versionId;

export const fx = conformanceFixtures;
export const TONY = `Patient/${idOf(fx.patient)}`;
export const CLEMENTE = `Patient/${idOf(fx.otherPatient)}`;

/** Every fixture, referenced resources before the resources that refer to them. */
export const allFixtures: readonly Resource[] = [
  ...fx.organizations,
  ...fx.practitioners,
  fx.patient,
  fx.otherPatient,
  ...fx.encounters,
  ...fx.conditions,
  ...fx.allergyIntolerances,
  ...fx.medicationRequests,
  ...fx.observations,
];

/** Every resource of one search, following `next` through all pages. */
export async function searchAll<K extends ResourceType>(
  context: CaseContext,
  type: K,
  query: SearchQuery<K> = {},
): Promise<{ resources: Resource[]; included: Resource[]; pages: number }> {
  const { store, check } = context;
  const resources: Resource[] = [];
  const included: Resource[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await store.search(type, cursor === undefined ? query : { ...query, _cursor: cursor });
    pages++;
    check.ok(Array.isArray(page), `search ${type} ${show(query)} resolves with an array`);
    check.ok(Array.isArray(page.included), `search ${type} ${show(query)}: the page has an \`included\` array`);
    resources.push(...page);
    included.push(...page.included);
    cursor = page.next;
    if (cursor !== undefined) {
      check.ok(!seen.has(cursor), `search ${type} ${show(query)}: page ${pages} gives a \`next\` cursor already seen (a loop)`);
      seen.add(cursor);
    }
    check.ok(pages < 500, `search ${type} ${show(query)}: more than 500 pages`);
  } while (cursor !== undefined);
  return { resources, included, pages };
}

/** The ids a search finds (all pages), in the order found. */
export async function found<K extends ResourceType>(context: CaseContext, type: K, query: SearchQuery<K> = {}): Promise<string[]> {
  return ids((await searchAll(context, type, query)).resources);
}

/** Checks that a search finds exactly `expected` (any order), naming the query on failure. */
export async function expectFound<K extends ResourceType>(context: CaseContext, type: K, query: SearchQuery<K>, expected: readonly string[]): Promise<void> {
  const got = await found(context, type, query);
  const missing = expected.filter((id) => !got.includes(id));
  const extra = got.filter((id) => !expected.includes(id));
  if (missing.length || extra.length || got.length !== expected.length) {
    context.check.fail(
      `search ${type} ${show(query)}: expected ${expected.length} resources, found ${got.length}` +
        `${missing.length ? `; missing ${show(missing)}` : ''}${extra.length ? `; unexpected ${show(extra)}` : ''}` +
        `${got.length !== new Set(got).size ? '; some found twice' : ''}`,
    );
  }
}

/** Awaits `call` and checks that it rejects with `reason` itself (the signal's reason). */
export async function rejectsWithReason(check: Check, call: () => Promise<unknown>, reason: unknown, what: string): Promise<void> {
  let outcome: { resolved: unknown } | undefined;
  try {
    outcome = { resolved: await call() };
  } catch (error) {
    if (error !== reason) check.fail(`${what}: expected a rejection with the signal's reason ${show(reason)}, got ${show(error)}`);
    return;
  }
  check.fail(`${what}: expected a rejection with the signal's reason, but it resolved with ${show(outcome.resolved)}`);
}

/** Checks that an `invalid` error lists an issue at `path` (or inside it). */
export function expectIssueAt(check: Check, error: StoreErrorLike, path: string, what: string): void {
  const issues = error.issues;
  check.ok(Array.isArray(issues) && issues.length > 0, `${what}: the error lists its issues (\`issues\`), got ${show(issues)}`);
  const paths = (issues as { path?: unknown }[]).map((i) => i.path);
  check.ok(
    paths.some((p) => typeof p === 'string' && (p === path || p.startsWith(`${path}.`) || p.startsWith(`${path}[`))),
    `${what}: an issue names the path ${path}; the issues' paths are ${show(paths)}`,
  );
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const ID = /^[A-Za-z0-9\-.]{1,64}$/;

/** Checks the id, `meta.versionId` and `meta.lastUpdated` a store set on a write that ran between `before` and `after`. */
export function expectStamp(
  context: CaseContext,
  resource: Resource,
  expected: { readonly versionId: string; readonly id?: string; readonly before: number; readonly after: number },
  what: string,
): void {
  const { check, options } = context;
  check.ok(typeof resource.id === 'string' && ID.test(resource.id), `${what}: the store sets a FHIR id, got ${show(resource.id)}`);
  if (expected.id !== undefined) check.equal(resource.id, expected.id, `${what}: id`);
  check.equal(versionOf(resource), expected.versionId, `${what}: meta.versionId`);
  const lastUpdated = resource.meta?.lastUpdated;
  check.ok(typeof lastUpdated === 'string' && INSTANT.test(lastUpdated), `${what}: meta.lastUpdated is a FHIR instant, got ${show(lastUpdated)}`);
  const at = Date.parse(lastUpdated ?? '');
  const slack = options.clockToleranceMs;
  check.ok(
    at >= expected.before - slack && at <= expected.after + slack,
    `${what}: meta.lastUpdated ${String(lastUpdated)} lies within the call (${new Date(expected.before).toISOString()} to ${new Date(expected.after).toISOString()}, ±${slack} ms)`,
  );
}

/** Sets up a watcher that records what it hears (and runs `onChange`, if given, for each change). */
export function recorder(store: ChartStore, check: Check, options: ResolvedOptions, filter: WatchFilter, onChange?: (change: ChartChange) => void): Recorder {
  const events: ChartChange[] = [];
  const stop = store.watch(filter, (change) => {
    events.push(copy(change));
    onChange?.(change);
  });
  check.equal(typeof stop, 'function', `watch(${show(filter)}) returns the function that stops it`);
  return {
    events,
    stop,
    async waitFor(count, what) {
      const until = Date.now() + options.watchTimeoutMs;
      while (events.length < count && Date.now() < until) await sleep(5);
      if (events.length < count) {
        check.fail(`${what}: watch(${show(filter)}) expected ${count} events within ${options.watchTimeoutMs} ms, heard ${events.length}: ${show(events)}`);
      }
    },
    async expectNoMore(count, what) {
      await sleep(options.watchQuietMs);
      if (events.length > count) check.fail(`${what}: watch(${show(filter)}) expected ${count} events, heard ${events.length}: ${show(events)}`);
    },
  };
}

/** The fields of a change the kit compares. */
export const changeOf = (change: ChartChange): Partial<ChartChange> => ({
  kind: change.kind,
  resourceType: change.resourceType,
  id: change.id,
  versionId: change.versionId,
  ...(change.patient !== undefined && { patient: change.patient }),
});
