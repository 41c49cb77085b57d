import { base64url } from '../base64url.js';

/** A PKCE pair (RFC 7636): the secret verifier the app keeps and the S256 challenge it sends. */
export interface PkcePair {
  readonly verifier: string;
  readonly challenge: string;
  readonly method: 'S256';
}

/** The S256 code challenge of a verifier: base64url(SHA-256(ASCII(verifier))). */
export async function pkceChallenge(verifier: string): Promise<string> {
  if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) throw new TypeError('PKCE: a code verifier is 43 to 128 characters of A-Z a-z 0-9 - . _ ~');
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** A fresh PKCE pair: a verifier of 32 random bytes (43 characters) and its S256 challenge. */
export async function createPkcePair(): Promise<PkcePair> {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  return { verifier, challenge: await pkceChallenge(verifier), method: 'S256' };
}
