import type { Reference } from '@chartwell/fhir';
import { allergyObservations, convertAllergy } from './allergies.js';
import type { ConversionContext } from './conversion-context.js';
import { CcdaError } from './ccda-error.js';
import { convertEncounter } from './encounters.js';
import { convertFamilyHistory } from './family-history.js';
import { convertCarePlan, convertPlannedItem } from './planned-items.js';
import { convertSocialHistory } from './social-history.js';
import { convertImmunization } from './immunizations.js';
import { convertMedication } from './medications.js';
import { convertProblem, problemObservations } from './problems.js';
import { convertProcedure } from './procedures.js';
import { convertResultOrganizer, convertResultObservation } from './results.js';
import { TEMPLATE } from './templates.js';
import type { XmlElement } from './xml-element.js';

/** The act, observation, organizer, ... that an `entry` holds. */
function entryChildren(section: XmlElement): XmlElement[] {
  return section.children('entry').flatMap((entry) => entry.allChildren().filter((child) => child.isHl7));
}

/**
 * Converts the entries of one section, recognised by their own templateIds (so that a section
 * with an unexpected code or a vendor's extra templates still converts): problems, allergies,
 * medications (also inside Discharge and Admission Medication acts), immunizations, results, vital signs, encounters, procedures, social history
 * (smoking status, tobacco use, other social history observations), family history and the
 * planned items of a plan of treatment (ServiceRequests, with a CarePlan listing them when the
 * section is a Plan of Treatment section). Entries of other kinds are left to the section's
 * narrative. Returns references to the resources made.
 */
export function convertSectionEntries(section: XmlElement, sectionTitle: string | undefined, context: ConversionContext): Reference[] {
  const references: Reference[] = [];
  const planned: Reference[] = [];
  for (const entry of entryChildren(section)) {
    try {
      convertEntry(entry, sectionTitle, context, references, planned);
    } catch (error) {
      if (error instanceof CcdaError) throw error;
      // anything unforeseen still names the entry it happened in
      throw new CcdaError(entry.path, `could not be converted: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }
  // the planned items of a Plan of Treatment section are one plan
  if (planned.length > 0 && section.hasTemplate(TEMPLATE.planOfTreatmentSection)) references.unshift(convertCarePlan(sectionTitle, planned, context));
  return [...references, ...planned];
}

const PLANNED = [TEMPLATE.plannedAct, TEMPLATE.plannedEncounter, TEMPLATE.plannedProcedure, TEMPLATE.plannedObservation];

function convertEntry(entry: XmlElement, sectionTitle: string | undefined, context: ConversionContext, references: Reference[], planned: Reference[]): void {
  const push = (reference: Reference | undefined) => {
    if (reference) references.push(reference);
  };
  const status = entry.child('statusCode')?.attr('code');
  if (entry.hasTemplate(TEMPLATE.problemConcern) || entry.hasTemplate(TEMPLATE.problemObservation)) {
    for (const observation of problemObservations(entry)) push(convertProblem(observation, status, 'problem-list-item', context));
  } else if (entry.hasTemplate(TEMPLATE.allergyConcern) || entry.hasTemplate(TEMPLATE.allergyObservation)) {
    for (const observation of allergyObservations(entry)) push(convertAllergy(observation, status, context));
  } else if (entry.hasTemplate(TEMPLATE.medicationActivity)) {
    push(convertMedication(entry, context));
  } else if (entry.hasTemplate(TEMPLATE.dischargeMedication) || entry.hasTemplate(TEMPLATE.admissionMedication)) {
    // a Discharge (or Admission) Medication act carries its Medication Activities as entryRelationships
    const activities = entry.children('entryRelationship').flatMap((relationship) => relationship.children('substanceAdministration'));
    for (const activity of activities.filter((a) => a.hasTemplate(TEMPLATE.medicationActivity))) push(convertMedication(activity, context));
  } else if (entry.hasTemplate(TEMPLATE.immunizationActivity)) {
    push(convertImmunization(entry, context));
  } else if (entry.hasTemplate(TEMPLATE.vitalSignsOrganizer)) {
    references.push(...convertResultOrganizer(entry, 'vital-signs', sectionTitle, context));
  } else if (entry.hasTemplate(TEMPLATE.resultOrganizer)) {
    references.push(...convertResultOrganizer(entry, 'laboratory', sectionTitle, context));
  } else if (entry.hasTemplate(TEMPLATE.vitalSignObservation)) {
    push(convertResultObservation(entry, 'vital-signs', undefined, context));
  } else if (entry.hasTemplate(TEMPLATE.resultObservation)) {
    push(convertResultObservation(entry, 'laboratory', undefined, context));
  } else if (entry.hasTemplate(TEMPLATE.encounterActivity)) {
    push(convertEncounter(entry, context));
  } else if (
    entry.hasTemplate(TEMPLATE.procedureActivityProcedure) ||
    entry.hasTemplate(TEMPLATE.procedureActivityObservation) ||
    entry.hasTemplate(TEMPLATE.procedureActivityAct)
  ) {
    push(convertProcedure(entry, context));
  } else if (entry.hasTemplate(TEMPLATE.smokingStatus) || entry.hasTemplate(TEMPLATE.tobaccoUse) || entry.hasTemplate(TEMPLATE.socialHistoryObservation)) {
    push(convertSocialHistory(entry, context));
  } else if (entry.hasTemplate(TEMPLATE.familyHistoryOrganizer)) {
    push(convertFamilyHistory(entry, context));
  } else if (PLANNED.some((template) => entry.hasTemplate(template))) {
    const reference = convertPlannedItem(entry, context);
    if (reference) planned.push(reference);
  }
}
