import type { Address, ContactPoint, Identifier, Patient, Reference } from '@chartwell/fhir';
import { parseDateTime } from '@chartwell/fhir';
import { formatAddress } from '../format/address.js';
import { formatAge } from '../format/age.js';
import { formatCalendarDate } from '../format/calendar-date.js';
import { formatCodeableConcept } from '../format/codeable-concept.js';
import { formatHumanName, preferredHumanName } from '../format/human-name.js';
import { formatInstant } from '../format/instant.js';
import { formatTelecom } from '../format/telecom.js';
import type { ChartStore } from '../store/chart-store.js';
import { codeIn, objects } from './coded.js';
import { itemSource, loadSourceIndex } from './item-source.js';
import type { ItemSource } from './item-source.js';
import { resolveViewOptions } from './view-options.js';
import type { ResolvedViewOptions, ViewOptions } from './view-options.js';

/**
 * What an unknown identity field reads as (NHS CUI PAB-0019: never blank, never `?`).
 *
 * @category Views
 */
export const NOT_KNOWN = 'Not Known';

/** One identifier of the patient, ready to show. */
export interface IdentityIdentifier {
  /** `MRN`, `NHS No.`, `SSN`, the identifier type's words, or `Identifier`. */
  readonly label: string;
  /** The value, in the form people read it (an NHS number in 3-3-4 groups). */
  readonly value: string;
  readonly system?: string;
  /** The v2-0203 type code (`MR`, `SS`, ...), when there is one. */
  readonly typeCode?: string;
  /** The organisation that issued it, when named. */
  readonly assigner?: string;
}

/** A contact person (next of kin, emergency contact). */
export interface IdentityContact {
  /** The contact's name, or the organisation's, or `Not Known`. */
  readonly name: string;
  /** The relationships, as words (`Next-of-Kin`, `Emergency Contact`). */
  readonly relationships: readonly string[];
  readonly telecom: readonly string[];
  readonly address?: string;
}

/**
 * A patient's identity, ready for a banner: NHS CUI PAB order (name, born, gender, identifier)
 * with every field filled (`Not Known` when unknown).
 *
 * @category Views
 */
export interface PatientIdentity {
  readonly id: string;
  /** `Patient/<id>`. */
  readonly reference: string;
  /** `FAMILY, Given (Title)` from the preferred name ({@link preferredHumanName}); `Not Known` without one. */
  readonly bannerName: string;
  /** `Title Given Family Suffix`; `Not Known` without a name. */
  readonly displayName: string;
  /** A usual name or nickname that differs from the display name (shown under it, PAB-0054). */
  readonly preferredName?: string;
  /** The birth date as recorded (a FHIR date, possibly partial). */
  readonly birthDate?: string;
  /** The birth date in the view's date style, precision kept; `Not Known` when missing. */
  readonly birthDateText: string;
  /** The age now by age band (`54y`, `4w 1d`, `45–46y`); for the deceased, the age at death; `Not Known` when it cannot be told. */
  readonly ageText: string;
  /** `male`, `female`, `other`, `unknown` as recorded. */
  readonly gender?: 'male' | 'female' | 'other' | 'unknown';
  /** `Male`, `Female`, `Other`, `Unknown`, or `Not Known` when not recorded. Labelled "Gender", not "Sex". */
  readonly genderText: string;
  /** Sex assigned at birth, from the US Core birth-sex extension (`Male`, `Female`, `Unknown`), when recorded. */
  readonly birthSexText?: string;
  /** The medical record number: the first current MR identifier (official or usual first). */
  readonly mrn?: IdentityIdentifier;
  /** Every current identifier (old ones and ended periods left out), MRN first. */
  readonly identifiers: readonly IdentityIdentifier[];
  readonly deceased: boolean;
  /** When deceased with a date: the date of death, as recorded, and written. */
  readonly deceasedDate?: string;
  readonly deceasedText?: string;
  /** When deceased with both dates: the age at death (`71y`). */
  readonly ageAtDeath?: string;
  /** Current telecom (old and ended ones left out), ordered by rank. */
  readonly telecom: readonly string[];
  /** Current addresses, home first. */
  readonly addresses: readonly string[];
  readonly contacts: readonly IdentityContact[];
  /** The general practitioners (names, or the references when they cannot be read). */
  readonly generalPractitioners: readonly string[];
  /** False when the record is marked inactive (`active: false`). */
  readonly active: boolean;
  readonly source: ItemSource;
}

const V2_0203 = 'http://terminology.hl7.org/CodeSystem/v2-0203';
const NHS_NUMBER = 'https://fhir.nhs.uk/Id/nhs-number';
const BIRTH_TIME = 'http://hl7.org/fhir/StructureDefinition/patient-birthTime';
const BIRTH_SEX = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex';
const BIRTH_SEX_TEXT: Record<string, string> = { M: 'Male', F: 'Female', UNK: 'Unknown' };
const TYPE_LABELS: Record<string, string> = { MR: 'MRN', SS: 'SSN', DL: "Driver's licence", PPN: 'Passport', NH: 'NHS No.' };
const CONTACT_ROLES: Record<string, string> = {
  C: 'Emergency Contact',
  E: 'Employer',
  F: 'Federal Agency',
  I: 'Insurance Company',
  N: 'Next-of-Kin',
  S: 'State Agency',
  U: 'Unknown',
};
const GENDER_TEXT = { male: 'Male', female: 'Female', other: 'Other', unknown: 'Unknown' } as const;

/** Whether a period is over by `asOf` (an end before it). Partial and malformed ends count as not over. */
function ended(period: { end?: string } | undefined, asOf: Date): boolean {
  const end = typeof period?.end === 'string' ? parseDateTime(period.end) : undefined;
  if (!end) return false;
  if (end.precision === 'second') return end.epochMilliseconds < asOf.getTime();
  // a calendar end: over once the whole of its last day has passed (in UTC, conservatively)
  const year = end.year;
  const month = end.month ?? 12;
  const day = end.day ?? new Date(Date.UTC(year, month, 0)).getUTCDate();
  return Date.UTC(year, month - 1, day + 1) <= asOf.getTime();
}

function current<T extends { use?: string; period?: { end?: string } }>(items: readonly T[] | undefined, asOf: Date): T[] {
  return objects(items).filter((item) => item.use !== 'old' && !ended(item.period, asOf));
}

/** An NHS number in its 3-3-4 groups (NUM-0001); other values as recorded. */
function identifierValue(identifier: Identifier): string {
  const value = typeof identifier.value === 'string' ? identifier.value.trim() : '';
  if (identifier.system === NHS_NUMBER && /^\d{10}$/.test(value)) return `${value.slice(0, 3)} ${value.slice(3, 6)} ${value.slice(6)}`;
  return value;
}

function toIdentifier(identifier: Identifier): IdentityIdentifier | undefined {
  const value = identifierValue(identifier);
  if (value === '') return undefined;
  const typeCode = codeIn(identifier.type, V2_0203);
  const label = (identifier.system === NHS_NUMBER ? 'NHS No.' : undefined) ?? (typeCode ? TYPE_LABELS[typeCode] : undefined) ?? (formatCodeableConcept(identifier.type) || 'Identifier');
  const assigner = referenceLabel(identifier.assigner);
  return {
    label,
    value,
    ...(typeof identifier.system === 'string' && { system: identifier.system }),
    ...(typeCode !== undefined && { typeCode }),
    ...(assigner !== undefined && { assigner }),
  };
}

function referenceLabel(reference: Reference | undefined): string | undefined {
  if (typeof reference !== 'object' || reference === null) return undefined;
  if (typeof reference.display === 'string' && reference.display.trim() !== '') return reference.display.trim();
  return typeof reference.reference === 'string' ? reference.reference : undefined;
}

function byRank(a: ContactPoint, b: ContactPoint): number {
  return (typeof a.rank === 'number' ? a.rank : Number.MAX_SAFE_INTEGER) - (typeof b.rank === 'number' ? b.rank : Number.MAX_SAFE_INTEGER);
}

function birthTimeOf(patient: Patient): string | undefined {
  const extension = objects(patient._birthDate?.extension).find((candidate) => candidate.url === BIRTH_TIME);
  return typeof extension?.valueDateTime === 'string' ? extension.valueDateTime : undefined;
}

/** The name of a Practitioner, Organization or PractitionerRole a reference points to, read from the store. */
async function practitionerName(store: ChartStore, reference: Reference, options: ResolvedViewOptions): Promise<string | undefined> {
  const display = typeof reference.display === 'string' && reference.display.trim() !== '' ? reference.display.trim() : undefined;
  if (display !== undefined) return display;
  const match = /(?:^|\/)(Practitioner|Organization)\/([A-Za-z0-9\-.]{1,64})$/.exec(reference.reference ?? '');
  if (!match?.[1] || !match[2]) return referenceLabel(reference);
  try {
    const call = options.signal ? { signal: options.signal } : {};
    if (match[1] === 'Organization') {
      const organization = await store.read('Organization', match[2], call);
      return typeof organization.name === 'string' && organization.name.trim() !== '' ? organization.name.trim() : referenceLabel(reference);
    }
    const practitioner = await store.read('Practitioner', match[2], call);
    return formatHumanName(preferredHumanName(practitioner.name), { locale: options.locale }) || referenceLabel(reference);
  } catch (error) {
    if (options.signal?.aborted) throw error;
    return referenceLabel(reference);
  }
}

/**
 * Builds the identity of a patient record already at hand (see {@link patientIdentity}).
 * @internal
 */
export function identityOf(patient: Patient & { id: string }, generalPractitioners: readonly string[], source: ItemSource, options: ResolvedViewOptions): PatientIdentity {
  const { locale, timeZone, dateStyle, asOf } = options;
  const name = preferredHumanName(patient.name);
  const bannerName = formatHumanName(name, { locale, style: 'banner' }) || NOT_KNOWN;
  const displayName = formatHumanName(name, { locale }) || NOT_KNOWN;
  const usual = objects(patient.name).find((candidate) => candidate !== name && (candidate.use === 'usual' || candidate.use === 'nickname'));
  const preferred = usual ? formatHumanName(usual, { locale }) : '';
  const birthDate = typeof patient.birthDate === 'string' && patient.birthDate.trim() !== '' ? patient.birthDate : undefined;
  const deceasedDate = typeof patient.deceasedDateTime === 'string' && patient.deceasedDateTime.trim() !== '' ? patient.deceasedDateTime : undefined;
  const deceased = patient.deceasedBoolean === true || deceasedDate !== undefined;
  const birthTime = birthTimeOf(patient);
  const age = deceased ? '' : formatAge(birthDate, { asOf, timeZone, ...(birthTime !== undefined && { birthTime }) });
  const ageAtDeath = deceasedDate === undefined ? '' : formatAge(birthDate, { asOf: deceasedDate, timeZone, ...(birthTime !== undefined && { birthTime }) });
  const identifiers = current(patient.identifier, asOf)
    .map(toIdentifier)
    .filter((identifier): identifier is IdentityIdentifier => identifier !== undefined);
  const mrnIdentifiers = current(patient.identifier, asOf).filter((identifier) => codeIn(identifier.type, V2_0203) === 'MR');
  const preferredMrn = mrnIdentifiers.find((identifier) => identifier.use === 'official' || identifier.use === 'usual') ?? mrnIdentifiers[0];
  const mrn = preferredMrn ? toIdentifier(preferredMrn) : undefined;
  const addresses = current<Address>(patient.address, asOf).sort((a, b) => (a.use === 'home' ? 0 : 1) - (b.use === 'home' ? 0 : 1));
  const birthSexCode = objects(patient.extension).find((extension) => extension.url === BIRTH_SEX)?.valueCode;
  const birthSex = typeof birthSexCode === 'string' ? BIRTH_SEX_TEXT[birthSexCode] : undefined;
  const gender = patient.gender === 'male' || patient.gender === 'female' || patient.gender === 'other' || patient.gender === 'unknown' ? patient.gender : undefined;
  return {
    id: patient.id,
    reference: `Patient/${patient.id}`,
    bannerName,
    displayName,
    ...(preferred !== '' && preferred !== displayName && { preferredName: preferred }),
    ...(birthDate !== undefined && { birthDate }),
    birthDateText: birthDate === undefined ? NOT_KNOWN : formatCalendarDate(birthDate, { locale, style: dateStyle }),
    ageText: (deceased ? ageAtDeath : age) || NOT_KNOWN,
    ...(gender !== undefined && { gender }),
    genderText: gender === undefined ? NOT_KNOWN : GENDER_TEXT[gender],
    ...(birthSex !== undefined && { birthSexText: birthSex }),
    ...(mrn !== undefined && { mrn }),
    identifiers: mrn ? [mrn, ...identifiers.filter((identifier) => !(identifier.typeCode === 'MR' && identifier.value === mrn.value && identifier.system === mrn.system))] : identifiers,
    deceased,
    ...(deceasedDate !== undefined && { deceasedDate, deceasedText: formatInstant(deceasedDate, { locale, timeZone, style: dateStyle, timeStyle: options.timeStyle }) }),
    ...(ageAtDeath !== '' && { ageAtDeath }),
    telecom: current(patient.telecom, asOf).sort(byRank).map(formatTelecom).filter((text) => text !== ''),
    addresses: addresses.map(formatAddress).filter((text) => text !== ''),
    contacts: objects(patient.contact)
      .filter((contact) => !ended(contact.period, asOf))
      .map((contact) => {
        const address = formatAddress(contact.address);
        return {
          name: formatHumanName(contact.name, { locale }) || referenceLabel(contact.organization) || NOT_KNOWN,
          relationships: objects(contact.relationship)
            .map((relationship) => {
              const code = codeIn(relationship, 'http://terminology.hl7.org/CodeSystem/v2-0131');
              const words = objects(relationship.coding).some((coding) => typeof coding.display === 'string') || typeof relationship.text === 'string' ? formatCodeableConcept(relationship) : undefined;
              return words ?? (code ? CONTACT_ROLES[code] : undefined) ?? formatCodeableConcept(relationship);
            })
            .filter((text) => text !== ''),
          telecom: current(contact.telecom, asOf).sort(byRank).map(formatTelecom).filter((text) => text !== ''),
          ...(address !== '' && { address }),
        };
      }),
    generalPractitioners,
    active: patient.active !== false,
    source,
  };
}

/**
 * The identity of a patient, ready for a patient banner: names (banner form `FAMILY, Given
 * (Title)`, display form, preferred name), birth date at its own precision and age by age band,
 * gender, MRN and other identifiers, deceased date and age at death, contacts, telecom,
 * addresses and general practitioners. Unknown fields read `Not Known`. A patient who does not
 * exist, or a store failure, throws the store's typed error (NotFoundError, ForbiddenError, ...).
 *
 * @example
 * const identity = await patientIdentity(store, 'example', { locale: 'en-GB', timeZone: 'Europe/London' });
 * identity.bannerName; // 'CHALMERS, Peter James'
 *
 * @category Views
 */
export async function patientIdentity(store: ChartStore, patientId: string, options?: ViewOptions): Promise<PatientIdentity> {
  const resolved = resolveViewOptions(options);
  const call = resolved.signal ? { signal: resolved.signal } : {};
  const patient = await store.read('Patient', patientId, call);
  const generalPractitioners: string[] = [];
  for (const reference of objects(patient.generalPractitioner)) {
    const name = await practitionerName(store, reference, resolved);
    if (name !== undefined) generalPractitioners.push(name);
  }
  const sources = await loadSourceIndex(store, patientId, resolved, [patient]);
  return identityOf({ ...patient, id: patient.id ?? patientId }, generalPractitioners, itemSource(patient, sources, resolved), resolved);
}
