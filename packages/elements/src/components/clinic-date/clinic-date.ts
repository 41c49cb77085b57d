import { msg, str } from '@lit/localize';
import { html } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { CwElement } from '../../internal/cw-element.js';
import { hostStyles } from '../../internal/host.styles.js';
import { localeContext } from '../../context/locale-context.js';
import { timeZoneContext } from '../../context/time-zone-context.js';
import { defaultLocale, defaultTimeZone } from '../chart-provider/chart-provider.js';
import { clinicDateStyles } from './clinic-date.styles.js';

/** Every built-in string of `<cw-clinic-date>`, for translation. */
export interface ClinicDateI18n {
  /** Read by screen readers before the zone's name. */
  timeZone: string;
  /** Shown instead of the date when the settings cannot be used; names the bad setting. */
  invalidSettings: (setting: { locale: string; timeZone: string }) => string;
}

const defaultI18n = (): ClinicDateI18n => ({
  timeZone: msg('Time zone'),
  invalidSettings: ({ locale, timeZone }) => msg(str`Date unavailable: locale "${locale}" or time zone "${timeZone}" is not valid.`),
});

interface ClinicDay {
  /** The calendar date in the clinic's zone, `YYYY-MM-DD`, for `<time datetime>`. */
  iso: string;
  /** The same date with its day of the week, in the locale. */
  label: string;
}

/** The calendar day that `instant` falls on in `timeZone`, or `undefined` for an unusable setting. */
function clinicDay(instant: Date, locale: string, timeZone: string): ClinicDay | undefined {
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).formatToParts(instant);
    const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
    const label = new Intl.DateTimeFormat(locale, {
      timeZone,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    }).format(instant);
    return { iso: `${part('year')}-${part('month')}-${part('day')}`, label };
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

/**
 * @tagname cw-clinic-date
 * @summary Today's date in the clinic's time zone, with its day of the week and the zone named,
 * so that nobody reads a date in the wrong zone.
 *
 * @csspart base - The line holding the date and the zone.
 * @csspart date - The date, a `<time>` element.
 * @csspart time-zone - The name of the time zone.
 * @csspart error - Shown instead when the locale or time zone is not valid.
 *
 * @cssproperty [--cw-clinic-date-color=var(--cw-color-text, inherit)] - Text colour.
 * @cssproperty [--cw-clinic-date-font-weight=600] - Weight of the date.
 * @cssproperty [--cw-clinic-date-zone-color=var(--cw-color-text-quiet, inherit)] - Colour of the zone's name.
 *
 * @cssstate error - The locale or time zone is not valid.
 */
export class CwClinicDate extends CwElement {
  /** Styles (host rules, then the element's own). */
  static override styles = [hostStyles, clinicDateStyles];

  /** The instant to show the day of. Unset: now, kept current while the element is connected. */
  @property({ attribute: false }) date?: Date;

  /** Locale for this element alone; overrides the provider's. */
  @property() locale?: string;

  /** IANA time zone for this element alone; overrides the provider's. */
  @property({ attribute: 'time-zone' }) timeZone?: string;

  /** The built-in strings, for translation. */
  @property({ attribute: false }) i18n: Partial<ClinicDateI18n> = {};

  /** The strings in use: the defaults in the current text locale, then this element's `i18n`. */
  private get strings(): ClinicDateI18n {
    return { ...defaultI18n(), ...this.i18n };
  }

  @consume({ context: localeContext, subscribe: true })
  @state()
  private providedLocale?: string;

  @consume({ context: timeZoneContext, subscribe: true })
  @state()
  private providedTimeZone?: string;

  @state() private now = new Date();

  private day?: ClinicDay;
  private timer?: ReturnType<typeof setInterval>;

  /** The locale in use: this element's, else the provider's, else the page's. */
  get effectiveLocale(): string {
    return this.locale || this.providedLocale || defaultLocale();
  }

  /** The time zone in use: this element's, else the provider's, else the browser's. */
  get effectiveTimeZone(): string {
    return this.timeZone || this.providedTimeZone || defaultTimeZone();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // a portal left open overnight must not keep showing yesterday
    this.timer = setInterval(() => {
      if (!this.date) this.now = new Date();
    }, 60_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  protected override willUpdate(): void {
    const locale = this.effectiveLocale;
    const timeZone = this.effectiveTimeZone;
    const day = clinicDay(this.date ?? this.now, locale, timeZone);
    if (!day && !this.hasCustomState('error')) {
      console.warn(`<cw-clinic-date>: locale "${locale}" or time zone "${timeZone}" is not valid.`);
    }
    this.day = day;
    this.setCustomState('error', !day);
  }

  override render() {
    if (!this.day) {
      return html`<p part="error">
        ${this.strings.invalidSettings({ locale: this.effectiveLocale, timeZone: this.effectiveTimeZone })}
      </p>`;
    }
    return html`<p part="base">
      <time part="date" datetime=${this.day.iso}>${this.day.label}</time>
      <span part="time-zone"
        ><span class="visually-hidden">${this.strings.timeZone}: </span>${this.effectiveTimeZone}</span
      >
    </p>`;
  }
}
