import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isChartStoreError, type ChartChange } from '@chartwell/core';
import { conformanceFixtures } from '@chartwell/core/testing';
import type { Observation, Patient } from '@chartwell/fhir';
import { FhirRestStore, type FetchFunction, type WebSocketConstructor } from '@chartwell/store-fhir';
import { WebSocket } from 'ws';
import { startFhirTestServer, type FhirTestServer } from '../test/fhir-test-server.js';

// What FhirRestStore does that the conformance kit cannot see: what it asks the server, how it
// pages a server without next links, how it reads the CapabilityStatement, and polling watch.
const fx = conformanceFixtures;
const tony = fx.patient;
const TONY = `Patient/${tony.id as string}`;
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const fresh = <T extends { id?: string }>(r: T): T => {
  const c = copy(r);
  delete c.id;
  return c;
};

let server: FhirTestServer;
before(async () => {
  server = await startFhirTestServer();
});
after(async () => {
  await server.close();
});
beforeEach(() => {
  server.reset();
});

async function seed(store: FhirRestStore): Promise<void> {
  for (const r of [tony, fx.otherPatient, ...fx.observations]) await store.update(copy(r));
}

/** The search requests sent to the server for one resource type since `from`. */
const searches = (type: string, from: number) => server.requests.slice(from).filter((r) => r.startsWith(`GET /fhir/${type}?`)).map((r) => decodeURIComponent(r.slice(r.indexOf('?') + 1)));

describe('FhirRestStore search on the server', () => {
  it('asks the server to narrow by the exact-match parameters it declares, and keeps dates, sorting and paging to itself', async () => {
    const store = new FhirRestStore({ baseUrl: server.baseUrl, pollIntervalMs: 0 });
    await seed(store);
    const from = server.requests.length;
    const page = await store.search('Observation', { patient: tony.id as string, code: 'http://loinc.org|29463-7', date: 'ge2016', _sort: '-date', _count: 2 });
    // Tony's body weights from 2016 on, read from the fixtures: 2016-07-19, 2018-07-24, 2020-07-28; newest first, two per page.
    assert.deepEqual(page.map((o) => o.effectiveDateTime), ['2020-07-28T19:47:23+00:00', '2018-07-24T19:47:23+00:00']);
    assert.equal(typeof page.next, 'string');
    assert.deepEqual(searches('Observation', from), [`patient=${TONY}&code=http://loinc.org|29463-7&_count=500`]);
    const last = await store.search('Observation', { patient: tony.id as string, code: 'http://loinc.org|29463-7', date: 'ge2016', _sort: '-date', _count: 2, _cursor: page.next as string });
    assert.deepEqual(last.map((o) => o.effectiveDateTime), ['2016-07-19T19:47:23+00:00']);
    assert.equal(last.next, undefined);
  });

  it('does not send a token without a system (|code) to the server, where servers differ', async () => {
    const store = new FhirRestStore({ baseUrl: server.baseUrl, pollIntervalMs: 0 });
    await seed(store);
    const from = server.requests.length;
    assert.equal((await store.search('Observation', { code: '|29463-7' })).length, 0);
    assert.deepEqual(searches('Observation', from), ['_count=500']);
  });

  it('gathers every page of a server without next links by _offset', async () => {
    const store = new FhirRestStore({ baseUrl: server.baseUrl, pollIntervalMs: 0, serverPageSize: 4 });
    await seed(store);
    const from = server.requests.length;
    const all = await store.search('Observation', { patient: TONY, _count: 1000 });
    assert.equal(all.length, fx.observations.filter((o) => o.subject?.reference === TONY).length);
    const asked = searches('Observation', from);
    assert.equal(asked[0], `patient=${TONY}&_count=4`);
    assert.equal(asked[1], `patient=${TONY}&_count=4&_offset=4`);
    assert.equal(asked.length, Math.ceil(all.length / 4) + (all.length % 4 === 0 ? 1 : 0));
  });

  it('gathers everything from a server that cuts the page size it was asked for, by the total', async () => {
    // A server whose largest page is 3, whatever _count asks (as servers with a page-size cap answer).
    const capped: FetchFunction = (url, init) => fetch(url.replace(/_count=\d+/, '_count=3'), init);
    const store = new FhirRestStore({ baseUrl: server.baseUrl, pollIntervalMs: 0, fetch: capped });
    await seed(new FhirRestStore({ baseUrl: server.baseUrl, pollIntervalMs: 0 }));
    const from = server.requests.length;
    const all = await store.search('Observation', { _count: 1000 });
    assert.equal(all.length, fx.observations.length);
    const asked = searches('Observation', from);
    assert.equal(asked[1], '_count=3&_offset=3');
    assert.equal(asked.length, Math.ceil(fx.observations.length / 3));
  });

  it('fetches the _include targets of the page only, by _id', async () => {
    const store = new FhirRestStore({ baseUrl: server.baseUrl, pollIntervalMs: 0 });
    await seed(store);
    const from = server.requests.length;
    const page = await store.search('Observation', { patient: TONY, _include: 'Observation:patient', _count: 3 });
    assert.deepEqual(page.included.map((r) => `${r.resourceType}/${r.id as string}`), [TONY]);
    assert.deepEqual(searches('Patient', from), [`_id=${tony.id as string}&_count=500`]);
  });

  it('refuses a search wider than maxSearchCandidates, naming the limit', async () => {
    const store = new FhirRestStore({ baseUrl: server.baseUrl, pollIntervalMs: 0, maxSearchCandidates: 5 });
    await seed(store);
    await assert.rejects(store.search('Observation', {}), /search Observation: more than 5 candidates on the server; narrow the search/);
  });

  it('refuses bad input before sending anything', async () => {
    const store = new FhirRestStore({ baseUrl: server.baseUrl, pollIntervalMs: 0 });
    const from = server.requests.length;
    await assert.rejects(store.search('Observation', { date: 'yesterday' as never }), (e: unknown) => isChartStoreError(e, 'invalid'));
    await assert.rejects(store.read('Observation', '../Patient/1'), (e: unknown) => isChartStoreError(e, 'invalid') && /Not a FHIR id/.test(e.message));
    assert.deepEqual(server.requests.slice(from), []);
  });
});

describe('FhirRestStore and the CapabilityStatement', () => {
  /** A fetch that serves a CapabilityStatement of our making and passes everything else to the server. */
  const withStatement = (statement: unknown): FetchFunction => async (url, init) =>
    url.endsWith('/metadata') ? new Response(JSON.stringify(statement), { status: 200, headers: { 'content-type': 'application/fhir+json' } }) : fetch(url, init);

  it('sends the server no parameter it does not declare (Medplum would match nothing)', async () => {
    const statement = { resourceType: 'CapabilityStatement', rest: [{ mode: 'server', interaction: [{ code: 'transaction' }], resource: [{ type: 'Observation', searchParam: [{ name: 'patient' }] }] }] };
    const store = new FhirRestStore({ baseUrl: server.baseUrl, pollIntervalMs: 0, fetch: withStatement(statement) });
    await seed(store);
    const from = server.requests.length;
    const found = await store.search('Observation', { patient: TONY, code: 'http://loinc.org|29463-7' });
    assert.equal(found.length, fx.observations.filter((o) => o.subject?.reference === TONY && o.code.coding?.some((c) => c.code === '29463-7')).length);
    assert.deepEqual(searches('Observation', from), [`patient=${TONY}&_count=500`]);
  });

  it('refuses a transaction on a server that does not declare transactions, before sending it', async () => {
    const statement = { resourceType: 'CapabilityStatement', rest: [{ mode: 'server', interaction: [{ code: 'batch' }], resource: [] }] };
    const store = new FhirRestStore({ baseUrl: server.baseUrl, pollIntervalMs: 0, fetch: withStatement(statement) });
    const from = server.requests.length;
    await assert.rejects(store.transaction([{ op: 'create', resource: fresh(tony) }]), /the FHIR server does not offer transactions/);
    assert.ok(!server.requests.slice(from).some((r) => r.startsWith('POST /fhir ') || r === 'POST /fhir'));
  });

  it('reads the harness CapabilityStatement: transactions, conditional create, and the search parameters', async () => {
    const store = new FhirRestStore({ baseUrl: server.baseUrl, pollIntervalMs: 0 });
    const capabilities = await store.capabilities();
    assert.equal(capabilities.known, true);
    assert.equal(capabilities.transaction, true);
    assert.ok(capabilities.conditionalCreate.has('Observation'));
    assert.ok(capabilities.searchParams.get('Observation')?.has('code'));
    assert.ok(capabilities.searchParams.get('Condition')?.has('clinical-status'));
  });
});

describe('FhirRestStore errors from the server', () => {
  it('maps 401 to forbidden and 404 to not-found, naming the resource', async () => {
    const unauthorised: FetchFunction = async () => new Response(JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'login', diagnostics: 'Token expired' }] }), { status: 401 });
    const store = new FhirRestStore({ baseUrl: server.baseUrl, pollIntervalMs: 0, fetch: unauthorised });
    await assert.rejects(store.read('Patient', 'p1'), (e: unknown) => isChartStoreError(e, 'forbidden') && e.message === 'read Patient/p1: not authorised (HTTP 401: no valid token): Token expired');
    const real = new FhirRestStore({ baseUrl: server.baseUrl, pollIntervalMs: 0 });
    await assert.rejects(real.read('Patient', 'p1'), (e: unknown) => isChartStoreError(e, 'not-found') && e.id === 'p1' && e.resourceType === 'Patient');
  });

  it('maps a 422 OperationOutcome to invalid with the issues and their paths', async () => {
    const outcome = { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invariant', diagnostics: 'us-core-2: a family or given name is required', expression: ['Patient.name[0]'] }] };
    const rejecting: FetchFunction = async (url, init) => (init.method === 'PUT' ? new Response(JSON.stringify(outcome), { status: 422 }) : fetch(url, init));
    const store = new FhirRestStore({ baseUrl: server.baseUrl, pollIntervalMs: 0, fetch: rejecting });
    await assert.rejects(store.update(copy(tony)), (e: unknown) => {
      assert.ok(isChartStoreError(e, 'invalid'));
      assert.equal(e.message, `update Patient/${tony.id as string}: the server rejected it as invalid (HTTP 422): us-core-2: a family or given name is required`);
      assert.deepEqual(e.issues, [{ severity: 'error', code: 'invariant', path: 'Patient.name[0]', message: 'us-core-2: a family or given name is required' }]);
      assert.equal(e.path, 'Patient.name[0]');
      return true;
    });
  });

  it('refuses a base URL that is not an absolute http(s) URL, naming it', () => {
    assert.throws(() => new FhirRestStore({ baseUrl: 'fhir.example.org' }), /not an absolute URL: "fhir\.example\.org"/);
  });
});

describe('FhirRestStore watch by polling', () => {
  it("hears creates and updates made by another client within the poll interval, and its own writes once", async () => {
    const store = new FhirRestStore({ baseUrl: server.baseUrl, pollIntervalMs: 60 });
    const other = new FhirRestStore({ baseUrl: server.baseUrl, pollIntervalMs: 0 });
    await other.update(copy(tony));
    const heard: ChartChange[] = [];
    const stop = store.watch({ patient: TONY }, (change) => heard.push(change));
    await store.pollChanges(); // the baseline: what is there already is not a change
    const theirs = await other.create(fresh(fx.observations[0] as Observation));
    const mine = await store.create(fresh(fx.observations[1] as Observation));
    await other.update({ ...theirs, status: 'amended' });
    const until = Date.now() + 3000;
    while (heard.length < 3 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 200)); // more polls: nothing more may come
    stop();
    const seen = heard.map((c) => `${c.kind} ${c.resourceType}/${c.id} v${c.versionId} ${c.patient ?? ''}`);
    assert.equal(seen.filter((s) => s.includes(mine.id as string)).length, 1, `its own create once: ${JSON.stringify(seen)}`);
    assert.ok(seen.includes(`create Observation/${mine.id as string} v1 ${TONY}`), JSON.stringify(seen));
    const theirChanges = seen.filter((s) => s.includes(theirs.id as string));
    // Polls may see their create and update separately, or only the update when both fall between two polls.
    assert.ok(theirChanges.includes(`update Observation/${theirs.id as string} v2 ${TONY}`), JSON.stringify(seen));
    assert.ok(theirChanges.length <= 2 && theirChanges.every((s) => / v[12] /.test(s)), JSON.stringify(seen));
    assert.ok(!seen.some((s) => s.includes(`Patient/${tony.id as string} v1`) && s.startsWith('create Patient')), 'the Patient written before the watch is not a change');
  });

  it("with subscriptions, hears another client's change at once through an R4 websocket Subscription (bind, ping), and deletes the Subscription when the watch stops", async () => {
    const store = new FhirRestStore({ baseUrl: server.baseUrl, pollIntervalMs: 0, subscriptions: true, WebSocket: WebSocket as unknown as WebSocketConstructor });
    const other = new FhirRestStore({ baseUrl: server.baseUrl, pollIntervalMs: 0 });
    await other.update(copy(tony));
    const heard: ChartChange[] = [];
    const stop = store.watch({ resourceType: 'Observation' }, (change) => heard.push(change));
    await store.subscriptionsReady();
    const [binding] = server.bindings();
    assert.match(String(binding), / Observation$/, 'one Subscription, on Observation, bound on the socket');
    const subscriptionId = String(binding).split(' ')[0] as string;
    const subscription = await other.read('Subscription', subscriptionId);
    assert.equal(subscription.criteria, 'Observation?');
    assert.equal(subscription.channel.type, 'websocket');
    await store.pollChanges(); // the baseline
    const polls = server.requests.filter((r) => r.startsWith('GET /fhir/Observation?_lastUpdated')).length;
    const theirs = await other.create(fresh(fx.observations[0] as Observation));
    const until = Date.now() + 2000;
    while (heard.length < 1 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(heard.map((c) => `${c.kind} ${c.resourceType}/${c.id}`), [`create Observation/${theirs.id as string}`]);
    assert.equal(server.requests.filter((r) => r.startsWith('GET /fhir/Observation?_lastUpdated')).length, polls + 1, 'one poll, on the ping');
    stop();
    const deleted = async () => other.read('Subscription', subscriptionId).then(() => false, (e: unknown) => isChartStoreError(e, 'not-found'));
    const gone = Date.now() + 2000;
    while ((server.bindings().length > 0 || !(await deleted())) && Date.now() < gone) await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(server.bindings(), [], 'the socket is closed');
    assert.equal(await deleted(), true, 'the Subscription is deleted');
  });

  it('stops polling when the last watcher stops', async () => {
    const store = new FhirRestStore({ baseUrl: server.baseUrl, pollIntervalMs: 30, watchTypes: ['Patient'] });
    const stop = store.watch({}, () => undefined);
    await new Promise((r) => setTimeout(r, 120));
    stop();
    await new Promise((r) => setTimeout(r, 50));
    const count = server.requests.filter((r) => r.startsWith('GET /fhir/Patient?_lastUpdated')).length;
    assert.ok(count >= 2, `polled ${count} times while watched`);
    await new Promise((r) => setTimeout(r, 150));
    assert.equal(server.requests.filter((r) => r.startsWith('GET /fhir/Patient?_lastUpdated')).length, count, 'no poll after the last watcher stopped');
  });

  it('a patient filter hears nothing of other patients', async () => {
    const store = new FhirRestStore({ baseUrl: server.baseUrl, pollIntervalMs: 0 });
    const heard: ChartChange[] = [];
    const stop = store.watch({ patient: TONY }, (c) => heard.push(c));
    await store.update(copy(fx.otherPatient) as Patient);
    await store.update(copy(tony) as Patient);
    await new Promise((r) => setTimeout(r, 10));
    stop();
    assert.deepEqual(heard.map((c) => `${c.kind} ${c.resourceType}/${c.id}`), [`create ${TONY}`]);
  });
});
