import { decimalFromNumber, decimalToNumber, type CodeableConcept, type Decimal, type DiagnosticReport, type Observation, type ObservationComponent, type ObservationReferenceRange, type Quantity, type Reference, type ServiceRequest } from '@chartwell/fhir';
import { timeSpan } from '../billing/fhir-time.js';
import { formatCodeableConcept } from '../format/codeable-concept.js';
import { NOT_RECORDED } from '../format/format-options.js';
import { formatQuantity, quantityUnit } from '../format/quantity.js';
import { formatDecimal } from '../format/decimal-number.js';
import { searchAllPages } from '../search/all-pages.js';
import { MAX_PAGE_SIZE } from '../search/search-resources.js';
import { normalizeReference } from '../search/values.js';
import { formatInstant } from '../format/instant.js';
import type { ChartStore, StoreCallOptions } from '../store/chart-store.js';
import { InvalidError } from '../store/errors.js';
import { newestRecordedFirst, timeKey } from './time-key.js';
import { itemSource, loadSourceIndex, type ItemSource, type SourceIndex } from './item-source.js';
import { resultFlag, type ResultFlag } from './result-interpretation.js';
import { resolveViewOptions, type ResolvedViewOptions, type ViewOptions } from './view-options.js';

/** Options of {@link resultsView}: locale (numbers, dates), time zone and date style of the display strings, store name for sources. */
export interface ResultsViewOptions extends ViewOptions {
  /**
   * Only the newest this many Observations (by `effective`), for a first render that does not wait
   * for a long record: see {@link ResultsView.complete} for what such a view holds. A positive
   * whole number; by default every Observation.
   */
  readonly newest?: number;
}

/** A result's value: a quantity (exact), a coded value, text, or nothing (with why). */
export type ResultValue =
  | { readonly kind: 'quantity'; readonly value: Decimal; readonly comparator?: string; readonly unit?: string; readonly quantity: Quantity }
  | { readonly kind: 'coded'; readonly concept: CodeableConcept }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'none'; readonly dataAbsentReason?: CodeableConcept };

/** A reference range, as recorded. */
export interface ResultRange {
  readonly low?: Quantity;
  readonly high?: Quantity;
  readonly text?: string;
  readonly type?: CodeableConcept;
  readonly appliesTo: readonly CodeableConcept[];
  /** The range in words: `3.1–6.2 mmol/l`, `≥ 3.1 mmol/l`, `≤ 6.2 mmol/l`, else its recorded text; `''` when it has neither. */
  readonly display: string;
}

/** One measured thing: an Observation or one of its components. */
export interface ResultMeasure {
  readonly code: CodeableConcept;
  /** The code in words ("Systolic blood pressure"); "Not recorded" when it has none. */
  readonly name: string;
  /** The LOINC code, when the code has one. */
  readonly loinc?: string;
  readonly value: ResultValue;
  /** The value in words with its unit (`107 mmHg`); "Not recorded" when there is none. */
  readonly valueText: string;
  /** The unit, as recorded; "" when the value has none (a missing unit is shown as missing, not guessed). */
  readonly unit: string;
  readonly referenceRanges: readonly ResultRange[];
  /** The interpretation flag, recorded or derived from the range (then `derived: true`); undefined when neither. */
  readonly flag?: ResultFlag;
  /**
   * The recorded interpretation's own words (its text, else a coding's display: "Below low normal",
   * "Serum creatinine raised"), when they say more than the flag's label; undefined otherwise.
   */
  readonly interpretationText?: string;
}

/** An Observation, render-ready. */
export interface ResultItem extends ResultMeasure {
  readonly id: string;
  readonly status: NonNullable<Observation['status']> | 'unknown';
  /** "Final", "Preliminary", "Amended", "Entered in error", ...: never blank. */
  readonly statusLabel: string;
  /** Struck through with the words "Entered in error"; never in trends or latest vitals. */
  readonly enteredInError: boolean;
  /** Amended or corrected after it was first reported. */
  readonly modified: boolean;
  readonly categories: readonly string[];
  /** `effective[x]` as recorded (a dateTime, or a period's start). */
  readonly effective?: string;
  /** `effective` written in the view's locale, zone and date style; "Not recorded" when missing. */
  readonly effectiveText: string;
  readonly issued?: string;
  readonly components: readonly ResultMeasure[];
  readonly notes: readonly string[];
  /** For a panel (`hasMember`): its member results, in the order it lists them. */
  readonly members: readonly ResultItem[];
  /** Member references the store cannot resolve. */
  readonly missingMembers: readonly string[];
  /** Where the record came from (organisation, system, last updated). */
  readonly source: ItemSource;
}

/** A DiagnosticReport with its Observations. */
export interface ReportItem {
  readonly id: string;
  readonly status: NonNullable<DiagnosticReport['status']> | 'unknown';
  readonly statusLabel: string;
  readonly enteredInError: boolean;
  readonly code: CodeableConcept;
  readonly name: string;
  readonly categories: readonly string[];
  readonly effective?: string;
  readonly effectiveText: string;
  readonly issued?: string;
  readonly performer: readonly Reference[];
  readonly conclusion?: string;
  readonly conclusionCode: readonly CodeableConcept[];
  /** Its results, in the order the report lists them; a reference the store cannot resolve is listed in `missingResults`. */
  readonly results: readonly ResultItem[];
  readonly missingResults: readonly string[];
  /** The ServiceRequests it fulfils. */
  readonly basedOn: readonly string[];
  readonly source: ItemSource;
}

/** A ServiceRequest (order) with its status and the reports that answer it. */
export interface OrderItem {
  readonly id: string;
  readonly status: NonNullable<ServiceRequest['status']> | 'unknown';
  readonly statusLabel: string;
  readonly intent?: ServiceRequest['intent'];
  readonly priority?: ServiceRequest['priority'];
  readonly code?: CodeableConcept;
  readonly name: string;
  readonly authoredOn?: string;
  readonly authoredOnText: string;
  readonly requester?: Reference;
  readonly reportIds: readonly string[];
  /** Observations that name it in `basedOn`. */
  readonly resultIds: readonly string[];
  /**
   * Awaiting results: an order (not a proposal or plan) that is active or on hold, and that no
   * final, amended, corrected or appended report or result answers yet (a preliminary one leaves it pending).
   */
  readonly pending: boolean;
  readonly source: ItemSource;
}

/** One point of a trend. */
export interface TrendPoint {
  readonly observationId: string;
  readonly effective: string;
  readonly value: Decimal;
  /** The value as a JS number, for charts only. */
  readonly plotValue: number;
  readonly flag?: ResultFlag;
  readonly preliminary: boolean;
  /** The value in words with its unit, as the result shows it (`77.97300748096048 kg`). */
  readonly valueText: string;
  /** `effective` written in the view's locale, zone and date style. */
  readonly effectiveText: string;
  /** The reference range that applies to everyone, in words (`3.1–6.2 mmol/l`); `''` when there is none. */
  readonly rangeText: string;
  /** That range's limits as JS numbers, for charts only; only when they are in the trend's unit. */
  readonly band?: TrendBand;
}

/** A reference range's limits as plain numbers, for drawing a band behind a trend. */
export interface TrendBand {
  readonly low?: number;
  readonly high?: number;
}

/** A LOINC code's quantity results over time, in one unit (a change of unit starts another trend). */
export interface Trend {
  readonly loinc: string;
  readonly name: string;
  readonly unit: string;
  /** Oldest first. */
  readonly points: readonly TrendPoint[];
  /** The band of the newest point that has one (ranges change rarely; each point keeps its own `rangeText`). */
  readonly band?: TrendBand;
}

/** Orders, reports with their results, results outside any report, trends and latest vitals. */
export interface ResultsView {
  readonly patientId: string;
  /** Orders, newest first. */
  readonly orders: readonly OrderItem[];
  /** Reports, newest first. */
  readonly reports: readonly ReportItem[];
  /** Observations no report and no panel includes, newest first (vital signs, standalone labs, panels with their members). */
  readonly results: readonly ResultItem[];
  readonly trends: readonly Trend[];
  /** The latest vital sign of each LOINC code (category `vital-signs`), newest first. */
  readonly latestVitals: readonly ResultItem[];
  /**
   * False when {@link ResultsViewOptions.newest} cut the record: older Observations exist that
   * the view does not hold. Such a view holds the newest Observations, the reports dated since the
   * oldest of them (with all their results, as panels have all their members), no pending order
   * (whether an older result answers it is not known yet), and trends and latest vitals of only
   * what it holds: a display says that older results are loading, and never shows its counts as final.
   */
  readonly complete: boolean;
}

const OBSERVATION_STATUS: Readonly<Record<string, string>> = {
  registered: 'Registered',
  preliminary: 'Preliminary',
  final: 'Final',
  amended: 'Amended',
  corrected: 'Corrected',
  cancelled: 'Cancelled',
  'entered-in-error': 'Entered in error',
  unknown: 'Status unknown',
  partial: 'Partial',
  appended: 'Appended',
};

const ORDER_STATUS: Readonly<Record<string, string>> = {
  draft: 'Draft',
  active: 'Active',
  'on-hold': 'On hold',
  revoked: 'Revoked',
  completed: 'Completed',
  'entered-in-error': 'Entered in error',
  unknown: 'Status unknown',
};

const LOINC = 'http://loinc.org';

function loincOf(code: CodeableConcept | undefined): string | undefined {
  return code?.coding?.find((c) => c.system === LOINC && c.code)?.code;
}

/** A range in words: numbers with one unit, else the recorded text. */
function rangeDisplay(range: ObservationReferenceRange, locale: string): string {
  const low = formatQuantity(range.low, { locale });
  const high = formatQuantity(range.high, { locale });
  const lowNumber = formatDecimal(range.low?.value, { locale });
  const sameUnits = quantityUnit(range.low) === quantityUnit(range.high) || quantityUnit(range.low) === '';
  if (low !== '' && high !== '') return `${sameUnits ? lowNumber : low}–${high}`;
  if (low !== '') return `≥ ${low}`;
  if (high !== '') return `≤ ${high}`;
  return typeof range.text === 'string' ? range.text : '';
}

function rangeOf(range: ObservationReferenceRange, locale: string): ResultRange {
  return {
    display: rangeDisplay(range, locale),
    ...(range.low !== undefined && { low: range.low }),
    ...(range.high !== undefined && { high: range.high }),
    ...(range.text !== undefined && { text: range.text }),
    ...(range.type !== undefined && { type: range.type }),
    appliesTo: range.appliesTo ?? [],
  };
}

function valueOf(source: Observation | ObservationComponent): ResultValue {
  const quantity = source.valueQuantity ?? (typeof source.valueInteger === 'number' ? { value: source.valueInteger } : undefined);
  const value = typeof quantity?.value === 'number' ? decimalFromNumber(quantity.value) : undefined;
  if (quantity !== undefined && value !== undefined) {
    const unit = quantityUnit(quantity);
    return { kind: 'quantity', value, ...(quantity.comparator !== undefined && { comparator: quantity.comparator }), ...(unit !== '' && { unit }), quantity };
  }
  if (source.valueCodeableConcept !== undefined) return { kind: 'coded', concept: source.valueCodeableConcept };
  if (typeof source.valueString === 'string') return { kind: 'text', text: source.valueString };
  if (typeof source.valueBoolean === 'boolean') return { kind: 'text', text: source.valueBoolean ? 'Yes' : 'No' };
  for (const text of [source.valueDateTime, source.valueTime]) if (typeof text === 'string') return { kind: 'text', text };
  return { kind: 'none', ...(source.dataAbsentReason !== undefined && { dataAbsentReason: source.dataAbsentReason }) };
}

function valueText(value: ResultValue, locale: string): string {
  switch (value.kind) {
    case 'quantity':
      return formatQuantity(value.quantity, { locale }) || NOT_RECORDED;
    case 'coded':
      return formatCodeableConcept(value.concept) || NOT_RECORDED;
    case 'text':
      return value.text;
    case 'none':
      return value.dataAbsentReason === undefined ? NOT_RECORDED : `${NOT_RECORDED} (${formatCodeableConcept(value.dataAbsentReason) || 'reason not given'})`;
  }
}

/** The interpretation's recorded words that the flag's label does not already say. */
function interpretationWords(interpretation: readonly CodeableConcept[] | undefined, flag: ResultFlag | undefined): string | undefined {
  const said = new Set([flag?.label.toLowerCase()]);
  const words: string[] = [];
  for (const concept of interpretation ?? []) {
    const text = typeof concept.text === 'string' && concept.text.trim() !== '' ? concept.text : concept.coding?.find((coding) => typeof coding.display === 'string' && coding.display.trim() !== '')?.display;
    if (text === undefined || said.has(text.toLowerCase())) continue;
    said.add(text.toLowerCase());
    words.push(text);
  }
  return words.length === 0 ? undefined : words.join('; ');
}

function measure(source: Observation | ObservationComponent, locale: string): ResultMeasure {
  const value = valueOf(source);
  const flag = resultFlag(source.interpretation, source.valueQuantity, source.referenceRange);
  const interpretationText = interpretationWords(source.interpretation, flag);
  const loinc = loincOf(source.code);
  return {
    code: source.code,
    name: formatCodeableConcept(source.code) || NOT_RECORDED,
    ...(loinc !== undefined && { loinc }),
    value,
    valueText: valueText(value, locale),
    unit: value.kind === 'quantity' ? (value.unit ?? '') : '',
    referenceRanges: (source.referenceRange ?? []).map((range) => rangeOf(range, locale)),
    ...(flag !== undefined && { flag }),
    ...(interpretationText !== undefined && { interpretationText }),
  };
}

function categoryCodes(categories: readonly CodeableConcept[] | undefined): string[] {
  return (categories ?? []).flatMap((c) => (c.coding ?? []).map((coding) => coding.code).filter((code): code is string => typeof code === 'string'));
}

function resultItem(observation: Observation, options: ResolvedViewOptions, sources: SourceIndex): ResultItem {
  const { locale } = options;
  const status = observation.status ?? 'unknown';
  const effective = observation.effectiveDateTime ?? observation.effectiveInstant ?? observation.effectivePeriod?.start;
  return {
    id: observation.id ?? '',
    status,
    statusLabel: OBSERVATION_STATUS[status] ?? status,
    enteredInError: status === 'entered-in-error',
    modified: status === 'amended' || status === 'corrected',
    categories: categoryCodes(observation.category),
    ...(effective !== undefined && { effective }),
    effectiveText: formatInstant(effective, { locale, timeZone: options.timeZone, style: options.dateStyle, timeStyle: options.timeStyle }),
    ...(observation.issued !== undefined && { issued: observation.issued }),
    ...measure(observation, locale),
    components: (observation.component ?? []).map((component) => measure(component, locale)),
    notes: (observation.note ?? []).map((n) => n.text).filter((t): t is string => typeof t === 'string'),
    members: [],
    missingMembers: [],
    source: itemSource(observation, sources, options),
  };
}

const idIn = (reference: Reference | undefined, type: string): string | undefined => {
  const normal = reference?.reference === undefined ? undefined : normalizeReference(reference.reference);
  return normal?.startsWith(`${type}/`) ? normal.slice(type.length + 1) : undefined;
};

/**
 * The patient's orders and results: ServiceRequests with their status and answering reports;
 * DiagnosticReports with their Observations; Observations outside any report; each value exact,
 * with its unit, reference ranges and interpretation flag (recorded, or derived from the range
 * and marked `derived`); components (blood pressure) as their own measures; trends per LOINC
 * code and unit; the latest vital sign of each kind. Entered-in-error results are kept, marked,
 * and never enter trends or latest vitals; cancelled ones neither.
 *
 * @example
 * const view = await resultsView(store, 'Patient/123', { locale: 'en-GB' });
 * view.latestVitals.map((v) => `${v.name}: ${v.valueText}${v.flag ? ` (${v.flag.label})` : ''}`);
 */
export async function resultsView(store: ChartStore, patientId: string, options: ResultsViewOptions = {}): Promise<ResultsView> {
  const id = typeof patientId === 'string' ? patientId.replace(/^Patient\//, '') : '';
  if (!/^[A-Za-z0-9\-.]{1,64}$/.test(id)) throw new InvalidError({ resourceType: 'Patient', path: 'patientId' }, `patientId must be a Patient id or Patient/<id> (got ${JSON.stringify(patientId)})`);
  const resolved = resolveViewOptions(options);
  const call = resolved.signal ? { signal: resolved.signal } : {};
  const patient = `Patient/${id}`;
  const newest = options.newest;
  if (newest !== undefined && !(Number.isInteger(newest) && newest > 0)) throw new InvalidError({ path: 'newest' }, `resultsView: newest must be a positive whole number (got ${JSON.stringify(newest)})`);
  const [loaded, allReports, orders] = await Promise.all([
    newest === undefined ? searchAllPages(store, 'Observation', { patient }, call).then((all) => ({ observations: all, complete: true })) : newestObservations(store, patient, newest, call),
    searchAllPages(store, 'DiagnosticReport', { patient }, call),
    searchAllPages(store, 'ServiceRequest', { patient }, call),
  ]);
  const { complete } = loaded;
  let observations = loaded.observations;
  let reports = allReports;
  if (!complete) {
    // the reports of the window the newest Observations cover, with every result and member they name
    const since = observations.reduce((oldest, o) => Math.min(oldest, timeKey(o.effectiveDateTime ?? o.effectiveInstant ?? o.effectivePeriod?.start) ?? Infinity), Infinity);
    reports = allReports.filter((r) => (timeKey(r.effectiveDateTime ?? r.effectivePeriod?.start ?? r.issued) ?? -Infinity) >= since);
    observations = await withReferencedObservations(store, patient, observations, reports, call);
  }
  const sources = await loadSourceIndex(store, patient, resolved, [...observations, ...reports, ...orders]);
  const dateText = (value: string | undefined) => formatInstant(value, { locale: resolved.locale, timeZone: resolved.timeZone, style: resolved.dateStyle, timeStyle: resolved.timeStyle });
  const flat = new Map(observations.map((o) => [o.id ?? '', resultItem(o, resolved, sources)]));
  const memberRefs = new Map(observations.map((o) => [o.id ?? '', o.hasMember ?? []]));
  const isMember = new Set<string>();
  const items = new Map<string, ResultItem>();
  /** The item with its members resolved (panels within panels too; a cycle stops where it repeats). */
  const withMembers = (itemId: string, path: ReadonlySet<string>): ResultItem | undefined => {
    const done = items.get(itemId);
    if (done !== undefined) return done;
    const base = flat.get(itemId);
    if (base === undefined) return undefined;
    const references = memberRefs.get(itemId) ?? [];
    if (references.length === 0) return base;
    const members: ResultItem[] = [];
    const missingMembers: string[] = [];
    for (const reference of references) {
      const memberId = idIn(reference, 'Observation');
      const member = memberId === undefined || path.has(memberId) ? undefined : withMembers(memberId, new Set([...path, memberId]));
      if (member === undefined) missingMembers.push(reference.reference ?? reference.display ?? '');
      else {
        members.push(member);
        isMember.add(member.id);
      }
    }
    const panel = { ...base, members, missingMembers };
    items.set(itemId, panel);
    return panel;
  };
  for (const itemId of flat.keys()) {
    const item = withMembers(itemId, new Set([itemId]));
    if (item !== undefined) items.set(itemId, item);
  }
  const inReports = new Set<string>();

  const reportItems: ReportItem[] = reports.map((report) => {
    const results: ResultItem[] = [];
    const missing: string[] = [];
    for (const reference of report.result ?? []) {
      const observationId = idIn(reference, 'Observation');
      const item = observationId === undefined ? undefined : items.get(observationId);
      if (item === undefined) missing.push(reference.reference ?? reference.display ?? '');
      else {
        results.push(item);
        inReports.add(item.id);
      }
    }
    const status = report.status ?? 'unknown';
    const effective = report.effectiveDateTime ?? report.effectivePeriod?.start;
    return {
      id: report.id ?? '',
      status,
      statusLabel: OBSERVATION_STATUS[status] ?? status,
      enteredInError: status === 'entered-in-error',
      code: report.code,
      name: formatCodeableConcept(report.code) || NOT_RECORDED,
      categories: categoryCodes(report.category),
      ...(effective !== undefined && { effective }),
      effectiveText: dateText(effective),
      ...(report.issued !== undefined && { issued: report.issued }),
      performer: report.performer ?? [],
      ...(report.conclusion !== undefined && { conclusion: report.conclusion }),
      conclusionCode: report.conclusionCode ?? [],
      results,
      missingResults: missing,
      basedOn: (report.basedOn ?? []).map((b) => idIn(b, 'ServiceRequest')).filter((b): b is string => b !== undefined),
      source: itemSource(report, sources, resolved),
    };
  });

  // the Observations and reports that answer each order, indexed once (not a scan per order)
  const answeringByOrder = new Map<string, Observation[]>();
  for (const observation of observations) {
    const orderIds = new Set((observation.basedOn ?? []).map((b) => idIn(b, 'ServiceRequest')));
    for (const orderId of orderIds) if (orderId !== undefined) appendTo(answeringByOrder, orderId, observation);
  }
  const reportsByOrder = new Map<string, ReportItem[]>();
  for (const report of reportItems) for (const orderId of new Set(report.basedOn)) appendTo(reportsByOrder, orderId, report);
  const orderItems: OrderItem[] = orders.map((order) => {
    const status = order.status ?? 'unknown';
    const orderId = order.id ?? '';
    const answering = answeringByOrder.get(orderId) ?? [];
    const answeringReports = reportsByOrder.get(orderId) ?? [];
    return {
      id: orderId,
      status,
      statusLabel: ORDER_STATUS[status] ?? status,
      ...(order.intent !== undefined && { intent: order.intent }),
      ...(order.priority !== undefined && { priority: order.priority }),
      ...(order.code !== undefined && { code: order.code }),
      name: formatCodeableConcept(order.code) || NOT_RECORDED,
      ...(order.authoredOn !== undefined && { authoredOn: order.authoredOn }),
      authoredOnText: dateText(order.authoredOn),
      ...(order.requester !== undefined && { requester: order.requester }),
      reportIds: answeringReports.map((r) => r.id),
      resultIds: answering.map((o) => o.id ?? ''),
      pending: isPending(order, [...answeringReports.map((r) => r.status), ...answering.map((o) => o.status ?? 'unknown')]),
      source: itemSource(order, sources, resolved),
    };
  });

  const all = [...items.values()];
  const usable = all.filter((item) => !item.enteredInError && item.status !== 'cancelled');
  return {
    patientId: id,
    // a partial view cannot tell a pending order from one an older result answers: it shows none pending
    orders: sortedNewestFirst(complete ? orderItems : orderItems.filter((order) => !order.pending), (o) => o.authoredOn),
    reports: sortedNewestFirst(reportItems, (r) => r.effective ?? r.issued),
    results: sortedNewestFirst(
      all.filter((item) => !inReports.has(item.id) && !isMember.has(item.id)),
      (r) => r.effective ?? r.issued,
    ),
    trends: trendsOf(usable, resolved.locale),
    latestVitals: latestVitalsOf(usable),
    complete,
  };
}

/** The patient's newest `count` Observations by `effective` (one page), and whether that is all of them. */
async function newestObservations(store: ChartStore, patient: string, count: number, call: StoreCallOptions): Promise<{ observations: Observation[]; complete: boolean }> {
  const page = await store.search('Observation', { patient, _sort: '-date', _count: count }, call);
  return { observations: [...page], complete: page.next === undefined };
}

/** The most rounds of panels within panels {@link withReferencedObservations} follows. */
const MEMBER_DEPTH = 4;

/** `observations` with every Observation of the patient that `reports` (results) and the panels among them (members) name, read by id. */
async function withReferencedObservations(store: ChartStore, patient: string, observations: Observation[], reports: readonly DiagnosticReport[], call: StoreCallOptions): Promise<Observation[]> {
  const all = [...observations];
  const held = new Set(all.map((o) => o.id));
  let named = reports.flatMap((r) => r.result ?? []);
  for (const observation of all) named.push(...(observation.hasMember ?? []));
  for (let round = 0; round < MEMBER_DEPTH && named.length > 0; round++) {
    const wanted = [...new Set(named.map((reference) => idIn(reference, 'Observation')))].filter((id): id is string => id !== undefined && !held.has(id));
    if (wanted.length === 0) break;
    const found: Observation[] = [];
    for (let start = 0; start < wanted.length; start += MAX_PAGE_SIZE) {
      found.push(...(await searchAllPages(store, 'Observation', { patient, _id: wanted.slice(start, start + MAX_PAGE_SIZE) }, call)));
    }
    for (const observation of found) held.add(observation.id);
    for (const id of wanted) held.add(id);
    all.push(...found);
    named = found.flatMap((o) => o.hasMember ?? []);
  }
  return all;
}

const ORDER_INTENTS = new Set(['order', 'original-order', 'reflex-order', 'filler-order', 'instance-order']);
const ANSWERED = new Set(['final', 'amended', 'corrected', 'appended']);

/** Whether an order still awaits its results (see {@link OrderItem.pending}). */
function isPending(order: ServiceRequest, answerStatuses: readonly string[]): boolean {
  if (order.status !== 'active' && order.status !== 'on-hold') return false;
  if (order.intent !== undefined && !ORDER_INTENTS.has(order.intent)) return false;
  return !answerStatuses.some((status) => ANSWERED.has(status));
}

/** The range that applies to everyone (no `appliesTo`), in words and, when its limits are in `unit`, as numbers. */
function trendRange(m: ResultMeasure): { rangeText: string; band?: TrendBand } {
  const range = m.referenceRanges.find((r) => r.appliesTo.length === 0 && r.display !== '');
  if (range === undefined) return { rangeText: '' };
  const limit = (q: Quantity | undefined) => (q !== undefined && typeof q.value === 'number' && (quantityUnit(q) === '' || quantityUnit(q) === m.unit) ? q.value : undefined);
  const low = limit(range.low);
  const high = limit(range.high);
  const usable = (range.low === undefined || low !== undefined) && (range.high === undefined || high !== undefined) && (low !== undefined || high !== undefined);
  return { rangeText: range.display, ...(usable && { band: { ...(low !== undefined && { low }), ...(high !== undefined && { high }) } }) };
}

function trendsOf(items: readonly ResultItem[], locale: string): Trend[] {
  const trends = new Map<string, { loinc: string; name: string; unit: string; points: TrendPoint[] }>();
  const add = (observation: ResultItem, m: ResultMeasure) => {
    if (m.loinc === undefined || m.value.kind !== 'quantity' || observation.effective === undefined) return;
    const key = `${m.loinc}|${m.unit}`;
    let trend = trends.get(key);
    if (trend === undefined) trends.set(key, (trend = { loinc: m.loinc, name: m.name, unit: m.unit, points: [] }));
    trend.points.push({
      observationId: observation.id,
      effective: observation.effective,
      value: m.value.value,
      plotValue: decimalToNumber(m.value.value),
      ...(m.flag !== undefined && { flag: m.flag }),
      preliminary: observation.status === 'preliminary' || observation.status === 'registered',
      valueText: m.valueText || formatDecimal(m.value.value, { locale }),
      // the result's own words for its time (the same locale, zone and style)
      effectiveText: observation.effectiveText,
      ...trendRange(m),
    });
  };
  for (const item of items) {
    add(item, item);
    for (const component of item.components) add(item, component);
  }
  // each distinct time parsed once, not in every comparison
  const starts = new Map<string, number>();
  const when = (p: TrendPoint) => {
    let start = starts.get(p.effective);
    if (start === undefined) starts.set(p.effective, (start = timeSpan(p.effective)?.start ?? 0));
    return start;
  };
  return [...trends.values()]
    .map((t) => {
      const points = t.points.sort((a, b) => when(a) - when(b) || compareIds(a.observationId, b.observationId));
      const band = [...points].reverse().find((p) => p.band !== undefined)?.band;
      return { ...t, points, ...(band !== undefined && { band }) };
    })
    .sort((a, b) => a.name.localeCompare(b.name) || a.loinc.localeCompare(b.loinc) || a.unit.localeCompare(b.unit));
}

/** Adds `value` to the list under `key`. */
function appendTo<V>(lists: Map<string, V[]>, key: string, value: V): void {
  const list = lists.get(key);
  if (list === undefined) lists.set(key, [value]);
  else list.push(value);
}

/** `localeCompare` of two ids, short-cut when equal (the tie-break of every sort here). */
function compareIds(a: string, b: string): number {
  return a === b ? 0 : a.localeCompare(b);
}

/**
 * `items` sorted as {@link newestRecordedFirst} sorts them (newest first, undated last, then by
 * id), with each item's time parsed once rather than in every comparison.
 */
function sortedNewestFirst<T extends { readonly id: string }>(items: T[], time: (item: T) => string | undefined): T[] {
  const keys = new Map<T, number | undefined>(items.map((item) => [item, timeSpan(time(item))?.start]));
  return items.sort((a, b) => {
    const left = keys.get(a);
    const right = keys.get(b);
    if (left === undefined || right === undefined) {
      const undated = (left === undefined ? 1 : 0) - (right === undefined ? 1 : 0);
      if (undated !== 0) return undated;
    } else if (left !== right) return right - left;
    return compareIds(a.id, b.id);
  });
}

function latestVitalsOf(items: readonly ResultItem[]): ResultItem[] {
  const latest = new Map<string, ResultItem>();
  const order = newestRecordedFirst<ResultItem>((r) => r.effective ?? r.issued);
  for (const item of items) {
    if (!item.categories.includes('vital-signs')) continue;
    const key = item.loinc ?? item.name;
    const current = latest.get(key);
    if (current === undefined || order(item, current) < 0) latest.set(key, item);
  }
  return [...latest.values()].sort(order);
}
