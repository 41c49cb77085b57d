import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { problemList } from '@chartwell/core';
import type { ResourceType } from '@chartwell/fhir';
import type { ConditionItem, ItemSource, ProblemList, ProcedureItem } from '@chartwell/core';
import { ChartDataElement, defaultDataStateI18n } from '../../internal/chart-data-element.js';
import type { DataRequest, DataStateI18n } from '../../internal/chart-data-element.js';
import { hostStyles } from '../../internal/host.styles.js';
import { dataStateStyles } from '../../internal/data-states.styles.js';
import { notRecordedIcon } from '../../internal/icons.js';
import { problemListStyles } from './problem-list.styles.js';

/** Every built-in string of `<cw-problem-list>`, for translation. */
export interface ProblemListI18n extends DataStateI18n {
  /** The widget's accessible name. */
  region: string;
  /** Heading of the active problem-list items (and conditions of other or no category), with the count. */
  activeProblems: (count: number) => string;
  /** Heading of the active encounter diagnoses, with the count. */
  encounterDiagnoses: (count: number) => string;
  /** Heading of the inactive, remitted and resolved conditions, with the count. */
  resolvedHistory: (count: number) => string;
  /** Heading of the procedures, with the count. */
  treatmentHistory: (count: number) => string;
  /** Shown when the patient has no condition and no procedure recorded. */
  noneRecorded: string;
  /** Said under "No problems recorded", so that nobody reads it as "none". */
  noneRecordedHint: string;
  /** Shown in an empty section; never reads as "none known". */
  sectionEmpty: string;
  /** The marker of each category of condition. */
  category: Record<ConditionItem['category'], string>;
  /** The marker of an unconfirmed, provisional or differential diagnosis. */
  unconfirmed: string;
  /** The onset as recorded, with the age then when known. */
  onset: (when: string, age: string | undefined) => string;
  /** The abatement (end) as recorded, with the age then when known; says "Ended", as the status badge says how (resolved, remission, inactive). */
  abatement: (when: string, age: string | undefined) => string;
  /** When a procedure was performed, with the age then when known. */
  performed: (when: string, age: string | undefined) => string;
  /** The expand button of an item's details (its name is read with it). */
  showDetails: string;
  codes: string;
  bodySites: string;
  severity: string;
  reasons: string;
  performers: string;
  /** When and by whom a condition was recorded. */
  recorded: (when: string, who: string | undefined) => string;
  /** Where a record came from (organisation and system) and when it was last updated. */
  source: (from: string, updated: string) => string;
}

const withAge = (label: string) => (when: string, age: string | undefined) => (age ? msg(str`${label}: ${when} (age ${age})`) : msg(str`${label}: ${when}`));

const defaultI18n = (): ProblemListI18n => ({
  ...defaultDataStateI18n(),
  loading: msg('Loading problems…'),
  region: msg('Problems'),
  activeProblems: (count) => msg(str`Active problems (${count})`),
  encounterDiagnoses: (count) => msg(str`Active encounter diagnoses (${count})`),
  resolvedHistory: (count) => msg(str`Resolved and inactive (${count})`),
  treatmentHistory: (count) => msg(str`Procedures (${count})`),
  noneRecorded: msg('No problems recorded'),
  noneRecordedHint: msg('No conditions or procedures are recorded in this chart. This does not mean there are none.'),
  sectionEmpty: msg('None recorded in this chart.'),
  category: { 'problem-list-item': msg('Problem list'), 'encounter-diagnosis': msg('Encounter diagnosis'), 'health-concern': msg('Health concern'), uncategorised: msg('Category not recorded') },
  unconfirmed: msg('Unconfirmed'),
  onset: withAge(msg('Onset')),
  abatement: withAge(msg('Ended')),
  performed: withAge(msg('Performed')),
  showDetails: msg('Details'),
  codes: msg('Codes'),
  bodySites: msg('Body site'),
  severity: msg('Severity'),
  reasons: msg('Reason'),
  performers: msg('Performed by'),
  recorded: (when, who) => (who ? msg(str`Recorded ${when} by ${who}`) : msg(str`Recorded ${when}`)),
  source: (from, updated) => msg(str`Source: ${from}, updated ${updated}`),
});

/** The four sections, in the order shown. */
type SectionKey = 'active' | 'encounter' | 'resolved' | 'procedures';

/**
 * @tagname cw-problem-list
 * @summary A patient's problem list: active problems, active encounter diagnoses (told apart
 * from problem-list items by their own section and a category marker), the resolved and inactive
 * history, and procedures as treatment history, each a headed, labelled section. Onset and
 * abatement are shown as recorded (partial dates stay partial, ages and words as written), with
 * the patient's age then when known; unconfirmed diagnoses are marked. Each item's codes, body
 * sites, recorder, notes and source expand with a button. With nothing recorded it says "No
 * problems recorded", never "none". What goes where is decided by `problemList` in
 * `@chartwell/core`.
 *
 * @slot empty - Replaces the nothing-recorded wording (keep it clinical: never "none").
 *
 * @csspart base - The widget, a labelled region.
 * @csspart as-of - The "Data as of … · source" line (always; styled and announced as stale while the data may be out of date).
 * @csspart section - Each section (active, encounter diagnoses, history, procedures).
 * @csspart heading - Each section's heading.
 * @csspart list - Each section's list.
 * @csspart item - One condition or procedure.
 * @csspart toggle - The button that expands an item's details.
 * @csspart details - The expanded details of an item.
 * @csspart icon - Each inline icon.
 * @csspart loading - The loading state.
 * @csspart error - The failure text.
 * @csspart retry - The button that loads the problems again.
 *
 * @cssproperty [--cw-problem-list-quiet-bg=var(--cw-color-surface-quiet, #f4f4f4)] - Background of the nothing-recorded state.
 *
 * @cssstate loading - The problems are loading.
 * @cssstate stale - The data shown may be out of date (offline with a remote store, or a refresh failed).
 * @cssstate error - They could not be read.
 * @cssstate restricted - Access was denied (nothing withheld is named).
 * @cssstate empty - No condition and no procedure recorded.
 *
 * @fires {CwErrorEvent} cw-error - The problems could not be read; `detail.outcome` is the OperationOutcome.
 * @fires {CwContextMismatchEvent} cw-context-mismatch - The store answered with another patient's records; nothing of them is shown.
 */
export class CwProblemList extends ChartDataElement<ProblemList> {
  /** Styles (host rules, the shared data states, then the list's own). */
  static override styles = [hostStyles, dataStateStyles, problemListStyles];

  /** Built-in strings to override, for translation; the rest keep their English defaults. */
  @property({ attribute: false }) i18n: Partial<ProblemListI18n> = {};

  /** Keys (`<section>:<reference>`) of the items whose details are expanded. */
  @state() private expanded: ReadonlySet<string> = new Set();

  private get strings(): ProblemListI18n {
    return { ...defaultI18n(), ...this.i18n };
  }

  protected override get dataStateI18n(): DataStateI18n {
    return this.strings;
  }

  protected override load({ store, patientId, options }: DataRequest): Promise<ProblemList> {
    return problemList(store, patientId, options);
  }

  protected override watchedTypes(): readonly ResourceType[] {
    return ['Condition', 'Procedure', 'Patient', 'Provenance', 'Organization'];
  }

  protected override isEmpty(list: ProblemList): boolean {
    return list.activeProblems.length + list.activeEncounterDiagnoses.length + list.resolved.length + list.procedures.length === 0;
  }

  protected override renderLoading(): unknown {
    return html`<section part="base" class="problems" aria-label=${this.strings.region}>${super.renderLoading()}</section>`;
  }

  protected override renderFailure(restricted: boolean, message: string): unknown {
    return html`<section part="base" class="problems" aria-label=${this.strings.region}>${super.renderFailure(restricted, message)}</section>`;
  }

  protected override renderData(list: ProblemList): unknown {
    const s = this.strings;
    if (this.isEmpty(list)) {
      return html`<section part="base" class="problems none-recorded" aria-label=${s.region}>
        <slot name="empty"><p class="headline">${notRecordedIcon()}<strong>${s.noneRecorded}</strong></p>
        <p class="hint">${s.noneRecordedHint}</p></slot>
        ${this.renderAsOf()}
      </section>`;
    }
    return html`<section part="base" class="problems" aria-label=${s.region}>
      ${this.renderSection('active', s.activeProblems(list.activeProblems.length), list.activeProblems.map((item) => this.renderCondition('active', item)), true)}
      ${this.renderSection('encounter', s.encounterDiagnoses(list.activeEncounterDiagnoses.length), list.activeEncounterDiagnoses.map((item) => this.renderCondition('encounter', item)), false)}
      ${this.renderSection('resolved', s.resolvedHistory(list.resolved.length), list.resolved.map((item) => this.renderCondition('resolved', item)), true)}
      ${this.renderSection('procedures', s.treatmentHistory(list.procedures.length), list.procedures.map((item) => this.renderProcedure(item)), true)}
      ${this.renderAsOf()}
    </section>`;
  }

  /** One headed section; an empty one says so when `showEmpty`, and is left out otherwise. */
  private renderSection(key: SectionKey, heading: string, items: readonly unknown[], showEmpty: boolean) {
    if (items.length === 0 && !showEmpty) return nothing;
    const headingId = `heading-${key}`;
    return html`<section part="section" class="section section-${key}" aria-labelledby=${headingId}>
      <h3 part="heading" id=${headingId}>${heading}</h3>
      ${items.length === 0 ? html`<p class="section-empty">${this.strings.sectionEmpty}</p>` : html`<ul part="list" class="list">${items}</ul>`}
    </section>`;
  }

  private toggle(key: string): void {
    const next = new Set(this.expanded);
    if (!next.delete(key)) next.add(key);
    this.expanded = next;
  }

  /** The item's name, its markers, its times, and the details button with its panel. */
  private renderItem(section: SectionKey, reference: string, name: string, markers: unknown, times: unknown, details: unknown) {
    const key = `${section}:${reference}`;
    const open = this.expanded.has(key);
    // ids are unique within the shadow root: the section and the reference, made id-safe
    const safe = `${section}-${reference.replace(/[^A-Za-z0-9-]/g, '-')}`;
    const nameId = `name-${safe}`;
    const toggleId = `toggle-${safe}`;
    return html`<li part="item" class="item">
      <div class="summary">
        <span class="name" id=${nameId}>${name}</span>
        ${markers}
      </div>
      <div class="times">${times}</div>
      <button type="button" part="toggle" class="toggle" id=${toggleId} aria-expanded=${open ? 'true' : 'false'} aria-controls=${`details-${safe}`} aria-labelledby=${`${toggleId} ${nameId}`}
        @click=${() => this.toggle(key)}>
        ${this.strings.showDetails}
      </button>
      <div part="details" id=${`details-${safe}`} class="details" ?hidden=${!open}>${details}</div>
    </li>`;
  }

  private renderCondition(section: SectionKey, item: ConditionItem) {
    const s = this.strings;
    const markers = html`<span class="badge status">${item.statusText}</span>
      <span class="badge category category-${item.category}">${s.category[item.category]}</span>
      ${item.unconfirmed ? html`<span class="badge unconfirmed">${s.unconfirmed}${item.verificationStatus ? ` (${item.verificationStatus})` : nothing}</span>` : nothing}
      ${item.severity ? html`<span class="badge">${s.severity}: ${item.severity}</span>` : nothing}`;
    const times = html`<span class="onset">${s.onset(item.onsetText, item.onsetAgeText)}</span>
      ${section === 'resolved' ? html`<span class="abatement">${s.abatement(item.abatementText, item.abatementAgeText)}</span>` : nothing}`;
    const details = html`${this.field(s.codes, item.codes)}${this.field(s.bodySites, item.bodySites)}
      <p class="recorded">${s.recorded(item.recordedText, item.asserter)}</p>
      ${this.renderSource(item.source)}
      ${item.notes.map((note) => html`<p class="note">${note}</p>`)}`;
    return this.renderItem(section, item.reference, item.name, markers, times, details);
  }

  private renderProcedure(item: ProcedureItem) {
    const s = this.strings;
    const markers = html`<span class="badge status">${item.statusText}</span>`;
    const times = html`<span class="performed">${s.performed(item.performedText, item.performedAgeText)}</span>`;
    const details = html`${this.field(s.codes, item.codes)}${this.field(s.reasons, item.reasons)}${this.field(s.bodySites, item.bodySites)}${this.field(s.performers, item.performers)}
      ${this.renderSource(item.source)}
      ${item.notes.map((note) => html`<p class="note">${note}</p>`)}`;
    return this.renderItem('procedures', item.reference, item.name, markers, times, details);
  }

  private field(label: string, values: readonly string[]) {
    return values.length === 0 ? nothing : html`<p class="field"><span class="label">${label}:</span> ${values.join(', ')}</p>`;
  }

  private renderSource(source: ItemSource) {
    const from = source.organization ? `${source.organization} (${source.system})` : source.system;
    return html`<p class="source">${this.strings.source(from, source.lastUpdatedText)}</p>`;
  }
}
