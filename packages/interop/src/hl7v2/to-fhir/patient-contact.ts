import type { Patient, PatientContact } from '@chartwell/fhir';
import type { Hl7v2Segment } from '../message.js';
import type { ConversionContext } from './context.js';
import { address, codeableConcept, contactPoint, dateTime, each, humanName, text } from './datatypes.js';

const GENDER: Readonly<Record<string, PatientContact['gender']>> = { M: 'male', F: 'female', O: 'other', A: 'other', U: 'unknown', N: 'unknown' };
// table 0131 contact role, the binding of Patient.contact.relationship
const CONTACT_ROLE: Readonly<Record<string, string>> = { C: 'Emergency Contact', E: 'Employer', F: 'Federal Agency', I: 'Insurance Company', N: 'Next-of-Kin', O: 'Other', S: 'State Agency', U: 'Unknown' };

/**
 * NK1 (next of kin / associated party) as a `Patient.contact` of the message's patient: name
 * NK1-2 (else the contact person NK1-30), relationships NK1-7 (contact role, table 0131) and
 * NK1-3, the first address NK1-4 (else NK1-32), home and business phones NK1-5/NK1-6 (else
 * NK1-31), sex NK1-15, organisation NK1-13 (as a display), period NK1-8/NK1-9. A contact, not a
 * RelatedPerson: an ADT replaces the Patient with every new registration, so its contacts are
 * replaced with it instead of piling up as new RelatedPersons. An NK1 with none of name, phone,
 * address or organisation is left out.
 */
export function addPatientContactFromNk1(nk1: Hl7v2Segment, context: ConversionContext): void {
  const patient = context.patient === undefined ? undefined : (context.builder.resource(context.patient) as Patient | undefined);
  if (!patient) return;
  const { options } = context;
  const contact: PatientContact = {};
  const relationship = [];
  const role = text(nk1.field(7).value)?.toUpperCase();
  if (role !== undefined) {
    const display = CONTACT_ROLE[role];
    relationship.push(display === undefined ? (codeableConcept(nk1.field(7).repetition(1)) ?? { text: role }) : { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0131', code: role, display }] });
  }
  const kin = codeableConcept(nk1.field(3).repetition(1));
  if (kin) relationship.push(kin);
  if (relationship.length > 0) contact.relationship = relationship;
  const name = each(nk1.field(2), (r) => humanName(r, 1, options))[0] ?? each(nk1.field(30), (r) => humanName(r, 1, options))[0];
  if (name) contact.name = name;
  const telecom = [...each(nk1.field(5), (r) => contactPoint(r, 'home')), ...each(nk1.field(6), (r) => contactPoint(r, 'work'))];
  if (telecom.length === 0) telecom.push(...each(nk1.field(31), (r) => contactPoint(r)));
  if (telecom.length > 0) contact.telecom = telecom;
  const where = each(nk1.field(4), address)[0] ?? each(nk1.field(32), address)[0];
  if (where) contact.address = where;
  const gender = GENDER[text(nk1.field(15).value)?.toUpperCase() ?? ''];
  if (gender !== undefined) contact.gender = gender;
  const organization = text(nk1.field(13).value);
  if (organization !== undefined) contact.organization = { display: organization };
  const start = dateTime(nk1.field(8).value, options);
  const end = dateTime(nk1.field(9).value, options);
  if (start !== undefined || end !== undefined) contact.period = { ...(start === undefined ? {} : { start }), ...(end === undefined ? {} : { end }) };
  if (!contact.name && !contact.telecom && !contact.address && !contact.organization) return;
  patient.contact = [...(patient.contact ?? []), contact];
}
