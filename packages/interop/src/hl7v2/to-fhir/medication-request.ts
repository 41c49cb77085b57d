import type { Dosage, MedicationRequest } from '@chartwell/fhir';
import { Hl7v2Error } from '../hl7v2-error.js';
import type { Hl7v2Segment } from '../message.js';
import { codeSystemUri } from './coding-systems.js';
import { origin, type ConversionContext } from './context.js';
import { codeableConcept, dateTime, identifierFromEi, text } from './datatypes.js';
import { practitionerFromXcn } from './practitioner.js';

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;

// ORC-1 order control, then ORC-5 order status, to MedicationRequest.status
const CONTROL: Readonly<Record<string, MedicationRequest['status']>> = { CA: 'cancelled', OC: 'cancelled', DC: 'stopped', OD: 'stopped', HD: 'on-hold', OH: 'on-hold' };
const ORDER_STATUS: Readonly<Record<string, MedicationRequest['status']>> = { CA: 'cancelled', CM: 'completed', DC: 'stopped', HD: 'on-hold', IP: 'active', SC: 'active', A: 'active', ER: 'entered-in-error' };

function quantity(amount: string | undefined, units: Hl7v2Segment, field: number) {
  const value = text(amount);
  if (value === undefined || !NUMBER.test(value)) return undefined;
  const unit = units.field(field).repetition(1);
  const code = text(unit.component(1).value);
  const system = codeSystemUri(text(unit.component(3).value));
  return { value: Number(value), ...(code === undefined ? {} : { unit: text(unit.component(2).value) ?? code }), ...(system === 'http://unitsofmeasure.org' && code !== undefined ? { system, code } : {}) };
}

/**
 * One RDE^O11 order ([ORC] RXE [RXR…]) as a MedicationRequest (intent `order`): medication
 * RXE-2 (required), status from ORC-1/ORC-5 (active otherwise), placer and filler numbers
 * ORC-2/ORC-3, written at ORC-9, requester ORC-12, dosage from RXE-3 and units RXE-5, the
 * administration instructions RXE-7 and RXE-21 as text, route RXR-1; dispense quantity
 * RXE-10/11 and refills RXE-12. Drug names are kept exactly as sent.
 */
export function medicationRequestFromRxe(rxe: Hl7v2Segment, orc: Hl7v2Segment | undefined, rxr: Hl7v2Segment | undefined, context: ConversionContext): string {
  const { options } = context;
  const medication = codeableConcept(rxe.field(2).repetition(1));
  if (!medication) throw new Hl7v2Error('missing-field', `HL7 v2 segment ${rxe.index} (RXE), field RXE-2: the give code is missing`, rxe.index, 'RXE-2');
  if (context.patient === undefined) throw new Hl7v2Error('missing-field', 'HL7 v2 RDE message has no PID segment', undefined, 'PID');
  const status = CONTROL[text(orc?.field(1).value)?.toUpperCase() ?? ''] ?? ORDER_STATUS[text(orc?.field(5).value)?.toUpperCase() ?? ''] ?? 'active';
  const request: MedicationRequest = { resourceType: 'MedicationRequest', meta: context.meta, status, intent: 'order', medicationCodeableConcept: medication, subject: { reference: context.patient } };
  const identifiers = [orc ? identifierFromEi(orc.field(2).repetition(1), options, 'PLAC') : undefined, orc ? identifierFromEi(orc.field(3).repetition(1), options, 'FILL') : undefined].filter((i) => i !== undefined);
  if (identifiers.length > 0) request.identifier = identifiers;
  if (context.encounter !== undefined) request.encounter = { reference: context.encounter };
  const authored = dateTime(orc?.field(9).value, options);
  if (authored !== undefined) request.authoredOn = authored;
  const requester = orc ? practitionerFromXcn(orc.field(12).repetition(1), orc, context) : undefined;
  if (requester !== undefined) request.requester = { reference: requester };
  const instructions = [...rxe.field(7).nonEmptyRepetitions.map((r) => text(r.component(2).value) ?? text(r.value)), ...rxe.field(21).nonEmptyRepetitions.map((r) => text(r.component(2).value) ?? text(r.value))].filter((t) => t !== undefined);
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
