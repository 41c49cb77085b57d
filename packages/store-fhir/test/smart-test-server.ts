// A small SMART on FHIR authorisation server for the tests, in front of the test FHIR server:
// - `/fhir/.well-known/smart-configuration`: discovery;
// - `/auth/authorize`: checks the request (client, redirect URI, aud, PKCE S256, launch) and, as a
//   user who always approves, redirects back with a code and the state;
// - `/auth/token`: the authorization_code grant (verifying the PKCE verifier against the challenge)
//   and the refresh_token grant;
// - `/fhir/*`: forwards to the FHIR server only with a valid, unexpired bearer token, else 401.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { allowCrossOrigin } from './cross-origin.js';

/** What the test server was configured with and what it recorded. */
export interface SmartTestServer {
  /** The guarded FHIR base URL (the `iss`, the `aud`). */
  readonly fhirBaseUrl: string;
  readonly clientId: string;
  readonly redirectUri: string;
  /** Every request line (`GET /auth/authorize?...`), to check that no token travels in a URL. */
  readonly requests: string[];
  /** Every token-endpoint form, as sent. */
  readonly tokenForms: URLSearchParams[];
  /** Registers an EHR launch for a patient; returns the opaque launch id. */
  ehrLaunch(patient: string): string;
  /** Makes every access token issued so far invalid (as if it expired on the server). */
  expireAccessTokens(): void;
  close(): Promise<void>;
}

interface Grant {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly challenge: string;
  readonly scope: string;
  readonly patient?: string;
}

const json = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  response.end(JSON.stringify(body));
};

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const token = () => randomBytes(24).toString('base64url');

/** Starts the authorisation server on a free loopback port in front of `fhirUpstream` (`http://127.0.0.1:<port>/fhir`); standalone launches get `standalonePatient`. */
export async function startSmartTestServer(fhirUpstream: string, options: { readonly standalonePatient: string; readonly expiresIn?: number; readonly crossOrigin?: boolean }): Promise<SmartTestServer> {
  const upstream = new URL(fhirUpstream);
  const clientId = 'chartwell-test-app';
  const redirectUri = 'http://127.0.0.1/app/callback';
  const requests: string[] = [];
  const tokenForms: URLSearchParams[] = [];
  const launches = new Map<string, string>();
  const codes = new Map<string, Grant>();
  const accessTokens = new Map<string, { scope: string; patient?: string }>();
  const refreshTokens = new Map<string, { scope: string; patient?: string }>();
  let origin = '';

  const authorize = (url: URL, response: ServerResponse) => {
    const p = url.searchParams;
    const fail = (why: string) => json(response, 400, { error: 'invalid_request', error_description: why });
    if (p.get('response_type') !== 'code') return fail('response_type must be code');
    if (p.get('client_id') !== clientId) return fail('unknown client_id');
    if (p.get('redirect_uri') !== redirectUri) return fail('redirect_uri is not registered');
    if (p.get('aud') !== `${origin}/fhir`) return fail('aud is not this FHIR server');
    if (p.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(p.get('code_challenge') ?? '')) return fail('PKCE S256 is required');
    const state = p.get('state');
    if (!state) return fail('state is required');
    const scope = p.get('scope') ?? '';
    let patient: string | undefined;
    const launch = p.get('launch');
    if (launch !== null) {
      patient = launches.get(launch);
      if (patient === undefined) return fail('unknown launch');
    } else if (scope.split(' ').includes('launch/patient')) patient = options.standalonePatient;
    const code = token();
    codes.set(code, { clientId, redirectUri, challenge: p.get('code_challenge') ?? '', scope, ...(patient !== undefined && { patient }) });
    const back = new URL(redirectUri);
    back.searchParams.set('code', code);
    back.searchParams.set('state', state);
    response.writeHead(302, { location: back.href });
    response.end();
  };

  const issue = (response: ServerResponse, scope: string, patient: string | undefined) => {
    const access = token();
    accessTokens.set(access, { scope, ...(patient !== undefined && { patient }) });
    const body: Record<string, unknown> = { access_token: access, token_type: 'Bearer', expires_in: options.expiresIn ?? 3600, scope, ...(patient !== undefined && { patient }) };
    if (scope.split(' ').includes('offline_access')) {
      const refresh = token();
      refreshTokens.set(refresh, { scope, ...(patient !== undefined && { patient }) });
      body['refresh_token'] = refresh;
    }
    json(response, 200, body);
  };

  const tokenEndpoint = async (request: IncomingMessage, response: ServerResponse) => {
    if (!request.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) return json(response, 400, { error: 'invalid_request', error_description: 'form body expected' });
    const form = new URLSearchParams((await readBody(request)).toString('utf8'));
    tokenForms.push(form);
    if (form.get('grant_type') === 'authorization_code') {
      const grant = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      if (!grant) return json(response, 400, { error: 'invalid_grant', error_description: 'unknown or used code' });
      if (form.get('client_id') !== grant.clientId || form.get('redirect_uri') !== grant.redirectUri) return json(response, 400, { error: 'invalid_grant', error_description: 'client or redirect_uri differ' });
      const verifier = form.get('code_verifier') ?? '';
      if (createHash('sha256').update(verifier).digest('base64url') !== grant.challenge) return json(response, 400, { error: 'invalid_grant', error_description: 'PKCE verification failed' });
      return issue(response, grant.scope, grant.patient);
    }
    if (form.get('grant_type') === 'refresh_token') {
      const refresh = refreshTokens.get(form.get('refresh_token') ?? '');
      if (!refresh || form.get('client_id') !== clientId) return json(response, 400, { error: 'invalid_grant', error_description: 'unknown refresh token' });
      return issue(response, refresh.scope, refresh.patient);
    }
    return json(response, 400, { error: 'unsupported_grant_type' });
  };

  const guardedFhir = async (request: IncomingMessage, response: ServerResponse) => {
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (bearer === undefined || !accessTokens.has(bearer)) {
      return json(response, 401, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'login', diagnostics: 'A valid bearer token is required' }] }, { 'www-authenticate': 'Bearer' });
    }
    const body = await readBody(request);
    const headers = { ...request.headers, host: upstream.host };
    delete headers.authorization;
    const answer = await new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
      const outgoing = httpRequest({ host: upstream.hostname, port: upstream.port, method: request.method, path: request.url, headers }, (r) => {
        void readBody(r).then((data) => resolve({ status: r.statusCode ?? 502, headers: r.headers, body: data }), reject);
      });
      outgoing.on('error', reject);
      outgoing.end(body);
    });
    const out = { ...answer.headers };
    delete out['transfer-encoding'];
    delete out['content-length'];
    response.writeHead(answer.status, out);
    response.end(answer.body);
  };

  const server: Server = createServer((request, response) => {
    if (options.crossOrigin && allowCrossOrigin(request, response)) return;
    const url = new URL(request.url ?? '/', origin);
    requests.push(`${request.method ?? 'GET'} ${url.pathname}${url.search}`);
    const route = async () => {
      if (url.pathname === '/fhir/.well-known/smart-configuration') {
        return json(response, 200, {
          issuer: origin,
          authorization_endpoint: `${origin}/auth/authorize`,
          token_endpoint: `${origin}/auth/token`,
          grant_types_supported: ['authorization_code', 'refresh_token'],
          code_challenge_methods_supported: ['S256'],
          scopes_supported: ['openid', 'fhirUser', 'launch', 'launch/patient', 'offline_access', 'patient/*.rs', 'user/*.cruds'],
          capabilities: ['launch-ehr', 'launch-standalone', 'client-public', 'context-ehr-patient', 'context-standalone-patient', 'permission-offline', 'permission-patient', 'permission-user', 'permission-v2'],
        });
      }
      if (url.pathname === '/auth/authorize' && request.method === 'GET') return authorize(url, response);
      if (url.pathname === '/auth/token' && request.method === 'POST') return tokenEndpoint(request, response);
      if (url.pathname.startsWith('/fhir')) return guardedFhir(request, response);
      return json(response, 404, { error: 'not found' });
    };
    route().catch(() => json(response, 500, { error: 'server_error' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    fhirBaseUrl: `${origin}/fhir`,
    clientId,
    redirectUri,
    requests,
    tokenForms,
    ehrLaunch: (patient) => {
      const id = token();
      launches.set(id, patient);
      return id;
    },
    expireAccessTokens: () => accessTokens.clear(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
