import type { Appointment, AppointmentParticipant, Identifier } from '@chartwell/fhir';
import { parseInstant } from '@chartwell/fhir';
import type { Hl7v2Message, Hl7v2Segment } from '../message.js';
import { origin, type ConversionContext } from './context.js';
import { codeableConcept, identifierFromEi, instant, text } from './datatypes.js';
import { locationFromPl } from './location.js';
import { practitionerFromXcn } from './practitioner.js';

const FILLER_STATUS: Readonly<Record<string, Appointment['status']>> = {
  BOOKED: 'booked',
  OVERBOOK: 'booked',
  PENDING: 'pending',
  WAITLIST: 'waitlist',
  CANCELLED: 'cancelled',
  DC: 'cancelled',
  DELETED: 'entered-in-error',
  NOSHOW: 'noshow',
  COMPLETE: 'fulfilled',
  STARTED: 'arrived',
};

// start, duration and duration units of each resource segment (AIS, AIG, AIL, AIP)
const TIMES: Readonly<Record<string, readonly [start: number, duration: number, units: number]>> = { AIS: [4, 7, 8], AIG: [8, 11, 12], AIL: [6, 9, 10], AIP: [6, 9, 10] };
const MINUTES: Readonly<Record<string, number>> = { S: 1 / 60, M: 1, MIN: 1, H: 60, HR: 60, HOUR: 60, D: 1440, DAY: 1440 };

/**
 * SIU S12 (new), S13 (rescheduled), S14 (modified), S15 (cancelled) as an Appointment:
 * placer and filler appointment IDs (SCH-1, SCH-2), reason SCH-7, type SCH-8, status from the
 * event or the filler status SCH-25, start and end from TQ1-7/8, else the resource segments'
 * start and duration, else SCH-11; the service AIS-3; participants the patient, the personnel
 * (AIP-3) and the locations (AIL-3). A later message for the same filler ID updates it.
 */
export function appointmentFromSiu(message: Hl7v2Message, event: string, context: ConversionContext): string | undefined {
  const sch = message.segment('SCH');
  if (!sch) return undefined;
  const { options } = context;
  const fillerStatus = FILLER_STATUS[text(sch.field(25).value)?.toUpperCase() ?? ''];
  const status: Appointment['status'] = event === 'S15' ? 'cancelled' : (fillerStatus ?? 'booked');
  const participant: AppointmentParticipant[] = [];
  if (context.patient !== undefined) participant.push({ actor: { reference: context.patient }, status: 'accepted' });
  const appointment: Appointment = { resourceType: 'Appointment', meta: context.meta, status, participant };
  const identifiers = [identifierFromEi(sch.field(2).repetition(1), options, 'FILL'), identifierFromEi(sch.field(1).repetition(1), options, 'PLAC')].filter((i): i is Identifier => i !== undefined);
  if (identifiers.length > 0) appointment.identifier = identifiers;
  const reason = codeableConcept(sch.field(7).repetition(1));
  if (reason) appointment.reasonCode = [reason];
  const type = codeableConcept(sch.field(8).repetition(1));
  if (type) appointment.appointmentType = type;
  const { start, end } = timing(message, sch, context);
  if (start !== undefined) appointment.start = start;
  if (end !== undefined) appointment.end = end;
  if (start !== undefined && end !== undefined) appointment.minutesDuration = Math.round((Date.parse(end) - Date.parse(start)) / 60000);
  const services = message.segmentsNamed('AIS').map((ais) => codeableConcept(ais.field(3).repetition(1))).filter((c) => c !== undefined);
  if (services.length > 0) appointment.serviceType = services;
  for (const aip of message.segmentsNamed('AIP')) {
    for (const repetition of aip.field(3).nonEmptyRepetitions) {
      const who = practitionerFromXcn(repetition, aip, context);
      const role = codeableConcept(aip.field(4).repetition(1));
      if (who !== undefined) participant.push({ actor: { reference: who }, ...(role ? { type: [role] } : {}), status: status === 'cancelled' ? 'declined' : 'accepted' });
    }
  }
  for (const ail of message.segmentsNamed('AIL')) {
    const where = locationFromPl(ail.field(3).repetition(1), ail, context);
    if (where !== undefined) participant.push({ actor: { reference: where }, status: status === 'cancelled' ? 'declined' : 'accepted' });
  }
  if (participant.length === 0) participant.push({ status: 'needs-action', actor: { display: 'Unidentified participant' } });
  return context.builder.add(appointment, origin(sch), 'upsert');
}

function timing(message: Hl7v2Message, sch: Hl7v2Segment, context: ConversionContext): { start?: string; end?: string } {
  const { options } = context;
  const tq1 = message.segment('TQ1');
  const tqStart = instant(tq1?.field(7).value, options);
  const tqEnd = instant(tq1?.field(8).value, options);
  if (tqStart !== undefined && tqEnd !== undefined) return { start: tqStart, end: tqEnd };
  let start: string | undefined;
  let end: string | undefined;
  for (const segment of message.segments) {
    const positions = TIMES[segment.name];
    if (!positions) continue;
    const [s, d, u] = positions;
    const from = instant(segment.field(s).value, options);
    const minutes = Number(text(segment.field(d).value)) * (MINUTES[text(segment.field(u).value)?.toUpperCase() ?? 'MIN'] ?? Number.NaN);
    if (from === undefined) continue;
    if (start === undefined || Date.parse(from) < Date.parse(start)) start = from;
    const to = Number.isFinite(minutes) ? addMinutes(from, minutes) : undefined;
    if (to !== undefined && (end === undefined || Date.parse(to) > Date.parse(end))) end = to;
  }
  if (start !== undefined && end !== undefined) return { start, end };
  const schStart = instant(sch.field(11).component(4).value, options);
  const schEnd = instant(sch.field(11).component(5).value, options);
  const result: { start?: string; end?: string } = {};
  if ((start ?? schStart) !== undefined) result.start = start ?? schStart;
  if (start === undefined && schEnd !== undefined) result.end = schEnd;
  return result;
}

/** `minutes` after an instant, written in the same UTC offset. */
function addMinutes(value: string, minutes: number): string | undefined {
  if (parseInstant(value) === undefined) return undefined;
  const offset = /([+-])(\d{2}):(\d{2})$/.exec(value);
  const offsetMinutes = offset ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) : 0;
  const shifted = new Date(Date.parse(value) + (minutes + offsetMinutes) * 60000).toISOString().slice(0, 19);
  return `${shifted}${offset ? offset[0] : 'Z'}`;
}
