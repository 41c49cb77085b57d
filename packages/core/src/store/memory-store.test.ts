import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Observation, Patient, Resource } from '@chartwell/fhir';
import { fixtureJson } from '../../../../test/support/fixtures.js';
import type { ChartChange } from './chart-store.js';
import { ConflictError, InvalidError, NotFoundError, isChartStoreError } from './errors.js';
import { MemoryStore } from './memory-store.js';

const example = <R extends Resource = Resource>(name: string) => fixtureJson<R>(`fhir/${name}.json`);

const CLEMENTE_ID = 'd78af07c-9cb9-4f31-9b11-c45a28f2eec8';

/** Clemente's bundle with `urn:uuid:` references made `Type/id` (as an import would). */
function clemente(): Resource[] {
  const bundle = fixtureJson<{ entry: { fullUrl: string; resource: Resource }[] }>('synthea/smart-r4-2019/Clemente_Kreiger_1484a42d-0eaf-4654-9cbf-6b050a5cd73b.json');
  const byUrl = new Map(bundle.entry.map((e) => [e.fullUrl, `${e.resource.resourceType}/${e.resource.id}`]));
  return bundle.entry.map((e) => JSON.parse(JSON.stringify(e.resource), (key: string, value: unknown) => (key === 'reference' && typeof value === 'string' ? (byUrl.get(value) ?? value) : value)) as Resource);
}

/** A clock that starts at 2024-01-01T00:00:00Z and moves one minute per call. */
function steppingClock(): () => Date {
  let minutes = 0;
  return () => new Date(Date.UTC(2024, 0, 1, 0, minutes++));
}

/** Lets queued microtasks (watch deliveries) run. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('MemoryStore: writes', () => {
  it('creates under a new random id with version 1 and the clock time, leaving the input alone', async () => {
    const store = new MemoryStore({ now: steppingClock() });
    const input = example<Patient>('Patient-example');
    const before = JSON.stringify(input);
    const created = await store.create(input);
    assert.match(created.id ?? '', UUID);
    assert.notEqual(created.id, 'example');
    assert.equal(created.meta?.versionId, '1');
    assert.equal(created.meta?.lastUpdated, '2024-01-01T00:00:00.000Z');
    assert.equal(JSON.stringify(input), before);
    const second = await store.create(input);
    assert.notEqual(second.id, created.id);
    assert.equal(second.meta?.lastUpdated, '2024-01-01T00:01:00.000Z');
    assert.deepEqual(await store.read('Patient', created.id as string), created);
  });

  it('hands out copies: changing what went in or came out never changes the store', async () => {
    const store = new MemoryStore();
    const input = example<Patient>('Patient-example');
    const created = await store.create(input);
    const id = created.id as string;
    (input.name as { family?: string }[])[0]!.family = 'Changed-input';
    (created.name as { family?: string }[])[0]!.family = 'Changed-result';
    const read = await store.read('Patient', id);
    assert.equal(read.name?.[0]?.family, 'Chalmers');
    (read.name as { family?: string }[])[0]!.family = 'Changed-read';
    const [found] = await store.search('Patient', { _id: id });
    assert.equal(found?.name?.[0]?.family, 'Chalmers');
    (found!.name as { family?: string }[])[0]!.family = 'Changed-search';
    const [latest] = await store.history('Patient', id);
    assert.equal(latest?.name?.[0]?.family, 'Chalmers');
  });

  it('updates with increasing versions and honours ifMatch in both forms', async () => {
    const store = new MemoryStore({ now: steppingClock() });
    const v1 = await store.create(example<Observation>('Observation-example'));
    const v2 = await store.update({ ...v1, status: 'amended' }, { ifMatch: '1' });
    assert.equal(v2.meta?.versionId, '2');
    assert.equal(v2.meta?.lastUpdated, '2024-01-01T00:01:00.000Z');
    const v3 = await store.update({ ...v2, status: 'corrected' }, { ifMatch: 'W/"2"' });
    assert.equal(v3.meta?.versionId, '3');
    const v4 = await store.update({ ...v3, status: 'final' });
    assert.equal(v4.meta?.versionId, '4');
    assert.equal((await store.read('Observation', v1.id as string)).status, 'final');
  });

  it('throws ConflictError with the current version for a stale ifMatch, writing nothing', async () => {
    const store = new MemoryStore();
    const v1 = await store.create(example<Observation>('Observation-example'));
    await store.update({ ...v1, status: 'amended' });
    await assert.rejects(store.update({ ...v1, status: 'cancelled' }, { ifMatch: '1' }), (error) => {
      assert.ok(error instanceof ConflictError);
      assert.equal(error.code, 'conflict');
      assert.equal(error.currentVersionId, '2');
      assert.equal(error.resourceType, 'Observation');
      assert.equal(error.id, v1.id);
      return true;
    });
    assert.equal((await store.read('Observation', v1.id as string)).status, 'amended');
    await assert.rejects(store.delete('Observation', v1.id as string, { ifMatch: 'W/"1"' }), (e) => e instanceof ConflictError && e.currentVersionId === '2');
    assert.equal((await store.history('Observation', v1.id as string)).length, 2);
  });

  it('creates on update when the id is absent (update-as-create), but not with ifMatch', async () => {
    const store = new MemoryStore();
    const patient = await store.update(example<Patient>('Patient-example'));
    assert.equal(patient.id, 'example');
    assert.equal(patient.meta?.versionId, '1');
    await assert.rejects(store.update({ ...example<Patient>('Patient-f201') }, { ifMatch: '1' }), (e) => e instanceof ConflictError && e.currentVersionId === undefined);
    await assert.rejects(store.read('Patient', 'f201'), NotFoundError);
  });

  it('rejects invalid resources with InvalidError listing the issues, storing nothing', async () => {
    const store = new MemoryStore();
    const bad = { ...example<Observation>('Observation-example'), status: 'done' } as unknown as Observation;
    await assert.rejects(store.update(bad), (error) => {
      assert.ok(error instanceof InvalidError);
      assert.equal(error.code, 'invalid');
      assert.ok((error.issues?.length ?? 0) > 0);
      assert.ok(error.issues?.some((i) => i.path.includes('status')), JSON.stringify(error.issues));
      return true;
    });
    await assert.rejects(store.read('Observation', 'example'), NotFoundError);
    assert.equal((await store.search('Observation', {})).length, 0);
    await assert.rejects(store.create({ resourceType: 'NotAType' } as unknown as Resource), InvalidError);
    // an update needs an id
    const { id: _id, ...withoutId } = example<Patient>('Patient-example');
    await assert.rejects(store.update(withoutId as Patient), (e) => isChartStoreError(e, 'invalid') && e.path === 'Patient.id');
    // a malformed ifMatch is bad input too
    await assert.rejects(store.update(example<Patient>('Patient-example'), { ifMatch: 'version one' }), InvalidError);
  });

  it('deletes, keeping history; a later read says it was deleted; an update brings it back', async () => {
    const store = new MemoryStore();
    const v1 = await store.update(example<Patient>('Patient-example'));
    await store.update({ ...v1, active: false });
    await store.delete('Patient', 'example', { ifMatch: '2' });
    await assert.rejects(store.read('Patient', 'example'), (e) => e instanceof NotFoundError && e.deleted && e.code === 'not-found');
    await assert.rejects(store.delete('Patient', 'example'), (e) => e instanceof NotFoundError && e.deleted);
    await assert.rejects(store.delete('Patient', 'never-was'), (e) => e instanceof NotFoundError && !e.deleted);
    await assert.rejects(store.read('Patient', 'never-was'), (e) => e instanceof NotFoundError && !e.deleted);
    assert.deepEqual((await store.search('Patient', {})).length, 0);
    const history = await store.history('Patient', 'example');
    assert.deepEqual(history.map((p) => p.meta?.versionId), ['2', '1']);
    assert.equal(history[0]?.active, false);
    const back = await store.update(example<Patient>('Patient-example'));
    assert.equal(back.meta?.versionId, '3');
    assert.deepEqual((await store.history('Patient', 'example')).map((p) => p.meta?.versionId), ['3', '2', '1']);
    await assert.rejects(store.history('Patient', 'never-was'), NotFoundError);
  });

  it('rejects with the signal reason when already aborted, writing nothing', async () => {
    const store = new MemoryStore();
    const reason = new Error('user navigated away');
    const signal = { aborted: true, reason };
    await assert.rejects(store.create(example<Patient>('Patient-example'), { signal }), (e) => e === reason);
    await assert.rejects(store.update(example<Patient>('Patient-example'), { signal }), (e) => e === reason);
    await assert.rejects(store.transaction([{ op: 'create', resource: example('Patient-f201') }], { signal }), (e) => e === reason);
    await assert.rejects(store.search('Patient', {}, { signal }), (e) => e === reason);
    await assert.rejects(store.read('Patient', 'example', { signal }), (e) => e === reason);
    assert.equal((await store.search('Patient', {})).length, 0);
  });
});

describe('MemoryStore: transactions and watch', () => {
  it('commits every operation in order and returns each result', async () => {
    const store = new MemoryStore();
    await store.update(example<Patient>('Patient-f201'));
    const results = await store.transaction([
      { op: 'update', resource: example('Patient-example') },
      { op: 'create', resource: example('Observation-example') },
      { op: 'delete', resourceType: 'Patient', id: 'f201', ifMatch: '1' },
    ]);
    assert.equal(results.length, 3);
    assert.equal(results[0]?.id, 'example');
    assert.match(results[1]?.id ?? '', UUID);
    assert.equal(results[2], undefined);
    await assert.rejects(store.read('Patient', 'f201'), NotFoundError);
  });

  it('leaves nothing and tells no watcher when one operation fails', async () => {
    const store = new MemoryStore();
    const original = await store.update(example<Patient>('Patient-f201'));
    const heard: ChartChange[] = [];
    store.watch({}, (change) => heard.push(change));
    const invalid = { ...example<Observation>('Observation-example'), status: 'nonsense' } as unknown as Observation;
    await assert.rejects(
      store.transaction([
        { op: 'update', resource: example('Patient-example') },
        { op: 'update', resource: { ...original, active: false } },
        { op: 'delete', resourceType: 'Patient', id: 'f201' },
        { op: 'create', resource: invalid },
      ]),
      InvalidError,
    );
    await settle();
    assert.deepEqual(heard, []);
    await assert.rejects(store.read('Patient', 'example'), NotFoundError);
    assert.deepEqual(await store.read('Patient', 'f201'), original);
    assert.equal((await store.history('Patient', 'f201')).length, 1);
    // a conflict fails the transaction the same way
    await assert.rejects(store.transaction([{ op: 'create', resource: example('Patient-example') }, { op: 'update', resource: original, ifMatch: '7' }]), ConflictError);
    assert.equal((await store.search('Patient', {})).length, 1);
    await settle();
    assert.deepEqual(heard, []);
  });

  it('sees its own earlier operations within a transaction', async () => {
    const store = new MemoryStore();
    const results = await store.transaction([
      { op: 'update', resource: example('Patient-example') },
      { op: 'update', resource: { ...example<Patient>('Patient-example'), active: false }, ifMatch: '1' },
    ]);
    assert.deepEqual(results.map((r) => r?.meta?.versionId), ['1', '2']);
  });

  it('notifies after the commit, asynchronously and in commit order, with the patient', async () => {
    const store = new MemoryStore();
    const heard: ChartChange[] = [];
    store.watch({}, (change) => heard.push(change));
    const writing = store.update(example<Patient>('Patient-example'));
    assert.deepEqual(heard, [], 'listeners run in a microtask, not during the write');
    const patient = await writing;
    assert.equal(heard.length, 1, 'the change is heard by the time the write resolves');
    const observation = await store.create(example<Observation>('Observation-example')); // subject Patient/example
    await store.update({ ...observation, status: 'amended' });
    await store.delete('Observation', observation.id as string);
    await settle();
    assert.deepEqual(heard, [
      { kind: 'create', resourceType: 'Patient', id: 'example', versionId: '1', patient: 'Patient/example' },
      { kind: 'create', resourceType: 'Observation', id: observation.id, versionId: '1', patient: 'Patient/example' },
      { kind: 'update', resourceType: 'Observation', id: observation.id, versionId: '2', patient: 'Patient/example' },
      { kind: 'delete', resourceType: 'Observation', id: observation.id, versionId: '2', patient: 'Patient/example' },
    ]);
    assert.equal(patient.id, 'example');
  });

  it('keeps telling the other listeners when one throws', async () => {
    const store = new MemoryStore();
    const heard: string[] = [];
    const reported: unknown[] = [];
    const original = console.error;
    console.error = (...data: unknown[]) => void reported.push(data[1]);
    try {
      store.watch({}, () => {
        throw new Error('listener bug');
      });
      store.watch({}, (c) => heard.push(c.id));
      await store.update(example<Patient>('Patient-example'));
      await settle();
    } finally {
      console.error = original;
    }
    assert.deepEqual(heard, ['example']);
    assert.equal((reported[0] as Error).message, 'listener bug');
  });

  it('filters by resource type and patient, and stops when unsubscribed', async () => {
    const store = new MemoryStore();
    const observations: ChartChange[] = [];
    const forF201: ChartChange[] = [];
    const stopped: ChartChange[] = [];
    store.watch({ resourceType: ['Observation'] }, (c) => observations.push(c));
    store.watch({ patient: 'Patient/f201' }, (c) => forF201.push(c));
    const stop = store.watch({}, (c) => stopped.push(c));
    stop();
    stop();
    await store.update(example<Patient>('Patient-f201'));
    await store.update(example<Observation>('Observation-example')); // Patient/example
    await store.update(example<Observation>('Observation-f001')); // Patient/f001
    await store.update(example('Practitioner-f201')); // no patient
    await settle();
    assert.deepEqual(observations.map((c) => c.id), ['example', 'f001']);
    assert.deepEqual(forF201.map((c) => `${c.resourceType}/${c.id}`), ['Patient/f201']);
    assert.deepEqual(stopped, []);
  });
});

describe('MemoryStore: search', () => {
  it('searches the stored Synthea chart with includes resolved from the store', async () => {
    const store = new MemoryStore();
    await store.transaction(clemente().map((resource) => ({ op: 'update' as const, resource })));
    const heights = await store.search('Observation', { patient: CLEMENTE_ID, code: 'http://loinc.org|8302-2', _sort: '-date', _include: 'Observation:patient' });
    assert.deepEqual(heights.map((o) => o.id), ['569945aa-8360-45be-b731-09e9701a881d', 'c10720d0-5440-4586-acc7-1637ce9dd728', '2fff439b-abfd-42a4-b17c-07f2cc59fbc9']);
    assert.deepEqual(heights.included.map((p) => `${p.resourceType}/${p.id}`), [`Patient/${CLEMENTE_ID}`]);
    assert.equal(heights.next, undefined);
    const page = await store.search('Observation', { patient: CLEMENTE_ID, date: '2018', _count: 20 });
    assert.equal(page.length, 20);
    const rest = await store.search('Observation', { patient: CLEMENTE_ID, date: '2018', _count: 20, _cursor: page.next as string });
    assert.equal(rest.length, 1); // 21 Observations on 2018-09-17
    assert.equal(rest.next, undefined);
  });

  it('leaves deleted resources out of results and includes', async () => {
    const store = new MemoryStore();
    await store.transaction(clemente().map((resource) => ({ op: 'update' as const, resource })));
    await store.delete('Patient', CLEMENTE_ID);
    await store.delete('Observation', '569945aa-8360-45be-b731-09e9701a881d');
    const heights = await store.search('Observation', { code: '8302-2', _include: 'Observation:patient' });
    assert.equal(heights.length, 2);
    assert.deepEqual(heights.included, []);
  });

  it('rejects a bad query with InvalidError naming the parameter', async () => {
    const store = new MemoryStore();
    await assert.rejects(store.search('Observation', { _count: 0 }), (e) => isChartStoreError(e, 'invalid') && e.path === '_count');
    await assert.rejects(store.search('Observation', { date: 'ge2020-13' as `${number}` }), (e) => isChartStoreError(e, 'invalid') && e.path === 'date');
  });
});
