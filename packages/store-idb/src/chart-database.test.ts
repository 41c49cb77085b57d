import { expect } from '@open-wc/testing';
import { deleteDB, openDB } from 'idb';
import { NotFoundError } from '@chartwell/core';
import type { AllergyIntolerance, Patient } from '@chartwell/fhir';
import { openChartDatabase, CHART_DB_VERSION, type StoredResource } from '@chartwell/store-idb';
import { INDEX_KEYS_VERSION, resourceRow } from './chart-database.js';
import { IndexedDbStore } from './indexed-db-store.js';

async function fixture(path: string): Promise<StoredResource> {
  const response = await fetch(`/test/fixtures/${path}`);
  if (!response.ok) throw new Error(`fixture ${path}: HTTP ${response.status}`);
  return (await response.json()) as StoredResource;
}

describe('openChartDatabase (real IndexedDB)', () => {
  const name = `chartwell-test-${crypto.randomUUID()}`;

  after(() => deleteDB(name));

  it('stores an official R4 example in its row and reads it back, unchanged, after the database is reopened', async () => {
    const allergy = await fixture('fhir/AllergyIntolerance-example.json');
    const db = await openChartDatabase(name);
    await db.put('resources', resourceRow(allergy, 1));
    db.close();

    const reopened = await openChartDatabase(name);
    try {
      expect(reopened.version).to.equal(CHART_DB_VERSION);
      const row = await reopened.get('resources', ['AllergyIntolerance', 'example']);
      expect(row?.resource).to.deep.equal(allergy);
      // the example's patient and its date (recordedDate 2014-10-09T14:58:00+11:00), as the byKey index holds them
      expect(await reopened.getAllKeysFromIndex('resources', 'byKey', ['p', 'AllergyIntolerance', 'Patient/example', '2014-10-09T03:58:00.000Z'])).to.deep.equal([['AllergyIntolerance', 'example']]);
    } finally {
      reopened.close(); // an open connection would block deleteDB in after()
    }
  });

  it('keeps resources of different types with the same id apart', async () => {
    const db = await openChartDatabase(name);
    try {
      const tx = db.transaction('resources', 'readwrite');
      await Promise.all([
        tx.store.put(resourceRow({ resourceType: 'Patient', id: 'example', gender: 'female' }, 1)),
        tx.store.put(resourceRow({ resourceType: 'Practitioner', id: 'example', active: true }, 1)),
        tx.done,
      ]);
      expect((await db.get('resources', ['Patient', 'example']))?.resource?.['gender']).to.equal('female');
      expect((await db.get('resources', ['Practitioner', 'example']))?.resource?.['active']).to.equal(true);
      expect(await db.get('resources', ['Patient', 'missing'])).to.equal(undefined);
    } finally {
      db.close();
    }
  });
});

describe('schema migration 1 → 3 (real IndexedDB)', () => {
  const name = `chartwell-migration-test-${crypto.randomUUID()}`;

  after(() => deleteDB(name));

  it('keeps the data written with the version 1 schema: readable, searchable, with its version, and writable with ifMatch', async () => {
    const allergy = await fixture('fhir/AllergyIntolerance-example.json'); // meta.versionId absent
    const patient = { ...(await fixture('fhir/Patient-example.json')), meta: { versionId: '7', lastUpdated: '2019-01-01T00:00:00Z' } };
    // exactly what version 1 of openChartDatabase created and wrote
    const v1 = await openDB(name, 1, { upgrade: (db) => void db.createObjectStore('resources', { keyPath: ['resourceType', 'id'] }) });
    await v1.put('resources', allergy);
    await v1.put('resources', patient);
    v1.close();

    const db = await openChartDatabase(name);
    try {
      expect(db.version).to.equal(3);
      expect([...db.objectStoreNames].sort()).to.deep.equal(['history', 'meta', 'resources']);
      const row = await db.get('resources', ['AllergyIntolerance', 'example']);
      expect(row?.resource).to.deep.equal(allergy);
      expect(row?.versionNumber).to.equal(1);
      expect((await db.get('resources', ['Patient', 'example']))?.versionNumber).to.equal(7);
      expect(await db.count('history')).to.equal(0); // no earlier versions were kept by version 1
      expect(await db.countFromIndex('resources', 'byKey', IDBKeyRange.bound(['p', 'AllergyIntolerance', 'Patient/example'], ['p', 'AllergyIntolerance', 'Patient/example', []]))).to.equal(1);
    } finally {
      db.close();
    }

    const store = new IndexedDbStore({ name });
    try {
      expect(await store.read('AllergyIntolerance', 'example')).to.deep.equal(allergy);
      expect(await store.history('Patient', 'example')).to.deep.equal([patient]);
      expect((await store.search('AllergyIntolerance', { patient: 'example' })).map((r) => r.id)).to.deep.equal(['example']);
      const updated = await store.update({ ...(allergy as unknown as AllergyIntolerance), criticality: 'high' }, { ifMatch: '1' });
      expect(updated.meta?.versionId).to.equal('2');
      expect((await store.update(patient as unknown as Patient, { ifMatch: '7' })).meta?.versionId).to.equal('8');
      await store.delete('AllergyIntolerance', 'example');
      expect(await store.read('AllergyIntolerance', 'example').catch((e: unknown) => e)).to.be.instanceOf(NotFoundError);
    } finally {
      store.close();
    }
  });
});

describe('schema migration 2 → 3 (real IndexedDB)', () => {
  const name = `chartwell-migration-test-${crypto.randomUUID()}`;

  after(() => deleteDB(name));

  it('keeps every version, deletes and search of a version 2 database', async () => {
    const allergy = { ...(await fixture('fhir/AllergyIntolerance-example.json')), meta: { versionId: '2' } };
    const allergyV1 = { ...allergy, meta: { versionId: '1' }, criticality: 'low' };
    const gone = { resourceType: 'Patient', id: 'gone', meta: { versionId: '1' }, active: true };
    const back = { resourceType: 'Patient', id: 'back', meta: { versionId: '3' }, active: true };
    const backV1 = { ...back, meta: { versionId: '1' }, active: false };
    const backV2 = { ...back, meta: { versionId: '2' } };
    // exactly the layout version 2 of openChartDatabase created and wrote: every version in
    // history (the current one too), a deleted resource as its last entry marked deleted, and a
    // search store (whose records version 3 drops)
    const v2 = await openDB(name, 2, {
      upgrade(db) {
        db.createObjectStore('resources', { keyPath: ['resourceType', 'id'] });
        db.createObjectStore('history', { keyPath: ['resourceType', 'id', 'versionNumber'] });
        const search = db.createObjectStore('search', { keyPath: ['resourceType', 'id'] });
        for (const [index, field] of [['byValue', 'values'], ['byPatientValue', 'patientValues'], ['byStart', 'starts'], ['byEnd', 'ends'], ['byPatientStart', 'patientStarts'], ['byPatientEnd', 'patientEnds']]) {
          search.createIndex(index as string, field as string, { multiEntry: true });
        }
      },
    });
    const tx = v2.transaction(['resources', 'history', 'search'], 'readwrite');
    const history = tx.objectStore('history');
    await Promise.all([
      tx.objectStore('resources').put(allergy),
      tx.objectStore('resources').put(back),
      history.put({ resourceType: 'AllergyIntolerance', id: 'example', versionNumber: 1, resource: allergyV1 }),
      history.put({ resourceType: 'AllergyIntolerance', id: 'example', versionNumber: 2, resource: allergy }),
      history.put({ resourceType: 'Patient', id: 'gone', versionNumber: 1, resource: gone, deleted: true, deletedAt: '2024-03-01T00:00:00.000Z' }),
      history.put({ resourceType: 'Patient', id: 'back', versionNumber: 1, resource: backV1, deleted: true, deletedAt: '2024-03-01T00:00:00.000Z' }),
      history.put({ resourceType: 'Patient', id: 'back', versionNumber: 2, resource: backV2 }),
      history.put({ resourceType: 'Patient', id: 'back', versionNumber: 3, resource: back }),
      tx.objectStore('search').put({ resourceType: 'AllergyIntolerance', id: 'example', values: [['AllergyIntolerance', 'patient', 'Patient/example']], patientValues: [], starts: [], ends: [], patientStarts: [], patientEnds: [] }),
      tx.done,
    ]);
    v2.close();

    const db = await openChartDatabase(name);
    try {
      expect(db.version).to.equal(3);
      expect([...db.objectStoreNames].sort()).to.deep.equal(['history', 'meta', 'resources']);
      expect((await db.getAllKeys('history')).map(([type, id, n]) => `${type}/${id}/${n}`)).to.deep.equal(['AllergyIntolerance/example/1', 'Patient/back/1', 'Patient/back/2', 'Patient/gone/1']);
      const tombstone = await db.get('resources', ['Patient', 'gone']);
      expect(tombstone).to.deep.equal({ resourceType: 'Patient', id: 'gone', versionNumber: 1, deleted: true, deletedAt: '2024-03-01T00:00:00.000Z', keys: [] });
    } finally {
      db.close();
    }

    const store = new IndexedDbStore({ name });
    try {
      expect(await store.read('AllergyIntolerance', 'example')).to.deep.equal(allergy);
      expect((await store.history('AllergyIntolerance', 'example')).map((r) => r.meta?.versionId)).to.deep.equal(['2', '1']);
      expect((await store.history('Patient', 'back')).map((r) => [r.meta?.versionId, r.active])).to.deep.equal([['3', true], ['2', true], ['1', false]]);
      expect((await store.search('AllergyIntolerance', { patient: 'example' })).map((r) => r.id)).to.deep.equal(['example']);
      const deleted = await store.read('Patient', 'gone').catch((e: unknown) => e);
      expect(deleted).to.be.instanceOf(NotFoundError);
      expect((deleted as NotFoundError).deleted).to.equal(true);
      expect(await store.history('Patient', 'gone')).to.deep.equal([gone]);
      // a write after the delete is the next version
      expect((await store.update({ ...(gone as Patient), active: false })).meta?.versionId).to.equal('2');
      expect((await store.update({ ...(allergy as unknown as AllergyIntolerance) }, { ifMatch: '2' })).meta?.versionId).to.equal('3');
    } finally {
      store.close();
    }
  });
});

describe('index keys of another Chartwell version (real IndexedDB)', () => {
  const name = `chartwell-rekey-test-${crypto.randomUUID()}`;

  after(() => deleteDB(name));

  it('recomputes every row\'s keys when they were computed from other search parameters, so searches find them', async () => {
    const allergy = await fixture('fhir/AllergyIntolerance-example.json');
    const db = await openChartDatabase(name);
    // a row keyed by a version that knew no search parameters, and the version it was keyed with
    await db.put('resources', { ...resourceRow(allergy, 1), keys: [] });
    await db.put('meta', 'an-older-version', 'keys');
    db.close();

    const store = new IndexedDbStore({ name });
    try {
      expect((await store.search('AllergyIntolerance', { patient: 'example' })).map((r) => r.id)).to.deep.equal(['example']);
    } finally {
      store.close();
    }
    const reopened = await openChartDatabase(name);
    try {
      expect(await reopened.get('meta', 'keys')).to.equal(INDEX_KEYS_VERSION);
      expect((await reopened.get('resources', ['AllergyIntolerance', 'example']))?.keys).to.deep.equal(resourceRow(allergy, 1).keys);
    } finally {
      reopened.close();
    }
  });
});
