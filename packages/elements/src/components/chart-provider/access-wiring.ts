// the on-demand entry: through '@chartwell/core' these would join the chunk every widget loads
import { breakTheGlassAuditEvent, withAccess, withAudit } from '@chartwell/core/access';
import type { AccessControlledStore, AccessOverride, AccessPolicy, AccessUser, AuditApplication, AuditContext, AuditSink, BreakTheGlassRequest, ChartStore, WithAccessOptions, WithAuditOptions } from '@chartwell/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { AccessGuardedStore } from './access-guarded-store.js';
import { registerAccessGuard } from './access-guard-registry.js';
import { CwBreakGlassEvent, type BreakGlassChange } from '../../events/break-glass-event.js';

/** The options of `withAccess` that a provider passes through (its `now` is the provider's own clock). */
export type ProviderAccessOptions = Omit<WithAccessOptions, 'now'>;

/**
 * The audit trail of a provider (`<cw-chart-provider>.audit`): every call its widgets make is
 * recorded by `withAudit` as an AuditEvent naming the provider's user, and each emergency access
 * override as a break-the-glass AuditEvent with its reason.
 */
export interface ProviderAudit {
  /** Where the AuditEvents go: `storeAuditSink(store)` (the same store or another), `callbackAuditSink(fn)`, your own. */
  readonly sink: AuditSink;
  /** The application recorded as each event's source (`AuditEvent.source.observer`). */
  readonly application: AuditApplication;
  /** `withAudit`'s other options (what a failing sink does; the clock is the provider's `now`). */
  readonly options?: Omit<WithAuditOptions, 'now'>;
}

/** What the provider's access depends on: a change of any of them wraps the store again. */
export interface AccessInputs {
  readonly store: ChartStore | undefined;
  readonly policy: AccessPolicy | undefined;
  readonly user: AccessUser | undefined;
  readonly now: (() => Date) | undefined;
  readonly options: ProviderAccessOptions | undefined;
  readonly audit?: ProviderAudit | undefined;
}

/** A policy that permits nothing, and a user it applies to: what a setup mistake gets (deny by default). */
const NOTHING_PERMITTED: AccessPolicy = { rules: [] };
const NOBODY: AccessUser = { id: '(no user)', role: 'patient' };

/** The longest wait between two checks of an override's end (so a clock set forward is noticed). */
const EXPIRY_CHECK_MS = 1000;

/**
 * The access control of `<cw-chart-provider>`: wraps the provider's store with `withAccess` for
 * its policy and user (once per store, policy, user, clock and options), hands the widgets an
 * {@link AccessGuardedStore} over it (wrapped by `withAudit` when the provider has an audit trail), and keeps the emergency access overrides: starting and ending
 * them, noticing when they run out, firing `cw-break-glass`, and handing the widgets a new store
 * object whenever what the user may see changes, so that every widget loads again.
 *
 * A policy without a user, or a policy or user that is malformed, denies everything and warns
 * once, naming the setup mistake (never patient data).
 */
export class AccessWiring implements ReactiveController {
  #inputs: AccessInputs = { store: undefined, policy: undefined, user: undefined, now: undefined, options: undefined, audit: undefined };
  #access: AccessControlledStore | undefined;
  #provided: ChartStore | undefined;
  /** The overrides this provider started and that have not ended, by patient (`Patient/<id>`). */
  readonly #overrides = new Map<string, AccessOverride>();
  readonly #warned = new Set<string>();
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    /** Called with the store the widgets should now use. */
    private readonly provide: (store: ChartStore | undefined) => void,
  ) {
    host.addController(this);
  }

  /** The store that enforces the policy, when a policy is set. */
  get accessStore(): AccessControlledStore | undefined {
    return this.#access;
  }

  /** The store the widgets are given. */
  get providedStore(): ChartStore | undefined {
    return this.#provided;
  }

  /** The overrides in force, oldest first. */
  get activeOverrides(): readonly AccessOverride[] {
    return [...this.#overrides.values()];
  }

  /** Wraps the store again if any input changed. */
  setInputs(inputs: AccessInputs): void {
    const old = this.#inputs;
    if (old.store === inputs.store && old.policy === inputs.policy && old.user === inputs.user && old.now === inputs.now && old.options === inputs.options && old.audit === inputs.audit) return;
    this.#inputs = inputs;
    // the overrides belong to the store they were made in: a new user, policy or store ends them
    for (const override of this.#overrides.values()) this.#announce('ended', override);
    this.#overrides.clear();
    this.#stopTimer();
    this.#access = this.#wrap(inputs);
    this.#reprovide();
  }

  #wrap({ store, policy, user, now, options }: AccessInputs): AccessControlledStore | undefined {
    if (store === undefined || policy === undefined || policy === null) return undefined;
    const settings: WithAccessOptions = { ...options, ...(now !== undefined && { now }) };
    if (user === undefined || user === null) {
      this.#warnOnce('no-user', '<cw-chart-provider>: an access policy is set but no user, so every widget is restricted. Set .user to the signed-in user.');
      return withAccess(store, NOTHING_PERMITTED, NOBODY, settings);
    }
    try {
      return withAccess(store, policy, user, settings);
    } catch (error) {
      const what = error instanceof Error ? error.message : 'unknown';
      this.#warnOnce(`invalid:${what}`, `<cw-chart-provider>: the access policy or user is not valid (${what}), so every widget is restricted.`);
      return withAccess(store, NOTHING_PERMITTED, NOBODY, settings);
    }
  }

  #warnOnce(key: string, message: string): void {
    if (this.#warned.has(key)) return;
    this.#warned.add(key);
    console.warn(message);
  }

  /** A new store object for the widgets (so every one loads again): guarded under a policy, audited outermost (denials are recorded too). */
  #reprovide(): void {
    const { store, audit, now } = this.#inputs;
    const guarded = this.#access !== undefined && store !== undefined ? new AccessGuardedStore(this.#access, store) : store;
    const audited = guarded !== undefined && audit ? withAudit(guarded, audit.sink, () => this.#auditContext(), { ...audit.options, ...(now !== undefined && { now }) }) : guarded;
    if (audited !== undefined && audited !== guarded && guarded instanceof AccessGuardedStore) registerAccessGuard(audited, guarded);
    this.#provided = audited;
    this.provide(this.#provided);
    this.host.requestUpdate();
  }

  /** Who the audit trail names: the provider's user (their reference and name, their role), from the provider's application. */
  #auditContext(): AuditContext {
    const { user, audit } = this.#inputs;
    const who = user ? { ...(user.reference !== undefined && { reference: user.reference }), display: user.display ?? user.id } : { display: 'No user signed in' };
    return { agent: { who, ...(user && { role: [{ text: user.role }] }) }, application: audit?.application ?? { display: 'Chartwell' } };
  }

  /**
   * Breaks the glass for `request.patient` (see `AccessControlledStore.breakTheGlass`): the widgets
   * load again and show what the consent or labels withheld, until the override ends. Throws as
   * that does (a blank reason, a duration out of range, a role that may not), or a plain Error
   * when no policy is set.
   */
  breakTheGlass(request: BreakTheGlassRequest): AccessOverride {
    if (this.#access === undefined) throw new Error('<cw-chart-provider>: breaking the glass needs an access policy (.policy) and a store');
    const override = this.#access.breakTheGlass(request);
    this.#overrides.set(override.patient, override);
    this.#announce('started', override);
    this.#reprovide();
    this.#schedule();
    this.#recordOverride(override);
    return override;
  }

  /** The override in force for `patient` (`123` or `Patient/123`), if any. */
  activeOverride(patient: string): AccessOverride | undefined {
    return this.#access?.activeOverride(patient);
  }

  /** Ends the override for `patient` now; the widgets load again, restricted again. */
  endOverride(patient: string): void {
    const key = patient.startsWith('Patient/') ? patient : `Patient/${patient}`;
    const override = this.#overrides.get(key);
    this.#access?.endOverride(key);
    if (override === undefined) return;
    this.#overrides.delete(key);
    this.#announce('ended', override);
    this.#reprovide();
    this.#schedule();
  }

  /** Forgets the overrides that ran out (by the store's clock); the widgets load again if any did. */
  checkExpiry(): void {
    let expired = false;
    for (const [patient, override] of this.#overrides) {
      if (this.#access?.activeOverride(patient) !== undefined) continue;
      this.#overrides.delete(patient);
      this.#announce('expired', override);
      expired = true;
    }
    if (expired) this.#reprovide();
    this.#schedule();
  }

  /**
   * Records the override in the audit trail (a break-the-glass AuditEvent with its reason). An
   * emergency access that cannot be recorded does not stay open: it is ended, with a warning
   * that names no patient data.
   */
  #recordOverride(override: AccessOverride): void {
    const audit = this.#inputs.audit;
    if (!audit) return;
    Promise.resolve()
      .then(() => audit.sink.record(breakTheGlassAuditEvent(override, this.#auditContext())))
      .catch(() => {
        console.warn('<cw-chart-provider>: the emergency access could not be recorded in the audit trail, so it was ended.');
        this.endOverride(override.patient);
      });
  }

  #announce(change: BreakGlassChange, override: AccessOverride): void {
    this.host.dispatchEvent(new CwBreakGlassEvent({ change, override }));
  }

  #schedule(): void {
    this.#stopTimer();
    if (this.#overrides.size === 0 || !this.host.isConnected) return;
    const now = (this.#inputs.now ?? (() => new Date()))().getTime();
    const soonest = Math.min(...[...this.#overrides.values()].map((override) => Date.parse(override.end)));
    this.#timer = setTimeout(() => this.checkExpiry(), Math.max(0, Math.min(soonest - now, EXPIRY_CHECK_MS)));
  }

  #stopTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Checks the overrides again when the provider is back in the page. */
  hostConnected(): void {
    if (this.#overrides.size > 0) this.checkExpiry();
  }

  /** Stops the expiry timer. */
  hostDisconnected(): void {
    this.#stopTimer();
  }
}

// the prompt and banner come with the wiring: a provider without a policy never loads them
export { breakGlassDurations, breakGlassStyles, defaultBreakGlassI18n, MIN_BREAK_GLASS_REASON, renderBreakGlassDialog, renderOverrideBanners } from './break-glass-prompt.js';
