import type { Coding, Encounter, Reference } from '@chartwell/fhir';
import type { ConversionContext } from './conversion-context.js';
import { toCodeableConcept, toIdentifiers, toPeriod } from './data-types.js';
import { encounterParticipants, entryLocations, entryPerformers, facilityLocations } from './participants.js';
import { convertProblem, problemObservations } from './problems.js';
import { TEMPLATE } from './templates.js';
import type { XmlElement } from './xml-element.js';

const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const STATUS: Readonly<Record<string, Encounter['status']>> = { completed: 'finished', active: 'in-progress', cancelled: 'cancelled', aborted: 'cancelled', nullified: 'entered-in-error' };

/**
 * An Encounter Activity, or the document's `componentOf/encompassingEncounter`: identifiers,
 * type from `code`, period, status (from `statusCode`, else `finished` when the period has an
 * end, else `unknown`), and each Encounter Diagnosis as a
 * Condition (category `encounter-diagnosis`) listed in `diagnosis`. The class comes from an
 * HL7 ActCode translation of the code when there is one (AMB, IMP, EMER, ...); C-CDA has no
 * other place for it, so otherwise it is the data-absent-reason `unknown`, never a guess.
 * Performers (`performer/assignedEntity`, and the encompassing encounter's
 * `encounterParticipant/assignedEntity`) become Practitioners in `participant`, service delivery
 * locations (`participant[@typeCode="LOC"]`, and `location/healthCareFacility`) Locations.
 */
export function convertEncounter(encounter: XmlElement, context: ConversionContext): Reference {
  const codeNode = encounter.child('code');
  const type = toCodeableConcept(codeNode, context.narrative);
  const actCode = [codeNode, ...(codeNode?.children('translation') ?? [])].find((node) => node?.attr('codeSystem') === '2.16.840.1.113883.5.4' && node.attr('code'));
  const encounterClass: Coding = actCode
    ? { system: ACT_CODE, code: actCode.attr('code') as string, ...(actCode.attr('displayName') && { display: actCode.attr('displayName') as string }) }
    : { system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason', code: 'unknown' };
  const period = toPeriod(encounter.child('effectiveTime'));
  const diagnosis = encounter
    .all('entryRelationship', 'act')
    .filter((act) => act.hasTemplate(TEMPLATE.encounterDiagnosis))
    .flatMap((act) => problemObservations(act))
    .flatMap((observation) => {
      const condition = convertProblem(observation, undefined, 'encounter-diagnosis', context);
      return condition ? [{ condition }] : [];
    });
  const status = encounter.child('statusCode')?.attr('code');
  const performers = [...entryPerformers(encounter, context), ...encounterParticipants(encounter, context)];
  const locations = [...entryLocations(encounter, context), ...facilityLocations(encounter, context)];
  const identifier = toIdentifiers(encounter);
  const record: Encounter = {
    resourceType: 'Encounter',
    ...(identifier.length > 0 && { identifier }),
    status: STATUS[status ?? ''] ?? (period?.end ? 'finished' : 'unknown'),
    class: encounterClass,
    ...(type && { type: [type] }),
    subject: context.patient,
    ...(period && { period }),
    ...(performers.length > 0 && { participant: performers.map((individual) => ({ individual })) }),
    ...(diagnosis.length > 0 && { diagnosis }),
    ...(locations.length > 0 && { location: locations.map((location) => ({ location })) }),
  };
  return context.add(record);
}
