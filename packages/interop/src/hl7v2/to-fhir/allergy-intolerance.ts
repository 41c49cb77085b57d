import type { AllergyIntolerance, AllergyIntoleranceReaction } from '@chartwell/fhir';
import { Hl7v2Error } from '../hl7v2-error.js';
import type { Hl7v2Segment } from '../message.js';
import { origin, type ConversionContext } from './context.js';
import { codeableConcept, dateTime, text } from './datatypes.js';

type Category = NonNullable<AllergyIntolerance['category']>[number];
// table 0127 allergen type: category, and whether it is an intolerance rather than an allergy
const ALLERGEN_TYPE: Readonly<Record<string, { category?: Category; type: 'allergy' | 'intolerance' }>> = {
  DA: { category: 'medication', type: 'allergy' },
  DI: { category: 'medication', type: 'intolerance' },
  MC: { category: 'medication', type: 'intolerance' },
  FA: { category: 'food', type: 'allergy' },
  FI: { category: 'food', type: 'intolerance' },
  EA: { category: 'environment', type: 'allergy' },
  EI: { category: 'environment', type: 'intolerance' },
  AA: { category: 'environment', type: 'allergy' },
  PA: { category: 'environment', type: 'allergy' },
  LA: { category: 'environment', type: 'allergy' },
  MA: { type: 'allergy' },
  MI: { type: 'intolerance' },
};
// table 0128 allergy severity
const SEVERITY: Readonly<Record<string, AllergyIntoleranceReaction['severity']>> = { SV: 'severe', MO: 'moderate', MI: 'mild' };

/**
 * AL1 as an AllergyIntolerance (clinical status `active`, as the sender lists it): substance
 * AL1-3 (required), type and category from AL1-2 (table 0127), the reactions AL1-5 as
 * manifestations with the severity AL1-4 (table 0128; it says how bad the reaction was, so it is
 * not turned into a criticality), onset AL1-6 (identification date). A severity with no reaction
 * to attach it to is left out (FHIR's reaction needs a manifestation). An AL1 with nothing in
 * it gives nothing (`undefined`); one with content but no allergen is refused.
 */
export function allergyIntoleranceFromAl1(al1: Hl7v2Segment, context: ConversionContext): string | undefined {
  const code = codeableConcept(al1.field(3).repetition(1));
  // an AL1 with nothing in it (`AL1|1||^^|||`) is a placeholder some systems send: it records nothing, not even "no known allergies"
  if (!code && [2, 4, 5, 6].every((f) => al1.field(f).isEmpty)) return undefined;
  if (!code) throw new Hl7v2Error('missing-field', `HL7 v2 segment ${al1.index} (AL1), field AL1-3: the allergen is missing`, al1.index, 'AL1-3');
  if (context.patient === undefined) throw new Hl7v2Error('missing-field', 'HL7 v2 message has no PID segment', undefined, 'PID');
  const allergy: AllergyIntolerance = {
    resourceType: 'AllergyIntolerance',
    meta: context.meta,
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active', display: 'Active' }] },
    code,
    patient: { reference: context.patient },
  };
  const kind = ALLERGEN_TYPE[text(al1.field(2).value)?.toUpperCase() ?? ''];
  if (kind) {
    allergy.type = kind.type;
    if (kind.category) allergy.category = [kind.category];
  }
  const manifestations = al1.field(5).nonEmptyRepetitions.map((r) => text(r.value)).filter((t) => t !== undefined);
  if (manifestations.length > 0) {
    const severity = SEVERITY[text(al1.field(4).value)?.toUpperCase() ?? ''];
    allergy.reaction = [{ manifestation: manifestations.map((t) => ({ text: t })), ...(severity === undefined ? {} : { severity }) }];
  }
  const onset = dateTime(al1.field(6).value, context.options);
  if (onset !== undefined) allergy.onsetDateTime = onset;
  return context.builder.add(allergy, origin(al1));
}
