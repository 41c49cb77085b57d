import { html, nothing, svg, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import { msg, str } from '@lit/localize';
import type { VirtualizerHostElement } from '@lit-labs/virtualizer/virtualize.js';
import type { RangeChangedEvent, VisibilityChangedEvent } from '@lit-labs/virtualizer/events.js';
import { formatCodeableConcept, resultsView } from '@chartwell/core';
import type { ResourceType } from '@chartwell/fhir';
import type { ItemSource, OrderItem, ReportItem, ResultFlag, ResultItem, ResultMeasure, ResultsView, Trend } from '@chartwell/core';
import { ChartDataElement, defaultDataStateI18n } from '../../internal/chart-data-element.js';
import { subjectRecordingStore } from '../../internal/subject-recording-store.js';
import type { DataRequest, DataStateI18n } from '../../internal/chart-data-element.js';
import { hostStyles } from '../../internal/host.styles.js';
import { dataStateStyles } from '../../internal/data-states.styles.js';
import { notRecordedIcon } from '../../internal/icons.js';
import { CwSelectEvent } from '../../events/select-event.js';
import { abnormalIcon, criticalIcon, enteredInErrorIcon, highIcon, lowIcon, modifiedIcon, pendingIcon } from './results.icons.js';
import { resultsStyles } from './results.styles.js';

/** How `<cw-results>` groups its list: under each report (`report`) or under each test (`test`). */
export type ResultsGroupBy = 'report' | 'test';

/** Every built-in string of `<cw-results>`, for translation. */
export interface ResultsI18n extends DataStateI18n {
  /** The widget's heading (and the region's name). */
  heading: string;
  /** How many results and reports the chart holds. */
  summary: (results: number, reports: number) => string;
  /** The label of the grouping select, and its options. */
  groupBy: string;
  groupByOption: Record<ResultsGroupBy, string>;
  /** The label of the text filter. */
  filter: string;
  /** Shown when the filter matches nothing. */
  noMatch: (filter: string) => string;
  /** The accessible name of the list of results. */
  list: string;
  /** Shown when the chart holds no report, result or order; never reads as "all normal". */
  empty: string;
  /** Said under `empty`. */
  emptyHint: string;
  /** Heading of the pending orders, with their count. */
  pendingOrders: (count: number) => string;
  /** An order's status, by the order's status code (fallback: the view's words). */
  orderStatus: Partial<Record<OrderItem['status'], string>>;
  /** An order's priority, by code. */
  priority: Record<NonNullable<OrderItem['priority']>, string>;
  /** When an order was placed, and by whom when known. */
  ordered: (when: string, who: string | undefined) => string;
  /** Under a report: how many results it lists. */
  reportResults: (count: number) => string;
  /** Under a report: results it lists that the chart does not hold. */
  missingResults: (count: number) => string;
  /** Under a panel: members it lists that the chart does not hold. */
  missingMembers: (count: number) => string;
  /** A report's conclusion, labelled. */
  conclusion: string;
  /** Who performed a report. */
  performer: string;
  /** Heading of a test's group, with how many results it has. */
  testGroup: (name: string, count: number) => string;
  /** The label of a reference range. */
  range: string;
  /** A result's status, by status code (fallback: the view's words). */
  status: Partial<Record<ResultItem['status'] | ReportItem['status'], string>>;
  /** An interpretation flag, by its code (fallback: the recorded words). */
  flag: Partial<Record<string, string>>;
  /** A flag Chartwell worked out from the reference range because none was recorded. */
  derivedFlag: (label: string) => string;
  /** A result's note, labelled. */
  note: string;
  /** Where a record came from (organisation and system) and when it was last updated. */
  source: (from: string, updated: string) => string;
  /** The button that opens a test's trend (the test's name is read with it). */
  showTrend: string;
  /** The trend's heading. */
  trendHeading: (name: string, unit: string) => string;
  /** The accessible name of the trend's plot. */
  trendPlot: (name: string, count: number, from: string, to: string) => string;
  /** The trend table's caption. */
  trendTable: (name: string) => string;
  /** The trend table's column headers. */
  trendColumns: { date: string; value: string; flag: string; range: string };
  /** Said when the trend table shows only the newest values. */
  trendShown: (shown: number, total: number) => string;
  /** The button that shows more of the trend's values. */
  showMore: string;
  /** The button that closes the trend. */
  closeTrend: string;
  /** Said while only the newest results are shown and the older ones load (in place of the counts). */
  loadingOlder: string;
  /** Said when the older results could not be loaded (the newest stay shown), before a retry button. */
  olderFailed: string;
}

const defaultI18n = (): ResultsI18n => ({
  ...defaultDataStateI18n(),
  loading: msg('Loading results…'),
  loadingOlder: msg('Showing the newest results. Loading older results…'),
  olderFailed: msg('Only the newest results are shown: older results could not be loaded.'),
  heading: msg('Results'),
  summary: (results, reports) => `${results === 1 ? msg('1 result') : msg(str`${results} results`)}, ${reports === 1 ? msg('1 report') : msg(str`${reports} reports`)}`,
  groupBy: msg('Group by'),
  groupByOption: { report: msg('Report'), test: msg('Test') },
  filter: msg('Filter results'),
  noMatch: (filter) => msg(str`No results match “${filter}”`),
  list: msg('Results, newest first'),
  empty: msg('No results recorded'),
  emptyHint: msg('No test results or orders are recorded in this chart. This does not mean that results are normal or that no tests were done.'),
  pendingOrders: (count) => msg(str`Pending orders (${count})`),
  orderStatus: { active: msg('Awaiting results'), 'on-hold': msg('On hold') },
  priority: { routine: msg('Routine'), urgent: msg('Urgent'), asap: msg('As soon as possible'), stat: msg('STAT') },
  ordered: (when, who) => (who ? msg(str`Ordered ${when} by ${who}`) : msg(str`Ordered ${when}`)),
  reportResults: (count) => (count === 1 ? msg('1 result') : msg(str`${count} results`)),
  missingResults: (count) => (count === 1 ? msg('1 result of this report is not in this chart') : msg(str`${count} results of this report are not in this chart`)),
  missingMembers: (count) => (count === 1 ? msg('1 result of this panel is not in this chart') : msg(str`${count} results of this panel are not in this chart`)),
  conclusion: msg('Conclusion'),
  performer: msg('Performed by'),
  testGroup: (name, count) => msg(str`${name} (${count})`),
  range: msg('Range'),
  status: {
    registered: msg('Registered'),
    partial: msg('Partial'),
    preliminary: msg('Preliminary'),
    final: msg('Final'),
    amended: msg('Amended'),
    corrected: msg('Corrected'),
    appended: msg('Appended'),
    cancelled: msg('Cancelled'),
    'entered-in-error': msg('Entered in error'),
    unknown: msg('Status unknown'),
  },
  flag: {
    H: msg('High'),
    L: msg('Low'),
    HH: msg('Critical high'),
    LL: msg('Critical low'),
    HU: msg('Significantly high'),
    LU: msg('Significantly low'),
    A: msg('Abnormal'),
    AA: msg('Critical abnormal'),
    N: msg('Normal'),
    POS: msg('Positive'),
    NEG: msg('Negative'),
    DET: msg('Detected'),
    ND: msg('Not detected'),
    '>': msg('Off scale high'),
    '<': msg('Off scale low'),
  },
  derivedFlag: (label) => msg(str`${label} (by the reference range)`),
  note: msg('Note'),
  source: (from, updated) => msg(str`Source: ${from}, updated ${updated}`),
  showTrend: msg('Trend'),
  trendHeading: (name, unit) => (unit ? msg(str`Trend: ${name} (${unit})`) : msg(str`Trend: ${name}`)),
  trendPlot: (name, count, from, to) => msg(str`Plot of ${count} values of ${name} from ${from} to ${to}; the table lists them`),
  trendTable: (name) => msg(str`${name}, newest first`),
  trendColumns: { date: msg('Date'), value: msg('Value'), flag: msg('Flag'), range: msg('Reference range') },
  trendShown: (shown, total) => msg(str`Showing the ${shown} newest of ${total} values`),
  showMore: msg('Show more values'),
  closeTrend: msg('Close trend'),
});

/** One row of the virtualised list: a report, a test's heading, or a result (a panel's members one level deeper). */
type Row =
  | { readonly kind: 'report'; readonly key: string; readonly report: ReportItem }
  | { readonly kind: 'test'; readonly key: string; readonly name: string; readonly count: number }
  | { readonly kind: 'result'; readonly key: string; readonly item: ResultItem; readonly depth: number };

/** The newest-first sort key of a FHIR date or dateTime, for interleaving reports and results (undated last). */
const timeOf = (value: string | undefined): number => {
  const time = value === undefined ? Number.NaN : Date.parse(value);
  return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
};

const trendKey = (loinc: string, unit: string) => `${loinc}|${unit}`;

/**
 * How many of the newest Observations the first render of a long record shows; the rest load
 * once the browser is idle after it (see {@link CwResults}).
 */
export const FIRST_RESULTS = 150;

/**
 * Lists of up to this many rows render every row; a longer one loads `@lit-labs/virtualizer`
 * (about 8 kB gzip, once per page) and renders only the rows in view. Until it has loaded, the
 * first rows show, so the DOM stays bounded either way.
 */
export const VIRTUALIZE_FROM = 100;

type VirtualizeModule = typeof import('@lit-labs/virtualizer/virtualize.js');

/** The virtualiser, once a long list has loaded it (shared by every `<cw-results>` of the page). */
let virtualizeModule: VirtualizeModule | undefined;
let loadingVirtualizer: Promise<VirtualizeModule> | undefined;

/** The longest the older results wait for the browser to be idle before they load anyway (ms). */
const REST_IDLE_TIMEOUT = 1000;

/** The whole view that follows a partial first view, once loaded (or why not). */
interface RestOfView {
  readonly first: ResultsView;
  readonly patientId: string;
  readonly full?: ResultsView;
  readonly failed?: true;
}

/** How many trend values the table shows at first, and adds per "Show more". */
const TREND_PAGE = 50;

/** Plot size in viewBox units. */
const PLOT = { width: 320, height: 96, pad: 6 } as const;

/**
 * @tagname cw-results
 * @summary A patient's orders and results, as `resultsView` decides them: pending orders; then
 * reports with their results, and results outside any report, newest first, grouped under each
 * report or each test. Each result shows its value with the unit as recorded, its reference
 * range, its status when not final, and its interpretation flag in words with an icon (critical,
 * high, low, abnormal; never colour alone; a flag worked out from the range says so). Entered-in-error
 * results are struck through and say so. A test's **Trend** opens its values over time as a table
 * with a small plot behind the reference range band (the plot decorates; the table holds the
 * numbers). The list is virtualised: only the rows in view are in the DOM, so 10,000 results stay
 * fast; it is a list with each row's position and the total said, and its rows are reached with
 * the arrow keys, Home, End, Page Up and Page Down. With nothing recorded it says "No results
 * recorded", never "normal".
 *
 * @slot empty - Replaces the nothing-recorded wording (keep it clinical: never "none" or "all normal").
 *
 * @csspart base - The widget, a labelled region.
 * @csspart heading - The heading.
 * @csspart summary - The count of results and reports.
 * @csspart controls - The grouping and filter controls.
 * @csspart group-by - The grouping select.
 * @csspart filter - The filter input.
 * @csspart orders - The pending orders.
 * @csspart order - One pending order.
 * @csspart list - The virtualised list (a scroller).
 * @csspart row - Each row of the list.
 * @csspart report - A report's row.
 * @csspart result - A result's row.
 * @csspart test - A test's heading row (grouped by test).
 * @csspart flag - A result's interpretation flag.
 * @csspart status - A result's or report's status, when not final.
 * @csspart trend-button - The button that opens a test's trend.
 * @csspart trend - The trend of one test.
 * @csspart trend-plot - The trend's plot.
 * @csspart trend-table - The trend's table.
 * @csspart icon - Each inline icon.
 * @csspart empty - The nothing-recorded state.
 * @csspart as-of - The "Data as of … · source" line (styled and announced as stale while the data may be out of date).
 * @csspart loading - The loading state.
 * @csspart error - The failure state.
 * @csspart retry - The button that loads the results again.
 *
 * @cssproperty [--cw-results-list-block-size=30rem] - The height of the list's scroller (shorter when the list is short).
 * @cssproperty [--cw-results-abnormal-color=var(--cw-color-warning-text, #6b4e00)] - Colour of high, low and abnormal flags.
 * @cssproperty [--cw-results-critical-color=var(--cw-color-danger-text, #8c1d18)] - Colour of critical flags.
 * @cssproperty [--cw-results-band-color=var(--cw-color-success-surface, #d8eeda)] - Fill of the reference range band in a trend plot.
 *
 * @cssstate loading - The results are loading.
 * @cssstate error - They could not be read.
 * @cssstate restricted - Access was denied (nothing withheld is named).
 * @cssstate empty - No report, result or order is recorded.
 * @cssstate stale - The data shown may be out of date (offline with a remote store, or a refresh failed).
 *
 * @fires {CwSelectEvent} cw-select - A report or a result was chosen (click, Enter or Space); `detail.reference` is `DiagnosticReport/<id>` or `Observation/<id>`.
 * @fires {CwErrorEvent} cw-error - The results could not be read; `detail.outcome` is the OperationOutcome.
 * @fires {CwContextMismatchEvent} cw-context-mismatch - The store answered with another patient's records; nothing of them is shown.
 *
 * @dependency lit-virtualizer - `@lit-labs/virtualizer`'s `virtualize` directive renders the list.
 */
export class CwResults extends ChartDataElement<ResultsView> {
  /** Styles (host rules, the shared data states, then the results' own). */
  static override styles = [hostStyles, dataStateStyles, resultsStyles];

  /** Built-in strings to override, for translation; the rest keep their defaults (the word maps, such as `flag` and `status`, key by key). */
  @property({ attribute: false }) i18n: Partial<ResultsI18n> = {};

  /** How the list is grouped: `report` (default; results under their report, others on their own) or `test`. */
  @property({ attribute: 'group-by' }) groupBy: ResultsGroupBy = 'report';

  /** The text filter: rows whose test or report name contains it (ignoring case). */
  @property() filter = '';

  /** The trend shown (`<LOINC>|<unit>`), if any. */
  @state() private openTrend?: string;

  /** How many of the trend's values its table shows. */
  @state() private trendLimit = TREND_PAGE;

  /** The row that takes Tab focus (roving tabindex). */
  @state() private activeIndex = 0;

  /**
   * Whether the virtualiser has rows in the DOM. It renders none while the list is off screen; the
   * list itself then takes Tab (and hands focus to the active row), so the scrolling region is
   * never out of keyboard reach.
   */
  @state() private rowsInDom = false;

  /** Whether this element waits for the virtualiser to load (it renders again then). */
  private awaitingVirtualizer = false;

  /** Starts loading the virtualiser for a long list, and renders again once it is there. */
  private loadVirtualizer(): void {
    if (this.awaitingVirtualizer) return;
    this.awaitingVirtualizer = true;
    loadingVirtualizer ??= import('@lit-labs/virtualizer/virtualize.js').then((module) => (virtualizeModule = module));
    loadingVirtualizer.then(
      () => {
        this.awaitingVirtualizer = false;
        this.requestUpdate();
      },
      () => {
        // the first rows stay on screen; the next render tries again
        loadingVirtualizer = undefined;
        this.awaitingVirtualizer = false;
      },
    );
  }

  /** The reference last chosen (marked `aria-current`). */
  @state() private chosen?: string;

  /** The whole view behind a partial first one (a long record), once it is loaded. */
  @state() private rest?: RestOfView;

  /** Stops the load of the older results (a newer load, or the element left the document). */
  private restAbort?: AbortController;

  /** The partial view and request whose older results are still to load (again when the element comes back). */
  private restPending?: { first: ResultsView; request: DataRequest };

  /** Whether the view on screen is partial (older results loading or failed): counts are then not shown as final. */
  private partial = false;

  private rowCache?: { data: ResultsView; groupBy: ResultsGroupBy; filter: string; locale: string; rows: readonly Row[] };

  /** The list whose virtualiser was last connected again (see `updated`). */
  private attachedList?: Element;

  /** The strings of the current render (rows the virtualiser renders on scroll use them too). */
  private renderStrings?: ResultsI18n;

  override render(): unknown {
    // built again on each render: the text locale or `i18n` may have changed
    this.renderStrings = undefined;
    return super.render();
  }

  /** The defaults with the host's overrides; the word maps (flags, statuses, ...) merge key by key. */
  private get strings(): ResultsI18n {
    if (this.renderStrings !== undefined) return this.renderStrings;
    const defaults = defaultI18n();
    const own = this.i18n;
    return (this.renderStrings = {
      ...defaults,
      ...own,
      groupByOption: { ...defaults.groupByOption, ...own.groupByOption },
      orderStatus: { ...defaults.orderStatus, ...own.orderStatus },
      priority: { ...defaults.priority, ...own.priority },
      status: { ...defaults.status, ...own.status },
      flag: { ...defaults.flag, ...own.flag },
      trendColumns: { ...defaults.trendColumns, ...own.trendColumns },
    });
  }

  protected override get dataStateI18n(): DataStateI18n {
    return this.strings;
  }

  /**
   * A long record renders in two steps: first the newest {@link FIRST_RESULTS} Observations
   * (`resultsView`'s `newest`), then, once the browser is idle, all of them. A reload of a record
   * already shown whole loads it whole again, so the list does not fall back to the newest.
   */
  protected override async load(request: DataRequest): Promise<ResultsView> {
    const { store, patientId, options } = request;
    this.stopRest();
    if (this.rest?.full !== undefined && this.rest.patientId === patientId) return resultsView(store, patientId, options);
    const first = await resultsView(store, patientId, { ...options, newest: FIRST_RESULTS });
    if (!first.complete) {
      this.restPending = { first, request };
      this.scheduleRest();
    }
    return first;
  }

  private stopRest(): void {
    this.restAbort?.abort();
    this.restAbort = undefined;
    this.restPending = undefined;
  }

  /** Loads the whole view behind the pending partial one once the browser is idle (after the first render). */
  private scheduleRest(): void {
    const pending = this.restPending;
    // a detached element waits: connectedCallback schedules it when it comes back
    if (pending === undefined || this.restAbort !== undefined || !this.isConnected) return;
    const abort = new AbortController();
    this.restAbort = abort;
    const { first, request } = pending;
    const run = async () => {
      if (abort.signal.aborted || request.options.signal.aborted) return;
      // the same check as the first load's: every record read names the bound patient, or none is shown
      const subjects = new Set<string>();
      try {
        const full = await resultsView(subjectRecordingStore(request.store, subjects), request.patientId, { ...request.options, signal: abort.signal });
        if (abort.signal.aborted) return;
        const others = [...subjects].filter((subject) => subject !== `Patient/${request.patientId}`);
        this.rest = others.length > 0 ? { first, patientId: request.patientId, failed: true } : { first, patientId: request.patientId, full };
      } catch {
        if (abort.signal.aborted) return;
        this.rest = { first, patientId: request.patientId, failed: true };
      }
      if (this.restAbort === abort) {
        this.restAbort = undefined;
        this.restPending = undefined;
      }
    };
    const start = () => void this.updateComplete.then(run);
    if (typeof requestIdleCallback === 'function') requestIdleCallback(start, { timeout: REST_IDLE_TIMEOUT });
    else setTimeout(start, 0);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // the older results stopped loading when the element left the document: load them now
    this.scheduleRest();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.restAbort?.abort();
    this.restAbort = undefined;
  }

  /** Loads everything again after the older results failed to load (the newest first, as ever). */
  private retryOlder(): void {
    this.rest = undefined;
    void this.retry();
  }

  /** The view to show for the loaded one: the whole view once it followed a partial first one. */
  private shownView(view: ResultsView): ResultsView {
    return this.rest?.first === view && this.rest.full !== undefined ? this.rest.full : view;
  }

  protected override watchedTypes(): readonly ResourceType[] {
    return ['Observation', 'DiagnosticReport', 'ServiceRequest', 'Provenance', 'Organization'];
  }

  protected override isEmpty(view: ResultsView): boolean {
    return view.reports.length + view.results.length + view.orders.length === 0;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // another patient: nothing of the last one's choices carries over
    if (changed.has('patientId')) {
      this.openTrend = undefined;
      this.chosen = undefined;
      this.activeIndex = 0;
    }
    if (changed.has('groupBy') || changed.has('filter')) this.activeIndex = 0;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const list = this.renderRoot.querySelector<HTMLElement & VirtualizerHostElement>('ul.list') ?? undefined;
    if (list === this.attachedList) return;
    this.attachedList = list;
    // The directive connects its virtualiser while Lit still builds the list in a detached
    // fragment, so it finds no scrolling ancestor and would not follow a host's scroll container:
    // connect it again now that the list is in the document.
    const virtualizer = virtualizeModule && list?.[virtualizeModule.virtualizerRef];
    if (virtualizer && list?.isConnected) {
      virtualizer.disconnected();
      virtualizer.connected();
    }
  }

  private frame(body: unknown) {
    return html`<section part="base" class="results" aria-labelledby="heading">
      <h2 part="heading" class="heading" id="heading">${this.strings.heading}</h2>
      ${body}
    </section>`;
  }

  protected override renderLoading(): unknown {
    return this.frame(super.renderLoading());
  }

  protected override renderFailure(restricted: boolean, message: string): unknown {
    return this.frame(super.renderFailure(restricted, message));
  }

  /** The list's rows for the data, grouping and filter (kept while they do not change). */
  private rowsOf(view: ResultsView): readonly Row[] {
    const locale = this.effectiveLocale;
    const cache = this.rowCache;
    if (cache && cache.data === view && cache.groupBy === this.groupBy && cache.filter === this.filter && cache.locale === locale) return cache.rows;
    const needle = this.filter.trim().toLocaleLowerCase(locale);
    const matches = (name: string) => needle === '' || name.toLocaleLowerCase(locale).includes(needle);
    const rows = this.groupBy === 'test' ? testRows(view, matches) : reportRows(view, matches);
    this.rowCache = { data: view, groupBy: this.groupBy, filter: this.filter, locale, rows };
    return rows;
  }

  protected override renderData(loaded: ResultsView): unknown {
    const s = this.strings;
    const view = this.shownView(loaded);
    this.partial = !view.complete;
    const restFailed = this.partial && this.rest?.first === loaded && this.rest.failed === true;
    if (this.isEmpty(view)) {
      return this.frame(html`<div part="empty" class="empty">
          <slot name="empty"><p class="headline">${notRecordedIcon()}<strong>${s.empty}</strong></p>
          <p class="hint">${s.emptyHint}</p></slot>
        </div>
        ${this.renderAsOf()}`);
    }
    const rows = this.rowsOf(view);
    const resultCount = countResults(view);
    const active = Math.min(this.activeIndex, Math.max(rows.length - 1, 0));
    const trends = new Map(view.trends.map((trend) => [trendKey(trend.loinc, trend.unit), trend]));
    const trend = this.openTrend === undefined ? undefined : trends.get(this.openTrend);
    return this.frame(html`
      ${this.partial
        ? html`<p part="summary older" class="summary older" role="status">
            ${restFailed ? html`${s.olderFailed} <button type="button" part="retry" @click=${() => this.retryOlder()}>${s.retry}</button>` : s.loadingOlder}
          </p>`
        : html`<p part="summary" class="summary">${s.summary(resultCount, view.reports.length)}</p>`}
      ${this.renderOrders(view.orders.filter((order) => order.pending))}
      <div part="controls" class="controls">
        <label
          >${s.groupBy}
          <select part="group-by" @change=${(event: Event) => (this.groupBy = (event.target as HTMLSelectElement).value === 'test' ? 'test' : 'report')}>
            <option value="report" ?selected=${this.groupBy !== 'test'}>${s.groupByOption.report}</option>
            <option value="test" ?selected=${this.groupBy === 'test'}>${s.groupByOption.test}</option>
          </select>
        </label>
        <label>${s.filter} <input type="search" part="filter" .value=${this.filter} @input=${(event: Event) => (this.filter = (event.target as HTMLInputElement).value)} /></label>
      </div>
      ${trend ? this.renderTrend(trend) : nothing}
      ${rows.length === 0 ? html`<p class="no-match">${s.noMatch(this.filter.trim())}</p>` : this.renderList(rows, active, trends)}
      ${this.renderAsOf()}
    `);
  }

  /**
   * The list of rows: every row when there are few; the virtualiser's rows in view when there are
   * many (the first {@link VIRTUALIZE_FROM} until it has loaded).
   */
  private renderList(rows: readonly Row[], active: number, trends: ReadonlyMap<string, Trend>) {
    const s = this.strings;
    const long = rows.length > VIRTUALIZE_FROM;
    if (long && !virtualizeModule) this.loadVirtualizer();
    const virtualizer = long ? virtualizeModule : undefined;
    const virtualized = virtualizer !== undefined;
    return html`<ul
            part="list"
            class="list"
            role="list"
            aria-label=${s.list}
            style=${styleMap({ blockSize: `min(var(--cw-results-list-block-size, 30rem), ${rows.length * 4 + 0.5}rem)` })}
            @keydown=${(event: KeyboardEvent) => this.onListKey(event, rows)}
            tabindex=${!virtualized || this.rowsInDom ? nothing : '0'}
            @focusin=${(event: FocusEvent) => this.onListFocus(event)}
            @visibilityChanged=${(event: VisibilityChangedEvent) => this.onVisibility(event)}
            @rangeChanged=${(event: RangeChangedEvent) => (this.rowsInDom = event.first >= 0)}
            @click=${(event: MouseEvent) => this.onListClick(event, rows)}
          >
            ${virtualizer
              ? html`${virtualizer.virtualize({ items: rows as Row[], scroller: true, keyFunction: (row: Row) => row.key, renderItem: (row: Row, index: number) => this.renderRow(row, index, rows.length, index === active, trends) })}
                  <li virtualizer-sizer aria-hidden="true"></li>`
              : rows.slice(0, VIRTUALIZE_FROM).map((row, index) => this.renderRow(row, index, rows.length, index === active, trends))}
          </ul>`;
  }

  private renderOrders(pending: readonly OrderItem[]) {
    if (pending.length === 0) return nothing;
    const s = this.strings;
    return html`<section part="orders" class="orders" aria-labelledby="orders-heading">
      <h3 id="orders-heading">${pendingIcon()}${s.pendingOrders(pending.length)}</h3>
      <ul class="order-list">
        ${pending.map(
          (order) => html`<li part="order" class="order" data-reference=${`ServiceRequest/${order.id}`}>
            <span class="name">${order.name}</span>
            <span class="badge">${s.orderStatus[order.status] ?? order.statusLabel}</span>
            ${order.priority !== undefined && order.priority !== 'routine' ? html`<span class="badge priority">${s.priority[order.priority] ?? order.priority}</span>` : nothing}
            <span class="ordered">${s.ordered(order.authoredOnText, order.requester?.display)}</span>
          </li>`,
        )}
      </ul>
    </section>`;
  }

  private renderRow(row: Row, index: number, total: number, active: boolean, trends: ReadonlyMap<string, Trend>) {
    const reference = row.kind === 'report' ? `DiagnosticReport/${row.report.id}` : row.kind === 'result' ? `Observation/${row.item.id}` : undefined;
    // while older results load, a test's count is not known: its name alone
    const body = row.kind === 'report' ? this.renderReport(row.report) : row.kind === 'test' ? html`<strong class="test-name">${this.partial ? row.name : this.strings.testGroup(row.name, row.count)}</strong>` : this.renderResult(row.item, trends);
    return html`<li
      part="row ${row.kind}"
      class="row row-${row.kind} depth-${row.kind === 'result' ? Math.min(row.depth, 3) : 0}"
      data-index=${index}
      data-reference=${reference ?? nothing}
      aria-posinset=${index + 1}
      aria-setsize=${this.partial ? -1 : total}
      aria-current=${reference !== undefined && reference === this.chosen ? 'true' : nothing}
      tabindex=${active ? '0' : '-1'}
    >
      ${body}
    </li>`;
  }

  private renderReport(report: ReportItem) {
    const s = this.strings;
    const performers = report.performer.map((p) => p.display).filter((d): d is string => typeof d === 'string' && d !== '');
    return html`<div class="line">
        <strong class="name report-name ${report.enteredInError ? 'struck' : ''}">${report.name}</strong>
        ${this.renderStatus(report.status, report.statusLabel, report.enteredInError)}
        <span class="when">${report.effectiveText}</span>
        <span class="count">${s.reportResults(report.results.length)}</span>
      </div>
      ${report.conclusion !== undefined || report.conclusionCode.length > 0
        ? html`<p class="conclusion"><span class="label">${s.conclusion}:</span> ${[report.conclusion, ...report.conclusionCode.map((c) => formatCodeableConcept(c))].filter((t) => t).join('; ')}</p>`
        : nothing}
      ${performers.length > 0 ? html`<p class="performer"><span class="label">${s.performer}:</span> ${performers.join(', ')}</p>` : nothing}
      ${report.missingResults.length > 0 ? html`<p class="missing">${s.missingResults(report.missingResults.length)}</p>` : nothing}
      ${this.renderSource(report.source)}`;
  }

  private renderResult(item: ResultItem, trends: ReadonlyMap<string, Trend>) {
    const s = this.strings;
    return html`${this.renderMeasure(item, trends, item.enteredInError, html`${this.renderStatus(item.status, item.statusLabel, item.enteredInError)}<span class="when">${item.effectiveText}</span>`)}
      ${item.components.length > 0 ? html`<ul class="components">${item.components.map((component) => html`<li>${this.renderMeasure(component, trends, item.enteredInError, nothing)}</li>`)}</ul>` : nothing}
      ${item.notes.map((note) => html`<p class="note"><span class="label">${s.note}:</span> ${note}</p>`)}
      ${item.missingMembers.length > 0 ? html`<p class="missing">${s.missingMembers(item.missingMembers.length)}</p>` : nothing}`;
  }

  /** A measure's name, value, flag and range (an Observation's own, or one component's). */
  private renderMeasure(measure: ResultMeasure, trends: ReadonlyMap<string, Trend>, struck: boolean, extra: unknown) {
    const s = this.strings;
    const key = measure.loinc !== undefined && measure.value.kind === 'quantity' ? trendKey(measure.loinc, measure.unit) : undefined;
    const trend = key === undefined ? undefined : trends.get(key);
    const ranges = measure.referenceRanges.filter((range) => range.display !== '');
    return html`<div class="line">
      <span class="name">${measure.name}</span>
      <span class="value ${struck ? 'struck' : ''}">${measure.valueText}</span>
      ${this.renderFlag(measure.flag)}
      ${measure.interpretationText !== undefined ? html`<span class="interpretation">${measure.interpretationText}</span>` : nothing}
      ${ranges.length > 0
        ? html`<span class="range"><span class="label">${s.range}:</span> ${ranges.map((range) => [range.display, ...range.appliesTo.map((c) => formatCodeableConcept(c))].filter((t) => t).join(' ')).join('; ')}</span>`
        : nothing}
      ${extra}
      ${trend !== undefined && key !== undefined
        ? html`<button type="button" part="trend-button" class="trend-button" data-trend=${key} aria-pressed=${this.openTrend === key ? 'true' : 'false'}>
            ${s.showTrend}<span class="visually-hidden"> ${measure.name}</span>
          </button>`
        : nothing}
    </div>`;
  }

  private renderFlag(flag: ResultFlag | undefined) {
    if (flag === undefined) return nothing;
    const s = this.strings;
    const label = s.flag[flag.code] ?? flag.label;
    const icon = !flag.abnormal ? nothing : flag.critical ? criticalIcon() : flag.code === 'H' || flag.code === 'HU' || flag.code === '>' ? highIcon() : flag.code === 'L' || flag.code === 'LU' || flag.code === '<' ? lowIcon() : abnormalIcon();
    const kind = flag.critical ? 'critical' : flag.abnormal ? 'abnormal' : 'normal';
    return html`<span part="flag" class="flag flag-${kind}" data-code=${flag.code}>${icon}${flag.derived ? s.derivedFlag(label) : label}</span>`;
  }

  /** The status, when it is not simply final: entered in error (struck), not final yet, or modified. */
  private renderStatus(status: ResultItem['status'] | ReportItem['status'], label: string, enteredInError: boolean) {
    if (status === 'final') return nothing;
    const words = this.strings.status[status] ?? label;
    if (enteredInError) return html`<span part="status" class="badge status entered-in-error">${enteredInErrorIcon()}${words}</span>`;
    const icon = status === 'amended' || status === 'corrected' ? modifiedIcon() : status === 'preliminary' || status === 'registered' || status === 'partial' ? pendingIcon() : nothing;
    return html`<span part="status" class="badge status">${icon}${words}</span>`;
  }

  private renderSource(source: ItemSource) {
    const from = source.organization ? `${source.organization} (${source.system})` : source.system;
    return html`<p class="source">${this.strings.source(from, source.lastUpdatedText)}</p>`;
  }

  private renderTrend(trend: Trend) {
    const s = this.strings;
    const newestFirst = [...trend.points].reverse();
    const shown = newestFirst.slice(0, this.trendLimit);
    const first = trend.points[0];
    const last = trend.points[trend.points.length - 1];
    return html`<section part="trend" class="trend" aria-labelledby="trend-heading">
      <div class="trend-head">
        <h3 id="trend-heading" tabindex="-1">${s.trendHeading(trend.name, trend.unit)}</h3>
        <button type="button" class="close-trend" @click=${() => this.closeTrend()}>${s.closeTrend}</button>
      </div>
      ${this.renderPlot(trend, s.trendPlot(trend.name, trend.points.length, first?.effectiveText ?? '', last?.effectiveText ?? ''))}
      <table part="trend-table" class="trend-table">
        <caption>${s.trendTable(trend.name)}</caption>
        <thead>
          <tr><th scope="col">${s.trendColumns.date}</th><th scope="col">${s.trendColumns.value}</th><th scope="col">${s.trendColumns.flag}</th><th scope="col">${s.trendColumns.range}</th></tr>
        </thead>
        <tbody>
          ${shown.map(
            (point) => html`<tr data-reference=${`Observation/${point.observationId}`}>
              <td>${point.effectiveText}</td>
              <td>${point.valueText}${point.preliminary ? html` <span class="badge status">${pendingIcon()}${s.status.preliminary ?? ''}</span>` : nothing}</td>
              <td>${this.renderFlag(point.flag)}</td>
              <td>${point.rangeText}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      ${this.partial
        ? html`<p class="trend-more">${s.loadingOlder}</p>`
        : shown.length < newestFirst.length
        ? html`<p class="trend-more">${s.trendShown(shown.length, newestFirst.length)} <button type="button" @click=${() => (this.trendLimit += TREND_PAGE)}>${s.showMore}</button></p>`
        : nothing}
    </section>`;
  }

  /** The plot: the values as one line over time, on the reference range band; decoration for the table. */
  private renderPlot(trend: Trend, name: string) {
    const points = trend.points.map((p) => ({ x: timeOf(p.effective), y: p.plotValue, flagged: p.flag?.abnormal === true })).filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
    if (points.length === 0) return nothing;
    const band = trend.band;
    const ys = [...points.map((p) => p.y), ...(band?.low !== undefined ? [band.low] : []), ...(band?.high !== undefined ? [band.high] : [])];
    const [minX, maxX] = [Math.min(...points.map((p) => p.x)), Math.max(...points.map((p) => p.x))];
    const [minY, maxY] = [Math.min(...ys), Math.max(...ys)];
    const { width, height, pad } = PLOT;
    const x = (value: number) => (maxX === minX ? width / 2 : pad + ((value - minX) / (maxX - minX)) * (width - 2 * pad));
    const y = (value: number) => (maxY === minY ? height / 2 : height - pad - ((value - minY) / (maxY - minY)) * (height - 2 * pad));
    const bandTop = band === undefined ? undefined : y(band.high ?? maxY);
    const bandBottom = band === undefined ? undefined : y(band.low ?? minY);
    const line = points.map((p) => `${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`).join(' ');
    // a marker per value while they stay few; beyond that the line alone (the table has every number)
    const markers = points.length <= 120 ? points : [];
    return html`<svg part="trend-plot" class="trend-plot" role="img" aria-label=${name} viewBox="0 0 ${width} ${height}" focusable="false">
      ${bandTop !== undefined && bandBottom !== undefined ? svg`<rect class="band" x="0" y=${bandTop.toFixed(1)} width=${width} height=${Math.max(bandBottom - bandTop, 1).toFixed(1)}></rect>` : nothing}
      <polyline class="values" points=${line} fill="none" vector-effect="non-scaling-stroke"></polyline>
      ${markers.map((p) => svg`<circle class=${p.flagged ? 'point flagged' : 'point'} cx=${x(p.x).toFixed(1)} cy=${y(p.y).toFixed(1)} r=${p.flagged ? 3.5 : 2.5}></circle>`)}
    </svg>`;
  }

  private openTrendOf(key: string): void {
    this.openTrend = this.openTrend === key ? undefined : key;
    this.trendLimit = TREND_PAGE;
    if (this.openTrend !== undefined) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#trend-heading')?.focus());
  }

  private closeTrend(): void {
    this.openTrend = undefined;
    void this.updateComplete.then(() => this.focusRow(this.activeIndex));
  }

  private choose(row: Row | undefined): void {
    if (row === undefined || row.kind === 'test') return;
    const reference = row.kind === 'report' ? `DiagnosticReport/${row.report.id}` : `Observation/${row.item.id}`;
    this.chosen = reference;
    this.dispatchEvent(new CwSelectEvent({ reference }));
  }

  private rowIndexOf(target: EventTarget | null): number | undefined {
    const row = target instanceof Element ? target.closest<HTMLElement>('li[data-index]') : null;
    const index = row?.dataset['index'];
    return index === undefined ? undefined : Number(index);
  }

  private onListClick(event: MouseEvent, rows: readonly Row[]): void {
    const trendButton = event.target instanceof Element ? event.target.closest<HTMLElement>('[data-trend]') : null;
    const key = trendButton?.dataset['trend'];
    if (key !== undefined) {
      this.openTrendOf(key);
      return;
    }
    const index = this.rowIndexOf(event.target);
    if (index !== undefined) this.choose(rows[index]);
  }

  private onListFocus(event: FocusEvent): void {
    if (event.target instanceof HTMLUListElement) {
      // the list itself took Tab while no row was rendered: bring the active row in and focus it
      this.focusRow(this.activeIndex);
      return;
    }
    const index = this.rowIndexOf(event.target);
    if (index !== undefined) this.activeIndex = index;
  }

  /**
   * The tab stop follows the view: once the active row scrolls out (and so out of the DOM) while
   * focus is elsewhere, the first visible row takes Tab, so the list never loses its tab stop.
   */
  private onVisibility(event: VisibilityChangedEvent): void {
    const { first, last } = event;
    if (first < 0 || (this.activeIndex >= first && this.activeIndex <= last)) return;
    const focused = (this.renderRoot as ShadowRoot).activeElement;
    if (focused instanceof HTMLElement && focused.closest('ul.list')) return;
    this.activeIndex = first;
  }

  private onListKey(event: KeyboardEvent, rows: readonly Row[]): void {
    // keys on the row itself; a button inside a row keeps its own
    if (!(event.target instanceof HTMLLIElement) || event.target.dataset['index'] === undefined) return;
    const index = Number(event.target.dataset['index']);
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.choose(rows[index]);
      return;
    }
    const last = rows.length - 1;
    const next = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: last, PageDown: index + 10, PageUp: index - 10 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    this.activeIndex = Math.min(Math.max(next, 0), last);
    this.focusRow(this.activeIndex);
  }

  /** Scrolls row `index` into view (the virtualiser renders it) and focuses it. */
  private focusRow(index: number): void {
    const list = this.renderRoot.querySelector<HTMLElement & VirtualizerHostElement>('ul.list');
    if (!list) return;
    const virtualizer = virtualizeModule && list[virtualizeModule.virtualizerRef];
    if (virtualizer) virtualizer.element(index)?.scrollIntoView({ block: 'nearest' });
    else list.querySelector<HTMLElement>(`li[data-index="${index}"]`)?.scrollIntoView({ block: 'nearest' });
    let frames = 0;
    const attempt = () => {
      const row = list.querySelector<HTMLElement>(`li[data-index="${index}"]`);
      if (row && this.activeIndex === index) row.focus({ preventScroll: true });
      else if (frames++ < 30 && this.activeIndex === index) requestAnimationFrame(attempt);
    };
    void this.updateComplete.then(() => requestAnimationFrame(attempt));
  }
}

/** How many results the view holds: reports' results, results on their own, and panels' members. */
function countResults(view: ResultsView): number {
  const seen = new Set<string>();
  const visit = (item: ResultItem) => {
    seen.add(item.id);
    item.members.forEach(visit);
  };
  view.reports.forEach((report) => report.results.forEach(visit));
  view.results.forEach(visit);
  return seen.size;
}

/** A result and its panel's members (deeper), when it or a member matches. */
function resultRows(item: ResultItem, depth: number, matches: (name: string) => boolean, all: boolean, path: string): Row[] {
  const key = `${path}/${item.id}`;
  const members = item.members.flatMap((member) => resultRows(member, depth + 1, matches, all || matches(item.name), key));
  if (!all && !matches(item.name) && members.length === 0) return [];
  return [{ kind: 'result', key, item, depth }, ...members];
}

/** Reports (each followed by its results) and results on their own, interleaved newest first. */
function reportRows(view: ResultsView, matches: (name: string) => boolean): Row[] {
  const groups: { time: number; rows: Row[] }[] = [];
  for (const report of view.reports) {
    const all = matches(report.name);
    const results = report.results.flatMap((item) => resultRows(item, 1, matches, all, `DiagnosticReport/${report.id}`));
    if (all || results.length > 0) groups.push({ time: timeOf(report.effective ?? report.issued), rows: [{ kind: 'report', key: `DiagnosticReport/${report.id}`, report }, ...results] });
  }
  for (const item of view.results) {
    const rows = resultRows(item, 0, matches, false, '');
    if (rows.length > 0) groups.push({ time: timeOf(item.effective ?? item.issued), rows });
  }
  // stable: the view's own newest-first order breaks ties
  return groups
    .map((group, order) => ({ ...group, order }))
    .sort((a, b) => b.time - a.time || a.order - b.order)
    .flatMap((group) => group.rows);
}

/** One group per test (LOINC code, else name), newest test first, each test's results newest first. */
function testRows(view: ResultsView, matches: (name: string) => boolean): Row[] {
  const tests = new Map<string, { name: string; items: ResultItem[] }>();
  const seen = new Set<string>();
  const visit = (item: ResultItem) => {
    if (seen.has(item.id)) return;
    seen.add(item.id);
    if (matches(item.name)) {
      const key = item.loinc ?? item.name;
      const test = tests.get(key) ?? { name: item.name, items: [] };
      test.items.push(item);
      tests.set(key, test);
    }
    item.members.forEach(visit);
  };
  view.reports.forEach((report) => report.results.forEach(visit));
  view.results.forEach(visit);
  const newest = (item: ResultItem) => timeOf(item.effective ?? item.issued);
  return [...tests.entries()]
    .map(([key, test]) => ({ key, name: test.name, items: test.items.sort((a, b) => newest(b) - newest(a)) }))
    .sort((a, b) => newest(b.items[0] as ResultItem) - newest(a.items[0] as ResultItem) || a.name.localeCompare(b.name))
    .flatMap((test): Row[] => [{ kind: 'test', key: `test:${test.key}`, name: test.name, count: test.items.length }, ...test.items.map((item): Row => ({ kind: 'result', key: `test:${test.key}/${item.id}`, item, depth: 1 }))]);
}
