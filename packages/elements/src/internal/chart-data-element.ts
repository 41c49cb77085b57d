import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import { msg, str } from '@lit/localize';
import { ChartStoreError, isChartStoreError } from '@chartwell/core';
import type { ResourceType } from '@chartwell/fhir';
import type { ChartStore, StoreOperationOutcome, ViewOptions } from '@chartwell/core';
import { ChartSettingsElement } from './chart-settings-element.js';
import { renderAsOfLine } from './as-of-line.js';
import { OnlineController } from './online-controller.js';
import { CwErrorEvent } from '../events/error-event.js';
import { CwContextMismatchEvent } from '../events/context-mismatch-event.js';
import { subjectRecordingStore } from './subject-recording-store.js';
import { overridablePatient, renderEmergencyAccess } from './emergency-access.js';

/** The strings every data widget shows around its data, for translation. */
export interface DataStateI18n {
  /** Read out (and shown) while the data loads: the pending label. */
  loading: string;
  /** Shown when the data cannot be loaded. */
  loadFailed: string;
  /** Shown when access is denied; names nothing that was withheld. */
  restricted: string;
  /** The button that loads the data again after a failure. */
  retry: string;
  /** Shown when the widget has no store (outside a provider, with no `.store`). */
  noStore: string;
  /** Shown when the widget has no `patient-id`. */
  noPatient: string;
  /** Shown instead of data that belongs to another patient than the bound one. */
  contextMismatch: string;
  /** When the data shown was read, and from where: "Data as of 14:05 · This browser". */
  asOf: (when: string, source: string) => string;
  /** Said with the "as of" line while the browser is offline and the store is remote. */
  offline: string;
  /** Said with the "as of" line when reading the data again failed and the earlier data stays on screen. */
  refreshFailed: string;
  /** The source named when the store does not name itself. */
  defaultSource: string;
  /** The restricted state's button that asks for emergency access (break the glass), when a consent or security label withholds the record. */
  emergencyAccess: string;
}

/** The defaults of {@link DataStateI18n} in the current text locale (`@lit/localize`). */
export const defaultDataStateI18n = (): DataStateI18n => ({
  loading: msg('Loading…'),
  loadFailed: msg('This information could not be loaded.'),
  restricted: msg('You do not have permission to see this information.'),
  retry: msg('Try again'),
  noStore: msg('No chart store: place this widget inside <cw-chart-provider>, or set its store property.'),
  noPatient: msg('No patient selected: set the patient-id attribute.'),
  contextMismatch: msg('This information belongs to a different patient and is not shown.'),
  asOf: (when, source) => msg(str`Data as of ${when} · ${source}`),
  offline: msg('Offline: this may be out of date.'),
  refreshFailed: msg('Could not refresh: this may be out of date.'),
  defaultSource: msg('This chart'),
  emergencyAccess: msg('Emergency access…'),
});

/** What a data widget's task resolves to: the data, stamped with the patient it was loaded for. */
interface Loaded<T> {
  readonly patientId: string;
  readonly data: T;
  /** When the store answered (epoch milliseconds). */
  readonly loadedAt: number;
}

/** A setup mistake of the host (no store, no patient): an error state, never a store call. */
class SetupError extends Error {}

/** Loaded data whose subject is not the bound patient: shown as an error, the data never. */
class ContextMismatchError extends Error {
  constructor(readonly patientId: string, readonly found: readonly string[]) {
    super('The loaded data belongs to another patient');
  }
}

/** The settings a widget's view is computed with. */
export interface DataRequest {
  readonly store: ChartStore;
  readonly patientId: string;
  /** Locale, time zone and the abort signal of this run, ready to hand to a core view. */
  readonly options: ViewOptions & { readonly signal: AbortSignal };
}

/**
 * The thin base of every patient data widget: binds to `patient-id`, takes the store, locale,
 * time zone and date style from `<cw-chart-provider>` (or its own `.store`), loads its view with
 * one `@lit/task` (the AbortSignal forwarded; a run that a newer one replaced is dropped), reloads
 * on the store's change feed for the bound patient, and mirrors the status to `:state(loading|error|restricted|empty)`, `aria-busy`, and a `cw-error`
 * event carrying the OperationOutcome. Data whose subject is another patient is never shown: the
 * widget shows an error and fires `cw-context-mismatch`.
 *
 * Data loaded for one patient is never rendered while another is bound: switching `patient-id`
 * shows the loading state in the very same update.
 *
 * When access is denied by a consent or a security label (an overridable `AccessDeniedError`),
 * the restricted state has an "Emergency access…" button (`part="emergency-access"`) that fires
 * `cw-break-glass-request` (`CwBreakGlassRequestEvent`) for the patient; `<cw-chart-provider>`
 * answers it with its break-the-glass prompt.
 */
export abstract class ChartDataElement<T> extends ChartSettingsElement {
  /** The id of the patient whose data to show (`Patient/<id>` without the type). */
  @property({ attribute: 'patient-id' }) patientId?: string;

  /** Whether the browser is offline; coming back online loads the data again. */
  private readonly network = new OnlineController(this, () => void this.task.run());

  /** The last data loaded for the bound patient, kept on screen (marked stale) when a reload fails. */
  private lastLoaded?: Loaded<T>;

  /** The strings of the loading, error and restricted states; subclasses merge them into their `i18n`. */
  protected abstract get dataStateI18n(): DataStateI18n;

  /** Loads the widget's view. Runs again whenever the store, patient, locale, time zone or date style changes. */
  protected abstract load(request: DataRequest): Promise<T>;

  /** Renders the loaded data (of the bound patient: the base checks). */
  protected abstract renderData(data: T): unknown;

  /** Anything else the load depends on (a variant that reads more or less); a change loads again. */
  protected loadKey(): string {
    return '';
  }

  /** The resource types whose changes (for the bound patient) reload the view; `undefined`: all of them. */
  protected watchedTypes(): readonly ResourceType[] | undefined {
    return undefined;
  }

  /** Whether the loaded data is empty (for `:state(empty)`). */
  protected isEmpty(_data: T): boolean {
    return false;
  }

  /** Renders the loading state: a labelled skeleton. Subclasses may override. */
  protected renderLoading(): unknown {
    return html`<div part="loading" role="status" class="loading">
      <span class="skeleton" aria-hidden="true"></span><span class="loading-label">${this.dataStateI18n.loading}</span>
    </div>`;
  }

  /**
   * Renders a failure: `restricted` when access was denied (nothing withheld is named). Subclasses
   * may override to keep their own safety wording.
   */
  protected renderFailure(restricted: boolean, message: string): unknown {
    return html`<div part="error" role="alert" class="failure">
      <span>${message}</span>
      ${restricted ? this.renderEmergencyAccess() : html`<button type="button" part="retry" @click=${() => void this.retry()}>${this.dataStateI18n.retry}</button>`}
    </div>`;
  }

  /**
   * In the restricted state, when a consent or security label withholds the record: the
   * "Emergency access…" button, which fires `cw-break-glass-request` (the provider asks for a reason).
   */
  protected renderEmergencyAccess(): unknown {
    if (this.task.status !== TaskStatus.ERROR) return nothing;
    return renderEmergencyAccess(this, overridablePatient(this.task.error, this.effectiveStore, this.patientId), this.dataStateI18n.emergencyAccess);
  }

  /** Loads the data again (the error state's retry button). */
  retry(): Promise<void> {
    return this.task.run();
  }

  private readonly task = new Task(this, {
    args: () => [this.effectiveStore, this.patientId, this.effectiveLocale, this.effectiveTimeZone, this.effectiveDateStyle, this.effectiveTimeStyle, this.loadKey()] as const,
    task: async ([store, patientId, locale, timeZone, dateStyle, timeStyle], { signal }): Promise<Loaded<T>> => {
      if (!store) throw new SetupError(this.dataStateI18n.noStore);
      if (!patientId) throw new SetupError(this.dataStateI18n.noPatient);
      // every record the view read names its patient; any other than the bound one voids the data
      const subjects = new Set<string>();
      const data = await this.load({ store: subjectRecordingStore(store, subjects), patientId, options: { locale, timeZone, dateStyle, ...(timeStyle && { timeStyle }), signal } });
      const others = [...subjects].filter((subject) => subject !== `Patient/${patientId}`);
      if (others.length > 0) throw new ContextMismatchError(patientId, others);
      return { patientId, data, loadedAt: Date.now() };
    },
    onError: (error) => this.reportError(error),
  });

  private reportError(error: unknown): void {
    if (error instanceof SetupError) console.warn(`<${this.localName}>: ${error.message}`);
    if (error instanceof ContextMismatchError) this.dispatchEvent(new CwContextMismatchEvent({ patientId: error.patientId, found: error.found }));
    const outcome: StoreOperationOutcome = isChartStoreError(error)
      ? error.toOperationOutcome()
      : { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: error instanceof SetupError ? 'required' : error instanceof ContextMismatchError ? 'conflict' : 'exception', diagnostics: error instanceof Error ? error.message : 'Unknown failure' }] };
    this.dispatchEvent(new CwErrorEvent({ outcome, patientId: this.patientId }));
  }

  /**
   * The data of the bound patient, or undefined while none is loaded or it belongs to another.
   * While the same patient's data reloads (a live update), the last data stays on screen.
   */
  private currentData(): Loaded<T> | undefined {
    const status = this.task.status;
    const loaded = status === TaskStatus.COMPLETE || status === TaskStatus.PENDING ? this.task.value : this.keptData();
    return loaded && loaded.patientId === this.patientId ? loaded : undefined;
  }

  /**
   * The earlier data of the bound patient, while a reload of it failed for a reason that does not
   * void it (the store unreachable, say): shown marked stale. Never after a denial, a context
   * mismatch or a setup mistake.
   */
  private keptData(): Loaded<T> | undefined {
    if (this.task.status !== TaskStatus.ERROR) return undefined;
    const error = this.task.error;
    if (isChartStoreError(error, 'forbidden') || error instanceof ContextMismatchError || error instanceof SetupError) return undefined;
    return this.lastLoaded?.patientId === this.patientId ? this.lastLoaded : undefined;
  }

  /** Whether the data on screen may be out of date: offline with a remote store, or a failed reload. */
  protected get stale(): boolean {
    if (this.keptData()) return true;
    return this.network.offline && this.effectiveStore?.info?.remote !== false;
  }

  /** The store's name for the "as of" line: its `info.label`, else "This chart". */
  protected get sourceLabel(): string {
    return this.effectiveStore?.info?.label || this.dataStateI18n.defaultSource;
  }

  /**
   * The "Data as of … · source" line for the data on screen, styled and announced as stale while
   * it may be out of date (offline with a remote store, or a failed reload, which offers a retry).
   * Subclasses put it at the end of their data; with `onlyWhenStale` (the banners) it shows only
   * when stale.
   */
  protected renderAsOf(options: { onlyWhenStale?: boolean } = {}): unknown {
    const loaded = this.currentData();
    if (!loaded) return nothing;
    const stale = this.stale;
    if (options.onlyWhenStale && !stale) return nothing;
    return renderAsOfLine({
      loadedAt: loaded.loadedAt,
      source: this.sourceLabel,
      stale,
      failed: this.keptData() !== undefined,
      retry: () => void this.retry(),
      strings: this.dataStateI18n,
      locale: this.effectiveLocale,
      timeZone: this.effectiveTimeZone,
      dateStyle: this.effectiveDateStyle,
      timeStyle: this.effectiveTimeStyle,
    });
  }

  private unwatch?: () => void;
  private watching?: { store: ChartStore; patientId: string; types: string };

  /** Listens to the store's change feed for the bound patient, and reloads on a change that concerns the view. */
  private watchStore(): void {
    const store = this.isConnected ? this.effectiveStore : undefined;
    const patientId = this.patientId;
    const types = this.watchedTypes();
    const key = types?.join() ?? '*';
    if (this.watching && this.watching.store === store && this.watching.patientId === patientId && this.watching.types === key) return;
    this.unwatch?.();
    this.unwatch = undefined;
    this.watching = undefined;
    if (!store || !patientId) return;
    this.watching = { store, patientId, types: key };
    this.unwatch = store.watch({ patient: `Patient/${patientId}`, ...(types && { resourceType: types }) }, () => void this.task.run());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.watchStore();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.watchStore();
  }

  /** The loaded data, only while it belongs to the bound patient and is current. */
  protected get loadedData(): T | undefined {
    return this.currentData()?.data;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const status = this.task.status;
    const loaded = this.currentData();
    const loading = status === TaskStatus.PENDING || status === TaskStatus.INITIAL || (status === TaskStatus.COMPLETE && !loaded);
    const failed = status === TaskStatus.ERROR;
    const restricted = failed && isChartStoreError(this.task.error, 'forbidden');
    if (status === TaskStatus.COMPLETE && loaded) this.lastLoaded = loaded;
    if (restricted || (loaded === undefined && !loading && this.lastLoaded?.patientId !== this.patientId)) this.lastLoaded = undefined;
    const kept = this.keptData() !== undefined;
    this.setCustomState('loading', loading);
    this.setCustomState('stale', loaded !== undefined && this.stale);
    this.setCustomState('error', failed && !restricted && !kept);
    this.setCustomState('restricted', restricted);
    this.setCustomState('empty', loaded !== undefined && this.isEmpty(loaded.data));
    this.internals.ariaBusy = loading ? 'true' : 'false';
    this.watchStore();
  }

  /** The widget's content for its current status; subclasses wrap it in their own frame. */
  protected renderState(): unknown {
    const status = this.task.status;
    if (status === TaskStatus.ERROR) {
      const error = this.task.error;
      if (isChartStoreError(error, 'forbidden')) return this.renderFailure(true, this.dataStateI18n.restricted);
      if (error instanceof ContextMismatchError) return this.renderFailure(false, this.dataStateI18n.contextMismatch);
      const kept = this.keptData();
      if (kept) return this.renderData(kept.data);
      return this.renderFailure(false, error instanceof SetupError ? error.message : this.dataStateI18n.loadFailed);
    }
    const loaded = this.currentData();
    return loaded ? this.renderData(loaded.data) : this.renderLoading();
  }

  override render(): unknown {
    return this.renderState();
  }
}

/** A store error rebuilt from a view that reports failures in its result (allergySummary's `unavailable`). */
export function storeErrorFrom(error: { readonly code: string; readonly message: string }): ChartStoreError {
  const code = error.code === 'forbidden' || error.code === 'not-found' || error.code === 'invalid' || error.code === 'conflict' ? error.code : 'unavailable';
  return new ChartStoreError(code, error.message);
}
