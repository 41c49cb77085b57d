import type { Annotation, Attachment, Observation, ObservationReferenceRange, Quantity } from '@chartwell/fhir';
import type { Hl7v2Repetition } from '../field.js';
import { Hl7v2Error } from '../hl7v2-error.js';
import type { Hl7v2Segment } from '../message.js';
import { codeSystemUri } from './coding-systems.js';
import { origin, type ConversionContext } from './context.js';
import { codeableConcept, dateTime, identifierFromEi, text } from './datatypes.js';
import { practitionerFromXcn } from './practitioner.js';

const STATUS: Readonly<Record<string, Observation['status']>> = {
  F: 'final',
  P: 'preliminary',
  R: 'preliminary',
  S: 'preliminary',
  C: 'corrected',
  A: 'amended',
  I: 'registered',
  O: 'registered',
  X: 'cancelled',
  N: 'cancelled',
  D: 'entered-in-error',
  W: 'entered-in-error',
};

// table 0078 codes that are also v3 ObservationInterpretation codes (the others keep the v2 system)
const V3_INTERPRETATION = new Set(['L', 'H', 'LL', 'HH', '<', '>', 'N', 'A', 'AA', 'U', 'D', 'B', 'W', 'S', 'R', 'I', 'MS', 'VS', 'NR', 'POS', 'NEG', 'IND', 'DET', 'ND', 'E', 'EX', 'HX', 'LX', 'HU', 'LU', 'IE', 'NCL', 'QCF', 'TOX', 'CAR', 'EXP', 'RR', 'SDD', 'SYN-R', 'SYN-S', 'H>', 'L<', 'OBX', 'NS', 'UNE', 'WR']);

const COMPARATORS = new Set(['<', '<=', '>=', '>']);
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;

/** The parts of an OBX the caller has read around it. */
export interface ObservationParts {
  /** The NTE-3 texts that follow the OBX. */
  readonly notes: readonly string[];
  /** OBR-7, the observation time of the whole order, used when OBX-14 is empty. */
  readonly defaultEffective?: string | undefined;
  /** Receives an ED value (an encapsulated document) instead of the Observation. */
  readonly onDocument?: (attachment: Attachment) => void;
}

/**
 * OBX as an Observation: code OBX-3 (required: its absence is an error naming the segment),
 * value by OBX-2 type (NM with units OBX-6 as Quantity, SN as Quantity, Range or Ratio, ST/TX/FT
 * as text, CE/CWE/CNE as CodeableConcept, DT/DTM/TS as dateTime, RP as its pointer), reference
 * range OBX-7, interpretation OBX-8 (table 0078), status OBX-11 (table 0085), effective time
 * OBX-14 (else OBR-7), responsible observer OBX-16, method OBX-17, identifier OBX-21 and the
 * NTE notes. An ED value goes to `onDocument` (the report's presented form) and gives no Observation.
 */
export function observationFromObx(obx: Hl7v2Segment, parts: ObservationParts, context: ConversionContext): string | undefined {
  const { options } = context;
  const type = text(obx.field(2).value)?.toUpperCase();
  if (type === 'ED') {
    const attachment = attachmentFromEd(obx.field(5).repetition(1));
    if (attachment && parts.onDocument) parts.onDocument(attachment);
    return undefined;
  }
  const code = codeableConcept(obx.field(3).repetition(1));
  if (!code) throw new Hl7v2Error('missing-field', `HL7 v2 segment ${obx.index} (OBX), field OBX-3: the observation identifier is missing`, obx.index, 'OBX-3');
  const status = STATUS[text(obx.field(11).value)?.toUpperCase() ?? ''] ?? 'unknown';
  const observation: Observation = { resourceType: 'Observation', meta: context.meta, status, code };
  const identifier = identifierFromEi(obx.field(21).repetition(1), options);
  if (identifier) observation.identifier = [identifier];
  if (context.patient !== undefined) observation.subject = { reference: context.patient };
  if (context.encounter !== undefined) observation.encounter = { reference: context.encounter };
  const effective = dateTime(obx.field(14).value, options) ?? parts.defaultEffective;
  if (effective !== undefined) observation.effectiveDateTime = effective;
  setValue(observation, type, obx, context);
  const range = referenceRange(text(obx.field(7).value), unitOf(obx.field(6).repetition(1)));
  if (range) observation.referenceRange = [range];
  const interpretation = obx.field(8).nonEmptyRepetitions.flatMap((r) => {
    const flag = text(r.component(1).value);
    if (flag === undefined) return [];
    const display = text(r.component(2).value);
    const system = V3_INTERPRETATION.has(flag) ? 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation' : 'http://terminology.hl7.org/CodeSystem/v2-0078';
    return [{ coding: [{ system, code: flag, ...(display === undefined || display === flag ? {} : { display }) }] }];
  });
  if (interpretation.length > 0) observation.interpretation = interpretation;
  const performers = obx.field(16).nonEmptyRepetitions.map((r) => practitionerFromXcn(r, obx, context)).filter((p): p is string => p !== undefined);
  if (performers.length > 0) observation.performer = performers.map((reference) => ({ reference }));
  const method = codeableConcept(obx.field(17).nonEmptyRepetitions[0]);
  if (method) observation.method = method;
  const notes: Annotation[] = parts.notes.map((t) => ({ text: t }));
  if (notes.length > 0) observation.note = notes;
  return context.builder.add(observation, origin(obx));
}

function setValue(observation: Observation, type: string | undefined, obx: Hl7v2Segment, context: ConversionContext): void {
  const repetitions = obx.field(5).nonEmptyRepetitions;
  const first = repetitions[0];
  if (!first) return;
  const unit = unitOf(obx.field(6).repetition(1));
  const joined = () => repetitions.map((r) => r.components.map((c) => c.subcomponents.join('&')).join('^').replace(/\^+$/, '')).join('\n');
  switch (type) {
    case 'NM': {
      const raw = text(first.value);
      if (repetitions.length === 1 && raw !== undefined && NUMBER.test(raw)) observation.valueQuantity = { value: Number(raw), ...unit };
      else observation.valueString = repetitions.map((r) => text(r.value) ?? '').join('\n');
      return;
    }
    case 'SN': {
      const comparator = text(first.component(1).value);
      const [n1, separator, n2] = [text(first.component(2).value), text(first.component(3).value), text(first.component(4).value)];
      if (n1 !== undefined && NUMBER.test(n1) && separator === undefined && (comparator === undefined || comparator === '=' || COMPARATORS.has(comparator))) {
        observation.valueQuantity = { value: Number(n1), ...(comparator !== undefined && COMPARATORS.has(comparator) ? { comparator: comparator as Quantity['comparator'] } : {}), ...unit };
      } else if (comparator === undefined && n1 !== undefined && n2 !== undefined && NUMBER.test(n1) && NUMBER.test(n2) && separator === '-') {
        observation.valueRange = { low: { value: Number(n1), ...unit }, high: { value: Number(n2), ...unit } };
      } else if (comparator === undefined && n1 !== undefined && n2 !== undefined && NUMBER.test(n1) && NUMBER.test(n2) && (separator === ':' || separator === '/')) {
        observation.valueRatio = { numerator: { value: Number(n1) }, denominator: { value: Number(n2) } };
      } else observation.valueString = joined();
      return;
    }
    case 'CE':
    case 'CWE':
    case 'CNE':
    case 'CF': {
      const concept = codeableConcept(first);
      if (concept) observation.valueCodeableConcept = concept;
      return;
    }
    case 'DT':
    case 'DTM':
    case 'TS': {
      const value = dateTime(first.value, context.options);
      if (value !== undefined) observation.valueDateTime = value;
      else observation.valueString = joined();
      return;
    }
    case 'RP':
      observation.valueString = text(first.value) ?? joined();
      return;
    default:
      // ST, TX, FT and anything else: the text, one line per repetition
      observation.valueString = joined();
  }
}

function unitOf(repetition: Hl7v2Repetition): Partial<Pick<Quantity, 'unit' | 'system' | 'code'>> {
  const code = text(repetition.component(1).value);
  const unit = text(repetition.component(2).value) ?? code;
  const system = codeSystemUri(text(repetition.component(3).value));
  if (unit === undefined) return {};
  // a unit is only a UCUM code when the sender says so
  return system === 'http://unitsofmeasure.org' && code !== undefined ? { unit, system, code } : { unit };
}

const RANGE = /^\s*([+-]?\d+(?:\.\d+)?)\s*-\s*([+-]?\d+(?:\.\d+)?)\s*$/;
const BOUND = /^\s*(<=?|>=?)\s*([+-]?\d+(?:\.\d+)?)\s*$/;

/** OBX-7: `low-high`, `<high`, `>low` as numbers with the result's unit; anything else as text. */
function referenceRange(range: string | undefined, unit: Partial<Pick<Quantity, 'unit' | 'system' | 'code'>>): ObservationReferenceRange | undefined {
  if (range === undefined) return undefined;
  const both = RANGE.exec(range);
  if (both) return { low: { value: Number(both[1]), ...unit }, high: { value: Number(both[2]), ...unit }, text: range };
  const bound = BOUND.exec(range);
  if (bound) return bound[1]?.startsWith('<') ? { high: { value: Number(bound[2]), ...unit }, text: range } : { low: { value: Number(bound[2]), ...unit }, text: range };
  return { text: range };
}

/** ED (source ^ type ^ subtype ^ encoding ^ data) as an attachment, when the data is Base64. Internal to the converter. */
export function attachmentFromEd(ed: Hl7v2Repetition): Attachment | undefined {
  const encoding = text(ed.component(4).value)?.toUpperCase();
  const data = text(ed.component(5).value)?.replace(/\s+/g, '');
  if (encoding !== 'BASE64' || data === undefined || !/^[A-Za-z0-9+/]+={0,2}$/.test(data)) return undefined;
  const type = text(ed.component(2).value)?.toLowerCase();
  const subtype = text(ed.component(3).value)?.toLowerCase();
  const contentType = type === undefined || subtype === undefined ? undefined : `${type === 'ap' ? 'application' : type === 'tx' ? 'text' : type === 'im' ? 'image' : type}/${subtype}`;
  return { ...(contentType === undefined ? {} : { contentType }), data };
}
