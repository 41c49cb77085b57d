import { expect } from '@open-wc/testing';
import { deleteDB } from 'idb';
import { openChartDatabase, CHART_DB_VERSION, type StoredResource } from '@chartwell/store-idb';

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
