import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AllergyIntolerance, Condition, Organization, Provenance, Resource } from '@chartwell/fhir';
import { storeWith } from '../../../../test/support/chart-fixtures.js';
import { fixtureJson } from '../../../../test/support/fixtures.js';
import { recordingSearches, searchesOf } from '../../../../test/support/search-spies.js';
import { UnavailableError } from '../store/errors.js';
import { buildSourceIndex, itemSource, loadSourceIndex } from './item-source.js';

const format = { locale: 'en-GB', timeZone: 'UTC', dateStyle: 'clinical' } as const;

/** US Core's search result: AllergyIntolerance/79613 with the Provenance that targets its version 1. */
const bundle = fixtureJson<{ entry: { resource: Resource }[] }>('us-core/allergyintolerance-provenance-example2.json');
const allergy = bundle.entry[0]?.resource as AllergyIntolerance;
const provenance = bundle.entry[1]?.resource as Provenance;
const saintLuke = fixtureJson<Organization>('us-core/saint-luke-w-endpoint.json');

describe('itemSource', () => {
  it("takes the organisation an author acted for from US Core's Provenance example", () => {
    const index = buildSourceIndex([provenance], [saintLuke], 'Local chart');
    const source = itemSource(allergy, index, format);
    assert.equal(source.basis, 'provenance');
    assert.equal(source.organization, "Saint Luke's Hospital of Kansas City");
    assert.equal(source.organizationReference, 'Organization/saint-luke-w-endpoint');
    assert.equal(source.system, 'Local chart');
    assert.equal(source.lastUpdated, '2019-07-09T15:26:23.217+00:00');
    assert.equal(source.lastUpdatedText, '09-Jul-2019 15:26');
  });

  it('uses the latest Provenance and an Organization agent before onBehalfOf', () => {
    const older: Provenance = { resourceType: 'Provenance', target: [{ reference: 'http://example.org/fhir/Condition/c1' }], recorded: '2020-01-01T00:00:00Z', agent: [{ who: { reference: 'Organization/old', display: 'Old Clinic' } }] };
    const newer: Provenance = {
      resourceType: 'Provenance',
      target: [{ reference: 'Condition/c1/_history/3' }],
      recorded: '2021-01-01T00:00:00Z',
      agent: [{ who: { reference: 'Practitioner/x' }, onBehalfOf: { reference: 'Organization/acting' } }, { who: { reference: 'Organization/lab', display: 'City Lab' } }],
    };
    const source = itemSource({ resourceType: 'Condition', id: 'c1', subject: { reference: 'Patient/p' } }, buildSourceIndex([older, newer], [], 'Store'), format);
    assert.equal(source.organization, 'City Lab');
    assert.equal(source.lastUpdated, '2021-01-01T00:00:00Z');
  });

  it('names an organisation the store does not hold when the agent is a display typed Organization, and not an untyped display', () => {
    const typed: Provenance = { resourceType: 'Provenance', target: [{ reference: 'Condition/c1' }], recorded: '2021-01-01T00:00:00Z', agent: [{ who: { type: 'Organization', display: 'St Elsewhere Hospital' } }] };
    const untyped: Provenance = { resourceType: 'Provenance', target: [{ reference: 'Condition/c2' }], recorded: '2021-01-01T00:00:00Z', agent: [{ who: { display: 'Dr Somebody' } }] };
    const index = buildSourceIndex([typed, untyped], [], 'Store');
    const one = itemSource({ resourceType: 'Condition', id: 'c1', subject: { reference: 'Patient/p' } }, index, format);
    assert.equal(one.organization, 'St Elsewhere Hospital');
    assert.equal(one.organizationReference, undefined);
    assert.equal(itemSource({ resourceType: 'Condition', id: 'c2', subject: { reference: 'Patient/p' } }, index, format).organization, undefined);
  });

  it('falls back to meta.source, then to the store, and is total', () => {
    const index = buildSourceIndex([], [], 'Local chart');
    const fromMeta = itemSource({ resourceType: 'Patient', id: 'p', meta: { source: 'http://hie.example.org/fhir#req-1', lastUpdated: '2024-03-31T01:30:00Z' } }, index, { ...format, timeZone: 'Europe/London' });
    assert.deepEqual(fromMeta, { system: 'http://hie.example.org/fhir#req-1', lastUpdated: '2024-03-31T01:30:00Z', lastUpdatedText: '31-Mar-2024 02:30', basis: 'meta.source' });
    assert.deepEqual(itemSource({ resourceType: 'Patient' }, index, format), { system: 'Local chart', lastUpdatedText: 'Not recorded', basis: 'store' });
    assert.deepEqual(buildSourceIndex([null as unknown as Provenance, { resourceType: 'Provenance' } as Provenance], [], 'S').provenanceByTarget.size, 0);
  });
});

describe('loadSourceIndex', () => {
  const call = { storeName: 'Local chart' };

  it("finds the Provenance that targets only the record (US Core's example) by target", async () => {
    const { store, searches } = recordingSearches(await storeWith([allergy, provenance, saintLuke]));
    const index = await loadSourceIndex(store, 'example', call, [allergy]);
    const source = itemSource(allergy, index, format);
    assert.equal(source.basis, 'provenance');
    assert.equal(source.organization, "Saint Luke's Hospital of Kansas City");
    assert.deepEqual(searchesOf(searches, 'Provenance'), [{ patient: 'example' }, { target: ['AllergyIntolerance/79613'] }]);
    // without the records, only the patient's Provenance is searched, and this one does not target the Patient
    assert.equal(itemSource(allergy, await loadSourceIndex(store, 'example', call), format).basis, 'store');
  });

  it('asks for the targets in batches of 50 and gives what indexing every Provenance would', async () => {
    const conditions: Condition[] = Array.from({ length: 120 }, (_, i) => ({ resourceType: 'Condition', id: `c${i}`, subject: { reference: 'Patient/p' } }));
    const made = (id: string, recorded: string, targets: readonly string[], organization: string): Provenance => ({
      resourceType: 'Provenance',
      id,
      target: targets.map((reference) => ({ reference })),
      recorded,
      agent: [{ who: { reference: `Organization/${organization}` } }],
    });
    const provenances = [
      made('of-patient', '2020-01-01T00:00:00Z', ['Patient/p', 'Condition/c0'], 'clinic'),
      made('later', '2021-06-01T00:00:00Z', ['Condition/c0', 'Condition/c70/_history/2'], 'lab'),
      made('last-batch', '2021-01-01T00:00:00Z', ['http://other.example.org/fhir/Condition/c119'], 'hie'),
      made('unrelated', '2022-01-01T00:00:00Z', ['Condition/elsewhere'], 'lab'),
    ];
    const organizations: Organization[] = [
      { resourceType: 'Organization', id: 'clinic', name: 'Riverside Clinic' },
      { resourceType: 'Organization', id: 'lab', name: 'City Lab' },
      { resourceType: 'Organization', id: 'hie', name: 'Regional HIE' },
    ];
    const { store, searches } = recordingSearches(await storeWith([...organizations, ...provenances, ...conditions]));
    const index = await loadSourceIndex(store, 'p', call, conditions);
    const targetSearches = searchesOf(searches, 'Provenance').filter((q) => q['target'] !== undefined);
    assert.deepEqual(targetSearches.map((q) => (q['target'] as string[]).length), [50, 50, 20]);
    const organizationOf = (id: string) => itemSource(conditions.find((c) => c.id === id) ?? conditions[0]!, index, format).organization;
    // c0: "later" (2021) beats "of-patient" (2020); c70 through a versioned reference; c119 through an absolute one
    assert.deepEqual(['c0', 'c70', 'c119', 'c1'].map(organizationOf), ['City Lab', 'City Lab', 'Regional HIE', undefined]);
    const everything = buildSourceIndex(provenances, organizations, 'Local chart');
    for (const condition of conditions) assert.deepEqual(itemSource(condition, index, format), itemSource(condition, everything, format), condition.id);
  });

  it("keeps the patient's Provenance when the search by target fails, and skips records it cannot name", async () => {
    const inner = await storeWith([provenance, saintLuke, { ...provenance, id: 'of-patient', target: [{ reference: 'Patient/example' }, { reference: 'AllergyIntolerance/79613' }] } as Provenance]);
    const failingTargets = new Proxy(inner, {
      get(target, property, receiver) {
        if (property === 'search') {
          return (type: string, query: Record<string, unknown> = {}, ...rest: unknown[]) =>
            query['target'] !== undefined ? Promise.reject(new UnavailableError({ resourceType: 'Provenance' })) : (target.search as (...args: unknown[]) => Promise<unknown>).call(target, type, query, ...rest);
        }
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    const index = await loadSourceIndex(failingTargets, 'example', call, [allergy]);
    assert.equal(itemSource(allergy, index, format).organization, "Saint Luke's Hospital of Kansas City");
    assert.deepEqual(index.provenanceByTarget.get('AllergyIntolerance/79613')?.map((p) => p.id), ['of-patient']);

    const { store, searches } = recordingSearches(inner);
    await loadSourceIndex(store, 'example', call, [null as unknown as Resource, { resourceType: 'Condition' } as Resource, { resourceType: 'Condition', id: 'not an id' } as Resource]);
    assert.deepEqual(searchesOf(searches, 'Provenance'), [{ patient: 'example' }]);
  });
});
