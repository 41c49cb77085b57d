import { html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import { CwElement } from '../../internal/cw-element.js';
import { hostStyles } from '../../internal/host.styles.js';
import { localeContext } from '../../context/locale-context.js';
import { timeZoneContext } from '../../context/time-zone-context.js';
import { storeContext } from '../../context/store-context.js';
import { dateStyleContext } from '../../context/date-style-context.js';
import type { ChartStore, DateStyle } from '@chartwell/core';
import { chartProviderStyles } from './chart-provider.styles.js';

/** The locale a provider uses when none is set: the page's `lang`, else the browser's language. */
export function defaultLocale(): string {
  return document.documentElement.lang || navigator.language;
}

/** The time zone a provider uses when none is set: the browser's own. */
export function defaultTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * @tagname cw-chart-provider
 * @summary Hands the chart store and settings (locale and the clinic's time zone) to every
 * Chartwell widget inside it, through `@lit/context`.
 *
 * @slot - The widgets, and any host markup around them.
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

  private readonly storeProvider = new ContextProvider(this, { context: storeContext });

  private readonly dateStyleProvider = new ContextProvider(this, { context: dateStyleContext, initialValue: 'clinical' });

  private readonly localeProvider = new ContextProvider(this, {
    context: localeContext,
    initialValue: defaultLocale(),
  });

  private readonly timeZoneProvider = new ContextProvider(this, {
    context: timeZoneContext,
    initialValue: defaultTimeZone(),
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale')) this.localeProvider.setValue(this.locale || defaultLocale());
    if (changed.has('timeZone')) this.timeZoneProvider.setValue(this.timeZone || defaultTimeZone());
    if (changed.has('store')) this.storeProvider.setValue(this.store);
    if (changed.has('dateStyle')) this.dateStyleProvider.setValue(this.dateStyle === 'locale' ? 'locale' : 'clinical');
  }

  override render() {
    return html`<slot></slot>`;
  }
}
