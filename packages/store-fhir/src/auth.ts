/**
 * How a FhirRestStore authorises its requests: it asks for the `Authorization` header before each
 * request and, after a 401, lets the provider refresh once before the request is tried again.
 * {@link SmartAuth} implements it for SMART on FHIR; {@link bearerToken} for a fixed token.
 * A provider must never log or expose its tokens.
 */
export interface FhirAuth {
  /** The `Authorization` header value for the next request (`Bearer …`), or undefined for none. */
  authorization(): Promise<string | undefined>;
  /** Called after a 401 response: get a new token (a refresh grant); resolve true to retry the request once with it. */
  refresh?(): Promise<boolean>;
}

/** A {@link FhirAuth} that sends one fixed bearer token (a token the host obtained elsewhere). */
export function bearerToken(token: string): FhirAuth {
  if (typeof token !== 'string' || token.trim() === '') throw new TypeError('bearerToken: the token is empty');
  return { authorization: async () => `Bearer ${token}` };
}
