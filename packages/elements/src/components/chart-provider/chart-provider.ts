import { html, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import { CwElement } from '../../internal/cw-element.js';
import { hostStyles } from '../../internal/host.styles.js';
import { localeContext } from '../../context/locale-context.js';
import { timeZoneContext } from '../../context/time-zone-context.js';
import { storeContext } from '../../context/store-context.js';
import { dateStyleContext } from '../../context/date-style-context.js';
import { timeStyleContext } from '../../context/time-style-context.js';
import { setTextLocale } from '../../localization.js';
import { formatClockTime } from '@chartwell/core';
import type { AccessControlledStore, AccessOverride, AccessPolicy, AccessUser, BreakTheGlassRequest, ChartStore, DateStyle, TimeStyle } from '@chartwell/core';
import { chartProviderStyles } from './chart-provider.styles.js';
import type { AccessInputs, AccessWiring, ProviderAccessOptions, ProviderAudit } from './access-wiring.js';
import { PendingStore } from './pending-store.js';
import type { BreakGlassI18n } from './break-glass-prompt.js';
import type { CwBreakGlassRequestEvent } from '../../events/break-glass-request-event.js';

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
 * With an access `policy` and a `user`, every widget inside reads through
 * `withAccess(store, policy, user)`: what the user may not see shows as a restricted state that
 * names nothing withheld. When a consent or a security label withholds a record, the restricted
 * state offers emergency access: the provider asks for a reason and a duration in a dialog, breaks
 * the glass, shows a banner while the override lasts (with a button that ends it), and fires
 * `cw-break-glass` when it starts, ends and runs out. Without a policy the store is handed down
 * as it is, and the host enforces access in its store or server.
 *
 * @slot - The widgets, and any host markup around them.
 *
 * @csspart override-banner - The banner of an emergency access override in force.
 * @csspart break-glass-dialog - The emergency access dialog.
 * @csspart break-glass-error - Its error message.
 *
 * @fires {CwBreakGlassEvent} cw-break-glass - Emergency access started, was ended, or ran out (the override in `detail`).
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
 * @cssproperty [--cw-chart-provider-override-border=var(--cw-color-warning-text)] - Border of the emergency access banner.
 * @cssproperty [--cw-chart-provider-override-text=var(--cw-color-warning-text)] - Its text.
 * @cssproperty [--cw-chart-provider-override-surface=var(--cw-color-warning-surface)] - Its background.
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

  /**
   * The access policy (`DEFAULT_ACCESS_POLICY`, or `parseAccessPolicy(json)` from `@chartwell/core/access`): with one, the widgets
   * read through `withAccess(store, policy, user)`. Without one they read the store as it is (the
   * host enforces access in its store or server).
   */
  @property({ attribute: false }) policy?: AccessPolicy;

  /** The signed-in user the policy is applied to. A policy without a user denies everything (and warns once). */
  @property({ attribute: false }) user?: AccessUser;

  /** More options of `withAccess` under a policy: `onOverride`, `maxOverrideMinutes`, `breakTheGlassRoles`. */
  @property({ attribute: false }) accessOptions?: ProviderAccessOptions;

  /**
   * The audit trail: with one, every call the widgets make is recorded as a FHIR AuditEvent naming
   * `user` (`withAudit`, outside the policy, so denials are recorded too), and each emergency access
   * as a break-the-glass AuditEvent with its reason. `<cw-audit-log>` shows them.
   */
  @property({ attribute: false }) audit?: ProviderAudit;

  /** The clock of consents, care teams and emergency access overrides (default: the system clock); for tests. */
  @property({ attribute: false }) now?: () => Date;

  /** Overrides of the emergency access prompt's and banner's strings. */
  @property({ attribute: false }) i18n?: Partial<BreakGlassI18n>;

  /** The patient the emergency access prompt is open for. */
  @state() private breakGlassPatient?: string;

  /** The prompt's error message. */
  @state() private breakGlassError?: string;

  /** Where focus goes back to when the prompt closes without opening the record. */
  private returnFocus?: HTMLElement;

  /** After the record opened, focus goes to the banner's end button. */
  private focusBanner = false;

  private readonly storeProvider = new ContextProvider(this, { context: storeContext });

  /**
   * The access control and audit wiring, loaded on demand (it brings `withAccess`, `withAudit` and
   * zod) the first time a policy or an audit trail is set: a page without them never loads it.
   */
  private access?: AccessWiring;
  private accessLoading?: Promise<AccessWiring>;
  /** The loaded wiring module: its emergency access prompt and banner. */
  private accessUi?: typeof import('./access-wiring.js');

  private get accessInputs(): AccessInputs {
    return { store: this.store, policy: this.policy, user: this.user, now: this.now, options: this.accessOptions, audit: this.audit };
  }

  /** Hands the widgets the store: as it is, or through the access wiring once a policy or an audit trail is set. */
  private provideStore(): void {
    const inputs = this.accessInputs;
    if (this.access) {
      this.access.setInputs(inputs);
      return;
    }
    if (!inputs.policy && !inputs.audit) {
      this.storeProvider.setValue(inputs.store, true);
      return;
    }
    // until the wiring is loaded, every call waits for the store that enforces the policy
    this.accessLoading ??= import('./access-wiring.js').then((module) => {
      this.accessUi = module;
      // the banner's and prompt's styles come with them (a constructable stylesheet: no inline style for a page's CSP)
      const root = this.renderRoot;
      const sheet = module.breakGlassStyles.styleSheet;
      if (root instanceof ShadowRoot && sheet) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      this.access = new module.AccessWiring(this, (store) => this.storeProvider.setValue(store, true));
      this.access.setInputs(this.accessInputs);
      return this.access;
    });
    const loading = this.accessLoading;
    this.storeProvider.setValue(inputs.store === undefined ? undefined : new PendingStore(loading.then((wiring) => wiring.providedStore)), true);
  }

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
    if (changed.has('store') || changed.has('policy') || changed.has('user') || changed.has('now') || changed.has('accessOptions') || changed.has('audit')) {
      this.provideStore();
    }
    if (changed.has('dateStyle')) this.dateStyleProvider.setValue(this.dateStyle === 'locale' ? 'locale' : 'clinical');
    if (changed.has('timeStyle')) this.timeStyleProvider.setValue(this.timeStyle === '24h' || this.timeStyle === 'locale' ? this.timeStyle : undefined);
  }

  constructor() {
    super();
    this.addEventListener('cw-break-glass-request', (event) => this.onBreakGlassRequest(event));
  }

  /** The store enforcing `policy` for `user`, once both a store and a policy are set. */
  get accessStore(): AccessControlledStore | undefined {
    return this.access?.accessStore;
  }

  /**
   * Breaks the glass for a patient without the prompt (the host asked the user itself): every
   * widget loads again and shows the record until the override ends. Throws as
   * `AccessControlledStore.breakTheGlass` does, or when no policy is set.
   */
  breakTheGlass(request: BreakTheGlassRequest): AccessOverride {
    if (!this.access) throw new Error('<cw-chart-provider>: breaking the glass needs an access policy (.policy) and a store');
    const override = this.access.breakTheGlass(request);
    this.requestUpdate();
    return override;
  }

  /** The emergency access override in force for `patient` (`123` or `Patient/123`), if any. */
  activeOverride(patient: string): AccessOverride | undefined {
    return this.access?.activeOverride(patient);
  }

  /** Ends the emergency access override for `patient`: the widgets load again, restricted again. */
  endOverride(patient: string): void {
    this.access?.endOverride(patient);
  }

  /** Opens the emergency access prompt for `patient` (what a widget's "Emergency access…" button asks for). */
  requestBreakGlass(patient: string): void {
    this.breakGlassError = undefined;
    this.breakGlassPatient = patient;
  }

  /** The prompt's strings (the wiring, which brings the prompt, is loaded by then). */
  private get strings(): BreakGlassI18n | undefined {
    return this.accessUi && { ...this.accessUi.defaultBreakGlassI18n(), ...this.i18n };
  }

  private onBreakGlassRequest(event: CwBreakGlassRequestEvent): void {
    if (this.access?.accessStore === undefined) return; // no policy here: the host handles it
    event.stopPropagation();
    const origin = event.composedPath()[0];
    this.returnFocus = origin instanceof HTMLElement ? origin : undefined;
    this.requestBreakGlass(event.detail.patient);
  }

  private closePrompt(): void {
    if (this.breakGlassPatient === undefined) return;
    this.breakGlassPatient = undefined;
    this.breakGlassError = undefined;
    const target = this.returnFocus;
    this.returnFocus = undefined;
    if (target?.isConnected) target.focus();
  }

  private submitPrompt(event: SubmitEvent): void {
    event.preventDefault();
    const patient = this.breakGlassPatient;
    const form = event.currentTarget as HTMLFormElement;
    if (patient === undefined) return;
    const data = new FormData(form);
    const reason = String(data.get('reason') ?? '').trim();
    const s = this.strings;
    const ui = this.accessUi;
    if (s === undefined || ui === undefined) return; // the prompt shows only once the wiring is loaded
    if (reason.length < ui.MIN_BREAK_GLASS_REASON) {
      this.breakGlassError = s.reasonTooShort(ui.MIN_BREAK_GLASS_REASON);
      form.querySelector<HTMLTextAreaElement>('textarea')?.focus();
      return;
    }
    try {
      this.breakTheGlass({ patient, reason, durationMinutes: Number(data.get('duration')) });
    } catch {
      this.breakGlassError = s.failed;
      return;
    }
    this.breakGlassPatient = undefined;
    this.breakGlassError = undefined;
    this.returnFocus = undefined;
    this.focusBanner = true;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>('dialog.break-glass');
    if (dialog && this.breakGlassPatient !== undefined && !dialog.open) {
      dialog.showModal();
      dialog.querySelector<HTMLTextAreaElement>('textarea')?.focus();
    }
    if (dialog && this.breakGlassPatient === undefined && dialog.open) dialog.close();
    if (this.focusBanner) {
      this.focusBanner = false;
      this.renderRoot.querySelector<HTMLButtonElement>('.end-override')?.focus();
    }
  }

  private untilText(override: AccessOverride): string {
    const locale = this.locale || defaultLocale();
    const timeZone = this.timeZone || defaultTimeZone();
    try {
      return formatClockTime(override.end, { locale, timeZone, style: this.dateStyle === 'locale' ? 'locale' : 'clinical', ...(this.timeStyle && { timeStyle: this.timeStyle }) });
    } catch {
      return override.end;
    }
  }

  override render() {
    const s = this.strings;
    const ui = this.accessUi;
    // without a policy or an audit trail the wiring, and with it the prompt and banner, is never loaded
    if (s === undefined || ui === undefined) return html`<slot></slot>`;
    const max = this.accessOptions?.maxOverrideMinutes ?? 240;
    return html`${ui.renderOverrideBanners(this.access?.activeOverrides ?? [], s, (override) => this.untilText(override), (patient) => this.endOverride(patient))}<slot></slot>${ui.renderBreakGlassDialog({
      open: this.breakGlassPatient !== undefined,
      durations: ui.breakGlassDurations(max),
      ...(this.breakGlassError !== undefined && { error: this.breakGlassError }),
      strings: s,
      onSubmit: (event) => this.submitPrompt(event),
      onCancel: () => this.closePrompt(),
    })}`;
  }
}
