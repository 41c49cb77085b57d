import { nothing, type PropertyValues } from 'lit';
import { html } from 'lit/static-html.js';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { ifDefined } from 'lit/directives/if-defined.js';
import { keyed } from 'lit/directives/keyed.js';
import { repeat } from 'lit/directives/repeat.js';
import { msg, str } from '@lit/localize';
import type { ChartStore } from '@chartwell/core';
import { CwElement } from '../../internal/cw-element.js';
import { hostStyles } from '../../internal/host.styles.js';
import { storeContext } from '../../context/store-context.js';
import { patientChartStyles } from './patient-chart.styles.js';
import { defaultPatientChartSections, parseSectionKeys, patientChartSections } from './patient-chart-sections.js';
import type { PatientChartSection } from './patient-chart-sections.js';

/** Every built-in string of `<cw-patient-chart>`, for translation. */
export interface PatientChartI18n {
  /** The accessible name of the section navigation. */
  nav: string;
  /** Read with the navigation: the keys that move between sections. */
  navHint: string;
  /** Shown instead of the chart when no `patient-id` is set. */
  noPatient: string;
  /** Shown instead of the chart when it has no store (outside a provider, with no `.store`). */
  noStore: string;
  /**
   * The accessible name of a section's region, from its heading. It differs from the heading so
   * that it differs from the name of the widget's own region inside (`Medications`).
   */
  sectionRegion: (heading: string) => string;
  /** Section headings by key (`{ medications: 'Meds' }`); a key left out keeps its default heading. */
  sectionHeadings: Readonly<Record<string, string>>;
}

const defaultI18n = (): PatientChartI18n => ({
  nav: msg('Chart sections'),
  navHint: msg('Alt+Down Arrow and Alt+Up Arrow move between the sections.'),
  noPatient: msg('No patient selected: set the patient-id attribute.'),
  noStore: msg('No chart store: place this chart inside <cw-chart-provider>, or set its store property.'),
  sectionRegion: (heading) => msg(str`Chart section: ${heading}`),
  sectionHeadings: {},
});

/** The keys that move focus between section headings, as `aria-keyshortcuts` spells them. */
const SECTION_KEYS = 'Alt+ArrowDown Alt+ArrowUp';

/** Alt+arrow in these keeps its own meaning (a select opens its list) and is not taken. */
const keepsAltArrows = (target: EventTarget | undefined) =>
  target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement || (target instanceof HTMLElement && target.isContentEditable);

/**
 * @tagname cw-patient-chart
 * @summary One patient's chart: the patient banner and the allergy banner on top (left out with
 * `hide-banner`, for hosts that show their own, as SMART's `need_patient_banner=false` asks), then
 * one section per key of `sections` (default `medications problems results notes appointments
 * billing`; the last two once the host registers `<cw-scheduler>` and `<cw-billing-summary>`), each a
 * landmark region named after its heading (`Chart section: Medications`, distinct from the
 * widget's own region inside), holding that section's widget bound to the same
 * `patient-id`. A navigation list links to each section; Alt+ArrowDown and Alt+ArrowUp move focus
 * from one section heading to the next or previous one, from anywhere in the chart. The chart
 * reads no data itself: its widgets do, from the chart's own `.store`, `locale` and `time-zone`
 * when set, else from the enclosing `<cw-chart-provider>`. Changing `patient-id` replaces every
 * widget in the same update, so nothing of the previous patient (data, an expanded row, a filter)
 * stays on screen. Without a patient-id or a store it shows one message saying which is
 * missing, and no widget. Unknown section keys are skipped with a console warning naming them.
 *
 * @slot header - Host content above the sections (below the banners).
 * @slot footer - Host content below the sections.
 * @slot section-<key>-before - Host content in the section `<key>`, between its heading and its widget (`section-medications-before`).
 * @slot section-<key>-after - Host content in the section `<key>`, after its widget.
 *
 * @csspart base - The chart.
 * @csspart banners - The box of the patient banner and the allergy banner.
 * @csspart nav - The section navigation.
 * @csspart nav-link - Each link of the navigation.
 * @csspart section - Each section (a labelled region).
 * @csspart section-heading - Each section's heading (focusable by script and by Alt+arrows).
 * @csspart widget - Each section's widget.
 * @csspart setup - The message shown instead of the chart when no patient-id or no store is set.
 *
 * @cssproperty [--cw-patient-chart-gap=var(--cw-space-m, 1rem)] - Space between the banners, the navigation and the sections.
 * @cssproperty [--cw-patient-chart-section-border=var(--cw-color-border, #8a8a8a)] - Border between sections.
 *
 * @cssstate no-patient - No patient-id is set: the chart shows only a message (and the header and footer slots).
 * @cssstate no-store - No store is set on the chart nor provided around it: the chart shows only a message.
 *
 * @dependency cw-patient-banner
 * @dependency cw-allergy-banner
 * @dependency cw-med-list
 * @dependency cw-problem-list
 * @dependency cw-results
 * @dependency cw-notes
 */
export class CwPatientChart extends CwElement {
  /** Styles (host rules, then the chart's own). */
  static override styles = [hostStyles, patientChartStyles];

  /** The id of the patient whose chart to show (`Patient/<id>` without the type); every widget is bound to it. */
  @property({ attribute: 'patient-id' }) patientId?: string;

  /**
   * The sections, in order, by key: `medications`, `problems`, `results`, `notes`. The attribute
   * takes them separated by commas or spaces (`sections="problems, medications"`); the property an
   * array. Unknown keys and repeats are skipped with a console warning.
   */
  @property({
    converter: { fromAttribute: (value: string | null) => (value === null ? [...defaultPatientChartSections] : parseSectionKeys(value)) },
  })
  sections: readonly string[] = defaultPatientChartSections;

  /** Leaves out the patient and allergy banners, for a host that shows its own (SMART `need_patient_banner=false`). */
  @property({ type: Boolean, attribute: 'hide-banner' }) hideBanner = false;

  /** The store the widgets read from, for a chart outside a provider; overrides the provider's. */
  @property({ attribute: false }) store?: ChartStore;

  /** Locale for the widgets of this chart; overrides the provider's. */
  @property() locale?: string;

  /** IANA time zone for the widgets of this chart; overrides the provider's. */
  @property({ attribute: 'time-zone' }) timeZone?: string;

  /** Built-in strings to override, for translation; the rest keep their defaults. */
  @property({ attribute: false }) i18n: Partial<PatientChartI18n> = {};

  @consume({ context: storeContext, subscribe: true })
  @state()
  private providedStore?: ChartStore;

  /** The known sections chosen by `sections`, in order. */
  private shown: readonly PatientChartSection[] = [];

  constructor() {
    super();
    this.addEventListener('keydown', (event) => this.onKeyDown(event));
  }

  private get strings(): PatientChartI18n {
    return { ...defaultI18n(), ...this.i18n };
  }

  /** The sections shown, by key, in order. */
  get shownSections(): readonly string[] {
    return this.shown.map((section) => section.key);
  }

  /**
   * Moves focus to the heading of section `key` (scrolling it into view), as the navigation links
   * do. Returns false when the chart does not show that section.
   */
  focusSection(key: string): boolean {
    const heading = this.renderRoot.querySelector<HTMLElement>(`#heading-${CSS.escape(key)}`);
    if (!heading) return false;
    heading.focus();
    return true;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('sections')) this.shown = this.resolveSections();
    this.setCustomState('no-patient', !this.patientId);
    const noStore = !this.store && !this.providedStore;
    if (noStore && !this.hasCustomState('no-store')) console.warn(`<${this.localName}>: ${this.strings.noStore}`);
    this.setCustomState('no-store', noStore);
  }

  /** The known sections of `sections`, warning about each unknown key and repeat. */
  private resolveSections(): PatientChartSection[] {
    const value: unknown = this.sections;
    // a host without types may hand the property a string
    const keys = typeof value === 'string' ? parseSectionKeys(value) : Array.isArray(value) ? value.map(String) : [...defaultPatientChartSections];
    const shown: PatientChartSection[] = [];
    for (const key of keys) {
      const section = patientChartSections.find((candidate) => candidate.key === key);
      if (!section) {
        console.warn(`<${this.localName}>: unknown section "${key}" in sections, skipped; known sections: ${patientChartSections.map((known) => known.key).join(', ')}.`);
      } else if (shown.includes(section)) {
        console.warn(`<${this.localName}>: section "${key}" is listed twice in sections; shown once.`);
      } else if (!customElements.get(section.tagName)) {
        this.awaitWidget(section);
      } else {
        shown.push(section);
      }
    }
    return shown;
  }

  private readonly awaited = new Set<string>();

  /** Leaves out a section whose widget is not registered (saying which module registers it), and brings it in once it is. */
  private awaitWidget(section: PatientChartSection): void {
    if (this.awaited.has(section.tagName)) return;
    this.awaited.add(section.tagName);
    console.warn(`<${this.localName}>: section "${section.key}" needs <${section.tagName}>, which is not registered: import '@chartwell/elements/define/${section.tagName}.js'. Left out until it is.`);
    void customElements.whenDefined(section.tagName).then(() => {
      this.awaited.delete(section.tagName);
      this.shown = this.resolveSections();
      this.requestUpdate();
    });
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const path = event.composedPath();
    if (keepsAltArrows(path[0]) || this.shown.length === 0) return;
    const from = path.find((node): node is HTMLElement => node instanceof HTMLElement && node.dataset['section'] !== undefined && node.getRootNode() === this.renderRoot);
    const index = from ? this.shown.findIndex((section) => section.key === from.dataset['section']) : -1;
    const count = this.shown.length;
    // from outside the sections (banners, navigation, header), down goes to the first and up to the last
    const next = event.key === 'ArrowDown' ? (index < 0 ? 0 : Math.min(index + 1, count - 1)) : index < 0 ? count - 1 : Math.max(index - 1, 0);
    const target = this.shown[next];
    if (!target) return;
    event.preventDefault();
    this.focusSection(target.key);
  }

  private heading(section: PatientChartSection): string {
    return this.strings.sectionHeadings[section.key] ?? section.heading();
  }

  override render(): unknown {
    const s = this.strings;
    // a setup the widgets cannot work with: one message for the chart rather than one per widget
    const missing = !this.patientId ? s.noPatient : !this.store && !this.providedStore ? s.noStore : undefined;
    if (missing !== undefined || !this.patientId) {
      return html`<div part="base" class="chart">
        <slot name="header"></slot>
        <p part="setup" class="setup" role="status">${missing}</p>
        <slot name="footer"></slot>
      </div>`;
    }
    // keyed by patient: a new patient gets new widgets, so no state of the previous one survives
    return keyed(
      this.patientId,
      html`<div part="base" class="chart">
        ${this.hideBanner ? nothing : this.renderBanners(this.patientId)}
        <slot name="header"></slot>
        ${this.shown.length === 0 ? nothing : this.renderNav()}
        ${repeat(this.shown, (section) => section.key, (section) => this.renderSection(section, this.patientId ?? ''))}
        <slot name="footer"></slot>
      </div>`,
    );
  }

  private renderBanners(patientId: string) {
    return html`<div part="banners" class="banners">
      <cw-patient-banner patient-id=${patientId} .store=${this.store} locale=${ifDefined(this.locale)} time-zone=${ifDefined(this.timeZone)}></cw-patient-banner>
      <cw-allergy-banner patient-id=${patientId} .store=${this.store} locale=${ifDefined(this.locale)} time-zone=${ifDefined(this.timeZone)}></cw-allergy-banner>
    </div>`;
  }

  private renderNav() {
    const s = this.strings;
    return html`<nav part="nav" class="nav" aria-label=${s.nav} aria-describedby="nav-hint">
      <ul>
        ${this.shown.map(
          (section) => html`<li>
            <a part="nav-link" href=${`#section-${section.key}`} aria-keyshortcuts=${SECTION_KEYS}
              @click=${(event: MouseEvent) => {
                event.preventDefault();
                this.focusSection(section.key);
              }}>${this.heading(section)}</a>
          </li>`,
        )}
      </ul>
      <p id="nav-hint" class="visually-hidden">${s.navHint}</p>
    </nav>`;
  }

  private renderSection(section: PatientChartSection, patientId: string) {
    const { key, tag } = section;
    const heading = this.heading(section);
    // the tag is a static literal from the section table (lit/static-html.js), which the lint rules do not know
    /* eslint-disable lit/binding-positions, lit/no-invalid-html */
    return html`<section part="section" class="section" id=${`section-${key}`} data-section=${key} aria-label=${this.strings.sectionRegion(heading)}>
      <h2 part="section-heading" class="section-heading" id=${`heading-${key}`} tabindex="-1" aria-keyshortcuts=${SECTION_KEYS}>${heading}</h2>
      <slot name=${`section-${key}-before`}></slot>
      ${section.binding === 'actor'
        ? html`<${tag} part="widget" class="widget" actors=${`Patient/${patientId}`} view="agenda" .store=${this.store} locale=${ifDefined(this.locale)} time-zone=${ifDefined(this.timeZone)}></${tag}>`
        : html`<${tag} part="widget" class="widget" patient-id=${patientId} .store=${this.store} locale=${ifDefined(this.locale)} time-zone=${ifDefined(this.timeZone)}></${tag}>`}
      <slot name=${`section-${key}-after`}></slot>
    </section>`;
    /* eslint-enable lit/binding-positions, lit/no-invalid-html */
  }
}
