import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Resource, ResourceType } from '@chartwell/fhir';
import { collectReferences, fixtureText } from '../../../../test/support/fixtures.js';
import { InvalidError } from '../store/errors.js';
import { MemoryStore } from '../store/memory-store.js';
import { importNdjson } from './import-ndjson.js';
import type { ImportProgress } from './progress.js';

// Condition first: references point at Patients not yet imported, which update-as-create makes fine.
const TYPES = ['Condition', 'AllergyIntolerance', 'Immunization', 'Device', 'Patient', 'Practitioner', 'Organization', 'Location'] as const;
const ndjson = (type: string) => fixtureText(`synthea-bulk-10/${type}.000.ndjson`);
const linesOf = (text: string) => text.split('\n').filter((l) => l.trim() !== '');

async function* pieces(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

function assertProgress(events: readonly ImportProgress[], total: number): void {
  assert.ok(events.length > 0);
  for (const [i, event] of events.entries()) {
    assert.ok(event.done <= event.total);
    if (i > 0) assert.ok(event.done > (events[i - 1]?.done ?? 0), 'done only goes up');
  }
  assert.deepEqual(events.at(-1), { done: total, total });
}

describe('importNdjson: the Synthea bulk export of 10 patients', () => {
  it('imports every file keeping the export ids, so references between the files resolve', async () => {
    const store = new MemoryStore();
    for (const type of TYPES) {
      const text = ndjson(type);
      const result = await importNdjson(store, text);
      const expected = linesOf(text).map((l) => JSON.parse(l) as Resource);
      assert.deepEqual([result.created, result.updated], [expected.length, 0], type);
      const stored = await store.search(type as ResourceType, { _count: 10_000 });
      assert.deepEqual(stored.map((r) => r.id).sort(), expected.map((r) => r.id).sort());
    }
    // every Patient, Organization, Practitioner and Location reference reads back (Encounters are not in the fixture)
    let checked = 0;
    for (const type of TYPES) {
      for (const resource of await store.search(type as ResourceType, { _count: 10_000 })) {
        for (const reference of collectReferences(resource)) {
          const [, refType = '', id = ''] = /^(Patient|Organization|Practitioner|Location)\/([^/?]+)$/.exec(reference) ?? [];
          if (!refType) continue;
          assert.equal((await store.read(refType as ResourceType, id)).id, id);
          checked++;
        }
      }
    }
    assert.ok(checked >= 700, `${checked} references checked`);
  });

  it('gives progress after each chunk, monotonic and ending at the total', async () => {
    const text = ndjson('Condition');
    const total = linesOf(text).length;
    const events: ImportProgress[] = [];
    const store = new MemoryStore();
    const result = await importNdjson(store, text, { chunkSize: 100, onProgress: (p) => events.push(p) });
    assert.equal(result.created, total);
    assert.equal(events.length, Math.ceil(total / 100));
    assert.ok(events.every((e) => e.total === total));
    assertProgress(events, total);
  });

  it('reads a stream of arbitrary pieces, or an iterable of lines, the same as the text', async () => {
    const text = ndjson('Immunization');
    const total = linesOf(text).length;
    for (const input of [pieces(text, 997), pieces(text, 1), text.split('\n'), linesOf(text)]) {
      const store = new MemoryStore();
      const events: ImportProgress[] = [];
      const result = await importNdjson(store, input, { chunkSize: 50, onProgress: (p) => events.push(p) });
      assert.equal(result.created, total);
      assert.equal((await store.search('Immunization', { _count: 1000 })).length, total);
      assertProgress(events, total);
    }
  });

  it('skips blank lines (counting them in line numbers) and reports a re-import as updates', async () => {
    const text = linesOf(ndjson('Patient')).join('\n\n  \n') + '\n';
    const store = new MemoryStore();
    const first = await importNdjson(store, text);
    assert.deepEqual(first, { created: 13, updated: 0, lines: 13 * 3 - 2 + 1 });
    const second = await importNdjson(store, text);
    assert.deepEqual([second.created, second.updated], [0, 13]);
    const [patient] = await store.search('Patient', { _count: 1 });
    assert.equal(patient?.meta?.versionId, '2');
  });
});

describe('importNdjson: bad lines', () => {
  const patients = linesOf(ndjson('Patient'));

  it('refuses the chunk with a bad line, naming the line; earlier chunks stay written, nothing after is', async () => {
    const bad = JSON.parse(patients[6] ?? '') as Record<string, unknown>;
    bad['gender'] = 'robot';
    const lines = [...patients];
    lines[6] = JSON.stringify(bad);
    const store = new MemoryStore();
    const events: ImportProgress[] = [];
    await assert.rejects(importNdjson(store, lines.join('\n'), { chunkSize: 5, onProgress: (p) => events.push(p) }), (error: unknown) => {
      assert.ok(error instanceof InvalidError);
      assert.match(error.message, new RegExp(`^NDJSON line 7 \\(Patient/${String(bad['id'])}\\) is not valid: Patient\\.gender`));
      assert.match(error.message, /Nothing from line 6 on was written; 5 resources before it were\.$/);
      assert.equal(error.resourceType, 'Patient');
      assert.equal(error.id, bad['id']);
      assert.equal(error.path, 'Patient.gender');
      assert.ok(error.issues?.some((i) => i.message.startsWith('line 7: ')));
      return true;
    });
    assert.equal((await store.search('Patient')).length, 5);
    assert.deepEqual(events, [{ done: 5, total: 13 }]);
  });

  it('with chunkSize Infinity, writes nothing at all; lists every bad line, JSON errors and missing ids included', async () => {
    const lines = [...patients];
    lines[2] = '{"resourceType": "Patient", "id": ';
    const { id: _id, ...noId } = JSON.parse(patients[9] ?? '') as Record<string, unknown>;
    lines[9] = JSON.stringify(noId);
    const store = new MemoryStore();
    await assert.rejects(importNdjson(store, lines.join('\n'), { chunkSize: Infinity }), (error: unknown) => {
      assert.ok(error instanceof InvalidError);
      assert.match(error.message, /^NDJSON line 3 is not valid: not JSON: .*\(and 1 more bad line in the same chunk: 10\)\. Nothing from line 1 on was written; 0 resources before it were\.$/);
      assert.deepEqual(
        error.issues?.map((i) => i.message.split(':')[0]),
        ['line 3', 'line 10'],
      );
      return true;
    });
    assert.equal((await store.search('Patient')).length, 0);
  });

  it('refuses a line that is not a FHIR resource (the export log)', async () => {
    const log = '{"exportId": "export-10", "eventId": "kickoff"}';
    await assert.rejects(importNdjson(new MemoryStore(), `${patients[0] ?? ''}\n${log}\n`), /^InvalidError: NDJSON line 2 is not valid/);
  });

  it('refuses a chunkSize below 1, and stops when aborted', async () => {
    await assert.rejects(importNdjson(new MemoryStore(), patients.join('\n'), { chunkSize: 0 }), InvalidError);
    const controller = new AbortController();
    const store = new MemoryStore();
    const run = importNdjson(store, patients.join('\n'), {
      chunkSize: 4,
      signal: controller.signal,
      onProgress: () => controller.abort(new Error('stopped by the user')),
    });
    await assert.rejects(run, /stopped by the user/);
    assert.equal((await store.search('Patient')).length, 4);
  });
});
