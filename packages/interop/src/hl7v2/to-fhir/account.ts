import type { Account, AccountGuarantor, Organization, RelatedPerson } from '@chartwell/fhir';
import type { Hl7v2Segment } from '../message.js';
import { origin, type ConversionContext } from './context.js';
import { address, codeableConcept, contactPoint, date, dateTime, each, humanName, identifierFromCx, text } from './datatypes.js';

const GENDER: Readonly<Record<string, RelatedPerson['gender']>> = { M: 'male', F: 'female', O: 'other', A: 'other', U: 'unknown', N: 'unknown' };

/**
 * The patient's Account (identifier PID-18, the patient account number, written conditionally
 * when it has a system) with a guarantor per GT1: the patient when GT1-11 (relationship, table
 * 0063) is `SEL`/`SLF` (or `SELF`); else a RelatedPerson from GT1-3 (name), GT1-5 (address), GT1-6/GT1-7
 * (phones), GT1-8 (birth date), GT1-9 (sex) and GT1-11; else, with no person named, an
 * Organization from GT1-21. Period GT1-13/GT1-14. A GT1 naming nobody gives no guarantor.
 * `undefined` when no GT1 names a guarantor.
 */
export function accountFromGt1(gt1s: readonly Hl7v2Segment[], pid: Hl7v2Segment | undefined, context: ConversionContext): string | undefined {
  const patient = context.patient;
  const first = gt1s[0];
  if (patient === undefined || first === undefined) return undefined;
  const { options } = context;
  const guarantors: AccountGuarantor[] = [];
  for (const gt1 of gt1s) {
    const party = guarantorParty(gt1, patient, context);
    if (party === undefined) continue;
    const start = dateTime(gt1.field(13).value, options);
    const end = dateTime(gt1.field(14).value, options);
    guarantors.push({ party: { reference: party }, ...(start !== undefined || end !== undefined ? { period: { ...(start === undefined ? {} : { start }), ...(end === undefined ? {} : { end }) } } : {}) });
  }
  if (guarantors.length === 0) return undefined;
  const account: Account = { resourceType: 'Account', meta: context.meta, status: 'active', subject: [{ reference: patient }], guarantor: guarantors };
  const number = pid ? identifierFromCx(pid.field(18).repetition(1), options) : undefined;
  if (number) account.identifier = [number];
  return context.builder.add(account, origin(first), 'upsert');
}

function guarantorParty(gt1: Hl7v2Segment, patient: string, context: ConversionContext): string | undefined {
  const relationship = text(gt1.field(11).value)?.toUpperCase();
  if (relationship === 'SEL' || relationship === 'SLF' || relationship === 'SELF') return patient;
  const names = each(gt1.field(3), (r) => humanName(r, 1, context.options));
  if (names.length > 0) {
    const person: RelatedPerson = { resourceType: 'RelatedPerson', meta: context.meta, patient: { reference: patient }, name: names };
    const kind = codeableConcept(gt1.field(11).repetition(1));
    if (kind) person.relationship = [kind];
    const addresses = each(gt1.field(5), address);
    if (addresses.length > 0) person.address = addresses;
    const telecom = [...each(gt1.field(6), (r) => contactPoint(r, 'home')), ...each(gt1.field(7), (r) => contactPoint(r, 'work'))];
    if (telecom.length > 0) person.telecom = telecom;
    const birthDate = date(gt1.field(8).value);
    if (birthDate !== undefined) person.birthDate = birthDate;
    const gender = GENDER[text(gt1.field(9).value)?.toUpperCase() ?? ''];
    if (gender !== undefined) person.gender = gender;
    return context.builder.add(person, origin(gt1));
  }
  const organizationName = text(gt1.field(21).value);
  if (organizationName === undefined) return undefined;
  const organization: Organization = { resourceType: 'Organization', meta: context.meta, name: organizationName };
  return context.builder.add(organization, origin(gt1));
}
