import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AllergyIntolerance, Organization, Provenance, Resource } from '@chartwell/fhir';
import { fixtureJson } from '../../../../test/support/fixtures.js';
import { buildSourceIndex, itemSource } from './item-source.js';

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

  it('falls back to meta.source, then to the store, and is total', () => {
    const index = buildSourceIndex([], [], 'Local chart');
    const fromMeta = itemSource({ resourceType: 'Patient', id: 'p', meta: { source: 'http://hie.example.org/fhir#req-1', lastUpdated: '2024-03-31T01:30:00Z' } }, index, { ...format, timeZone: 'Europe/London' });
    assert.deepEqual(fromMeta, { system: 'http://hie.example.org/fhir#req-1', lastUpdated: '2024-03-31T01:30:00Z', lastUpdatedText: '31-Mar-2024 02:30', basis: 'meta.source' });
    assert.deepEqual(itemSource({ resourceType: 'Patient' }, index, format), { system: 'Local chart', lastUpdatedText: 'Not recorded', basis: 'store' });
    assert.deepEqual(buildSourceIndex([null as unknown as Provenance, { resourceType: 'Provenance' } as Provenance], [], 'S').provenanceByTarget.size, 0);
  });
});
