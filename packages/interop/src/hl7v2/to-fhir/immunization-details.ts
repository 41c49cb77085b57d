import type { Immunization, ImmunizationEducation } from '@chartwell/fhir';
import type { Hl7v2Segment } from '../message.js';
import type { ConversionContext } from './context.js';
import { codeableConcept, dateTime, text } from './datatypes.js';

// the LOINC codes of the CDC immunization guide's OBX that FHIR's Immunization has a place for
const FUNDING_SOURCE = '30963-3';
const ELIGIBILITY = '64994-7';
const VIS_DOCUMENT = '69764-9';
const VIS_PUBLISHED = '29768-9';
const VIS_PRESENTED = '29769-7';

/**
 * Copies what an OBX of a VXU order group says about the immunization onto it (the OBX also
 * becomes an Observation): funding source (LOINC 30963-3) and program eligibility (64994-7) as
 * CodeableConcepts; the vaccine information statement given (69764-9 document type, 29768-9
 * publication date, 29769-7 date presented), one `education` per OBX-4 sub-ID.
 */
export function applyImmunizationDetail(immunization: Immunization, obx: Hl7v2Segment, context: ConversionContext): void {
  const loinc = text(obx.field(3).component(1).value);
  const value = obx.field(5).repetition(1);
  if (loinc === FUNDING_SOURCE) {
    const source = codeableConcept(value);
    if (source) immunization.fundingSource = source;
  } else if (loinc === ELIGIBILITY) {
    const eligibility = codeableConcept(value);
    if (eligibility) immunization.programEligibility = [...(immunization.programEligibility ?? []), eligibility];
  } else if (loinc === VIS_DOCUMENT || loinc === VIS_PUBLISHED || loinc === VIS_PRESENTED) {
    const group = text(obx.field(4).value) ?? '';
    const education = educationFor(immunization, group);
    if (loinc === VIS_DOCUMENT) {
      const document = text(value.component(1).value) ?? text(value.component(2).value);
      if (document !== undefined) education.documentType = document;
    } else {
      const when = dateTime(value.value, context.options);
      if (when !== undefined) education[loinc === VIS_PUBLISHED ? 'publicationDate' : 'presentationDate'] = when;
    }
  }
}

/** Drops the `education` entries that name no document (FHIR needs a document type or reference), and the bookkeeping. */
export function finishImmunizationDetails(immunization: Immunization): void {
  groups.delete(immunization);
  if (!immunization.education) return;
  const complete = immunization.education.filter((e) => e.documentType !== undefined || e.reference !== undefined);
  if (complete.length > 0) immunization.education = complete;
  else delete immunization.education;
}

const groups = new WeakMap<Immunization, Map<string, ImmunizationEducation>>();

function educationFor(immunization: Immunization, group: string): ImmunizationEducation {
  let byGroup = groups.get(immunization);
  if (!byGroup) {
    byGroup = new Map();
    groups.set(immunization, byGroup);
  }
  let education = byGroup.get(group);
  if (!education) {
    education = {};
    byGroup.set(group, education);
    immunization.education = [...(immunization.education ?? []), education];
  }
  return education;
}
