import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Observation } from '@chartwell/fhir';
import { encodeCursor, queryFingerprint } from './search-resources.js';
import { SearchSnapshots } from './search-snapshots.js';

const observation = (id: string): Observation => ({ resourceType: 'Observation', id, status: 'final', code: { text: id } });
const laterPage = (type: string, query: object) => ({ ...query, _cursor: encodeCursor(2, queryFingerprint(type, query)) });

describe('SearchSnapshots', () => {
  it('gives the kept matches to a later page of the same query only', () => {
    const snapshots = new SearchSnapshots();
    const sorted = [observation('a'), observation('b'), observation('c')];
    snapshots.keep('Observation', { patient: 'Patient/1', _count: 2 }, sorted);
    assert.equal(snapshots.forLaterPage('Observation', laterPage('Observation', { patient: 'Patient/1' })), sorted);
    // _count is not part of the query's identity: another page size reads the same matches
    assert.equal(snapshots.forLaterPage('Observation', laterPage('Observation', { patient: 'Patient/1', _count: 5 })), sorted);
    assert.equal(snapshots.forLaterPage('Observation', { patient: 'Patient/1' }), undefined, 'a first page is always searched afresh');
    assert.equal(snapshots.forLaterPage('Observation', laterPage('Observation', { patient: 'Patient/2' })), undefined);
    assert.equal(snapshots.forLaterPage('Condition', laterPage('Condition', { patient: 'Patient/1' })), undefined);
  });

  it('keeps the latest searches up to its capacity, and none after clear', () => {
    const snapshots = new SearchSnapshots(2);
    for (const patient of ['Patient/1', 'Patient/2', 'Patient/3']) snapshots.keep('Observation', { patient }, [observation(patient.slice(8))]);
    assert.equal(snapshots.forLaterPage('Observation', laterPage('Observation', { patient: 'Patient/1' })), undefined, 'the oldest was dropped');
    assert.equal(snapshots.forLaterPage('Observation', laterPage('Observation', { patient: 'Patient/2' }))?.[0]?.id, '2');
    assert.equal(snapshots.forLaterPage('Observation', laterPage('Observation', { patient: 'Patient/3' }))?.[0]?.id, '3');
    snapshots.clear();
    assert.equal(snapshots.forLaterPage('Observation', laterPage('Observation', { patient: 'Patient/3' })), undefined);
  });
});
