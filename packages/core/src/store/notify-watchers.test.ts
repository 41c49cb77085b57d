import { describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import type { ChartChange } from './chart-store.js';
import { notifyWatchers, type ChangeWatcher } from './notify-watchers.js';

const change = (id: string, patient?: string): ChartChange => ({ kind: 'create', resourceType: 'Observation', id, versionId: '1', ...(patient && { patient }) });
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('notifyWatchers', () => {
  it('tells each matching watcher of each change, in order, after the current task', async () => {
    const heard: string[] = [];
    const all: ChangeWatcher = { filter: {}, listener: (c) => heard.push(`all ${c.id}`) };
    const mine: ChangeWatcher = { filter: { patient: 'Patient/1' }, listener: (c) => heard.push(`mine ${c.id}`) };
    notifyWatchers(new Set([all, mine]), [change('a', 'Patient/1'), change('b', 'Patient/2')], 'TestStore');
    assert.deepEqual(heard, []); // not synchronously
    await tick();
    assert.deepEqual(heard, ['all a', 'mine a', 'all b']);
  });

  it('keeps going when a listener throws, reporting it with the store name, and skips watchers removed in between', async () => {
    const error = mock.method(console, 'error', () => undefined);
    try {
      const heard: string[] = [];
      const watchers = new Set<ChangeWatcher>();
      const throwing: ChangeWatcher = { filter: {}, listener: () => { throw new Error('listener bug'); } };
      const removed: ChangeWatcher = { filter: {}, listener: (c) => heard.push(`removed ${c.id}`) };
      const kept: ChangeWatcher = { filter: {}, listener: (c) => heard.push(`kept ${c.id}`) };
      for (const w of [throwing, removed, kept]) watchers.add(w);
      notifyWatchers(watchers, [change('a')], 'TestStore');
      watchers.delete(removed);
      await tick();
      assert.deepEqual(heard, ['kept a']);
      assert.equal(error.mock.callCount(), 1);
      assert.match(String(error.mock.calls[0]?.arguments[0]), /^TestStore: a watch listener threw/);
    } finally {
      error.mock.restore();
    }
  });
});
