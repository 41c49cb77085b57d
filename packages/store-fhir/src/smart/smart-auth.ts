import { ForbiddenError, InvalidError, UnavailableError } from '@chartwell/core';
import type { FhirAuth } from '../auth.js';
import type { FetchFunction } from '../fhir-http.js';
import { readEhrLaunch } from './ehr-launch.js';
import { base64url } from '../base64url.js';
import { createPkcePair } from './pkce.js';
import { discoverSmartConfiguration, type SmartConfiguration } from './smart-configuration.js';

/** Where the state and PKCE verifier wait between the redirect to the authorisation server and the return (the shape of `sessionStorage`). */
export interface PendingStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Options of a {@link SmartAuth}. */
export interface SmartAuthOptions {
  /** The FHIR base URL (the `iss` of an EHR launch, the `aud` of the authorisation request). */
  readonly fhirBaseUrl: string;
  /** The app's client id, registered with the authorisation server. */
  readonly clientId: string;
  /** The app's registered redirect URI, where the authorisation server sends the browser back. */
  readonly redirectUri: string;
  /** The scopes asked for, space-separated: `launch/patient openid fhirUser patient/*.rs offline_access` (standalone), `launch user/*.cruds` (EHR). */
  readonly scope: string;
  /** The fetch to use (default: the global `fetch`). */
  readonly fetch?: FetchFunction;
  /**
   * Where the state and PKCE verifier wait across the redirect. Default: memory, which is enough
   * when the page survives (a popup, a test); a page that navigates away passes `sessionStorage`.
   * Tokens are never put there: they stay in memory.
   */
  readonly pendingStorage?: PendingStorage;
  /** How long before it expires an access token is refreshed (default 60 000 ms). */
  readonly refreshMarginMs?: number;
  /** The clock (tests). */
  readonly now?: () => number;
}

/** What the authorisation server granted along with the token: the launch context and the scopes. Holds no token. */
export interface SmartLaunchContext {
  /** The patient in context (an id): hand it to the chart provider. */
  readonly patient?: string;
  readonly encounter?: string;
  /** The signed-in user (`Practitioner/123`), when `fhirUser` was asked for. */
  readonly fhirUser?: string;
  /** The scopes granted, space-separated (may be fewer than asked for). */
  readonly scope: string;
  readonly needPatientBanner?: boolean;
  readonly intent?: string;
}

interface Pending {
  readonly verifier: string;
  readonly tokenEndpoint: string;
}

interface TokenResponse {
  readonly access_token?: unknown;
  readonly token_type?: unknown;
  readonly expires_in?: unknown;
  readonly refresh_token?: unknown;
  readonly scope?: unknown;
  readonly patient?: unknown;
  readonly encounter?: unknown;
  readonly id_token?: unknown;
  readonly need_patient_banner?: unknown;
  readonly intent?: unknown;
  readonly error?: unknown;
  readonly error_description?: unknown;
}

class MemoryStorage implements PendingStorage {
  private readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

const PENDING = 'chartwell.smart.pending.';
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** The `fhirUser` claim of an OpenID id_token (read, not verified: it only labels the user; the FHIR server enforces access). */
function fhirUserOf(idToken: unknown): string | undefined {
  const payload = typeof idToken === 'string' ? idToken.split('.')[1] : undefined;
  if (payload === undefined) return undefined;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/')) as string;
    return text((JSON.parse(json) as { fhirUser?: unknown }).fhirUser);
  } catch {
    return undefined;
  }
}

/**
 * SMART App Launch 2.0 for a public client (a browser app): discovery through
 * `.well-known/smart-configuration`, standalone and EHR launch, the authorisation code grant with
 * PKCE (S256), refresh, and the launch context. It is a {@link FhirAuth}: give it to a
 * FhirRestStore, which sends its token and lets it refresh after a 401.
 *
 * Tokens live only in this object's private fields: never in storage, never in a URL, never in an
 * error message or a log, and `JSON.stringify(auth)` leaves them out.
 *
 * @example
 * // Standalone launch: send the browser to the authorisation server...
 * const auth = new SmartAuth({ fhirBaseUrl, clientId, redirectUri, scope: 'launch/patient openid fhirUser patient/*.rs offline_access', pendingStorage: sessionStorage });
 * location.assign(await auth.authorizeUrl());
 * // ...and, back at redirectUri (a new SmartAuth with the same options):
 * const context = await auth.completeAuthorization(location.href);
 * const store = new FhirRestStore({ baseUrl: fhirBaseUrl, auth });
 * // context.patient is the patient to show.
 */
export class SmartAuth implements FhirAuth {
  readonly fhirBaseUrl: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly scope: string;
  private readonly fetch: FetchFunction;
  private readonly pending: PendingStorage;
  private readonly refreshMarginMs: number;
  private readonly now: () => number;
  private configuration: Promise<SmartConfiguration> | undefined;
  #accessToken: string | undefined;
  #refreshToken: string | undefined;
  #expiresAt: number | undefined;
  #tokenEndpoint: string | undefined;
  #context: SmartLaunchContext | undefined;
  #refreshing: Promise<boolean> | undefined;

  constructor(options: SmartAuthOptions) {
    for (const key of ['fhirBaseUrl', 'clientId', 'redirectUri', 'scope'] as const) {
      if (typeof options?.[key] !== 'string' || options[key].trim() === '') throw new TypeError(`SmartAuth: options.${key} is required`);
    }
    this.fhirBaseUrl = options.fhirBaseUrl.replace(/\/+$/, '');
    this.clientId = options.clientId;
    this.redirectUri = options.redirectUri;
    this.scope = options.scope;
    this.fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.pending = options.pendingStorage ?? new MemoryStorage();
    this.refreshMarginMs = options.refreshMarginMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * For an EHR launch: a SmartAuth for the server the EHR names (`iss`) and the launch id to pass
   * to {@link SmartAuth.authorizeUrl}. Ask for the `launch` scope.
   */
  static fromEhrLaunch(launchUrl: string | URL, options: Omit<SmartAuthOptions, 'fhirBaseUrl'>): { readonly auth: SmartAuth; readonly launch: string } {
    const { iss, launch } = readEhrLaunch(launchUrl);
    return { auth: new SmartAuth({ ...options, fhirBaseUrl: iss }), launch };
  }

  /** The server's SMART configuration (discovered once). */
  smartConfiguration(): Promise<SmartConfiguration> {
    this.configuration ??= discoverSmartConfiguration(this.fhirBaseUrl, { fetch: this.fetch }).catch((error: unknown) => {
      this.configuration = undefined;
      throw error;
    });
    return this.configuration;
  }

  /**
   * The URL to send the browser to: the authorisation request with a fresh `state` and PKCE S256
   * challenge (the verifier waits in `pendingStorage`). Pass the EHR's `launch` id for an EHR launch.
   */
  async authorizeUrl(options: { readonly launch?: string } = {}): Promise<string> {
    const configuration = await this.smartConfiguration();
    const pkce = await createPkcePair();
    const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
    const pending: Pending = { verifier: pkce.verifier, tokenEndpoint: configuration.token_endpoint };
    this.pending.setItem(PENDING + state, JSON.stringify(pending));
    const url = new URL(configuration.authorization_endpoint);
    const params: Record<string, string> = {
      response_type: 'code',
      client_id: this.clientId,
      redirect_uri: this.redirectUri,
      scope: this.scope,
      state,
      aud: this.fhirBaseUrl,
      code_challenge: pkce.challenge,
      code_challenge_method: pkce.method,
      ...(options.launch !== undefined && { launch: options.launch }),
    };
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    return url.href;
  }

  /**
   * Completes the authorisation at the redirect URI: checks `state`, exchanges the code (with the
   * PKCE verifier) for tokens, and resolves with the launch context. ForbiddenError when the server
   * refused (the user declined, a bad code or verifier); InvalidError for a callback that is not ours.
   */
  async completeAuthorization(callbackUrl: string | URL): Promise<SmartLaunchContext> {
    const url = new URL(callbackUrl);
    const state = url.searchParams.get('state');
    const stored = state === null ? null : this.pending.getItem(PENDING + state);
    if (state === null || stored === null) throw new InvalidError({ path: 'state' }, 'SMART callback: its state is not one this app sent (a stale or forged redirect)');
    this.pending.removeItem(PENDING + state);
    const error = url.searchParams.get('error');
    if (error !== null) throw new ForbiddenError({}, `SMART authorisation refused: ${error}${url.searchParams.get('error_description') ? ` (${url.searchParams.get('error_description') ?? ''})` : ''}`);
    const code = url.searchParams.get('code');
    if (code === null || code === '') throw new InvalidError({ path: 'code' }, 'SMART callback: no authorisation code');
    const pending = JSON.parse(stored) as Pending;
    const response = await this.tokenRequest(pending.tokenEndpoint, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: this.redirectUri,
      client_id: this.clientId,
      code_verifier: pending.verifier,
    });
    this.#tokenEndpoint = pending.tokenEndpoint;
    this.accept(response);
    return this.#context as SmartLaunchContext;
  }

  /** The launch context of the current authorisation, or undefined before one. */
  get context(): SmartLaunchContext | undefined {
    return this.#context;
  }

  /** Whether there is an access token (it may have expired; a request refreshes it if it can). */
  get authorized(): boolean {
    return this.#accessToken !== undefined;
  }

  /** `Bearer <access token>`, refreshed first when it expires within the margin and a refresh token is held. */
  async authorization(): Promise<string | undefined> {
    if (this.#accessToken !== undefined && this.#expiresAt !== undefined && this.#refreshToken !== undefined && this.now() >= this.#expiresAt - this.refreshMarginMs) {
      await this.refresh();
    }
    return this.#accessToken === undefined ? undefined : `Bearer ${this.#accessToken}`;
  }

  /** Uses the refresh token for a new access token; resolves false when there is none or the server refuses (the app must authorise again). */
  refresh(): Promise<boolean> {
    if (this.#refreshToken === undefined || this.#tokenEndpoint === undefined) return Promise.resolve(false);
    this.#refreshing ??= this.tokenRequest(this.#tokenEndpoint, { grant_type: 'refresh_token', refresh_token: this.#refreshToken, client_id: this.clientId })
      .then((response) => {
        this.accept(response);
        return true;
      })
      .catch(() => {
        this.signOut();
        return false;
      })
      .finally(() => {
        this.#refreshing = undefined;
      });
    return this.#refreshing;
  }

  /** Forgets the tokens and the context. */
  signOut(): void {
    this.#accessToken = undefined;
    this.#refreshToken = undefined;
    this.#expiresAt = undefined;
    this.#context = undefined;
  }

  /** What `JSON.stringify` shows: the configuration and the context, never a token. */
  toJSON(): object {
    return { fhirBaseUrl: this.fhirBaseUrl, clientId: this.clientId, redirectUri: this.redirectUri, scope: this.scope, authorized: this.authorized, context: this.#context };
  }

  private async tokenRequest(endpoint: string, form: Record<string, string>): Promise<TokenResponse> {
    let response: Response;
    try {
      response = await this.fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams(form).toString(),
      });
    } catch (error) {
      throw new UnavailableError({ cause: error }, `SMART token request (${form['grant_type'] ?? ''}): the authorisation server cannot be reached`);
    }
    let body: TokenResponse = {};
    try {
      body = (await response.json()) as TokenResponse;
    } catch {
      // an error page: the status says enough
    }
    if (!response.ok || text(body.access_token) === undefined) {
      const reason = text(body.error) ? `${String(body.error)}${text(body.error_description) ? `: ${String(body.error_description)}` : ''}` : `HTTP ${response.status}`;
      const details = {};
      if (response.status >= 500) throw new UnavailableError(details, `SMART token request (${form['grant_type'] ?? ''}) failed: ${reason}`);
      throw new ForbiddenError(details, `SMART token request (${form['grant_type'] ?? ''}) refused: ${reason}`);
    }
    if (typeof body.token_type === 'string' && body.token_type.toLowerCase() !== 'bearer') {
      throw new ForbiddenError({}, `SMART token response: token_type "${body.token_type}" is not Bearer`);
    }
    return body;
  }

  private accept(response: TokenResponse): void {
    this.#accessToken = text(response.access_token);
    this.#refreshToken = text(response.refresh_token) ?? this.#refreshToken;
    this.#expiresAt = typeof response.expires_in === 'number' ? this.now() + response.expires_in * 1000 : undefined;
    const previous = this.#context;
    const patient = text(response.patient) ?? previous?.patient;
    const encounter = text(response.encounter) ?? previous?.encounter;
    const fhirUser = fhirUserOf(response.id_token) ?? previous?.fhirUser;
    const intent = text(response.intent) ?? previous?.intent;
    const banner = typeof response.need_patient_banner === 'boolean' ? response.need_patient_banner : previous?.needPatientBanner;
    this.#context = {
      scope: text(response.scope) ?? previous?.scope ?? this.scope,
      ...(patient !== undefined && { patient }),
      ...(encounter !== undefined && { encounter }),
      ...(fhirUser !== undefined && { fhirUser }),
      ...(intent !== undefined && { intent }),
      ...(banner !== undefined && { needPatientBanner: banner }),
    };
  }
}
