import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isChartStoreError } from '@chartwell/core';
import { conformanceFixtures } from '@chartwell/core/testing';
import type { Observation } from '@chartwell/fhir';
import { FhirRestStore, type FetchFunction } from '@chartwell/store-fhir';
import { startFhirTestServer, type FhirTestServer } from '../test/fhir-test-server.js';

// searchMode 'server': the server filters, sorts and pages; the store follows next links (or
// _offset) and re-checks each page. Run against the test server with and without next links.
const fx = conformanceFixtures;
const TONY = `Patient/${fx.patient.id as string}`;
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
/** Tony's body weights, newest first, read from the fixtures. */
const tonysWeights = fx.observations
  .filter((o) => o.subject?.reference === TONY && o.code.coding?.some((c) => c.code === '29463-7'))
  .sort((a, b) => (a.effectiveDateTime ?? '').localeCompare(b.effectiveDateTime ?? ''))
  .reverse()
  .map((o) => o.id);

async function seeded(options: { nextLinks: boolean }): Promise<FhirTestServer> {
  const server = await startFhirTestServer(options);
  const direct = new FhirRestStore({ baseUrl: server.baseUrl, pollIntervalMs: 0 });
  for (const r of [fx.patient, fx.otherPatient, ...fx.observations]) await direct.update(copy(r));
  return server;
}

async function allPages(store: FhirRestStore, query: Parameters<FhirRestStore['search']>[1]): Promise<{ ids: string[]; pages: number; included: string[] }> {
  const ids: string[] = [];
  const included: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await store.search('Observation', cursor === undefined ? query : { ...query, _cursor: cursor });
    pages++;
    ids.push(...page.map((o) => o.id as string));
    included.push(...page.included.map((r) => `${r.resourceType}/${r.id as string}`));
    cursor = page.next;
    assert.ok(pages < 50, 'too many pages');
  } while (cursor !== undefined);
  return { ids, pages, included };
}

for (const nextLinks of [true, false]) {
  describe(`FhirRestStore searchMode 'server' (${nextLinks ? 'a server with next links' : "Medplum's router: no next links, _offset"})`, () => {
    let server: FhirTestServer;
    before(async () => {
      server = await seeded({ nextLinks });
    });
    after(async () => {
      await server.close();
    });

    it('sends every parameter, the sort and the page size, and pages through the server in its order', async () => {
      const store = new FhirRestStore({ baseUrl: server.baseUrl, pollIntervalMs: 0, searchMode: 'server' });
      const from = server.requests.length;
      const { ids, pages } = await allPages(store, { patient: TONY, code: 'http://loinc.org|29463-7', _sort: '-date', _count: 2 });
      assert.deepEqual(ids, tonysWeights);
      assert.ok(tonysWeights.length >= 3, 'the fixtures give more than one page');
      assert.equal(pages, Math.ceil(tonysWeights.length / 2), 'the server gives the total, so no empty last page');
      const asked = server.requests.slice(from).filter((r) => r.startsWith('GET /fhir/Observation?')).map((r) => decodeURIComponent(r.slice(r.indexOf('?') + 1)));
      assert.equal(asked[0], `patient=${TONY}&code=http://loinc.org|29463-7&_sort=-date&_count=2`);
      assert.equal(asked[1], `patient=${TONY}&code=http://loinc.org|29463-7&_sort=-date&_count=2&_offset=2`);
    });

    it('adds the _include targets the server did not include', async () => {
      const store = new FhirRestStore({ baseUrl: server.baseUrl, pollIntervalMs: 0, searchMode: 'server' });
      const page = await store.search('Observation', { patient: TONY, _include: 'Observation:patient', _count: 3 });
      assert.equal(page.length, 3);
      assert.deepEqual(page.included.map((r) => `${r.resourceType}/${r.id as string}`), [TONY]);
    });

    it('refuses a cursor from another search, or a made-up one', async () => {
      const store = new FhirRestStore({ baseUrl: server.baseUrl, pollIntervalMs: 0, searchMode: 'server' });
      const first = await store.search('Observation', { patient: TONY, _count: 2 });
      assert.equal(typeof first.next, 'string');
      await assert.rejects(store.search('Observation', { patient: `Patient/${fx.otherPatient.id as string}`, _count: 2, _cursor: first.next as string }), (e: unknown) => isChartStoreError(e, 'invalid') && /belongs to another search/.test(e.message));
      await assert.rejects(store.search('Observation', { patient: TONY, _count: 2, _cursor: 's1.bm90IGpzb24' }), (e: unknown) => isChartStoreError(e, 'invalid') && /not a cursor this store gave/.test(e.message));
      await assert.rejects(store.search('Observation', { patient: TONY, _count: 2, _cursor: `s1.${Buffer.from(JSON.stringify(['x', 'https://evil.example/steal'])).toString('base64url')}` }), (e: unknown) => isChartStoreError(e, 'invalid'));
    });
  });
}

describe("FhirRestStore searchMode 'server' on a server that ignores a parameter", () => {
  let server: FhirTestServer;
  before(async () => {
    server = await seeded({ nextLinks: true });
  });
  after(async () => {
    await server.close();
  });

  it("re-checks each page, so another patient's records never show", async () => {
    // A server that drops the patient parameter (as a lenient server does with one it does not know).
    const ignoring: FetchFunction = (url, init) => fetch(url.replace(/([?&])patient=[^&]*&?/, '$1'), init);
    const store = new FhirRestStore({ baseUrl: server.baseUrl, pollIntervalMs: 0, searchMode: 'server', fetch: ignoring });
    const page = await store.search('Observation', { patient: TONY, _count: 100 });
    const subjects = new Set(page.map((o: Observation) => o.subject?.reference));
    assert.deepEqual([...subjects], [TONY]);
    assert.equal(page.length, fx.observations.filter((o) => o.subject?.reference === TONY).length);
  });

  it('runs a query with a parameter the server does not declare in exact mode', async () => {
    const statement = { resourceType: 'CapabilityStatement', rest: [{ mode: 'server', resource: [{ type: 'Observation', searchParam: [{ name: 'patient' }] }] }] };
    const withStatement: FetchFunction = async (url, init) => (url.endsWith('/metadata') ? new Response(JSON.stringify(statement), { status: 200 }) : fetch(url, init));
    const store = new FhirRestStore({ baseUrl: server.baseUrl, pollIntervalMs: 0, searchMode: 'server', fetch: withStatement });
    const from = server.requests.length;
    const page = await store.search('Observation', { patient: TONY, code: 'http://loinc.org|29463-7', _sort: '-date' });
    assert.deepEqual(page.map((o) => o.id), tonysWeights);
    assert.deepEqual(server.requests.slice(from).map((r) => decodeURIComponent(r)), [`GET /fhir/Observation?patient=${TONY}&_count=500`]);
  });
});
