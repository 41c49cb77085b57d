import type { Identifier, Patient } from '@chartwell/fhir';
import type { Hl7v2Segment } from '../message.js';
import { origin, type ConversionContext } from './context.js';
import { address, codeableConcept, contactPoint, date, dateTime, each, humanName, identifierFromCx, text } from './datatypes.js';

const GENDER: Readonly<Record<string, Patient['gender']>> = { M: 'male', F: 'female', O: 'other', A: 'other', U: 'unknown', N: 'unknown' };
const MARITAL = new Set(['A', 'D', 'I', 'L', 'M', 'P', 'S', 'T', 'U', 'W']);

/**
 * PID as a Patient: identifiers from PID-3 (and PID-2, PID-4 of older versions; PID-19 as a US
 * SSN), names (PID-5), birth date (PID-7, the date only), gender (PID-8, table 0001), addresses
 * (PID-11), home and work telecom (PID-13, PID-14), language (PID-15), marital status (PID-16),
 * multiple birth (PID-24/25) and death (PID-29/30). `upsert` replaces the stored patient with
 * the same identifier (ADT, whose PID is the registration); otherwise a stored one is used as is.
 */
export function patientFromPid(pid: Hl7v2Segment, context: ConversionContext, mode: 'upsert' | 'find-or-create'): string {
  const { options } = context;
  const patient: Patient = { resourceType: 'Patient', meta: context.meta };
  const identifiers: Identifier[] = [...each(pid.field(3), (r) => identifierFromCx(r, options)), ...each(pid.field(2), (r) => identifierFromCx(r, options)), ...each(pid.field(4), (r) => identifierFromCx(r, options))];
  const ssn = text(pid.field(19).value);
  if (ssn !== undefined) identifiers.push({ type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'SS' }] }, system: 'http://hl7.org/fhir/sid/us-ssn', value: ssn });
  if (identifiers.length > 0) patient.identifier = identifiers;
  const names = each(pid.field(5), (r) => humanName(r, 1, options));
  if (names.length > 0) patient.name = names;
  const telecom = [...each(pid.field(13), (r) => contactPoint(r, 'home')), ...each(pid.field(14), (r) => contactPoint(r, 'work'))];
  if (telecom.length > 0) patient.telecom = telecom;
  const gender = GENDER[text(pid.field(8).value)?.toUpperCase() ?? ''];
  if (gender !== undefined) patient.gender = gender;
  const birthDate = date(pid.field(7).value);
  if (birthDate !== undefined) patient.birthDate = birthDate;
  const deathTime = dateTime(pid.field(29).value, options);
  const deceased = text(pid.field(30).value)?.toUpperCase();
  if (deathTime !== undefined) patient.deceasedDateTime = deathTime;
  else if (deceased === 'Y' || deceased === 'N') patient.deceasedBoolean = deceased === 'Y';
  const addresses = each(pid.field(11), address);
  if (addresses.length > 0) patient.address = addresses;
  const marital = text(pid.field(16).value)?.toUpperCase();
  if (marital !== undefined && MARITAL.has(marital)) {
    const display = text(pid.field(16).component(2).value);
    patient.maritalStatus = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-MaritalStatus', code: marital, ...(display === undefined ? {} : { display }) }] };
  }
  const birthOrder = Number(text(pid.field(25).value));
  const multiple = text(pid.field(24).value)?.toUpperCase();
  if (Number.isInteger(birthOrder) && birthOrder > 0) patient.multipleBirthInteger = birthOrder;
  else if (multiple === 'Y' || multiple === 'N') patient.multipleBirthBoolean = multiple === 'Y';
  const language = codeableConcept(pid.field(15).nonEmptyRepetitions[0]);
  if (language) patient.communication = [{ language }];
  return context.builder.add(patient, origin(pid), mode);
}
