import type { Age, CodeableConcept, Condition, Patient, Period, Procedure, Range } from '@chartwell/fhir';
import { formatAge } from '../format/age.js';
import { formatCode, formatCodeableConcept } from '../format/codeable-concept.js';
import { NOT_RECORDED } from '../format/format-options.js';
import { formatInstant } from '../format/instant.js';
import { formatPeriod } from '../format/period.js';
import { formatQuantity } from '../format/quantity.js';
import type { ChartStore } from '../store/chart-store.js';
import { isChartStoreError } from '../store/errors.js';
import { codeIn, objects } from './coded.js';
import { itemSource, loadSourceIndex } from './item-source.js';
import type { ItemSource, SourceIndex } from './item-source.js';
import { searchAllPages } from '../search/all-pages.js';
import { newestFirst, timeKey } from './time-key.js';
import { resolveViewOptions } from './view-options.js';
import type { ResolvedViewOptions, ViewOptions } from './view-options.js';

/**
 * Which list a Condition belongs to (FHIR condition-category): a problem-list item, an
 * encounter diagnosis, a health concern (US Core), or none recorded.
 *
 * @category Views
 */
export type ConditionCategory = 'problem-list-item' | 'encounter-diagnosis' | 'health-concern' | 'uncategorised';

/**
 * One Condition, ready to show.
 *
 * @category Views
 */
export interface ConditionItem {
  readonly id: string;
  /** `Condition/<id>`. */
  readonly reference: string;
  /** The condition as recorded; `Unnamed condition` when the record names none. */
  readonly name: string;
  /** Its codes with system short names (`SNOMED CT 15777000`, `ICD-10-CM Z38.00`). */
  readonly codes: readonly string[];
  readonly category: ConditionCategory;
  /** The FHIR clinical status; `unknown` when the record leaves it out. */
  readonly clinicalStatus: 'active' | 'recurrence' | 'relapse' | 'inactive' | 'remission' | 'resolved' | 'unknown';
  /** `Active`, `Recurrence`, `Relapse`, `Inactive`, `Remission`, `Resolved` or `Status unknown`. */
  readonly statusText: string;
  /** The verification status code as recorded. */
  readonly verificationStatus?: string;
  /** True for unconfirmed, provisional and differential diagnoses: show it. */
  readonly unconfirmed: boolean;
  readonly severity?: string;
  readonly bodySites: readonly string[];
  /** The onset as written: a date at its own precision, an age, a period, a range or the recorded words; `Not recorded` when missing. */
  readonly onsetText: string;
  /** The patient's age at a dated onset (`47y`), from the birth date. */
  readonly onsetAgeText?: string;
  /** The abatement, written like the onset; `Not recorded` when missing. */
  readonly abatementText: string;
  readonly abatementAgeText?: string;
  readonly recordedText: string;
  readonly asserter?: string;
  readonly notes: readonly string[];
  readonly source: ItemSource;
}

/**
 * One Procedure of the treatment history, ready to show.
 *
 * @category Views
 */
export interface ProcedureItem {
  readonly id: string;
  /** `Procedure/<id>`. */
  readonly reference: string;
  readonly name: string;
  readonly codes: readonly string[];
  /** The FHIR status as recorded. */
  readonly status: string;
  /** `Completed`, `In progress`, `Stopped`, `On hold`, `In preparation` or `Status unknown`. */
  readonly statusText: string;
  /** When it was performed, written (a date, a period, an age or the recorded words); `Not recorded` when missing. */
  readonly performedText: string;
  readonly performedAgeText?: string;
  readonly performers: readonly string[];
  readonly reasons: readonly string[];
  readonly bodySites: readonly string[];
  readonly notes: readonly string[];
  readonly source: ItemSource;
}

/** Why a record is in no list. */
export interface ExcludedRecord {
  readonly reference: string;
  readonly reason: 'entered-in-error' | 'refuted' | 'not-done';
}

/**
 * A patient's problems and treatment history.
 *
 * @category Views
 */
export interface ProblemList {
  /** Active, recurring and relapsed conditions (and those of unknown status) that are not encounter diagnoses, newest onset first. */
  readonly activeProblems: readonly ConditionItem[];
  /** Active encounter diagnoses, newest onset first. */
  readonly activeEncounterDiagnoses: readonly ConditionItem[];
  /** Inactive, remitted and resolved conditions of any category: the history, newest abatement first. */
  readonly resolved: readonly ConditionItem[];
  /** Procedures, newest first. */
  readonly procedures: readonly ProcedureItem[];
  /** Records left out: entered in error, refuted, not done. */
  readonly excluded: readonly ExcludedRecord[];
}

const CLINICAL = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
const VERIFICATION = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';
const CATEGORY = 'http://terminology.hl7.org/CodeSystem/condition-category';
const US_CORE_CATEGORY = 'http://hl7.org/fhir/us/core/CodeSystem/condition-category';
const STATUS_TEXT: Record<ConditionItem['clinicalStatus'], string> = {
  active: 'Active',
  recurrence: 'Recurrence',
  relapse: 'Relapse',
  inactive: 'Inactive',
  remission: 'Remission',
  resolved: 'Resolved',
  unknown: 'Status unknown',
};
const PROCEDURE_TEXT: Record<string, string> = {
  completed: 'Completed',
  'in-progress': 'In progress',
  stopped: 'Stopped',
  'on-hold': 'On hold',
  preparation: 'In preparation',
};
const CURRENT = new Set(['active', 'recurrence', 'relapse', 'unknown']);

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function codesOf(concept: CodeableConcept | undefined): string[] {
  return objects(concept?.coding)
    .map(formatCode)
    .filter((code) => code !== '');
}

function categoryOf(condition: Condition): ConditionCategory {
  for (const concept of objects(condition.category)) {
    const code = codeIn(concept, CATEGORY) ?? codeIn(concept, US_CORE_CATEGORY);
    if (code === 'problem-list-item' || code === 'encounter-diagnosis' || code === 'health-concern') return code;
  }
  return 'uncategorised';
}

interface TimeChoice {
  readonly dateTime?: string;
  readonly age?: Age;
  readonly period?: Period;
  readonly range?: Range;
  readonly string?: string;
}

function writtenTime(choice: TimeChoice, options: ResolvedViewOptions): string {
  const style = { locale: options.locale, timeZone: options.timeZone, style: options.dateStyle, timeStyle: options.timeStyle };
  if (text(choice.dateTime) !== undefined) return formatInstant(choice.dateTime, style);
  const age = formatQuantity(choice.age, options);
  if (age !== '') return `At age ${age}`;
  if (choice.period && (text(choice.period.start) !== undefined || text(choice.period.end) !== undefined)) return formatPeriod(choice.period, style);
  const low = formatQuantity(choice.range?.low, options);
  const high = formatQuantity(choice.range?.high, options);
  if (low !== '' || high !== '') return low !== '' && high !== '' ? `At age ${low} to ${high}` : low !== '' ? `At age ${low} or over` : `At age up to ${high}`;
  const words = text(choice.string);
  return words ?? NOT_RECORDED;
}

function ageAt(birthDate: string | undefined, when: string | undefined, options: ResolvedViewOptions): string | undefined {
  if (birthDate === undefined || text(when) === undefined) return undefined;
  const age = formatAge(birthDate, { asOf: when as string, timeZone: options.timeZone });
  return age === '' ? undefined : age;
}

function referenceLabel(reference: { display?: string; reference?: string } | undefined): string | undefined {
  if (typeof reference !== 'object' || reference === null) return undefined;
  return text(reference.display) ?? text(reference.reference);
}

function notesOf(notes: readonly { text?: string }[] | undefined): string[] {
  return objects(notes)
    .map((note) => text(note.text))
    .filter((note) => note !== undefined);
}

function toCondition(condition: Condition & { id: string }, birthDate: string | undefined, sources: SourceIndex, options: ResolvedViewOptions): ConditionItem {
  const status = codeIn(condition.clinicalStatus, CLINICAL) ?? codeIn(condition.clinicalStatus);
  const clinicalStatus = status !== undefined && status in STATUS_TEXT ? (status as ConditionItem['clinicalStatus']) : 'unknown';
  const verificationStatus = codeIn(condition.verificationStatus, VERIFICATION) ?? codeIn(condition.verificationStatus);
  const severity = formatCodeableConcept(condition.severity);
  const asserter = referenceLabel(condition.asserter) ?? referenceLabel(condition.recorder);
  const onsetAge = ageAt(birthDate, condition.onsetDateTime ?? condition.onsetPeriod?.start, options);
  const abatementAge = ageAt(birthDate, condition.abatementDateTime ?? condition.abatementPeriod?.start, options);
  return {
    id: condition.id,
    reference: `Condition/${condition.id}`,
    name: formatCodeableConcept(condition.code) || 'Unnamed condition',
    codes: codesOf(condition.code),
    category: categoryOf(condition),
    clinicalStatus,
    statusText: STATUS_TEXT[clinicalStatus],
    ...(verificationStatus !== undefined && { verificationStatus }),
    unconfirmed: verificationStatus === 'unconfirmed' || verificationStatus === 'provisional' || verificationStatus === 'differential',
    ...(severity !== '' && { severity }),
    bodySites: objects(condition.bodySite)
      .map((site) => formatCodeableConcept(site))
      .filter((site) => site !== ''),
    onsetText: writtenTime({ dateTime: condition.onsetDateTime, age: condition.onsetAge, period: condition.onsetPeriod, range: condition.onsetRange, string: condition.onsetString }, options),
    ...(onsetAge !== undefined && { onsetAgeText: onsetAge }),
    abatementText: writtenTime(
      {
        dateTime: condition.abatementDateTime,
        age: condition.abatementAge,
        period: condition.abatementPeriod,
        range: condition.abatementRange,
        string: condition.abatementString,
      },
      options,
    ),
    ...(abatementAge !== undefined && { abatementAgeText: abatementAge }),
    recordedText: formatInstant(condition.recordedDate, { locale: options.locale, timeZone: options.timeZone, style: options.dateStyle, timeStyle: options.timeStyle }),
    ...(asserter !== undefined && { asserter }),
    notes: notesOf(condition.note),
    source: itemSource(condition, sources, options),
  };
}

function toProcedure(procedure: Procedure & { id: string }, birthDate: string | undefined, sources: SourceIndex, options: ResolvedViewOptions): ProcedureItem {
  const status = String(procedure.status ?? 'unknown');
  const performedAge = ageAt(birthDate, procedure.performedDateTime ?? procedure.performedPeriod?.start, options);
  return {
    id: procedure.id,
    reference: `Procedure/${procedure.id}`,
    name: formatCodeableConcept(procedure.code) || 'Unnamed procedure',
    codes: codesOf(procedure.code),
    status,
    statusText: PROCEDURE_TEXT[status] ?? 'Status unknown',
    performedText: writtenTime({ dateTime: procedure.performedDateTime, age: procedure.performedAge, period: procedure.performedPeriod, range: procedure.performedRange, string: procedure.performedString }, options),
    ...(performedAge !== undefined && { performedAgeText: performedAge }),
    performers: objects(procedure.performer)
      .map((performer) => referenceLabel(performer.actor))
      .filter((name) => name !== undefined),
    reasons: [...objects(procedure.reasonCode).map((reason) => formatCodeableConcept(reason)), ...objects(procedure.reasonReference).map((reason) => referenceLabel(reason) ?? '')].filter((reason) => reason !== ''),
    bodySites: objects(procedure.bodySite)
      .map((site) => formatCodeableConcept(site))
      .filter((site) => site !== ''),
    notes: notesOf(procedure.note),
    source: itemSource(procedure, sources, options),
  };
}

const conditionStart = (condition: Condition) => timeKey(condition.onsetDateTime) ?? timeKey(condition.onsetPeriod?.start) ?? timeKey(condition.recordedDate);
const conditionEnd = (condition: Condition) => timeKey(condition.abatementDateTime) ?? timeKey(condition.abatementPeriod?.end) ?? conditionStart(condition);
const procedureTime = (procedure: Procedure) => timeKey(procedure.performedDateTime) ?? timeKey(procedure.performedPeriod?.start) ?? timeKey(procedure.performedPeriod?.end);

/**
 * A patient's problem list and treatment history: Conditions split into active problems
 * (active, recurrence, relapse; and unknown status, shown rather than hidden), active encounter
 * diagnoses, and the resolved history (inactive, remission, resolved); Procedures as treatment
 * history. Onset and abatement keep what was recorded: a partial date stays partial, an age is
 * an age, words are words; with the patient's birth date, dated onsets also give the age then.
 * Entered-in-error and refuted conditions and not-done procedures are left out (see `excluded`).
 * Unconfirmed, provisional and differential diagnoses are marked. A store failure throws the
 * store's typed error.
 *
 * @example
 * const problems = await problemList(store, patientId, { locale: 'en-GB', timeZone: 'Europe/London' });
 * problems.activeProblems.map((p) => `${p.name} (since ${p.onsetText})`);
 *
 * @category Views
 */
export async function problemList(store: ChartStore, patientId: string, options?: ViewOptions): Promise<ProblemList> {
  const resolved = resolveViewOptions(options);
  const call = resolved.signal ? { signal: resolved.signal } : {};
  const [conditions, procedures] = await Promise.all([searchAllPages(store, 'Condition', { patient: patientId }, call), searchAllPages(store, 'Procedure', { patient: patientId }, call)]);
  let patient: Patient | undefined;
  try {
    patient = await store.read('Patient', patientId, call);
  } catch (error) {
    if (!isChartStoreError(error, 'not-found') || resolved.signal?.aborted) throw error;
  }
  const birthDate = text(patient?.birthDate);
  const sources = await loadSourceIndex(store, patientId, resolved, [...objects(conditions), ...objects(procedures)]);

  const excluded: ExcludedRecord[] = [];
  const current: Condition[] = [];
  const past: Condition[] = [];
  for (const condition of objects(conditions)) {
    if (typeof condition.id !== 'string') continue;
    const verification = codeIn(condition.verificationStatus, VERIFICATION) ?? codeIn(condition.verificationStatus);
    if (verification === 'entered-in-error' || verification === 'refuted') {
      excluded.push({ reference: `Condition/${condition.id}`, reason: verification });
      continue;
    }
    const status = codeIn(condition.clinicalStatus, CLINICAL) ?? codeIn(condition.clinicalStatus) ?? 'unknown';
    (CURRENT.has(status) || !(status in STATUS_TEXT) ? current : past).push(condition);
  }
  const item = (condition: Condition) => toCondition(condition as Condition & { id: string }, birthDate, sources, resolved);
  current.sort(newestFirst(conditionStart));
  past.sort(newestFirst(conditionEnd));
  const activeItems = current.map(item);

  const history: Procedure[] = [];
  for (const procedure of objects(procedures)) {
    if (typeof procedure.id !== 'string') continue;
    if (procedure.status === 'entered-in-error' || procedure.status === 'not-done') {
      excluded.push({ reference: `Procedure/${procedure.id}`, reason: procedure.status });
      continue;
    }
    history.push(procedure);
  }
  history.sort(newestFirst(procedureTime));

  return {
    activeProblems: activeItems.filter((condition) => condition.category !== 'encounter-diagnosis'),
    activeEncounterDiagnoses: activeItems.filter((condition) => condition.category === 'encounter-diagnosis'),
    resolved: past.map(item),
    procedures: history.map((procedure) => toProcedure(procedure as Procedure & { id: string }, birthDate, sources, resolved)),
    excluded,
  };
}
