import type { Coverage, CoverageClass, Organization } from '@chartwell/fhir';
import { Hl7v2Error } from '../hl7v2-error.js';
import type { Hl7v2Segment } from '../message.js';
import { origin, type ConversionContext } from './context.js';
import { address, codeableConcept, contactPoint, dateTime, each, identifierFromCx, text } from './datatypes.js';

// IN1-17 insured's relationship to the patient (table 0063) to subscriber-relationship
const RELATIONSHIP: Readonly<Record<string, string>> = { SEL: 'self', SLF: 'self', SELF: 'self', SPO: 'spouse', DOM: 'common', CHD: 'child', PAR: 'parent', MTH: 'parent', FTH: 'parent', INJ: 'injured', EME: 'other', OTH: 'other' };
const CLASS = 'http://terminology.hl7.org/CodeSystem/coverage-class';

/**
 * IN1 as a Coverage of the patient, with its payer as an Organization (found by identifier
 * when stored): payer ID IN1-3 and name IN1-4 (one of them required), its address IN1-5 and
 * phone IN1-7; plan IN1-2 and group IN1-8/IN1-9 as classes, period IN1-12/IN1-13, plan type
 * IN1-15 as type, relationship of the insured IN1-17 (table 0063; `self` makes the patient the
 * subscriber), policy number IN1-36 as identifier, insured's ID IN1-49 as subscriber ID.
 */
export function coverageFromIn1(in1: Hl7v2Segment, context: ConversionContext): string {
  const { options } = context;
  if (context.patient === undefined) throw new Hl7v2Error('missing-field', 'HL7 v2 message has no PID segment', undefined, 'PID');
  const payerIds = each(in1.field(3), (r) => identifierFromCx(r, options));
  const payerName = text(in1.field(4).value);
  if (payerIds.length === 0 && payerName === undefined) throw new Hl7v2Error('missing-field', `HL7 v2 segment ${in1.index} (IN1), field IN1-3: the insurance company is missing (neither IN1-3 nor IN1-4)`, in1.index, 'IN1-3');
  const payer: Organization = { resourceType: 'Organization', meta: context.meta, type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/organization-type', code: 'ins', display: 'Insurance Company' }] }] };
  if (payerIds.length > 0) payer.identifier = payerIds;
  if (payerName !== undefined) payer.name = payerName;
  const payerAddress = each(in1.field(5), address);
  if (payerAddress.length > 0) payer.address = payerAddress;
  const payerPhone = each(in1.field(7), (r) => contactPoint(r, 'work'));
  if (payerPhone.length > 0) payer.telecom = payerPhone;
  const payerUrl = context.builder.add(payer, origin(in1), 'find-or-create');
  const coverage: Coverage = { resourceType: 'Coverage', meta: context.meta, status: 'active', beneficiary: { reference: context.patient }, payor: [{ reference: payerUrl, ...(payerName === undefined ? {} : { display: payerName }) }] };
  const policy = text(in1.field(36).value);
  if (policy !== undefined) coverage.identifier = [{ type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MB', display: 'Member Number' }] }, value: policy }];
  const type = codeableConcept(in1.field(15).repetition(1));
  if (type) coverage.type = type;
  const subscriberId = text(in1.field(49).value);
  if (subscriberId !== undefined) coverage.subscriberId = subscriberId;
  const relationship = RELATIONSHIP[text(in1.field(17).value)?.toUpperCase() ?? ''];
  if (relationship !== undefined) {
    coverage.relationship = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/subscriber-relationship', code: relationship }] };
    if (relationship === 'self') coverage.subscriber = { reference: context.patient };
  }
  const start = dateTime(in1.field(12).value, options);
  const end = dateTime(in1.field(13).value, options);
  if (start !== undefined || end !== undefined) coverage.period = { ...(start === undefined ? {} : { start }), ...(end === undefined ? {} : { end }) };
  const classes: CoverageClass[] = [];
  const planId = text(in1.field(2).value);
  if (planId !== undefined) classes.push({ type: { coding: [{ system: CLASS, code: 'plan', display: 'Plan' }] }, value: planId, ...(text(in1.field(2).component(2).value) === undefined ? {} : { name: text(in1.field(2).component(2).value) ?? '' }) });
  const group = text(in1.field(8).value);
  if (group !== undefined) classes.push({ type: { coding: [{ system: CLASS, code: 'group', display: 'Group' }] }, value: group, ...(text(in1.field(9).value) === undefined ? {} : { name: text(in1.field(9).value) ?? '' }) });
  if (classes.length > 0) coverage.class = classes;
  return context.builder.add(coverage, origin(in1));
}
