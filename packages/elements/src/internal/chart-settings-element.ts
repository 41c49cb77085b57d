import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { ChartStore, DateStyle, TimeStyle } from '@chartwell/core';
import { CwElement } from './cw-element.js';
import { localeContext } from '../context/locale-context.js';
import { timeZoneContext } from '../context/time-zone-context.js';
import { storeContext } from '../context/store-context.js';
import { dateStyleContext } from '../context/date-style-context.js';
import { timeStyleContext } from '../context/time-style-context.js';
import { defaultLocale, defaultTimeZone } from '../components/chart-provider/chart-provider.js';

/**
 * The chart settings every data widget reads: the store, locale and time zone (its own, else the
 * provider's, else the page's or the browser's), and the provider's date and time styles. The
 * base of `ChartDataElement` (one patient's data) and `ClinicDataElement` (a clinic's).
 * @internal
 */
export abstract class ChartSettingsElement extends CwElement {
  /** The store to read from, for a widget outside a provider; overrides the provider's. */
  @property({ attribute: false }) store?: ChartStore;

  /** Locale for this widget alone; overrides the provider's. */
  @property() locale?: string;

  /** IANA time zone (the clinic's) for this widget alone; overrides the provider's. */
  @property({ attribute: 'time-zone' }) timeZone?: string;

  @consume({ context: storeContext, subscribe: true })
  @state()
  private providedStore?: ChartStore;

  @consume({ context: localeContext, subscribe: true })
  @state()
  private providedLocale?: string;

  @consume({ context: timeZoneContext, subscribe: true })
  @state()
  private providedTimeZone?: string;

  @consume({ context: dateStyleContext, subscribe: true })
  @state()
  private providedDateStyle?: DateStyle;

  @consume({ context: timeStyleContext, subscribe: true })
  @state()
  private providedTimeStyle?: TimeStyle;

  /** The store in use: this widget's own, else the provider's. */
  get effectiveStore(): ChartStore | undefined {
    return this.store ?? this.providedStore;
  }

  /** The locale in use: this widget's, else the provider's, else the page's. */
  get effectiveLocale(): string {
    return this.locale || this.providedLocale || defaultLocale();
  }

  /** The time zone in use: this widget's, else the provider's, else the browser's. */
  get effectiveTimeZone(): string {
    return this.timeZone || this.providedTimeZone || defaultTimeZone();
  }

  /** The date style in use (the provider's; `clinical` by default). */
  protected get effectiveDateStyle(): DateStyle {
    return this.providedDateStyle ?? 'clinical';
  }

  /** The clock in use (the provider's), if set. */
  protected get effectiveTimeStyle(): TimeStyle | undefined {
    return this.providedTimeStyle;
  }
}
