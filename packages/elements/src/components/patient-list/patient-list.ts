import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { searchAllPages } from '@chartwell/core';
import type { ResourceType } from '@chartwell/fhir';
import { defaultDataStateI18n, type DataStateI18n } from '../../internal/chart-data-element.js';
import { hostStyles } from '../../internal/host.styles.js';
import { panelFrameStyles, renderPanelFrame } from '../../internal/panel-frame.js';
import { dataStateStyles } from '../../internal/data-states.styles.js';
import { deceasedIcon } from '../../internal/icons.js';
import { CwSelectEvent } from '../../events/select-event.js';
import { ClinicDataElement, type ClinicDataRequest } from '../../internal/clinic-data-element.js';
import { patientListRow, patientMatches, type PatientListRow } from './patient-list-data.js';
import { patientListStyles } from './patient-list.styles.js';

/** Every built-in string of `<cw-patient-list>`, for translation. */
export interface PatientListI18n extends DataStateI18n {
  /** The widget's heading (and the region's name). */
  heading: string;
  /** The label of the search box. */
  search: string;
  /** Said under the search box: what it searches. */
  searchHint: string;
  /** How many patients are listed, with no search. */
  count: (count: number) => string;
  /** How many patients the search finds, of all. */
  matchCount: (shown: number, total: number) => string;
  /** Column headings. */
  name: string;
  born: string;
  gender: string;
  mrn: string;
  /** The birth date of a living patient with the age, unlabelled: `18-Apr-1972 (54y)`. */
  bornWithAge: (date: string, age: string) => string;
  /** The date of death of a deceased patient, labelled. */
  died: (date: string) => string;
  /** The age at death, labelled, no parentheses. */
  ageAtDeath: (age: string) => string;
  /** Gender words, as recorded. */
  genders: Record<'male' | 'female' | 'other' | 'unknown', string>;
  /** The flag of a patient recorded as deceased. */
  deceased: string;
  /** The flag of a record marked inactive. */
  inactive: string;
  /** An identity field the record does not hold (name, birth date, gender, MRN): never a blank. */
  notKnown: string;
  /** Shown when the store holds no patient. */
  empty: string;
  /** Shown when the search finds no patient. */
  noMatch: (search: string) => string;
}

const defaultI18n = (): PatientListI18n => ({
  ...defaultDataStateI18n(),
  loading: msg('Loading patients…'),
  heading: msg('Patients'),
  search: msg('Search patients'),
  searchHint: msg('Name, MRN or birth date'),
  count: (count) => msg(str`${count} patients`),
  matchCount: (shown, total) => msg(str`${shown} of ${total} patients match`),
  name: msg('Name'),
  born: msg('Born'),
  gender: msg('Gender'),
  mrn: msg('MRN'),
  bornWithAge: (date, age) => msg(str`${date} (${age})`),
  died: (date) => msg(str`Died ${date}`),
  ageAtDeath: (age) => msg(str`Age at death ${age}`),
  genders: { male: msg('Male'), female: msg('Female'), other: msg('Other'), unknown: msg('Unknown') },
  deceased: msg('Deceased'),
  inactive: msg('Inactive record'),
  notKnown: msg('Not Known'),
  empty: msg('No patients in this store.'),
  noMatch: (search) => msg(str`No patients match “${search}”.`),
});

/** What `<cw-patient-list>` loads: every Patient of the store as a row, sorted by name. */
export interface PatientListData {
  readonly rows: readonly PatientListRow[];
}

/**
 * @tagname cw-patient-list
 * @summary The store's patients as a table (name `FAMILY, Given (Title)`, birth date with age,
 * gender, MRN, a Deceased or Inactive record flag in words) with a search box that narrows it by
 * name, MRN or birth date (as recorded, `1972-04-18`, or as shown, `18-Apr-1972`), ignoring case
 * and accents. Choosing a patient (a click, or Enter or Space on the name's button) fires
 * `cw-select` with `detail.reference` `Patient/<id>`. A deceased patient's row says when they died
 * and their age at death (labelled); an identity field the record lacks reads "Not Known".
 *
 * The search runs in the browser over every Patient of the store, read with `searchAllPages`:
 * the ChartStore search subset has no Patient name or identifier parameters, so a store of many
 * thousands of patients is read in full. It fits a clinic's demo or a practice list, not a
 * national index. The list reloads whenever a Patient is created, changed or deleted.
 *
 * @slot empty - Replaces the "No patients in this store." wording.
 *
 * @csspart base - The widget, a labelled region.
 * @csspart heading - The heading.
 * @csspart search - The search box.
 * @csspart count - The number of patients shown (a live status).
 * @csspart table - The table of patients.
 * @csspart row - A patient's row.
 * @csspart select - The button on a patient's name that chooses the patient.
 * @csspart flag - A Deceased or Inactive record flag.
 * @csspart icon - Each inline icon.
 * @csspart empty - The no-patients or no-match text.
 * @csspart as-of - The "Data as of … · source" line.
 * @csspart loading - The loading state.
 * @csspart error - The failure state.
 * @csspart retry - The button that loads the list again.
 *
 * @cssproperty [--cw-patient-list-flag-color=var(--cw-color-danger-text, #8c1d18)] - Colour of the Deceased flag.
 * @cssproperty [--cw-patient-list-row-hover=var(--cw-color-surface, #f0f4f8)] - Background of the row under the pointer.
 *
 * @cssstate loading - The patients are loading.
 * @cssstate stale - The data shown may be out of date.
 * @cssstate error - They could not be read.
 * @cssstate restricted - Access was denied.
 * @cssstate empty - The store holds no patient.
 *
 * @fires {CwSelectEvent} cw-select - A patient was chosen; `detail.reference` is `Patient/<id>`.
 * @fires {CwErrorEvent} cw-error - The patients could not be read; `detail.outcome` is the OperationOutcome.
 */
export class CwPatientList extends ClinicDataElement<PatientListData> {
  /** Styles (host rules, the shared data states, then the list's own). */
  static override styles = [hostStyles, dataStateStyles, panelFrameStyles, patientListStyles];

  /** Built-in strings to override, for translation; the rest follow the text language. */
  @property({ attribute: false }) i18n: Partial<PatientListI18n> = {};

  /** The search text: patients whose name, MRN or birth date contain every word of it. */
  @property() search = '';

  private get strings(): PatientListI18n {
    return { ...defaultI18n(), ...this.i18n };
  }

  protected override get dataStateI18n(): DataStateI18n {
    return this.strings;
  }

  protected override async load({ store, locale, timeZone, dateStyle, timeStyle, signal }: ClinicDataRequest): Promise<PatientListData> {
    const patients = await searchAllPages(store, 'Patient', {}, { signal });
    const asOf = new Date();
    const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
    const rows = patients
      .filter((patient): patient is typeof patient & { id: string } => typeof patient.id === 'string' && patient.id !== '')
      .map((patient) => patientListRow(patient, { locale, timeZone, dateStyle, ...(timeStyle && { timeStyle }), asOf }))
      .sort((a, b) => (a.name === '' ? 1 : 0) - (b.name === '' ? 1 : 0) || collator.compare(a.name, b.name) || a.id.localeCompare(b.id));
    return { rows };
  }

  protected override loadKey(): string {
    return '';
  }

  protected override watchedTypes(): readonly ResourceType[] {
    return ['Patient'];
  }

  protected override isEmpty(data: PatientListData): boolean {
    return data.rows.length === 0;
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

  private choose(row: PatientListRow): void {
    this.dispatchEvent(new CwSelectEvent({ reference: row.reference }));
  }

  protected override renderData(data: PatientListData): unknown {
    const s = this.strings;
    if (data.rows.length === 0) return this.frame(html`<div part="empty" class="empty"><slot name="empty"><p>${s.empty}</p></slot></div>${this.renderAsOf()}`);
    const search = this.search.trim();
    const shown = data.rows.filter((row) => patientMatches(row, search, this.effectiveLocale));
    return this.frame(html`
      <div class="controls">
        <label for="search">${s.search}</label>
        <input id="search" part="search" type="search" autocomplete="off" aria-describedby="search-hint" .value=${this.search} @input=${(event: Event) => (this.search = (event.target as HTMLInputElement).value)} />
        <span id="search-hint" class="hint">${s.searchHint}</span>
      </div>
      <p part="count" class="count" role="status">${search === '' ? s.count(data.rows.length) : s.matchCount(shown.length, data.rows.length)}</p>
      ${shown.length === 0
        ? html`<p part="empty" class="empty">${s.noMatch(search)}</p>`
        : html`<table part="table" class="table" aria-labelledby="heading">
            <thead>
              <tr>
                <th scope="col">${s.name}</th>
                <th scope="col">${s.born}</th>
                <th scope="col">${s.gender}</th>
                <th scope="col">${s.mrn}</th>
              </tr>
            </thead>
            <tbody>
              ${shown.map((row) => this.renderRow(row))}
            </tbody>
          </table>`}
      ${this.renderAsOf()}
    `);
  }

  private renderRow(row: PatientListRow) {
    const s = this.strings;
    const birthDate = row.birthDateText === '' ? s.notKnown : row.ageText === '' || row.deceased ? row.birthDateText : s.bornWithAge(row.birthDateText, row.ageText);
    const death = [row.deceasedText === undefined ? undefined : s.died(row.deceasedText), row.ageText === '' ? undefined : s.ageAtDeath(row.ageText)].filter((text) => text !== undefined);
    return html`<tr part="row" class="row" data-reference=${row.reference} @click=${(event: Event) => {
      if (!(event.target instanceof HTMLButtonElement)) this.choose(row);
    }}>
      <th scope="row" class="name-cell">
        <button type="button" part="select" class="select" @click=${() => this.choose(row)}>${row.name || s.notKnown}</button>
        ${row.deceased ? html`<span part="flag" class="flag deceased">${deceasedIcon()}${s.deceased}</span>` : nothing}
        ${row.inactive ? html`<span part="flag" class="flag inactive">${s.inactive}</span>` : nothing}
      </th>
      <td class="born">${birthDate}${row.deceased && death.length > 0 ? html` <span class="death">${death.join(' · ')}</span>` : nothing}</td>
      <td class="gender">${row.gender === undefined ? s.notKnown : s.genders[row.gender]}</td>
      <td class="mrn">${row.mrn ?? s.notKnown}</td>
    </tr>`;
  }
}
