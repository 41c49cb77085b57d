import type { MedicationRequest, Quantity } from '@chartwell/fhir';
import type { Hl7v2Segment } from '../message.js';
import { codeSystemUri } from './coding-systems.js';
import type { ConversionContext } from './context.js';
import { dateTime, identifierFromEi, text } from './datatypes.js';
import { practitionerFromXcn } from './practitioner.js';

// What the pharmacy order converters (RXE of RDE^O11, RXO of OMP^O09) share. Internal to the converter.

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;

// ORC-1 order control, then ORC-5 order status, to MedicationRequest.status
const CONTROL: Readonly<Record<string, MedicationRequest['status']>> = { CA: 'cancelled', OC: 'cancelled', DC: 'stopped', OD: 'stopped', HD: 'on-hold', OH: 'on-hold' };
const ORDER_STATUS: Readonly<Record<string, MedicationRequest['status']>> = { CA: 'cancelled', CM: 'completed', DC: 'stopped', HD: 'on-hold', IP: 'active', SC: 'active', A: 'active', ER: 'entered-in-error' };

/** MedicationRequest.status from ORC-1 (order control), else ORC-5 (order status), else `active`. */
export function medicationOrderStatus(orc: Hl7v2Segment | undefined): MedicationRequest['status'] {
  return CONTROL[text(orc?.field(1).value)?.toUpperCase() ?? ''] ?? ORDER_STATUS[text(orc?.field(5).value)?.toUpperCase() ?? ''] ?? 'active';
}

/** An amount (a number, else nothing) with the units (CWE) of field `unitField` of the same segment; a UCUM code only when the sender says UCUM. */
export function quantityWithUnits(amount: string | undefined, units: Hl7v2Segment, unitField: number): Quantity | undefined {
  const value = text(amount);
  if (value === undefined || !NUMBER.test(value)) return undefined;
  const unit = units.field(unitField).repetition(1);
  const code = text(unit.component(1).value);
  const system = codeSystemUri(text(unit.component(3).value));
  return { value: Number(value), ...(code === undefined ? {} : { unit: text(unit.component(2).value) ?? code }), ...(system === 'http://unitsofmeasure.org' && code !== undefined ? { system, code } : {}) };
}

/** The instruction texts of CWE fields (the text, CWE-2, else the code) of a segment, in order. */
export function instructionTexts(segment: Hl7v2Segment, fields: readonly number[]): string[] {
  return fields.flatMap((f) => segment.field(f).nonEmptyRepetitions.map((r) => text(r.component(2).value) ?? text(r.value))).filter((t) => t !== undefined);
}

/** The parts of a MedicationRequest an ORC gives: placer and filler numbers (ORC-2/3), written at (ORC-9), requester (ORC-12); and the visit. */
export function applyCommonOrder(request: MedicationRequest, orc: Hl7v2Segment | undefined, context: ConversionContext): void {
  const { options } = context;
  const identifiers = [orc ? identifierFromEi(orc.field(2).repetition(1), options, 'PLAC') : undefined, orc ? identifierFromEi(orc.field(3).repetition(1), options, 'FILL') : undefined].filter((i) => i !== undefined);
  if (identifiers.length > 0) request.identifier = identifiers;
  if (context.encounter !== undefined) request.encounter = { reference: context.encounter };
  const authored = dateTime(orc?.field(9).value, options);
  if (authored !== undefined) request.authoredOn = authored;
  const requester = orc ? practitionerFromXcn(orc.field(12).repetition(1), orc, context) : undefined;
  if (requester !== undefined) request.requester = { reference: requester };
}
