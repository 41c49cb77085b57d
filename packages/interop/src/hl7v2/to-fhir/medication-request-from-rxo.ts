import type { Dosage, MedicationRequest } from '@chartwell/fhir';
import { Hl7v2Error } from '../hl7v2-error.js';
import type { Hl7v2Segment } from '../message.js';
import { origin, type ConversionContext } from './context.js';
import { codeableConcept, text } from './datatypes.js';
import { applyCommonOrder, instructionTexts, medicationOrderStatus, quantityWithUnits } from './medication-order-fields.js';

/**
 * One OMP^O09 pharmacy order (ORC [TQ1…] RXO [RXR…] [RXC…]) as a MedicationRequest (intent
 * `order`): medication RXO-1 (required), status and placer/filler numbers, written at and
 * requester from the ORC (as for RDE), dose RXO-2 with units RXO-4, the administration
 * instructions RXO-7 as dosage text and the pharmacy instructions RXO-6 as a note, route RXR-1,
 * substitution RXO-9 (table 0161: `N` not allowed, `G`/`T` allowed), dispense quantity RXO-11/12
 * and refills RXO-13. Drug names are kept exactly as sent.
 */
export function medicationRequestFromRxo(rxo: Hl7v2Segment, orc: Hl7v2Segment | undefined, rxr: Hl7v2Segment | undefined, context: ConversionContext): string {
  const medication = codeableConcept(rxo.field(1).repetition(1));
  if (!medication) throw new Hl7v2Error('missing-field', `HL7 v2 segment ${rxo.index} (RXO), field RXO-1: the requested give code is missing`, rxo.index, 'RXO-1');
  if (context.patient === undefined) throw new Hl7v2Error('missing-field', 'HL7 v2 OMP message has no PID segment', undefined, 'PID');
  const request: MedicationRequest = { resourceType: 'MedicationRequest', meta: context.meta, status: medicationOrderStatus(orc), intent: 'order', medicationCodeableConcept: medication, subject: { reference: context.patient } };
  applyCommonOrder(request, orc, context);
  const dosage: Dosage = {};
  const instructions = instructionTexts(rxo, [7]);
  if (instructions.length > 0) dosage.text = instructions.join('\n');
  const dose = quantityWithUnits(rxo.field(2).value, rxo, 4);
  if (dose) dosage.doseAndRate = [{ doseQuantity: dose }];
  const route = rxr ? codeableConcept(rxr.field(1).repetition(1)) : undefined;
  if (route) dosage.route = route;
  if (Object.keys(dosage).length > 0) request.dosageInstruction = [dosage];
  const pharmacyNotes = instructionTexts(rxo, [6]);
  if (pharmacyNotes.length > 0) request.note = pharmacyNotes.map((t) => ({ text: t }));
  const substitution = text(rxo.field(9).value)?.toUpperCase();
  if (substitution === 'N' || substitution === 'G' || substitution === 'T') request.substitution = { allowedBoolean: substitution !== 'N' };
  const dispense = quantityWithUnits(rxo.field(11).value, rxo, 12);
  const refills = Number(text(rxo.field(13).value));
  const repeats = Number.isInteger(refills) && refills >= 0 ? refills : undefined;
  if (dispense || repeats !== undefined) request.dispenseRequest = { ...(dispense ? { quantity: dispense } : {}), ...(repeats === undefined ? {} : { numberOfRepeatsAllowed: repeats }) };
  return context.builder.add(request, origin(rxo));
}
