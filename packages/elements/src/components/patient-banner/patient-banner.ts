import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { allergySummary, patientIdentity } from '@chartwell/core';
import type { ResourceType } from '@chartwell/fhir';
import type { AllergySummary, PatientIdentity } from '@chartwell/core';
import { ChartDataElement, defaultDataStateI18n } from '../../internal/chart-data-element.js';
import type { DataRequest, DataStateI18n } from '../../internal/chart-data-element.js';
import { hostStyles } from '../../internal/host.styles.js';
import { dataStateStyles } from '../../internal/data-states.styles.js';
import { allergyIcon, deceasedIcon, noKnownAllergyIcon, notRecordedIcon, unavailableIcon } from '../../internal/icons.js';
import { patientBannerStyles } from './patient-banner.styles.js';

/** How much a patient banner shows: `micro` is identity only, with no clinical data (NHS CUI MPB-0005). */
export type PatientBannerVariant = 'full' | 'compact' | 'micro';

/** Every built-in string of `<cw-patient-banner>`, for translation. */
export interface PatientBannerI18n extends DataStateI18n {
  /** The banner's accessible name, with the patient's name. */
  region: (name: string) => string;
  born: string;
  gender: string;
  died: string;
  ageAtDeath: string;
  deceased: string;
  /** Label of the medical record number. */
  mrn: string;
  /** Shown for an unknown field (never blank, never "?"). */
  notKnown: string;
  /** The copy button's accessible name, with the identifier's label (`MRN`). */
  copy: (label: string) => string;
  /** Visible text of the copy button. */
  copyButton: string;
  /** Announced after copying. */
  copied: string;
  /** Announced when the clipboard refused. */
  copyFailed: string;
  /** The allergy badge, per state of the allergy summary. */
  allergies: {
    known: (count: number) => string;
    noKnown: string;
    notRecorded: string;
    unavailable: string;
  };
  /** Label of the preferred name line. */
  preferredName: string;
}

const defaultI18n = (): PatientBannerI18n => ({
  ...defaultDataStateI18n(),
  loading: msg('Loading patient…'),
  region: (name) => msg(str`Patient: ${name}`),
  born: msg('Born'),
  gender: msg('Gender'),
  died: msg('Died'),
  ageAtDeath: msg('Age at Death'),
  deceased: msg('Deceased'),
  mrn: msg('MRN'),
  notKnown: msg('Not Known'),
  copy: (label) => msg(str`Copy ${label}`),
  copyButton: msg('Copy'),
  copied: msg('Copied'),
  copyFailed: msg('Could not copy'),
  allergies: {
    known: (count) => msg(str`Known allergies (${count})`),
    noKnown: msg('No known allergies'),
    notRecorded: msg('Allergies not recorded'),
    unavailable: msg('Allergies unavailable'),
  },
  preferredName: msg('Preferred name'),
});

/** What the banner loads: the identity, and the allergy summary except in the micro variant. */
export interface PatientBannerData {
  readonly identity: PatientIdentity;
  readonly allergies?: AllergySummary;
}

/** Below this width (in CSS pixels) the banner stacks its fields. */
const NARROW_WIDTH = 560;

/**
 * @tagname cw-patient-banner
 * @summary The patient banner: name (`FAMILY, Given (Title)`), born with age, gender, MRN with a
 * copy button, and an allergies badge; deceased patients get a distinct pattern and colour with
 * the date and age at death. `variant="micro"` shows identity only and reads no clinical data.
 * Lays itself out by its own width, not the viewport's.
 *
 * @csspart base - The banner, a labelled region.
 * @csspart as-of - The "Data as of … · source" line (shown only while the data may be out of date: offline with a remote store, or a failed refresh).
 * @csspart name - The patient's name.
 * @csspart details - The labelled fields (a description list).
 * @csspart copy - The button that copies the MRN.
 * @csspart allergies - The allergies badge.
 * @csspart deceased - The deceased marker.
 * @csspart icon - Each inline icon.
 * @csspart loading - The loading state.
 * @csspart error - The failure state.
 * @csspart retry - The button that loads the patient again.
 *
 * @cssproperty [--cw-patient-banner-bg=var(--cw-color-surface, #f0f4f8)] - Background of a living patient's banner.
 * @cssproperty [--cw-patient-banner-border=var(--cw-color-border, #5a6b7b)] - Border colour.
 * @cssproperty [--cw-patient-banner-deceased-bg=var(--cw-color-deceased-surface, #e4e0ec)] - Background of a deceased patient's banner (under a hatched pattern).
 * @cssproperty [--cw-patient-banner-deceased-stripe=var(--cw-color-deceased-stripe, rgb(60 40 90 / 0.14))] - Stripe colour of the deceased pattern.
 *
 * @cssstate loading - The patient is loading.
 * @cssstate stale - The data shown may be out of date (offline with a remote store, or a refresh failed).
 * @cssstate error - The patient could not be read.
 * @cssstate restricted - Access to the patient was denied.
 * @cssstate deceased - The patient is deceased.
 * @cssstate narrow - The banner is narrower than 560px and stacks its fields.
 *
 * @fires {CwErrorEvent} cw-error - The patient could not be read; `detail.outcome` is the OperationOutcome.
 * @fires {CwContextMismatchEvent} cw-context-mismatch - The store answered with another patient than the bound one; nothing of it is shown.
 */
export class CwPatientBanner extends ChartDataElement<PatientBannerData> {
  /** Styles (host rules, the shared data states, then the banner's own). */
  static override styles = [hostStyles, dataStateStyles, patientBannerStyles];

  /** `full` (default), `compact` (one line), or `micro` (identity only: no clinical data is read). */
  @property({ reflect: true }) variant: PatientBannerVariant = 'full';

  /** Built-in strings to override, for translation; the rest keep their English defaults. */
  @property({ attribute: false }) i18n: Partial<PatientBannerI18n> = {};

  @state() private narrow = false;
  @state() private copyStatus: '' | 'copied' | 'failed' = '';

  private resizeObserver?: ResizeObserver;

  private get strings(): PatientBannerI18n {
    return { ...defaultI18n(), ...this.i18n };
  }

  protected override get dataStateI18n(): DataStateI18n {
    return this.strings;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.resizeObserver = new ResizeObserver((entries) => {
      const width = entries[entries.length - 1]?.contentRect.width ?? 0;
      // in the next frame: re-laying out inside the observer's callback would loop
      requestAnimationFrame(() => (this.narrow = width > 0 && width < NARROW_WIDTH));
    });
    this.resizeObserver.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
  }

  protected override load({ store, patientId, options }: DataRequest): Promise<PatientBannerData> {
    this.copyStatus = '';
    return this.variant === 'micro'
      ? patientIdentity(store, patientId, options).then((identity) => ({ identity }))
      : Promise.all([patientIdentity(store, patientId, options), allergySummary(store, patientId, options)]).then(([identity, allergies]) => ({ identity, allergies }));
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.setCustomState('narrow', this.narrow);
    this.setCustomState('deceased', this.loadedData?.identity.deceased === true);
  }

  protected override watchedTypes(): readonly ResourceType[] {
    return this.variant === 'micro' ? ['Patient', 'Provenance'] : ['Patient', 'AllergyIntolerance', 'List', 'Provenance'];
  }

  /** Micro reads identity only; the other variants read allergies too, so a switch loads again. */
  protected override loadKey(): string {
    return this.variant === 'micro' ? 'micro' : 'clinical';
  }

  private async copy(value: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(value);
      this.copyStatus = 'copied';
    } catch {
      this.copyStatus = 'failed';
    }
  }

  private field(label: string, value: unknown, className = '') {
    return html`<div class="field ${className}"><dt>${label}</dt><dd>${value}</dd></div>`;
  }

  protected override renderData({ identity, allergies }: PatientBannerData): unknown {
    const s = this.strings;
    const micro = this.variant === 'micro';
    const mrn = identity.mrn;
    return html`<section part="base" class="banner ${this.variant} ${identity.deceased ? 'deceased' : 'living'} ${this.narrow ? 'narrow' : 'wide'}" aria-label=${s.region(identity.bannerName)}>
      <p part="name" class="name"><strong>${identity.bannerName}</strong>${identity.deceased ? html`<span part="deceased" class="deceased-marker">${deceasedIcon()}${s.deceased}</span>` : nothing}</p>
      ${!micro && this.variant === 'full' && identity.preferredName ? html`<p class="preferred"><span class="label">${s.preferredName}</span> ${identity.preferredName}</p>` : nothing}
      <dl part="details" class="details">
        ${identity.deceased
          ? html`${this.field(s.born, identity.birthDateText)}${this.field(s.died, identity.deceasedText ?? s.notKnown)}${this.field(s.ageAtDeath, identity.ageAtDeath ?? s.notKnown)}`
          : this.field(s.born, html`${identity.birthDateText} <span class="age">(${identity.ageText})</span>`)}
        ${micro ? nothing : this.field(s.gender, identity.genderText)}
        ${this.field(
          s.mrn,
          mrn
            ? html`<span class="identifier">${mrn.value}</span>
                <button type="button" part="copy" class="copy" aria-label=${s.copy(s.mrn)} @click=${() => void this.copy(mrn.value)}>${s.copyButton}</button>
                <span class="copy-status" role="status">${this.copyStatus === 'copied' ? s.copied : this.copyStatus === 'failed' ? s.copyFailed : ''}</span>`
            : s.notKnown,
        )}
      </dl>
      ${allergies && !micro ? this.renderAllergies(allergies) : nothing} ${this.renderAsOf({ onlyWhenStale: true })}
    </section>`;
  }

  private renderAllergies(summary: AllergySummary) {
    const words = this.strings.allergies;
    const [icon, label] =
      summary.status === 'known-allergies'
        ? [allergyIcon(), words.known(summary.active.length)]
        : summary.status === 'no-known-allergies'
          ? [noKnownAllergyIcon(), summary.label === 'No known allergies' ? words.noKnown : summary.label]
          : summary.status === 'not-recorded'
            ? [notRecordedIcon(), words.notRecorded]
            : [unavailableIcon(), words.unavailable];
    return html`<p part="allergies" class="allergies ${summary.status}">${icon}<span>${label}</span></p>`;
  }
}
