import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Resource } from '@chartwell/fhir';
import { ChangePoller } from './change-poller.js';

const patient = (id: string, versionId: string, lastUpdated: string): Resource => ({ resourceType: 'Patient', id, meta: { versionId, lastUpdated } });

/** A source whose server holds `server`; records what the poller asked and reported. */
function source(server: Resource[]) {
  const asked: string[] = [];
  const found: string[] = [];
  return {
    asked,
    found,
    source: {
      types: () => ['Patient'],
      changedSince: async (type: string, since: string) => {
        asked.push(`${type} ge${since}`);
        return server.filter((r) => Date.parse(r.meta?.lastUpdated ?? '') >= Date.parse(since));
      },
      found: (r: Resource, baseline: boolean) => found.push(`${baseline ? 'baseline' : 'change'} ${r.id ?? ''} v${r.meta?.versionId ?? ''}`),
      failed: () => found.push('failed'),
    },
  };
}

describe('ChangePoller', () => {
  it('first records a baseline from lookBackMs ago, then asks from the newest lastUpdated seen', async () => {
    const server = [patient('a', '1', '2026-11-26T10:00:00.000Z')];
    const s = source(server);
    const poller = new ChangePoller(s.source, 60_000, 30_000, () => Date.parse('2026-11-26T10:00:10.000Z'));
    poller.start();
    await poller.pollNow();
    server.push(patient('b', '1', '2026-11-26T10:00:20.000Z'));
    await poller.pollNow();
    poller.stop();
    assert.deepEqual(s.asked.slice(0, 2), ['Patient ge2026-11-26T09:59:40.000Z', 'Patient ge2026-11-26T10:00:00.000Z']);
    // `ge` is inclusive: a comes back with each poll, and the store drops versions it has heard.
    assert.equal(s.found[0], 'baseline a v1');
    assert.ok(s.found.includes('change b v1'), JSON.stringify(s.found));
    assert.ok(!s.found.includes('baseline b v1'), JSON.stringify(s.found));
  });

  it('after a stop, a new start begins with a new baseline (no changes from before it)', async () => {
    const server = [patient('a', '1', '2026-11-26T10:00:00.000Z')];
    const s = source(server);
    const poller = new ChangePoller(s.source, 60_000, 30_000, () => Date.parse('2026-11-26T10:00:10.000Z'));
    poller.start();
    await poller.pollNow();
    poller.stop();
    server.push(patient('b', '1', '2026-11-26T10:00:05.000Z'));
    poller.start();
    await poller.pollNow();
    poller.stop();
    assert.ok(!s.found.includes('change b v1'), JSON.stringify(s.found));
    assert.ok(s.found.includes('baseline b v1'), JSON.stringify(s.found));
  });

  it('reports a failed poll and carries on', async () => {
    let fail = true;
    const s = source([]);
    const poller = new ChangePoller({ ...s.source, changedSince: async (t, since) => (fail ? Promise.reject(new Error('down')) : s.source.changedSince(t, since)) }, 60_000, 0);
    poller.start();
    await poller.pollNow();
    fail = false;
    await poller.pollNow();
    poller.stop();
    assert.equal(s.found[0], 'failed');
    assert.equal(s.asked.length, 1);
  });
});
