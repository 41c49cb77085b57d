import { ForbiddenError, InvalidError, UnavailableError } from '@chartwell/core';
import type { FetchFunction } from '../fhir-http.js';

/** A server's SMART configuration (`[base]/.well-known/smart-configuration`), as far as the app uses it. */
export interface SmartConfiguration {
  readonly authorization_endpoint: string;
  readonly token_endpoint: string;
  readonly issuer?: string;
  readonly scopes_supported?: readonly string[];
  readonly capabilities?: readonly string[];
  readonly code_challenge_methods_supported?: readonly string[];
  readonly grant_types_supported?: readonly string[];
}

const isUrl = (value: unknown): value is string => {
  if (typeof value !== 'string') return false;
  try {
    return ['https:', 'http:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
};

/**
 * Discovers a FHIR server's SMART endpoints from `[base]/.well-known/smart-configuration`
 * (App Launch 2.0). Refuses a configuration without an authorization and a token endpoint, or
 * one that does not offer PKCE with S256 (which 2.0 requires), naming what is missing.
 */
export async function discoverSmartConfiguration(fhirBaseUrl: string, options: { readonly fetch?: FetchFunction } = {}): Promise<SmartConfiguration> {
  const url = `${fhirBaseUrl.replace(/\/+$/, '')}/.well-known/smart-configuration`;
  const doFetch = options.fetch ?? ((input: string, init: RequestInit) => fetch(input, init));
  let response: Response;
  try {
    response = await doFetch(url, { method: 'GET', headers: { accept: 'application/json' } });
  } catch (error) {
    throw new UnavailableError({ cause: error }, `SMART discovery: ${url} cannot be reached`);
  }
  if (response.status === 401 || response.status === 403) throw new ForbiddenError({}, `SMART discovery: ${url} answered HTTP ${response.status}`);
  if (!response.ok) throw new UnavailableError({ cause: { status: response.status } }, `SMART discovery: ${url} answered HTTP ${response.status} (the server may not support SMART on FHIR)`);
  let body: Partial<SmartConfiguration>;
  try {
    body = (await response.json()) as Partial<SmartConfiguration>;
  } catch {
    throw new InvalidError({}, `SMART discovery: ${url} did not answer with JSON`);
  }
  for (const key of ['authorization_endpoint', 'token_endpoint'] as const) {
    if (!isUrl(body[key])) throw new InvalidError({ path: key }, `SMART discovery: the configuration at ${url} has no valid ${key}`);
  }
  if (!body.code_challenge_methods_supported?.includes('S256')) {
    throw new InvalidError({ path: 'code_challenge_methods_supported' }, `SMART discovery: the server at ${url} does not offer PKCE with S256 (code_challenge_methods_supported), which SMART App Launch 2.0 requires`);
  }
  return body as SmartConfiguration;
}
