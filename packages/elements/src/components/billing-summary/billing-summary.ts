import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { billingSummary, formatCodeableConcept, formatInstant, formatMoney, formatPeriod, NO_CURRENCY } from '@chartwell/core';
import type { AgingBucket, BillingSummary, ChartStore, ClaimItem, ClaimState, CoverageSummary, CurrencyAmount, CurrencyFigures, InvoiceSummary, MoneyFigure, VisitBilling } from '@chartwell/core';
import type { Reference, ResourceType } from '@chartwell/fhir';
import { ChartDataElement, defaultDataStateI18n } from '../../internal/chart-data-element.js';
import type { DataRequest, DataStateI18n } from '../../internal/chart-data-element.js';
import { hostStyles } from '../../internal/host.styles.js';
import { panelFrameStyles, renderPanelFrame } from '../../internal/panel-frame.js';
import { dataStateStyles } from '../../internal/data-states.styles.js';
import { notRecordedIcon } from '../../internal/icons.js';
import { CwClaimSelectEvent } from '../../events/claim-select-event.js';
import { CwInvoiceSelectEvent } from '../../events/invoice-select-event.js';
import { billingSummaryStyles } from './billing-summary.styles.js';

/** What `<cw-billing-summary>` loads: the core view, and the names of the organisations it refers to by reference only. */
export interface BillingSummaryData {
  /** `billingSummary` of the bound patient. */
  readonly summary: BillingSummary;
  /** `Organization/<id>` → its name, for payers and insurers recorded as a bare reference. */
  readonly organizationNames: ReadonlyMap<string, string>;
}

/** The figures of a currency that `<cw-billing-summary>` lists, in its order. */
const FIGURE_ROWS: readonly MoneyFigure[] = ['charged', 'pending', 'payerPaid', 'patientResponsibility', 'patientPaid', 'adjustments', 'invoiced', 'unbilled', 'balance', 'estimatedPatientResponsibility'];

/** Every built-in string of `<cw-billing-summary>`, for translation. */
export interface BillingSummaryI18n extends DataStateI18n {
  /** The widget's heading (and the region's name). */
  heading: string;
  /** Shown when the patient has no financial record at all; never reads as "nothing owed". */
  empty: string;
  /** Said under `empty`. */
  emptyHint: string;
  /** Shown when records exist but none of them holds an amount that counts in a figure. */
  noFigures: string;
  /** A currency's heading: its name and code. */
  currencyHeading: (name: string, code: string) => string;
  /** The heading of amounts recorded without a currency. */
  noCurrencyHeading: string;
  /** The balance line: the amount, and the time it is as of. */
  balance: (amount: string, asOf: string) => string;
  /** The figures table's caption, with the currency's code. */
  figuresCaption: (code: string) => string;
  /** The header of the figure-name column. */
  figure: string;
  /** The header of the amount column. */
  amount: string;
  /** The names of the figures. */
  figures: Record<MoneyFigure, string>;
  /** The aging table's caption, with the currency's code. */
  agingCaption: (code: string) => string;
  /** The aging buckets' column headers. */
  agingBuckets: Record<AgingBucket, string>;
  /** The notice when amounts are recorded in several currencies. */
  mixedCurrencies: (codes: string) => string;
  /** The notice when some amounts were recorded without a currency. */
  noCurrency: string;
  /** The claims section's heading, with the count. */
  claims: (count: number) => string;
  /** The estimates section's heading, with the count. */
  estimates: (count: number) => string;
  /** Said under the estimates heading: what an estimate is. */
  estimatesNote: string;
  /** The button that chooses a claim, with its date. */
  claimButton: (date: string) => string;
  /** The button that chooses a preauthorization or predetermination, with its date. */
  estimateButton: (kind: string, date: string) => string;
  /** The words of the estimate kinds. */
  estimateKind: Record<'preauthorization' | 'predetermination', string>;
  /** The marker of an estimated amount or line. */
  estimate: string;
  /** Column headers of the claims and estimates tables. */
  claim: string;
  type: string;
  status: string;
  outcome: string;
  insurer: string;
  charged: string;
  insurerPaid: string;
  patientShare: string;
  estimatedInsurerPayment: string;
  estimatedPatientShare: string;
  denialReasons: string;
  /** The claim states in words. */
  claimStates: Record<ClaimState, string>;
  /** The adjudication outcomes in words; `none` when there is no adjudication yet. */
  outcomes: Record<'queued' | 'complete' | 'partial' | 'error' | 'none', string>;
  /** Shown in an amount cell without an amount. */
  noAmount: string;
  /** Shown in the reasons cell of a claim without a denial reason. */
  noReasons: string;
  /** The insurer payments section's heading, with the count. */
  payments: (count: number) => string;
  date: string;
  payer: string;
  paid: string;
  adjustment: string;
  adjustmentReason: string;
  /** The invoices section's heading, with the count. */
  invoices: (count: number) => string;
  /** The button that chooses an invoice, with its date. */
  invoiceButton: (date: string) => string;
  invoice: string;
  net: string;
  gross: string;
  due: string;
  /** The due cell of an invoice that adds nothing to the balance (draft, balanced, cancelled, to someone else). */
  notInBalance: string;
  /** The invoice statuses in words. */
  invoiceStatus: Record<InvoiceSummary['status'], string>;
  /** The active coverage section's heading, with the count. */
  coverage: (count: number) => string;
  /** Shown when no coverage is in force at the as-of time. */
  noCoverage: (asOf: string) => string;
  memberId: string;
  plan: string;
  relationship: string;
  period: string;
  /** The visits section's heading, with the count. */
  visits: (count: number) => string;
  /** The disclosure button of a visit: its date and the number of lines. */
  visitButton: (date: string, lines: number) => string;
  /** The disclosure button of the lines that name no visit. */
  noVisitButton: (lines: number) => string;
  /** The caption of a visit's line items. */
  lineItems: (visit: string) => string;
  /** The caption of a visit's charge items. */
  chargeItems: (visit: string) => string;
  service: string;
  quantity: string;
  /** A charge item without its own price (priced by a definition). */
  priceNotRecorded: string;
  /** The charge item statuses in words. */
  chargeItemStatus: Record<string, string>;
  /** The accounts section's heading, with the count. */
  accounts: (count: number) => string;
  /** The account statuses in words. */
  accountStatus: Record<string, string>;
  name: string;
  owner: string;
  description: string;
}

const defaultI18n = (): BillingSummaryI18n => ({
  ...defaultDataStateI18n(),
  loading: msg('Loading billing…'),
  heading: msg('Billing'),
  empty: msg('No billing records'),
  emptyHint: msg('No claims, invoices, charges, coverage or accounts are recorded in this chart. This does not mean nothing is owed.'),
  noFigures: msg('No amount in these records counts toward a balance.'),
  currencyHeading: (name, code) => (name === code ? code : msg(str`${name} (${code})`)),
  noCurrencyHeading: msg('Amounts recorded without a currency'),
  balance: (amount, asOf) => msg(str`Patient balance ${amount} as of ${asOf}`),
  figuresCaption: (code) => msg(str`Summary in ${code}`),
  figure: msg('Figure'),
  amount: msg('Amount'),
  figures: {
    charged: msg('Charges on submitted claims'),
    pending: msg('Awaiting adjudication'),
    payerPaid: msg('Insurer payments'),
    patientResponsibility: msg('Patient responsibility'),
    patientPaid: msg('Patient payments'),
    adjustments: msg('Insurer payment adjustments'),
    invoiced: msg('Invoiced to the patient'),
    unbilled: msg('Unbilled charges (not in the balance)'),
    balance: msg('Patient balance'),
    estimatedPatientResponsibility: msg('Estimated patient share (estimate, not adjudicated; not in the balance)'),
  },
  agingCaption: (code) => msg(str`Balance by age in ${code}`),
  agingBuckets: { '0-30': msg('0–30 days'), '31-60': msg('31–60 days'), '61-90': msg('61–90 days'), '90+': msg('Over 90 days') },
  mixedCurrencies: (codes) => msg(str`Amounts are recorded in ${codes}: each currency is shown on its own, never added together.`),
  noCurrency: msg('Some amounts were recorded without a currency: they are shown apart and not added to any currency.'),
  claims: (count) => msg(str`Claims (${count})`),
  estimates: (count) => msg(str`Estimates (${count})`),
  estimatesNote: msg('Preauthorizations and predeterminations: estimated amounts, not adjudicated, never part of the balance.'),
  claimButton: (date) => msg(str`Claim of ${date}`),
  estimateButton: (kind, date) => msg(str`${kind} of ${date}`),
  estimateKind: { preauthorization: msg('Preauthorization'), predetermination: msg('Predetermination') },
  estimate: msg('Estimate'),
  claim: msg('Claim'),
  type: msg('Type'),
  status: msg('Status'),
  outcome: msg('Outcome'),
  insurer: msg('Insurer'),
  charged: msg('Charged'),
  insurerPaid: msg('Insurer paid'),
  patientShare: msg('Patient share'),
  estimatedInsurerPayment: msg('Estimated insurer payment'),
  estimatedPatientShare: msg('Estimated patient share'),
  denialReasons: msg('Denial reasons'),
  claimStates: {
    pending: msg('Awaiting adjudication'),
    adjudicated: msg('Adjudicated'),
    partial: msg('Partially adjudicated'),
    denied: msg('Denied'),
    error: msg('Adjudication error'),
    draft: msg('Draft'),
    cancelled: msg('Cancelled'),
    'entered-in-error': msg('Entered in error'),
  },
  outcomes: { queued: msg('Queued'), complete: msg('Complete'), partial: msg('Partial'), error: msg('Error'), none: msg('No adjudication yet') },
  noAmount: msg('Not recorded'),
  noReasons: msg('None given'),
  payments: (count) => msg(str`Insurer payments (${count})`),
  date: msg('Date'),
  payer: msg('Payer'),
  paid: msg('Paid'),
  adjustment: msg('Adjustment'),
  adjustmentReason: msg('Adjustment reason'),
  invoices: (count) => msg(str`Invoices (${count})`),
  invoiceButton: (date) => msg(str`Invoice of ${date}`),
  invoice: msg('Invoice'),
  net: msg('Net'),
  gross: msg('Gross'),
  due: msg('Due from the patient'),
  notInBalance: msg('Not in the balance'),
  invoiceStatus: { draft: msg('Draft'), issued: msg('Issued'), balanced: msg('Balanced'), cancelled: msg('Cancelled'), 'entered-in-error': msg('Entered in error'), unknown: msg('Status not recorded') },
  coverage: (count) => msg(str`Active coverage (${count})`),
  noCoverage: (asOf) => msg(str`No coverage recorded as in force on ${asOf}.`),
  memberId: msg('Member id'),
  plan: msg('Plan'),
  relationship: msg('Relationship'),
  period: msg('Period'),
  visits: (count) => msg(str`Charges by visit (${count})`),
  visitButton: (date, lines) => msg(str`Visit of ${date}: ${lines} lines`),
  noVisitButton: (lines) => msg(str`No visit recorded: ${lines} lines`),
  lineItems: (visit) => msg(str`Line items: ${visit}`),
  chargeItems: (visit) => msg(str`Charge items: ${visit}`),
  service: msg('Service'),
  quantity: msg('Quantity'),
  priceNotRecorded: msg('Price not recorded here'),
  chargeItemStatus: { planned: msg('Planned'), billable: msg('Billable'), 'not-billable': msg('Not billable'), aborted: msg('Aborted'), billed: msg('Billed'), 'entered-in-error': msg('Entered in error'), unknown: msg('Status not recorded') },
  accounts: (count) => msg(str`Accounts (${count})`),
  accountStatus: { active: msg('Active'), inactive: msg('Inactive'), 'on-hold': msg('On hold'), 'entered-in-error': msg('Entered in error'), unknown: msg('Status not recorded') },
  name: msg('Name'),
  owner: msg('Owner'),
  description: msg('Description'),
});

/** The resource types `billingSummary` reads, whose changes reload the widget. */
const BILLING_TYPES: readonly ResourceType[] = ['Claim', 'ExplanationOfBenefit', 'ClaimResponse', 'Coverage', 'Account', 'Invoice', 'ChargeItem', 'Provenance'];

/** The `Organization/<id>` a reference points at, when it is a plain relative one. */
const organizationOf = (reference: Reference | undefined) => (reference?.reference !== undefined && /^Organization\/[A-Za-z0-9\-.]{1,64}$/.test(reference.reference) ? reference.reference : undefined);

/**
 * The names of the organisations the summary names by reference only (coverage payers, claim
 * insurers and payment payers), read from the store; one that cannot be read keeps its reference.
 */
async function organizationNames(store: ChartStore, summary: BillingSummary, signal: AbortSignal): Promise<Map<string, string>> {
  const references = new Set<string>();
  const note = (reference: Reference | undefined) => {
    const organization = reference?.display === undefined ? organizationOf(reference) : undefined;
    if (organization !== undefined) references.add(organization);
  };
  for (const coverage of summary.activeCoverage) coverage.payors.forEach(note);
  for (const claim of summary.claims) note(claim.insurer);
  for (const payment of summary.payments) note(payment.payer);
  const names = new Map<string, string>();
  await Promise.all(
    [...references].map(async (reference) => {
      try {
        const organization = await store.read('Organization', reference.slice('Organization/'.length), { signal });
        if (typeof organization.name === 'string' && organization.name.trim() !== '') names.set(reference, organization.name);
      } catch {
        // not in the store, or not readable: the reference is shown instead
      }
    }),
  );
  return names;
}

/**
 * @tagname cw-billing-summary
 * @summary A patient's financial summary, as `billingSummary` in `@chartwell/core` computes it:
 * for each currency recorded, the patient balance with the time it is as of, the charges, insurer
 * payments, patient payments, adjustments, invoiced and unbilled amounts (a table) and the balance
 * by age (0–30, 31–60, 61–90, over 90 days; a table). Amounts are exact and written with Intl in
 * their own currency; several currencies are shown side by side, never added together. Then the
 * claims with their status, adjudication outcome and denial reasons; preauthorizations and
 * predeterminations in their own table, labelled as estimates in words; insurer payments;
 * invoices; the coverage in force (payer, member id, plan, period); accounts; and the charges of
 * each visit, each expandable to its line items. Choosing a claim or an invoice fires
 * `cw-claim-select` or `cw-invoice-select`. With no financial record it says "No billing
 * records", never "nothing owed".
 *
 * @slot empty - Replaces the no-billing-records wording (never say "nothing owed" there).
 *
 * @csspart base - The widget, a labelled region.
 * @csspart heading - The widget's heading.
 * @csspart notice - A notice about the figures (several currencies, amounts without a currency).
 * @csspart currency - The figures of one currency.
 * @csspart balance - A currency's balance line, with its as-of time.
 * @csspart figures - A currency's table of figures.
 * @csspart aging - A currency's table of the balance by age.
 * @csspart section - Each section (claims, estimates, payments, invoices, coverage, accounts, visits).
 * @csspart table - Each table of a section.
 * @csspart claim - A claim's (or estimate's) button.
 * @csspart invoice - An invoice's button.
 * @csspart estimate - The "Estimate" marker.
 * @csspart visit - One visit of the per-visit breakdown.
 * @csspart toggle - A visit's disclosure button.
 * @csspart lines - A visit's expanded line items.
 * @csspart empty - The no-billing-records text.
 * @csspart icon - Each inline icon.
 * @csspart as-of - The "Data as of … · source" line (always; styled and announced as stale while the data may be out of date).
 * @csspart loading - The loading state.
 * @csspart error - The failure state.
 * @csspart retry - The button that loads the billing again.
 *
 * @cssproperty [--cw-billing-summary-balance-surface=var(--cw-color-surface, #f0f4f8)] - Background of a currency's balance line.
 * @cssproperty [--cw-billing-summary-estimate-text=var(--cw-color-warning-text, #6b4e00)] - Colour of the "Estimate" marker.
 * @cssproperty [--cw-billing-summary-rule=var(--cw-color-border-quiet, #d0d0d0)] - Colour of the table rules.
 *
 * @cssstate loading - The billing is loading.
 * @cssstate stale - The data shown may be out of date (offline with a remote store, or a refresh failed).
 * @cssstate error - It could not be read.
 * @cssstate restricted - Access was denied (nothing withheld is named).
 * @cssstate empty - No financial record is recorded.
 *
 * @fires {CwClaimSelectEvent} cw-claim-select - A claim or estimate was chosen; `detail.reference` is its `Claim/<id>` (or its EOB's or ClaimResponse's when the Claim is absent).
 * @fires {CwInvoiceSelectEvent} cw-invoice-select - An invoice was chosen; `detail.reference` is its `Invoice/<id>`.
 * @fires {CwErrorEvent} cw-error - The billing could not be read; `detail.outcome` is the OperationOutcome.
 * @fires {CwContextMismatchEvent} cw-context-mismatch - The store answered with another patient's records; nothing of them is shown.
 */
export class CwBillingSummary extends ChartDataElement<BillingSummaryData> {
  /** Styles (host rules, the shared data states, then the summary's own). */
  static override styles = [hostStyles, dataStateStyles, panelFrameStyles, billingSummaryStyles];

  /** Built-in strings to override, for translation; the rest keep their English defaults. */
  @property({ attribute: false }) i18n: Partial<BillingSummaryI18n> = {};

  /**
   * The "balance as of" instant (`2026-01-31T00:00:00Z`); records dated after it are left out.
   * Empty (the default): now, when the data is loaded.
   */
  @property({ attribute: 'as-of' }) asOf = '';

  /** Keys of the visits whose line items are expanded. */
  @state() private expanded: ReadonlySet<string> = new Set();

  private get strings(): BillingSummaryI18n {
    return { ...defaultI18n(), ...this.i18n };
  }

  protected override get dataStateI18n(): DataStateI18n {
    return this.strings;
  }

  protected override loadKey(): string {
    return this.asOf;
  }

  protected override async load({ store, patientId, options }: DataRequest): Promise<BillingSummaryData> {
    const asOf = this.asOf.trim();
    if (asOf !== '' && !Number.isFinite(Date.parse(asOf))) console.warn(`<${this.localName}>: as-of must be an instant such as 2026-01-31T00:00:00Z (got ${JSON.stringify(asOf)})`);
    const summary = await billingSummary(store, patientId, { ...options, ...(asOf !== '' && { asOf }) });
    return { summary, organizationNames: await organizationNames(store, summary, options.signal) };
  }

  protected override watchedTypes(): readonly ResourceType[] {
    return BILLING_TYPES;
  }

  protected override isEmpty({ summary }: BillingSummaryData): boolean {
    return summary.claims.length === 0 && summary.invoices.length === 0 && summary.chargeItems.length === 0 && summary.coverage.length === 0 && summary.accounts.length === 0;
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

  /** Money in its own currency (amounts without one as a plain number), in the widget's locale. */
  private money(amount: CurrencyAmount | undefined): string {
    if (amount === undefined) return this.strings.noAmount;
    return formatMoney({ value: amount.value, ...(amount.currency !== NO_CURRENCY && { currency: amount.currency }) }, { locale: this.effectiveLocale }) || this.strings.noAmount;
  }

  /** Per-currency amounts, each on its own line (never added together). */
  private amounts(amounts: readonly CurrencyAmount[]) {
    if (amounts.length === 0) return this.strings.noAmount;
    return amounts.map((amount, index) => html`${index > 0 ? html`<br />` : nothing}<span class="money" data-currency=${amount.currency}>${this.money(amount)}</span>`);
  }

  private when(value: string | undefined): string {
    return formatInstant(value, { locale: this.effectiveLocale, timeZone: this.effectiveTimeZone, style: 'clinical' });
  }

  private period(value: Parameters<typeof formatPeriod>[0]): string {
    return formatPeriod(value, { locale: this.effectiveLocale, timeZone: this.effectiveTimeZone, style: 'clinical' });
  }

  /** A payer or insurer: its display, else the name of the organisation it points at, else its identifier or reference. */
  private party(reference: Reference | undefined, names: ReadonlyMap<string, string>): string {
    if (reference === undefined) return this.strings.noAmount;
    const organization = organizationOf(reference);
    return reference.display ?? (organization !== undefined ? names.get(organization) : undefined) ?? reference.identifier?.value ?? reference.reference ?? this.strings.noAmount;
  }

  private currencyName(code: string): string {
    try {
      return new Intl.DisplayNames(this.effectiveLocale, { type: 'currency' }).of(code) ?? code;
    } catch {
      return code;
    }
  }

  protected override renderData(data: BillingSummaryData): unknown {
    const s = this.strings;
    const { summary } = data;
    if (this.isEmpty(data)) {
      return this.frame(html`<div part="empty" class="empty">
          <slot name="empty"><p class="empty-title">${notRecordedIcon()}<strong>${s.empty}</strong></p><p>${s.emptyHint}</p></slot>
        </div>
        ${this.renderAsOf()}`);
    }
    const claims = summary.claims.filter((claim) => !claim.estimate);
    const estimates = summary.claims.filter((claim) => claim.estimate);
    return this.frame(html`
      ${this.renderNotices(summary)}
      ${summary.figures.length === 0 ? html`<p class="no-figures">${s.noFigures}</p>` : summary.figures.map((figures) => this.renderCurrency(figures, summary.asOfText))}
      ${claims.length > 0 ? this.renderClaims(claims, data.organizationNames) : nothing}
      ${estimates.length > 0 ? this.renderEstimates(estimates, data.organizationNames) : nothing}
      ${summary.payments.length > 0 ? this.renderPayments(summary, data.organizationNames) : nothing}
      ${summary.invoices.length > 0 ? this.renderInvoices(summary.invoices) : nothing}
      ${this.renderCoverage(summary.activeCoverage, summary.asOfText, data.organizationNames)}
      ${summary.accounts.length > 0 ? this.renderAccounts(summary, data.organizationNames) : nothing}
      ${summary.visits.length > 0 ? this.renderVisits(summary) : nothing}
      ${this.renderAsOf()}
    `);
  }

  private renderNotices(summary: BillingSummary) {
    const s = this.strings;
    const codes = summary.figures.map((f) => f.currency).filter((code) => code !== NO_CURRENCY);
    return summary.notices.map(
      (notice) => html`<p part="notice" class="notice" data-code=${notice.code}>${notice.code === 'mixed-currencies' ? s.mixedCurrencies(codes.join(', ')) : s.noCurrency}</p>`,
    );
  }

  private renderCurrency(figures: CurrencyFigures, asOfText: string) {
    const s = this.strings;
    const code = figures.currency;
    const heading = code === NO_CURRENCY ? s.noCurrencyHeading : s.currencyHeading(this.currencyName(code), code);
    const label = code === NO_CURRENCY ? s.noCurrencyHeading : code;
    return html`<section part="currency" class="currency" data-currency=${code} aria-labelledby="currency-${code}">
      <h3 id="currency-${code}">${heading}</h3>
      <p part="balance" class="balance">${s.balance(figures.text.balance, asOfText)}</p>
      <div class="table-wrap">
        <table part="figures" class="figures">
          <caption>${s.figuresCaption(label)}</caption>
          <thead><tr><th scope="col">${s.figure}</th><th scope="col" class="num">${s.amount}</th></tr></thead>
          <tbody>
            ${FIGURE_ROWS.map(
              (figure) => html`<tr data-figure=${figure} class=${figure === 'balance' ? 'total' : figure === 'estimatedPatientResponsibility' ? 'estimated' : ''}>
                <th scope="row">${s.figures[figure]}</th>
                <td class="num">${figures.text[figure]}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <div class="table-wrap">
        <table part="aging" class="aging">
          <caption>${s.agingCaption(label)}</caption>
          <thead><tr>${figures.aging.map((bucket) => html`<th scope="col" class="num">${s.agingBuckets[bucket.bucket]}</th>`)}</tr></thead>
          <tbody><tr>${figures.aging.map((bucket) => html`<td class="num" data-bucket=${bucket.bucket}>${this.money(bucket.amount)}</td>`)}</tr></tbody>
        </table>
      </div>
    </section>`;
  }

  private selectClaim(claim: ClaimItem): void {
    const type = claim.claimId !== undefined ? 'Claim' : claim.explanationOfBenefitIds.includes(claim.id) ? 'ExplanationOfBenefit' : 'ClaimResponse';
    this.dispatchEvent(
      new CwClaimSelectEvent({
        reference: `${type}/${claim.id}`,
        patientId: this.patientId ?? '',
        adjudications: [...claim.explanationOfBenefitIds.map((id) => `ExplanationOfBenefit/${id}`), ...claim.claimResponseIds.map((id) => `ClaimResponse/${id}`)],
        estimate: claim.estimate,
      }),
    );
  }

  private selectInvoice(invoice: InvoiceSummary): void {
    this.dispatchEvent(new CwInvoiceSelectEvent({ reference: `Invoice/${invoice.id}`, patientId: this.patientId ?? '', ...(invoice.accountId !== undefined && { account: `Account/${invoice.accountId}` }) }));
  }

  private claimDate(claim: ClaimItem): string {
    return this.when(claim.billablePeriod?.start ?? claim.created);
  }

  private reasons(claim: ClaimItem) {
    const s = this.strings;
    const reasons = [...new Set(claim.denialReasons.map((reason) => formatCodeableConcept(reason)).filter((text) => text !== ''))];
    return reasons.length === 0 ? s.noReasons : html`<ul class="reasons">${reasons.map((reason) => html`<li>${reason}</li>`)}</ul>`;
  }

  private section(key: string, heading: string, body: unknown) {
    return html`<section part="section" class="section section-${key}" aria-labelledby="section-${key}">
      <h3 id="section-${key}">${heading}</h3>
      ${body}
    </section>`;
  }

  private renderClaims(claims: readonly ClaimItem[], names: ReadonlyMap<string, string>) {
    const s = this.strings;
    const heading = s.claims(claims.length);
    return this.section(
      'claims',
      heading,
      html`<div class="table-wrap">
        <table part="table" class="claims">
          <caption class="visually-hidden">${heading}</caption>
          <thead>
            <tr>
              <th scope="col">${s.claim}</th><th scope="col">${s.type}</th><th scope="col">${s.status}</th><th scope="col">${s.outcome}</th><th scope="col">${s.insurer}</th>
              <th scope="col" class="num">${s.charged}</th><th scope="col" class="num">${s.insurerPaid}</th><th scope="col" class="num">${s.patientShare}</th><th scope="col">${s.denialReasons}</th>
            </tr>
          </thead>
          <tbody>
            ${claims.map(
              (claim) => html`<tr data-claim=${claim.id} data-state=${claim.state}>
                <th scope="row"><button type="button" part="claim" class="link" @click=${() => this.selectClaim(claim)}>${s.claimButton(this.claimDate(claim))}</button></th>
                <td class="type">${formatCodeableConcept(claim.type) || s.noAmount}</td>
                <td class="status"><span class="state state-${claim.state}">${s.claimStates[claim.state]}</span></td>
                <td class="outcome">${s.outcomes[claim.outcome ?? 'none'] ?? claim.outcome}</td>
                <td class="insurer">${this.party(claim.insurer, names)}</td>
                <td class="num charged">${this.amounts(claim.charged)}</td>
                <td class="num payer-paid">${this.amounts(claim.payerPaid)}</td>
                <td class="num patient-share">${this.amounts(claim.patientResponsibility)}</td>
                <td class="reasons-cell">${this.reasons(claim)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>`,
    );
  }

  private renderEstimates(estimates: readonly ClaimItem[], names: ReadonlyMap<string, string>) {
    const s = this.strings;
    const heading = s.estimates(estimates.length);
    return this.section(
      'estimates',
      heading,
      html`<p class="estimates-note">${s.estimatesNote}</p>
        <div class="table-wrap">
          <table part="table" class="estimates">
            <caption class="visually-hidden">${heading}</caption>
            <thead>
              <tr>
                <th scope="col">${s.claim}</th><th scope="col">${s.status}</th><th scope="col">${s.insurer}</th><th scope="col" class="num">${s.charged}</th>
                <th scope="col" class="num">${s.estimatedInsurerPayment}</th><th scope="col" class="num">${s.estimatedPatientShare}</th><th scope="col">${s.denialReasons}</th>
              </tr>
            </thead>
            <tbody>
              ${estimates.map((claim) => {
                const kind = s.estimateKind[claim.use === 'predetermination' ? 'predetermination' : 'preauthorization'];
                return html`<tr data-claim=${claim.id} data-state=${claim.state}>
                  <th scope="row">
                    <span part="estimate" class="estimate-marker">${s.estimate}</span>
                    <button type="button" part="claim" class="link" @click=${() => this.selectClaim(claim)}>${s.estimateButton(kind, this.claimDate(claim))}</button>
                  </th>
                  <td class="status">${s.claimStates[claim.state]}</td>
                  <td class="insurer">${this.party(claim.insurer, names)}</td>
                  <td class="num charged">${this.amounts(claim.charged)}</td>
                  <td class="num payer-paid">${this.amounts(claim.payerPaid)}</td>
                  <td class="num patient-share">${this.amounts(claim.patientResponsibility)}</td>
                  <td class="reasons-cell">${this.reasons(claim)}</td>
                </tr>`;
              })}
            </tbody>
          </table>
        </div>`,
    );
  }

  private renderPayments(summary: BillingSummary, names: ReadonlyMap<string, string>) {
    const s = this.strings;
    const heading = s.payments(summary.payments.length);
    return this.section(
      'payments',
      heading,
      html`<div class="table-wrap">
        <table part="table" class="payments">
          <caption class="visually-hidden">${heading}</caption>
          <thead>
            <tr><th scope="col">${s.date}</th><th scope="col">${s.payer}</th><th scope="col" class="num">${s.paid}</th><th scope="col" class="num">${s.adjustment}</th><th scope="col">${s.adjustmentReason}</th></tr>
          </thead>
          <tbody>
            ${summary.payments.map(
              (payment) => html`<tr data-claim=${payment.claimId}>
                <th scope="row">${this.when(payment.date)}</th>
                <td>${this.party(payment.payer, names)}</td>
                <td class="num paid">${this.money(payment.amount)}</td>
                <td class="num adjustment">${this.money(payment.adjustment)}</td>
                <td>${payment.adjustmentReason !== undefined ? formatCodeableConcept(payment.adjustmentReason) || s.noAmount : s.noAmount}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>`,
    );
  }

  private renderInvoices(invoices: readonly InvoiceSummary[]) {
    const s = this.strings;
    const heading = s.invoices(invoices.length);
    return this.section(
      'invoices',
      heading,
      html`<div class="table-wrap">
        <table part="table" class="invoices">
          <caption class="visually-hidden">${heading}</caption>
          <thead>
            <tr><th scope="col">${s.invoice}</th><th scope="col">${s.status}</th><th scope="col" class="num">${s.net}</th><th scope="col" class="num">${s.gross}</th><th scope="col" class="num">${s.due}</th></tr>
          </thead>
          <tbody>
            ${invoices.map(
              (invoice) => html`<tr data-invoice=${invoice.id}>
                <th scope="row"><button type="button" part="invoice" class="link" @click=${() => this.selectInvoice(invoice)}>${s.invoiceButton(this.when(invoice.date))}</button></th>
                <td class="status">${s.invoiceStatus[invoice.status] ?? invoice.status}</td>
                <td class="num net">${this.money(invoice.totalNet)}</td>
                <td class="num gross">${this.money(invoice.totalGross)}</td>
                <td class="num due">${invoice.outstanding !== undefined ? this.money(invoice.outstanding) : s.notInBalance}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>`,
    );
  }

  private plan(coverage: CoverageSummary): string {
    return coverage.classes
      .filter((c) => c.type === 'plan' || c.type === 'group')
      .map((c) => [c.name, c.value].filter((part) => part !== undefined && part !== '').join(' · '))
      .filter((text) => text !== '')
      .join('; ');
  }

  private renderCoverage(active: readonly CoverageSummary[], asOfText: string, names: ReadonlyMap<string, string>) {
    const s = this.strings;
    const heading = s.coverage(active.length);
    if (active.length === 0) return this.section('coverage', heading, html`<p class="no-coverage">${s.noCoverage(asOfText)}</p>`);
    return this.section(
      'coverage',
      heading,
      html`<div class="table-wrap">
        <table part="table" class="coverage">
          <caption class="visually-hidden">${heading}</caption>
          <thead>
            <tr><th scope="col">${s.payer}</th><th scope="col">${s.memberId}</th><th scope="col">${s.plan}</th><th scope="col">${s.type}</th><th scope="col">${s.relationship}</th><th scope="col">${s.period}</th></tr>
          </thead>
          <tbody>
            ${active.map(
              (coverage) => html`<tr data-coverage=${coverage.id}>
                <th scope="row" class="payer">${coverage.payors.length === 0 ? s.noAmount : coverage.payors.map((payor) => this.party(payor, names)).join('; ')}</th>
                <td class="member-id">${coverage.subscriberId ?? s.noAmount}</td>
                <td class="plan">${this.plan(coverage) || s.noAmount}</td>
                <td>${formatCodeableConcept(coverage.type) || s.noAmount}</td>
                <td>${formatCodeableConcept(coverage.relationship) || s.noAmount}</td>
                <td class="period">${this.period(coverage.period)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>`,
    );
  }

  private renderAccounts(summary: BillingSummary, names: ReadonlyMap<string, string>) {
    const s = this.strings;
    const heading = s.accounts(summary.accounts.length);
    return this.section(
      'accounts',
      heading,
      html`<div class="table-wrap">
        <table part="table" class="accounts">
          <caption class="visually-hidden">${heading}</caption>
          <thead>
            <tr><th scope="col">${s.name}</th><th scope="col">${s.status}</th><th scope="col">${s.period}</th><th scope="col">${s.owner}</th><th scope="col">${s.description}</th></tr>
          </thead>
          <tbody>
            ${summary.accounts.map(
              (account) => html`<tr data-account=${account.id}>
                <th scope="row">${account.name ?? (formatCodeableConcept(account.type) || s.noAmount)}</th>
                <td>${s.accountStatus[account.status] ?? account.status}</td>
                <td>${this.period(account.servicePeriod)}</td>
                <td>${account.owner !== undefined ? this.party(account.owner, names) : s.noAmount}</td>
                <td>${account.description ?? s.noAmount}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>`,
    );
  }

  private toggleVisit(key: string): void {
    const next = new Set(this.expanded);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    this.expanded = next;
  }

  private renderVisits(summary: BillingSummary) {
    const s = this.strings;
    return this.section('visits', s.visits(summary.visits.length), html`<ul class="visits">${summary.visits.map((visit, index) => this.renderVisit(summary, visit, index))}</ul>`);
  }

  private renderVisit(summary: BillingSummary, visit: VisitBilling, index: number) {
    const s = this.strings;
    const key = visit.encounterId ?? '';
    const open = this.expanded.has(key);
    const count = visit.lines.length + visit.chargeItemIds.length;
    const chargeItems = summary.chargeItems.filter((item) => visit.chargeItemIds.includes(item.id));
    // a visit of charge items only takes its date from them
    const date = visit.serviceDate ?? chargeItems.map((item) => item.occurrence).filter((when): when is string => when !== undefined).sort()[0];
    const name = visit.encounterId === undefined ? s.noVisitButton(count) : s.visitButton(this.when(date), count);
    const claimsById = new Map(summary.claims.map((claim) => [claim.id, claim]));
    return html`<li part="visit" class="visit" data-encounter=${key}>
      <div class="visit-header">
        <button type="button" part="toggle" class="toggle" aria-expanded=${open ? 'true' : 'false'} aria-controls="visit-${index}" @click=${() => this.toggleVisit(key)}>${name}</button>
        <dl class="visit-figures">
          <div><dt>${s.charged}</dt><dd class="charged">${this.amounts(visit.charged)}</dd></div>
          <div><dt>${s.insurerPaid}</dt><dd class="payer-paid">${this.amounts(visit.payerPaid)}</dd></div>
          <div><dt>${s.patientShare}</dt><dd class="patient-share">${this.amounts(visit.patientResponsibility)}</dd></div>
        </dl>
      </div>
      <div part="lines" class="lines" id="visit-${index}" ?hidden=${!open}>
        ${open
          ? html`${visit.lines.length > 0
              ? html`<div class="table-wrap">
                  <table part="table" class="line-items">
                    <caption>${s.lineItems(name)}</caption>
                    <thead>
                      <tr><th scope="col">${s.service}</th><th scope="col">${s.date}</th><th scope="col">${s.status}</th><th scope="col" class="num">${s.charged}</th><th scope="col" class="num">${s.insurerPaid}</th><th scope="col" class="num">${s.patientShare}</th></tr>
                    </thead>
                    <tbody>
                      ${visit.lines.map((line) => {
                        const claim = claimsById.get(line.claimId);
                        return html`<tr data-claim=${line.claimId} data-sequence=${line.sequence ?? ''}>
                          <th scope="row" class="service">${formatCodeableConcept(line.service) || s.noAmount}${line.estimate ? html` <span part="estimate" class="estimate-marker">${s.estimate}</span>` : nothing}</th>
                          <td>${this.when(line.serviced)}</td>
                          <td>${claim !== undefined ? s.claimStates[claim.state] : s.noAmount}</td>
                          <td class="num net">${this.money(line.net)}</td>
                          <td class="num payer-paid">${this.amounts(line.payerPaid)}</td>
                          <td class="num patient-share">${this.amounts(line.patientResponsibility)}</td>
                        </tr>`;
                      })}
                    </tbody>
                  </table>
                </div>`
              : nothing}
            ${chargeItems.length > 0
              ? html`<div class="table-wrap">
                  <table part="table" class="charge-items">
                    <caption>${s.chargeItems(name)}</caption>
                    <thead>
                      <tr><th scope="col">${s.service}</th><th scope="col">${s.date}</th><th scope="col">${s.status}</th><th scope="col" class="num">${s.quantity}</th><th scope="col" class="num">${s.amount}</th></tr>
                    </thead>
                    <tbody>
                      ${chargeItems.map(
                        (item) => html`<tr data-charge-item=${item.id}>
                          <th scope="row" class="service">${formatCodeableConcept(item.code) || s.noAmount}</th>
                          <td>${this.when(item.occurrence)}</td>
                          <td>${s.chargeItemStatus[item.status] ?? item.status}</td>
                          <td class="num">${item.quantity ?? s.noAmount}</td>
                          <td class="num amount">${item.amount !== undefined ? this.money(item.amount) : s.priceNotRecorded}</td>
                        </tr>`,
                      )}
                    </tbody>
                  </table>
                </div>`
              : nothing}`
          : nothing}
      </div>
    </li>`;
  }
}
