import type { CodeableConcept, FamilyMemberHistory, FamilyMemberHistoryCondition, Reference } from '@chartwell/fhir';
import type { ConversionContext } from './conversion-context.js';
import { toCodeableConcept, toDate, toQuantity } from './data-types.js';
import { TEMPLATE } from './templates.js';
import type { XmlElement } from './xml-element.js';

const SEX: Readonly<Record<string, string>> = { M: 'male', F: 'female', UN: 'other' };
const STATUS: Readonly<Record<string, FamilyMemberHistory['status']>> = { completed: 'completed', active: 'partial', nullified: 'entered-in-error' };

/**
 * A Family History Organizer (4.45) as a FamilyMemberHistory: the relative's relationship
 * (`subject/relatedSubject/code`, HL7 RoleCode), sex and birth date, and one condition per
 * Family History Observation (4.46) with the condition from `value`, the age at onset (Age
 * Observation 4.31) and whether it caused the relative's death (Family History Death
 * Observation 4.47; the relative is then deceased). A negated observation ("no history of …")
 * gives no condition, and is kept as a note. `undefined` when the organizer has no observation.
 */
export function convertFamilyHistory(organizer: XmlElement, context: ConversionContext): Reference | undefined {
  const related = organizer.at('subject', 'relatedSubject');
  const relationship: CodeableConcept = toCodeableConcept(related?.child('code'), context.narrative) ?? { text: 'Family member' };
  const person = related?.child('subject');
  const sex = SEX[person?.child('administrativeGenderCode')?.attr('code') ?? ''];
  const born = toDate(person?.child('birthTime'));
  const conditions: FamilyMemberHistoryCondition[] = [];
  const notes: string[] = [];
  let deceased = false;
  const observations = organizer.all('component', 'observation').filter((o) => o.hasTemplate(TEMPLATE.familyHistoryObservation));
  if (observations.length === 0) return undefined;
  for (const observation of observations) {
    const code = toCodeableConcept(observation.child('value'), context.narrative);
    if (!code) continue;
    if (observation.attr('negationInd') === 'true') {
      notes.push(`No history of ${code.text ?? code.coding?.[0]?.display ?? code.coding?.[0]?.code ?? 'the condition'}`);
      continue;
    }
    const related = observation.all('entryRelationship', 'observation');
    const causedDeath = related.some((o) => o.hasTemplate(TEMPLATE.familyHistoryDeath));
    if (causedDeath) deceased = true;
    const age = toQuantity(related.find((o) => o.hasTemplate(TEMPLATE.ageObservation))?.child('value'));
    conditions.push({
      code,
      ...(causedDeath && { contributedToDeath: true }),
      // an Age needs a UCUM unit and a positive value (FHIR's age-1)
      ...(age?.value !== undefined && age.value > 0 && age.code && age.system && { onsetAge: { value: age.value, unit: age.code === 'a' ? 'years' : age.code, system: age.system, code: age.code } }),
    });
  }
  const record: FamilyMemberHistory = {
    resourceType: 'FamilyMemberHistory',
    status: STATUS[organizer.child('statusCode')?.attr('code') ?? ''] ?? 'completed',
    patient: context.patient,
    relationship,
    ...(sex && { sex: { coding: [{ system: 'http://hl7.org/fhir/administrative-gender', code: sex }] } }),
    ...(born && { bornDate: born }),
    ...(deceased && { deceasedBoolean: true }),
    ...(conditions.length > 0 && { condition: conditions }),
    ...(notes.length > 0 && { note: notes.map((text) => ({ text })) }),
  };
  return context.add(record);
}
