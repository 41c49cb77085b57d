import type { CodeableConcept, DiagnosticReport, Observation, Reference } from '@chartwell/fhir';
import type { ConversionContext } from './conversion-context.js';
import { originalText, toCodeableConcept, toNumber, toPointInTime, toQuantity, toRange } from './data-types.js';
import type { XmlElement } from './xml-element.js';

const CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
const INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';

const OBSERVATION_STATUS: Readonly<Record<string, Observation['status']>> = {
  completed: 'final',
  active: 'preliminary',
  aborted: 'cancelled',
  cancelled: 'cancelled',
  nullified: 'entered-in-error',
};
const REPORT_STATUS: Readonly<Record<string, DiagnosticReport['status']>> = {
  completed: 'final',
  active: 'partial',
  aborted: 'cancelled',
  cancelled: 'cancelled',
  nullified: 'entered-in-error',
};

/** Which kind of results: laboratory results (Results section) or vital signs. */
export type ResultKind = 'laboratory' | 'vital-signs';

/** The value[x] of an Observation made from a CDA `value`. */
export type ObservationValue = Partial<Pick<Observation, 'valueQuantity' | 'valueCodeableConcept' | 'valueString' | 'valueBoolean' | 'valueInteger' | 'valueRange'>>;

export function convertValue(value: XmlElement | undefined, context: ConversionContext): ObservationValue {
  if (!value || value.isNull) return {};
  switch (value.xsiType) {
    case 'PQ':
    case 'REAL': {
      const quantity = toQuantity(value);
      return quantity ? { valueQuantity: quantity } : {};
    }
    case 'INT': {
      const raw = value.attr('value');
      return raw !== undefined && /^-?\d+$/.test(raw.trim()) ? { valueInteger: toNumber(value, raw) } : {};
    }
    case 'BL':
      return value.attr('value') === 'true' || value.attr('value') === 'false' ? { valueBoolean: value.attr('value') === 'true' } : {};
    case 'IVL_PQ': {
      const range = toRange(value);
      return range ? { valueRange: range } : {};
    }
    case 'CD':
    case 'CE':
    case 'CV':
    case 'CO': {
      const concept = toCodeableConcept(value, context.narrative);
      return concept ? { valueCodeableConcept: concept } : {};
    }
    default: {
      const text = value.text;
      return text ? { valueString: text } : {};
    }
  }
}

function convertReferenceRanges(observation: XmlElement, context: ConversionContext): NonNullable<Observation['referenceRange']> {
  return observation.all('referenceRange', 'observationRange').flatMap((range) => {
    const interval = toRange(range.child('value'));
    const text = originalText(range.child('text'), context.narrative);
    if (!interval && !text) return [];
    return [{ ...(interval?.low && { low: interval.low }), ...(interval?.high && { high: interval.high }), ...(text && { text }) }];
  });
}

/**
 * An Observation from a Result Observation or Vital Sign Observation: code, value (quantity
 * with UCUM unit, code, string, number, range), interpretation, reference ranges, time and
 * status, with the `laboratory` or `vital-signs` category.
 */
export function convertResultObservation(observation: XmlElement, kind: ResultKind, fallbackTime: string | undefined, context: ConversionContext): Reference | undefined {
  const code = toCodeableConcept(observation.child('code'), context.narrative);
  if (!code) return undefined;
  const effective = toPointInTime(observation.child('effectiveTime')) ?? fallbackTime;
  const interpretation = observation.children('interpretationCode').flatMap((node): CodeableConcept[] => {
    const concept = toCodeableConcept(node, context.narrative);
    if (!concept) return [];
    // the codes are HL7 ObservationInterpretation even when a document leaves out the code system
    if (!node.attr('codeSystem') && concept.coding) return [{ ...concept, coding: concept.coding.map((coding) => ({ ...coding, system: INTERPRETATION })) }];
    return [concept];
  });
  const referenceRange = convertReferenceRanges(observation, context);
  const value = convertValue(observation.child('value'), context);
  const record: Observation = {
    resourceType: 'Observation',
    status: OBSERVATION_STATUS[observation.child('statusCode')?.attr('code') ?? ''] ?? 'final',
    category: [{ coding: [{ system: CATEGORY, code: kind, display: kind === 'laboratory' ? 'Laboratory' : 'Vital Signs' }] }],
    code,
    subject: context.patient,
    ...(effective && { effectiveDateTime: effective }),
    ...value,
    ...(interpretation.length > 0 && { interpretation }),
    ...(referenceRange.length > 0 && { referenceRange }),
  };
  return context.add(record);
}

/**
 * A Result Organizer or Vital Signs Organizer: each component observation as an Observation,
 * and, for results, a DiagnosticReport (the organizer's code, status and time) listing them.
 * Vital signs organizers only group their observations, so they give no report.
 */
export function convertResultOrganizer(organizer: XmlElement, kind: ResultKind, sectionTitle: string | undefined, context: ConversionContext): Reference[] {
  const time = toPointInTime(organizer.child('effectiveTime'));
  const observations = organizer
    .all('component', 'observation')
    .flatMap((observation) => {
      const reference = convertResultObservation(observation, kind, time, context);
      return reference ? [reference] : [];
    });
  if (kind === 'vital-signs' || observations.length === 0) return observations;
  const code = toCodeableConcept(organizer.child('code'), context.narrative) ?? { text: sectionTitle ?? 'Results' };
  const report: DiagnosticReport = {
    resourceType: 'DiagnosticReport',
    status: REPORT_STATUS[organizer.child('statusCode')?.attr('code') ?? ''] ?? 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB', display: 'Laboratory' }] }],
    code,
    subject: context.patient,
    ...(time && { effectiveDateTime: time }),
    result: observations,
  };
  return [context.add(report), ...observations];
}
