import type { Immunization, Reference } from '@chartwell/fhir';
import type { ConversionContext } from './conversion-context.js';
import { toCodeableConcept, toPointInTime, toQuantity } from './data-types.js';
import type { XmlElement } from './xml-element.js';

/**
 * An Immunization Activity: the vaccine (CVX) from the manufactured material's code, the date,
 * lot number, dose and route; `negationInd="true"` (not given) is status `not-done`. A date the
 * document does not give is recorded as `occurrenceString: "unknown"` (the element is required).
 */
export function convertImmunization(administration: XmlElement, context: ConversionContext): Reference | undefined {
  const material = administration.at('consumable', 'manufacturedProduct', 'manufacturedMaterial');
  const vaccineCode = toCodeableConcept(material?.child('code'), context.narrative);
  if (!vaccineCode) return undefined;
  const negated = administration.attr('negationInd') === 'true';
  const status = administration.child('statusCode')?.attr('code');
  const occurred = toPointInTime(administration.child('effectiveTime'));
  const lotNumber = material?.child('lotNumberText')?.text;
  const doseQuantity = toQuantity(administration.child('doseQuantity'));
  const route = toCodeableConcept(administration.child('routeCode'), context.narrative);
  const immunization: Immunization = {
    resourceType: 'Immunization',
    status: negated || status === 'cancelled' || status === 'aborted' ? 'not-done' : status === 'nullified' ? 'entered-in-error' : 'completed',
    vaccineCode,
    patient: context.patient,
    ...(occurred ? { occurrenceDateTime: occurred } : { occurrenceString: 'unknown' }),
    ...(lotNumber && { lotNumber }),
    ...(route && { route }),
    ...(doseQuantity && { doseQuantity }),
  };
  return context.add(immunization);
}
