import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { auditTrail } from '@chartwell/core';
import type { AuditTrailEntry, AuditTrailOutcome } from '@chartwell/core';
import { ChartDataElement, defaultDataStateI18n } from '../../internal/chart-data-element.js';
import type { DataRequest, DataStateI18n } from '../../internal/chart-data-element.js';
import { hostStyles } from '../../internal/host.styles.js';
import { panelFrameStyles, renderPanelFrame } from '../../internal/panel-frame.js';
import { dataStateStyles } from '../../internal/data-states.styles.js';
import { highRiskIcon, restrictedIcon } from '../../internal/icons.js';
import { auditLogStyles } from './audit-log.styles.js';

/** The actions `<cw-audit-log>` can filter by: AuditEvent action codes (`E`: a search or a transaction). */
export type AuditLogAction = 'C' | 'R' | 'U' | 'D' | 'E';

const ACTIONS: readonly AuditLogAction[] = ['R', 'E', 'C', 'U', 'D'];

/** Every built-in string of `<cw-audit-log>`, for translation. */
export interface AuditLogI18n extends DataStateI18n {
  /** The widget's heading (and the region's name). */
  heading: string;
  /** The table's caption, with the number of accesses shown. */
  caption: (count: number) => string;
  /** Column headers. */
  when: string;
  who: string;
  what: string;
  outcome: string;
  purpose: string;
  application: string;
  /** The label of the action filter, and its option that keeps every action. */
  actionFilter: string;
  allActions: string;
  /** The label of the user filter, and its option that keeps every user. */
  userFilter: string;
  allUsers: string;
  /** An action in words; `interaction` tells a search (`search-type`) from a transaction. */
  action: (action: AuditLogAction | undefined, interaction: string | undefined) => string;
  /** What was accessed: the action in words and the resource types. */
  whatText: (action: string, resourceTypes: string) => string;
  /** Outcomes in words (a denial is also marked with an icon). */
  outcomes: Record<AuditTrailOutcome, string>;
  /** The break-the-glass marker. */
  breakTheGlass: string;
  /** The stated reason of an access. */
  reason: (reason: string) => string;
  /** Shown for a purpose, a role or an application that was not recorded. */
  notRecorded: string;
  /** Shown when the record has no audit events at all. */
  empty: string;
  /** Shown when the filters keep nothing. */
  noMatch: string;
}

const defaultI18n = (): AuditLogI18n => ({
  ...defaultDataStateI18n(),
  loading: msg('Loading the access log…'),
  heading: msg('Access log'),
  caption: (count) => msg(str`Who accessed this record, newest first (${count})`),
  when: msg('When'),
  who: msg('Who'),
  what: msg('What'),
  outcome: msg('Outcome'),
  purpose: msg('Purpose'),
  application: msg('Application'),
  actionFilter: msg('Action'),
  allActions: msg('All actions'),
  userFilter: msg('User'),
  allUsers: msg('All users'),
  action: (action, interaction) => {
    switch (action) {
      case 'C':
        return msg('Created');
      case 'R':
        return msg('Viewed');
      case 'U':
        return msg('Updated');
      case 'D':
        return msg('Deleted');
      case 'E':
        return interaction === 'transaction' ? msg('Changed together') : interaction?.startsWith('search') ? msg('Searched') : msg('Ran');
      default:
        return msg('Accessed');
    }
  },
  whatText: (action, resourceTypes) => (resourceTypes ? msg(str`${action}: ${resourceTypes}`) : action),
  outcomes: { success: msg('Allowed'), denied: msg('Denied'), 'not-completed': msg('Not completed'), failed: msg('Failed'), unknown: msg('Outcome not recorded') },
  breakTheGlass: msg('Break the glass (emergency access)'),
  reason: (reason) => msg(str`Reason: ${reason}`),
  notRecorded: msg('Not recorded'),
  empty: msg('No one has accessed this record yet'),
  noMatch: msg('No access matches these filters'),
});

/** The filter value of an action option: the action code itself. */
const isAction = (value: string): value is AuditLogAction => (ACTIONS as readonly string[]).includes(value);

/**
 * @tagname cw-audit-log
 * @summary Who accessed a patient's record: the patient's AuditEvents (as `withAudit` records
 * them), newest first, in a table with a caption: when (in the provider's locale and time zone),
 * who (name and role), what (the action in words and the resource types), the outcome in words
 * (a denial marked with an icon and the word "Denied", never colour alone), the purpose (a
 * break-the-glass access shown prominently with its stated reason) and the application. Filters by
 * action and by user.
 *
 * Reading the log through an audited store is itself recorded (the next load shows it). The log
 * reloads when the patient's data changes, never on new AuditEvents alone (which would make each
 * load record another event, endlessly); its `retry()` loads it again.
 *
 * @slot empty - Replaces the no-access wording.
 *
 * @csspart base - The widget, a labelled region.
 * @csspart heading - The heading.
 * @csspart controls - The filters.
 * @csspart table - The table of accesses.
 * @csspart row - One access.
 * @csspart outcome - An access's outcome.
 * @csspart break-the-glass - The break-the-glass marker.
 * @csspart icon - Each inline icon.
 * @csspart as-of - The "Data as of … · source" line.
 * @csspart empty - The no-access text.
 * @csspart loading - The loading state.
 * @csspart error - The failure state.
 * @csspart retry - The button that loads the log again.
 *
 * @cssproperty [--cw-audit-log-denied-color=var(--cw-color-danger-text, #8c1d18)] - Colour of a denial's word and icon.
 * @cssproperty [--cw-audit-log-break-the-glass-color=var(--cw-color-warning-text, #6b4e00)] - Colour of the break-the-glass marker.
 * @cssproperty [--cw-audit-log-break-the-glass-background=var(--cw-color-warning-surface, #fff4ce)] - Background of the break-the-glass marker.
 *
 * @cssstate loading - The log is loading.
 * @cssstate stale - The log shown may be out of date.
 * @cssstate error - It could not be read.
 * @cssstate restricted - Access to it was denied.
 * @cssstate empty - No access is recorded.
 *
 * @fires {CwErrorEvent} cw-error - The log could not be read; `detail.outcome` is the OperationOutcome.
 */
export class CwAuditLog extends ChartDataElement<AuditTrailEntry[]> {
  /** Styles (host rules, the shared data states, then the log's own). */
  static override styles = [hostStyles, dataStateStyles, panelFrameStyles, auditLogStyles];

  /** Built-in strings to override, for translation; the rest keep their English defaults. */
  @property({ attribute: false }) i18n: Partial<AuditLogI18n> = {};

  /** Shows only this action (`R`, `E`, `C`, `U`, `D`); empty: every action. */
  @property() action = '';

  /** Shows only this user's accesses (their reference, `Practitioner/123`); empty: every user. */
  @property() user = '';

  /** At most this many accesses, the newest (default 200). */
  @property({ type: Number }) limit = 200;

  private get strings(): AuditLogI18n {
    return { ...defaultI18n(), ...this.i18n };
  }

  protected override get dataStateI18n(): DataStateI18n {
    return this.strings;
  }

  protected override loadKey(): string {
    return String(this.limit);
  }

  protected override async load({ store, patientId, options }: DataRequest): Promise<AuditTrailEntry[]> {
    const entries = await auditTrail(store, patientId, { ...options, limit: this.limit > 0 ? this.limit : 200 });
    // newest first whatever order the store kept; undated ones last
    const time = (entry: AuditTrailEntry) => (entry.recorded === undefined ? Number.NEGATIVE_INFINITY : Date.parse(entry.recorded) || Number.NEGATIVE_INFINITY);
    return entries.sort((a, b) => time(b) - time(a));
  }

  protected override isEmpty(entries: AuditTrailEntry[]): boolean {
    return entries.length === 0;
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

  /** The users of the log, once each, for the user filter: reference and name. */
  private users(entries: readonly AuditTrailEntry[]): [string, string][] {
    const users = new Map<string, string>();
    for (const entry of entries) if (entry.whoReference !== '' && !users.has(entry.whoReference)) users.set(entry.whoReference, entry.who || entry.whoReference);
    return [...users].sort((a, b) => a[1].localeCompare(b[1], this.effectiveLocale));
  }

  protected override renderData(entries: AuditTrailEntry[]): unknown {
    const s = this.strings;
    if (entries.length === 0) {
      return this.frame(html`<div part="empty" class="empty"><slot name="empty"><p>${s.empty}</p></slot></div>
        ${this.renderAsOf()}`);
    }
    const shown = entries.filter((entry) => (this.action === '' || entry.action === this.action) && (this.user === '' || entry.whoReference === this.user));
    return this.frame(html`
      <div part="controls" class="controls">
        <label
          >${s.actionFilter}
          <select @change=${(event: Event) => (this.action = (event.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${!isAction(this.action)}>${s.allActions}</option>
            ${ACTIONS.map((action) => html`<option value=${action} ?selected=${this.action === action}>${s.action(action, action === 'E' ? 'search-type' : undefined)}</option>`)}
          </select>
        </label>
        <label
          >${s.userFilter}
          <select @change=${(event: Event) => (this.user = (event.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${this.user === ''}>${s.allUsers}</option>
            ${this.users(entries).map(([reference, name]) => html`<option value=${reference} ?selected=${this.user === reference}>${name}</option>`)}
          </select>
        </label>
      </div>
      ${shown.length === 0
        ? html`<p class="empty">${s.noMatch}</p>`
        : html`<table part="table">
            <caption>
              ${s.caption(shown.length)}
            </caption>
            <thead>
              <tr>
                <th scope="col">${s.when}</th>
                <th scope="col">${s.who}</th>
                <th scope="col">${s.what}</th>
                <th scope="col">${s.outcome}</th>
                <th scope="col">${s.purpose}</th>
                <th scope="col">${s.application}</th>
              </tr>
            </thead>
            <tbody>
              ${shown.map((entry) => this.renderRow(entry))}
            </tbody>
          </table>`}
      ${this.renderAsOf()}
    `);
  }

  private renderRow(entry: AuditTrailEntry) {
    const s = this.strings;
    const denied = entry.outcome === 'denied';
    const purposes = entry.purposes.filter((purpose) => !(entry.breakTheGlass && /^(BTG|break the glass)$/i.test(purpose)));
    return html`<tr part="row" class=${`${denied ? 'denied' : ''} ${entry.breakTheGlass ? 'break-the-glass' : ''}`} data-reference=${entry.reference ?? nothing}>
      <td class="when">${entry.recorded !== undefined ? html`<time datetime=${entry.recorded}>${entry.recordedText}</time>` : entry.recordedText}</td>
      <td class="who">${entry.who || s.notRecorded} ${entry.role ? html`<span class="role">${entry.role}</span>` : nothing}</td>
      <td class="what">${s.whatText(s.action(entry.action, entry.interaction), entry.resourceTypes.join(', '))}</td>
      <td class="outcome" part="outcome">${denied ? restrictedIcon() : nothing}<span class=${denied ? 'outcome-denied' : ''}>${s.outcomes[entry.outcome]}</span></td>
      <td class="purpose">
        ${entry.breakTheGlass ? html`<strong part="break-the-glass" class="btg">${highRiskIcon()}${s.breakTheGlass}</strong>` : nothing}
        ${purposes.length > 0 ? html`<span class="purposes">${purposes.join(', ')}</span>` : nothing}
        ${entry.reason !== undefined ? html`<span class="reason">${s.reason(entry.reason)}</span>` : nothing}
        ${!entry.breakTheGlass && purposes.length === 0 && entry.reason === undefined ? html`<span class="quiet">${s.notRecorded}</span>` : nothing}
      </td>
      <td class="application">${entry.application || s.notRecorded}</td>
    </tr>`;
  }
}
