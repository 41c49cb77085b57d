import type { Address, CodeableConcept, Coding, ContactPoint, HumanName, Identifier, Period } from '@chartwell/fhir';
import { parseDateTime } from '@chartwell/fhir';
import type { Hl7v2Component, Hl7v2Field, Hl7v2Repetition } from '../field.js';
import { codeSystemUri } from './coding-systems.js';

// HL7 v2 data types to FHIR data types. Each function takes one repetition (or component) and
// gives `undefined` when it holds nothing usable; none throws. Internal to the converter.

/** Options that fill in what a message leaves implicit. */
export interface DatatypeOptions {
  /** Identifier.system for an assigning authority known only by its namespace ID (CX-4.1, HD-1): `{ GHH: 'urn:oid:…' }`. */
  readonly identifierSystems?: Readonly<Record<string, string>>;
  /** The UTC offset (`+02:00`) of times written without one; without it such times keep only their date. */
  readonly defaultTimeZone?: string;
}

/** `""` is HL7's explicit null; both it and the empty string mean "nothing here" for the converter. */
export function text(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  return trimmed === '' || trimmed === '""' ? undefined : trimmed;
}

const DTM = /^(\d{4})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:\.(\d{1,4}))?)?)?)?)?)?([+-]\d{4})?$/;

/**
 * An HL7 v2 DTM/TS/DT (`YYYY[MM[DD[HH[MM[SS[.S]]]]]][±ZZZZ]`) as a FHIR dateTime: a time is
 * kept (seconds filled in) when the offset is known, from the value or `defaultTimeZone`;
 * otherwise only the date. `undefined` when the value is not a valid date.
 */
export function dateTime(value: string | undefined, options: DatatypeOptions = {}): string | undefined {
  const raw = text(value);
  if (raw === undefined) return undefined;
  const match = DTM.exec(raw);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction, offset] = match;
  let date = year ?? '';
  if (month !== undefined) date += `-${month}`;
  if (day !== undefined) date += `-${day}`;
  const zone = offset !== undefined ? `${offset.slice(0, 3)}:${offset.slice(3)}` : options.defaultTimeZone;
  const result = hour !== undefined && day !== undefined && zone !== undefined ? `${date}T${hour}:${minute ?? '00'}:${second ?? '00'}${fraction !== undefined ? `.${fraction}` : ''}${zone}` : date;
  return parseDateTime(result) === undefined ? undefined : result;
}

/** The date part only (`YYYY-MM-DD`, or less precise), for birth dates. */
export function date(value: string | undefined): string | undefined {
  const full = dateTime(text(value)?.replace(/[+-]\d{4}$/, '').slice(0, 8));
  return full;
}

/** A dateTime with a time and an offset (what an `instant` needs), else `undefined`. */
export function instant(value: string | undefined, options: DatatypeOptions = {}): string | undefined {
  const result = dateTime(value, options);
  return result?.includes('T') ? result : undefined;
}

function period(start: string | undefined, end: string | undefined, options: DatatypeOptions): Period | undefined {
  const p: Period = {};
  const s = dateTime(start, options);
  const e = dateTime(end, options);
  if (s !== undefined) p.start = s;
  if (e !== undefined) p.end = e;
  return s === undefined && e === undefined ? undefined : p;
}

/** CWE/CE/CNE: the primary and alternate codings, and the original text (CWE-9) or the first display as text. */
export function codeableConcept(repetition: Hl7v2Repetition | undefined): CodeableConcept | undefined {
  if (!repetition) return undefined;
  const coding: Coding[] = [];
  for (const first of [1, 4, 10]) {
    const c = codingAt(repetition, first);
    if (c) coding.push(c);
  }
  const concept: CodeableConcept = {};
  if (coding.length > 0) concept.coding = coding;
  // the original text (CWE-9), else the display, else (no coding at all) the bare identifier
  const label = text(repetition.component(9).value) ?? text(repetition.component(2).value) ?? (coding.length === 0 ? text(repetition.component(1).value) : undefined);
  if (label !== undefined) concept.text = label;
  return concept.coding === undefined && concept.text === undefined ? undefined : concept;
}

/** The coding at CWE-1..3 (first = 1), CWE-4..6 (4) or CWE-10..12 (10), with the system version when given. */
function codingAt(repetition: Hl7v2Repetition, first: number): Coding | undefined {
  const code = text(repetition.component(first).value);
  const display = text(repetition.component(first + 1).value);
  if (code === undefined) return undefined;
  const coding: Coding = {};
  const system = codeSystemUri(text(repetition.component(first + 2).value));
  if (system !== undefined) coding.system = system;
  coding.code = code;
  if (display !== undefined) coding.display = display;
  return coding;
}

/** A coding in a fixed system, from a code (ID/IS) and an optional display. */
export function codingIn(system: string, code: string | undefined, display?: string): Coding | undefined {
  const c = text(code);
  if (c === undefined) return undefined;
  return display === undefined ? { system, code: c } : { system, code: c, display };
}

/** The system of an assigning authority (HD): an ISO OID, a UUID, a URI, or the namespace from `identifierSystems`. */
export function authoritySystem(namespace: string | undefined, universalId: string | undefined, universalIdType: string | undefined, options: DatatypeOptions): string | undefined {
  const id = text(universalId);
  const type = text(universalIdType)?.toUpperCase();
  if (id !== undefined) {
    if (type === 'ISO' || /^[0-2](\.(0|[1-9]\d*))+$/.test(id)) return /^[0-2](\.(0|[1-9]\d*))+$/.test(id) ? `urn:oid:${id}` : undefined;
    if (type === 'UUID' || /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return `urn:uuid:${id.toLowerCase()}`;
    if (type === 'URI' || /^[a-z][a-z0-9+.-]*:\S+$/i.test(id)) return id;
  }
  const ns = text(namespace);
  return ns === undefined ? undefined : options.identifierSystems?.[ns];
}

const IDENTIFIER_TYPE = 'http://terminology.hl7.org/CodeSystem/v2-0203';

/**
 * CX (PID-3, PV1-19, …): value (CX-1), system from the assigning authority (CX-4), type
 * (CX-5, table 0203), assigner (CX-4 namespace, else the assigning facility CX-6) and period (CX-7/8).
 */
export function identifierFromCx(repetition: Hl7v2Repetition, options: DatatypeOptions): Identifier | undefined {
  const value = text(repetition.component(1).value);
  if (value === undefined) return undefined;
  const authority = repetition.component(4);
  const identifier: Identifier = {};
  const type = text(repetition.component(5).value);
  if (type !== undefined) identifier.type = { coding: [{ system: IDENTIFIER_TYPE, code: type }] };
  const system = authoritySystem(authority.subcomponent(1), authority.subcomponent(2), authority.subcomponent(3), options);
  if (system !== undefined) identifier.system = system;
  identifier.value = value;
  const p = period(repetition.component(7).value, repetition.component(8).value, options);
  if (p) identifier.period = p;
  const assigner = text(authority.subcomponent(1)) ?? text(repetition.component(6).subcomponent(1));
  if (assigner !== undefined) identifier.assigner = { display: assigner };
  return identifier;
}

/** EI (OBR-2, OBR-3, OBX-21, …): entity ID and the namespace or universal ID of its assigner. */
export function identifierFromEi(repetition: Hl7v2Repetition, options: DatatypeOptions, type?: string): Identifier | undefined {
  const value = text(repetition.component(1).value);
  if (value === undefined) return undefined;
  const identifier: Identifier = {};
  if (type !== undefined) identifier.type = { coding: [{ system: IDENTIFIER_TYPE, code: type }] };
  const system = authoritySystem(repetition.component(2).value, repetition.component(3).value, repetition.component(4).value, options);
  if (system !== undefined) identifier.system = system;
  identifier.value = value;
  const assigner = text(repetition.component(2).value);
  if (assigner !== undefined) identifier.assigner = { display: assigner };
  return identifier;
}

const NAME_USE: Readonly<Record<string, HumanName['use']>> = { L: 'official', D: 'usual', M: 'maiden', N: 'nickname', A: 'usual', B: 'official', C: 'official', S: 'anonymous', T: 'temp', U: 'temp', P: 'usual', R: 'official' };

/** XPN (PID-5) or the name part of XCN (first = 2): family, given and middle names, prefix, suffixes and degree, use (table 0200). */
export function humanName(repetition: Hl7v2Repetition, first = 1, options: DatatypeOptions = {}): HumanName | undefined {
  const at = (n: number) => repetition.component(first + n - 1);
  const name: HumanName = {};
  const family = text(at(1).subcomponent(1));
  const given = [text(at(2).value), text(at(3).value)].filter((g): g is string => g !== undefined);
  const suffix = [text(at(4).value), text(at(6).value)].filter((s): s is string => s !== undefined);
  const prefix = text(at(5).value);
  if (family !== undefined) name.family = family;
  if (given.length > 0) name.given = given;
  if (prefix !== undefined) name.prefix = [prefix];
  if (suffix.length > 0) name.suffix = suffix;
  if (name.family === undefined && name.given === undefined) return undefined;
  // XPN-7 name type; XCN-10 for a provider's name
  const use = NAME_USE[text(at(first === 1 ? 7 : 9).value) ?? ''];
  if (use !== undefined) name.use = use;
  if (first === 1) {
    const p = period(at(10).value ?? at(12).value, at(13).value, options);
    if (p) name.period = p;
  }
  return name;
}

const ADDRESS_USE: Readonly<Record<string, Address['use']>> = { H: 'home', B: 'work', O: 'work', C: 'temp', BA: 'billing', BI: 'billing', BDL: 'home', P: 'home', RH: 'home' };

/** XAD: street lines, city, state, postal code, country, county (XAD-9) and use (XAD-7, table 0190). */
export function address(repetition: Hl7v2Repetition): Address | undefined {
  const a: Address = {};
  const line = [text(repetition.component(1).subcomponent(1)), text(repetition.component(2).value)].filter((l): l is string => l !== undefined);
  if (line.length > 0) a.line = line;
  const parts: [keyof Address, number][] = [['city', 3], ['state', 4], ['postalCode', 5], ['country', 6], ['district', 9]];
  for (const [key, position] of parts) {
    const value = text(repetition.component(position).value);
    if (value !== undefined) (a as Record<string, unknown>)[key as string] = value;
  }
  if (Object.keys(a).length === 0) return undefined;
  const typeCode = text(repetition.component(7).value);
  const use = ADDRESS_USE[typeCode ?? ''];
  if (use !== undefined) a.use = use;
  if (typeCode === 'M') a.type = 'postal';
  return a;
}

/**
 * XTN (PID-13, PID-14, …): an email (XTN-4, or network equipment), else a phone number from
 * XTN-12, XTN-1 or country/area/local/extension (XTN-5..8); system from the equipment type
 * (XTN-3, table 0202), use from the use code (XTN-2, table 0201). `defaultUse` is for PID-14 (work).
 */
export function contactPoint(repetition: Hl7v2Repetition, defaultUse?: ContactPoint['use']): ContactPoint | undefined {
  const useCode = text(repetition.component(2).value)?.toUpperCase();
  const equipment = text(repetition.component(3).value)?.toUpperCase();
  const email = text(repetition.component(4).value);
  const point: ContactPoint = {};
  if (email !== undefined || useCode === 'NET' || equipment === 'INTERNET' || equipment === 'X.400') {
    const value = email ?? text(repetition.component(1).value);
    if (value === undefined) return undefined;
    point.system = 'email';
    point.value = value;
  } else {
    const composed = [text(repetition.component(5).value), text(repetition.component(6).value), text(repetition.component(7).value)].filter((p) => p !== undefined).join(' ');
    const extension = text(repetition.component(8).value);
    const value = text(repetition.component(12).value) ?? text(repetition.component(1).value) ?? (composed === '' ? undefined : extension === undefined ? composed : `${composed} ext. ${extension}`);
    if (value === undefined) return undefined;
    point.system = equipment === 'FX' ? 'fax' : equipment === 'BP' || useCode === 'BPN' ? 'pager' : 'phone';
    point.value = value;
  }
  const use = equipment === 'CP' ? 'mobile' : useCode === 'PRN' || useCode === 'ORN' || useCode === 'VHN' ? 'home' : useCode === 'WPN' ? 'work' : defaultUse;
  if (use !== undefined) point.use = use;
  return point;
}

/** Every non-empty repetition of a field, converted, without the ones that gave nothing. */
export function each<T>(field: Hl7v2Field, convert: (repetition: Hl7v2Repetition) => T | undefined): T[] {
  return field.nonEmptyRepetitions.map(convert).filter((v): v is T => v !== undefined);
}

/** The text of one component, trimmed, `""` read as nothing. */
export function componentText(component: Hl7v2Component): string | undefined {
  return text(component.value);
}
