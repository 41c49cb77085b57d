import type { Resource, ResourceType } from '@chartwell/fhir';
import { searchParameters, searchValues } from '@chartwell/core';

/**
 * One entry of the `byKey` index: a search parameter value of a resource, led by a tag that says
 * which of five key spaces it belongs to, so that each lookup is one contiguous key range:
 *
 * | tag  | key                                   | for                                                        |
 * | ---- | ------------------------------------- | ---------------------------------------------------------- |
 * | `r`  | `['r', type, 'Type/id']`              | reference parameters (`patient`, `subject`, ...): one key per referenced resource, whichever parameter refers to it |
 * | `t`  | `['t', type, param, code]`            | token parameters of types without a `patient` parameter    |
 * | `pt` | `['pt', type, 'Patient/id', param, code]` | token parameters of a patient's resources (`status`, `code`, `clinical-status`) |
 * | `s`/`e` | `['s', type, param, start]`, `['e', type, param, end]` | date parameters of types without a `patient` parameter, and of the calendar's types (Appointment, Encounter): the UTC instants that bound the range a value covers |
 * | `ps` | `['ps', type, 'Patient/id', param, start]` | a patient's resources by date (and sorted by it)       |
 *
 * The values are those the shared search engine (`searchValues`) reads, so an index lookup finds
 * a superset of what the engine then matches. Tokens of a type with a `patient` parameter are only
 * keyed per patient: a search for them without a patient reads the type (a chart always asks for
 * one patient's data, and it halves the keys each clinical resource costs to write). For the same
 * reason their dates are keyed per patient only (`ps`), but for Appointments and Encounters, which
 * a clinic lists by day across patients.
 */
export type IndexKey = string[];

const definitions = searchParameters as unknown as Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/** Types with a `patient` parameter whose dates are also keyed across patients (`s`, `e`): a day's appointments and visits. */
const CALENDAR_TYPES: ReadonlySet<string> = new Set(['Appointment', 'Encounter']);

/** Whether the dates of `type` have `s` and `e` keys (see {@link IndexKey}). */
export function hasDateKeysAcrossPatients(type: string): boolean {
  return !hasPatientParameter(type) || CALENDAR_TYPES.has(type);
}

/** Whether resources of `type` belong to patients through a `patient` search parameter. */
export function hasPatientParameter(type: string): boolean {
  const params = definitions[type];
  return params !== undefined && 'patient' in params;
}

/** The `byKey` entries of a resource (see {@link IndexKey}). */
export function indexKeys(stored: { readonly resourceType: string }): IndexKey[] {
  const resource = stored as unknown as Resource;
  const type = stored.resourceType as ResourceType;
  const params = definitions[type];
  if (params === undefined) return [];
  const keys: IndexKey[] = [];
  const owned = 'patient' in params ? searchValues(resource, type, 'patient') : undefined;
  // undefined for a type without a `patient` parameter; maybe empty for one with it
  const patients = 'patient' in params ? (owned?.kind === 'reference' ? owned.values : []) : undefined;
  const references = new Set<string>();
  const acrossPatients = hasDateKeysAcrossPatients(type);
  for (const param of Object.keys(params)) {
    const found = searchValues(resource, type, param);
    if (found === undefined) continue;
    if (found.kind === 'reference') {
      for (const reference of found.values) references.add(reference);
    } else if (found.kind === 'date') {
      for (const { start, end } of found.values) {
        if (acrossPatients) keys.push(['s', type, param, start], ['e', type, param, end]);
        if (patients) for (const patient of patients) keys.push(['ps', type, patient, param, start]);
      }
    } else {
      const codes = new Set(found.values.map((t) => t.code));
      for (const code of codes) {
        if (patients) for (const patient of patients) keys.push(['pt', type, patient, param, code]);
        else keys.push(['t', type, param, code]);
      }
    }
  }
  for (const reference of references) keys.push(['r', type, reference]);
  return keys;
}
