import type { CodeableConcept, Dosage, Medication, MedicationRequest, MedicationStatement, Reference, Resource } from '@chartwell/fhir';
import { formatCodeableConcept } from '../format/codeable-concept.js';
import { formatDosage } from '../format/dosage.js';
import { formatHumanName, preferredHumanName } from '../format/human-name.js';
import { formatInstant } from '../format/instant.js';
import type { ChartStore } from '../store/chart-store.js';
import { objects } from './coded.js';
import { dosageTextDisagrees } from './dosage-agreement.js';
import { itemSource, loadSourceIndex } from './item-source.js';
import type { ItemSource, SourceIndex } from './item-source.js';
import { searchAllPages } from '../search/all-pages.js';
import { endKey, newestFirst, timeKey } from './time-key.js';
import { resolveViewOptions } from './view-options.js';
import type { ResolvedViewOptions, ViewOptions } from './view-options.js';

/**
 * The status words of a medication line (NHS CUI MEDv-166..173). Current: `Started`, `Not
 * started`, `Suspended` (FHIR on-hold; emphasise it), `Status unknown` (FHIR unknown: shown, not
 * hidden). Past: `Completed` (also for an order whose validity ran out: expired is not
 * discontinued) and `Discontinued` (stopped).
 *
 * @category Views
 */
export type MedicationDisplayStatus = 'Started' | 'Not started' | 'Suspended' | 'Status unknown' | 'Completed' | 'Discontinued';

/**
 * One medication line, ready to show.
 *
 * @category Views
 */
export interface MedicationItem {
  readonly id: string;
  /** `MedicationRequest/<id>` or `MedicationStatement/<id>`. */
  readonly reference: string;
  /** `prescribed` (a MedicationRequest) or `reported` (a MedicationStatement). */
  readonly kind: 'prescribed' | 'reported';
  /** The drug name exactly as recorded: never re-cased (Tall Man lettering, brand capitals) and never truncated. */
  readonly name: string;
  /** The drug's first code (RxNorm preferred), as `system|code`, used to group duplicates. */
  readonly code?: string;
  /** The dose form of a resolved Medication, when it has one. */
  readonly form?: string;
  /** Never blank. */
  readonly displayStatus: MedicationDisplayStatus;
  /** True for `Suspended`: show it with emphasis (words or an icon, not colour alone). */
  readonly emphasised: boolean;
  /** The FHIR status as recorded. */
  readonly status: string;
  /** True when a past order ended because its validity period ran out. */
  readonly expired: boolean;
  /** What to show as the dosage: the structured line, else the recorded text, else `No dosage recorded`. */
  readonly dosage: string;
  /** Each dosage instruction's recorded `text`, when there is one. */
  readonly dosageText?: string;
  /** Each dosage instruction's structured line ({@link formatDosage}), when there is one. */
  readonly structuredDosage?: string;
  /** True when the recorded text and the structured dosage disagree: show both and flag the line. */
  readonly dosageMismatch: boolean;
  readonly asNeeded: boolean;
  /** Start as recorded (dosage bounds, validity period, authored date, or effective date) and written. */
  readonly startDate?: string;
  readonly startText: string;
  /** End as recorded (bounds, validity or effective end), when known, and written. */
  readonly endDate?: string;
  readonly endText: string;
  /** The prescriber (requester) or the information source, by name when the store has it. */
  readonly prescriber?: string;
  readonly source: ItemSource;
  /** Other current items for the same drug (references): duplicates are grouped, never hidden. */
  readonly duplicates: readonly string[];
}

/** Why a record is in no list. */
export interface ExcludedMedication {
  readonly reference: string;
  readonly reason: 'entered-in-error' | 'draft' | 'cancelled' | 'not-taken' | 'not-an-order';
}

/**
 * A patient's medications: current and past, with duplicates grouped and a recently-stopped count.
 *
 * @category Views
 */
export interface MedicationList {
  /** Started, not started, suspended and unknown-status medications, newest start first. */
  readonly current: readonly MedicationItem[];
  /** Completed and discontinued medications, newest end first (undated ends last, by start). */
  readonly past: readonly MedicationItem[];
  /** Past medications whose end falls in the `recentDays` before `asOf` (MEDv-074). */
  readonly recentlyStopped: { readonly count: number; readonly days: number };
  /** Current items that share a drug, by drug: each group has at least two references. */
  readonly duplicateGroups: readonly { readonly name: string; readonly references: readonly string[] }[];
  /** Records left out of both lists: entered in error, drafts, cancelled, not taken, proposals. */
  readonly excluded: readonly ExcludedMedication[];
}

/** Options of {@link medicationList}. */
export interface MedicationListOptions extends ViewOptions {
  /** The window of the recently-stopped count, in days before `asOf`; default 30. */
  readonly recentDays?: number;
}

const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';
const ORDER_INTENTS = new Set(['order', 'original-order', 'reflex-order', 'filler-order', 'instance-order', 'plan']);
const DAY_MS = 86_400_000;

type Placement = { readonly list: 'current' | 'past'; readonly displayStatus: MedicationDisplayStatus; readonly expired?: boolean } | { readonly list: 'excluded'; readonly reason: ExcludedMedication['reason'] };

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function firstCode(concept: CodeableConcept | undefined): string | undefined {
  const codings = objects(concept?.coding).filter((coding) => typeof coding.code === 'string' && coding.code.trim() !== '');
  const coding = codings.find((candidate) => candidate.system === RXNORM) ?? codings[0];
  return coding ? `${coding.system ?? ''}|${coding.code ?? ''}` : undefined;
}

interface ResolvedMedication {
  readonly name: string;
  readonly code?: string;
  readonly form?: string;
}

/** The drug of a request or statement: its CodeableConcept, a contained Medication, or one read from the store. */
async function resolveMedication(record: MedicationRequest | MedicationStatement, store: ChartStore, cache: Map<string, Medication | undefined>, options: ResolvedViewOptions): Promise<ResolvedMedication> {
  const concept = record.medicationCodeableConcept;
  if (concept) {
    const code = firstCode(concept);
    return { name: formatCodeableConcept(concept, { preferSystems: [RXNORM] }) || 'Unnamed medication', ...(code && { code }) };
  }
  const reference: Reference | undefined = record.medicationReference;
  const target = typeof reference?.reference === 'string' ? reference.reference : '';
  let medication: Medication | undefined;
  if (target.startsWith('#')) {
    medication = objects(record.contained as Resource[] | undefined).find((resource): resource is Medication => resource.resourceType === 'Medication' && resource.id === target.slice(1));
  } else {
    const match = /(?:^|\/)Medication\/([A-Za-z0-9\-.]{1,64})$/.exec(target);
    if (match?.[1]) {
      const id = match[1];
      if (!cache.has(id)) {
        try {
          cache.set(id, await store.read('Medication', id, options.signal ? { signal: options.signal } : {}));
        } catch (error) {
          if (options.signal?.aborted) throw error;
          cache.set(id, undefined);
        }
      }
      medication = cache.get(id);
    }
  }
  const name = formatCodeableConcept(medication?.code, { preferSystems: [RXNORM] }) || text(reference?.display) || 'Unnamed medication';
  const code = firstCode(medication?.code);
  const form = formatCodeableConcept(medication?.form);
  return { name, ...(code && { code }), ...(form !== '' && { form }) };
}

function dosageOf(instructions: readonly Dosage[] | undefined, options: ResolvedViewOptions) {
  const dosages = objects(instructions);
  const texts = dosages.map((dosage) => text(dosage.text)).filter((value) => value !== undefined);
  const structured = dosages.map((dosage) => formatDosage(dosage, options)).filter((value) => value !== '');
  const dosageText = texts.length > 0 ? texts.join('; ') : undefined;
  const structuredDosage = structured.length > 0 ? structured.join('; ') : undefined;
  return {
    dosage: structuredDosage ?? dosageText ?? 'No dosage recorded',
    ...(dosageText !== undefined && { dosageText }),
    ...(structuredDosage !== undefined && { structuredDosage }),
    dosageMismatch: dosages.some(dosageTextDisagrees),
    asNeeded: dosages.some((dosage) => dosage.asNeededBoolean === true || dosage.asNeededCodeableConcept !== undefined),
  };
}

function requestPlacement(request: MedicationRequest, start: string | undefined, validityEnd: string | undefined, asOf: number): Placement {
  if (request.status === 'entered-in-error' || request.status === 'draft' || request.status === 'cancelled') return { list: 'excluded', reason: request.status };
  if (typeof request.intent === 'string' && !ORDER_INTENTS.has(request.intent)) return { list: 'excluded', reason: 'not-an-order' };
  switch (request.status) {
    case 'on-hold':
      return { list: 'current', displayStatus: 'Suspended' };
    case 'stopped':
      return { list: 'past', displayStatus: 'Discontinued' };
    case 'completed':
      return { list: 'past', displayStatus: 'Completed' };
    case 'active': {
      const end = endKey(validityEnd);
      if (end !== undefined && end <= asOf) return { list: 'past', displayStatus: 'Completed', expired: true };
      const begins = timeKey(start);
      return { list: 'current', displayStatus: begins !== undefined && begins > asOf ? 'Not started' : 'Started' };
    }
    default:
      return { list: 'current', displayStatus: 'Status unknown' };
  }
}

function statementPlacement(statement: MedicationStatement, start: string | undefined, asOf: number): Placement {
  switch (statement.status) {
    case 'entered-in-error':
      return { list: 'excluded', reason: 'entered-in-error' };
    case 'not-taken':
      return { list: 'excluded', reason: 'not-taken' };
    case 'on-hold':
      return { list: 'current', displayStatus: 'Suspended' };
    case 'stopped':
      return { list: 'past', displayStatus: 'Discontinued' };
    case 'completed':
      return { list: 'past', displayStatus: 'Completed' };
    case 'intended':
      return { list: 'current', displayStatus: 'Not started' };
    case 'active': {
      const begins = timeKey(start);
      return { list: 'current', displayStatus: begins !== undefined && begins > asOf ? 'Not started' : 'Started' };
    }
    default:
      return { list: 'current', displayStatus: 'Status unknown' };
  }
}

async function personName(reference: Reference | undefined, store: ChartStore, cache: Map<string, string | undefined>, options: ResolvedViewOptions): Promise<string | undefined> {
  if (typeof reference !== 'object' || reference === null) return undefined;
  const display = text(reference.display);
  if (display !== undefined) return display;
  const target = typeof reference.reference === 'string' ? reference.reference : undefined;
  if (target === undefined) return undefined;
  if (!cache.has(target)) {
    const match = /(?:^|\/)(Practitioner|Organization|Patient|RelatedPerson)\/([A-Za-z0-9\-.]{1,64})$/.exec(target);
    let name: string | undefined;
    if (match?.[1] && match[2]) {
      try {
        const call = options.signal ? { signal: options.signal } : {};
        const resource: Resource = await store.read(match[1] as 'Practitioner' | 'Organization' | 'Patient' | 'RelatedPerson', match[2], call);
        if (resource.resourceType === 'Organization') name = text(resource.name);
        else if (resource.resourceType === 'Practitioner' || resource.resourceType === 'Patient' || resource.resourceType === 'RelatedPerson') {
          name = formatHumanName(preferredHumanName(resource.name), { locale: options.locale }) || undefined;
        }
      } catch (error) {
        if (options.signal?.aborted) throw error;
      }
    }
    cache.set(target, name);
  }
  return cache.get(target) ?? target;
}

interface Draft {
  readonly item: Omit<MedicationItem, 'duplicates'>;
  readonly list: 'current' | 'past';
}

function written(value: string | undefined, options: ResolvedViewOptions): string {
  return formatInstant(value, { locale: options.locale, timeZone: options.timeZone, style: options.dateStyle, timeStyle: options.timeStyle });
}

async function fromRequest(request: MedicationRequest & { id: string }, context: Context): Promise<Draft | ExcludedMedication> {
  const dosages = objects(request.dosageInstruction);
  const bounds = dosages.map((dosage) => dosage.timing?.repeat?.boundsPeriod).find((period) => text(period?.start) !== undefined || text(period?.end) !== undefined);
  const validity = request.dispenseRequest?.validityPeriod;
  const startDate = text(bounds?.start) ?? text(validity?.start) ?? text(request.authoredOn);
  const endDate = text(bounds?.end) ?? text(validity?.end);
  const placement = requestPlacement(request, startDate, text(validity?.end), context.asOf);
  const reference = `MedicationRequest/${request.id}`;
  if (placement.list === 'excluded') return { reference, reason: placement.reason };
  const medication = await resolveMedication(request, context.store, context.medications, context.options);
  const prescriber = await personName(request.requester, context.store, context.people, context.options);
  return {
    list: placement.list,
    item: {
      id: request.id,
      reference,
      kind: 'prescribed',
      ...medication,
      displayStatus: placement.displayStatus,
      emphasised: placement.displayStatus === 'Suspended',
      status: String(request.status),
      expired: placement.expired === true,
      ...dosageOf(dosages, context.options),
      ...(startDate !== undefined && { startDate }),
      startText: written(startDate, context.options),
      ...(endDate !== undefined && { endDate }),
      endText: written(endDate, context.options),
      ...(prescriber !== undefined && { prescriber }),
      source: itemSource(request, context.sources, context.options),
    },
  };
}

async function fromStatement(statement: MedicationStatement & { id: string }, context: Context): Promise<Draft | ExcludedMedication> {
  const period = statement.effectivePeriod;
  const startDate = text(period?.start) ?? text(statement.effectiveDateTime) ?? text(statement.dateAsserted);
  const endDate = text(period?.end);
  const placement = statementPlacement(statement, startDate, context.asOf);
  const reference = `MedicationStatement/${statement.id}`;
  if (placement.list === 'excluded') return { reference, reason: placement.reason };
  const medication = await resolveMedication(statement, context.store, context.medications, context.options);
  const informant = await personName(statement.informationSource, context.store, context.people, context.options);
  return {
    list: placement.list,
    item: {
      id: statement.id,
      reference,
      kind: 'reported',
      ...medication,
      displayStatus: placement.displayStatus,
      emphasised: placement.displayStatus === 'Suspended',
      status: String(statement.status),
      expired: false,
      ...dosageOf(statement.dosage, context.options),
      ...(startDate !== undefined && { startDate }),
      startText: written(startDate, context.options),
      ...(endDate !== undefined && { endDate }),
      endText: written(endDate, context.options),
      ...(informant !== undefined && { prescriber: informant }),
      source: itemSource(statement, context.sources, context.options),
    },
  };
}

interface Context {
  readonly store: ChartStore;
  readonly options: ResolvedViewOptions;
  readonly asOf: number;
  readonly sources: SourceIndex;
  readonly medications: Map<string, Medication | undefined>;
  readonly people: Map<string, string | undefined>;
}

/** A name reduced for grouping drugs without a code. */
const nameKey = (name: string) => `name|${name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()}`;

/**
 * A patient's medication list, from MedicationRequests (intent order or plan) and
 * MedicationStatements, following the NHS CUI medication rules:
 *
 * - Every line has a status word ({@link MedicationDisplayStatus}); current lines are started,
 *   not started (a start in the future; MedicationStatement `intended`), suspended (`on-hold`) or
 *   of unknown status; past lines are completed (also an active order whose validity period ran
 *   out, marked `expired`: never "discontinued") or discontinued (`stopped`).
 * - Entered-in-error, draft and cancelled requests, proposals and `not-taken` statements are
 *   never listed (they are counted in `excluded`).
 * - Drug names are shown as recorded (contained and referenced Medications resolved), the
 *   dosage as a structured line with the recorded text beside it, and a disagreement between
 *   the two is flagged (`dosageMismatch`), never silently resolved.
 * - Current lines are sorted by start date, newest first; past by end date (or start when the
 *   end is unknown), newest first; current lines for the same drug are grouped as duplicates.
 *
 * A store failure throws the store's typed error.
 *
 * @example
 * const meds = await medicationList(store, patientId, { locale: 'en-GB', timeZone: 'Europe/London' });
 * for (const line of meds.current) console.log(line.name, line.dosage, line.displayStatus);
 *
 * @category Views
 */
export async function medicationList(store: ChartStore, patientId: string, options?: MedicationListOptions): Promise<MedicationList> {
  const resolved = resolveViewOptions(options);
  const call = resolved.signal ? { signal: resolved.signal } : {};
  const [requests, statements] = await Promise.all([
    searchAllPages(store, 'MedicationRequest', { patient: patientId }, call),
    searchAllPages(store, 'MedicationStatement', { patient: patientId }, call),
  ]);
  const context: Context = {
    store,
    options: resolved,
    asOf: resolved.asOf.getTime(),
    sources: await loadSourceIndex(store, patientId, resolved, [...objects(requests), ...objects(statements)]),
    medications: new Map(),
    people: new Map(),
  };
  const drafts: Draft[] = [];
  const excluded: ExcludedMedication[] = [];
  const record = (result: Draft | ExcludedMedication) => ('list' in result ? drafts.push(result) : excluded.push(result));
  for (const request of objects(requests)) {
    if (typeof request.id === 'string') record(await fromRequest(request as MedicationRequest & { id: string }, context));
  }
  for (const statement of objects(statements)) {
    if (typeof statement.id === 'string') record(await fromStatement(statement as MedicationStatement & { id: string }, context));
  }

  const currentDrafts = drafts.filter((draft) => draft.list === 'current').map((draft) => draft.item);
  const groups = new Map<string, { name: string; references: string[] }>();
  for (const item of currentDrafts) {
    const key = item.code ?? nameKey(item.name);
    const group = groups.get(key) ?? { name: item.name, references: [] };
    group.references.push(item.reference);
    groups.set(key, group);
  }
  const withDuplicates = (item: Omit<MedicationItem, 'duplicates'>, current: boolean): MedicationItem => {
    const group = current ? groups.get(item.code ?? nameKey(item.name)) : undefined;
    return { ...item, duplicates: group ? group.references.filter((reference) => reference !== item.reference) : [] };
  };
  const current = currentDrafts.map((item) => withDuplicates(item, true)).sort(newestFirst((item) => timeKey(item.startDate)));
  const past = drafts
    .filter((draft) => draft.list === 'past')
    .map((draft) => withDuplicates(draft.item, false))
    .sort(newestFirst((item) => timeKey(item.endDate) ?? timeKey(item.startDate)));
  const days = options?.recentDays ?? 30;
  const since = context.asOf - days * DAY_MS;
  const count = past.filter((item) => {
    const end = timeKey(item.endDate);
    return end !== undefined && end >= since && end <= context.asOf;
  }).length;
  return {
    current,
    past,
    recentlyStopped: { count, days },
    duplicateGroups: [...groups.values()].filter((group) => group.references.length > 1),
    excluded,
  };
}
