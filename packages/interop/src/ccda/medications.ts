import type { Dosage, MedicationRequest, MedicationStatement, Period, Reference } from '@chartwell/fhir';
import type { ConversionContext } from './conversion-context.js';
import { originalText, toCodeableConcept, toNumber, toPeriod, toQuantity } from './data-types.js';
import type { XmlElement } from './xml-element.js';

const STATEMENT_STATUS: Readonly<Record<string, MedicationStatement['status']>> = {
  active: 'active',
  completed: 'completed',
  aborted: 'stopped',
  suspended: 'on-hold',
  cancelled: 'not-taken',
  nullified: 'entered-in-error',
  new: 'intended',
};
const REQUEST_STATUS: Readonly<Record<string, MedicationRequest['status']>> = {
  active: 'active',
  completed: 'completed',
  aborted: 'stopped',
  suspended: 'on-hold',
  cancelled: 'cancelled',
  nullified: 'entered-in-error',
  new: 'draft',
};
const UNITS: Readonly<Record<string, 's' | 'min' | 'h' | 'd' | 'wk' | 'mo' | 'a'>> = { s: 's', min: 'min', h: 'h', d: 'd', wk: 'wk', mo: 'mo', a: 'a' };

/** The dosage of a substance administration: its text (or the narrative it references), timing, route and dose. */
function convertDosage(administration: XmlElement, context: ConversionContext, bounds?: Period): Dosage | undefined {
  const text = originalText(administration.child('text'), context.narrative);
  const periodic = administration.children('effectiveTime').find((node) => node.xsiType === 'PIVL_TS');
  const period = periodic?.child('period');
  const periodValue = period?.attr('value');
  const periodUnit = UNITS[period?.attr('unit') ?? ''];
  const every = period && periodValue !== undefined && periodUnit ? { period: toNumber(period, periodValue), periodUnit } : undefined;
  const timing = every || bounds ? { repeat: { ...(bounds && { boundsPeriod: bounds }), ...every } } : undefined;
  const route = toCodeableConcept(administration.child('routeCode'), context.narrative);
  const doseNode = administration.child('doseQuantity');
  const dose = toQuantity(doseNode);
  const dosage: Dosage = {
    ...(text && { text }),
    ...(timing && { timing }),
    ...(route && { route }),
    ...(dose && { doseAndRate: [{ doseQuantity: dose }] }),
  };
  return Object.keys(dosage).length > 0 ? dosage : undefined;
}

/**
 * A Medication Activity (`substanceAdministration`): the medication from
 * `consumable/manufacturedProduct/manufacturedMaterial/code` (RxNorm, with translations), dosage
 * text, timing, route and dose. `moodCode="EVN"` (taken) becomes a MedicationStatement,
 * `moodCode="INT"` (intended, prescribed) a MedicationRequest with intent `plan`, whose intended
 * period of use becomes the dosage's `timing.repeat.boundsPeriod`.
 */
export function convertMedication(administration: XmlElement, context: ConversionContext): Reference | undefined {
  const material = administration.at('consumable', 'manufacturedProduct', 'manufacturedMaterial');
  const medication = toCodeableConcept(material?.child('code'), context.narrative) ?? (material?.child('name')?.text ? { text: material.child('name')?.text as string } : undefined);
  if (!medication) return undefined;
  const status = administration.child('statusCode')?.attr('code') ?? '';
  const range = administration.children('effectiveTime').find((node) => node.xsiType !== 'PIVL_TS' && node.xsiType !== 'EIVL_TS');
  const period = toPeriod(range);
  if (administration.attr('moodCode') === 'INT') {
    // the intended period of use bounds the dosage; it is not when the order was written
    const instruction = convertDosage(administration, context, period);
    const request: MedicationRequest = {
      resourceType: 'MedicationRequest',
      status: REQUEST_STATUS[status] ?? 'unknown',
      intent: 'plan',
      medicationCodeableConcept: medication,
      subject: context.patient,
      ...(instruction && { dosageInstruction: [instruction] }),
    };
    return context.add(request);
  }
  const dosage = convertDosage(administration, context);
  const negated = administration.attr('negationInd') === 'true';
  const statement: MedicationStatement = {
    resourceType: 'MedicationStatement',
    status: negated ? 'not-taken' : (STATEMENT_STATUS[status] ?? 'unknown'),
    medicationCodeableConcept: medication,
    subject: context.patient,
    ...(period && { effectivePeriod: period }),
    ...(dosage && { dosage: [dosage] }),
  };
  return context.add(statement);
}
