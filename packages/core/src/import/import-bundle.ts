import { Bundle, createValidator, isResourceTypeName, validate, type Resource, type ResourceType, type ValidationIssue } from '@chartwell/fhir';
import type { ChartStore, TransactionOperation } from '../store/chart-store.js';
import { InvalidError } from '../store/errors.js';
import { matchesConditional, parseConditionalQuery, parseConditionalUrl, StoreLookup, type ConditionalQuery } from './conditional.js';
import { newId, throwIfAborted, type ImportOptions } from './progress.js';

/** One entry of a `batch` Bundle that could not be written: its index in `Bundle.entry`, and why. */
export interface BundleImportFailure {
  readonly index: number;
  readonly error: Error;
}

/** What {@link importBundle} did. */
export interface BundleImportResult {
  /** Resources that did not exist before. */
  readonly created: number;
  /** Resources that existed and got a new version. */
  readonly updated: number;
  readonly deleted: number;
  /** Entries with nothing to write: reads (GET, HEAD), a conditional create that matched, a delete of nothing, a searchset `outcome`, an entry without a resource. */
  readonly skipped: number;
  /** For `batch` Bundles only: the entries that failed (a transaction throws instead). */
  readonly failed: readonly BundleImportFailure[];
  /** Where each entry's `fullUrl` now lives: `urn:uuid:61eb…` → `Patient/4f0c…`. */
  readonly idMap: Map<string, string>;
}

interface RequestLike {
  readonly method?: string;
  readonly url?: string;
  readonly ifNoneExist?: string;
  readonly ifMatch?: string;
}

interface EntryLike {
  readonly fullUrl?: string;
  readonly resource?: Resource;
  readonly request?: RequestLike;
  readonly search?: { readonly mode?: string };
}

interface BundleLike {
  readonly id?: string;
  readonly type: string;
  readonly entry?: readonly EntryLike[];
}

type Plan =
  | { readonly kind: 'write'; readonly index: number; readonly resource: Resource; readonly ifMatch?: string }
  | { readonly kind: 'delete'; readonly index: number; readonly targets: readonly { readonly resourceType: ResourceType; readonly id: string }[] }
  | { readonly kind: 'skip'; readonly index: number; readonly matched?: string }
  | { readonly kind: 'fail'; readonly index: number; readonly error: Error };

const IMPORTABLE = new Set(['transaction', 'batch', 'collection', 'searchset', 'document']);

/** An error about one entry; `entryError` turns it into an InvalidError naming the entry. */
class EntryProblem extends Error {
  constructor(
    message: string,
    readonly path?: string,
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
  }
}

function entryError(index: number, entry: EntryLike | undefined, problem: unknown): Error {
  if (!(problem instanceof EntryProblem)) return problem instanceof Error ? problem : new Error(String(problem));
  const resource = entry?.resource;
  const where = `Bundle.entry[${index}]${entry?.fullUrl ? ` (${entry.fullUrl})` : ''}`;
  return new InvalidError(
    {
      ...(resource && { resourceType: resource.resourceType }),
      ...(resource?.id !== undefined && { id: resource.id }),
      path: `Bundle.entry[${index}]${problem.path ?? ''}`,
    },
    `${where}: ${problem.message}`,
  );
}

/** Where a reference sits in a resource: the object holding it, its path for messages, and the keys leading to it. */
interface ReferenceSite {
  readonly holder: { reference: string };
  readonly path: string;
  readonly segments: readonly (string | number)[];
}

/**
 * The object at `segments` inside `root`, made the resource's own first: each object and array on
 * the way that still belongs to the caller's Bundle is replaced by a shallow copy (remembered in
 * `own`), so rewriting a reference never changes the Bundle the caller passed.
 */
function writableHolder(root: object, segments: readonly (string | number)[], own: WeakSet<object>): { reference: string } {
  let node = root as Record<string | number, unknown>;
  for (const segment of segments) {
    let child = node[segment] as Record<string | number, unknown>;
    if (!own.has(child)) {
      child = (Array.isArray(child) ? [...(child as unknown[])] : { ...child }) as Record<string | number, unknown>;
      own.add(child);
      node[segment] = child;
    }
    node = child;
  }
  return node as unknown as { reference: string };
}

/** Validates Bundles but not the resources in them (each is reported `not-supported`). */
const validateBundleOnly = /*#__PURE__*/ createValidator({ Bundle });

/**
 * The issues of a Bundle itself (its structure, entries, requests and invariants), leaving out
 * its resources, which the store validates as it writes them (so each is validated once).
 */
function bundleIssues(bundle: unknown): readonly ValidationIssue[] | undefined {
  const result = validateBundleOnly.validate(bundle, { resourceType: 'Bundle' });
  if (result.valid) return undefined;
  const issues = result.issues.filter((issue) => !(issue.code === 'not-supported' && issue.path.endsWith('.resourceType')));
  return issues.some((issue) => issue.severity === 'error') ? issues : undefined;
}

function bundleError(bundle: unknown, issues: readonly ValidationIssue[]): InvalidError {
  const id = (bundle as { id?: unknown } | null)?.id;
  return new InvalidError({ resourceType: 'Bundle', ...(typeof id === 'string' && { id }), issues });
}

/** `Type/id` of a request URL (`Patient/123`, `/Patient/123`, `https://base/Patient/123`), or undefined. */
function literalUrl(url: string): { resourceType: ResourceType; id: string } | undefined {
  const match = /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})\/?$/.exec(url);
  if (!match?.[1] || !match[2] || !isResourceTypeName(match[1])) return undefined;
  return { resourceType: match[1], id: match[2] };
}

/** The conditional query of a request URL (`Patient?identifier=…`), or undefined. */
function conditionalUrl(url: string): ConditionalQuery | undefined {
  try {
    return parseConditionalUrl(url.replace(/^\//, ''));
  } catch (error) {
    throw new EntryProblem(`request.url "${url}": ${(error as Error).message}`, '.request.url');
  }
}

/**
 * Imports a FHIR Bundle into a store, validating it first (an InvalidError listing every issue,
 * and nothing written, if it is not valid FHIR R4).
 *
 * - `transaction`: all or nothing, in one `store.transaction`. Every `urn:uuid:` (or other)
 *   `fullUrl` of a created resource gets a new id, assigned here so that every reference to it
 *   anywhere in the Bundle's resources is rewritten to `Type/id` before anything is written.
 *   `request.method` is honoured: POST creates (with `ifNoneExist`: skipped if the store already
 *   has a match, and references to it then point at that match), PUT updates the id in the URL
 *   (or, for `Type?identifier=…`, the one match, or creates when none), DELETE deletes (a delete
 *   of nothing is skipped), GET and HEAD are skipped; PATCH and operations (`$lookup`) are refused.
 *   Any problem throws, and nothing is written.
 * - `batch`: the same, but each entry on its own: a failing entry is listed in `failed`, the
 *   others are still written.
 * - `collection`, `searchset`, `document`: every resource is stored, in one transaction; a
 *   resource whose `fullUrl` is a `urn:uuid:` gets a new id, any other keeps its `id` (update-as-create).
 *
 * Conditional references (`Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|9999…`, as
 * Synthea writes them) are resolved to the one resource with that identifier, looked for in
 * the Bundle first, then in the store; none or several is an InvalidError naming the entry and
 * the reference. The store contract's search has no `identifier` parameter, so a store lookup
 * reads the resources of that type (once per import) and filters them by identifier here: fine for
 * Practitioners, Organizations and Locations, slow for a type with millions of resources.
 * Conditional URLs support `identifier` (`system|value`, `|value`, `value`) and `_id`.
 * A reference to an entry's absolute `fullUrl` (`http://x/fhir/Patient/23`), or the relative
 * `Patient/23` it stands for, follows the entry to its new id; other references are kept as
 * written, and whether they resolve is not checked. Lookups in the store happen before the
 * write: a matching resource another writer adds in between is not seen.
 *
 * `onProgress` hears `{ done, total }` (entries of the Bundle) after each chunk written: once, at
 * the end, for the one transaction; after each entry for a batch.
 *
 * @example
 * import { importBundle, MemoryStore } from '@chartwell/core';
 * const store = new MemoryStore();
 * const result = await importBundle(store, syntheaBundle, {
 *   onProgress: ({ done, total }) => console.log(`${done}/${total}`),
 * });
 * result.created; // 265
 * result.idMap.get('urn:uuid:1d572d5f-8403-44f2-8b5f-b25e841e568c'); // 'Patient/5b0e…'
 */
export async function importBundle(store: ChartStore, bundle: unknown, options: ImportOptions = {}): Promise<BundleImportResult> {
  const { signal, onProgress } = options;
  throwIfAborted(signal);
  // a batch writes each entry on its own, so its resources are validated up front, all together;
  // the others are written in one transaction, whose store validates them before writing any
  const shellIssues = bundleIssues(bundle);
  if (shellIssues) throw bundleError(bundle, shellIssues);
  const { type, entry: entries = [] } = bundle as BundleLike;
  if (type === 'batch') {
    const validation = validate(bundle, { resourceType: 'Bundle' });
    if (!validation.valid) throw bundleError(bundle, validation.issues);
  }
  if (!IMPORTABLE.has(type)) {
    throw new InvalidError({ resourceType: 'Bundle', path: 'Bundle.type' }, `A "${type}" Bundle cannot be imported (only transaction, batch, collection, searchset and document)`);
  }
  const batch = type === 'batch';
  const lookup = new StoreLookup(store, signal === undefined ? {} : { signal });
  const idMap = new Map<string, string>();
  const plans = await planEntries(entries, type, lookup, idMap);
  await rewriteReferences(entries, plans, lookup, idMap, batch);
  const total = entries.length;
  throwIfAborted(signal);

  let created = 0;
  let updated = 0;
  let deleted = 0;
  let skipped = 0;
  const failed: BundleImportFailure[] = [];
  const count = (written: Resource | undefined) => {
    if (written?.meta?.versionId === '1') created++;
    else updated++;
  };

  if (!batch) {
    const operations: TransactionOperation[] = [];
    for (const plan of plans) {
      if (plan.kind === 'write') operations.push({ op: 'update', resource: plan.resource, ...(plan.ifMatch !== undefined && { ifMatch: plan.ifMatch }) });
      else if (plan.kind === 'delete') for (const target of plan.targets) operations.push({ op: 'delete', ...target });
    }
    let results: (Resource | undefined)[] = [];
    try {
      if (operations.length) results = await store.transaction(operations, signal === undefined ? {} : { signal });
    } catch (error) {
      // the store refused an invalid resource (nothing is written): list every issue of the Bundle
      if (error instanceof InvalidError) {
        const validation = validate(bundle, { resourceType: 'Bundle' });
        if (!validation.valid) throw bundleError(bundle, validation.issues);
      }
      throw error;
    }
    operations.forEach((operation, i) => {
      if (operation.op === 'delete') deleted++;
      else count(results[i]);
    });
    skipped = plans.filter((p) => p.kind === 'skip' || (p.kind === 'delete' && p.targets.length === 0)).length;
    onProgress?.({ done: total, total });
    return { created, updated, deleted, skipped, failed, idMap };
  }

  let done = 0;
  for (const plan of plans) {
    throwIfAborted(signal);
    const call = signal === undefined ? {} : { signal };
    try {
      if (plan.kind === 'fail') failed.push({ index: plan.index, error: plan.error });
      else if (plan.kind === 'skip') skipped++;
      else if (plan.kind === 'write') count(await store.update(plan.resource, { ...call, ...(plan.ifMatch !== undefined && { ifMatch: plan.ifMatch }) }));
      else if (plan.targets.length === 0) skipped++;
      else {
        // One transaction per entry, so that a conditional delete of several is still all or nothing.
        await store.transaction(plan.targets.map((t) => ({ op: 'delete' as const, ...t })), call);
        deleted += plan.targets.length;
      }
    } catch (error) {
      if (signal?.aborted) throw error;
      failed.push({ index: plan.index, error: error instanceof Error ? error : new Error(String(error)) });
    }
    onProgress?.({ done: ++done, total });
  }
  // a failed entry's fullUrl leads nowhere
  for (const { index } of failed) {
    const fullUrl = entries[index]?.fullUrl;
    if (fullUrl !== undefined) idMap.delete(fullUrl);
  }
  return { created, updated, deleted, skipped, failed, idMap };
}

/** Pass 1: what each entry does, and the id every created or updated resource will have. */
async function planEntries(entries: readonly EntryLike[], type: string, lookup: StoreLookup, idMap: Map<string, string>): Promise<Plan[]> {
  const plans: Plan[] = [];
  const transactional = type === 'transaction' || type === 'batch';
  for (const [index, entry] of entries.entries()) {
    try {
      const plan = transactional ? await planRequest(index, entry, lookup) : planStore(index, entry);
      plans.push(plan);
      const target = plan.kind === 'write' ? `${plan.resource.resourceType}/${plan.resource.id ?? ''}` : plan.kind === 'skip' ? plan.matched : undefined;
      if (entry.fullUrl && target) idMap.set(entry.fullUrl, target);
    } catch (problem) {
      const error = entryError(index, entry, problem);
      if (type !== 'batch') throw error;
      plans.push({ kind: 'fail', index, error });
    }
  }
  return plans;
}

function planStore(index: number, entry: EntryLike): Plan {
  if (!entry.resource || entry.search?.mode === 'outcome') return { kind: 'skip', index };
  // a shallow copy: what rewriteReferences changes inside it is copied first (see writableHolder)
  const resource = { ...entry.resource };
  const urn = entry.fullUrl?.startsWith('urn:uuid:') || entry.fullUrl?.startsWith('urn:oid:');
  if (urn || !resource.id) resource.id = newId();
  return { kind: 'write', index, resource };
}

async function planRequest(index: number, entry: EntryLike, lookup: StoreLookup): Promise<Plan> {
  const request = entry.request;
  const method = request?.method;
  const url = request?.url ?? '';
  if (!request || !method) throw new EntryProblem('a transaction or batch entry needs a request', '.request');
  if (method === 'GET' || method === 'HEAD') return { kind: 'skip', index };
  if (method === 'PATCH') throw new EntryProblem('PATCH is not supported by import', '.request.method');

  if (method === 'DELETE') {
    const literal = literalUrl(url);
    if (literal) {
      const exists = (await lookup.find({ resourceType: literal.resourceType, criteria: [{ name: '_id', values: [literal.id] }], text: url })).length > 0;
      return { kind: 'delete', index, targets: exists ? [literal] : [] };
    }
    const query = conditionalUrl(url);
    if (!query) throw new EntryProblem(`cannot DELETE "${url}": the URL is neither Type/id nor Type?identifier=…`, '.request.url');
    const ids = await lookup.find(query);
    return { kind: 'delete', index, targets: ids.map((id) => ({ resourceType: query.resourceType, id })) };
  }

  const resource = entry.resource ? { ...entry.resource } : undefined;
  if (!resource) throw new EntryProblem(`a ${method} entry needs a resource`, '.resource');
  const type = resource.resourceType;

  if (method === 'POST') {
    if (url.replace(/^\/|\/$/g, '') !== type) {
      throw new EntryProblem(`POST to "${url}" is not supported by import (only creating a ${type} with POST ${type}; operations such as $lookup are not)`, '.request.url');
    }
    if (request.ifNoneExist) {
      const query = parseIfNoneExist(type, request.ifNoneExist);
      const ids = await lookup.find(query);
      if (ids.length > 1) throw new EntryProblem(`ifNoneExist "${request.ifNoneExist}" matches ${ids.length} ${type} resources in the store`, '.request.ifNoneExist');
      if (ids.length === 1) return { kind: 'skip', index, matched: `${type}/${ids[0] ?? ''}` };
    }
    resource.id = newId();
    return { kind: 'write', index, resource };
  }

  if (method === 'PUT') {
    const literal = literalUrl(url);
    let id: string;
    if (literal) {
      if (literal.resourceType !== type) throw new EntryProblem(`PUT ${url} carries a ${type}`, '.request.url');
      if (resource.id !== undefined && resource.id !== literal.id) throw new EntryProblem(`PUT ${url} carries a resource with id "${resource.id}"`, '.resource.id');
      id = literal.id;
    } else {
      const query = conditionalUrl(url);
      if (!query || query.resourceType !== type) throw new EntryProblem(`cannot PUT "${url}": the URL is neither ${type}/id nor ${type}?identifier=…`, '.request.url');
      const ids = await lookup.find(query);
      if (ids.length > 1) throw new EntryProblem(`the conditional update "${url}" matches ${ids.length} resources in the store`, '.request.url');
      const match = ids[0];
      if (match !== undefined && resource.id !== undefined && resource.id !== match) throw new EntryProblem(`the conditional update "${url}" matches ${type}/${match}, but the resource has id "${resource.id}"`, '.resource.id');
      id = match ?? resource.id ?? newId();
    }
    resource.id = id;
    return { kind: 'write', index, resource, ...(request.ifMatch !== undefined && { ifMatch: request.ifMatch }) };
  }

  throw new EntryProblem(`the request method "${method}" is not supported`, '.request.method');
}

function parseIfNoneExist(type: ResourceType, ifNoneExist: string): ConditionalQuery {
  const query = ifNoneExist.includes('?') ? ifNoneExist.slice(ifNoneExist.indexOf('?') + 1) : ifNoneExist;
  try {
    return parseConditionalQuery(type, query);
  } catch (error) {
    throw new EntryProblem(`ifNoneExist "${ifNoneExist}": ${(error as Error).message}`, '.request.ifNoneExist');
  }
}

/** Pass 2: every reference to an entry's fullUrl, and every conditional reference, becomes `Type/id`. */
async function rewriteReferences(entries: readonly EntryLike[], plans: Plan[], lookup: StoreLookup, idMap: ReadonlyMap<string, string>, batch: boolean): Promise<void> {
  // Relative references to an entry whose absolute fullUrl (`http://x/fhir/Patient/1`) gave it a new id.
  const relative = new Map<string, string | null>();
  for (const [url, target] of idMap) {
    const literal = url.includes('://') ? literalUrl(url) : undefined;
    const old = literal && `${literal.resourceType}/${literal.id}`;
    if (old && old !== target) relative.set(old, relative.has(old) && relative.get(old) !== target ? null : target);
  }
  const written = plans.flatMap((p) => (p.kind === 'write' ? [p.resource] : []));
  const resolved = new Map<string, Promise<string>>();

  const resolveConditional = (reference: string): Promise<string> => {
    let pending = resolved.get(reference);
    if (!pending) {
      pending = (async () => {
        let query: ConditionalQuery | undefined;
        try {
          query = parseConditionalUrl(reference);
        } catch (error) {
          throw new Error(`the conditional reference "${reference}" cannot be resolved: ${(error as Error).message}`, { cause: error });
        }
        if (!query) throw new Error(`the reference "${reference}" is neither a resource nor a conditional reference`);
        const inBundle = [...new Set(written.filter((r) => matchesConditional(r, query)).map((r) => `${r.resourceType}/${r.id ?? ''}`))];
        const targets = inBundle.length ? inBundle : (await lookup.find(query)).map((id) => `${query.resourceType}/${id}`);
        if (targets.length === 1 && targets[0]) return targets[0];
        throw new Error(
          targets.length === 0
            ? `the conditional reference "${reference}" matches no resource in the Bundle or the store`
            : `the conditional reference "${reference}" matches ${targets.length} resources (${targets.slice(0, 3).join(', ')}${targets.length > 3 ? ', …' : ''}); it must match one`,
        );
      })();
      resolved.set(reference, pending);
      pending.catch(() => undefined);
    }
    return pending;
  };

  for (const [i, plan] of plans.entries()) {
    if (plan.kind !== 'write') continue;
    const entry = entries[plan.index];
    try {
      const sites: ReferenceSite[] = [];
      collect(plan.resource, '.resource', sites);
      // the plan's resource is a shallow copy: its own; anything deeper is copied before a change
      const own = new WeakSet<object>([plan.resource]);
      const rewrite = (segments: readonly (string | number)[], reference: string) => {
        writableHolder(plan.resource, segments, own).reference = reference;
      };
      for (const { holder, path, segments } of sites) {
        const reference = holder.reference;
        if (reference.startsWith('#')) continue;
        const mapped = idMap.get(reference) ?? relative.get(reference);
        if (mapped) {
          rewrite(segments, mapped);
        } else if (/^urn:(uuid|oid):/.test(reference)) {
          throw new EntryProblem(`the reference "${reference}" points at no entry of the Bundle`, `${path}.reference`);
        } else if (/^[A-Z][A-Za-z]+\?/.test(reference)) {
          try {
            rewrite(segments, await resolveConditional(reference));
          } catch (error) {
            throw new EntryProblem((error as Error).message, `${path}.reference`, error);
          }
        }
      }
    } catch (problem) {
      const error = entryError(plan.index, entry, problem);
      if (!batch) throw error;
      plans[i] = { kind: 'fail', index: plan.index, error };
    }
  }
}

/** Every object with a string `reference` in `value`, with its path from the entry. */
function collect(value: unknown, path: string, sites: ReferenceSite[], at: (string | number)[] = []): void {
  // the path of a node is only written out where a reference is (the path is for error messages)
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      at.push(i);
      collect(item, path, sites, at);
      at.pop();
    });
  } else if (value && typeof value === 'object') {
    for (const key in value) {
      const item = (value as Record<string, unknown>)[key];
      if (key === 'reference' && typeof item === 'string') {
        sites.push({ holder: value as { reference: string }, path: path + at.map((segment) => (typeof segment === 'number' ? `[${segment}]` : `.${segment}`)).join(''), segments: [...at] });
      } else if (item && typeof item === 'object') {
        at.push(key);
        collect(item, path, sites, at);
        at.pop();
      }
    }
  }
}
