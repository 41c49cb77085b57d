import type { Dosage, MedicationRequest } from '@chartwell/fhir';
import { Hl7v2Error } from '../hl7v2-error.js';
import type { Hl7v2Segment } from '../message.js';
import { origin, type ConversionContext } from './context.js';
import { codeableConcept, text } from './datatypes.js';
import { applyCommonOrder, instructionTexts, medicationOrderStatus, quantityWithUnits as quantity } from './medication-order-fields.js';

/**
 * One RDE^O11 order ([ORC] RXE [RXR…]) as a MedicationRequest (intent `order`): medication
 * RXE-2 (required), status from ORC-1/ORC-5 (active otherwise), placer and filler numbers
 * ORC-2/ORC-3, written at ORC-9, requester ORC-12, dosage from RXE-3 and units RXE-5, the
 * administration instructions RXE-7 and RXE-21 as text, route RXR-1; dispense quantity
 * RXE-10/11 and refills RXE-12. Drug names are kept exactly as sent.
 */
export function medicationRequestFromRxe(rxe: Hl7v2Segment, orc: Hl7v2Segment | undefined, rxr: Hl7v2Segment | undefined, context: ConversionContext): string {
  const medication = codeableConcept(rxe.field(2).repetition(1));
  if (!medication) throw new Hl7v2Error('missing-field', `HL7 v2 segment ${rxe.index} (RXE), field RXE-2: the give code is missing`, rxe.index, 'RXE-2');
  if (context.patient === undefined) throw new Hl7v2Error('missing-field', 'HL7 v2 RDE message has no PID segment', undefined, 'PID');
  const status = medicationOrderStatus(orc);
  const request: MedicationRequest = { resourceType: 'MedicationRequest', meta: context.meta, status, intent: 'order', medicationCodeableConcept: medication, subject: { reference: context.patient } };
  applyCommonOrder(request, orc, context);
  const instructions = instructionTexts(rxe, [7, 21]);
  const dosage: Dosage = {};
  if (instructions.length > 0) dosage.text = instructions.join('\n');
  const dose = quantity(rxe.field(3).value, rxe, 5);
  if (dose) dosage.doseAndRate = [{ doseQuantity: dose }];
  const route = rxr ? codeableConcept(rxr.field(1).repetition(1)) : undefined;
  if (route) dosage.route = route;
  if (Object.keys(dosage).length > 0) request.dosageInstruction = [dosage];
  const dispense = quantity(rxe.field(10).value, rxe, 11);
  const refills = Number(text(rxe.field(12).value));
  if (dispense || Number.isInteger(refills)) request.dispenseRequest = { ...(dispense ? { quantity: dispense } : {}), ...(Number.isInteger(refills) && refills >= 0 ? { numberOfRepeatsAllowed: refills } : {}) };
  return context.builder.add(request, origin(rxe));
}
