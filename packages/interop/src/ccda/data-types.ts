import type { Address, CodeableConcept, Coding, ContactPoint, HumanName, Identifier, Period, Quantity, Range } from '@chartwell/fhir';
import { CcdaError } from './ccda-error.js';
import { systemUri } from './code-systems.js';
import type { XmlElement } from './xml-element.js';

/** The items that are not undefined. */
export function defined<T>(items: readonly (T | undefined)[]): T[] {
  return items.filter((item): item is T => item !== undefined);
}

/** Looks up the text of a narrative element by its `ID` (for `originalText/reference/@value="#x"`). */
export type NarrativeLookup = (id: string) => string | undefined;

const TS = /^(\d{4})(\d{2})?(\d{2})?(?:(\d{2})(\d{2})?(\d{2})?(?:\.(\d{1,4}))?)?\s*([+-]\d{4}|Z)?$/;

/**
 * An HL7 v3 timestamp (`20120806`, `201208061030-0500`) as a FHIR `dateTime`, keeping its
 * precision. A time without a time zone cannot be a FHIR dateTime, and no zone is ever guessed,
 * so it is cut back to its date. `undefined` for a nullFlavor, an absent value or the all-zeros
 * placeholder some EHRs write for an unknown date; a value that is
 * not a timestamp is a {@link CcdaError} naming the element.
 */
export function toDateTime(element: XmlElement | undefined): string | undefined {
  const value = element?.attr('value');
  // some EHRs write all zeros for an unknown date: no value, not a date in year 0
  if (!element || value === undefined || /^0+$/.test(value.trim())) return undefined;
  const match = TS.exec(value.trim());
  if (!match) throw new CcdaError(element.path, `"${value}" is not an HL7 timestamp (YYYYMMDDHHMMSS±ZZZZ)`);
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const date = [year, month, day].filter((part) => part !== undefined).join('-');
  if (month !== undefined && (Number(month) < 1 || Number(month) > 12)) throw new CcdaError(element.path, `"${value}" has no month ${month}`);
  if (day !== undefined && (Number(day) < 1 || Number(day) > 31)) throw new CcdaError(element.path, `"${value}" has no day ${day}`);
  if ((hour !== undefined && Number(hour) > 23) || (minute !== undefined && Number(minute) > 59) || (second !== undefined && Number(second) > 59)) {
    throw new CcdaError(element.path, `"${value}" has no time ${hour}:${minute ?? '00'}:${second ?? '00'}`);
  }
  if (hour === undefined || day === undefined || zone === undefined) return date;
  const offset = zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const seconds = `${second ?? '00'}${fraction ? `.${fraction}` : ''}`;
  return `${date}T${hour}:${minute ?? '00'}:${seconds}${offset}`;
}

/** An HL7 v3 timestamp as a FHIR `date` (the date part only). */
export function toDate(element: XmlElement | undefined): string | undefined {
  return toDateTime(element)?.slice(0, 10);
}

/**
 * The period of an `effectiveTime` (an IVL_TS with `low`/`high`, or a single `value`): `start`
 * and `end`, either of which may be missing.
 */
export function toPeriod(element: XmlElement | undefined): Period | undefined {
  if (!element) return undefined;
  const single = toDateTime(element);
  if (single) return { start: single };
  const start = toDateTime(element.child('low'));
  const end = toDateTime(element.child('high'));
  if (!start && !end) return undefined;
  return { ...(start && { start }), ...(end && { end }) };
}

/** The point in time of an `effectiveTime`: its `value`, else its `low`, else its `center`. */
export function toPointInTime(element: XmlElement | undefined): string | undefined {
  if (!element) return undefined;
  return toDateTime(element) ?? toDateTime(element.child('low')) ?? toDateTime(element.child('center'));
}

/**
 * An `id` (II) as an Identifier: `root` + `extension` → `{ system: urn:oid:root, value: extension }`;
 * a root alone is itself the identifier (`{ system: 'urn:ietf:rfc:3986', value: 'urn:oid:…' }`).
 */
export function toIdentifier(element: XmlElement): Identifier | undefined {
  if (element.isNull) return undefined;
  const root = element.attr('root');
  const extension = element.attr('extension');
  const system = systemUri(root);
  if (extension !== undefined) return { ...(system && { system }), value: extension };
  if (system) return { system: 'urn:ietf:rfc:3986', value: system };
  return undefined;
}

/** Every non-null `id` child as Identifiers. */
export function toIdentifiers(parent: XmlElement): Identifier[] {
  return parent.children('id').flatMap((id) => {
    const identifier = toIdentifier(id);
    return identifier ? [identifier] : [];
  });
}

function toCoding(element: XmlElement): Coding | undefined {
  const code = element.attr('code');
  if (code === undefined || element.isNull) return undefined;
  const system = systemUri(element.attr('codeSystem'));
  const display = element.attr('displayName');
  const normalised = code.replace(/\s+/g, ' ').trim();
  if (normalised === '') return undefined;
  return { ...(system && { system }), code: normalised, ...(display && display.trim() !== '' && { display: display.trim() }) };
}

/** The text of an `originalText`: its own text, or the narrative it points to. */
export function originalText(element: XmlElement | undefined, narrative: NarrativeLookup): string | undefined {
  if (!element) return undefined;
  const reference = element.child('reference')?.attr('value');
  if (reference?.startsWith('#')) {
    const text = narrative(reference.slice(1));
    if (text) return text;
  }
  return element.text;
}

/**
 * A coded value (CD, CE, CV, CO) as a CodeableConcept: its code and every `translation` as
 * codings, and `text` from `originalText` (or the narrative it references), else the display name.
 * `undefined` when there is neither a code nor any text.
 */
export function toCodeableConcept(element: XmlElement | undefined, narrative: NarrativeLookup): CodeableConcept | undefined {
  if (!element) return undefined;
  const codings = [element, ...element.children('translation')].flatMap((node) => {
    const coding = toCoding(node);
    return coding ? [coding] : [];
  });
  const text = originalText(element.child('originalText'), narrative) ?? element.attr('displayName')?.trim();
  if (codings.length === 0 && !text) return undefined;
  return { ...(codings.length > 0 && { coding: codings }), ...(text && { text }) };
}

/** A decimal literal as a JSON number, or a CcdaError naming the element. */
export function toNumber(element: XmlElement, value: string): number {
  const trimmed = value.trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) throw new CcdaError(element.path, `"${value}" is not a number`);
  return Number(trimmed);
}

/** A physical quantity (PQ) as a Quantity with its UCUM unit; undefined for a nullFlavor. */
export function toQuantity(element: XmlElement | undefined): Quantity | undefined {
  const value = element?.attr('value');
  if (!element || value === undefined) return undefined;
  const unit = element.attr('unit');
  const quantity: Quantity = { value: toNumber(element, value) };
  if (unit !== undefined && unit !== '1') return { ...quantity, unit, system: 'http://unitsofmeasure.org', code: unit };
  return quantity;
}

/** An interval of quantities (IVL_PQ) as a Range; undefined when neither end has a value. */
export function toRange(element: XmlElement | undefined): Range | undefined {
  if (!element) return undefined;
  const low = toQuantity(element.child('low'));
  const high = toQuantity(element.child('high'));
  if (!low && !high) return undefined;
  return { ...(low && { low }), ...(high && { high }) };
}

const NAME_USE: Readonly<Record<string, HumanName['use']>> = { L: 'official', P: 'usual', C: 'official', A: 'anonymous', ASGN: 'usual' };

/** A person name (PN) as a HumanName; undefined when it has no parts. */
export function toHumanName(element: XmlElement): HumanName | undefined {
  if (element.isNull) return undefined;
  const parts = (name: string) => element.children(name).flatMap((part) => (part.text ? [part.text] : []));
  const family = parts('family')[0];
  const given = parts('given');
  const prefix = parts('prefix');
  const suffix = parts('suffix');
  const use = NAME_USE[element.attr('use') ?? ''];
  if (!family && given.length === 0 && prefix.length === 0 && suffix.length === 0) {
    const text = element.text;
    return text ? { ...(use && { use }), text } : undefined;
  }
  return {
    ...(use && { use }),
    ...(family && { family }),
    ...(given.length > 0 && { given }),
    ...(prefix.length > 0 && { prefix }),
    ...(suffix.length > 0 && { suffix }),
  };
}

const ADDRESS_USE: Readonly<Record<string, Address['use']>> = { H: 'home', HP: 'home', HV: 'home', WP: 'work', DIR: 'work', PUB: 'work', TMP: 'temp', OLD: 'old', BAD: 'old' };

/** An address (AD) as an Address; undefined when it has no parts. */
export function toAddress(element: XmlElement): Address | undefined {
  if (element.isNull) return undefined;
  const part = (name: string) => element.child(name)?.text;
  const line = element.children('streetAddressLine').flatMap((node) => (node.text ? [node.text] : []));
  const fields = { city: part('city'), state: part('state'), postalCode: part('postalCode'), country: part('country'), district: part('county') };
  const use = ADDRESS_USE[element.attr('use') ?? ''];
  const address: Address = {
    ...(use && { use }),
    ...(line.length > 0 && { line }),
    ...Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)),
  };
  return Object.keys(address).some((key) => key !== 'use') ? address : undefined;
}

const TELECOM_USE: Readonly<Record<string, ContactPoint['use']>> = { H: 'home', HP: 'home', HV: 'home', WP: 'work', DIR: 'work', PUB: 'work', MC: 'mobile', PG: 'mobile', TMP: 'temp', BAD: 'old' };

/** A telecom (TEL: `tel:`, `mailto:`, `fax:`, `http:`) as a ContactPoint; undefined for a nullFlavor. */
export function toContactPoint(element: XmlElement): ContactPoint | undefined {
  const raw = element.attr('value');
  if (raw === undefined || element.isNull) return undefined;
  const use = TELECOM_USE[(element.attr('use') ?? '').split(/\s+/)[0] ?? ''];
  const scheme = /^([a-z]+):/i.exec(raw)?.[1]?.toLowerCase();
  const rest = scheme ? raw.slice(scheme.length + 1).replace(/^\/\//, '') : raw;
  const system: ContactPoint['system'] =
    scheme === 'mailto' ? 'email' : scheme === 'fax' ? 'fax' : scheme === 'http' || scheme === 'https' ? 'url' : scheme === 'tel' || scheme === undefined ? 'phone' : 'other';
  const value = system === 'url' ? raw : rest.trim();
  if (value === '') return undefined;
  return { system, value, ...(use && { use }) };
}
