import type { Encounter, EncounterParticipant } from '@chartwell/fhir';
import type { Hl7v2Segment } from '../message.js';
import { origin, type ConversionContext } from './context.js';
import { codeableConcept, codingIn, dateTime, identifierFromCx, text } from './datatypes.js';
import { locationFromPl } from './location.js';
import { practitionerFromXcn } from './practitioner.js';

const CLASS: Readonly<Record<string, { readonly code: string; readonly display: string }>> = {
  E: { code: 'EMER', display: 'emergency' },
  I: { code: 'IMP', display: 'inpatient encounter' },
  O: { code: 'AMB', display: 'ambulatory' },
  P: { code: 'PRENC', display: 'pre-admission' },
  R: { code: 'AMB', display: 'ambulatory' },
  B: { code: 'IMP', display: 'inpatient encounter' },
};

const PARTICIPANTS: readonly [field: number, code: string, display: string][] = [
  [7, 'ATND', 'attender'],
  [8, 'REF', 'referrer'],
  [9, 'CON', 'consultant'],
  [17, 'ADM', 'admitter'],
];

/**
 * PV1 (and PV2) as an Encounter: class from PV1-2 (table 0004 to v3 ActCode), the status the
 * event implies (`status`), visit number PV1-19 as identifier, period PV1-44 to PV1-45,
 * assigned location PV1-3 and prior location PV1-6, attending, referring, consulting and
 * admitting doctors (PV1-7, 8, 9, 17), admission type PV1-4, hospital service PV1-10, admit
 * source PV1-14, discharge disposition PV1-36 and the admit reason PV2-3. A visit with a
 * number is updated in place when stored again (A03 after A01).
 */
export function encounterFromPv1(pv1: Hl7v2Segment, pv2: Hl7v2Segment | undefined, status: Encounter['status'], context: ConversionContext): string | undefined {
  const { options } = context;
  const classCode = text(pv1.field(2).value)?.toUpperCase();
  if (classCode === 'N') return undefined; // "not applicable": no visit
  const known = CLASS[classCode ?? ''];
  const encounterClass = known
    ? { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', ...known }
    : classCode !== undefined
      ? { system: 'http://terminology.hl7.org/CodeSystem/v2-0004', code: classCode }
      : { system: 'http://terminology.hl7.org/CodeSystem/v3-NullFlavor', code: 'UNK', display: 'unknown' };
  const encounter: Encounter = { resourceType: 'Encounter', meta: context.meta, status, class: encounterClass };
  const visit = identifierFromCx(pv1.field(19).repetition(1), options);
  if (visit) encounter.identifier = [visit];
  if (context.patient !== undefined) encounter.subject = { reference: context.patient };
  const start = dateTime(pv1.field(44).value, options);
  const end = dateTime(pv1.field(45).value, options);
  if (start !== undefined || end !== undefined) encounter.period = { ...(start === undefined ? {} : { start }), ...(end === undefined ? {} : { end }) };
  const admissionType = codingIn('http://terminology.hl7.org/CodeSystem/v2-0007', pv1.field(4).value);
  if (admissionType) encounter.type = [{ coding: [admissionType] }];
  const service = codingIn('http://terminology.hl7.org/CodeSystem/v2-0069', pv1.field(10).value);
  if (service) encounter.serviceType = { coding: [service] };
  const participants: EncounterParticipant[] = [];
  for (const [field, code, display] of PARTICIPANTS) {
    for (const repetition of pv1.field(field).nonEmptyRepetitions) {
      const who = practitionerFromXcn(repetition, pv1, context);
      if (who !== undefined) participants.push({ type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code, display }] }], individual: { reference: who } });
    }
  }
  if (participants.length > 0) encounter.participant = participants;
  const locations: NonNullable<Encounter['location']> = [];
  const assigned = locationFromPl(pv1.field(3).repetition(1), pv1, context);
  if (assigned !== undefined) locations.push({ location: { reference: assigned }, status: status === 'finished' ? 'completed' : status === 'planned' ? 'planned' : 'active' });
  const prior = locationFromPl(pv1.field(6).repetition(1), pv1, context);
  if (prior !== undefined) locations.push({ location: { reference: prior }, status: 'completed' });
  if (locations.length > 0) encounter.location = locations;
  const admitSource = codingIn('http://terminology.hl7.org/CodeSystem/v2-0023', pv1.field(14).value);
  const disposition = codingIn('http://terminology.hl7.org/CodeSystem/v2-0112', pv1.field(36).value);
  if (admitSource || disposition) encounter.hospitalization = { ...(admitSource ? { admitSource: { coding: [admitSource] } } : {}), ...(disposition ? { dischargeDisposition: { coding: [disposition] } } : {}) };
  const reason = pv2 ? codeableConcept(pv2.field(3).nonEmptyRepetitions[0]) : undefined;
  if (reason) encounter.reasonCode = [reason];
  return context.builder.add(encounter, origin(pv1), 'upsert');
}
