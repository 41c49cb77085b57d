import type { Hl7v2Message } from '../message.js';
import { accountFromGt1 } from './account.js';
import { allergyIntoleranceFromAl1 } from './allergy-intolerance.js';
import { conditionFromDg1 } from './condition.js';
import type { ConversionContext } from './context.js';
import { coverageFromIn1 } from './coverage.js';
import { addPatientContactFromNk1 } from './patient-contact.js';
import { procedureFromPr1 } from './procedure.js';

/**
 * The segments about the patient and the visit that ADT, DFT and VXU messages carry besides
 * PID and PV1: NK1 (contacts of the Patient), AL1 (AllergyIntolerance), IN1 (Coverage and payer),
 * GT1 (the Account's guarantors) and, when the message has a visit, DG1 (encounter-diagnosis
 * Conditions) and PR1 (Procedures). Call after the Patient and Encounter are in the context.
 */
export function convertPatientSegments(message: Hl7v2Message, context: ConversionContext, options: { readonly visitSegments: boolean }): void {
  for (const segment of message.segments) {
    switch (segment.name) {
      case 'NK1':
        addPatientContactFromNk1(segment, context);
        break;
      case 'AL1':
        allergyIntoleranceFromAl1(segment, context);
        break;
      case 'DG1':
        if (options.visitSegments && context.encounter !== undefined) conditionFromDg1(segment, context);
        break;
      case 'PR1':
        if (options.visitSegments && context.encounter !== undefined) procedureFromPr1(segment, context);
        break;
      case 'IN1':
        coverageFromIn1(segment, context);
        break;
      default:
    }
  }
  accountFromGt1(message.segmentsNamed('GT1'), message.segment('PID'), context);
}
