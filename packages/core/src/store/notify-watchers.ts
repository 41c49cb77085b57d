import type { ChartChange, WatchFilter } from './chart-store.js';
import { watchMatches } from './write.js';

/** A `watch` listener with its filter, as a store keeps them. */
export interface ChangeWatcher {
  readonly filter: WatchFilter;
  readonly listener: (change: ChartChange) => void;
}

/**
 * Tells `watchers` of committed `changes`, in a microtask and in order: each change to each
 * watcher whose filter matches it and that is still in the set (one that stops watching in between
 * hears nothing more). A listener that throws is reported on the console, naming `store`, and
 * stops neither the other listeners nor the write that was committed.
 *
 * @example
 * // in a store, after a commit
 * notifyWatchers(this.watchers, changes, 'MyStore');
 *
 * @category Watch
 */
export function notifyWatchers(watchers: ReadonlySet<ChangeWatcher>, changes: readonly ChartChange[], store: string): void {
  if (changes.length === 0 || watchers.size === 0) return;
  const listening = [...watchers];
  void Promise.resolve().then(() => {
    for (const change of changes) {
      for (const watcher of listening) {
        if (!watchers.has(watcher) || !watchMatches(watcher.filter, change)) continue;
        try {
          watcher.listener(change);
        } catch (error) {
          (globalThis as { console?: { error(...data: unknown[]): void } }).console?.error(`${store}: a watch listener threw`, error);
        }
      }
    }
  });
}
