import { html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import { CwElement } from '../../internal/cw-element.js';
import { hostStyles } from '../../internal/host.styles.js';
import { localeContext } from '../../context/locale-context.js';
import { timeZoneContext } from '../../context/time-zone-context.js';
import { storeContext } from '../../context/store-context.js';
import { dateStyleContext } from '../../context/date-style-context.js';
import { timeStyleContext } from '../../context/time-style-context.js';
import { setTextLocale } from '../../localization.js';
import type { ChartStore, DateStyle, TimeStyle } from '@chartwell/core';
import { chartProviderStyles } from './chart-provider.styles.js';

/** The locale a provider uses when none is set: the page's `lang`, else the browser's language. */
export function defaultLocale(): string {
  return document.documentElement.lang || navigator.language;
}

/** The time zone a provider uses when none is set: the browser's own. */
export function defaultTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** A colour preset of `<cw-chart-provider theme>`. */
export type ChartTheme = 'light' | 'dark' | 'high-contrast' | 'auto';

/**
 * @tagname cw-chart-provider
 * @summary Hands the chart store and settings (locale, the clinic's time zone, date and time
 * styles) to every Chartwell widget inside it, through `@lit/context`; sets the language of
 * Chartwell's text from `locale` (English or Spanish: `es`, `es-MX` …); and applies a colour
 * preset (`theme`) through the `--cw-*` design tokens.
 *
 * @slot - The widgets, and any host markup around them.
 *
 * @cssproperty [--cw-color-background] - Background of the provider when a theme is set.
 * @cssproperty [--cw-color-text] - Text colour.
 * @cssproperty [--cw-color-text-quiet] - Secondary text.
 * @cssproperty [--cw-color-border] - Borders of items and controls.
 * @cssproperty [--cw-color-border-quiet] - Dividers.
 * @cssproperty [--cw-color-surface] - Banner surfaces.
 * @cssproperty [--cw-color-surface-quiet] - Quiet surfaces (nothing-recorded states).
 * @cssproperty [--cw-color-danger-text] - Text of allergies, critical results and errors.
 * @cssproperty [--cw-color-danger-border] - Their borders and icons.
 * @cssproperty [--cw-color-danger-surface] - Their background.
 * @cssproperty [--cw-color-warning-text] - Text of warnings (unconfirmed, suspended).
 * @cssproperty [--cw-color-warning-surface] - Their background.
 * @cssproperty [--cw-color-deceased-surface] - Background of a deceased patient's banner.
 * @cssproperty [--cw-color-deceased-stripe] - Its stripes.
 * @cssproperty [--cw-color-stale-text] - Text of the "data as of" line when the data may be out of date.
 * @cssproperty [--cw-color-stale-surface] - Its background.
 * @cssproperty [--cw-color-focus] - The focus ring.
 * @cssproperty [--cw-color-link] - Links.
 * @cssproperty [--cw-icon-contrast] - Glyphs drawn on a coloured icon.
 */
export class CwChartProvider extends CwElement {
  /** Styles (host rules, then the provider's own). */
  static override styles = [hostStyles, chartProviderStyles];

  /** BCP 47 locale for the widgets inside (`en-GB`). Unset: the page's `lang`, else the browser's. */
  @property() locale?: string;

  /** IANA time zone of the clinic (`Europe/London`). Unset: the browser's time zone. */
  @property({ attribute: 'time-zone' }) timeZone?: string;

  /** The chart store the widgets inside read from (`MemoryStore`, `IndexedDbStore`, the host's own). */
  @property({ attribute: false }) store?: ChartStore;

  /** How widgets write dates: `clinical` (default, `04-Apr-1972`) or `locale` (the locale's own form). */
  @property({ attribute: 'date-style' }) dateStyle: DateStyle = 'clinical';

  /** The clock widgets write times on: `24h` or `locale`. Unset: `24h` with clinical dates, the locale's with locale dates. */
  @property({ attribute: 'time-style' }) timeStyle?: TimeStyle;

  /**
   * A colour preset: `light`, `dark`, `high-contrast`, or `auto` (the user's colour-scheme and
   * contrast preferences). Unset: no preset; the widgets use their light defaults and the page's
   * own `--cw-*` tokens.
   */
  @property({ reflect: true }) theme?: ChartTheme;

  private readonly storeProvider = new ContextProvider(this, { context: storeContext });

  private readonly dateStyleProvider = new ContextProvider(this, { context: dateStyleContext, initialValue: 'clinical' });

  private readonly timeStyleProvider = new ContextProvider(this, { context: timeStyleContext, initialValue: undefined });

  private readonly localeProvider = new ContextProvider(this, {
    context: localeContext,
    initialValue: defaultLocale(),
  });

  private readonly timeZoneProvider = new ContextProvider(this, {
    context: timeZoneContext,
    initialValue: defaultTimeZone(),
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale')) {
      const locale = this.locale || defaultLocale();
      this.localeProvider.setValue(locale);
      void setTextLocale(locale).catch(() => console.warn(`<cw-chart-provider>: the translation for "${locale}" could not be loaded; text stays in English.`));
    }
    if (changed.has('timeZone')) this.timeZoneProvider.setValue(this.timeZone || defaultTimeZone());
    if (changed.has('store')) this.storeProvider.setValue(this.store);
    if (changed.has('dateStyle')) this.dateStyleProvider.setValue(this.dateStyle === 'locale' ? 'locale' : 'clinical');
    if (changed.has('timeStyle')) this.timeStyleProvider.setValue(this.timeStyle === '24h' || this.timeStyle === 'locale' ? this.timeStyle : undefined);
  }

  override render() {
    return html`<slot></slot>`;
  }
}
