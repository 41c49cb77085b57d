import type { Claim, ClaimResponse, CodeableConcept, ExplanationOfBenefit, Money, Period, Reference } from '@chartwell/fhir';
import { normalizeReference } from '../search/values.js';
import { adjudicationCode, adjudicationKind, type AdjudicationKind } from './adjudication-kind.js';
import { isZero, moneyFrom, subtractByCurrency, sumByCurrency, type CurrencyAmount } from './money.js';

/** One adjudication of a line: what kind of amount it is, as recorded. */
export interface AdjudicationLine {
  readonly kind: AdjudicationKind;
  /** The category code (`copay`, `benefit`, `line_coinsrnc_amt`, ...). */
  readonly code: string;
  /** The category as recorded (its text, else the first display, else the code). */
  readonly label: string;
  readonly amount?: CurrencyAmount;
  /** A non-money value (`eligpercent` 80). */
  readonly value?: number;
  readonly reason?: CodeableConcept;
}

/** One line of a claim or its adjudication. */
export interface BillingLine {
  readonly sequence?: number;
  readonly service: CodeableConcept;
  /** `servicedDate`, or the start of `servicedPeriod`, as recorded. */
  readonly serviced?: string;
  /** The visits (`Encounter` ids) the line belongs to; a line naming none takes its claim's only visit. */
  readonly encounterIds: readonly string[];
  /** The line's net charge (after quantity, factor and discount), as billed. */
  readonly net?: CurrencyAmount;
  readonly adjudications: readonly AdjudicationLine[];
  readonly payerPaid: readonly CurrencyAmount[];
  readonly patientResponsibility: readonly CurrencyAmount[];
  readonly patientPaid: readonly CurrencyAmount[];
}

/**
 * Where a claim stands:
 * `pending` (submitted, no adjudication yet, or `queued`), `adjudicated`, `partial`, `denied`
 * (adjudicated with nothing paid and a reason given), `error` (the payer could not process it),
 * `draft` (not submitted), `cancelled`, `entered-in-error`.
 */
export type ClaimState = 'pending' | 'adjudicated' | 'partial' | 'denied' | 'error' | 'draft' | 'cancelled' | 'entered-in-error';

/** A claim with everything the payer said about it: figures per currency, lines, denial reasons. */
export interface ClaimSummary {
  /** The Claim's id, or, for an adjudication whose Claim is not in the store, the EOB's or ClaimResponse's. */
  readonly id: string;
  readonly claimId?: string;
  readonly explanationOfBenefitIds: readonly string[];
  readonly claimResponseIds: readonly string[];
  readonly use: 'claim' | 'preauthorization' | 'predetermination';
  /** A preauthorization or predetermination: its amounts are estimates, never part of the balance. */
  readonly estimate: boolean;
  readonly state: ClaimState;
  /** The state in words: "Awaiting adjudication", "Adjudicated", "Denied", ... */
  readonly stateLabel: string;
  /** The adjudication's `outcome` (`queued`, `complete`, `partial`, `error`), when there is one. */
  readonly outcome?: 'queued' | 'complete' | 'partial' | 'error';
  readonly type?: CodeableConcept;
  readonly created?: string;
  /** When the adjudication was made (EOB or ClaimResponse `created`): where aging counts from. */
  readonly adjudicated?: string;
  readonly billablePeriod?: Period;
  readonly provider?: Reference;
  readonly insurer?: Reference;
  /** The coverages named in `insurance`, as recorded. */
  readonly insurance: readonly Reference[];
  readonly disposition?: string;
  /** Why items or the claim were refused or reduced: adjudication reasons and ClaimResponse errors, as recorded. */
  readonly denialReasons: readonly CodeableConcept[];
  readonly encounterIds: readonly string[];
  readonly lines: readonly BillingLine[];
  /** What was charged: the claim total, else the adjudication's `submitted` total, else the sum of line nets. */
  readonly charged: readonly CurrencyAmount[];
  readonly payerPaid: readonly CurrencyAmount[];
  readonly patientResponsibility: readonly CurrencyAmount[];
  readonly patientPaid: readonly CurrencyAmount[];
  /** Patient responsibility less what the patient paid: what this claim adds to the balance (when it is final). */
  readonly patientOwes: readonly CurrencyAmount[];
  /** Payer payment adjustments (`payment.adjustment`), with their reasons. */
  readonly adjustments: readonly { readonly amount: CurrencyAmount; readonly reason?: CodeableConcept }[];
  /** The payer's payment, when recorded. */
  readonly payment?: { readonly amount?: CurrencyAmount; readonly date?: string };
}

const STATE_LABELS: Readonly<Record<ClaimState, string>> = {
  pending: 'Awaiting adjudication',
  adjudicated: 'Adjudicated',
  partial: 'Partially adjudicated',
  denied: 'Denied',
  error: 'Adjudication error',
  draft: 'Draft',
  cancelled: 'Cancelled',
  'entered-in-error': 'Entered in error',
};

interface RawAdjudication {
  readonly category: CodeableConcept;
  readonly reason?: CodeableConcept;
  readonly amount?: Money;
  readonly value?: number;
}

function label(concept: CodeableConcept | undefined, fallback: string): string {
  return concept?.text ?? concept?.coding?.find((c) => c.display)?.display ?? (fallback || 'Not recorded');
}

function idOf(reference: Reference | undefined, type: string): string | undefined {
  const normal = reference?.reference === undefined ? undefined : normalizeReference(reference.reference);
  return normal?.startsWith(`${type}/`) ? normal.slice(type.length + 1) : undefined;
}

function adjudicationLines(raw: readonly RawAdjudication[] | undefined, currency: string): AdjudicationLine[] {
  return (raw ?? []).map((a) => {
    const amount = moneyFrom(a.amount, currency);
    const code = adjudicationCode(a.category);
    return {
      kind: adjudicationKind(a.category),
      code,
      label: label(a.category, code),
      ...(amount !== undefined && { amount }),
      ...(typeof a.value === 'number' && { value: a.value }),
      ...(a.reason !== undefined && { reason: a.reason }),
    };
  });
}

/** The patient's share of a line: its `patient-total` amounts if it has any, else the sum of its patient-responsibility parts. */
function patientShare(adjudications: readonly AdjudicationLine[]): CurrencyAmount[] {
  const total = adjudications.filter((a) => a.kind === 'patient-total');
  return sumByCurrency((total.length > 0 ? total : adjudications.filter((a) => a.kind === 'patient-responsibility')).map((a) => a.amount));
}

function line(item: { sequence?: number; productOrService: CodeableConcept; servicedDate?: string; servicedPeriod?: Period; net?: Money; encounter?: Reference[] }, raw: readonly RawAdjudication[] | undefined, currency: string): BillingLine {
  const adjudications = adjudicationLines(raw, currency);
  const net = moneyFrom(item.net, currency);
  const serviced = item.servicedDate ?? item.servicedPeriod?.start;
  return {
    ...(item.sequence !== undefined && { sequence: item.sequence }),
    service: item.productOrService,
    ...(serviced !== undefined && { serviced }),
    encounterIds: (item.encounter ?? []).map((e) => idOf(e, 'Encounter')).filter((id): id is string => id !== undefined),
    ...(net !== undefined && { net }),
    adjudications,
    payerPaid: sumByCurrency(adjudications.filter((a) => a.kind === 'payer-paid').map((a) => a.amount)),
    patientResponsibility: patientShare(adjudications),
    patientPaid: sumByCurrency(adjudications.filter((a) => a.kind === 'patient-paid').map((a) => a.amount)),
  };
}

function totalsOf(totals: readonly { category: CodeableConcept; amount: Money }[] | undefined, kinds: readonly AdjudicationKind[], currency: string): CurrencyAmount[] {
  return sumByCurrency((totals ?? []).filter((t) => kinds.includes(adjudicationKind(t.category))).map((t) => moneyFrom(t.amount, currency)));
}

const nonEmpty = (amounts: readonly CurrencyAmount[]) => amounts.length > 0;

/**
 * Puts a claim together with its adjudications: an ExplanationOfBenefit (preferred: it has the
 * lines, adjudications and payment) or else a ClaimResponse, whose item adjudications are matched
 * to the claim's lines by sequence. `claim` may be missing (an EOB arrived without its claim).
 * Amounts recorded without a currency are filed under `currency`.
 */
export function summarizeClaim(claim: Claim | undefined, eobs: readonly ExplanationOfBenefit[], responses: readonly ClaimResponse[], currency: string): ClaimSummary {
  const liveEobs = eobs.filter((e) => e.status !== 'entered-in-error' && e.status !== 'cancelled');
  const liveResponses = responses.filter((r) => r.status !== 'entered-in-error' && r.status !== 'cancelled');
  const eob = liveEobs[0];
  const response = liveResponses[0];
  const adjudication = eob ?? response;

  let lines: BillingLine[];
  if (eob !== undefined) {
    lines = (eob.item ?? []).map((item) => line(item, item.adjudication, currency));
  } else if (claim !== undefined) {
    lines = (claim.item ?? []).map((item) => line(item, response?.item?.find((r) => r.itemSequence === item.sequence)?.adjudication, currency));
  } else {
    // A ClaimResponse alone: its items name only a sequence (the service is on the claim, not here).
    lines = [
      ...(response?.item ?? []).map((item) => line({ ...(item.itemSequence !== undefined && { sequence: item.itemSequence }), productOrService: {} }, item.adjudication, currency)),
      ...(response?.addItem ?? []).map((item) => line(item, item.adjudication, currency)),
    ];
  }
  const claimEncounters = [...new Set(lines.flatMap((l) => l.encounterIds))];
  if (claimEncounters.length === 1) lines = lines.map((l) => (l.encounterIds.length === 0 ? { ...l, encounterIds: claimEncounters } : l));

  const use = claim?.use ?? eob?.use ?? response?.use ?? 'claim';
  const totals = eob?.total ?? response?.total;
  const claimTotal = moneyFrom(claim?.total, currency);
  const charged = claimTotal !== undefined ? [claimTotal] : nonEmpty(totalsOf(totals, ['submitted'], currency)) ? totalsOf(totals, ['submitted'], currency) : sumByCurrency(lines.map((l) => l.net));
  const payment = eob?.payment ?? response?.payment;
  const paymentAmount = moneyFrom(payment?.amount, currency);
  const linePayer = sumByCurrency(lines.flatMap((l) => l.payerPaid));
  const payerPaid = paymentAmount !== undefined ? [paymentAmount] : nonEmpty(linePayer) ? linePayer : totalsOf(totals, ['payer-paid'], currency);
  const linePatient = sumByCurrency(lines.flatMap((l) => l.patientResponsibility));
  const totalPatientParts = totalsOf(totals, ['patient-total'], currency);
  const patientResponsibility = nonEmpty(linePatient) ? linePatient : nonEmpty(totalPatientParts) ? totalPatientParts : totalsOf(totals, ['patient-responsibility'], currency);
  const linePaid = sumByCurrency(lines.flatMap((l) => l.patientPaid));
  const patientPaid = nonEmpty(linePaid) ? linePaid : totalsOf(totals, ['patient-paid'], currency);
  const adjustmentAmount = moneyFrom(payment?.adjustment, currency);

  const denialReasons: CodeableConcept[] = [
    ...lines.flatMap((l) => l.adjudications.filter((a) => a.reason !== undefined && (a.kind === 'denied' || a.kind === 'payer-paid' || a.kind === 'other')).map((a) => a.reason as CodeableConcept)),
    ...liveResponses.flatMap((r) => (r.error ?? []).map((e) => e.code)),
  ];

  const outcome = adjudication?.outcome;
  let state: ClaimState;
  const recordStatus = claim?.status ?? adjudication?.status;
  if (recordStatus === 'entered-in-error' || (claim === undefined && adjudication === undefined)) state = 'entered-in-error';
  else if (recordStatus === 'cancelled') state = 'cancelled';
  else if (recordStatus === 'draft') state = 'draft';
  else if (adjudication === undefined || outcome === 'queued') state = 'pending';
  else if (outcome === 'error') state = 'error';
  else if (outcome === 'partial') state = 'partial';
  else if (denialReasons.length > 0 && payerPaid.every(isZero) && lines.some((l) => l.adjudications.length > 0 || payerPaid.length > 0)) state = 'denied';
  else state = 'adjudicated';

  const id = claim?.id ?? eob?.id ?? response?.id ?? eobs[0]?.id ?? responses[0]?.id ?? '';
  const disposition = eob?.disposition ?? response?.disposition;
  const provider = claim?.provider ?? eob?.provider;
  const insurer = eob?.insurer ?? claim?.insurer ?? response?.insurer;
  const type = claim?.type ?? eob?.type ?? response?.type;
  const billablePeriod = claim?.billablePeriod ?? eob?.billablePeriod;
  const created = claim?.created ?? eob?.created ?? response?.created;
  const adjudicated = adjudication?.created;
  return {
    id,
    ...(claim?.id !== undefined && { claimId: claim.id }),
    explanationOfBenefitIds: eobs.map((e) => e.id ?? ''),
    claimResponseIds: responses.map((r) => r.id ?? ''),
    use,
    estimate: use !== 'claim',
    state,
    stateLabel: STATE_LABELS[state],
    ...(outcome !== undefined && { outcome }),
    ...(type !== undefined && { type }),
    ...(created !== undefined && { created }),
    ...(adjudicated !== undefined && { adjudicated }),
    ...(billablePeriod !== undefined && { billablePeriod }),
    ...(provider !== undefined && { provider }),
    ...(insurer !== undefined && { insurer }),
    insurance: (claim?.insurance ?? eob?.insurance ?? response?.insurance ?? []).map((i) => i.coverage),
    ...(disposition !== undefined && { disposition }),
    denialReasons,
    encounterIds: claimEncounters,
    lines,
    charged,
    payerPaid,
    patientResponsibility,
    patientPaid,
    patientOwes: subtractByCurrency(patientResponsibility, patientPaid),
    adjustments: adjustmentAmount === undefined ? [] : [{ amount: adjustmentAmount, ...(payment?.adjustmentReason !== undefined && { reason: payment.adjustmentReason }) }],
    ...(payment !== undefined && { payment: { ...(paymentAmount !== undefined && { amount: paymentAmount }), ...(payment.date !== undefined && { date: payment.date }) } }),
  };
}
