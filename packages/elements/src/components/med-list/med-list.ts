import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { medicationList } from '@chartwell/core';
import type { ResourceType } from '@chartwell/fhir';
import type { MedicationDisplayStatus, MedicationItem, MedicationList } from '@chartwell/core';
import { ChartDataElement, defaultDataStateI18n } from '../../internal/chart-data-element.js';
import type { DataRequest, DataStateI18n } from '../../internal/chart-data-element.js';
import { hostStyles } from '../../internal/host.styles.js';
import { panelFrameStyles, renderPanelFrame } from '../../internal/panel-frame.js';
import { dataStateStyles } from '../../internal/data-states.styles.js';
import { completedIcon, discontinuedIcon, duplicateIcon, mismatchIcon, notStartedIcon, suspendedIcon, unknownStatusIcon } from './med-list.icons.js';
import { medListStyles } from './med-list.styles.js';

/** The two tabs of `<cw-med-list>`. */
export type MedListTab = 'current' | 'past';

/** The orders `<cw-med-list>` sorts by: start date (newest first) or drug name. */
export type MedListSort = 'start' | 'name';

/** Every built-in string of `<cw-med-list>`, for translation. */
export interface MedListI18n extends DataStateI18n {
  /** The widget's heading (and the region's name). */
  heading: string;
  /** The tab list's accessible name. */
  tabs: string;
  /** The tab of current medications, with its count. */
  currentTab: (count: number) => string;
  /** The tab of past medications, with its count. */
  pastTab: (count: number) => string;
  /** How many medications stopped in the last `days` days. */
  recentlyStopped: (count: number, days: number) => string;
  /** The label of the text filter. */
  filter: string;
  /** The label of the sort select. */
  sortBy: string;
  /** The sort options. */
  sort: Record<MedListSort, string>;
  /** Shown when the patient has no medication record at all; never reads as "takes none". */
  empty: string;
  /** Said under `empty`. */
  emptyHint: string;
  /** Shown in a tab without medications. */
  emptyTab: Record<MedListTab, string>;
  /** Shown when the filter matches nothing. */
  noMatch: (filter: string) => string;
  /** Status words, by the view's status. */
  status: Record<MedicationDisplayStatus, string>;
  /** The flag of a line whose recorded dosage text and structured dosage disagree. */
  dosageMismatch: string;
  /** Labels of a line's details. */
  dosage: string;
  recordedText: string;
  started: string;
  ended: string;
  prescriber: string;
  source: string;
  /** Where a record came from (organisation and system) and when it was last updated. */
  sourceText: (from: string, updated: string) => string;
  /** Heading of a group of current records of the same drug. */
  duplicates: (count: number, name: string) => string;
}

const defaultI18n = (): MedListI18n => ({
  ...defaultDataStateI18n(),
  loading: msg('Loading medications…'),
  heading: msg('Medications'),
  tabs: msg('Medication lists'),
  currentTab: (count) => msg(str`Current (${count})`),
  pastTab: (count) => msg(str`History (${count})`),
  recentlyStopped: (count, days) => msg(str`Stopped in the last ${days} days: ${count}`),
  filter: msg('Filter medications'),
  sortBy: msg('Sort by'),
  sort: { start: msg('Start date'), name: msg('Name') },
  empty: msg('No medications recorded'),
  emptyHint: msg('No medication information is recorded. This does not mean the patient takes none: ask the patient.'),
  emptyTab: { current: msg('No current medications recorded'), past: msg('No past medications recorded') },
  noMatch: (filter) => msg(str`No medications match “${filter}”`),
  status: { Started: msg('Active'), 'Not started': msg('Not started'), Suspended: msg('Suspended'), 'Status unknown': msg('Status unknown'), Completed: msg('Completed'), Discontinued: msg('Discontinued') },
  dosageMismatch: msg('Dosage text and structured dosage disagree: check'),
  dosage: msg('Dosage'),
  recordedText: msg('Recorded text'),
  started: msg('Started'),
  ended: msg('Ended'),
  prescriber: msg('Prescriber'),
  source: msg('Source'),
  sourceText: (from, updated) => msg(str`${from}, updated ${updated}`),
  duplicates: (count, name) => msg(str`${name}: recorded ${count} times`),
});

const STATUS_ICONS: Partial<Record<MedicationDisplayStatus, () => unknown>> = {
  'Not started': notStartedIcon,
  Suspended: suspendedIcon,
  'Status unknown': unknownStatusIcon,
  Completed: completedIcon,
  Discontinued: discontinuedIcon,
};

const TABS: readonly MedListTab[] = ['current', 'past'];

/** A line or a group of lines for the same drug (duplicates shown together, never hidden). */
type Row = { readonly item: MedicationItem } | { readonly group: readonly MedicationItem[] };

/**
 * @tagname cw-med-list
 * @summary A patient's medications, as `medicationList` decides them: a tab of current
 * medications and a tab of history, each line with the drug name exactly as recorded (wrapped,
 * never truncated), a status word with an icon (Suspended, Discontinued, Completed, Not started),
 * the dosage (flagged when the recorded text and the structured dosage disagree), start date,
 * prescriber and source. Current records of the same drug are grouped, never hidden. Sorts by
 * start date (default) or name, and filters by text.
 *
 * @slot empty - Replaces the nothing-recorded wording (keep it clinical: never "none").
 *
 * @csspart base - The widget, a labelled region.
 * @csspart as-of - The "Data as of … · source" line (always; styled and announced as stale while the data may be out of date).
 * @csspart heading - The heading.
 * @csspart recently-stopped - The count of medications stopped recently.
 * @csspart controls - The filter and sort controls.
 * @csspart tabs - The tab list.
 * @csspart tab - Each tab.
 * @csspart panel - The tab panel.
 * @csspart list - The list of lines.
 * @csspart item - One medication line.
 * @csspart group - A group of records of the same drug.
 * @csspart status - A line's status badge.
 * @csspart icon - Each inline icon.
 * @csspart empty - The no-medications text.
 * @csspart loading - The loading state.
 * @csspart error - The failure state.
 * @csspart retry - The button that loads the medications again.
 *
 * @cssproperty [--cw-med-list-suspended-color=var(--cw-color-warning-text, #6b4e00)] - Colour of the Suspended badge.
 * @cssproperty [--cw-med-list-mismatch-color=var(--cw-color-danger-text, #8c1d18)] - Colour of the dosage-disagreement flag.
 *
 * @cssstate loading - The medications are loading.
 * @cssstate stale - The data shown may be out of date (offline with a remote store, or a refresh failed).
 * @cssstate error - They could not be read.
 * @cssstate restricted - Access was denied.
 * @cssstate empty - No medication is recorded.
 *
 * @fires {CwErrorEvent} cw-error - The medications could not be read; `detail.outcome` is the OperationOutcome.
 * @fires {CwContextMismatchEvent} cw-context-mismatch - The store answered with another patient's records; nothing of them is shown.
 */
export class CwMedList extends ChartDataElement<MedicationList> {
  /** Styles (host rules, the shared data states, then the list's own). */
  static override styles = [hostStyles, dataStateStyles, panelFrameStyles, medListStyles];

  /** Built-in strings to override, for translation; the rest keep their English defaults. */
  @property({ attribute: false }) i18n: Partial<MedListI18n> = {};

  /** The tab shown: `current` (default) or `past`. */
  @property() tab: MedListTab = 'current';

  /** The order of the lines: `start` (start date, newest first; default) or `name`. */
  @property() sort: MedListSort = 'start';

  /** The text filter: lines whose name, dosage or prescriber contain it (ignoring case). */
  @property() filter = '';

  /** Whether the next update moves focus to the selected tab (after an arrow key). */
  private focusTab = false;

  private get strings(): MedListI18n {
    return { ...defaultI18n(), ...this.i18n };
  }

  protected override get dataStateI18n(): DataStateI18n {
    return this.strings;
  }

  protected override load({ store, patientId, options }: DataRequest): Promise<MedicationList> {
    return medicationList(store, patientId, options);
  }

  protected override watchedTypes(): readonly ResourceType[] {
    return ['MedicationRequest', 'MedicationStatement', 'Medication', 'Provenance'];
  }

  protected override isEmpty(list: MedicationList): boolean {
    return list.current.length === 0 && list.past.length === 0;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.focusTab) {
      this.focusTab = false;
      this.renderRoot.querySelector<HTMLElement>(`#tab-${this.selectedTab}`)?.focus();
    }
  }

  /** The tab shown, `current` for any value of `tab` other than `past`. */
  private get selectedTab(): MedListTab {
    return this.tab === 'past' ? 'past' : 'current';
  }

  private selectTab(tab: MedListTab, focus: boolean): void {
    this.tab = tab;
    this.focusTab = focus;
  }

  private onTabKey(event: KeyboardEvent): void {
    const index = TABS.indexOf(this.selectedTab);
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: TABS.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const tab = TABS[(next + TABS.length) % TABS.length];
    if (tab) this.selectTab(tab, true);
  }

  private frame(body: unknown) {
    return renderPanelFrame(this.strings.heading, body);
  }

  protected override renderFailure(restricted: boolean, message: string): unknown {
    return this.frame(super.renderFailure(restricted, message));
  }

  protected override renderLoading(): unknown {
    return this.frame(super.renderLoading());
  }

  /** The lines of a tab, filtered and sorted, duplicates grouped at the place of their first line. */
  private rows(items: readonly MedicationItem[]): Row[] {
    const needle = this.filter.trim().toLocaleLowerCase(this.effectiveLocale);
    const matching = needle === '' ? [...items] : items.filter((item) => [item.name, item.dosage, item.dosageText, item.prescriber].some((field) => field?.toLocaleLowerCase(this.effectiveLocale).includes(needle)));
    const collator = new Intl.Collator(this.effectiveLocale, { sensitivity: 'base', numeric: true });
    const startOf = (item: MedicationItem) => (item.startDate === undefined ? Number.NaN : Date.parse(item.startDate.length === 4 ? `${item.startDate}-01-01` : item.startDate));
    const sorted =
      this.sort === 'name'
        ? matching.sort((a, b) => collator.compare(a.name, b.name))
        : matching.sort((a, b) => {
            const [x, y] = [startOf(a), startOf(b)];
            if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : 1;
            return Number.isNaN(y) ? -1 : y - x;
          });
    const rows: Row[] = [];
    const grouped = new Set<string>();
    for (const item of sorted) {
      if (grouped.has(item.reference)) continue;
      if (item.duplicates.length === 0) {
        rows.push({ item });
        continue;
      }
      const members = sorted.filter((other) => other.reference === item.reference || item.duplicates.includes(other.reference));
      for (const member of members) grouped.add(member.reference);
      rows.push(members.length > 1 ? { group: members } : { item });
    }
    return rows;
  }

  protected override renderData(list: MedicationList): unknown {
    const s = this.strings;
    if (this.isEmpty(list)) {
      return this.frame(html`<div part="empty" class="empty"><slot name="empty"><p><strong>${s.empty}</strong></p><p>${s.emptyHint}</p></slot></div>
        ${this.renderAsOf()}`);
    }
    const tabLabel = (tab: MedListTab) => (tab === 'current' ? s.currentTab(list.current.length) : s.pastTab(list.past.length));
    const selected = this.selectedTab;
    const items = selected === 'past' ? list.past : list.current;
    const rows = this.rows(items);
    return this.frame(html`
      <p part="recently-stopped" class="recently-stopped">${s.recentlyStopped(list.recentlyStopped.count, list.recentlyStopped.days)}</p>
      <div part="controls" class="controls">
        <label>${s.filter} <input type="search" part="filter" .value=${this.filter} @input=${(event: Event) => (this.filter = (event.target as HTMLInputElement).value)} /></label>
        <label
          >${s.sortBy}
          <select part="sort" @change=${(event: Event) => (this.sort = (event.target as HTMLSelectElement).value === 'name' ? 'name' : 'start')}>
            <option value="start" ?selected=${this.sort === 'start'}>${s.sort.start}</option>
            <option value="name" ?selected=${this.sort === 'name'}>${s.sort.name}</option>
          </select>
        </label>
      </div>
      <div part="tabs" class="tabs" role="tablist" aria-label=${s.tabs} @keydown=${(event: KeyboardEvent) => this.onTabKey(event)}>
        ${TABS.map(
          (tab) => html`<button type="button" part="tab" role="tab" id="tab-${tab}" aria-selected=${tab === selected ? 'true' : 'false'} aria-controls="panel" tabindex=${tab === selected ? '0' : '-1'} @click=${() => this.selectTab(tab, false)}>
            ${tabLabel(tab)}
          </button>`,
        )}
      </div>
      <div part="panel" id="panel" role="tabpanel" aria-labelledby="tab-${selected}" tabindex="0">
        ${items.length === 0
          ? html`<p class="empty">${s.emptyTab[selected]}</p>`
          : rows.length === 0
            ? html`<p class="empty">${s.noMatch(this.filter.trim())}</p>`
            : html`<ul part="list" class="list">${rows.map((row) => ('group' in row ? this.renderGroup(row.group) : this.renderItem(row.item)))}</ul>`}
      </div>
      ${this.renderAsOf()}
    `);
  }

  private renderGroup(members: readonly MedicationItem[]) {
    const [first] = members;
    return html`<li part="group" class="group">
      <h3 class="group-heading">${duplicateIcon()}${this.strings.duplicates(members.length, first?.name ?? '')}</h3>
      <ul class="list">${members.map((item) => this.renderItem(item))}</ul>
    </li>`;
  }

  private renderItem(item: MedicationItem) {
    const s = this.strings;
    const icon = STATUS_ICONS[item.displayStatus];
    const from = item.source.organization ? `${item.source.organization} (${item.source.system})` : item.source.system;
    return html`<li part="item" class="item" data-reference=${item.reference}>
      <p class="line">
        <span class="name">${item.name}</span>
        <span part="status" class="badge status ${item.emphasised ? 'suspended' : ''}">${icon ? icon() : nothing}${s.status[item.displayStatus]}</span>
        ${item.dosageMismatch ? html`<span class="badge mismatch">${mismatchIcon()}${s.dosageMismatch}</span>` : nothing}
      </p>
      <dl class="details">
        <div><dt>${s.dosage}</dt><dd class="dosage">${item.dosage}</dd></div>
        ${item.dosageMismatch && item.dosageText !== undefined ? html`<div><dt>${s.recordedText}</dt><dd class="dosage-text">${item.dosageText}</dd></div>` : nothing}
        <div><dt>${s.started}</dt><dd class="start">${item.startText}</dd></div>
        ${item.endDate !== undefined ? html`<div><dt>${s.ended}</dt><dd class="end">${item.endText}</dd></div>` : nothing}
        ${item.prescriber !== undefined ? html`<div><dt>${s.prescriber}</dt><dd class="prescriber">${item.prescriber}</dd></div>` : nothing}
        <div><dt>${s.source}</dt><dd class="source">${s.sourceText(from, item.source.lastUpdatedText)}</dd></div>
      </dl>
    </li>`;
  }
}
