import type { ChargeItem } from '@chartwell/fhir';
import { Hl7v2Error } from '../hl7v2-error.js';
import type { Hl7v2Segment } from '../message.js';
import { origin, type ConversionContext } from './context.js';
import { codeableConcept, dateTime, each, text } from './datatypes.js';
import { practitionerFromXcn } from './practitioner.js';

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;

/**
 * One DFT^P03 FT1 as a ChargeItem (status `billable`): transaction code FT1-7 (required),
 * transaction ID FT1-2 as identifier, date FT1-4, quantity FT1-10, extended amount FT1-11 as
 * the price (amount & currency), diagnoses FT1-19 as reasons, performer FT1-20, enterer
 * (ordering provider) FT1-21, and the NDC product FT1-29.
 */
export function chargeItemFromFt1(ft1: Hl7v2Segment, context: ConversionContext): string {
  const code = codeableConcept(ft1.field(7).repetition(1));
  if (!code) throw new Hl7v2Error('missing-field', `HL7 v2 segment ${ft1.index} (FT1), field FT1-7: the transaction code is missing`, ft1.index, 'FT1-7');
  if (context.patient === undefined) throw new Hl7v2Error('missing-field', 'HL7 v2 DFT message has no PID segment', undefined, 'PID');
  const charge: ChargeItem = { resourceType: 'ChargeItem', meta: context.meta, status: 'billable', code, subject: { reference: context.patient } };
  const id = text(ft1.field(2).value);
  if (id !== undefined) charge.identifier = [{ value: id }];
  if (context.encounter !== undefined) charge.context = { reference: context.encounter };
  const when = dateTime(ft1.field(4).value, context.options);
  if (when !== undefined) charge.occurrenceDateTime = when;
  const quantity = text(ft1.field(10).value);
  if (quantity !== undefined && NUMBER.test(quantity)) charge.quantity = { value: Number(quantity) };
  const amount = text(ft1.field(11).component(1).subcomponent(1));
  const currency = text(ft1.field(11).component(1).subcomponent(2));
  if (amount !== undefined && NUMBER.test(amount)) charge.priceOverride = { value: Number(amount), ...(currency !== undefined && /^[A-Z]{3}$/.test(currency) ? { currency } : {}) };
  const reasons = each(ft1.field(19), codeableConcept);
  if (reasons.length > 0) charge.reason = reasons;
  const performer = practitionerFromXcn(ft1.field(20).repetition(1), ft1, context);
  if (performer !== undefined) charge.performer = [{ actor: { reference: performer } }];
  const enterer = practitionerFromXcn(ft1.field(21).repetition(1), ft1, context);
  if (enterer !== undefined) charge.enterer = { reference: enterer };
  const product = codeableConcept(ft1.field(29).repetition(1));
  if (product) charge.productCodeableConcept = product;
  return context.builder.add(charge, origin(ft1));
}
