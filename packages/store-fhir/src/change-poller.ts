import type { Resource } from '@chartwell/fhir';

const timers = globalThis as unknown as {
  setTimeout(callback: () => void, ms: number): { unref?(): void } | number;
  clearTimeout(handle: unknown): void;
};

/** What the poller needs from its store. */
export interface ChangePollerSource {
  /** The resource types to poll now (those the current watchers ask for). */
  types(): readonly string[];
  /** Every resource of `type` with `meta.lastUpdated` at or after `since` (all pages). */
  changedSince(type: string, since: string): Promise<readonly Resource[]>;
  /** A resource version the poller found; `baseline` is true on the first poll of a type, which only records what is there. */
  found(resource: Resource, baseline: boolean): void;
  /** A poll failed; the poller carries on at the next interval. */
  failed(error: unknown): void;
}

/**
 * Polls a FHIR server for changed resources by `_lastUpdated`, one resource type at a time, every
 * `intervalMs` while it runs. Each type starts with a baseline poll (`lookBackMs` into the past, to
 * absorb a clock difference with the server) that records without reporting; later polls ask from
 * the newest `meta.lastUpdated` seen, inclusive, so the store must drop versions it has already
 * reported. Deletions are not visible to a search and so are not found.
 */
export class ChangePoller {
  private readonly since = new Map<string, string>();
  private timer: unknown;
  private running = false;
  /** Counts stops: a poll or a timer from before the last stop does nothing. */
  private generation = 0;
  private polling: Promise<void> | undefined;

  constructor(
    private readonly source: ChangePollerSource,
    private readonly intervalMs: number,
    private readonly lookBackMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts polling (a baseline at once, then every interval, if the interval is not 0); harmless when running. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** Stops polling; a poll in flight finishes but reports nothing more. A later start begins with a new baseline. */
  stop(): void {
    this.running = false;
    this.generation++;
    this.since.clear();
    if (this.timer !== undefined) timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Runs one poll now (tests, or a host that knows something changed); resolves when it is done. */
  async pollNow(): Promise<void> {
    if (this.polling) await this.polling;
    this.polling = this.pollOnce().finally(() => {
      this.polling = undefined;
    });
    await this.polling;
  }

  private schedule(ms: number): void {
    const generation = this.generation;
    const handle = timers.setTimeout(() => {
      if (generation !== this.generation) return;
      void this.pollNow().finally(() => {
        if (this.running && generation === this.generation && this.intervalMs > 0) this.schedule(this.intervalMs);
      });
    }, ms);
    if (typeof handle === 'object') handle.unref?.();
    this.timer = handle;
  }

  private async pollOnce(): Promise<void> {
    const generation = this.generation;
    for (const type of this.source.types()) {
      const known = this.since.get(type);
      const baseline = known === undefined;
      const since = known ?? new Date(this.now() - this.lookBackMs).toISOString();
      try {
        const resources = await this.source.changedSince(type, since);
        let newest = since;
        for (const resource of resources) {
          const at = resource.meta?.lastUpdated;
          if (at !== undefined && Date.parse(at) > Date.parse(newest)) newest = at;
        }
        if (!this.running || generation !== this.generation) return;
        this.since.set(type, newest);
        for (const resource of resources) this.source.found(resource, baseline);
      } catch (error) {
        this.source.failed(error);
      }
    }
  }
}
