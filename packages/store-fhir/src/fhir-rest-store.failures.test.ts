import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isChartStoreError } from '@chartwell/core';
import { conformanceFixtures } from '@chartwell/core/testing';
import type { Observation, Patient } from '@chartwell/fhir';
import { FhirRestStore } from '@chartwell/store-fhir';
import { startFhirTestServer, type FhirTestServer } from '../test/fhir-test-server.js';
import { startFailureProxy, type FailureProxy } from '../test/failure-proxy.js';

// FhirRestStore through a proxy that injects failures in front of the Medplum test server: what the
// server holds afterwards is read directly from it, past the proxy.
const weight = conformanceFixtures.observations.find((o) => o.id === '534e246e-d5b0-48ea-8a6f-d7dd620e1f9d') as Observation;
const tony = conformanceFixtures.patient;
const fresh = <T extends { id?: string }>(r: T): T => {
  const c = JSON.parse(JSON.stringify(r)) as T;
  delete c.id;
  return c;
};

let server: FhirTestServer;
let proxy: FailureProxy;
let direct: FhirRestStore;
before(async () => {
  server = await startFhirTestServer();
  proxy = await startFailureProxy(server.baseUrl);
  direct = new FhirRestStore({ baseUrl: server.baseUrl, pollIntervalMs: 0 });
});
after(async () => {
  await proxy.close();
  await server.close();
});
beforeEach(async () => {
  server.reset();
  proxy.reset();
  await direct.update(JSON.parse(JSON.stringify(tony)) as Patient);
});

const through = (retry: { retries?: number; timeoutMs?: number; maxDelayMs?: number } = {}) =>
  new FhirRestStore({ baseUrl: proxy.baseUrl, pollIntervalMs: 0, retry: { baseDelayMs: 5, ...retry } });
const lines = (method: string, path: RegExp) => proxy.log.filter((l) => l.line.startsWith(`${method} `) && path.test(l.line.split(' ')[1] ?? '')).map((l) => l.line.split(' -> ')[1]);
const allWeights = async () => (await direct.search('Observation', { code: 'http://loinc.org|29463-7' })).length;

describe('FhirRestStore under injected failures', () => {
  it('retries a read after two 500s and returns the resource', async () => {
    const store = through();
    await store.capabilities();
    proxy.inject({ method: 'GET', path: /^\/fhir\/Patient\//, fault: { kind: 'status', status: 500 }, times: 2 });
    const patient = await store.read('Patient', tony.id as string);
    assert.equal(patient.id, tony.id);
    assert.deepEqual(lines('GET', /^\/fhir\/Patient\//), ['status 500', 'status 500', 'forwarded 200']);
  });

  it('waits as long as Retry-After asks after a 429, then succeeds', async () => {
    const store = through();
    await store.capabilities();
    proxy.inject({ method: 'GET', path: /^\/fhir\/Patient\//, fault: { kind: 'status', status: 429, retryAfter: '1' } });
    const started = Date.now();
    await store.read('Patient', tony.id as string);
    const waited = Date.now() - started;
    assert.ok(waited >= 950, `waited ${waited} ms for Retry-After: 1`);
    assert.deepEqual(lines('GET', /^\/fhir\/Patient\//), ['status 429', 'forwarded 200']);
  });

  it('gives up at once, with an unavailable error saying why, when Retry-After asks longer than the store waits', async () => {
    const store = through({ maxDelayMs: 2000 });
    await store.capabilities();
    proxy.inject({ method: 'GET', path: /^\/fhir\/Patient\//, fault: { kind: 'status', status: 503, retryAfter: '120' } });
    await assert.rejects(store.read('Patient', tony.id as string), (error: unknown) => {
      assert.ok(isChartStoreError(error, 'unavailable'));
      assert.match(error.message, /read Patient\/79c96478-7878-4703-9e94-b999f2bc3295: the FHIR server answered HTTP 503 and asks to wait 120 s/);
      return true;
    });
    assert.deepEqual(lines('GET', /^\/fhir\/Patient\//), ['status 503']);
  });

  it('bounds the retries: after 1 + retries attempts of 503 the error says how many', async () => {
    const store = through({ retries: 2 });
    await store.capabilities();
    proxy.inject({ method: 'GET', path: /^\/fhir\/Patient\//, fault: { kind: 'status', status: 503 }, times: 5 });
    await assert.rejects(store.read('Patient', tony.id as string), /HTTP 503 after 3 attempts/);
    assert.equal(lines('GET', /^\/fhir\/Patient\//).length, 3);
  });

  it('abandons an attempt that hangs after timeoutMs and retries it', async () => {
    const store = through({ timeoutMs: 300 });
    await store.capabilities();
    proxy.inject({ method: 'GET', path: /^\/fhir\/Patient\//, fault: { kind: 'hang' } });
    const patient = await store.read('Patient', tony.id as string);
    assert.equal(patient.id, tony.id);
    assert.deepEqual(lines('GET', /^\/fhir\/Patient\//), ['hung', 'forwarded 200']);
  });

  it('a search whose connection drops is retried and finds everything once', async () => {
    const store = through();
    await store.capabilities();
    await direct.create(fresh(weight));
    proxy.inject({ method: 'GET', path: /^\/fhir\/Observation\?/, fault: { kind: 'drop' } });
    assert.equal((await store.search('Observation', { patient: `Patient/${tony.id as string}` })).length, 1);
  });

  it('a create whose answer is lost (applied, then the connection dropped) is not repeated: one resource, and an error that says the outcome is unknown', async () => {
    const store = through();
    await store.capabilities();
    proxy.inject({ method: 'POST', path: /^\/fhir\/Observation$/, fault: { kind: 'forward-then-drop' } });
    await assert.rejects(store.create(fresh(weight)), (error: unknown) => {
      assert.ok(isChartStoreError(error, 'unavailable'));
      assert.match(error.message, /create Observation: the connection failed; the server may or may not have applied it \(not retried/);
      return true;
    });
    assert.deepEqual(lines('POST', /^\/fhir\/Observation$/), ['forwarded 201, then dropped']);
    assert.equal(await allWeights(), 1, 'the create was applied once, and not repeated');
  });

  it('a create after a 500 from the server is not repeated either (the server may have stored it)', async () => {
    const store = through();
    await store.capabilities();
    proxy.inject({ method: 'POST', path: /^\/fhir\/Observation$/, fault: { kind: 'forward-then-status', status: 500 } });
    await assert.rejects(store.create(fresh(weight)), /HTTP 500; it may or may not have applied it/);
    assert.equal(await allWeights(), 1);
  });

  it('a create answered 503 (not applied) is retried and stored once', async () => {
    const store = through();
    await store.capabilities();
    proxy.inject({ method: 'POST', path: /^\/fhir\/Observation$/, fault: { kind: 'status', status: 503 } });
    const created = await store.create(fresh(weight));
    assert.equal(created.meta?.versionId, '1');
    assert.deepEqual(lines('POST', /^\/fhir\/Observation$/), ['status 503', 'forwarded 201']);
    assert.equal(await allWeights(), 1);
  });

  it('a create with an identifier whose answer is lost is repeated with If-None-Exist: the first one is returned, no duplicate', async () => {
    const store = through();
    await store.capabilities();
    const withIdentifier = { ...fresh(weight), identifier: [{ system: 'urn:example:lab-accession', value: 'ACC-2018-0724-17' }] };
    proxy.inject({ method: 'POST', path: /^\/fhir\/Observation$/, fault: { kind: 'forward-then-drop' } });
    const created = await store.create(withIdentifier);
    const posts = proxy.log.filter((l) => l.line.startsWith('POST /fhir/Observation '));
    assert.deepEqual(posts.map((l) => l.line.split(' -> ')[1]), ['forwarded 201, then dropped', 'forwarded 200']);
    assert.equal(posts[0]?.headers['if-none-exist'], undefined, 'the first attempt is a plain create');
    assert.match(String(posts[1]?.headers['if-none-exist']), /^identifier=urn%3Aexample%3Alab-accession%7CACC-2018-0724-17&_lastUpdated=ge\d{4}-/);
    assert.equal(await allWeights(), 1, 'one Observation on the server');
    assert.equal((await direct.read('Observation', created.id as string)).identifier?.[0]?.value, 'ACC-2018-0724-17');
  });

  it('an update with ifMatch whose answer is lost is checked before it is repeated: its own write is recognised, no conflict, no extra version', async () => {
    const store = through();
    const v1 = await direct.create(fresh(weight));
    await store.capabilities();
    proxy.inject({ method: 'PUT', fault: { kind: 'forward-then-status', status: 502 } });
    const v2 = await store.update({ ...v1, status: 'amended' }, { ifMatch: 'W/"1"' });
    assert.equal(v2.meta?.versionId, '2');
    assert.equal(v2.status, 'amended');
    assert.deepEqual(lines('PUT', /Observation/), ['forwarded 200, then status 502']);
    assert.deepEqual(lines('GET', /^\/fhir\/Observation\//), ['forwarded 200']);
    assert.deepEqual((await direct.history('Observation', v1.id as string)).map((v) => `${v.meta?.versionId} ${v.status}`), ['2 amended', '1 final']);
  });

  it('an update without ifMatch whose answer is lost is not stored twice', async () => {
    const store = through();
    const v1 = await direct.create(fresh(weight));
    await store.capabilities();
    proxy.inject({ method: 'PUT', fault: { kind: 'forward-then-drop' } });
    const v2 = await store.update({ ...v1, status: 'amended' });
    assert.equal(v2.meta?.versionId, '2');
    assert.deepEqual((await direct.history('Observation', v1.id as string)).map((v) => `${v.meta?.versionId} ${v.status}`), ['2 amended', '1 final']);
  });

  it('an update whose answer is lost and that was not applied is repeated', async () => {
    const store = through();
    const v1 = await direct.create(fresh(weight));
    await store.capabilities();
    proxy.inject({ method: 'PUT', fault: { kind: 'drop' } });
    const v2 = await store.update({ ...v1, status: 'amended' }, { ifMatch: '1' });
    assert.equal(v2.meta?.versionId, '2');
    assert.deepEqual(lines('PUT', /Observation/), ['dropped', 'forwarded 200']);
  });

  it('an update that cannot check before repeating, and then meets a 412, finds its own content on the server: not a conflict', async () => {
    const store = through();
    const v1 = await direct.create(fresh(weight));
    await store.capabilities();
    proxy.inject({ method: 'PUT', fault: { kind: 'forward-then-status', status: 502 } });
    // The check before the repeat fails (four 500s: one attempt and three retries), so the PUT is repeated and gets 412.
    proxy.inject({ method: 'GET', path: /^\/fhir\/Observation\//, fault: { kind: 'status', status: 500 }, times: 4 });
    const v2 = await store.update({ ...v1, status: 'amended' }, { ifMatch: '1' });
    assert.equal(v2.status, 'amended');
    assert.deepEqual(lines('PUT', /Observation/), ['forwarded 200, then status 502', 'forwarded 412']);
    assert.deepEqual((await direct.history('Observation', v1.id as string)).map((v) => v.meta?.versionId), ['2', '1']);
  });

  it("an update with a stale ifMatch after a lost answer is still a conflict when the server holds someone else's change (no lost update)", async () => {
    const store = through();
    const v1 = await direct.create(fresh(weight));
    await store.capabilities();
    // The first attempt fails before the server sees it; meanwhile another client writes version 2.
    proxy.inject({ method: 'PUT', fault: { kind: 'drop' } });
    const theirs = direct.update({ ...v1, status: 'corrected' });
    await theirs;
    await assert.rejects(store.update({ ...v1, status: 'amended' }, { ifMatch: '1' }), (error: unknown) => isChartStoreError(error, 'conflict'));
    assert.equal((await direct.read('Observation', v1.id as string)).status, 'corrected', 'the other change survives');
  });

  it('a delete whose answer is lost is repeated, and the 404 it then gets means done', async () => {
    const store = through();
    const created = await direct.create(fresh(weight));
    await store.capabilities();
    proxy.inject({ method: 'DELETE', fault: { kind: 'forward-then-drop' } });
    await store.delete('Observation', created.id as string);
    assert.deepEqual(lines('DELETE', /Observation/), ['forwarded 200, then dropped', 'forwarded 404']);
    await assert.rejects(direct.read('Observation', created.id as string), (error: unknown) => isChartStoreError(error, 'not-found'));
  });

  it('a transaction whose answer is lost is not repeated, and says so', async () => {
    const store = through();
    await store.capabilities();
    proxy.inject({ method: 'POST', path: /^\/fhir$/, fault: { kind: 'forward-then-drop' } });
    await assert.rejects(store.transaction([{ op: 'create', resource: fresh(weight) }]), /transaction on: the connection failed; the server may or may not have applied it/);
    assert.equal(lines('POST', /^\/fhir$/).length, 1);
    assert.equal(await allWeights(), 1);
  });

  it('a server that cannot be reached is unavailable, named, after the retries', async () => {
    const closed = await startFhirTestServer();
    const baseUrl = closed.baseUrl;
    await closed.close();
    const store = new FhirRestStore({ baseUrl, pollIntervalMs: 0, retry: { baseDelayMs: 5, retries: 2 } });
    await assert.rejects(store.read('Patient', 'x'), (error: unknown) => {
      assert.ok(isChartStoreError(error, 'unavailable'));
      assert.match(error.message, /the FHIR server is unreachable \(the connection failed, after 3 attempts\)/);
      return true;
    });
  });
});
