import {
  ConflictError,
  InvalidError,
  NotFoundError,
  UnavailableError,
  isChartStoreError,
  compileSearch,
  searchValues,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  parseIfMatch,
  notifyWatchers,
  parseReferenceSearch,
  queryFingerprint,
  patientOf,
  searchParameterDefinition,
  searchResources,
  validateForWrite,
  type ChangeWatcher,
  type ChartChange,
  type ChartStore,
  type SearchPage,
  type SearchQuery,
  type StoreCallOptions,
  type TransactionOperation,
  type WatchFilter,
  type WriteOptions,
  type StoreInfo,
} from '@chartwell/core';
import { isResourceTypeName, type ExtractResource, type Resource, type ResourceType } from '@chartwell/fhir';
import type { FhirAuth } from './auth.js';
import { ChangePoller } from './change-poller.js';
import { errorFromResponse, type RequestSubject } from './error-from-response.js';
import { FhirHttp, type FetchFunction, type HttpResult, type RetryOptions } from './fhir-http.js';
import { resourceUrl } from './resource-url.js';
import { SubscriptionTrigger, type WebSocketConstructor } from './subscription-trigger.js';
import { decodeServerCursor, encodeServerCursor } from './server-cursor.js';
import { parseCapabilities, UNKNOWN_CAPABILITIES, type ServerCapabilities } from './server-capabilities.js';

/** Options of a {@link FhirRestStore}. */
export interface FhirRestStoreOptions {
  /** The FHIR base URL (`https://fhir.example.org/r4`). */
  readonly baseUrl: string;
  /** What the widgets call this store (default: the server's host name, `fhir.example.org`). */
  readonly label?: string;
  /** Authorisation: a {@link SmartAuth}, {@link bearerToken}, or your own {@link FhirAuth}. None by default. */
  readonly auth?: FhirAuth;
  /** The fetch to use (default: the global `fetch`). */
  readonly fetch?: FetchFunction;
  /** Retries, backoff and timeouts (see {@link RetryOptions}). */
  readonly retry?: RetryOptions;
  /** How often `watch` polls the server for changes made elsewhere, in ms (default 5000; 0 turns polling off: only this store's own writes are heard). */
  readonly pollIntervalMs?: number;
  /** The resource types a watcher without a `resourceType` filter polls (default: the chart's types, {@link DEFAULT_WATCH_TYPES}). */
  readonly watchTypes?: readonly ResourceType[];
  /** How far back the first poll of a type looks, to absorb a clock difference with the server (default 60 000 ms). */
  readonly pollLookBackMs?: number;
  /** The page size the store asks the server for when it gathers search candidates (default 500). */
  readonly serverPageSize?: number;
  /** The most candidates one search may gather from the server before it is refused as too broad (default 10 000). */
  readonly maxSearchCandidates?: number;
  /**
   * How searches run. `'exact'` (the default): the server narrows, the store matches, sorts and
   * pages itself, so the contract holds on any server, at the cost of gathering every candidate on
   * each page. `'server'`: for large servers that implement search faithfully: every parameter, the
   * sort, the page size and `_include` go to the server and the store follows its `next` links (or
   * `_offset`), only re-checking each page against the query, so nothing another patient's is shown
   * even if the server ignores a parameter. Ties in a sort, date edges and paging then follow the
   * server. A query the server cannot run (a parameter it does not declare) runs in `'exact'` mode.
   */
  readonly searchMode?: 'exact' | 'server';
  /**
   * Also listen for changes through FHIR R4 Subscriptions over a websocket, where the server's
   * CapabilityStatement offers one (the `capabilitystatement-websocket` extension): the store
   * creates one Subscription per watched type (`criteria: Type?`, channel `websocket`) while
   * something watches, and polls at once on each `ping`. It writes Subscription resources, so the
   * token needs a scope for them. Default false (polling only).
   */
  readonly subscriptions?: boolean;
  /** The WebSocket constructor for `subscriptions` (default: the global `WebSocket`; in Node 20 pass the `ws` package's). */
  readonly WebSocket?: WebSocketConstructor;
  /** Called when a background poll fails (default: a console warning with the error code only, never data). */
  readonly onPollError?: (error: unknown) => void;
}

/** The resource types watched when a watcher names none: what the chart widgets show. */
export const DEFAULT_WATCH_TYPES: readonly ResourceType[] = [
  'Patient',
  'AllergyIntolerance',
  'Condition',
  'MedicationRequest',
  'MedicationStatement',
  'Observation',
  'DiagnosticReport',
  'Encounter',
  'Procedure',
  'Immunization',
  'Appointment',
  'DocumentReference',
];

type Watcher = ChangeWatcher;

interface BundleEntry {
  readonly resource?: Resource;
  readonly search?: { readonly mode?: string };
  readonly response?: { readonly status?: string; readonly location?: string };
}
interface Bundle {
  readonly resourceType?: unknown;
  readonly entry?: readonly BundleEntry[];
  readonly link?: readonly { readonly relation?: string; readonly url?: string }[];
  readonly total?: number;
}

/** The keys of a query the store filters on itself instead of trusting the server: dates (servers differ on periods and partial dates). */
const CLIENT_ONLY_TYPES = new Set(['date']);
const RESULT_KEYS = new Set(['_sort', '_count', '_cursor', '_include']);

function checkSignal(options: StoreCallOptions | undefined): void {
  if (options?.signal?.aborted) throw options.signal.reason;
}

/** A copy without what the server sets, ready to send. */
function withoutServerFields<R extends Resource>(resource: R, keepId: boolean): R {
  const copy = JSON.parse(JSON.stringify(resource)) as R & { id?: string; meta?: Record<string, unknown> };
  if (!keepId) delete copy.id;
  if (copy.meta) {
    delete copy.meta['versionId'];
    delete copy.meta['lastUpdated'];
    if (Object.keys(copy.meta).length === 0) delete copy.meta;
  }
  return copy;
}

/** Whether two resources have the same content, ignoring what the server sets (`id`, `meta.versionId`, `meta.lastUpdated`) and key order. */
function sameContent(a: Resource, b: Resource): boolean {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : typeof value === 'object' && value !== null
        ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]))
        : value;
  return JSON.stringify(canonical(withoutServerFields(a, false))) === JSON.stringify(canonical(withoutServerFields(b, false)));
}

/** An escaped FHIR search value (`,` `|` `$` `\` inside a value are escaped with `\`; `|` is kept where it separates a token's system and code). */
const escapeValue = (value: string): string => value.replace(/[\\,$]/g, (c) => `\\${c}`);

/**
 * A {@link ChartStore} over any FHIR R4 server's REST API (HAPI, Medplum, cloud FHIR services):
 * Chartwell's scale-out path. The store reads the server's CapabilityStatement once and makes up
 * for what the server lacks, so the contract holds on imperfect servers:
 *
 * - **Validation** happens here, before anything is sent (many servers validate little).
 * - **Search**: the server narrows by the exact-match parameters it declares (tokens, references,
 *   `_id`); the store gathers every page (`Bundle.link` next, else `_offset`), keeps exactly what the
 *   contract's semantics match (dates included), sorts and pages itself, and fetches `_include`d
 *   resources for the page. Cursors are the contract's; a search wider than `maxSearchCandidates` is refused.
 * - **Writes**: create is POST, update PUT with `If-Match: W/"<versionId>"`, delete DELETE (after a
 *   read, which gives the not-found and the stale-`ifMatch` answers servers differ on), transactions
 *   a transaction Bundle. Errors in OperationOutcomes become the contract's error classes.
 * - **Failures**: idempotent requests are retried with backoff (429 and 503 honouring
 *   `Retry-After`); a create is repeated only with `If-None-Exist` on its identifier, so a lost
 *   answer never makes a duplicate; an update whose answer was lost is checked against the server
 *   before a conflict is reported. Network failures are UnavailableErrors.
 * - **Watch** hears this store's own writes at once, and others' creates and updates by polling
 *   `_lastUpdated` (deletions made elsewhere are not seen).
 *
 * @example
 * const store = new FhirRestStore({ baseUrl: 'https://fhir.example.org/r4', auth: smart });
 * const page = await store.search('Observation', { patient: 'Patient/123', code: 'http://loinc.org|29463-7', _sort: '-date' });
 */
export class FhirRestStore implements ChartStore {
  private readonly baseUrl: string;
  /** Its label (the server's host name unless given), and `remote: true`. */
  readonly info: StoreInfo;
  private readonly http: FhirHttp;
  private readonly pollIntervalMs: number;
  private readonly watchTypes: readonly ResourceType[];
  private readonly serverPageSize: number;
  private readonly maxSearchCandidates: number;
  private readonly onPollError: (error: unknown) => void;
  private readonly searchMode: 'exact' | 'server';
  private readonly useSubscriptions: boolean;
  private readonly WebSocket: WebSocketConstructor | undefined;
  private trigger: SubscriptionTrigger | undefined;
  private capabilitiesRequest: Promise<ServerCapabilities> | undefined;
  private readonly watchers = new Set<Watcher>();
  /** The newest version of each resource that watchers have heard of (`Type/id` → versionId). */
  private readonly heard = new Map<string, string>();
  private readonly poller: ChangePoller;

  constructor(options: FhirRestStoreOptions) {
    if (typeof options !== 'object' || options === null) throw new TypeError('FhirRestStore: options with a baseUrl are required');
    resourceUrl(options.baseUrl, 'Patient'); // throws a TypeError naming a bad base URL
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.info = { label: options.label ?? new URL(this.baseUrl).host, remote: true };
    this.http = new FhirHttp({ fetch: options.fetch, auth: options.auth, retry: options.retry });
    this.pollIntervalMs = options.pollIntervalMs ?? 5000;
    this.watchTypes = options.watchTypes ?? DEFAULT_WATCH_TYPES;
    this.serverPageSize = options.serverPageSize ?? 500;
    this.maxSearchCandidates = options.maxSearchCandidates ?? 10_000;
    this.searchMode = options.searchMode ?? 'exact';
    this.useSubscriptions = options.subscriptions ?? false;
    this.WebSocket = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    this.onPollError =
      options.onPollError ??
      ((error) => (globalThis as { console?: { warn(...data: unknown[]): void } }).console?.warn(`FhirRestStore: polling for changes failed (${isChartStoreError(error) ? error.code : 'error'})`));
    this.poller = new ChangePoller(
      {
        types: () => this.polledTypes(),
        changedSince: (type, since) => this.gather(type, new URLSearchParams({ _lastUpdated: `ge${since}`, _sort: '_lastUpdated' }), undefined),
        found: (resource, baseline) => this.foundByPolling(resource, baseline),
        failed: (error) => this.onPollError(error),
      },
      this.pollIntervalMs,
      options.pollLookBackMs ?? 60_000,
    );
  }

  /**
   * What the server declares in its CapabilityStatement (read once, on first use; a server without
   * one gets the most cautious behaviour).
   *
   * @category Server
   */
  capabilities(options?: StoreCallOptions): Promise<ServerCapabilities> {
    this.capabilitiesRequest ??= this.http
      .send({ method: 'GET', url: `${this.baseUrl}/metadata`, idempotent: true, signal: options?.signal, subject: { action: 'read the CapabilityStatement of' } })
      .then((result) => (result.status === 200 ? parseCapabilities(result.body) : UNKNOWN_CAPABILITIES))
      .catch((error: unknown) => {
        this.capabilitiesRequest = undefined;
        throw error;
      });
    return this.capabilitiesRequest;
  }

  private url(type: string, id?: string, subject?: RequestSubject): string {
    try {
      return resourceUrl(this.baseUrl, type, id);
    } catch (error) {
      throw new InvalidError({ resourceType: type, ...(id !== undefined && { id }), path: id !== undefined ? `${type}.id` : 'resourceType' }, `${subject?.action ?? 'Cannot use'} ${type}${id !== undefined ? `/${id}` : ''}: ${(error as Error).message}`);
    }
  }

  private checkType(type: unknown, action: string): asserts type is ResourceType {
    if (typeof type !== 'string' || !isResourceTypeName(type)) throw new InvalidError({ path: 'resourceType' }, `Cannot ${action}: "${String(type)}" is not a FHIR R4 resource type`);
  }

  /**
   * The resource of that type and id; NotFoundError if there is none (`deleted: true` when the server answers 410 Gone).
   *
   * @category Read
   */
  async read<K extends ResourceType>(type: K, id: string, options?: StoreCallOptions): Promise<ExtractResource<K>> {
    checkSignal(options);
    this.checkType(type, 'read');
    const subject = { action: 'read', resourceType: type, id };
    const result = await this.http.send({ method: 'GET', url: this.url(type, id, subject), idempotent: true, signal: options?.signal, subject });
    if (result.status !== 200) throw errorFromResponse(result.status, result.body, subject);
    return this.expectResource(result, type, subject) as ExtractResource<K>;
  }

  private expectResource(result: HttpResult, type: string, subject: RequestSubject): Resource {
    const body = result.body as Resource | undefined;
    if (body?.resourceType !== type) {
      throw new UnavailableError({ resourceType: type, ...(subject.id !== undefined && { id: subject.id }) }, `${subject.action} ${type}${subject.id ? `/${subject.id}` : ''}: the server answered HTTP ${result.status} without the ${type}`);
    }
    return body;
  }

  /**
   * The resources of type `K` that match `query`, one page at a time: in `'exact'` search mode with
   * the contract's semantics whatever the server does, in `'server'` mode as the server pages them
   * (see {@link FhirRestStoreOptions.searchMode}).
   *
   * @category Read
   */
  async search<K extends ResourceType>(type: K, query: SearchQuery<K> = {}, options?: StoreCallOptions): Promise<SearchPage<ExtractResource<K>>> {
    checkSignal(options);
    this.checkType(type, 'search');
    // Bad input is refused before anything is sent: the shared pipeline checks every parameter...
    searchResources([], type, { ...query, _cursor: undefined }, () => undefined);
    const capabilities = await this.capabilities(options);
    if (this.searchMode === 'server' && this.serverRuns(type, query, capabilities)) return this.searchOnServer(type, query, options);
    // ...and, in exact mode, the cursor.
    searchResources([], type, query, () => undefined);
    const candidates = await this.gather(type, this.serverQuery(type, query, capabilities), options);
    const wanted = new Set<string>();
    let page = searchResources(candidates, type, query, (reference) => {
      wanted.add(reference);
      return undefined;
    });
    if (wanted.size > 0) {
      const byReference = await this.fetchReferences([...wanted], options);
      page = searchResources(candidates, type, query, (reference) => byReference.get(reference));
    }
    return page;
  }

  /** Whether the server declares every parameter and sort key of the query (`_id` and `_lastUpdated` are taken as given). */
  private serverRuns(type: string, query: object, capabilities: ServerCapabilities): boolean {
    const declared = capabilities.searchParams.get(type);
    const known = (name: string) => name === '_id' || name === '_lastUpdated' || declared?.has(name) === true;
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined || key === '_count' || key === '_cursor' || key === '_include') continue;
      if (key === '_sort') {
        const keys = (Array.isArray(value) ? value : [value]) as string[];
        if (!keys.every((k) => known(k.replace(/^-/, '')))) return false;
      } else if (!known(key)) return false;
    }
    return true;
  }

  /** A search run by the server: every parameter sent, its page returned (re-checked against the query), its next page as the cursor. */
  private async searchOnServer<K extends ResourceType>(type: K, query: SearchQuery<K>, options: StoreCallOptions | undefined): Promise<SearchPage<ExtractResource<K>>> {
    const subject = { action: 'search', resourceType: type };
    const fingerprint = queryFingerprint(type, query);
    const count = Math.min(query._count ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    let url: string;
    if (query._cursor !== undefined) url = `${this.baseUrl}/${decodeServerCursor(type, query._cursor, fingerprint)}`;
    else {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(query)) {
        if (value === undefined || key === '_cursor' || key === '_count') continue;
        const values = (Array.isArray(value) ? value : [value]) as string[];
        if (key === '_sort') params.set('_sort', values.join(','));
        else if (key === '_include') for (const v of values) params.append('_include', v);
        else if (searchParameterDefinition(type, key)?.type === 'date' || key === '_lastUpdated') for (const v of values) params.append(key, v);
        else if (searchParameterDefinition(type, key)?.type === 'reference') params.set(key, values.map((v) => escapeValue(parseReferenceSearch(v, type, key))).join(','));
        else params.set(key, values.map((v) => v.split('|').map(escapeValue).join('|')).join(','));
      }
      params.set('_count', String(count));
      url = `${this.url(type, undefined, subject)}?${params.toString()}`;
    }
    const result = await this.http.send({ method: 'GET', url, idempotent: true, signal: options?.signal, subject });
    if (result.status !== 200) throw errorFromResponse(result.status, result.body, subject);
    const bundle = result.body as Bundle | undefined;
    if (bundle?.resourceType !== 'Bundle') throw new UnavailableError({ resourceType: type }, `search ${type}: the server did not answer with a Bundle`);
    const { _sort: _s, _count: _c, _cursor: _u, _include: _i, ...filters } = query;
    const matches = compileSearch(type, filters as SearchQuery<K>);
    const page: ExtractResource<K>[] = [];
    const included: Resource[] = [];
    const seen = new Set<string>();
    let matched = 0;
    for (const entry of bundle.entry ?? []) {
      const resource = entry.resource;
      if (resource === undefined || entry.search?.mode === 'outcome') continue;
      if (entry.search?.mode === 'include' || resource.resourceType !== type) {
        const key = `${resource.resourceType}/${resource.id ?? ''}`;
        if (!seen.has(key)) included.push(resource);
        seen.add(key);
        continue;
      }
      matched++;
      if (matches(resource)) page.push(resource as ExtractResource<K>);
    }
    // What the server did not include (not every server does `_include`) is fetched here.
    const missing = new Set<string>();
    for (const key of (query._include === undefined ? [] : Array.isArray(query._include) ? query._include : [query._include]) as string[]) {
      const param = key.split(':')[1] ?? '';
      for (const resource of page) {
        const values = searchValues(resource, type, param);
        if (values?.kind !== 'reference') continue;
        for (const reference of values.values) if (!seen.has(reference)) missing.add(reference);
      }
    }
    if (missing.size > 0) {
      const fetched = await this.fetchReferences([...missing], options);
      for (const reference of missing) {
        const resource = fetched.get(reference);
        if (resource !== undefined) included.push(resource);
      }
    }
    let next: string | undefined;
    const link = bundle.link?.find((l) => l.relation === 'next')?.url;
    const root = `${this.baseUrl}/`;
    if (link !== undefined) {
      const absolute = new URL(link, root).href;
      if (!absolute.startsWith(root)) throw new UnavailableError({ resourceType: type }, `search ${type}: the server's next link leaves its base URL; not followed`);
      next = absolute.slice(root.length);
    } else if (matched >= count) {
      // No next link after a full page: page on by _offset (as Medplum's router does), unless the total says this was the last.
      const here = new URL(url);
      const offset = Number(here.searchParams.get('_offset') ?? '0') + matched;
      if (bundle.total === undefined || offset < bundle.total) {
        here.searchParams.set('_offset', String(offset));
        next = here.href.slice(root.length);
      }
    }
    return Object.assign(page, { included, ...(next !== undefined && { next: encodeServerCursor(fingerprint, next) }) });
  }

  /** The parameters the server can be trusted to narrow by: those it declares, that match exactly (tokens, references, `_id`). */
  private serverQuery(type: string, query: object, capabilities: ServerCapabilities): URLSearchParams {
    const params = new URLSearchParams();
    const declared = capabilities.searchParams.get(type);
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined || RESULT_KEYS.has(key) || key === '_lastUpdated') continue;
      const values = (Array.isArray(value) ? value : [value]) as string[];
      if (key === '_id') {
        params.set('_id', values.map(escapeValue).join(','));
        continue;
      }
      const definition = searchParameterDefinition(type, key);
      if (!definition || CLIENT_ONLY_TYPES.has(definition.type) || !declared?.has(key)) continue;
      if (definition.type === 'token') {
        // `|code` (no system) is read differently by servers: filter it here only.
        if (values.some((v) => v.startsWith('|'))) continue;
        params.set(key, values.map((v) => v.split('|').map(escapeValue).join('|')).join(','));
      } else if (definition.type === 'reference') {
        params.set(key, values.map((v) => escapeValue(parseReferenceSearch(v, type, key))).join(','));
      }
    }
    return params;
  }

  /** Every resource the server finds for `params` (all pages: `next` links, else `_offset`), search matches only. */
  private async gather(type: string, params: URLSearchParams, options: StoreCallOptions | undefined): Promise<Resource[]> {
    const subject = { action: 'search', resourceType: type };
    const first = new URLSearchParams(params);
    first.set('_count', String(this.serverPageSize));
    let url: string | undefined = `${this.url(type, undefined, subject)}?${first.toString()}`;
    const found: Resource[] = [];
    const ids = new Set<string>();
    let offset = 0;
    while (url !== undefined) {
      checkSignal(options);
      const result = await this.http.send({ method: 'GET', url, idempotent: true, signal: options?.signal, subject });
      if (result.status !== 200) throw errorFromResponse(result.status, result.body, subject);
      const bundle = result.body as Bundle | undefined;
      if (bundle?.resourceType !== 'Bundle') throw new UnavailableError({ resourceType: type }, `search ${type}: the server did not answer with a Bundle`);
      let added = 0;
      for (const entry of bundle.entry ?? []) {
        const resource = entry.resource;
        if (resource?.resourceType !== type || entry.search?.mode === 'include' || entry.search?.mode === 'outcome') continue;
        const key = resource.id ?? '';
        if (ids.has(key)) continue;
        ids.add(key);
        found.push(resource);
        added++;
      }
      if (found.length > this.maxSearchCandidates) {
        throw new InvalidError({ resourceType: type }, `search ${type}: more than ${this.maxSearchCandidates} candidates on the server; narrow the search (patient, code, status) or raise maxSearchCandidates`);
      }
      const next = bundle.link?.find((l) => l.relation === 'next')?.url;
      if (next !== undefined) {
        if (new URL(next, this.baseUrl).origin !== new URL(this.baseUrl).origin) {
          throw new UnavailableError({ resourceType: type }, `search ${type}: the server's next link leaves its origin; not followed`);
        }
        url = new URL(next, this.baseUrl).href;
      } else if (added > 0 && (bundle.total !== undefined ? found.length < bundle.total : (bundle.entry?.length ?? 0) >= this.serverPageSize)) {
        // No next link, but the total (or a full page) says there is more: the server pages by
        // offset (as Medplum's router does). The offset counts what came, in case the server cut the page size.
        offset += bundle.entry?.length ?? 0;
        const more = new URLSearchParams(first);
        more.set('_offset', String(offset));
        url = `${this.url(type, undefined, subject)}?${more.toString()}`;
      } else url = undefined;
    }
    return found;
  }

  /** The resources at `Type/id` references, fetched by `_id` searches per type (missing ones are left out). */
  private async fetchReferences(references: readonly string[], options: StoreCallOptions | undefined): Promise<Map<string, Resource>> {
    const byType = new Map<string, string[]>();
    for (const reference of references) {
      const [type, id, extra] = reference.split('/');
      if (type === undefined || id === undefined || extra !== undefined || !isResourceTypeName(type)) continue;
      byType.set(type, [...(byType.get(type) ?? []), id]);
    }
    const found = new Map<string, Resource>();
    for (const [type, ids] of byType) {
      for (let i = 0; i < ids.length; i += 50) {
        const chunk = ids.slice(i, i + 50);
        for (const resource of await this.gather(type, new URLSearchParams({ _id: chunk.map(escapeValue).join(',') }), options)) {
          found.set(`${type}/${resource.id ?? ''}`, resource);
        }
      }
    }
    return found;
  }

  /**
   * Stores a new resource under an id the server gives (any id given is dropped). Validated first.
   * When the resource has an identifier with a system, a repeat after a lost answer is conditional
   * (`If-None-Exist: identifier=…&_lastUpdated=ge…`), so it cannot store a duplicate; without one,
   * a create whose answer was lost is not repeated and fails with an UnavailableError that says so.
   *
   * @category Write
   */
  async create<R extends Resource>(resource: R, options?: StoreCallOptions): Promise<R> {
    checkSignal(options);
    if (typeof resource !== 'object' || resource === null) throw new InvalidError({}, `Cannot create: expected a FHIR resource, not ${JSON.stringify(resource)}`);
    const body = withoutServerFields(resource, false);
    validateForWrite(body);
    const type = body.resourceType;
    const subject = { action: 'create', resourceType: type };
    const capabilities = await this.capabilities(options);
    const retryHeaders = this.conditionalCreateHeaders(body, capabilities);
    const result = await this.http.send({ method: 'POST', url: this.url(type, undefined, subject), body, idempotent: false, ...(retryHeaders && { retryHeaders }), signal: options?.signal, subject });
    if (result.status !== 201 && result.status !== 200) throw errorFromResponse(result.status, result.body, subject);
    const stored = await this.storedFrom(result, type, subject, options);
    this.notify([{ kind: 'create', resource: stored }]);
    return stored as R;
  }

  /** `If-None-Exist` for a safe repeat of a create: the first identifier with a system, written since just before the first attempt. */
  private conditionalCreateHeaders(resource: Resource, capabilities: ServerCapabilities): Record<string, string> | undefined {
    if (capabilities.known && !capabilities.conditionalCreate.has(resource.resourceType)) return undefined;
    const identifiers = (resource as { identifier?: unknown }).identifier;
    const list = Array.isArray(identifiers) ? identifiers : identifiers ? [identifiers] : [];
    const first = (list as { system?: unknown; value?: unknown }[]).find((i) => typeof i.system === 'string' && typeof i.value === 'string');
    if (!first) return undefined;
    const since = new Date(Date.now() - 60_000).toISOString();
    const condition = new URLSearchParams({ identifier: `${escapeValue(first.system as string)}|${escapeValue(first.value as string)}`, _lastUpdated: `ge${since}` });
    return { 'if-none-exist': condition.toString() };
  }

  /** The resource a write stored: the response body, or (for a server that answers without one) a read of its Location. */
  private async storedFrom(result: HttpResult, type: string, subject: RequestSubject, options: StoreCallOptions | undefined): Promise<Resource> {
    const body = result.body as Resource | undefined;
    if (body?.resourceType === type) return body;
    const location = result.headers.get('location') ?? result.headers.get('content-location');
    const match = location ? /([A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?\/?$/.exec(location) : null;
    if (match?.[1] === type && match[2]) return this.read(type as ResourceType, match[2], options);
    throw new UnavailableError({ resourceType: type }, `${subject.action} ${type}: the server answered HTTP ${result.status} with neither the resource nor its Location`);
  }

  /**
   * Stores a new version of the resource with that id (PUT; update-as-create where the server allows it).
   * With `ifMatch`, the server checks the version (`If-Match: W/"<versionId>"`): ConflictError if it moved on.
   *
   * @category Write
   */
  async update<R extends Resource>(resource: R, options?: WriteOptions): Promise<R> {
    checkSignal(options);
    if (typeof resource !== 'object' || resource === null) throw new InvalidError({}, `Cannot update: expected a FHIR resource, not ${JSON.stringify(resource)}`);
    const type = resource.resourceType;
    if (typeof resource.id !== 'string' || resource.id === '') {
      throw new InvalidError({ ...(typeof type === 'string' && { resourceType: type }), path: `${String(type)}.id` }, `Cannot update ${String(type)} without an id`);
    }
    const id = resource.id;
    const body = withoutServerFields(resource, true);
    validateForWrite(body);
    const ifMatch = options?.ifMatch === undefined ? undefined : parseIfMatch(options.ifMatch);
    const subject = { action: 'update', resourceType: type, id };
    const result = await this.http.send({
      method: 'PUT',
      url: this.url(type, id, subject),
      body,
      idempotent: true,
      ...(ifMatch !== undefined && { headers: { 'if-match': `W/"${ifMatch}"` } }),
      // An attempt whose answer was lost may have stored exactly this: then it is ours, and repeating it would add a version.
      beforeRepeat: async () => {
        const current = await this.http.send({ method: 'GET', url: this.url(type, id, subject), idempotent: true, signal: options?.signal, subject: { ...subject, action: 'update (check)' } });
        const stored = current.body as Resource | undefined;
        return current.status === 200 && stored?.resourceType === type && sameContent(stored, body) ? { ...current, status: 200, afterUnknownAttempt: true } : undefined;
      },
      signal: options?.signal,
      subject,
    });
    if (result.status === 200 || result.status === 201) {
      const stored = await this.storedFrom(result, type, subject, options);
      this.notify([{ kind: result.status === 201 || stored.meta?.versionId === '1' ? 'create' : 'update', resource: stored }]);
      return stored as R;
    }
    if ((result.status === 412 || result.status === 409) && result.afterUnknownAttempt) {
      // An earlier attempt whose answer was lost may have stored exactly this: then it is ours, not a conflict.
      const current = await this.read(type, id, options).catch(() => undefined);
      if (current !== undefined && sameContent(current, body)) {
        this.notify([{ kind: 'update', resource: current }]);
        return current as R;
      }
    }
    const error = errorFromResponse(result.status, result.body, subject);
    if (error instanceof ConflictError && ifMatch !== undefined) {
      throw new ConflictError({ resourceType: type, id }, `${type}/${id} has changed since version ${ifMatch} was read (HTTP ${result.status})`);
    }
    throw error;
  }

  /**
   * Deletes the resource; NotFoundError if there is none, ConflictError for a stale `ifMatch`.
   * The store reads the resource first (servers differ on deleting what is not there, and not all
   * check `If-Match` on delete), then sends DELETE with `If-Match` when one was given.
   *
   * @category Write
   */
  async delete(type: ResourceType, id: string, options?: WriteOptions): Promise<void> {
    checkSignal(options);
    this.checkType(type, 'delete');
    const ifMatch = options?.ifMatch === undefined ? undefined : parseIfMatch(options.ifMatch);
    const current = await this.read(type, id, options);
    this.checkVersion(current, ifMatch);
    const subject = { action: 'delete', resourceType: type, id };
    const result = await this.http.send({
      method: 'DELETE',
      url: this.url(type, id, subject),
      idempotent: true,
      ...(ifMatch !== undefined && { headers: { 'if-match': `W/"${ifMatch}"` } }),
      signal: options?.signal,
      subject,
    });
    const gone = (result.status === 404 || result.status === 410) && result.afterUnknownAttempt;
    if (!(result.status >= 200 && result.status < 300) && !gone) throw errorFromResponse(result.status, result.body, subject);
    this.notify([{ kind: 'delete', resource: current }]);
  }

  private checkVersion(current: Resource, ifMatch: string | undefined): void {
    const versionId = current.meta?.versionId;
    if (ifMatch !== undefined && versionId !== ifMatch) {
      throw new ConflictError({ resourceType: current.resourceType, id: current.id ?? '', ...(versionId !== undefined && { currentVersionId: versionId }) });
    }
  }

  /**
   * Runs the operations as one FHIR transaction Bundle: all or nothing, on the server. Every
   * resource is validated and every delete's target read (not-found, stale `ifMatch`) before the
   * Bundle is sent. A transaction is never repeated after a lost answer. A server whose
   * CapabilityStatement does not offer transactions gets none: UnavailableError.
   *
   * @category Write
   */
  async transaction(operations: readonly TransactionOperation[], options?: StoreCallOptions): Promise<(Resource | undefined)[]> {
    checkSignal(options);
    if (!Array.isArray(operations)) throw new InvalidError({}, 'A transaction takes an array of operations');
    if (operations.length === 0) return [];
    const entries: object[] = [];
    const deleted = new Map<number, Resource>();
    for (const [index, operation] of operations.entries()) {
      switch (operation?.op) {
        case 'create': {
          if (typeof operation.resource !== 'object' || operation.resource === null) throw new InvalidError({}, `Transaction operation ${index}: expected a FHIR resource`);
          const body = validateForWrite(withoutServerFields(operation.resource, false));
          entries.push({ fullUrl: `urn:uuid:${(globalThis as unknown as { crypto: { randomUUID(): string } }).crypto.randomUUID()}`, resource: body, request: { method: 'POST', url: body.resourceType } });
          break;
        }
        case 'update': {
          const resource = operation.resource;
          if (typeof resource !== 'object' || resource === null || typeof resource.id !== 'string' || resource.id === '') {
            throw new InvalidError({ ...(typeof resource?.resourceType === 'string' && { resourceType: resource.resourceType }), path: `${String(resource?.resourceType)}.id` }, `Transaction operation ${index}: cannot update without an id`);
          }
          const body = validateForWrite(withoutServerFields(resource, true));
          const ifMatch = operation.ifMatch === undefined ? undefined : parseIfMatch(operation.ifMatch);
          this.url(body.resourceType, resource.id);
          entries.push({ resource: body, request: { method: 'PUT', url: `${body.resourceType}/${resource.id}`, ...(ifMatch !== undefined && { ifMatch: `W/"${ifMatch}"` }) } });
          break;
        }
        case 'delete': {
          this.checkType(operation.resourceType, 'delete');
          const ifMatch = operation.ifMatch === undefined ? undefined : parseIfMatch(operation.ifMatch);
          this.url(operation.resourceType, operation.id);
          entries.push({ request: { method: 'DELETE', url: `${operation.resourceType}/${operation.id}`, ...(ifMatch !== undefined && { ifMatch: `W/"${ifMatch}"` }) } });
          break;
        }
        default:
          throw new InvalidError({}, `Unknown transaction operation ${JSON.stringify((operation as { op?: unknown } | undefined)?.op)} (expected create, update or delete)`);
      }
    }
    for (const [index, operation] of operations.entries()) {
      if (operation.op !== 'delete') continue;
      const current = await this.read(operation.resourceType, operation.id, options);
      this.checkVersion(current, operation.ifMatch === undefined ? undefined : parseIfMatch(operation.ifMatch));
      deleted.set(index, current);
    }
    const capabilities = await this.capabilities(options);
    if (!capabilities.transaction) throw new UnavailableError({}, 'transaction: the FHIR server does not offer transactions (its CapabilityStatement lists no transaction interaction), so none can be all or nothing');
    const subject = { action: 'transaction on' };
    const result = await this.http.send({ method: 'POST', url: this.baseUrl, body: { resourceType: 'Bundle', type: 'transaction', entry: entries }, idempotent: false, signal: options?.signal, subject });
    if (result.status !== 200) throw errorFromResponse(result.status, result.body, subject);
    const bundle = result.body as Bundle | undefined;
    const responses = bundle?.entry ?? [];
    if (bundle?.resourceType !== 'Bundle' || responses.length !== operations.length) {
      throw new UnavailableError({}, `transaction: the server answered with ${responses.length} entries for ${operations.length} operations`);
    }
    const results: (Resource | undefined)[] = [];
    const changes: { kind: ChartChange['kind']; resource: Resource }[] = [];
    for (const [index, operation] of operations.entries()) {
      const entry = responses[index] as BundleEntry;
      if (operation.op === 'delete') {
        results.push(undefined);
        changes.push({ kind: 'delete', resource: deleted.get(index) as Resource });
        continue;
      }
      const type = operation.resource.resourceType;
      const returned = entry.resource;
      const stored = returned !== undefined && returned.resourceType === type ? returned : await this.storedFrom({ status: 200, headers: new Headers(entry.response?.location ? { location: entry.response.location } : {}), body: undefined, afterUnknownAttempt: false }, type, { action: 'transaction: read back' }, options);
      results.push(stored);
      const created = operation.op === 'create' || entry.response?.status?.startsWith('201') === true || stored.meta?.versionId === '1';
      changes.push({ kind: created ? 'create' : 'update', resource: stored });
    }
    this.notify(changes);
    return results;
  }

  /**
   * Every version of the resource, newest first (`_history`, every page); NotFoundError if the server has none.
   *
   * @category Read
   */
  async history<K extends ResourceType>(type: K, id: string, options?: StoreCallOptions): Promise<ExtractResource<K>[]> {
    checkSignal(options);
    this.checkType(type, 'read the history of');
    const subject = { action: 'read the history of', resourceType: type, id };
    let url: string | undefined = `${this.url(type, id, subject)}/_history?_count=${this.serverPageSize}`;
    const versions: Resource[] = [];
    while (url !== undefined) {
      const result = await this.http.send({ method: 'GET', url, idempotent: true, signal: options?.signal, subject });
      if (result.status !== 200) throw errorFromResponse(result.status, result.body, subject);
      const bundle = result.body as Bundle | undefined;
      for (const entry of bundle?.entry ?? []) if (entry.resource?.resourceType === type) versions.push(entry.resource);
      const next = bundle?.link?.find((l) => l.relation === 'next')?.url;
      url = next !== undefined && new URL(next, this.baseUrl).origin === new URL(this.baseUrl).origin ? new URL(next, this.baseUrl).href : undefined;
    }
    if (versions.length === 0) throw new NotFoundError({ resourceType: type, id });
    return versions as ExtractResource<K>[];
  }

  /**
   * Calls `listener` after each committed change that `filter` matches: at once (in a microtask)
   * for this store's own writes, and within `pollIntervalMs` for creates and updates made
   * elsewhere, found by polling `_lastUpdated`. Deletions made elsewhere are not heard. Returns the
   * function that stops it; polling stops with the last watcher.
   *
   * @category Watch
   */
  watch(filter: WatchFilter, listener: (change: ChartChange) => void): () => void {
    const watcher: Watcher = { filter, listener };
    this.watchers.add(watcher);
    if (this.pollIntervalMs > 0 || this.useSubscriptions) this.poller.start();
    if (this.useSubscriptions) void this.subscribe();
    return () => {
      if (!this.watchers.delete(watcher) || this.watchers.size > 0) return;
      this.poller.stop();
      void this.unsubscribeAll();
    };
  }

  /** Sets up (or extends to new types) the websocket Subscriptions, where the server offers them. */
  private async subscribe(): Promise<void> {
    try {
      const { websocketUrl } = await this.capabilities();
      if (websocketUrl === undefined || this.WebSocket === undefined || this.watchers.size === 0) return;
      this.trigger ??= new SubscriptionTrigger(websocketUrl, this.WebSocket, {
        subscribe: async (type) => {
          const subject = { action: 'create the Subscription for', resourceType: 'Subscription' };
          const body = { resourceType: 'Subscription', status: 'requested', reason: 'Chartwell watch', criteria: `${type}?`, channel: { type: 'websocket' } };
          const result = await this.http.send({ method: 'POST', url: this.url('Subscription', undefined, subject), body, idempotent: false, subject });
          const id = (result.body as { id?: unknown } | undefined)?.id;
          if ((result.status !== 201 && result.status !== 200) || typeof id !== 'string') throw errorFromResponse(result.status, result.body, subject);
          return id;
        },
        unsubscribe: async (id) => {
          const subject = { action: 'delete', resourceType: 'Subscription', id };
          await this.http.send({ method: 'DELETE', url: this.url('Subscription', id, subject), idempotent: true, subject });
        },
        changed: () => void this.poller.pollNow(),
        failed: (error) => this.onPollError(error),
      });
      this.trigger.sync(this.polledTypes());
    } catch (error) {
      this.onPollError(error);
    }
  }

  private async unsubscribeAll(): Promise<void> {
    const trigger = this.trigger;
    this.trigger = undefined;
    await trigger?.stop();
  }

  /**
   * Resolves when the websocket Subscriptions of the current watchers are bound (at once without
   * `subscriptions`): after it, changes on the server are announced.
   *
   * @category Watch
   */
  async subscriptionsReady(): Promise<void> {
    if (!this.useSubscriptions || this.watchers.size === 0) return;
    await this.subscribe();
    await this.trigger?.ready();
  }

  /**
   * Polls the server for changes at once (instead of waiting for the interval) and resolves when
   * the listeners have been called; a host may call it when it knows the record changed elsewhere.
   *
   * @category Watch
   */
  async pollChanges(): Promise<void> {
    if (this.watchers.size === 0) return;
    await this.poller.pollNow();
    await Promise.resolve();
  }

  /**
   * Stops polling, deletes the Subscriptions it made and forgets every watcher (call it when the store is no longer used).
   *
   * @category Watch
   */
  async close(): Promise<void> {
    this.watchers.clear();
    this.poller.stop();
    await this.unsubscribeAll();
  }

  private polledTypes(): ResourceType[] {
    const types = new Set<ResourceType>();
    for (const { filter } of this.watchers) {
      const wanted = filter.resourceType === undefined ? this.watchTypes : typeof filter.resourceType === 'string' ? [filter.resourceType] : filter.resourceType;
      for (const type of wanted) types.add(type as ResourceType);
    }
    return [...types];
  }

  private foundByPolling(resource: Resource, baseline: boolean): void {
    const key = `${resource.resourceType}/${resource.id ?? ''}`;
    const versionId = resource.meta?.versionId ?? resource.meta?.lastUpdated ?? '';
    const previous = this.heard.get(key);
    if (previous === versionId) return;
    if (baseline) {
      this.heard.set(key, versionId);
      return;
    }
    this.notify([{ kind: previous === undefined && (versionId === '1' || resource.meta?.versionId === undefined) ? 'create' : 'update', resource }]);
  }

  private notify(writes: readonly { readonly kind: ChartChange['kind']; readonly resource: Resource }[]): void {
    const changes: ChartChange[] = [];
    for (const { kind, resource } of writes) {
      const id = resource.id ?? '';
      const versionId = resource.meta?.versionId ?? '';
      const key = `${resource.resourceType}/${id}`;
      if (kind !== 'delete' && this.heard.get(key) === versionId) continue;
      this.heard.set(key, kind === 'delete' ? `deleted:${versionId}` : versionId);
      const patient = patientOf(resource);
      changes.push({ kind, resourceType: resource.resourceType, id, versionId, ...(patient !== undefined && { patient }) });
    }
    notifyWatchers(this.watchers, changes, 'FhirRestStore');
  }
}
