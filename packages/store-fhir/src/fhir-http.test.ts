import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isChartStoreError } from '@chartwell/core';
import { FhirHttp, type FetchFunction } from './fhir-http.js';

// The HTTP layer with a scripted fetch: each call takes the next answer of the script.
function scripted(answers: (() => Response | Promise<Response>)[]): { fetch: FetchFunction; calls: { url: string; headers: Record<string, string> }[] } {
  const calls: { url: string; headers: Record<string, string> }[] = [];
  return {
    calls,
    fetch: async (url, init) => {
      calls.push({ url, headers: { ...(init.headers as Record<string, string>) } });
      const next = answers.shift();
      if (!next) throw new Error('the script ran out');
      return next();
    },
  };
}
const subject = { action: 'read', resourceType: 'Patient', id: 'p1' };
const ok = () => new Response(JSON.stringify({ resourceType: 'Patient', id: 'p1' }), { status: 200 });

describe('FhirHttp', () => {
  it('refreshes once after a 401 and repeats the request with the new token', async () => {
    let token = 'old';
    const script = scripted([() => new Response('', { status: 401 }), ok]);
    const http = new FhirHttp({ fetch: script.fetch, auth: { authorization: async () => `Bearer ${token}`, refresh: async () => ((token = 'new'), true) } });
    const result = await http.send({ method: 'GET', url: 'http://x/fhir/Patient/p1', idempotent: true, subject });
    assert.equal(result.status, 200);
    assert.deepEqual(script.calls.map((c) => c.headers['authorization']), ['Bearer old', 'Bearer new']);
  });

  it('returns the second 401 when the refresh does not help (no loop)', async () => {
    const script = scripted([() => new Response('', { status: 401 }), () => new Response('', { status: 401 })]);
    const http = new FhirHttp({ fetch: script.fetch, auth: { authorization: async () => 'Bearer t', refresh: async () => true } });
    assert.equal((await http.send({ method: 'GET', url: 'http://x/fhir/Patient/p1', idempotent: true, subject })).status, 401);
    assert.equal(script.calls.length, 2);
  });

  it('sends JSON with the FHIR media type and no authorization header without auth', async () => {
    const script = scripted([ok]);
    const http = new FhirHttp({ fetch: script.fetch });
    await http.send({ method: 'PUT', url: 'http://x/fhir/Patient/p1', body: { resourceType: 'Patient', id: 'p1' }, idempotent: true, subject });
    assert.equal(script.calls[0]?.headers['content-type'], 'application/fhir+json');
    assert.equal(script.calls[0]?.headers['accept'], 'application/fhir+json');
    assert.equal(script.calls[0]?.headers['authorization'], undefined);
  });

  it('backs off exponentially between retries (jitter fixed)', async () => {
    const script = scripted([() => new Response('', { status: 502 }), () => new Response('', { status: 502 }), ok]);
    const http = new FhirHttp({ fetch: script.fetch, retry: { baseDelayMs: 40 }, random: () => 1 });
    const started = Date.now();
    await http.send({ method: 'GET', url: 'http://x/fhir/Patient/p1', idempotent: true, subject });
    const waited = Date.now() - started;
    assert.ok(waited >= 40 + 80 - 5, `waited ${waited} ms, expected at least 40 + 80`);
  });

  it('an aborted signal stops a retry wait with its reason', async () => {
    const controller = new AbortController();
    const reason = new Error('left the page');
    const script = scripted([() => new Response('', { status: 503, headers: { 'retry-after': '5' } })]);
    const http = new FhirHttp({ fetch: script.fetch });
    setTimeout(() => controller.abort(reason), 20);
    await assert.rejects(http.send({ method: 'GET', url: 'http://x/fhir/Patient/p1', idempotent: true, subject, signal: controller.signal }), (e: unknown) => e === reason);
  });

  it('a refused connection is retried even for a create, as nothing was sent', async () => {
    const refused = () => Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }));
    const script = scripted([refused, () => new Response(JSON.stringify({ resourceType: 'Patient', id: 'n' }), { status: 201 })]);
    const http = new FhirHttp({ fetch: script.fetch, retry: { baseDelayMs: 1 } });
    const result = await http.send({ method: 'POST', url: 'http://x/fhir/Patient', body: { resourceType: 'Patient' }, idempotent: false, subject: { action: 'create', resourceType: 'Patient' } });
    assert.equal(result.status, 201);
    assert.equal(result.afterUnknownAttempt, false);
  });

  it('a create that hits a reset connection is not repeated, and says the outcome is unknown', async () => {
    const reset = () => Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } }));
    const script = scripted([reset]);
    const http = new FhirHttp({ fetch: script.fetch, retry: { baseDelayMs: 1 } });
    await assert.rejects(http.send({ method: 'POST', url: 'http://x/fhir/Patient', body: { resourceType: 'Patient' }, idempotent: false, subject: { action: 'create', resourceType: 'Patient' } }), (e: unknown) => isChartStoreError(e, 'unavailable') && /may or may not have applied it/.test(e.message));
    assert.equal(script.calls.length, 1);
  });
});
