import { UnavailableError, type AbortSignalLike } from '@chartwell/core';
import type { FhirAuth } from './auth.js';
import { retryAfterMs } from './retry-after.js';
import type { RequestSubject } from './error-from-response.js';

/** The `fetch` a FhirRestStore calls (the global one by default; a test or a host may wrap it). */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

/** How a FhirRestStore retries: bounded, with exponential backoff, honouring `Retry-After`. */
export interface RetryOptions {
  /** Retries after the first attempt (default 3; 0 turns retrying off). */
  readonly retries?: number;
  /** The first backoff, doubled on each retry with jitter (default 250 ms). */
  readonly baseDelayMs?: number;
  /** The longest wait between attempts, `Retry-After` included; a server asking for longer gets an unavailable error (default 10 000 ms). */
  readonly maxDelayMs?: number;
  /** How long one attempt may take before it is abandoned (default 30 000 ms). */
  readonly timeoutMs?: number;
}

/** One HTTP request of the store. */
export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly url: string;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignalLike | undefined;
  /**
   * Whether repeating the request is harmless (GET, PUT, DELETE). A request that is not idempotent
   * (a plain create, a transaction) is retried only when the server certainly did not act on it
   * (429, 503, a refused connection), unless `retryHeaders` make the repeat safe.
   */
  readonly idempotent: boolean;
  /** Headers for the repeats of a non-idempotent request that make it safe (a conditional create's `If-None-Exist`). */
  readonly retryHeaders?: Readonly<Record<string, string>>;
  /**
   * Before repeating after an attempt whose answer was lost: a check of whether that attempt was
   * applied (an update reads the resource back); a result it gives is returned instead of repeating.
   */
  readonly beforeRepeat?: () => Promise<HttpResult | undefined>;
  readonly subject: RequestSubject;
}

/** A response (any status but 429 and 5xx, which are retried and then thrown). */
export interface HttpResult {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
  /** True when an earlier attempt may have reached the server and been applied (its answer was lost): a 412 or 404 may then be the echo of our own write. */
  readonly afterUnknownAttempt: boolean;
}

const RETRY_STATUS = new Set([429, 502, 503, 504]);
/** Statuses after which the server certainly did not apply the request. */
const NOT_APPLIED_STATUS = new Set([429, 503]);

const timers = globalThis as unknown as { setTimeout(callback: () => void, ms: number): unknown; clearTimeout(handle: unknown): void };

function wait(ms: number, signal: AbortSignalLike | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const handle = timers.setTimeout(resolve, ms);
    (signal as AbortSignal | undefined)?.addEventListener?.('abort', () => {
      timers.clearTimeout(handle);
      reject(signal?.reason);
    }, { once: true });
  });
}

/** Whether a fetch failure happened before anything was sent (the connection was refused or the name did not resolve). */
function notSent(error: unknown): boolean {
  const code = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  return code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
}

class AttemptTimeout extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'AttemptTimeout';
  }
}

/** Options of {@link FhirHttp}. */
export interface FhirHttpOptions {
  readonly fetch?: FetchFunction | undefined;
  readonly auth?: FhirAuth | undefined;
  readonly retry?: RetryOptions | undefined;
  /** Random numbers for the backoff jitter (tests pass a fixed one). */
  readonly random?: () => number;
}

/**
 * The HTTP layer of FhirRestStore: JSON in and out, the `Authorization` header, one refresh after a
 * 401, per-attempt timeouts, bounded retries with backoff honouring `Retry-After`, and no blind
 * repeat of a request that is not idempotent. Network failures become UnavailableErrors; other
 * responses are returned for the store to map.
 */
export class FhirHttp {
  private readonly fetch: FetchFunction;
  private readonly auth: FhirAuth | undefined;
  private readonly retries: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly timeoutMs: number;
  private readonly random: () => number;

  constructor(options: FhirHttpOptions) {
    const globalFetch = (globalThis as { fetch?: FetchFunction }).fetch;
    const chosen = options.fetch ?? globalFetch;
    if (chosen === undefined) throw new TypeError('FhirRestStore: no fetch function (pass options.fetch)');
    this.fetch = options.fetch ?? ((input, init) => (globalFetch as FetchFunction)(input, init));
    this.auth = options.auth;
    this.retries = options.retry?.retries ?? 3;
    this.baseDelayMs = options.retry?.baseDelayMs ?? 250;
    this.maxDelayMs = options.retry?.maxDelayMs ?? 10_000;
    this.timeoutMs = options.retry?.timeoutMs ?? 30_000;
    this.random = options.random ?? Math.random;
  }

  private backoff(attempt: number): number {
    const full = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** attempt);
    return Math.round(full / 2 + (full / 2) * this.random());
  }

  /** Sends the request, retrying as its kind allows; resolves with any response but a retried-out 429/5xx. */
  async send(request: HttpRequest): Promise<HttpResult> {
    const { subject } = request;
    const what = `${subject.action} ${subject.resourceType ? `${subject.resourceType}${subject.id ? `/${subject.id}` : ''}` : ''}`.trim();
    let unknownAttempt = false;
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      if (request.signal?.aborted) throw request.signal.reason;
      if (attempt > 0 && unknownAttempt && request.beforeRepeat) {
        const applied = await request.beforeRepeat().catch(() => undefined);
        if (applied !== undefined) return applied;
      }
      const repeatSafe = request.idempotent || request.retryHeaders !== undefined;
      const headers: Record<string, string> = { accept: 'application/fhir+json', ...(request.headers ?? {}), ...(attempt > 0 && unknownAttempt ? (request.retryHeaders ?? {}) : {}) };
      if (request.body !== undefined) headers['content-type'] = 'application/fhir+json';
      const authorization = await this.auth?.authorization();
      if (authorization !== undefined) headers['authorization'] = authorization;

      let response: Response;
      try {
        response = await this.attempt(request, headers);
      } catch (error) {
        if (request.signal?.aborted) throw request.signal.reason;
        const sentNothing = notSent(error);
        if (!sentNothing) unknownAttempt = true;
        const mayRetry = attempt < this.retries && (sentNothing || repeatSafe);
        if (!mayRetry) {
          const reason = error instanceof AttemptTimeout ? error.message : 'the connection failed';
          throw new UnavailableError(
            { ...(subject.resourceType !== undefined && { resourceType: subject.resourceType }), ...(subject.id !== undefined && { id: subject.id }), cause: error },
            !sentNothing && !repeatSafe
              ? `${what}: ${reason}; the server may or may not have applied it (not retried, as repeating it could apply it twice)`
              : `${what}: the FHIR server is unreachable (${reason}${attempt > 0 ? `, after ${attempt + 1} attempts` : ''})`,
          );
        }
        await wait(this.backoff(attempt), request.signal);
        continue;
      }

      const body = await readJson(response);
      if (response.status === 401 && !refreshed && this.auth?.refresh) {
        refreshed = true;
        if (await this.auth.refresh()) {
          attempt--;
          continue;
        }
      }
      if (RETRY_STATUS.has(response.status) || response.status >= 500) {
        const applied = !NOT_APPLIED_STATUS.has(response.status);
        if (applied) unknownAttempt = true;
        const asked = retryAfterMs(response.headers.get('retry-after'));
        const mayRetry = attempt < this.retries && (repeatSafe || !applied) && (asked === undefined || asked <= this.maxDelayMs);
        if (!mayRetry) {
          const why =
            asked !== undefined && asked > this.maxDelayMs
              ? ` and asks to wait ${Math.ceil(asked / 1000)} s, longer than the store waits`
              : attempt > 0
                ? ` after ${attempt + 1} attempts`
                : '';
          throw new UnavailableError(
            { ...(subject.resourceType !== undefined && { resourceType: subject.resourceType }), ...(subject.id !== undefined && { id: subject.id }), cause: { status: response.status, body } },
            applied && !repeatSafe
              ? `${what}: the FHIR server answered HTTP ${response.status}; it may or may not have applied it (not retried, as repeating it could apply it twice)`
              : `${what}: the FHIR server answered HTTP ${response.status}${why}`,
          );
        }
        await wait(asked ?? this.backoff(attempt), request.signal);
        continue;
      }
      return { status: response.status, headers: response.headers, body, afterUnknownAttempt: unknownAttempt };
    }
  }

  private async attempt(request: HttpRequest, headers: Record<string, string>): Promise<Response> {
    const controller = new AbortController();
    const outer = request.signal as AbortSignal | undefined;
    const onAbort = () => controller.abort(outer?.reason);
    outer?.addEventListener?.('abort', onAbort, { once: true });
    let timedOut = false;
    const timer = timers.setTimeout(() => {
      timedOut = true;
      controller.abort(new AttemptTimeout(this.timeoutMs));
    }, this.timeoutMs);
    try {
      const response = await this.fetch(request.url, {
        method: request.method,
        headers,
        ...(request.body !== undefined && { body: JSON.stringify(request.body) }),
        signal: controller.signal,
      });
      // The body is read under the same timeout: a connection dropped mid-body is a failed attempt.
      const text = await response.text();
      return new Response(text === '' || response.status === 204 || response.status === 304 ? null : text, { status: response.status, headers: response.headers });
    } catch (error) {
      if (timedOut) throw new AttemptTimeout(this.timeoutMs);
      throw error;
    } finally {
      timers.clearTimeout(timer);
      outer?.removeEventListener?.('abort', onAbort);
    }
  }
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
