import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Provenance } from '@chartwell/fhir';
import { recordingSearches, searchesOf } from '../../../../test/support/search-spies.js';
import { MemoryStore } from '../store/memory-store.js';
import { SEARCH_VALUES_PER_QUERY, searchByValues } from './search-by-values.js';

const provenance = (id: string, targets: readonly string[]): Provenance => ({
  resourceType: 'Provenance',
  id,
  target: targets.map((reference) => ({ reference })),
  recorded: '2024-04-01T12:00:00Z',
  agent: [{ who: { reference: 'Organization/lab' } }],
});

describe('searchByValues', () => {
  it('splits 120 values into searches of at most 50 and finds each resource once', async () => {
    const inner = new MemoryStore();
    const observations = Array.from({ length: 120 }, (_, i) => `Observation/o${i}`);
    // "wide" targets o0 and o119, which fall in the first and the last batch
    await inner.update(provenance('wide', ['Observation/o0', 'Observation/o119']));
    await inner.update(provenance('middle', ['Observation/o60']));
    await inner.update(provenance('elsewhere', ['Observation/other']));
    const { store, searches } = recordingSearches(inner);
    const found = await searchByValues(store, 'Provenance', 'target', [...observations, 'Observation/o0']);
    assert.equal(SEARCH_VALUES_PER_QUERY, 50);
    const batches = searchesOf(searches, 'Provenance').map((q) => q['target'] as string[]);
    assert.deepEqual(batches.map((b) => b.length), [50, 50, 20]);
    assert.deepEqual(batches.flat().sort(), [...observations].sort());
    assert.deepEqual(found.map((p) => p.id).sort(), ['middle', 'wide']);
  });

  it('keeps the other parameters of the query in every search', async () => {
    const inner = new MemoryStore();
    await inner.update({ resourceType: 'Appointment', id: 'a', status: 'booked', start: '2026-05-04T09:00:00Z', end: '2026-05-04T09:30:00Z', participant: [{ actor: { reference: 'Practitioner/1' }, status: 'accepted' }] });
    await inner.update({ resourceType: 'Appointment', id: 'w', status: 'waitlist', participant: [{ actor: { reference: 'Practitioner/1' }, status: 'accepted' }] });
    const { store, searches } = recordingSearches(inner);
    const found = await searchByValues(store, 'Appointment', 'actor', ['Practitioner/1'], { status: 'waitlist' });
    assert.deepEqual(found.map((a) => a.id), ['w']);
    assert.deepEqual(searches, [{ type: 'Appointment', query: { status: 'waitlist', actor: ['Practitioner/1'] } }]);
  });

  it('asks nothing for no values', async () => {
    const { store, searches } = recordingSearches(new MemoryStore());
    assert.deepEqual(await searchByValues(store, 'Provenance', 'target', []), []);
    assert.equal(searches.length, 0);
  });
});
