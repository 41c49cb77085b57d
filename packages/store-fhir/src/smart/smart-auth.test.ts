import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isChartStoreError } from '@chartwell/core';
import { conformanceFixtures } from '@chartwell/core/testing';
import type { Patient } from '@chartwell/fhir';
import { FhirRestStore, SmartAuth, discoverSmartConfiguration, type PendingStorage } from '@chartwell/store-fhir';
import { startFhirTestServer, type FhirTestServer } from '../../test/fhir-test-server.js';
import { startSmartTestServer, type SmartTestServer } from '../../test/smart-test-server.js';

// The SMART App Launch flow against a small authorisation server written for the test, in front of
// the Medplum test server; the browser's redirects are followed by hand with fetch.
const tony = conformanceFixtures.patient;
const clemente = conformanceFixtures.otherPatient;
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

let fhir: FhirTestServer;
let smart: SmartTestServer;
before(async () => {
  fhir = await startFhirTestServer();
  smart = await startSmartTestServer(fhir.baseUrl, { standalonePatient: tony.id as string });
});
after(async () => {
  await smart.close();
  await fhir.close();
});
beforeEach(async () => {
  fhir.reset();
  const direct = new FhirRestStore({ baseUrl: fhir.baseUrl, pollIntervalMs: 0 });
  await direct.update(copy(tony) as Patient);
  await direct.update(copy(clemente) as Patient);
});

const options = (scope = 'launch/patient openid fhirUser patient/*.rs offline_access') => ({ fhirBaseUrl: smart.fhirBaseUrl, clientId: smart.clientId, redirectUri: smart.redirectUri, scope });

/** What the browser does with the authorisation URL: the (always approving) server redirects to the app's callback. */
async function followAuthorization(url: string): Promise<string> {
  const response = await fetch(url, { redirect: 'manual' });
  assert.equal(response.status, 302, `the authorisation server redirects (got ${response.status}: ${await response.text()})`);
  return response.headers.get('location') ?? '';
}

describe('SmartAuth', () => {
  it('discovers the endpoints from .well-known/smart-configuration', async () => {
    const configuration = await discoverSmartConfiguration(smart.fhirBaseUrl);
    assert.equal(configuration.authorization_endpoint, smart.fhirBaseUrl.replace('/fhir', '/auth/authorize'));
    assert.equal(configuration.token_endpoint, smart.fhirBaseUrl.replace('/fhir', '/auth/token'));
  });

  it('standalone launch: authorisation code with PKCE, the patient in context, and a FhirRestStore that reads with the token', async () => {
    const auth = new SmartAuth(options());
    const url = new URL(await auth.authorizeUrl());
    assert.equal(url.searchParams.get('response_type'), 'code');
    assert.equal(url.searchParams.get('client_id'), smart.clientId);
    assert.equal(url.searchParams.get('aud'), smart.fhirBaseUrl);
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(url.searchParams.get('launch'), null);
    const callback = await followAuthorization(url.href);
    const context = await auth.completeAuthorization(callback);
    assert.equal(context.patient, tony.id);
    assert.equal(context.scope, 'launch/patient openid fhirUser patient/*.rs offline_access');
    const form = smart.tokenForms.at(-1);
    assert.equal(form?.get('grant_type'), 'authorization_code');
    assert.match(form?.get('code_verifier') ?? '', /^[A-Za-z0-9_-]{43}$/);
    const store = new FhirRestStore({ baseUrl: smart.fhirBaseUrl, auth, pollIntervalMs: 0 });
    const patient = await store.read('Patient', context.patient as string);
    assert.equal(patient.id, tony.id);
  });

  it('EHR launch: iss and launch from the launch URL, and the patient the EHR chose', async () => {
    const launchId = smart.ehrLaunch(clemente.id as string);
    const launchUrl = `https://app.example.org/launch?iss=${encodeURIComponent(smart.fhirBaseUrl)}&launch=${launchId}`;
    const { auth, launch } = SmartAuth.fromEhrLaunch(launchUrl, { clientId: smart.clientId, redirectUri: smart.redirectUri, scope: 'launch openid user/*.cruds' });
    assert.equal(auth.fhirBaseUrl, smart.fhirBaseUrl);
    const url = await auth.authorizeUrl({ launch });
    assert.equal(new URL(url).searchParams.get('launch'), launchId);
    const context = await auth.completeAuthorization(await followAuthorization(url));
    assert.equal(context.patient, clemente.id);
    assert.equal(auth.context?.patient, clemente.id);
  });

  it('the state and verifier survive the redirect in pendingStorage (a new SmartAuth completes it), and only once', async () => {
    const items = new Map<string, string>();
    const storage: PendingStorage = { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v), removeItem: (k) => void items.delete(k) };
    const before = new SmartAuth({ ...options(), pendingStorage: storage });
    const callback = await followAuthorization(await before.authorizeUrl());
    assert.equal(items.size, 1);
    assert.ok(![...items.values()].some((v) => v.includes('access_token')));
    const afterRedirect = new SmartAuth({ ...options(), pendingStorage: storage });
    assert.equal((await afterRedirect.completeAuthorization(callback)).patient, tony.id);
    assert.equal(items.size, 0);
    await assert.rejects(new SmartAuth({ ...options(), pendingStorage: storage }).completeAuthorization(callback), (e: unknown) => isChartStoreError(e, 'invalid') && /state is not one this app sent/.test(e.message));
  });

  it('a callback with a state the app never sent is refused before any token request', async () => {
    const auth = new SmartAuth(options());
    const forms = smart.tokenForms.length;
    await assert.rejects(auth.completeAuthorization(`${smart.redirectUri}?code=abc&state=forged`), (e: unknown) => isChartStoreError(e, 'invalid'));
    assert.equal(smart.tokenForms.length, forms);
  });

  it('the server refuses the code when the PKCE verifier does not match: forbidden, with its reason', async () => {
    const auth = new SmartAuth(options());
    const url = new URL(await auth.authorizeUrl());
    // Another challenge than the one the app's verifier hashes to, as an attacker who intercepted the code would face.
    url.searchParams.set('code_challenge', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    const callback = await followAuthorization(url.href);
    await assert.rejects(auth.completeAuthorization(callback), (e: unknown) => isChartStoreError(e, 'forbidden') && e.message === 'SMART token request (authorization_code) refused: invalid_grant: PKCE verification failed');
    assert.equal(auth.authorized, false);
  });

  it('a denial at the authorisation server is forbidden, with its error', async () => {
    const auth = new SmartAuth(options());
    const state = new URL(await auth.authorizeUrl()).searchParams.get('state') ?? '';
    await assert.rejects(auth.completeAuthorization(`${smart.redirectUri}?error=access_denied&state=${state}`), /SMART authorisation refused: access_denied/);
  });

  it('after a 401 the store refreshes the token once and repeats the request', async () => {
    const auth = new SmartAuth(options());
    await auth.completeAuthorization(await followAuthorization(await auth.authorizeUrl()));
    const store = new FhirRestStore({ baseUrl: smart.fhirBaseUrl, auth, pollIntervalMs: 0 });
    await store.read('Patient', tony.id as string);
    smart.expireAccessTokens();
    const before = smart.tokenForms.length;
    assert.equal((await store.read('Patient', tony.id as string)).id, tony.id);
    assert.deepEqual(smart.tokenForms.slice(before).map((f) => f.get('grant_type')), ['refresh_token']);
  });

  it('refreshes before the token expires, and without offline_access a 401 is forbidden', async () => {
    let now = 1_000_000;
    const auth = new SmartAuth({ ...options(), now: () => now });
    await auth.completeAuthorization(await followAuthorization(await auth.authorizeUrl()));
    const first = await auth.authorization();
    now += 3600_000 - 30_000; // 30 s before expiry: inside the 60 s margin
    const second = await auth.authorization();
    assert.notEqual(second, first);
    assert.equal(smart.tokenForms.at(-1)?.get('grant_type'), 'refresh_token');

    const online = new SmartAuth(options('launch/patient patient/*.rs'));
    await online.completeAuthorization(await followAuthorization(await online.authorizeUrl()));
    const store = new FhirRestStore({ baseUrl: smart.fhirBaseUrl, auth: online, pollIntervalMs: 0 });
    smart.expireAccessTokens();
    await assert.rejects(store.read('Patient', tony.id as string), (e: unknown) => isChartStoreError(e, 'forbidden') && /not authorised \(HTTP 401/.test(e.message));
  });

  it('without auth the guarded server answers 401: forbidden', async () => {
    const store = new FhirRestStore({ baseUrl: smart.fhirBaseUrl, pollIntervalMs: 0 });
    await assert.rejects(store.read('Patient', tony.id as string), (e: unknown) => isChartStoreError(e, 'forbidden'));
  });

  it('keeps tokens out of JSON, URLs and storage', async () => {
    const auth = new SmartAuth(options());
    await auth.completeAuthorization(await followAuthorization(await auth.authorizeUrl()));
    const bearer = (await auth.authorization()) ?? '';
    const accessToken = bearer.replace('Bearer ', '');
    assert.ok(accessToken.length > 20);
    const serialised = JSON.stringify(auth);
    assert.ok(!serialised.includes(accessToken), 'JSON.stringify(auth) has no token');
    assert.deepEqual(Object.keys(JSON.parse(serialised) as object).sort(), ['authorized', 'clientId', 'context', 'fhirBaseUrl', 'redirectUri', 'scope']);
    assert.ok(!Object.values(auth).some((v) => typeof v === 'string' && v.includes(accessToken)), 'no enumerable field holds the token');
    const store = new FhirRestStore({ baseUrl: smart.fhirBaseUrl, auth, pollIntervalMs: 0 });
    await store.search('Patient', { _id: tony.id as string });
    assert.ok(!smart.requests.some((r) => r.includes(accessToken)), 'no request URL carries the token');
  });
});
