import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Resource } from '@chartwell/fhir';
import { fixtureJson } from '../../../../test/support/fixtures.js';
import { isChartStoreError } from '../store/errors.js';
import { compareForSort } from './sort.js';

const example = (name: string) => fixtureJson<Resource>(`fhir/${name}.json`);
const bundle = fixtureJson<{ entry: { resource: Resource }[] }>('synthea/smart-r4-2019/Clemente_Kreiger_1484a42d-0eaf-4654-9cbf-6b050a5cd73b.json');
const resources = bundle.entry.map((e) => e.resource);

interface SyntheaObservation {
  id: string;
  effectiveDateTime: string;
  code: { coding: [{ code: string }] };
}
const observations = resources.filter((r) => r.resourceType === 'Observation') as unknown as SyntheaObservation[];

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe('compareForSort', () => {
  it('sorts by several keys, descending where asked, then by id', () => {
    // Every Synthea effectiveDateTime here is written with +00:00, so the text orders like the instant.
    const expected = [...observations]
      .sort((a, b) => byText(b.effectiveDateTime, a.effectiveDateTime) || byText(a.code.coding[0].code, b.code.coding[0].code) || byText(a.id, b.id))
      .map((o) => o.id);
    const actual = ([...observations] as unknown as Resource[]).sort(compareForSort('Observation', ['-date', 'code'])).map((r) => r.id);
    assert.deepEqual(actual, expected);
    // the first visit sorted is the 2018 one (21 Observations), the last the 2012 one
    assert.equal(observations.find((o) => o.id === actual[0])?.effectiveDateTime, '2018-09-17T15:29:24+00:00');
    assert.equal(observations.find((o) => o.id === actual[47])?.effectiveDateTime, '2012-09-10T15:29:24+00:00');
  });

  it('breaks ties by id, and sorts by id alone without keys', () => {
    const ids = observations.map((o) => o.id).sort(byText);
    assert.deepEqual(([...observations] as unknown as Resource[]).sort(compareForSort('Observation')).map((r) => r.id), ids);
    // all of one visit have the same date: ascending date gives the 2012 visit first, by id
    const first2012 = observations.filter((o) => o.effectiveDateTime.startsWith('2012')).map((o) => o.id).sort(byText);
    assert.deepEqual(([...observations] as unknown as Resource[]).sort(compareForSort('Observation', 'date')).slice(0, 17).map((r) => r.id), first2012);
  });

  it('puts resources without a value last in both directions', () => {
    // Encounter/f202 has no period; home is 2015-01-17, emerg starts 2017-02-01 and is open-ended
    const encounters = [example('Encounter-f202'), example('Encounter-home'), example('Encounter-emerg')];
    assert.deepEqual([...encounters].sort(compareForSort('Encounter', 'date')).map((r) => r.id), ['home', 'emerg', 'f202']);
    assert.deepEqual([...encounters].sort(compareForSort('Encounter', '-date')).map((r) => r.id), ['emerg', 'home', 'f202']);
  });

  it('sorts a resource with several values by its lowest ascending and its highest descending', () => {
    // Observation/example codes: 29463-7, 3141-9, 27113001, body-weight; Observation/body-height: 8302-2
    const weight = example('Observation-example');
    const height = example('Observation-body-height');
    assert.deepEqual([height, weight].sort(compareForSort('Observation', 'code')).map((r) => r.id), ['example', 'body-height']); // 27113001 < 8302-2
    assert.deepEqual([weight, height].sort(compareForSort('Observation', '-code')).map((r) => r.id), ['example', 'body-height']); // body-weight > 8302-2
  });

  it('sorts by _lastUpdated as instants, not as text', () => {
    const at = (id: string, lastUpdated: string) => ({ ...example('Patient-example'), id, meta: { lastUpdated } }) as Resource;
    // 10:00+02:00 is 08:00Z, before 09:00Z
    const patients = [at('b', '2024-01-01T09:00:00Z'), at('a', '2024-01-01T10:00:00+02:00'), at('c', '2024-01-01T09:30:00Z')];
    assert.deepEqual(patients.sort(compareForSort('Patient', '_lastUpdated')).map((r) => r.id), ['a', 'b', 'c']);
    assert.deepEqual(patients.sort(compareForSort('Patient', ['-_lastUpdated'])).map((r) => r.id), ['c', 'b', 'a']);
    assert.deepEqual(patients.sort(compareForSort('Patient', '-_id')).map((r) => r.id), ['c', 'b', 'a']);
  });

  it('rejects a key the type cannot sort by, naming _sort', () => {
    assert.throws(() => compareForSort('Patient', 'date' as '_id'), (e) => isChartStoreError(e, 'invalid') && e.path === '_sort');
    assert.throws(() => compareForSort('Observation', ['date', '-value' as 'date']), (e) => isChartStoreError(e, 'invalid') && e.path === '_sort');
  });
});
