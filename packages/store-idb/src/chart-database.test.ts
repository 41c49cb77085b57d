import { expect } from '@open-wc/testing';
import { deleteDB, openDB } from 'idb';
import { NotFoundError } from '@chartwell/core';
import type { AllergyIntolerance, Patient } from '@chartwell/fhir';
import { openChartDatabase, CHART_DB_VERSION, type StoredResource } from '@chartwell/store-idb';
import { IndexedDbStore } from './indexed-db-store.js';

async function fixture(path: string): Promise<StoredResource> {
  const response = await fetch(`/test/fixtures/${path}`);
  if (!response.ok) throw new Error(`fixture ${path}: HTTP ${response.status}`);
  return (await response.json()) as StoredResource;
}

describe('openChartDatabase (real IndexedDB)', () => {
  const name = `chartwell-test-${crypto.randomUUID()}`;

  after(() => deleteDB(name));

  it('stores an official R4 example and reads it back, unchanged, after the database is reopened', async () => {
    const allergy = await fixture('fhir/AllergyIntolerance-example.json');
    const db = await openChartDatabase(name);
    await db.put('resources', allergy);
    db.close();

    const reopened = await openChartDatabase(name);
    try {
      expect(reopened.version).to.equal(CHART_DB_VERSION);
      expect(await reopened.get('resources', ['AllergyIntolerance', 'example'])).to.deep.equal(allergy);
    } finally {
      reopened.close(); // an open connection would block deleteDB in after()
    }
  });

  it('keeps resources of different types with the same id apart', async () => {
    const db = await openChartDatabase(name);
    try {
      const tx = db.transaction('resources', 'readwrite');
      await Promise.all([
        tx.store.put({ resourceType: 'Patient', id: 'example', gender: 'female' }),
        tx.store.put({ resourceType: 'Practitioner', id: 'example', active: true }),
        tx.done,
      ]);
      expect((await db.get('resources', ['Patient', 'example']))?.['gender']).to.equal('female');
      expect((await db.get('resources', ['Practitioner', 'example']))?.['active']).to.equal(true);
      expect(await db.get('resources', ['Patient', 'missing'])).to.equal(undefined);
    } finally {
      db.close();
    }
  });
});

describe('schema migration 1 → 2 (real IndexedDB)', () => {
  const name = `chartwell-migration-test-${crypto.randomUUID()}`;

  after(() => deleteDB(name));

  it('keeps the data written with the version 1 schema: readable, with history and search entries, and writable with ifMatch', async () => {
    const allergy = await fixture('fhir/AllergyIntolerance-example.json'); // meta.versionId absent
    const patient = { ...(await fixture('fhir/Patient-example.json')), meta: { versionId: '7', lastUpdated: '2019-01-01T00:00:00Z' } };
    // exactly what version 1 of openChartDatabase created and wrote
    const v1 = await openDB(name, 1, { upgrade: (db) => void db.createObjectStore('resources', { keyPath: ['resourceType', 'id'] }) });
    await v1.put('resources', allergy);
    await v1.put('resources', patient);
    v1.close();

    const db = await openChartDatabase(name);
    try {
      expect(db.version).to.equal(2);
      expect([...db.objectStoreNames].sort()).to.deep.equal(['history', 'resources', 'search']);
      expect(await db.get('resources', ['AllergyIntolerance', 'example'])).to.deep.equal(allergy);
      expect((await db.getAll('history')).map((h) => [h.resourceType, h.id, h.versionNumber])).to.deep.equal([
        ['AllergyIntolerance', 'example', 1],
        ['Patient', 'example', 7],
      ]);
      expect(await db.countFromIndex('search', 'byValue', ['AllergyIntolerance', 'patient', 'Patient/example'])).to.equal(1);
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
