import type { Condition, Encounter } from '@chartwell/fhir';
import { Hl7v2Error } from '../hl7v2-error.js';
import type { Hl7v2Segment } from '../message.js';
import { origin, type ConversionContext } from './context.js';
import { codeableConcept, dateTime, identifierFromEi, text } from './datatypes.js';
import { practitionerFromXcn } from './practitioner.js';

// DG1-6 diagnosis type to the role of the diagnosis in the visit (diagnosis-role); W (working) has none
const ROLE: Readonly<Record<string, { code: string; display: string }>> = { A: { code: 'AD', display: 'Admission diagnosis' }, F: { code: 'DD', display: 'Discharge diagnosis' } };

/**
 * DG1 as a Condition of category `encounter-diagnosis`, linked both ways with the visit
 * (`Condition.encounter` and an `Encounter.diagnosis` with role from DG1-6, `A` admission, `F`
 * discharge, and rank DG1-15): code DG1-3 (required) with the description DG1-4 as its text,
 * onset DG1-5, asserter DG1-16, recorded date DG1-19, identifier DG1-20 (written conditionally
 * when it has a system). DG1-21 `D` (delete) gives an `entered-in-error` Condition. The clinical
 * status is left out: a visit diagnosis does not say whether the problem is still active.
 */
export function conditionFromDg1(dg1: Hl7v2Segment, context: ConversionContext): string {
  const { options } = context;
  const code = codeableConcept(dg1.field(3).repetition(1));
  if (!code) throw new Hl7v2Error('missing-field', `HL7 v2 segment ${dg1.index} (DG1), field DG1-3: the diagnosis code is missing`, dg1.index, 'DG1-3');
  if (context.patient === undefined) throw new Hl7v2Error('missing-field', 'HL7 v2 message has no PID segment', undefined, 'PID');
  const description = text(dg1.field(4).value);
  if (description !== undefined && text(dg1.field(3).component(9).value) === undefined) code.text = description;
  const condition: Condition = {
    resourceType: 'Condition',
    meta: context.meta,
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: 'encounter-diagnosis', display: 'Encounter Diagnosis' }] }],
    code,
    subject: { reference: context.patient },
  };
  const identifier = identifierFromEi(dg1.field(20).repetition(1), options);
  if (identifier) condition.identifier = [identifier];
  if (text(dg1.field(21).value)?.toUpperCase() === 'D') condition.verificationStatus = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'entered-in-error' }] };
  if (context.encounter !== undefined) condition.encounter = { reference: context.encounter };
  const onset = dateTime(dg1.field(5).value, options);
  if (onset !== undefined) condition.onsetDateTime = onset;
  const recorded = dateTime(dg1.field(19).value, options);
  if (recorded !== undefined) condition.recordedDate = recorded;
  const asserter = practitionerFromXcn(dg1.field(16).repetition(1), dg1, context);
  if (asserter !== undefined) condition.asserter = { reference: asserter };
  const reference = context.builder.add(condition, origin(dg1), 'upsert');
  const encounter = context.encounter === undefined ? undefined : (context.builder.resource(context.encounter) as Encounter | undefined);
  if (encounter) {
    const role = ROLE[text(dg1.field(6).value)?.toUpperCase() ?? ''];
    const rank = Number(text(dg1.field(15).value));
    encounter.diagnosis = [
      ...(encounter.diagnosis ?? []),
      { condition: { reference }, ...(role ? { use: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/diagnosis-role', ...role }] } } : {}), ...(Number.isInteger(rank) && rank > 0 ? { rank } : {}) },
    ];
  }
  return reference;
}
