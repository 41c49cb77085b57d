import { formatAge, formatCalendarDate, formatHumanName, formatInstant, preferredHumanName } from '@chartwell/core';
import type { DateStyle, TimeStyle } from '@chartwell/core';
import type { Identifier, Patient } from '@chartwell/fhir';

/** One patient as `<cw-patient-list>` shows it. */
export interface PatientListRow {
  /** The Patient's id. */
  readonly id: string;
  /** `Patient/<id>`. */
  readonly reference: string;
  /** `FAMILY, Given (Title)` from the preferred name; `''` when the record has no name. */
  readonly name: string;
  /** The birth date as recorded (a FHIR date, possibly partial), when recorded. */
  readonly birthDate?: string;
  /** The birth date in the date style, its precision kept; `''` when not recorded. */
  readonly birthDateText: string;
  /** The age now (`54y`); for the deceased, the age at death when both dates are recorded; `''` when it cannot be told. */
  readonly ageText: string;
  /** `male`, `female`, `other` or `unknown` as recorded. */
  readonly gender?: 'male' | 'female' | 'other' | 'unknown';
  /** The medical record number: the first current identifier typed `MR` (v2-0203), official or usual first. */
  readonly mrn?: string;
  /** The record says the patient has died (`deceasedBoolean` true or a `deceasedDateTime`). */
  readonly deceased: boolean;
  /** When deceased with a date: the date (and time) of death, written in the date style. */
  readonly deceasedText?: string;
  /** The record is marked inactive (`active: false`). */
  readonly inactive: boolean;
}

/** What the rows are computed with. */
export interface PatientRowOptions {
  readonly locale: string;
  readonly timeZone: string;
  readonly dateStyle: DateStyle;
  readonly timeStyle?: TimeStyle;
  /** When ages are taken. */
  readonly asOf: Date;
}

const V2_0203 = 'http://terminology.hl7.org/CodeSystem/v2-0203';

const isMrn = (identifier: Identifier) => identifier.type?.coding?.some((coding) => coding.system === V2_0203 && coding.code === 'MR') === true;

/** Whether an identifier's period has ended before `asOf`, or it is marked old. */
function retired(identifier: Identifier, asOf: Date): boolean {
  if (identifier.use === 'old') return true;
  const end = identifier.period?.end;
  return typeof end === 'string' && Date.parse(end) < asOf.getTime();
}

function mrnOf(patient: Patient, asOf: Date): string | undefined {
  const candidates = (Array.isArray(patient.identifier) ? patient.identifier : []).filter((identifier) => isMrn(identifier) && !retired(identifier, asOf) && typeof identifier.value === 'string' && identifier.value.trim() !== '');
  const chosen = candidates.find((identifier) => identifier.use === 'official' || identifier.use === 'usual') ?? candidates[0];
  return chosen?.value?.trim();
}

/** The age as `formatAge` writes it; `''` for dates it cannot read (a display helper never throws). */
function safeAge(birthDate: string | undefined, asOf: Date | string, timeZone: string): string {
  try {
    return formatAge(birthDate, { asOf, timeZone });
  } catch {
    return '';
  }
}

/** A row of the patient list; never throws on a malformed record (fields it cannot read are left out). */
export function patientListRow(patient: Patient & { id: string }, options: PatientRowOptions): PatientListRow {
  const { locale, timeZone, dateStyle, timeStyle, asOf } = options;
  const birthDate = typeof patient.birthDate === 'string' && patient.birthDate.trim() !== '' ? patient.birthDate.trim() : undefined;
  const deceasedDate = typeof patient.deceasedDateTime === 'string' && patient.deceasedDateTime.trim() !== '' ? patient.deceasedDateTime : undefined;
  const deceased = patient.deceasedBoolean === true || deceasedDate !== undefined;
  const ageText = deceased ? (deceasedDate === undefined ? '' : safeAge(birthDate, deceasedDate, timeZone)) : safeAge(birthDate, asOf, timeZone);
  const gender = patient.gender === 'male' || patient.gender === 'female' || patient.gender === 'other' || patient.gender === 'unknown' ? patient.gender : undefined;
  const mrn = mrnOf(patient, asOf);
  return {
    id: patient.id,
    reference: `Patient/${patient.id}`,
    name: formatHumanName(preferredHumanName(patient.name), { locale, style: 'banner' }),
    ...(birthDate !== undefined && { birthDate }),
    birthDateText: birthDate === undefined ? '' : formatCalendarDate(birthDate, { locale, style: dateStyle }),
    ageText,
    ...(gender !== undefined && { gender }),
    ...(mrn !== undefined && { mrn }),
    deceased,
    ...(deceasedDate !== undefined && { deceasedText: formatInstant(deceasedDate, { locale, timeZone, style: dateStyle, ...(timeStyle && { timeStyle }) }) }),
    inactive: patient.active === false,
  };
}

/** Lower case without accents, so that "maria" finds "María". */
export function foldForSearch(text: string, locale: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .toLocaleLowerCase(locale);
}

/**
 * Whether `row` matches the search text: every word of it is found in the name, the MRN, or the
 * birth date (as recorded, `1972-04-18`, or as shown, `18-Apr-1972`), ignoring case and accents.
 */
export function patientMatches(row: PatientListRow, search: string, locale: string): boolean {
  const words = foldForSearch(search, locale).split(/[\s,]+/).filter((word) => word !== '');
  if (words.length === 0) return true;
  const haystack = foldForSearch([row.name, row.mrn ?? '', row.birthDate ?? '', row.birthDateText].join(' '), locale);
  return words.every((word) => haystack.includes(word));
}
