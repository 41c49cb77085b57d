import type { AllergyIntolerance, CodeableConcept, List, Reference } from '@chartwell/fhir';
import { formatCodeableConcept } from '../format/codeable-concept.js';
import { formatInstant } from '../format/instant.js';
import type { ChartStore } from '../store/chart-store.js';
import { isChartStoreError } from '../store/errors.js';
import type { ChartStoreErrorCode } from '../store/errors.js';
import { codeIn, hasCode, objects } from './coded.js';
import { itemSource, loadSourceIndex } from './item-source.js';
import type { ItemSource, SourceIndex } from './item-source.js';
import { searchAllPages } from '../search/all-pages.js';
import { resolveViewOptions } from './view-options.js';
import type { ResolvedViewOptions, ViewOptions } from './view-options.js';

/**
 * The four allergy states, never fewer (NHS CUI PAB-0064..0072):
 * - `known-allergies`: at least one active allergy that is not refuted or entered in error;
 * - `no-known-allergies`: none, and a clinician positively asserted that there are none (an NKA
 *   record or a List with `emptyReason` nilknown);
 * - `not-recorded`: the record was read and holds no current allergy and no such assertion.
 *   Never to be shown as "none";
 * - `unavailable`: the allergies could not be read (store failure, access denied, offline).
 *
 * @category Views
 */
export type AllergyStatus = 'known-allergies' | 'no-known-allergies' | 'not-recorded' | 'unavailable';

/**
 * An allergy's categories, as FHIR codes them.
 *
 * @category Views
 */
export type AllergyCategory = 'food' | 'medication' | 'environment' | 'biologic';

/**
 * How strongly to emphasise an allergy: `high` when its criticality is high or any reaction was
 * severe; `medium` for a moderate reaction or a criticality that could not be assessed; `low`
 * otherwise. Always shown with words or an icon, never by colour alone.
 *
 * @category Views
 */
export type AllergyEmphasis = 'high' | 'medium' | 'low';

/** One recorded reaction. */
export interface AllergyReaction {
  /** The manifestations as recorded (`Anaphylactic reaction`, `Urticaria`). */
  readonly manifestations: readonly string[];
  readonly severity?: 'mild' | 'moderate' | 'severe';
  /** The reaction's own substance, when it names one. */
  readonly substance?: string;
  readonly description?: string;
  /** Onset as recorded (a FHIR dateTime). */
  readonly onset?: string;
}

/**
 * An allergy or intolerance, ready to show.
 *
 * @category Views
 */
export interface AllergyItem {
  readonly id: string;
  /** `AllergyIntolerance/<id>`. */
  readonly reference: string;
  /** The causative agent as recorded (never re-cased); `Unnamed substance` when the record names none. */
  readonly substance: string;
  /** False for a free-text agent: it will not trigger decision support (ADR-0055..0057). */
  readonly coded: boolean;
  readonly categories: readonly AllergyCategory[];
  readonly type?: 'allergy' | 'intolerance';
  /** `active`, `inactive`, `resolved`; `active` when the record leaves it out. */
  readonly clinicalStatus: 'active' | 'inactive' | 'resolved';
  /** The verification status code as recorded (`confirmed`, `unconfirmed`, ...), when there is one. */
  readonly verificationStatus?: string;
  /** True when unconfirmed, or reported by the patient or a relative and not confirmed: show "Unconfirmed". */
  readonly unconfirmed: boolean;
  readonly criticality?: 'low' | 'high' | 'unable-to-assess';
  /** The worst severity across all reactions. */
  readonly worstSeverity?: 'mild' | 'moderate' | 'severe';
  readonly emphasis: AllergyEmphasis;
  readonly reactions: readonly AllergyReaction[];
  /** The manifestations of every reaction, or `Reaction not known`. */
  readonly reactionText: string;
  /** When it was recorded, as recorded, and written in the view's style ("Not recorded" when missing). */
  readonly recordedDate?: string;
  readonly recordedText: string;
  /** Who asserted it or recorded it, as the reference's display, when given. */
  readonly asserter?: string;
  readonly notes: readonly string[];
  readonly source: ItemSource;
}

/** What a no-known-allergies assertion covers. */
export type NoKnownAllergyScope = 'all' | 'medication' | 'food' | 'environment';

/**
 * A clinician's positive statement that the patient has no known allergies (of a scope).
 *
 * @category Views
 */
export interface NoKnownAllergyAssertion {
  /** `AllergyIntolerance/<id>` or `List/<id>`. */
  readonly reference: string;
  readonly scope: NoKnownAllergyScope;
  /** `No known allergies`, `No known drug allergies`, ... */
  readonly label: string;
  /** Who asserted it (asserter, recorder, or the List's source), as the reference's display or the reference. */
  readonly assertedBy?: string;
  /** When, as recorded, and written in the view's style ("Not recorded" when missing). */
  readonly assertedAt?: string;
  readonly assertedAtText: string;
  readonly source: ItemSource;
}

/** Why an allergy record was left out of every list. */
export interface ExcludedAllergy {
  readonly reference: string;
  readonly reason: 'entered-in-error' | 'refuted';
}

/**
 * The allergy summary of a patient: the state, the headline, and the lists behind it.
 *
 * @category Views
 */
export interface AllergySummary {
  readonly status: AllergyStatus;
  /** The headline: `Known allergies`, `No known allergies` (or the assertion's narrower label), `Allergies not recorded`, `Allergies unavailable`. */
  readonly label: string;
  /** Current allergies, most emphasised first, then newest recorded, then by name. Empty unless `known-allergies`. */
  readonly active: readonly AllergyItem[];
  /** Inactive and resolved allergies, kept apart from the current ones (never in a banner). */
  readonly inactive: readonly AllergyItem[];
  /** The assertions behind `no-known-allergies`, newest first. Empty for every other state. */
  readonly assertions: readonly NoKnownAllergyAssertion[];
  /** No-known-allergies assertions that an active allergy has superseded: history, never a state. */
  readonly supersededAssertions: readonly NoKnownAllergyAssertion[];
  /** Records left out: entered in error or refuted. */
  readonly excluded: readonly ExcludedAllergy[];
  /** For `unavailable`: why, with the store error's code (`unknown` for other failures). */
  readonly error?: { readonly code: ChartStoreErrorCode | 'unknown'; readonly message: string };
}

const SNOMED = 'http://snomed.info/sct';
const LOINC = 'http://loinc.org';
const IPS_ABSENT = 'http://hl7.org/fhir/uv/ips/CodeSystem/absent-unknown-uv-ips';
const CLINICAL = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical';
const VERIFICATION = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification';
const LIST_EMPTY_REASON = 'http://terminology.hl7.org/CodeSystem/list-empty-reason';

/** SNOMED CT and IPS codes that assert no known allergies, with what they cover. */
const NO_KNOWN: ReadonlyMap<string, NoKnownAllergyScope> = new Map([
  [`${SNOMED}|716186003`, 'all'], // No known allergy
  [`${SNOMED}|409137002`, 'medication'], // No known drug allergy
  [`${SNOMED}|429625007`, 'food'], // No known food allergy
  [`${SNOMED}|428607008`, 'environment'], // No known environmental allergy
  [`${IPS_ABSENT}|no-known-allergies`, 'all'],
  [`${IPS_ABSENT}|no-known-medication-allergies`, 'medication'],
  [`${IPS_ABSENT}|no-known-food-allergies`, 'food'],
  [`${IPS_ABSENT}|no-known-environmental-allergies`, 'environment'],
]);

/** Codes that say there is no information: not an allergy, not an assertion. */
const NO_INFORMATION = new Set([`${IPS_ABSENT}|no-allergy-info`]);

/** LOINC codes of allergy lists. */
const ALLERGY_LISTS = new Set(['48765-2', '52472-8']);

const SCOPE_LABELS: Record<NoKnownAllergyScope, string> = {
  all: 'No known allergies',
  medication: 'No known drug allergies',
  food: 'No known food allergies',
  environment: 'No known environmental allergies',
};

const STATUS_LABELS: Record<AllergyStatus, string> = {
  'known-allergies': 'Known allergies',
  'no-known-allergies': 'No known allergies',
  'not-recorded': 'Allergies not recorded',
  unavailable: 'Allergies unavailable',
};

const SEVERITY_RANK = { mild: 1, moderate: 2, severe: 3 } as const;
const EMPHASIS_RANK: Record<AllergyEmphasis, number> = { high: 0, medium: 1, low: 2 };
const CATEGORIES = new Set<AllergyCategory>(['food', 'medication', 'environment', 'biologic']);

function codeKeys(concept: CodeableConcept | undefined): string[] {
  if (typeof concept !== 'object' || concept === null || !Array.isArray(concept.coding)) return [];
  return objects(concept.coding).map((coding) => `${coding.system ?? ''}|${coding.code ?? ''}`);
}

/** What an AllergyIntolerance's code asserts: a no-known scope, no information, or neither (a real allergy). */
function negation(allergy: AllergyIntolerance): NoKnownAllergyScope | 'no-information' | undefined {
  for (const key of codeKeys(allergy.code)) {
    const scope = NO_KNOWN.get(key);
    if (scope) return scope;
    if (NO_INFORMATION.has(key)) return 'no-information';
  }
  return undefined;
}

function referenceLabel(reference: Reference | undefined): string | undefined {
  if (typeof reference !== 'object' || reference === null) return undefined;
  if (typeof reference.display === 'string' && reference.display.trim() !== '') return reference.display.trim();
  return typeof reference.reference === 'string' ? reference.reference : undefined;
}

function isPatientReported(reference: Reference | undefined): boolean {
  const text = typeof reference?.reference === 'string' ? reference.reference : '';
  return /(^|\/)(Patient|RelatedPerson)\//.test(text) || reference?.type === 'Patient' || reference?.type === 'RelatedPerson';
}

function clinicalStatusOf(allergy: AllergyIntolerance): AllergyItem['clinicalStatus'] {
  const code = codeIn(allergy.clinicalStatus, CLINICAL) ?? codeIn(allergy.clinicalStatus);
  return code === 'inactive' || code === 'resolved' ? code : 'active';
}

function worstSeverity(reactions: readonly AllergyReaction[]): AllergyItem['worstSeverity'] {
  let worst: AllergyItem['worstSeverity'];
  for (const reaction of reactions) {
    if (reaction.severity && (worst === undefined || SEVERITY_RANK[reaction.severity] > SEVERITY_RANK[worst])) worst = reaction.severity;
  }
  return worst;
}

function emphasisOf(criticality: AllergyItem['criticality'], severity: AllergyItem['worstSeverity']): AllergyEmphasis {
  if (criticality === 'high' || severity === 'severe') return 'high';
  if (criticality === 'unable-to-assess' || severity === 'moderate') return 'medium';
  return 'low';
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function toItem(allergy: AllergyIntolerance & { id: string }, sources: SourceIndex, options: ResolvedViewOptions): AllergyItem {
  const reactions: AllergyReaction[] = objects(allergy.reaction).map((reaction) => {
    const substance = formatCodeableConcept(reaction.substance);
    const severity = reaction.severity === 'mild' || reaction.severity === 'moderate' || reaction.severity === 'severe' ? reaction.severity : undefined;
    const description = text(reaction.description);
    const onset = text(reaction.onset);
    return {
      manifestations: objects(reaction.manifestation).map((concept) => formatCodeableConcept(concept)).filter((name) => name !== ''),
      ...(severity && { severity }),
      ...(substance !== '' && { substance }),
      ...(description !== undefined && { description }),
      ...(onset !== undefined && { onset }),
    };
  });
  const manifestations = reactions.flatMap((reaction) => reaction.manifestations);
  const severity = worstSeverity(reactions);
  const criticality = allergy.criticality === 'low' || allergy.criticality === 'high' || allergy.criticality === 'unable-to-assess' ? allergy.criticality : undefined;
  const verificationStatus = codeIn(allergy.verificationStatus, VERIFICATION) ?? codeIn(allergy.verificationStatus);
  const substance = formatCodeableConcept(allergy.code);
  const coded = objects(allergy.code?.coding).some((coding) => typeof coding.code === 'string' && coding.code.trim() !== '');
  const asserter = referenceLabel(allergy.asserter) ?? referenceLabel(allergy.recorder);
  const recordedDate = text(allergy.recordedDate);
  const categories = Array.isArray(allergy.category) ? allergy.category.filter((category): category is AllergyCategory => CATEGORIES.has(category as AllergyCategory)) : [];
  return {
    id: allergy.id,
    reference: `AllergyIntolerance/${allergy.id}`,
    substance: substance === '' ? 'Unnamed substance' : substance,
    coded,
    categories,
    ...((allergy.type === 'allergy' || allergy.type === 'intolerance') && { type: allergy.type }),
    clinicalStatus: clinicalStatusOf(allergy),
    ...(verificationStatus !== undefined && { verificationStatus }),
    unconfirmed: verificationStatus === 'unconfirmed' || verificationStatus === 'presumed' || (verificationStatus === undefined && isPatientReported(allergy.asserter)),
    ...(criticality && { criticality }),
    ...(severity && { worstSeverity: severity }),
    emphasis: emphasisOf(criticality, severity),
    reactions,
    reactionText: manifestations.length > 0 ? manifestations.join(', ') : 'Reaction not known',
    ...(recordedDate !== undefined && { recordedDate }),
    recordedText: formatInstant(recordedDate, { locale: options.locale, timeZone: options.timeZone, style: options.dateStyle, timeStyle: options.timeStyle }),
    ...(asserter !== undefined && { asserter }),
    notes: objects(allergy.note).map((note) => text(note.text)).filter((note) => note !== undefined),
    source: itemSource(allergy, sources, options),
  };
}

function assertionFromAllergy(allergy: AllergyIntolerance & { id: string }, scope: NoKnownAllergyScope, sources: SourceIndex, options: ResolvedViewOptions): NoKnownAllergyAssertion {
  const assertedBy = referenceLabel(allergy.asserter) ?? referenceLabel(allergy.recorder);
  const assertedAt = text(allergy.recordedDate);
  return {
    reference: `AllergyIntolerance/${allergy.id}`,
    scope,
    label: SCOPE_LABELS[scope],
    ...(assertedBy !== undefined && { assertedBy }),
    ...(assertedAt !== undefined && { assertedAt }),
    assertedAtText: formatInstant(assertedAt, { locale: options.locale, timeZone: options.timeZone, style: options.dateStyle, timeStyle: options.timeStyle }),
    source: itemSource(allergy, sources, options),
  };
}

function assertionFromList(list: List & { id: string }, sources: SourceIndex, options: ResolvedViewOptions): NoKnownAllergyAssertion {
  const assertedBy = referenceLabel(list.source);
  const assertedAt = text(list.date);
  return {
    reference: `List/${list.id}`,
    scope: 'all',
    label: SCOPE_LABELS.all,
    ...(assertedBy !== undefined && { assertedBy }),
    ...(assertedAt !== undefined && { assertedAt }),
    assertedAtText: formatInstant(assertedAt, { locale: options.locale, timeZone: options.timeZone, style: options.dateStyle, timeStyle: options.timeStyle }),
    source: itemSource(list, sources, options),
  };
}

/** An allergy List that positively states nil known: current, empty, `emptyReason` nilknown. */
function isNilKnownAllergyList(list: List): boolean {
  return (
    list.status === 'current' &&
    hasCode(list.code, LOINC, ALLERGY_LISTS) &&
    hasCode(list.emptyReason, LIST_EMPTY_REASON, new Set(['nilknown'])) &&
    objects(list.entry).filter((entry) => entry.deleted !== true).length === 0
  );
}

function byRecordedDescending(a: { assertedAt?: string }, b: { assertedAt?: string }): number {
  return (b.assertedAt ?? '').localeCompare(a.assertedAt ?? '');
}

function compareItems(a: AllergyItem, b: AllergyItem): number {
  return EMPHASIS_RANK[a.emphasis] - EMPHASIS_RANK[b.emphasis] || (b.recordedDate ?? '').localeCompare(a.recordedDate ?? '') || a.substance.localeCompare(b.substance);
}

function unavailable(error: unknown): AllergySummary {
  return {
    status: 'unavailable',
    label: STATUS_LABELS.unavailable,
    active: [],
    inactive: [],
    assertions: [],
    supersededAssertions: [],
    excluded: [],
    error: {
      code: isChartStoreError(error) ? error.code : 'unknown',
      message: error instanceof Error ? error.message : 'The allergies could not be read',
    },
  };
}

/**
 * The allergy summary of a patient, in one of the four states of {@link AllergyStatus}; the most
 * safety-critical view, so its rules are fixed (not configurable):
 *
 * - No-known-allergies comes only from a positive assertion: an AllergyIntolerance coded SNOMED CT
 *   716186003, 409137002, 429625007 or 428607008 or an IPS no-known code, that is active and
 *   neither refuted nor entered in error; or a current, empty allergy List (LOINC 48765-2 or
 *   52472-8) whose `emptyReason` is nilknown. It is reported with who asserted it and when.
 *   An empty search is `not-recorded`, never "none". Such records are never counted as allergies,
 *   and any active allergy supersedes them.
 * - Entered-in-error and refuted records are excluded from every list; unconfirmed ones are
 *   marked; inactive and resolved ones are kept apart.
 * - Emphasis comes from the worst severity across all reactions together with criticality.
 * - If the store fails (denied, offline, broken) the state is `unavailable`, with the error's
 *   code: never `not-recorded`. An aborted `signal` rethrows instead.
 *
 * @example
 * const summary = await allergySummary(store, 'example', { locale: 'en-GB', timeZone: 'Europe/London' });
 * if (summary.status === 'unavailable') showWarning(summary.label);
 *
 * @category Views
 */
export async function allergySummary(store: ChartStore, patientId: string, options?: ViewOptions): Promise<AllergySummary> {
  const resolved = resolveViewOptions(options);
  const call = resolved.signal ? { signal: resolved.signal } : {};
  let allergies: AllergyIntolerance[];
  try {
    allergies = await searchAllPages(store, 'AllergyIntolerance', { patient: patientId }, call);
  } catch (error) {
    if (resolved.signal?.aborted) throw error;
    return unavailable(error);
  }
  let lists: List[] | undefined;
  let listError: unknown;
  try {
    lists = await searchAllPages(store, 'List', { patient: patientId }, call);
  } catch (error) {
    if (resolved.signal?.aborted) throw error;
    listError = error;
  }
  const sources = await loadSourceIndex(store, patientId, resolved, [...objects(allergies), ...objects(lists)]);

  const active: AllergyItem[] = [];
  const inactive: AllergyItem[] = [];
  const excluded: ExcludedAllergy[] = [];
  const assertions: NoKnownAllergyAssertion[] = [];
  for (const allergy of objects(allergies)) {
    if (typeof allergy.id !== 'string') continue;
    const record = allergy as AllergyIntolerance & { id: string };
    const verification = codeIn(record.verificationStatus, VERIFICATION) ?? codeIn(record.verificationStatus);
    if (verification === 'entered-in-error' || verification === 'refuted') {
      excluded.push({ reference: `AllergyIntolerance/${record.id}`, reason: verification });
      continue;
    }
    const negated = negation(record);
    if (negated === 'no-information') continue;
    if (negated !== undefined) {
      if (clinicalStatusOf(record) === 'active') assertions.push(assertionFromAllergy(record, negated, sources, resolved));
      continue;
    }
    const item = toItem(record, sources, resolved);
    (item.clinicalStatus === 'active' ? active : inactive).push(item);
  }
  for (const list of objects(lists)) {
    if (typeof list.id === 'string' && isNilKnownAllergyList(list)) assertions.push(assertionFromList(list as List & { id: string }, sources, resolved));
  }
  active.sort(compareItems);
  inactive.sort(compareItems);
  assertions.sort(byRecordedDescending);

  const base = { active, inactive, excluded };
  if (active.length > 0) {
    return { ...base, status: 'known-allergies', label: STATUS_LABELS['known-allergies'], assertions: [], supersededAssertions: assertions };
  }
  // With no allergy to show, a failed List search could be hiding an assertion: say unavailable.
  if (lists === undefined) return { ...unavailable(listError), inactive, excluded };
  const [latest] = assertions;
  if (latest) {
    const label = assertions.some((assertion) => assertion.scope === 'all') ? SCOPE_LABELS.all : latest.label;
    return { ...base, status: 'no-known-allergies', label, assertions, supersededAssertions: [] };
  }
  return { ...base, status: 'not-recorded', label: STATUS_LABELS['not-recorded'], assertions: [], supersededAssertions: [] };
}
