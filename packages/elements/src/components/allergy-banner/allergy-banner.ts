import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { allergySummary } from '@chartwell/core';
import type { ResourceType } from '@chartwell/fhir';
import type { AllergyItem, AllergyReaction, AllergySummary } from '@chartwell/core';
import { ChartDataElement, defaultDataStateI18n, storeErrorFrom } from '../../internal/chart-data-element.js';
import type { DataRequest, DataStateI18n } from '../../internal/chart-data-element.js';
import { hostStyles } from '../../internal/host.styles.js';
import { dataStateStyles } from '../../internal/data-states.styles.js';
import { allergyIcon, highRiskIcon, noKnownAllergyIcon, notRecordedIcon, restrictedIcon, unavailableIcon } from '../../internal/icons.js';
import { allergyBannerStyles } from './allergy-banner.styles.js';

/** Every built-in string of `<cw-allergy-banner>`, for translation. */
export interface AllergyBannerI18n extends DataStateI18n {
  /** The banner's accessible name. */
  region: string;
  /** Headline of the known-allergies state, with the count. */
  knownAllergies: (count: number) => string;
  /** Headline of the no-known-allergies state (the assertion's own label is used when narrower). */
  noKnownAllergies: string;
  /** Who and when of a no-known-allergies assertion. */
  assertedBy: (who: string | undefined, when: string) => string;
  notRecorded: string;
  /** Said under "Allergies not recorded", so that nobody reads it as "none". */
  notRecordedHint: string;
  unavailable: string;
  /** Said under "Allergies unavailable". */
  unavailableHint: string;
  /** The marker of a high-risk allergy (high criticality or a severe reaction). */
  highRisk: string;
  unconfirmed: string;
  /** The marker of a free-text agent that will not trigger decision support. */
  notCoded: string;
  /** The expand button of an allergy's reactions. */
  showReactions: (count: number) => string;
  reactionNotKnown: string;
  severity: Record<'mild' | 'moderate' | 'severe', string>;
  criticality: Record<'low' | 'high' | 'unable-to-assess', string>;
  /** When and by whom an allergy was recorded. */
  recorded: (when: string, who: string | undefined) => string;
  /** Where an allergy record came from (organisation and system) and when it was last updated. */
  source: (from: string, updated: string) => string;
}

const defaultI18n = (): AllergyBannerI18n => ({
  ...defaultDataStateI18n(),
  loading: msg('Loading allergies…'),
  region: msg('Allergies'),
  knownAllergies: (count) => msg(str`Known allergies (${count})`),
  noKnownAllergies: msg('No known allergies'),
  assertedBy: (who, when) => msg(str`Recorded by ${who ?? msg('Not Known')} on ${when}`),
  notRecorded: msg('Allergies not recorded'),
  notRecordedHint: msg('No allergy information is recorded. This does not mean there are none: ask the patient.'),
  unavailable: msg('Allergies unavailable'),
  unavailableHint: msg('The allergy record could not be read. Check allergies another way before prescribing.'),
  highRisk: msg('High risk'),
  unconfirmed: msg('Unconfirmed'),
  notCoded: msg('Free text: not checked by decision support'),
  showReactions: (count) => (count === 1 ? msg('Reaction') : msg(str`Reactions (${count})`)),
  reactionNotKnown: msg('Reaction not known'),
  severity: { mild: msg('Mild'), moderate: msg('Moderate'), severe: msg('Severe') },
  criticality: { low: msg('Low criticality'), high: msg('High criticality'), 'unable-to-assess': msg('Criticality not assessable') },
  recorded: (when, who) => (who ? msg(str`Recorded ${when} by ${who}`) : msg(str`Recorded ${when}`)),
  source: (from, updated) => msg(str`Source: ${from}, updated ${updated}`),
});

/**
 * @tagname cw-allergy-banner
 * @summary The allergy safety strip: one of four states, each with its own icon and words:
 * known allergies (high-risk ones marked with an icon and the words "High risk"), "No known
 * allergies" with who asserted it and when, "Allergies not recorded", and "Allergies
 * unavailable" (also when access is restricted, naming nothing withheld). Inactive and resolved
 * allergies are kept out. Each allergy's reactions expand with a button.
 *
 * @csspart base - The banner, a labelled region.
 * @csspart as-of - The "Data as of … · source" line (shown only while the data may be out of date: offline with a remote store, or a failed refresh).
 * @csspart header - The state's icon and headline.
 * @csspart icon - Each inline icon.
 * @csspart list - The list of current allergies.
 * @csspart item - One allergy.
 * @csspart toggle - The button that expands an allergy's reactions.
 * @csspart reactions - The expanded reactions of an allergy.
 * @csspart loading - The loading state.
 * @csspart error - The failure text (inside the unavailable banner).
 * @csspart retry - The button that loads the allergies again.
 *
 * @cssproperty [--cw-allergy-banner-known-bg=var(--cw-color-danger-surface, #fdecea)] - Background of the known-allergies state.
 * @cssproperty [--cw-allergy-banner-known-border=var(--cw-color-danger-border, #b3261e)] - Border of the known-allergies state.
 * @cssproperty [--cw-allergy-banner-quiet-bg=var(--cw-color-surface-quiet, #f4f4f4)] - Background of the no-known and not-recorded states.
 * @cssproperty [--cw-allergy-banner-unavailable-bg=var(--cw-color-warning-surface, #fff4ce)] - Background of the unavailable state.
 * @cssproperty [--cw-allergy-banner-high-risk-color=var(--cw-color-danger-text, #8c1d18)] - Colour of the high-risk marker.
 *
 * @cssstate loading - The allergies are loading.
 * @cssstate stale - The data shown may be out of date (offline with a remote store, or a refresh failed).
 * @cssstate error - They could not be read (the banner says "Allergies unavailable").
 * @cssstate restricted - Access was denied (the banner says "Allergies unavailable", and why, nothing more).
 * @cssstate empty - Allergies not recorded.
 *
 * @fires {CwErrorEvent} cw-error - The allergies could not be read; `detail.outcome` is the OperationOutcome.
 * @fires {CwContextMismatchEvent} cw-context-mismatch - The store answered with another patient's records; nothing of them is shown.
 */
export class CwAllergyBanner extends ChartDataElement<AllergySummary> {
  /** Styles (host rules, the shared data states, then the banner's own). */
  static override styles = [hostStyles, dataStateStyles, allergyBannerStyles];

  /** Built-in strings to override, for translation; the rest keep their English defaults. */
  @property({ attribute: false }) i18n: Partial<AllergyBannerI18n> = {};

  /** References of the allergies whose reactions are expanded. */
  @state() private expanded: ReadonlySet<string> = new Set();

  private get strings(): AllergyBannerI18n {
    return { ...defaultI18n(), ...this.i18n };
  }

  protected override get dataStateI18n(): DataStateI18n {
    return this.strings;
  }

  protected override async load({ store, patientId, options }: DataRequest): Promise<AllergySummary> {
    const summary = await allergySummary(store, patientId, options);
    // the view reports failures in its result; turn them into the error (or restricted) state
    if (summary.status === 'unavailable') throw storeErrorFrom(summary.error ?? { code: 'unknown', message: 'The allergies could not be read' });
    return summary;
  }

  protected override watchedTypes(): readonly ResourceType[] {
    return ['AllergyIntolerance', 'List', 'Provenance'];
  }

  protected override isEmpty(summary: AllergySummary): boolean {
    return summary.status === 'not-recorded';
  }

  private frame(status: string, icon: unknown, headline: string, body: unknown) {
    return html`<section part="base" class="banner ${status}" aria-label=${this.strings.region}>
      <p part="header" class="header">${icon}<strong class="headline">${headline}</strong></p>
      ${body} ${this.renderAsOf({ onlyWhenStale: true })}
    </section>`;
  }

  protected override renderFailure(restricted: boolean, message: string): unknown {
    const s = this.strings;
    return this.frame(
      'unavailable',
      restricted ? restrictedIcon() : unavailableIcon(),
      s.unavailable,
      html`<div part="error" role="alert" class="detail">
        <span>${restricted ? message : s.unavailableHint}</span>
        ${restricted || message === s.loadFailed ? nothing : html`<span class="setup">${message}</span>`}
        ${restricted ? this.renderEmergencyAccess() : html`<button type="button" part="retry" @click=${() => void this.retry()}>${s.retry}</button>`}
      </div>`,
    );
  }

  protected override renderData(summary: AllergySummary): unknown {
    const s = this.strings;
    switch (summary.status) {
      case 'known-allergies':
        return this.frame(
          'known',
          allergyIcon(),
          s.knownAllergies(summary.active.length),
          html`<ul part="list" class="list">${summary.active.map((item) => this.renderItem(item))}</ul>`,
        );
      case 'no-known-allergies': {
        const [latest] = summary.assertions;
        const headline = summary.label === 'No known allergies' ? s.noKnownAllergies : summary.label;
        return this.frame('no-known', noKnownAllergyIcon(), headline, latest ? html`<p class="detail">${s.assertedBy(latest.assertedBy, latest.assertedAtText)}</p>` : nothing);
      }
      case 'not-recorded':
        return this.frame('not-recorded', notRecordedIcon(), s.notRecorded, html`<p class="detail">${s.notRecordedHint}</p>`);
      default:
        return this.renderFailure(false, s.loadFailed);
    }
  }

  private toggle(reference: string): void {
    const next = new Set(this.expanded);
    if (!next.delete(reference)) next.add(reference);
    this.expanded = next;
  }

  private renderItem(item: AllergyItem) {
    const s = this.strings;
    const open = this.expanded.has(item.reference);
    const panelId = `reactions-${item.id}`;
    const high = item.emphasis === 'high';
    return html`<li part="item" class="item emphasis-${item.emphasis}">
      <span class="substance">${item.substance}</span>
      ${high ? html`<span class="badge high-risk">${highRiskIcon()}${s.highRisk}</span>` : nothing}
      ${item.criticality && item.criticality !== 'low' ? html`<span class="badge">${s.criticality[item.criticality]}</span>` : nothing}
      ${item.worstSeverity ? html`<span class="badge">${s.severity[item.worstSeverity]}</span>` : nothing}
      ${item.unconfirmed ? html`<span class="badge unconfirmed">${s.unconfirmed}</span>` : nothing}
      ${item.coded ? nothing : html`<span class="badge">${s.notCoded}</span>`}
      <button type="button" part="toggle" class="toggle" aria-expanded=${open ? 'true' : 'false'} aria-controls=${panelId} @click=${() => this.toggle(item.reference)}>
        ${s.showReactions(item.reactions.length)}
      </button>
      <div part="reactions" id=${panelId} class="reactions" ?hidden=${!open}>
        ${item.reactions.length === 0 ? html`<p>${s.reactionNotKnown}</p>` : html`<ul>${item.reactions.map((reaction) => this.renderReaction(reaction))}</ul>`}
        <p class="recorded">${s.recorded(item.recordedText, item.asserter)}</p>
        <p class="source">${s.source(item.source.organization ? `${item.source.organization} (${item.source.system})` : item.source.system, item.source.lastUpdatedText)}</p>
        ${item.notes.map((note) => html`<p class="note">${note}</p>`)}
      </div>
    </li>`;
  }

  private renderReaction(reaction: AllergyReaction) {
    const s = this.strings;
    const words = reaction.manifestations.length > 0 ? reaction.manifestations.join(', ') : s.reactionNotKnown;
    return html`<li>${words}${reaction.severity ? html` <span class="badge">${s.severity[reaction.severity]}</span>` : nothing}${reaction.description ? html` <span class="description">${reaction.description}</span>` : nothing}</li>`;
  }
}
