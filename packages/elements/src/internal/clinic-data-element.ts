import { html, nothing, type PropertyValues } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import { isChartStoreError } from '@chartwell/core';
import type { ResourceType } from '@chartwell/fhir';
import type { ChartStore, DateStyle, StoreOperationOutcome, TimeStyle } from '@chartwell/core';
import { ChartSettingsElement } from './chart-settings-element.js';
import { renderAsOfLine } from './as-of-line.js';
import { OnlineController } from './online-controller.js';
import { CwErrorEvent } from '../events/error-event.js';
import type { DataStateI18n } from './chart-data-element.js';

/** A setup mistake of the host (no store, nothing to show): an error state with its message, never a store call. */
export class ClinicSetupError extends Error {}

/** What a clinic widget's view is computed with. */
export interface ClinicDataRequest {
  readonly store: ChartStore;
  readonly locale: string;
  readonly timeZone: string;
  readonly dateStyle: DateStyle;
  readonly timeStyle?: TimeStyle;
  readonly signal: AbortSignal;
}

interface Loaded<T> {
  /** The load key the data was read for: data of another key is never shown. */
  readonly key: string;
  readonly data: T;
  readonly loadedAt: number;
}

/**
 * The base of a data widget that is not bound to one patient (a clinic's diary): the same states
 * as `ChartDataElement` (loading, error, restricted, empty, stale, the "as of" line, offline
 * marking, `cw-error`), one `@lit/task` with the AbortSignal forwarded, and a reload on the
 * store's change feed for the resource types it shows, from any patient. Data read for one
 * {@link ClinicDataElement.loadKey} (say, other practitioners) is never shown for another.
 * @internal
 */
export abstract class ClinicDataElement<T> extends ChartSettingsElement {
  /** Whether the browser is offline; coming back online loads the data again. */
  private readonly network = new OnlineController(this, () => void this.task.run());

  private lastLoaded?: Loaded<T>;

  /** The strings of the loading, error and restricted states. */
  protected abstract get dataStateI18n(): DataStateI18n;

  /** Loads the view; throw a {@link ClinicSetupError} for a setup mistake. */
  protected abstract load(request: ClinicDataRequest): Promise<T>;

  /** Renders the loaded data. */
  protected abstract renderData(data: T): unknown;

  /** What the data depends on besides the store and settings (actors, date, view); a change loads again. */
  protected abstract loadKey(): string;

  /** The resource types whose changes reload the view. */
  protected abstract watchedTypes(): readonly ResourceType[];

  /** Whether the loaded data is empty (for `:state(empty)`). */
  protected isEmpty(_data: T): boolean {
    return false;
  }

  /** Loads the data again. */
  reload(): Promise<void> {
    return this.task.run();
  }

  private readonly task = new Task(this, {
    args: () => [this.effectiveStore, this.effectiveLocale, this.effectiveTimeZone, this.effectiveDateStyle, this.effectiveTimeStyle, this.loadKey()] as const,
    task: async ([store, locale, timeZone, dateStyle, timeStyle, key], { signal }): Promise<Loaded<T>> => {
      if (!store) throw new ClinicSetupError(this.dataStateI18n.noStore);
      const data = await this.load({ store, locale, timeZone, dateStyle, ...(timeStyle && { timeStyle }), signal });
      return { key, data, loadedAt: Date.now() };
    },
    onError: (error) => this.reportError(error),
  });

  private reportError(error: unknown): void {
    if (error instanceof ClinicSetupError) console.warn(`<${this.localName}>: ${error.message}`);
    const outcome: StoreOperationOutcome = isChartStoreError(error)
      ? error.toOperationOutcome()
      : { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: error instanceof ClinicSetupError ? 'required' : 'exception', diagnostics: error instanceof Error ? error.message : 'Unknown failure' }] };
    this.dispatchEvent(new CwErrorEvent({ outcome, patientId: undefined }));
  }

  private currentData(): Loaded<T> | undefined {
    const status = this.task.status;
    const loaded = status === TaskStatus.COMPLETE || status === TaskStatus.PENDING ? this.task.value : this.keptData();
    return loaded && loaded.key === this.loadKey() ? loaded : undefined;
  }

  private keptData(): Loaded<T> | undefined {
    if (this.task.status !== TaskStatus.ERROR) return undefined;
    const error = this.task.error;
    if (isChartStoreError(error, 'forbidden') || error instanceof ClinicSetupError) return undefined;
    return this.lastLoaded?.key === this.loadKey() ? this.lastLoaded : undefined;
  }

  /** Whether the data on screen may be out of date: offline with a remote store, or a failed reload. */
  protected get stale(): boolean {
    if (this.keptData()) return true;
    return this.network.offline && this.effectiveStore?.info?.remote !== false;
  }

  /** The data on screen, only while it was read for the current load key. */
  protected get loadedData(): T | undefined {
    return this.currentData()?.data;
  }

  /** Renders the loading state: a labelled skeleton. */
  protected renderLoading(): unknown {
    return html`<div part="loading" role="status" class="loading">
      <span class="skeleton" aria-hidden="true"></span><span class="loading-label">${this.dataStateI18n.loading}</span>
    </div>`;
  }

  /** Renders a failure; `restricted` (access denied) names nothing withheld and offers no retry. */
  protected renderFailure(restricted: boolean, message: string): unknown {
    return html`<div part="error" role="alert" class="failure">
      <span>${message}</span>
      ${restricted ? nothing : html`<button type="button" part="retry" @click=${() => void this.reload()}>${this.dataStateI18n.retry}</button>`}
    </div>`;
  }

  /** The "Data as of … · source" line, styled and announced as stale when it may be out of date. */
  protected renderAsOf(): unknown {
    const loaded = this.currentData();
    if (!loaded) return nothing;
    return renderAsOfLine({
      loadedAt: loaded.loadedAt,
      source: this.effectiveStore?.info?.label || this.dataStateI18n.defaultSource,
      stale: this.stale,
      failed: this.keptData() !== undefined,
      retry: () => void this.reload(),
      strings: this.dataStateI18n,
      locale: this.effectiveLocale,
      timeZone: this.effectiveTimeZone,
      dateStyle: this.effectiveDateStyle,
      timeStyle: this.effectiveTimeStyle,
    });
  }

  private unwatch?: () => void;
  private watching?: { store: ChartStore; types: string };
  private reloadTimer?: ReturnType<typeof setTimeout>;

  /** One reload for a burst of changes (a booking writes the appointment, its slots and the schedule at once). */
  private scheduleReload(): void {
    if (this.reloadTimer !== undefined) return;
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = undefined;
      if (this.isConnected) void this.task.run();
    }, 0);
  }

  private watchStore(): void {
    const store = this.isConnected ? this.effectiveStore : undefined;
    const types = this.watchedTypes();
    const key = types.join();
    if (this.watching && this.watching.store === store && this.watching.types === key) return;
    this.unwatch?.();
    this.unwatch = undefined;
    this.watching = undefined;
    if (!store) return;
    this.watching = { store, types: key };
    this.unwatch = store.watch({ resourceType: types }, () => this.scheduleReload());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.watchStore();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.watchStore();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const status = this.task.status;
    const loaded = this.currentData();
    const loading = status === TaskStatus.PENDING || status === TaskStatus.INITIAL || (status === TaskStatus.COMPLETE && !loaded);
    const failed = status === TaskStatus.ERROR;
    const restricted = failed && isChartStoreError(this.task.error, 'forbidden');
    if (status === TaskStatus.COMPLETE && loaded) this.lastLoaded = loaded;
    if (restricted) this.lastLoaded = undefined;
    const kept = this.keptData() !== undefined;
    this.setCustomState('loading', loading);
    this.setCustomState('stale', loaded !== undefined && this.stale);
    this.setCustomState('error', failed && !restricted && !kept);
    this.setCustomState('restricted', restricted);
    this.setCustomState('empty', loaded !== undefined && this.isEmpty(loaded.data));
    this.internals.ariaBusy = loading ? 'true' : 'false';
    this.watchStore();
  }

  /** The widget's content for its current status. */
  protected renderState(): unknown {
    if (this.task.status === TaskStatus.ERROR) {
      const error = this.task.error;
      if (isChartStoreError(error, 'forbidden')) return this.renderFailure(true, this.dataStateI18n.restricted);
      const kept = this.keptData();
      if (kept) return this.renderData(kept.data);
      return this.renderFailure(false, error instanceof ClinicSetupError ? error.message : this.dataStateI18n.loadFailed);
    }
    const loaded = this.currentData();
    return loaded ? this.renderData(loaded.data) : this.renderLoading();
  }

  override render(): unknown {
    return this.renderState();
  }
}
