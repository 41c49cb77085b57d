import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import type { Resource } from '@chartwell/fhir';
import { fixtureJson } from '../../../../test/support/fixtures.js';
import type { SearchQuery } from '../store/chart-store.js';
import { isChartStoreError } from '../store/errors.js';
import { DEFAULT_PAGE_SIZE, searchResources } from './search-resources.js';

/** Every resource of the Synthea bundles, with `urn:uuid:` references made `Type/id` (as an import would). */
function allSynthea(): Resource[] {
  const files = readdirSync(new URL('../../../../test/fixtures/synthea/smart-r4-2019/', import.meta.url)).filter((f) => f.endsWith('.json'));
  return files.flatMap((file) => {
    const bundle = fixtureJson<{ entry: { fullUrl: string; resource: Resource }[] }>(`synthea/smart-r4-2019/${file}`);
    const byUrl = new Map(bundle.entry.map((e) => [e.fullUrl, `${e.resource.resourceType}/${e.resource.id}`]));
    return bundle.entry.map((e) => JSON.parse(JSON.stringify(e.resource), (key: string, value: unknown) => (key === 'reference' && typeof value === 'string' ? (byUrl.get(value) ?? value) : value)) as Resource);
  });
}

const resources = allSynthea();
const byReference = new Map(resources.map((r) => [`${r.resourceType}/${r.id}`, r]));
const resolve = (reference: string) => byReference.get(reference);
const observations = resources.filter((r) => r.resourceType === 'Observation');
const patients = resources.filter((r) => r.resourceType === 'Patient');
const TOBIE = 'fa13bf47-8c74-40dd-a976-94deeada0e17';

const search = (query: SearchQuery<'Observation'>) => searchResources(resources, 'Observation', query, resolve);

function assertInvalid(run: () => unknown, path: string): void {
  assert.throws(run, (error) => isChartStoreError(error, 'invalid') && error.path === path);
}

describe('searchResources', () => {
  it('has the data the tests expect: 778 Observations of 7 patients', () => {
    assert.equal(observations.length, 778);
    assert.equal(patients.length, 7);
  });

  it('pages through everything with no duplicate and no gap', () => {
    const seen: string[] = [];
    let pages = 0;
    let cursor: string | undefined;
    do {
      const page = search({ _sort: '-date', _count: 37, ...(cursor !== undefined && { _cursor: cursor }) });
      pages++;
      assert.ok(page.length === 37 || page.next === undefined, 'only the last page is short');
      seen.push(...page.map((r) => r.id ?? ''));
      cursor = page.next;
    } while (cursor !== undefined && pages < 100);
    assert.equal(pages, 22); // 21 pages of 37 hold 777, the 22nd the last one
    assert.equal(seen.length, 778);
    assert.equal(new Set(seen).size, 778);
    assert.deepEqual([...seen].sort(), observations.map((o) => o.id ?? '').sort());
    // and the pages together are in order: dates never increase
    const dates = seen.map((id) => (observations.find((o) => o.id === id) as { effectiveDateTime: string }).effectiveDateTime);
    for (let i = 1; i < dates.length; i++) assert.ok((dates[i - 1] as string) >= (dates[i] as string), `page order at ${i}`);
  });

  it('gives 50 by default, at most 1000, and sorts by id when unsorted', () => {
    const first = search({});
    assert.equal(first.length, DEFAULT_PAGE_SIZE);
    assert.ok(first.next);
    assert.deepEqual(first.map((r) => r.id), observations.map((o) => o.id ?? '').sort().slice(0, 50));
    const all = search({ _count: 5000 });
    assert.equal(all.length, 778);
    assert.equal(all.next, undefined);
    assert.deepEqual(all.included, []);
  });

  it('keeps a cursor working when only _count changes', () => {
    const first = search({ patient: TOBIE, _count: 100 });
    assert.equal(first.length, 100);
    const rest = search({ patient: TOBIE, _count: 1000, _cursor: first.next as string });
    assert.equal(rest.length, 181); // Tobie has 281 Observations
    assert.equal(rest.next, undefined);
  });

  it('rejects a cursor from another query, and a made-up one', () => {
    const page = search({ patient: TOBIE, _count: 10 });
    assert.ok(page.next);
    assertInvalid(() => search({ patient: TOBIE, _count: 10, _sort: 'date', _cursor: page.next as string }), '_cursor');
    assertInvalid(() => search({ code: 'http://loinc.org|8302-2', _count: 10, _cursor: page.next as string }), '_cursor');
    assertInvalid(() => searchResources(resources, 'Encounter', { patient: TOBIE, _cursor: page.next as string }, resolve), '_cursor');
    assertInvalid(() => search({ _cursor: 'page-2' }), '_cursor');
  });

  it('includes each referenced patient once', () => {
    const page = search({ code: 'http://loinc.org|8302-2', _count: 1000, _include: 'Observation:patient' });
    // Body Height was measured for every one of the 7 patients
    assert.equal(new Set(page.map((o) => (o as { subject: { reference: string } }).subject.reference)).size, 7);
    assert.deepEqual(page.included.map((p) => p.id).sort(), patients.map((p) => p.id).sort());
    const one = search({ patient: TOBIE, _count: 5, _include: ['Observation:patient', 'Observation:subject'] });
    assert.deepEqual(one.included.map((p) => `${p.resourceType}/${p.id}`), [`Patient/${TOBIE}`]);
  });

  it('includes only what resolve finds', () => {
    const page = searchResources(resources, 'Observation', { patient: TOBIE, _include: 'Observation:patient' }, () => undefined);
    assert.equal(page.length, 50);
    assert.deepEqual(page.included, []);
  });

  it('rejects bad input before reading any candidate, naming the parameter', () => {
    const none: Resource[] = [];
    const run = (query: Record<string, unknown>) => () => searchResources(none, 'Observation', query as SearchQuery<'Observation'>, resolve);
    assertInvalid(run({ _count: 0 }), '_count');
    assertInvalid(run({ _count: -5 }), '_count');
    assertInvalid(run({ _count: 2.5 }), '_count');
    assertInvalid(run({ _count: '10' }), '_count');
    assertInvalid(run({ 'value-quantity': 'gt5' }), 'value-quantity');
    assertInvalid(run({ date: 'ge2020-02-30' }), 'date');
    assertInvalid(run({ _sort: 'weight' }), '_sort');
    assertInvalid(run({ _include: 'Encounter:patient' }), '_include');
    assertInvalid(run({ _include: 'Observation:code' }), '_include');
    assertInvalid(run({ _include: 'Observation' }), '_include');
  });
});
