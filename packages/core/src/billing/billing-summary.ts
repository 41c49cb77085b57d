import type { Account, ChargeItem, Claim, ClaimResponse, CodeableConcept, Coverage, ExplanationOfBenefit, Invoice, Period, Reference, Resource } from '@chartwell/fhir';
import { searchAllPages } from '../search/all-pages.js';
import { normalizeReference } from '../search/values.js';
import type { ChartStore } from '../store/chart-store.js';
import { InvalidError } from '../store/errors.js';
import { formatInstant } from '../format/instant.js';
import { formatMoney } from '../format/money.js';
import { itemSource, loadSourceIndex, type ItemSource } from '../views/item-source.js';
import { resolveViewOptions, type ViewOptions } from '../views/view-options.js';
import { AGING_BUCKETS, agingBucket, daysOutstanding, type AgingBucket } from './aging.js';
import { summarizeClaim, type BillingLine, type ClaimSummary } from './claim-summary.js';
import { timeSpan } from './fhir-time.js';
import { amountIn, moneyFrom, NO_CURRENCY, sumByCurrency, type CurrencyAmount } from './money.js';

/** Options of {@link billingSummary}: the view options (locale and time zone of the display strings, store name), plus: */
export interface BillingSummaryOptions extends Omit<ViewOptions, 'asOf'> {
  /** The "balance as of" time (an instant, or a Date); default now. Records dated after it are left out. */
  readonly asOf?: string | Date;
  /** The currency of amounts recorded without one (default `XXX`, "no currency", kept apart from every real currency). */
  readonly defaultCurrency?: string;
}

/** The patient's figures in one currency. Every figure is exact; none mixes currencies. */
export interface CurrencyFigures {
  readonly currency: string;
  /** Charged on submitted claims (not drafts, estimates, cancelled or entered-in-error). */
  readonly charged: CurrencyAmount;
  /** Charged on claims still awaiting adjudication. */
  readonly pending: CurrencyAmount;
  readonly payerPaid: CurrencyAmount;
  /** The patient's share on adjudicated claims (copay, deductible, coinsurance). */
  readonly patientResponsibility: CurrencyAmount;
  readonly patientPaid: CurrencyAmount;
  /** Payer payment adjustments. */
  readonly adjustments: CurrencyAmount;
  /** Issued invoices addressed to the patient, not yet balanced. */
  readonly invoiced: CurrencyAmount;
  /** Billable charge items not yet billed. */
  readonly unbilled: CurrencyAmount;
  /** What the patient owes: patient responsibility − patient paid + invoiced. */
  readonly balance: CurrencyAmount;
  /** The balance by age: 0–30, 31–60, 61–90, 90+ days. */
  readonly aging: readonly { readonly bucket: AgingBucket; readonly amount: CurrencyAmount }[];
  /** The patient's share on preauthorizations and predeterminations: an estimate, never in the balance. */
  readonly estimatedPatientResponsibility: CurrencyAmount;
  /** Each figure written with Intl in the view's locale, in its currency (negatives in parentheses where the locale's accounting style has them). */
  readonly text: Readonly<Record<MoneyFigure, string>>;
}

/** The names of the money figures of {@link CurrencyFigures}. */
export type MoneyFigure = 'charged' | 'pending' | 'payerPaid' | 'patientResponsibility' | 'patientPaid' | 'adjustments' | 'invoiced' | 'unbilled' | 'balance' | 'estimatedPatientResponsibility';

/** A claim in the summary, with the source of its record. */
export interface ClaimItem extends ClaimSummary {
  readonly source: ItemSource;
}

/** A Coverage of the patient. */
export interface CoverageSummary {
  readonly id: string;
  readonly status: NonNullable<Coverage['status']> | 'unknown';
  /** In force at the "as of" time: status `active` and the period (if any) covering it. */
  readonly active: boolean;
  readonly type?: CodeableConcept;
  readonly payors: readonly Reference[];
  readonly subscriberId?: string;
  readonly relationship?: CodeableConcept;
  readonly period?: Period;
  /** Group, plan, ... as recorded: `{ type: 'group', value: 'CB135', name }`. */
  readonly classes: readonly { readonly type: string; readonly value?: string; readonly name?: string }[];
  readonly order?: number;
  readonly source: ItemSource;
}

/** An Invoice of the patient. Its amounts are exact; `outstanding` is what it adds to the balance. */
export interface InvoiceSummary {
  readonly id: string;
  readonly status: NonNullable<Invoice['status']> | 'unknown';
  readonly date?: string;
  readonly totalNet?: CurrencyAmount;
  readonly totalGross?: CurrencyAmount;
  /** For an issued invoice to the patient: what is due (the gross total, after discounts and with tax; else the net total). */
  readonly outstanding?: CurrencyAmount;
  readonly recipient?: Reference;
  readonly accountId?: string;
  readonly lineCount: number;
  readonly cancelledReason?: string;
  readonly source: ItemSource;
}

/** A ChargeItem of the patient. */
export interface ChargeItemSummary {
  readonly id: string;
  readonly status: NonNullable<ChargeItem['status']> | 'unknown';
  readonly code: CodeableConcept;
  readonly occurrence?: string;
  readonly quantity?: number;
  /** `priceOverride`: the item's total price when set; otherwise the price lives in a definition Chartwell does not resolve. */
  readonly amount?: CurrencyAmount;
  readonly encounterId?: string;
  readonly accountIds: readonly string[];
  readonly source: ItemSource;
}

/** An Account of the patient. */
export interface AccountSummary {
  readonly id: string;
  readonly status: NonNullable<Account['status']> | 'unknown';
  readonly name?: string;
  readonly type?: CodeableConcept;
  readonly servicePeriod?: Period;
  readonly owner?: Reference;
  readonly description?: string;
  /** The coverages billed, by priority. */
  readonly coverage: readonly Reference[];
  readonly source: ItemSource;
}

/** A payer payment (EOB or ClaimResponse `payment`). */
export interface PaymentSummary {
  readonly claimId: string;
  readonly date?: string;
  readonly amount?: CurrencyAmount;
  readonly adjustment?: CurrencyAmount;
  readonly adjustmentReason?: CodeableConcept;
  readonly payer?: Reference;
}

/** One visit's billing: its claim lines and charge items, and their figures per currency. */
export interface VisitBilling {
  /** The Encounter id; undefined groups lines that name no visit. */
  readonly encounterId?: string;
  /** The earliest service date recorded on its lines. */
  readonly serviceDate?: string;
  readonly claimIds: readonly string[];
  readonly lines: readonly (BillingLine & { readonly claimId: string; readonly estimate: boolean })[];
  readonly chargeItemIds: readonly string[];
  /** The net of its (non-estimate) claim lines, per currency. */
  readonly charged: readonly CurrencyAmount[];
  readonly payerPaid: readonly CurrencyAmount[];
  readonly patientResponsibility: readonly CurrencyAmount[];
}

/** Something a reader of the figures must know. */
export interface BillingNotice {
  readonly code: 'mixed-currencies' | 'no-currency';
  readonly message: string;
}

/** A patient's financial summary: figures per currency as of a time, claims, visits, coverage. */
export interface BillingSummary {
  readonly patientId: string;
  /** The "balance as of" instant (UTC ISO). */
  readonly asOf: string;
  /** `asOf` in the view's locale, zone and date style: "Balance as of …". */
  readonly asOfText: string;
  /** One entry per currency found, sorted by code. Empty when the patient has no financial records. */
  readonly figures: readonly CurrencyFigures[];
  readonly claims: readonly ClaimItem[];
  readonly visits: readonly VisitBilling[];
  readonly payments: readonly PaymentSummary[];
  readonly coverage: readonly CoverageSummary[];
  /** The coverages in force at `asOf`, by `order`. */
  readonly activeCoverage: readonly CoverageSummary[];
  readonly accounts: readonly AccountSummary[];
  readonly invoices: readonly InvoiceSummary[];
  readonly chargeItems: readonly ChargeItemSummary[];
  readonly notices: readonly BillingNotice[];
}

function patientIdOf(patientId: string): string {
  const id = typeof patientId === 'string' ? patientId.replace(/^Patient\//, '') : '';
  if (!/^[A-Za-z0-9\-.]{1,64}$/.test(id)) throw new InvalidError({ resourceType: 'Patient', path: 'patientId' }, `patientId must be a Patient id or Patient/<id> (got ${JSON.stringify(patientId)})`);
  return id;
}

function asOfMillis(asOf: string | Date | undefined): number {
  if (asOf === undefined) return Date.now();
  const ms = asOf instanceof Date ? asOf.getTime() : timeSpan(asOf)?.start;
  if (ms === undefined || !Number.isFinite(ms)) throw new InvalidError({ path: 'asOf' }, `asOf must be an instant such as 2026-01-31T00:00:00Z (got ${String(asOf)})`);
  return ms;
}

const idOf = (reference: Reference | undefined, type: string): string | undefined => {
  const normal = reference?.reference === undefined ? undefined : normalizeReference(reference.reference);
  return normal?.startsWith(`${type}/`) ? normal.slice(type.length + 1) : undefined;
};

/** Whether a record dated `text` existed at `asOf` (undated records count as existing). */
const existedAt = (text: string | undefined, asOf: number) => {
  const span = timeSpan(text);
  return span === undefined || span.start <= asOf;
};

/**
 * The patient's financial summary from Claim, ExplanationOfBenefit, ClaimResponse, Invoice,
 * ChargeItem, Coverage and Account, as of a time. All money is exact decimal arithmetic in the
 * record's currency, never summed across currencies (each currency gets its own figures).
 *
 * - Each claim is joined with its EOB (by `claim`) or ClaimResponse (by `request`); the EOB wins
 *   when both exist. Its state (pending, adjudicated, partial, denied, error, draft, cancelled,
 *   entered-in-error), denial reasons and lines with adjudications are kept.
 * - Balance = patient responsibility − patient paid on final claims + issued invoices to the
 *   patient. Line nets, not list prices. Preauthorizations and predeterminations are estimates,
 *   reported apart (`estimatedPatientResponsibility`) and never in the balance; drafts, cancelled
 *   and entered-in-error records count nowhere.
 * - Aging buckets the balance by days from adjudication (or invoice date) to `asOf`.
 * - Records created after `asOf` are left out, so a past "as of" gives the balance then.
 *
 * @example
 * const summary = await billingSummary(store, 'Patient/123', { asOf: '2026-01-31T00:00:00Z' });
 * summary.figures.map((f) => `${f.currency} ${f.balance.value.toString()}`);
 */
export async function billingSummary(store: ChartStore, patientId: string, options: BillingSummaryOptions = {}): Promise<BillingSummary> {
  const id = patientIdOf(patientId);
  const asOf = asOfMillis(options.asOf);
  const currency = options.defaultCurrency?.trim().toUpperCase() || NO_CURRENCY;
  const patient = `Patient/${id}`;
  const { asOf: _asOf, ...viewOptions } = options;
  const resolved = resolveViewOptions(viewOptions);
  const call = resolved.signal ? { signal: resolved.signal } : {};
  const [claimsAll, eobsAll, responsesAll, coveragesAll, accountsAll, invoicesAll, chargeItemsAll] = await Promise.all([
    searchAllPages(store, 'Claim', { patient }, call),
    searchAllPages(store, 'ExplanationOfBenefit', { patient }, call),
    searchAllPages(store, 'ClaimResponse', { patient }, call),
    searchAllPages(store, 'Coverage', { patient }, call),
    searchAllPages(store, 'Account', { patient }, call),
    searchAllPages(store, 'Invoice', { patient }, call),
    searchAllPages(store, 'ChargeItem', { patient }, call),
  ]);
  const sources = await loadSourceIndex(store, patient, resolved, [...claimsAll, ...eobsAll, ...responsesAll, ...coveragesAll, ...accountsAll, ...invoicesAll, ...chargeItemsAll]);
  const sourceOf = (resource: Resource) => itemSource(resource, sources, resolved);
  const money = (amount: CurrencyAmount) => formatMoney({ value: amount.value, ...(amount.currency !== NO_CURRENCY && { currency: amount.currency }) }, { locale: resolved.locale });
  const claims = claimsAll.filter((c) => existedAt(c.created, asOf));
  const eobs = eobsAll.filter((e) => existedAt(e.created, asOf));
  const responses = responsesAll.filter((r) => existedAt(r.created, asOf));
  const invoices = invoicesAll.filter((i) => existedAt(i.date, asOf));
  const chargeItems = chargeItemsAll.filter((c) => existedAt(c.enteredDate ?? c.occurrenceDateTime, asOf));

  const summaries = joinClaims(claims, eobs, responses, currency).map(({ summary, record }) => ({ ...summary, source: sourceOf(record) }));
  const invoiceSummaries = invoices.map((invoice) => ({ ...summarizeInvoice(invoice, id, currency), source: sourceOf(invoice) })).sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || a.id.localeCompare(b.id));
  const chargeSummaries = chargeItems.map((item) => ({ ...summarizeChargeItem(item, currency), source: sourceOf(item) })).sort((a, b) => (b.occurrence ?? '').localeCompare(a.occurrence ?? '') || a.id.localeCompare(b.id));

  const final = summaries.filter((s) => !s.estimate && (s.state === 'adjudicated' || s.state === 'partial' || s.state === 'denied'));
  const submitted = summaries.filter((s) => !s.estimate && s.state !== 'draft' && s.state !== 'cancelled' && s.state !== 'entered-in-error');
  const pending = submitted.filter((s) => s.state === 'pending' || s.state === 'error');
  const estimates = summaries.filter((s) => s.estimate && s.state !== 'cancelled' && s.state !== 'entered-in-error' && s.state !== 'draft');

  // What goes into the balance, each with the date its age counts from.
  const owed: { readonly amount: CurrencyAmount; readonly since: number }[] = [];
  for (const s of final) {
    const since = timeSpan(s.adjudicated ?? s.created)?.start ?? asOf;
    for (const amount of s.patientOwes) owed.push({ amount, since });
  }
  for (const invoice of invoiceSummaries) {
    if (invoice.outstanding !== undefined) owed.push({ amount: invoice.outstanding, since: timeSpan(invoice.date)?.start ?? asOf });
  }

  const charged = sumByCurrency(submitted.flatMap((s) => s.charged));
  const pendingTotals = sumByCurrency(pending.flatMap((s) => s.charged));
  const payerPaid = sumByCurrency(final.flatMap((s) => s.payerPaid));
  const patientResponsibility = sumByCurrency(final.flatMap((s) => s.patientResponsibility));
  const patientPaid = sumByCurrency(final.flatMap((s) => s.patientPaid));
  const adjustments = sumByCurrency(final.flatMap((s) => s.adjustments.map((a) => a.amount)));
  const invoiced = sumByCurrency(invoiceSummaries.map((i) => i.outstanding));
  const unbilled = sumByCurrency(chargeSummaries.filter((c) => c.status === 'billable').map((c) => c.amount));
  const estimated = sumByCurrency(estimates.flatMap((s) => s.patientResponsibility));
  const balance = sumByCurrency(owed.map((o) => o.amount));

  const currencies = [...new Set([charged, pendingTotals, payerPaid, patientResponsibility, patientPaid, adjustments, invoiced, unbilled, estimated, balance].flat().map((m) => m.currency))].sort();
  const pick = (totals: readonly CurrencyAmount[], code: string): CurrencyAmount => amountIn(totals, code);
  const figures: CurrencyFigures[] = currencies.map((code) => ({
    currency: code,
    charged: pick(charged, code),
    pending: pick(pendingTotals, code),
    payerPaid: pick(payerPaid, code),
    patientResponsibility: pick(patientResponsibility, code),
    patientPaid: pick(patientPaid, code),
    adjustments: pick(adjustments, code),
    invoiced: pick(invoiced, code),
    unbilled: pick(unbilled, code),
    balance: pick(balance, code),
    aging: AGING_BUCKETS.map((bucket) => ({ bucket, amount: pick(sumByCurrency(owed.filter((o) => o.amount.currency === code && agingBucket(daysOutstanding(o.since, asOf)) === bucket).map((o) => o.amount)), code) })),
    estimatedPatientResponsibility: pick(estimated, code),
  })).map((f) => ({
    ...f,
    text: {
      charged: money(f.charged),
      pending: money(f.pending),
      payerPaid: money(f.payerPaid),
      patientResponsibility: money(f.patientResponsibility),
      patientPaid: money(f.patientPaid),
      adjustments: money(f.adjustments),
      invoiced: money(f.invoiced),
      unbilled: money(f.unbilled),
      balance: money(f.balance),
      estimatedPatientResponsibility: money(f.estimatedPatientResponsibility),
    },
  }));

  const coverage = coveragesAll.map((c) => ({ ...summarizeCoverage(c, asOf), source: sourceOf(c) })).sort((a, b) => (a.order ?? Number.MAX_SAFE_INTEGER) - (b.order ?? Number.MAX_SAFE_INTEGER) || a.id.localeCompare(b.id));
  const notices: BillingNotice[] = [];
  if (currencies.filter((c) => c !== NO_CURRENCY).length > 1) notices.push({ code: 'mixed-currencies', message: `Amounts are recorded in ${currencies.join(', ')}: each currency has its own figures, never added together` });
  if (currencies.includes(NO_CURRENCY)) notices.push({ code: 'no-currency', message: 'Some amounts were recorded without a currency; they are shown under XXX and not added to any currency' });

  return {
    patientId: id,
    asOf: new Date(asOf).toISOString(),
    asOfText: formatInstant(new Date(asOf).toISOString(), { locale: resolved.locale, timeZone: resolved.timeZone, style: resolved.dateStyle, timeStyle: resolved.timeStyle }),
    figures,
    claims: summaries,
    visits: visitsOf(summaries, chargeSummaries),
    payments: final.filter((s) => s.payment !== undefined || s.adjustments.length > 0).map((s) => paymentOf(s)).sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '')),
    coverage,
    activeCoverage: coverage.filter((c) => c.active),
    accounts: accountsAll.map((a) => ({ ...summarizeAccount(a), source: sourceOf(a) })).sort((a, b) => a.id.localeCompare(b.id)),
    invoices: invoiceSummaries,
    chargeItems: chargeSummaries,
    notices,
  };
}

function joinClaims(claims: readonly Claim[], eobs: readonly ExplanationOfBenefit[], responses: readonly ClaimResponse[], currency: string): { summary: ClaimSummary; record: Resource }[] {
  const usedEobs = new Set<ExplanationOfBenefit>();
  const usedResponses = new Set<ClaimResponse>();
  const summaries: { summary: ClaimSummary; record: Resource }[] = [];
  for (const claim of claims) {
    const claimEobs = eobs.filter((e) => claim.id !== undefined && idOf(e.claim, 'Claim') === claim.id);
    const responseIds = new Set(claimEobs.map((e) => idOf(e.claimResponse, 'ClaimResponse')).filter((r) => r !== undefined));
    const claimResponses = responses.filter((r) => (claim.id !== undefined && idOf(r.request, 'Claim') === claim.id) || (r.id !== undefined && responseIds.has(r.id)));
    claimEobs.forEach((e) => usedEobs.add(e));
    claimResponses.forEach((r) => usedResponses.add(r));
    summaries.push({ summary: summarizeClaim(claim, claimEobs, claimResponses, currency), record: claim });
  }
  for (const eob of eobs) {
    if (usedEobs.has(eob)) continue;
    const eobResponses = responses.filter((r) => !usedResponses.has(r) && r.id !== undefined && idOf(eob.claimResponse, 'ClaimResponse') === r.id);
    eobResponses.forEach((r) => usedResponses.add(r));
    summaries.push({ summary: summarizeClaim(undefined, [eob], eobResponses, currency), record: eob });
  }
  for (const response of responses) {
    if (!usedResponses.has(response)) summaries.push({ summary: summarizeClaim(undefined, [], [response], currency), record: response });
  }
  const when = (s: ClaimSummary) => s.billablePeriod?.start ?? s.created ?? '';
  return summaries.sort((a, b) => when(b.summary).localeCompare(when(a.summary)) || a.summary.id.localeCompare(b.summary.id));
}

function visitsOf(claims: readonly ClaimSummary[], chargeItems: readonly ChargeItemSummary[]): VisitBilling[] {
  const visits = new Map<string, { claimIds: Set<string>; lines: (BillingLine & { claimId: string; estimate: boolean })[]; chargeItemIds: string[] }>();
  const visit = (key: string) => {
    let found = visits.get(key);
    if (found === undefined) visits.set(key, (found = { claimIds: new Set(), lines: [], chargeItemIds: [] }));
    return found;
  };
  for (const claim of claims) {
    if (claim.state === 'entered-in-error' || claim.state === 'cancelled') continue;
    for (const line of claim.lines) {
      const keys = line.encounterIds.length > 0 ? line.encounterIds : [''];
      for (const key of keys) {
        const v = visit(key);
        v.claimIds.add(claim.id);
        v.lines.push({ ...line, claimId: claim.id, estimate: claim.estimate });
      }
    }
  }
  for (const item of chargeItems) {
    if (item.status === 'entered-in-error') continue;
    visit(item.encounterId ?? '').chargeItemIds.push(item.id);
  }
  return [...visits.entries()]
    .map(([key, v]) => {
      const actual = v.lines.filter((l) => !l.estimate);
      const serviceDate = v.lines.map((l) => l.serviced).filter((d): d is string => d !== undefined).sort()[0];
      return {
        ...(key !== '' && { encounterId: key }),
        ...(serviceDate !== undefined && { serviceDate }),
        claimIds: [...v.claimIds],
        lines: v.lines,
        chargeItemIds: v.chargeItemIds,
        charged: sumByCurrency(actual.map((l) => l.net)),
        payerPaid: sumByCurrency(actual.flatMap((l) => l.payerPaid)),
        patientResponsibility: sumByCurrency(actual.flatMap((l) => l.patientResponsibility)),
      };
    })
    .sort((a, b) => (b.serviceDate ?? '').localeCompare(a.serviceDate ?? '') || (a.encounterId ?? '').localeCompare(b.encounterId ?? ''));
}

function paymentOf(claim: ClaimSummary): PaymentSummary {
  const adjustment = claim.adjustments[0];
  return {
    claimId: claim.id,
    ...(claim.payment?.date !== undefined && { date: claim.payment.date }),
    ...(claim.payment?.amount !== undefined && { amount: claim.payment.amount }),
    ...(adjustment !== undefined && { adjustment: adjustment.amount }),
    ...(adjustment?.reason !== undefined && { adjustmentReason: adjustment.reason }),
    ...(claim.insurer !== undefined && { payer: claim.insurer }),
  };
}

function summarizeInvoice(invoice: Invoice, patientId: string, currency: string): Omit<InvoiceSummary, 'source'> {
  const totalNet = moneyFrom(invoice.totalNet, currency);
  const totalGross = moneyFrom(invoice.totalGross, currency);
  const recipient = invoice.recipient?.reference === undefined ? undefined : normalizeReference(invoice.recipient.reference);
  const toPatient = invoice.recipient === undefined || recipient === `Patient/${patientId}`;
  const due = totalGross ?? totalNet;
  const accountId = idOf(invoice.account, 'Account');
  return {
    id: invoice.id ?? '',
    status: invoice.status ?? 'unknown',
    ...(invoice.date !== undefined && { date: invoice.date }),
    ...(totalNet !== undefined && { totalNet }),
    ...(totalGross !== undefined && { totalGross }),
    ...(invoice.status === 'issued' && toPatient && due !== undefined && { outstanding: due }),
    ...(invoice.recipient !== undefined && { recipient: invoice.recipient }),
    ...(accountId !== undefined && { accountId }),
    lineCount: invoice.lineItem?.length ?? 0,
    ...(invoice.cancelledReason !== undefined && { cancelledReason: invoice.cancelledReason }),
  };
}

function summarizeChargeItem(item: ChargeItem, currency: string): Omit<ChargeItemSummary, 'source'> {
  const amount = moneyFrom(item.priceOverride, currency);
  const occurrence = item.occurrenceDateTime ?? item.occurrencePeriod?.start;
  const encounterId = idOf(item.context, 'Encounter');
  return {
    id: item.id ?? '',
    status: item.status ?? 'unknown',
    code: item.code,
    ...(occurrence !== undefined && { occurrence }),
    ...(typeof item.quantity?.value === 'number' && { quantity: item.quantity.value }),
    ...(amount !== undefined && { amount }),
    ...(encounterId !== undefined && { encounterId }),
    accountIds: (item.account ?? []).map((a) => idOf(a, 'Account')).filter((a): a is string => a !== undefined),
  };
}

function summarizeCoverage(coverage: Coverage, asOf: number): Omit<CoverageSummary, 'source'> {
  const start = timeSpan(coverage.period?.start)?.start;
  const end = timeSpan(coverage.period?.end)?.end;
  const inPeriod = (start === undefined || start <= asOf) && (end === undefined || asOf < end);
  return {
    id: coverage.id ?? '',
    status: coverage.status ?? 'unknown',
    active: coverage.status === 'active' && inPeriod,
    ...(coverage.type !== undefined && { type: coverage.type }),
    payors: coverage.payor ?? [],
    ...(coverage.subscriberId !== undefined && { subscriberId: coverage.subscriberId }),
    ...(coverage.relationship !== undefined && { relationship: coverage.relationship }),
    ...(coverage.period !== undefined && { period: coverage.period }),
    classes: (coverage.class ?? []).map((c) => ({ type: c.type?.coding?.[0]?.code ?? c.type?.text ?? '', ...(c.value !== undefined && { value: c.value }), ...(c.name !== undefined && { name: c.name }) })),
    ...(coverage.order !== undefined && { order: coverage.order }),
  };
}

function summarizeAccount(account: Account): Omit<AccountSummary, 'source'> {
  return {
    id: account.id ?? '',
    status: account.status ?? 'unknown',
    ...(account.name !== undefined && { name: account.name }),
    ...(account.type !== undefined && { type: account.type }),
    ...(account.servicePeriod !== undefined && { servicePeriod: account.servicePeriod }),
    ...(account.owner !== undefined && { owner: account.owner }),
    ...(account.description !== undefined && { description: account.description }),
    coverage: [...(account.coverage ?? [])].sort((a, b) => (a.priority ?? Number.MAX_SAFE_INTEGER) - (b.priority ?? Number.MAX_SAFE_INTEGER)).map((c) => c.coverage),
  };
}
