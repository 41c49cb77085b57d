import { expect } from '@open-wc/testing';
import { deleteDB, openDB } from 'idb';
import { ConflictError, InvalidError, NotFoundError, UnavailableError, type ChartChange } from '@chartwell/core';
import type { Observation, Patient, Resource } from '@chartwell/fhir';
import { IndexedDbStore } from './indexed-db-store.js';
import { CHART_DB_VERSION, openChartDatabase, type ResourceRow } from './chart-database.js';
import { toStoreError } from './errors.js';

async function fixture<T = Resource>(path: string): Promise<T> {
  const response = await fetch(`/test/fixtures/${path}`);
  if (!response.ok) throw new Error(`fixture ${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** What a promise rejected with (fails if it resolved). */
async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to reject, but it resolved');
}

const stores: IndexedDbStore[] = [];
const names: string[] = [];

function freshName(): string {
  const name = `chartwell-store-test-${crypto.randomUUID()}`;
  names.push(name);
  return name;
}

function open(name: string, options: Omit<ConstructorParameters<typeof IndexedDbStore>[0], 'name'> = {}): IndexedDbStore {
  const store = new IndexedDbStore({ name, ...options });
  stores.push(store);
  return store;
}

/** The row of one resource, read straight from the database. */
async function rowOf(name: string, type: string, id: string): Promise<ResourceRow | undefined> {
  const db = await openChartDatabase(name);
  try {
    return await db.get('resources', [type, id]);
  } finally {
    db.close();
  }
}

/** The index keys of one resource with a given tag (`p`, `pc`, `r`, `t`, `s`, `e`), read straight from the database. */
async function keysOf(name: string, type: string, id: string, tag: string): Promise<string[][]> {
  return ((await rowOf(name, type, id))?.keys ?? []).filter(([t]) => t === tag);
}

async function counts(name: string): Promise<{ resources: number; history: number; keys: number }> {
  const db = await openChartDatabase(name);
  try {
    return { resources: await db.count('resources'), history: await db.count('history'), keys: await db.countFromIndex('resources', 'byKey') };
  } finally {
    db.close();
  }
}

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

async function until(condition: () => boolean, what: string, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

afterEach(async () => {
  for (const store of stores.splice(0)) store.close();
  for (const name of names.splice(0)) await deleteDB(name);
});

const observation = (patient: string, code: string, date: string, status: Observation['status'] = 'final'): Observation => ({
  resourceType: 'Observation',
  status,
  code: { coding: [{ system: 'http://loinc.org', code }] },
  subject: { reference: `Patient/${patient}` },
  effectiveDateTime: date,
});

describe('IndexedDbStore: reads, writes and versions (real IndexedDB)', () => {
  it('creates, reads, updates with versions and keeps every version, newest first', async () => {
    const times = ['2024-01-01T10:00:00.000Z', '2024-01-02T10:00:00.000Z', '2024-01-03T10:00:00.000Z'];
    let tick = 0;
    const store = open(freshName(), { now: () => new Date(times[Math.min(tick++, 2)] ?? '') });
    const allergy = await fixture<Resource>('fhir/AllergyIntolerance-example.json');

    const created = await store.create({ ...allergy, id: 'ignored' });
    expect(created.id).to.match(/^[0-9a-f-]{36}$/);
    expect(created.meta?.versionId).to.equal('1');
    expect(created.meta?.lastUpdated).to.equal(times[0]);
    expect(await store.read('AllergyIntolerance', created.id ?? '')).to.deep.equal(created);

    const updated = await store.update({ ...created, criticality: 'low' } as Resource, { ifMatch: 'W/"1"' });
    expect(updated.meta?.versionId).to.equal('2');
    expect(updated.meta?.lastUpdated).to.equal(times[1]);
    const history = await store.history('AllergyIntolerance', created.id ?? '');
    expect(history.map((r) => r.meta?.versionId)).to.deep.equal(['2', '1']);
    expect(history[1]).to.deep.equal(created);
  });

  it('rejects a stale ifMatch with a ConflictError naming the current version, and writes nothing', async () => {
    const store = open(freshName());
    const patient = await store.create<Patient>({ resourceType: 'Patient', gender: 'female' });
    await store.update({ ...patient, gender: 'male' });
    const error = await rejection(store.update({ ...patient, gender: 'other' }, { ifMatch: '1' }));
    expect(error).to.be.instanceOf(ConflictError);
    expect((error as ConflictError).currentVersionId).to.equal('2');
    expect((error as ConflictError).resourceType).to.equal('Patient');
    expect((await store.read('Patient', patient.id ?? '')).gender).to.equal('male');
    expect(await rejection(store.update({ ...patient, id: 'nobody' }, { ifMatch: '1' }))).to.be.instanceOf(ConflictError);
  });

  it('creates on update of an absent id, and rejects invalid resources with their issues, storing nothing', async () => {
    const name = freshName();
    const store = open(name);
    const made = await store.update<Patient>({ resourceType: 'Patient', id: 'p-1', active: true });
    expect(made.meta?.versionId).to.equal('1');
    expect((await store.read('Patient', 'p-1')).active).to.equal(true);

    const bad = await rejection(store.create({ resourceType: 'Observation', status: 'not-a-status', code: {} } as unknown as Observation));
    expect(bad).to.be.instanceOf(InvalidError);
    expect((bad as InvalidError).issues?.length).to.be.greaterThan(0);
    expect(await counts(name)).to.deep.include({ resources: 1, history: 0 }); // the current version lives in its row only
  });

  it('deletes keeping history: reads say deleted, an update brings the resource back as the next version', async () => {
    const store = open(freshName());
    const patient = await store.create<Patient>({ resourceType: 'Patient', active: true });
    const id = patient.id ?? '';
    await store.update({ ...patient, active: false });
    expect(await rejection(store.delete('Patient', id, { ifMatch: '1' }))).to.be.instanceOf(ConflictError);
    await store.delete('Patient', id, { ifMatch: '2' });

    const gone = await rejection(store.read('Patient', id));
    expect(gone).to.be.instanceOf(NotFoundError);
    expect((gone as NotFoundError).deleted).to.equal(true);
    expect(((await rejection(store.delete('Patient', id))) as NotFoundError).deleted).to.equal(true);
    expect(((await rejection(store.read('Patient', 'never'))) as NotFoundError).deleted).to.equal(false);
    expect((await store.history('Patient', id)).map((r) => r.meta?.versionId)).to.deep.equal(['2', '1']);
    expect(await store.search('Patient', { _id: id })).to.have.length(0);

    const back = await store.update({ ...patient, active: true });
    expect(back.meta?.versionId).to.equal('3');
    expect((await store.history('Patient', id)).map((r) => r.meta?.versionId)).to.deep.equal(['3', '2', '1']);
  });

  it('replaces a resource\'s index keys on update and removes them on delete', async () => {
    const name = freshName();
    const store = open(name);
    const obs = await store.create(observation('p1', '1234-5', '2020-05-03T10:00:00Z'));
    const id = obs.id ?? '';
    // its patient (patient and subject: the same one) by its date, and by its code: two keys in all
    expect(await keysOf(name, 'Observation', id, 'p')).to.deep.equal([['p', 'Observation', 'Patient/p1', '2020-05-03T10:00:00.000Z']]);
    expect(await keysOf(name, 'Observation', id, 'pc')).to.deep.equal([['pc', 'Observation', 'Patient/p1', '1234-5']]);
    expect((await rowOf(name, 'Observation', id))?.keys).to.have.length(2);
    expect(await store.search('Observation', { patient: 'p1', code: 'http://loinc.org|1234-5' })).to.have.length(1);

    await store.update({ ...obs, code: { coding: [{ system: 'http://loinc.org', code: '9999-9' }] }, subject: { reference: 'Patient/p2' } });
    expect(await keysOf(name, 'Observation', id, 'pc')).to.deep.equal([['pc', 'Observation', 'Patient/p2', '9999-9']]);
    expect((await keysOf(name, 'Observation', id, 'p')).map((key) => key[2])).to.deep.equal(['Patient/p2']);
    expect(await store.search('Observation', { subject: 'Patient/p2' })).to.have.length(1);
    expect(await store.search('Observation', { code: '1234-5' })).to.have.length(0);
    expect(await store.search('Observation', { patient: 'p1' })).to.have.length(0);
    expect(await store.search('Observation', { patient: 'p2', code: '9999-9' })).to.have.length(1);

    await store.delete('Observation', id);
    const tombstone = await rowOf(name, 'Observation', id);
    expect(tombstone?.resource).to.equal(undefined);
    expect(tombstone?.keys).to.deep.equal([]);
    expect(tombstone?.versionNumber).to.equal(2);
    expect(await store.search('Observation', { patient: 'p2' })).to.have.length(0);
  });

  it('returns copies: changing a result does not change the store', async () => {
    const store = open(freshName());
    const patient = await store.create<Patient>({ resourceType: 'Patient', active: true });
    patient.active = false;
    const read = await store.read('Patient', patient.id ?? '');
    expect(read.active).to.equal(true);
    read.active = false;
    expect((await store.read('Patient', patient.id ?? '')).active).to.equal(true);
  });
});

describe('IndexedDbStore: transactions are all or nothing', () => {
  it('runs the operations in order in one transaction and resolves with each result', async () => {
    const store = open(freshName());
    const existing = await store.create<Patient>({ resourceType: 'Patient', active: true });
    const [created, updated, deleted] = await store.transaction([
      { op: 'create', resource: observation('p1', '1', '2020') },
      { op: 'update', resource: { ...existing, active: false }, ifMatch: '1' },
      { op: 'delete', resourceType: 'Patient', id: existing.id ?? '', ifMatch: '2' },
    ]);
    expect(created?.meta?.versionId).to.equal('1');
    expect(updated?.meta?.versionId).to.equal('2');
    expect(deleted).to.equal(undefined);
    expect(((await rejection(store.read('Patient', existing.id ?? ''))) as NotFoundError).deleted).to.equal(true);
  });

  it('updates without ifMatch that turn out to replace existing resources still get the next version, their history and an update change', async () => {
    // such updates are first written as creates, without reading (an import's new resources);
    // IndexedDB refuses the add of an existing row and the transaction runs again reading each
    const name = freshName();
    const store = open(name);
    const existing = await store.update<Patient>({ resourceType: 'Patient', id: 'p-existing', active: true });
    const heard: ChartChange[] = [];
    store.watch({}, (change) => heard.push(change));
    const [replaced, added, again] = await store.transaction([
      { op: 'update', resource: { ...existing, active: false } },
      { op: 'update', resource: { resourceType: 'Patient', id: 'p-new', active: true } as Patient },
      { op: 'update', resource: { ...existing, gender: 'female' } },
    ]);
    expect([replaced?.meta?.versionId, added?.meta?.versionId, again?.meta?.versionId]).to.deep.equal(['2', '1', '3']);
    expect((await store.history('Patient', 'p-existing')).map((r) => [r.meta?.versionId, (r as Patient).active])).to.deep.equal([['3', true], ['2', false], ['1', true]]);
    expect(await counts(name)).to.deep.include({ resources: 2, history: 2 });
    await nextTask();
    expect(heard.map((c) => `${c.kind} ${c.id} ${c.versionId}`)).to.deep.equal(['update p-existing 2', 'create p-new 1', 'update p-existing 3']);
  });

  it('leaves nothing when an operation after good ones conflicts', async () => {
    const name = freshName();
    const store = open(name);
    const patient = await store.create<Patient>({ resourceType: 'Patient', active: true });
    const before = await counts(name);
    const error = await rejection(
      store.transaction([
        { op: 'create', resource: observation('p1', '1', '2020') },
        { op: 'update', resource: { ...patient, active: false } },
        { op: 'update', resource: { ...patient, gender: 'male' }, ifMatch: '1' },
      ]),
    );
    expect(error).to.be.instanceOf(ConflictError);
    expect((error as ConflictError).currentVersionId).to.equal('2'); // as the transaction saw it
    expect(await counts(name)).to.deep.equal(before);
    expect(await store.read('Patient', patient.id ?? '')).to.deep.equal(patient);
    expect(await store.search('Observation')).to.have.length(0);
  });

  it('leaves nothing when an error is thrown mid-way (a missing resource, an abort signal)', async () => {
    const name = freshName();
    const store = open(name);
    const before = await counts(name);
    expect(
      await rejection(
        store.transaction([
          { op: 'create', resource: observation('p1', '1', '2020') },
          { op: 'delete', resourceType: 'Patient', id: 'missing' },
        ]),
      ),
    ).to.be.instanceOf(NotFoundError);
    expect(await counts(name)).to.deep.equal(before);

    // a signal that turns aborted while the operations run inside the IndexedDB transaction
    const reason = new Error('stopped by the caller');
    let looks = 0;
    const signal = {
      get aborted() {
        return ++looks > 5; // the checks before the transaction, then one per operation
      },
      reason,
    };
    const ops = [1, 2, 3, 4].map((n) => ({ op: 'create' as const, resource: observation('p1', String(n), '2020') }));
    expect(await rejection(store.transaction(ops, { signal }))).to.equal(reason);
    expect(looks).to.be.greaterThan(5);
    expect(await counts(name)).to.deep.equal(before);
  });

  it('checks every operation before writing: one invalid resource rejects the whole transaction', async () => {
    const name = freshName();
    const store = open(name);
    const error = await rejection(
      store.transaction([
        { op: 'create', resource: observation('p1', '1', '2020') },
        { op: 'create', resource: { resourceType: 'Patient', gender: 'sometimes' } as unknown as Patient },
      ]),
    );
    expect(error).to.be.instanceOf(InvalidError);
    expect(await counts(name)).to.deep.equal({ resources: 0, history: 0, keys: 0 });
  });
});

describe('IndexedDbStore: two stores on one database (two tabs)', () => {
  it('never loses an update: with the same ifMatch exactly one wins, the other gets a ConflictError', async () => {
    const name = freshName();
    const a = open(name);
    const b = open(name);
    const patient = await a.create<Patient>({ resourceType: 'Patient', active: true });
    await b.read('Patient', patient.id ?? ''); // both connections open
    const results = await Promise.allSettled([
      a.update({ ...patient, gender: 'female' }, { ifMatch: '1' }),
      b.update({ ...patient, gender: 'male' }, { ifMatch: '1' }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).to.have.length(1);
    expect(lost).to.have.length(1);
    expect(lost[0]?.reason).to.be.instanceOf(ConflictError);
    expect((lost[0]?.reason as ConflictError).currentVersionId).to.equal('2');
    const winner = (won[0] as PromiseFulfilledResult<Patient>).value;
    expect(await b.read('Patient', patient.id ?? '')).to.deep.equal(winner);
    expect(await a.history('Patient', patient.id ?? '')).to.have.length(2);
  });

  it('tells a watcher in one store of the changes another store commits, with the patient', async () => {
    const name = freshName();
    const a = open(name);
    const b = open(name);
    const heard: ChartChange[] = [];
    const stop = a.watch({ patient: 'Patient/p1' }, (change) => heard.push(change));
    const own: ChartChange[] = [];
    a.watch({ resourceType: 'Observation' }, (change) => own.push(change));

    const obs = await b.create(observation('p1', '1', '2020'));
    await b.create(observation('p2', '1', '2020')); // another patient: not heard by the first watcher
    await until(() => heard.length >= 1 && own.length >= 2, 'the changes from the other store');
    expect(heard).to.deep.equal([{ kind: 'create', resourceType: 'Observation', id: obs.id, versionId: '1', patient: 'Patient/p1' }]);

    await a.delete('Observation', obs.id ?? '');
    await until(() => heard.length >= 2, 'the store\'s own delete');
    expect(heard[1]).to.deep.equal({ kind: 'delete', resourceType: 'Observation', id: obs.id, versionId: '1', patient: 'Patient/p1' });

    stop();
    await b.update({ ...obs, status: 'amended' });
    await until(() => own.length >= 4, 'the update');
    await nextTask();
    expect(heard).to.have.length(2);
  });

  it('tells no one of a transaction that failed', async () => {
    const store = open(freshName());
    const heard: ChartChange[] = [];
    store.watch({}, (change) => heard.push(change));
    await rejection(store.transaction([{ op: 'create', resource: observation('p1', '1', '2020') }, { op: 'delete', resourceType: 'Patient', id: 'missing' }]));
    await nextTask();
    expect(heard).to.deep.equal([]);
  });
});

describe('IndexedDbStore: clear errors', () => {
  it('says when an upgrade is blocked by an older version held open, calls onBlocked, and recovers once it closes', async () => {
    const name = freshName();
    const old = await openDB(name, 1, { upgrade: (db) => void db.createObjectStore('resources', { keyPath: ['resourceType', 'id'] }) });
    const blocked: number[] = [];
    const store = open(name, { onBlocked: (current) => blocked.push(current) });
    const error = await rejection(store.read('Patient', 'x'));
    expect(error).to.be.instanceOf(UnavailableError);
    expect(error.message).to.contain('blocked');
    expect(error.message).to.contain('another tab');
    expect(error.cause).to.exist;
    expect(blocked).to.deep.equal([1]);
    expect(await rejection(store.read('Patient', 'x'))).to.be.instanceOf(UnavailableError);

    old.close();
    let result: unknown;
    for (let attempt = 0; attempt < 50; attempt++) {
      result = await store.read('Patient', 'x').catch((e: unknown) => e);
      if (result instanceof NotFoundError) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(result).to.be.instanceOf(NotFoundError);
  });

  it('lets a newer version in another tab upgrade (onBlocking), then says the database is newer', async () => {
    const name = freshName();
    const blocking: (number | null)[] = [];
    const store = open(name, { onBlocking: (_current, next) => blocking.push(next) });
    await store.create<Patient>({ resourceType: 'Patient' });
    const newer = await openDB(name, CHART_DB_VERSION + 1); // would wait forever if the store kept its connection
    newer.close();
    expect(blocking).to.deep.equal([CHART_DB_VERSION + 1]);
    const error = await rejection(store.search('Patient'));
    expect(error).to.be.instanceOf(UnavailableError);
    expect(error.message).to.contain('newer');
    expect((error.cause as DOMException).name).to.equal('VersionError');
  });

  it('says when IndexedDB is missing (private mode, storage disabled)', async () => {
    // window's attributes are its own properties (a [Global] interface): put the original back after
    const original = Object.getOwnPropertyDescriptor(window, 'indexedDB') ?? Object.getOwnPropertyDescriptor(Window.prototype, 'indexedDB');
    Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
    try {
      const error = await rejection(open(freshName()).read('Patient', 'x'));
      expect(error).to.be.instanceOf(UnavailableError);
      expect(error.message).to.contain('IndexedDB is not available');
      expect(error.cause).to.exist;
    } finally {
      if (original) Object.defineProperty(window, 'indexedDB', original);
    }
    expect(window.indexedDB).to.be.instanceOf(IDBFactory);
  });

  it('says when the browser refuses IndexedDB (indexedDB.open throws, as private modes and blocked site storage do)', async () => {
    const original = Object.getOwnPropertyDescriptor(window, 'indexedDB') ?? Object.getOwnPropertyDescriptor(Window.prototype, 'indexedDB');
    const refusal = new DOMException('The operation is insecure.', 'SecurityError');
    // not a fake database: a factory whose open() refuses, which is all such a browser offers
    const refusing = { open: () => { throw refusal; } };
    Object.defineProperty(window, 'indexedDB', { value: refusing, configurable: true });
    try {
      const error = await rejection(open(freshName()).create<Patient>({ resourceType: 'Patient' }));
      expect(error).to.be.instanceOf(UnavailableError);
      expect(error.message).to.contain('denied');
      expect(error.cause).to.equal(refusal);
    } finally {
      if (original) Object.defineProperty(window, 'indexedDB', original);
    }
  });

  it('says when the storage quota is used up, and a refused transaction leaves nothing behind (a real quota: a 200 KB storage bucket)', async () => {
    // Chromium's Storage Buckets API gives an IndexedDB with its own small quota: real
    // QuotaExceededErrors, without filling the disk
    const buckets = (navigator as unknown as { storageBuckets: { open(name: string, options: { quota: number }): Promise<{ indexedDB: IDBFactory }>; delete(name: string): Promise<void> } }).storageBuckets;
    expect(buckets, 'navigator.storageBuckets (Chromium 122+)').to.exist;
    const bucketName = `quota-${crypto.randomUUID().slice(0, 8)}`;
    const bucket = await buckets.open(bucketName, { quota: 200 * 1024 });
    const original = Object.getOwnPropertyDescriptor(window, 'indexedDB') ?? Object.getOwnPropertyDescriptor(Window.prototype, 'indexedDB');
    Object.defineProperty(window, 'indexedDB', { value: bucket.indexedDB, configurable: true });
    const store = new IndexedDbStore({ name: 'quota' });
    try {
      const small = await store.create<Patient>({ resourceType: 'Patient', active: true });
      // 120 observations of ~4 KB each: far more than the bucket holds, in one transaction
      const note = 'x'.repeat(4000);
      const big = Array.from({ length: 120 }, () => ({ op: 'create' as const, resource: { ...observation(small.id ?? '', '8867-4', '2024-01-01'), note: [{ text: note }] } as Observation }));
      const error = await rejection(store.transaction(big));
      expect(error).to.be.instanceOf(UnavailableError);
      expect(error.message).to.contain('quota');
      expect((error.cause as DOMException).name).to.equal('QuotaExceededError');
      expect(await store.search('Observation', { patient: small.id ?? '' })).to.have.length(0);
      expect((await store.read('Patient', small.id ?? '')).active).to.equal(true);
    } finally {
      store.close();
      if (original) Object.defineProperty(window, 'indexedDB', original);
      await new Promise((resolve, reject) => Object.assign(bucket.indexedDB.deleteDatabase('quota'), { onsuccess: resolve, onerror: reject }));
      await buckets.delete(bucketName);
    }
  });

  it('names quota, aborts and denied access as UnavailableError with the cause', () => {
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const error = toStoreError(quota, 'clinic') as UnavailableError;
    expect(error).to.be.instanceOf(UnavailableError);
    expect(error.message).to.contain('quota');
    expect(error.cause).to.equal(quota);
    expect((toStoreError(new DOMException('x', 'SecurityError'), 'clinic') as Error).message).to.contain('denied');
    expect(toStoreError(new DOMException('x', 'AbortError'), 'clinic')).to.be.instanceOf(UnavailableError);
    const own = new ConflictError({});
    expect(toStoreError(own, 'clinic')).to.equal(own);
  });

  it('rejects calls after close', async () => {
    const store = open(freshName());
    await store.create<Patient>({ resourceType: 'Patient' });
    store.close();
    expect(await rejection(store.search('Patient'))).to.be.instanceOf(UnavailableError);
  });
});
