import type { Patient } from '@chartwell/fhir';

/** The demographics patient matching compares, normalised. Missing fields are undefined. */
export interface Demographics {
  /** Family names (lower case, letters only: `o'brien-smith` → `obriensmith`). */
  readonly families: readonly string[];
  /** First given names. */
  readonly givens: readonly string[];
  /** The birth date as recorded, when it is a full `YYYY-MM-DD`. */
  readonly birthDate?: string;
  readonly gender?: string;
  /** Postal codes, the first five characters, upper case, without spaces. */
  readonly postalCodes: readonly string[];
  /** First address lines, normalised (lower case, letters and digits, common words abbreviated). */
  readonly addressLines: readonly string[];
  /** Phone numbers, their last ten digits. */
  readonly phones: readonly string[];
}

const STREET_WORDS: Readonly<Record<string, string>> = {
  street: 'st',
  avenue: 'ave',
  road: 'rd',
  drive: 'dr',
  lane: 'ln',
  boulevard: 'blvd',
  court: 'ct',
  place: 'pl',
  suite: 'ste',
  apartment: 'apt',
  unit: 'unit',
  north: 'n',
  south: 's',
  east: 'e',
  west: 'w',
};

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function objects<T>(value: unknown): T[] {
  return Array.isArray(value) ? value.filter((item): item is T => typeof item === 'object' && item !== null) : [];
}

/**
 * A name for comparison: accents removed, lower case, letters only. Digits go too (Synthea
 * appends them to make its names unique: `Tony656`).
 */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}]/gu, '');
}

/** An address line for comparison: lower case words of letters and digits, street words abbreviated. */
export function normalizeAddressLine(line: string): string {
  return line
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((word) => STREET_WORDS[word] ?? word)
    .join(' ');
}

/** The last ten digits of a phone number (the national number in the NANP), or undefined with fewer than seven. */
export function normalizePhone(phone: string): string | undefined {
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 7 ? digits.slice(-10) : undefined;
}

function unique(values: readonly (string | undefined)[]): string[] {
  return [...new Set(values.filter((value): value is string => value !== undefined && value !== ''))];
}

/** The demographics of a Patient for matching. Total: malformed fields are left out. */
export function demographicsOf(patient: Patient): Demographics {
  const names = objects<{ family?: unknown; given?: unknown; use?: unknown }>(patient.name).filter((name) => name.use !== 'old');
  const addresses = objects<{ postalCode?: unknown; line?: unknown; use?: unknown }>(patient.address).filter((address) => address.use !== 'old');
  const phones = objects<{ system?: unknown; value?: unknown }>(patient.telecom).filter((telecom) => telecom.system === 'phone' || telecom.system === 'sms');
  const birthDate = typeof patient.birthDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(patient.birthDate) ? patient.birthDate : undefined;
  const gender = typeof patient.gender === 'string' && patient.gender !== 'unknown' ? patient.gender : undefined;
  return {
    families: unique(names.map((name) => (typeof name.family === 'string' ? normalizeName(name.family) : undefined))),
    givens: unique(names.map((name) => strings(name.given)[0]).map((given) => (given === undefined ? undefined : normalizeName(given)))),
    ...(birthDate !== undefined && { birthDate }),
    ...(gender !== undefined && { gender }),
    postalCodes: unique(addresses.map((address) => (typeof address.postalCode === 'string' ? address.postalCode.replace(/\s+/g, '').toUpperCase().slice(0, 5) : undefined))),
    addressLines: unique(addresses.map((address) => strings(address.line)[0]).map((line) => (line === undefined ? undefined : normalizeAddressLine(line)))),
    phones: unique(phones.map((phone) => (typeof phone.value === 'string' ? normalizePhone(phone.value) : undefined))),
  };
}
