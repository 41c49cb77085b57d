import type { HumanName, Identifier, Patient } from '@chartwell/fhir';
import type { ChartStore } from '../store/chart-store.js';
import { codeIn, objects } from './coded.js';
import { searchAllPages } from '../search/all-pages.js';
import { resolveViewOptions } from './view-options.js';
import type { ViewOptions } from './view-options.js';

/**
 * What an identity warning is about.
 *
 * - `missing-mrn`: no current medical record number (v2-0203 `MR`).
 * - `multiple-mrns`: more than one distinct current MRN from the same system.
 * - `duplicate-mrn`: another patient in the store carries the same MRN.
 * - `duplicate-name`: another patient has the same family and first given name (with
 *   `sameBirthDate` when the birth date matches too: a likely duplicate record).
 * - `missing-name`, `missing-birth-date`, `missing-gender`: identity fields not recorded.
 * - `inactive-record`: the record is marked inactive.
 *
 * @category Views
 */
export type IdentityWarningCode =
  | 'missing-mrn'
  | 'multiple-mrns'
  | 'duplicate-mrn'
  | 'duplicate-name'
  | 'missing-name'
  | 'missing-birth-date'
  | 'missing-gender'
  | 'inactive-record';

/**
 * One identity warning, with a sentence to show and the other records concerned.
 *
 * @category Views
 */
export interface IdentityWarning {
  readonly code: IdentityWarningCode;
  readonly message: string;
  /** For duplicates: the other patients (`Patient/<id>`). */
  readonly others?: readonly string[];
  /** For `duplicate-name`: whether some other patient also has the same birth date. */
  readonly sameBirthDate?: boolean;
}

/** Options of {@link identityWarnings}. */
export interface IdentityWarningOptions extends ViewOptions {
  /** Compare with every other patient in the store (names and MRNs); default true. Turn off for stores too large to scan. */
  readonly checkDuplicates?: boolean;
}

const V2_0203 = 'http://terminology.hl7.org/CodeSystem/v2-0203';

/** A name reduced for comparison: no accents, no case, no punctuation or spacing differences. */
function normalize(text: string | null | undefined): string {
  if (typeof text !== 'string') return '';
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

function firstGiven(name: HumanName): string | undefined {
  return Array.isArray(name.given) ? name.given.find((part): part is string => normalize(part) !== '') : undefined;
}

function hasName(name: HumanName): boolean {
  return normalize(name.family) !== '' || normalize(name.text) !== '' || firstGiven(name) !== undefined;
}

/** The comparable keys (`family|first given`) of a patient's names, old names left out. */
function nameKeys(names: readonly HumanName[] | undefined): Set<string> {
  const keys = new Set<string>();
  for (const name of objects(names)) {
    if (name.use === 'old') continue;
    const family = normalize(name.family);
    const given = normalize(firstGiven(name));
    if (family !== '' && given !== '') keys.add(`${family}|${given}`);
  }
  return keys;
}

function mrns(identifiers: readonly Identifier[] | undefined): Identifier[] {
  return objects(identifiers).filter((identifier) => identifier.use !== 'old' && codeIn(identifier.type, V2_0203) === 'MR' && typeof identifier.value === 'string' && identifier.value.trim() !== '');
}

const mrnKey = (identifier: Identifier) => `${identifier.system ?? ''}|${(identifier.value ?? '').trim()}`;

/**
 * Warnings about a patient's identity that a banner or a registration screen should show: a
 * missing or conflicting MRN, missing identity fields, an inactive record, and (unless
 * `checkDuplicates` is false) other patients in the store with the same MRN or a name that
 * looks the same (same family and first given name, ignoring case and accents), which is how
 * wrong-patient errors start. A missing patient or a store failure throws the store's typed error.
 *
 * @example
 * const warnings = await identityWarnings(store, 'example');
 * if (warnings.some((w) => w.code === 'duplicate-name')) showLookalikeWarning();
 *
 * @category Views
 */
export async function identityWarnings(store: ChartStore, patientId: string, options: IdentityWarningOptions = {}): Promise<IdentityWarning[]> {
  const resolved = resolveViewOptions(options);
  const call = resolved.signal ? { signal: resolved.signal } : {};
  const patient = await store.read('Patient', patientId, call);
  const warnings: IdentityWarning[] = [];
  const own = mrns(patient.identifier);
  if (own.length === 0) warnings.push({ code: 'missing-mrn', message: 'No medical record number (MRN) is recorded' });
  const bySystem = new Map<string, Set<string>>();
  for (const identifier of own) {
    const values = bySystem.get(identifier.system ?? '') ?? new Set<string>();
    values.add((identifier.value ?? '').trim());
    bySystem.set(identifier.system ?? '', values);
  }
  if ([...bySystem.values()].some((values) => values.size > 1)) warnings.push({ code: 'multiple-mrns', message: 'More than one medical record number from the same system' });
  const names = nameKeys(patient.name);
  if (!objects(patient.name).some(hasName)) {
    warnings.push({ code: 'missing-name', message: 'No name is recorded' });
  }
  if (typeof patient.birthDate !== 'string' || patient.birthDate.trim() === '') warnings.push({ code: 'missing-birth-date', message: 'No date of birth is recorded' });
  if (typeof patient.gender !== 'string') warnings.push({ code: 'missing-gender', message: 'No gender is recorded' });
  if (patient.active === false) warnings.push({ code: 'inactive-record', message: 'This patient record is marked inactive' });
  if (options.checkDuplicates === false) return warnings;

  const everyone = await searchAllPages(store, 'Patient', {}, call);
  const ownMrns = new Set(own.map(mrnKey));
  const sameMrn: string[] = [];
  const sameName: string[] = [];
  let sameBirthDate = false;
  for (const other of objects<Patient>(everyone)) {
    if (typeof other.id !== 'string' || other.id === patient.id) continue;
    const reference = `Patient/${other.id}`;
    if (mrns(other.identifier).some((identifier) => ownMrns.has(mrnKey(identifier)))) sameMrn.push(reference);
    const otherNames = nameKeys(other.name);
    if ([...names].some((key) => otherNames.has(key))) {
      sameName.push(reference);
      if (typeof patient.birthDate === 'string' && other.birthDate === patient.birthDate) sameBirthDate = true;
    }
  }
  if (sameMrn.length > 0) warnings.push({ code: 'duplicate-mrn', message: 'Another patient record has the same medical record number', others: sameMrn.sort() });
  if (sameName.length > 0) {
    warnings.push({
      code: 'duplicate-name',
      message: sameBirthDate ? 'Another patient has the same name and date of birth: possibly the same person' : 'Another patient has a similar name: check the identity',
      others: sameName.sort(),
      sameBirthDate,
    });
  }
  return warnings;
}
