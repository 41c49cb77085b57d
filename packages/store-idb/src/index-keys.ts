import type { Resource, ResourceType } from '@chartwell/fhir';
import { searchParameters, searchValues } from '@chartwell/core';

/**
 * One entry of the `byKey` index: a search parameter value of a resource, led by a tag that says
 * which key space it belongs to, so that each lookup is one contiguous key range.
 *
 * A resource that belongs to patients (its type has a `patient` search parameter) is keyed first
 * of all under each of its patients, by its `date`, which is how a chart reads it:
 *
 * | tag  | key | for |
 * | ---- | --- | --- |
 * | `p`  | `['p', type, 'Patient/id', start]` | each patient's resources of the type: one key per start of its `date` values (the UTC instant the range begins), or `''` when it has none. A patient's resources are the range `['p', type, patient, *]`, by date a part of it, latest first its end |
 * | `pc` | `['pc', type, 'Patient/id', code]` | a patient's Observations by code (a test's trend) |
 * | `r`  | `['r', type, 'Type/id']` | every other resource a reference parameter (`subject`, `patient`, ...) points to: one key per referenced resource |
 * | `t`  | `['t', type, param, code]` | token parameters of types without a `patient` parameter |
 * | `s`, `e` | `['s', type, param, start]`, `['e', type, param, end]` | date parameters of types without a `patient` parameter, and of the calendar's types (Appointment, Encounter), across patients |
 *
 * The values are those the shared search engine (`searchValues`) reads, so an index lookup finds
 * a superset of what the engine then matches. A clinical resource costs one or two keys to
 * write: a search of a patient's resources by status or code (but an Observation's) reads that
 * patient's resources of the type and filters them; one by code, status or date across all
 * patients reads the type (the embedded store serves a chart, not population queries).
 */
export type IndexKey = string[];

const definitions = searchParameters as unknown as Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/** Types with a `patient` parameter whose dates are also keyed across patients (`s`, `e`): a day's appointments and visits. */
const CALENDAR_TYPES: ReadonlySet<string> = new Set(['Appointment', 'Encounter']);

/** Types whose codes are keyed per patient (`pc`): results, read test by test. */
const PATIENT_CODE_TYPES: ReadonlySet<string> = new Set(['Observation']);

/** The date parameter of a patient's resources that `p` keys carry. */
export const PATIENT_DATE_PARAM = 'date';

/** Whether resources of `type` belong to patients through a `patient` search parameter. */
export function hasPatientParameter(type: string): boolean {
  const params = definitions[type];
  return params !== undefined && 'patient' in params;
}

/** Whether the dates of `type` have `s` and `e` keys (see {@link IndexKey}). */
export function hasDateKeysAcrossPatients(type: string): boolean {
  return !hasPatientParameter(type) || CALENDAR_TYPES.has(type);
}

/** Whether a patient's resources of `type` are keyed by code (`pc`). */
export function hasPatientCodeKeys(type: string): boolean {
  return PATIENT_CODE_TYPES.has(type) && definitions[type] !== undefined && 'code' in (definitions[type] ?? {});
}

/** The `byKey` entries of a resource (see {@link IndexKey}). */
export function indexKeys(stored: { readonly resourceType: string }): IndexKey[] {
  const resource = stored as unknown as Resource;
  const type = stored.resourceType as ResourceType;
  const params = definitions[type];
  if (params === undefined) return [];
  const keys: IndexKey[] = [];
  const owned = 'patient' in params;
  let patients: readonly string[] = [];
  if (owned) {
    const found = searchValues(resource, type, 'patient');
    patients = found?.kind === 'reference' ? found.values : [];
    const dated = PATIENT_DATE_PARAM in params ? searchValues(resource, type, PATIENT_DATE_PARAM) : undefined;
    const starts = dated?.kind === 'date' && dated.values.length > 0 ? [...new Set(dated.values.map((range) => range.start))] : [''];
    for (const patient of patients) for (const start of starts) keys.push(['p', type, patient, start]);
    if (patients.length > 0 && hasPatientCodeKeys(type)) {
      const codes = searchValues(resource, type, 'code');
      if (codes?.kind === 'token') for (const code of new Set(codes.values.map((t) => t.code))) for (const patient of patients) keys.push(['pc', type, patient, code]);
    }
  }
  const acrossPatients = hasDateKeysAcrossPatients(type);
  const references = new Set<string>();
  for (const param of Object.keys(params)) {
    if (param === 'patient' && owned) continue;
    const kind = (params[param] as { type?: string } | undefined)?.type;
    if (kind === 'token' && owned) continue;
    if (kind === 'date' && !acrossPatients) continue;
    const found = searchValues(resource, type, param);
    if (found === undefined) continue;
    if (found.kind === 'reference') {
      for (const reference of found.values) if (!patients.includes(reference)) references.add(reference);
    } else if (found.kind === 'date') {
      for (const { start, end } of found.values) keys.push(['s', type, param, start], ['e', type, param, end]);
    } else {
      for (const code of new Set(found.values.map((t) => t.code))) keys.push(['t', type, param, code]);
    }
  }
  for (const reference of references) keys.push(['r', type, reference]);
  return keys;
}
