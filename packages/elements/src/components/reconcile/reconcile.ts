import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Reference, ResourceType } from '@chartwell/fhir';
import { isChartStoreError } from '@chartwell/core';
import type { StoreOperationOutcome } from '@chartwell/core';
import { applyReconciliation } from '@chartwell/interop/reconcile';
import type { ReconcileDecision, ReconcileItem, ReconcileKind } from '@chartwell/interop/reconcile';
import { ChartDataElement } from '../../internal/chart-data-element.js';
import type { DataRequest, DataStateI18n } from '../../internal/chart-data-element.js';
import { hostStyles } from '../../internal/host.styles.js';
import { panelFrameStyles, renderPanelFrame } from '../../internal/panel-frame.js';
import { dataStateStyles } from '../../internal/data-states.styles.js';
import { CwErrorEvent } from '../../events/error-event.js';
import { CwReconcileCompleteEvent } from '../../events/reconcile-complete-event.js';
import { CwReconcileConfirmEvent } from '../../events/reconcile-confirm-event.js';
import { loadReconcileData, type ReconcileData } from './reconcile-data.js';
import { defaultReconcileI18n, type ReconcileI18n } from './reconcile-i18n.js';
import type { ReconcileIncoming } from './reconcile-incoming.js';
import { DECISIONS, DEFAULT_DECISION, renderReconcileRow } from './reconcile-row.js';
import { doneIcon } from './reconcile.icons.js';
import { reconcileStyles } from './reconcile.styles.js';

/** The steps of `<cw-reconcile>`: choosing, reviewing, writing, written. */
type Step = 'choose' | 'review' | 'saving' | 'done';

const KINDS: readonly ReconcileKind[] = ['medication', 'allergy', 'problem'];
const DECISION_ORDER: readonly ReconcileDecision[] = ['add', 'replace', 'merge', 'keep', 'reject'];

/** A number per object, so a new `.incoming` (a new array or Bundle) loads again. */
const identities = new WeakMap<object, number>();
let nextIdentity = 1;
function identityOf(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let id = identities.get(value);
  if (id === undefined) identities.set(value, (id = nextIdentity++));
  return id;
}

/**
 * @tagname cw-reconcile
 * @summary Reconciles a patient's medications, allergies and problems with records from another
 * organisation (`.incoming`: resources or a Bundle, such as `hl7v2ToFhir` or `ccdaToFhir` give).
 * Three groups; each item shows the chart's record and the incoming one side by side, each with
 * its source and last update, a status in words and icon (new, matches, conflicts, only in this
 * chart) and, for a conflict, the differences field by field. The user decides each item (add or
 * reject a new one; keep, replace, merge or reject a paired one) in a labelled radio group; a
 * conflicting item has no default and blocks the review until decided. The review lists what will
 * be written; Confirm fires the cancelable `cw-reconcile-confirm`, writes everything in one
 * transaction with a Provenance per record (`applyReconciliation`), then fires
 * `cw-reconcile-complete`. A failed write changes nothing and keeps every decision.
 *
 * @slot empty - Replaces the nothing-to-reconcile wording.
 *
 * @csspart base - The widget, a labelled region.
 * @csspart heading - The heading.
 * @csspart incoming-source - The line naming where the incoming records come from.
 * @csspart group - Each group (medications, allergies, problems).
 * @csspart item - One item.
 * @csspart status - An item's status badge.
 * @csspart differences - A conflict's list of differences.
 * @csspart decision - An item's decision radio group.
 * @csspart icon - Each inline icon.
 * @csspart actions - The step's buttons.
 * @csspart review - The review step.
 * @csspart message - The refusal or failure message.
 * @csspart done - The success summary.
 * @csspart as-of - The "Data as of … · source" line.
 * @csspart empty - The nothing-to-reconcile text.
 * @csspart loading - The loading state.
 * @csspart error - The failure state.
 * @csspart retry - The button that loads the chart again.
 *
 * @cssproperty [--cw-reconcile-conflict-color=var(--cw-color-warning-text, #6b4e00)] - Colour of the conflict badge, border and messages.
 * @cssproperty [--cw-reconcile-side-surface=var(--cw-color-surface-quiet, #f4f4f4)] - Background of each side of an item.
 *
 * @cssstate loading - The chart is loading.
 * @cssstate stale - The data shown may be out of date.
 * @cssstate error - The chart could not be read.
 * @cssstate restricted - Access was denied.
 * @cssstate empty - Nothing to reconcile.
 *
 * @fires {CwReconcileConfirmEvent} cw-reconcile-confirm - The review was confirmed; cancelable (nothing is then written).
 * @fires {CwReconcileCompleteEvent} cw-reconcile-complete - The decisions were written.
 * @fires {CwErrorEvent} cw-error - The chart could not be read, or the decisions could not be written; `detail.outcome` is the OperationOutcome.
 * @fires {CwContextMismatchEvent} cw-context-mismatch - The store answered with another patient's records; nothing of them is shown.
 */
export class CwReconcile extends ChartDataElement<ReconcileData> {
  /** Styles (host rules, the shared data states, then the widget's own). */
  static override styles = [hostStyles, dataStateStyles, panelFrameStyles, reconcileStyles];

  /** The records from the other organisation: resources, or a Bundle of them. A new value starts again. */
  @property({ attribute: false }) incoming?: ReconcileIncoming;

  /** What to call the incoming records' source; default: the organisation their Provenance names. */
  @property({ attribute: 'incoming-source' }) incomingSource?: string;

  /**
   * The organisation named as the informant of each written Provenance. Default: `incoming-source`,
   * else the organisation the incoming Provenance names, as a display typed `Organization` (the
   * chart views then show it as the records' source).
   */
  @property({ attribute: false }) sourceOrganization?: Reference;

  /** The user who reconciles, named as the verifier of each written Provenance. */
  @property({ attribute: false }) author?: Reference;

  /** Built-in strings to override, for translation; the rest keep their English defaults. */
  @property({ attribute: false }) i18n: Partial<ReconcileI18n> = {};

  /** The user's choices, by item key (defaults are not stored: see DEFAULT_DECISION). */
  @state() private choices: Readonly<Record<string, ReconcileDecision>> = {};
  @state() private step: Step = 'choose';
  /** The message of the current step: undecided conflicts, or a failed write. */
  @state() private message?: string;
  @state() private written?: { readonly records: number; readonly provenance: number };
  /** Where the next update moves focus. */
  private focusTarget?: string;

  private get strings(): ReconcileI18n {
    return { ...defaultReconcileI18n(), ...this.i18n };
  }

  protected override get dataStateI18n(): DataStateI18n {
    return this.strings;
  }

  protected override loadKey(): string {
    return `${identityOf(this.incoming)}|${this.incomingSource ?? ''}`;
  }

  protected override watchedTypes(): readonly ResourceType[] {
    return ['MedicationRequest', 'MedicationStatement', 'Medication', 'AllergyIntolerance', 'Condition', 'Provenance'];
  }

  protected override load({ store, patientId, options }: DataRequest): Promise<ReconcileData> {
    const incoming: unknown = this.incoming;
    if (incoming !== undefined && !Array.isArray(incoming) && (typeof incoming !== 'object' || incoming === null || (incoming as { resourceType?: unknown }).resourceType !== 'Bundle')) {
      console.warn(`<${this.localName}>: .incoming must be an array of FHIR resources or a Bundle; nothing to reconcile is shown`);
    }
    return loadReconcileData(store, patientId, this.incoming, {
      locale: options.locale ?? this.effectiveLocale,
      timeZone: options.timeZone ?? this.effectiveTimeZone,
      dateStyle: options.dateStyle ?? 'clinical',
      ...(options.timeStyle && { timeStyle: options.timeStyle }),
      signal: options.signal,
      storeName: this.sourceLabel,
      ...(this.incomingSource && { incomingSource: this.incomingSource }),
      incomingName: this.strings.incomingName,
    });
  }

  protected override isEmpty(data: ReconcileData): boolean {
    return !data.plan.items.some((item) => item.incoming !== undefined);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // other records, or another patient: start again
    if (changed.has('incoming') || changed.has('patientId')) {
      this.choices = {};
      this.step = 'choose';
      this.message = undefined;
      this.written = undefined;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.focusTarget !== undefined) {
      this.renderRoot.querySelector<HTMLElement>(this.focusTarget)?.focus();
      this.focusTarget = undefined;
    }
  }

  /** The decision of an item now: the user's (when still allowed), else the default. */
  private decisionOf(item: ReconcileItem): ReconcileDecision | undefined {
    const chosen = this.choices[item.key];
    return chosen !== undefined && DECISIONS[item.status].includes(chosen) ? chosen : DEFAULT_DECISION[item.status];
  }

  /** Every item's decision, for the items that have one to write. */
  private decisions(data: ReconcileData): Record<string, ReconcileDecision> {
    const decisions: Record<string, ReconcileDecision> = {};
    for (const item of data.plan.items) {
      const decision = this.decisionOf(item);
      if (decision !== undefined) decisions[item.key] = decision;
    }
    return decisions;
  }

  private choose(key: string, decision: ReconcileDecision): void {
    this.choices = { ...this.choices, [key]: decision };
    this.message = undefined;
  }

  private toReview(data: ReconcileData): void {
    const undecided = data.plan.items.filter((item) => item.status === 'conflicting' && this.decisionOf(item) === undefined);
    if (undecided.length > 0) {
      this.message = this.strings.undecided(undecided.length);
      const index = data.plan.items.indexOf(undecided[0] as ReconcileItem);
      this.focusTarget = `input[name="item-${index}"]`;
      return;
    }
    this.message = undefined;
    this.step = 'review';
    this.focusTarget = '#review-heading';
  }

  private back(): void {
    this.step = 'choose';
    this.message = undefined;
    this.focusTarget = '#review-button';
  }

  private async confirm(data: ReconcileData): Promise<void> {
    const store = this.effectiveStore;
    const patientId = this.patientId;
    if (!store || !patientId || this.step !== 'review') return;
    const patient = `Patient/${patientId}`;
    const decisions = this.decisions(data);
    if (!this.dispatchEvent(new CwReconcileConfirmEvent({ patient, decisions }))) return;
    this.step = 'saving';
    this.message = undefined;
    const s = this.strings;
    try {
      const result = await applyReconciliation(store, data.plan, decisions, {
        patient,
        // typed, so that the chart views name it as the records' organisation even though the store does not hold it
        source: this.sourceOrganization ?? (data.sourceOrganization ? { type: 'Organization', display: data.sourceOrganization } : { display: s.incomingName }),
        ...(data.sourceSystem !== undefined && { sourceSystem: data.sourceSystem }),
        ...(this.author && { author: this.author }),
      });
      if (this.patientId !== patientId) return; // another patient was bound meanwhile
      this.written = { records: result.written.length, provenance: result.provenance.length };
      this.step = 'done';
      this.focusTarget = '#done-heading';
      const reference = (resource: { resourceType: string; id?: string }) => `${resource.resourceType}/${resource.id ?? ''}`;
      this.dispatchEvent(new CwReconcileCompleteEvent({ patient, decisions, written: result.written.map(reference), provenance: result.provenance.map(reference) }));
    } catch (error) {
      if (this.patientId !== patientId) return;
      // applyReconciliation is one transaction: nothing was written; the choices stay
      this.step = 'review';
      this.message = s.saveFailed;
      this.focusTarget = '#message';
      const outcome: StoreOperationOutcome = isChartStoreError(error)
        ? error.toOperationOutcome()
        : { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception', diagnostics: error instanceof Error ? error.message : 'Unknown failure' }] };
      this.dispatchEvent(new CwErrorEvent({ outcome, patientId }));
    }
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

  protected override renderData(data: ReconcileData): unknown {
    const s = this.strings;
    if (this.isEmpty(data) && this.step !== 'done') {
      return this.frame(html`<div part="empty" class="empty"><slot name="empty"><p>${data.hasIncoming ? s.nothingToReconcile : s.nothingIncoming}</p></slot></div>
        ${this.renderAsOf()}`);
    }
    const source = data.sourceOrganization ?? data.sourceSystem;
    const body = this.step === 'done' ? this.renderDone() : this.step === 'choose' ? this.renderChoose(data) : this.renderReview(data);
    return this.frame(html`${source !== undefined ? html`<p part="incoming-source" class="incoming-source">${s.incomingFrom(source)}</p>` : nothing} ${body} ${this.renderAsOf()}`);
  }

  private renderMessage() {
    return this.message !== undefined ? html`<p part="message" id="message" class="failure-message" role="alert" tabindex="-1">${this.message}</p>` : html`<div role="alert" class="message-slot"></div>`;
  }

  private renderChoose(data: ReconcileData) {
    const s = this.strings;
    return html`${KINDS.map((kind) => {
        const rows = data.rows.filter((row) => row.item.kind === kind);
        return html`<section part="group" class="group" aria-labelledby="group-${kind}" data-kind=${kind}>
          <h3 class="group-heading" id="group-${kind}">${s.group[kind](rows.length)}</h3>
          ${rows.length === 0
            ? html`<p class="empty-group">${s.emptyGroup[kind]}</p>`
            : html`<ul class="list">
                ${rows.map((row) => renderReconcileRow(row, { index: data.plan.items.indexOf(row.item), decision: this.decisionOf(row.item), strings: s, choose: (key, decision) => this.choose(key, decision) }))}
              </ul>`}
        </section>`;
      })}
      ${this.renderMessage()}
      <div part="actions" class="actions"><button type="button" id="review-button" @click=${() => this.toReview(data)}>${s.review}</button></div>`;
  }

  private renderReview(data: ReconcileData) {
    const s = this.strings;
    const decisions = this.decisions(data);
    const saving = this.step === 'saving';
    const byDecision = DECISION_ORDER.map((decision) => ({ decision, items: data.plan.items.filter((item) => decisions[item.key] === decision) })).filter((entry) => entry.items.length > 0);
    const writes = byDecision.some((entry) => entry.decision === 'add' || entry.decision === 'replace' || entry.decision === 'merge');
    const nameOf = (item: ReconcileItem) => data.rows.find((row) => row.item === item)?.[item.status === 'new' ? 'incoming' : 'local']?.name ?? item.name;
    return html`<section part="review" class="review" aria-labelledby="review-heading" aria-busy=${saving ? 'true' : 'false'}>
      <h3 id="review-heading" tabindex="-1">${s.reviewHeading}</h3>
      ${writes ? nothing : html`<p class="nothing-to-write">${s.nothingToWrite}</p>`}
      ${byDecision.map(
        ({ decision, items }) => html`<h4 class="review-count" data-decision=${decision}>${s.reviewCount[decision](items.length)}</h4>
          <ul class="review-list" data-decision=${decision}>
            ${items.map((item) => html`<li data-key=${item.key}>${nameOf(item)}</li>`)}
          </ul>`,
      )}
      ${this.renderMessage()} ${saving ? html`<p role="status">${s.saving}</p>` : nothing}
      <div part="actions" class="actions">
        <button type="button" id="back-button" ?disabled=${saving} @click=${() => this.back()}>${s.back}</button>
        <button type="button" id="confirm-button" ?disabled=${saving} @click=${() => void this.confirm(data)}>${s.confirm}</button>
      </div>
    </section>`;
  }

  private renderDone() {
    const s = this.strings;
    const written = this.written ?? { records: 0, provenance: 0 };
    return html`<div part="done" class="done" role="status">
      <h3 id="done-heading" tabindex="-1">${doneIcon()}${s.doneHeading}</h3>
      <p>${s.done(written.records, written.provenance)}</p>
    </div>`;
  }
}
