import type { Procedure, ProcedurePerformer } from '@chartwell/fhir';
import { Hl7v2Error } from '../hl7v2-error.js';
import type { Hl7v2Segment } from '../message.js';
import { origin, type ConversionContext } from './context.js';
import { codeableConcept, dateTime, each, identifierFromEi, text } from './datatypes.js';
import { practitionerFromXcn } from './practitioner.js';

const PERFORMER_FIELDS: readonly [number, string][] = [[8, 'Anesthesiologist'], [11, 'Surgeon'], [12, 'Procedure practitioner']];

/**
 * PR1 as a Procedure of the visit: code PR1-3 (required) with the description PR1-4 as its
 * text, performed at PR1-5, category PR1-6 (table 0230), performers PR1-8 (anesthesiologist),
 * PR1-11 (surgeon) and PR1-12 (procedure practitioner), reason PR1-15 (associated diagnosis),
 * identifier PR1-19 (written conditionally when it has a system). Status `unknown`, as
 * FHIR-Converter also says: PR1 does not tell whether the procedure was completed.
 */
export function procedureFromPr1(pr1: Hl7v2Segment, context: ConversionContext): string {
  const { options } = context;
  const code = codeableConcept(pr1.field(3).repetition(1));
  if (!code) throw new Hl7v2Error('missing-field', `HL7 v2 segment ${pr1.index} (PR1), field PR1-3: the procedure code is missing`, pr1.index, 'PR1-3');
  if (context.patient === undefined) throw new Hl7v2Error('missing-field', 'HL7 v2 message has no PID segment', undefined, 'PID');
  const description = text(pr1.field(4).value);
  if (description !== undefined && text(pr1.field(3).component(9).value) === undefined) code.text = description;
  const procedure: Procedure = { resourceType: 'Procedure', meta: context.meta, status: 'unknown', code, subject: { reference: context.patient } };
  const identifier = identifierFromEi(pr1.field(19).repetition(1), options);
  if (identifier) procedure.identifier = [identifier];
  if (context.encounter !== undefined) procedure.encounter = { reference: context.encounter };
  const performed = dateTime(pr1.field(5).value, options);
  if (performed !== undefined) procedure.performedDateTime = performed;
  const category = codeableConcept(pr1.field(6).repetition(1));
  if (category) procedure.category = category;
  const performers: ProcedurePerformer[] = [];
  for (const [field, role] of PERFORMER_FIELDS) {
    for (const repetition of pr1.field(field).nonEmptyRepetitions) {
      const actor = practitionerFromXcn(repetition, pr1, context);
      if (actor !== undefined) performers.push({ function: { text: role }, actor: { reference: actor } });
    }
  }
  if (performers.length > 0) procedure.performer = performers;
  const reasons = each(pr1.field(15), codeableConcept);
  if (reasons.length > 0) procedure.reasonCode = reasons;
  return context.builder.add(procedure, origin(pr1), 'upsert');
}
