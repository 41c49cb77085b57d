// The demo clinic's diary. The Synthea Bundles hold no Schedule, Slot or Appointment, so the
// seeding makes them up, relative to "today": synthetic slots over real (synthetic) Synthea
// practitioners, the three doctors who saw the four sample patients.
import { bookAppointment, searchAllPages, type ChartStore } from '@chartwell/core';
import type { CareTeam, Schedule, Slot } from '@chartwell/fhir';

/** The practitioners (fullUrls in practitionerInformation*.json) who get a diary: Dr June Kassulke, Dr Janean Walsh, Dr Andre Schneider. */
export const CLINIC_PRACTITIONERS = ['urn:uuid:0e99785d-8f2a-45c7-848c-d6b31d1aa50e', 'urn:uuid:9f1403b1-03d8-4b93-8203-ce96e3157deb', 'urn:uuid:e34619ed-fc04-401f-a94c-1cf43395f4b3'] as const;

/** The surgery hours, wall-clock in the clinic's time zone: 20-minute slots from each start to each end. */
export const SURGERY_HOURS = [
  ['09:00', '12:00'],
  ['14:00', '17:00'],
] as const;

/** Minutes per slot. */
export const SLOT_MINUTES = 20;

/** The booked appointments: patient and practitioner (Bundle fullUrls), working day of the week (0 Monday … 4 Friday), start. */
export const DEMO_APPOINTMENTS = [
  { patient: 'urn:uuid:79c96478-7878-4703-9e94-b999f2bc3295', practitioner: 'urn:uuid:e34619ed-fc04-401f-a94c-1cf43395f4b3', day: 0, start: '09:00', type: 'CHECKUP' },
  { patient: 'urn:uuid:d78af07c-9cb9-4f31-9b11-c45a28f2eec8', practitioner: 'urn:uuid:0e99785d-8f2a-45c7-848c-d6b31d1aa50e', day: 1, start: '09:20', type: 'ROUTINE' },
  { patient: 'urn:uuid:22d7a9b8-7756-4eb7-a95f-6e86e0c93761', practitioner: 'urn:uuid:0e99785d-8f2a-45c7-848c-d6b31d1aa50e', day: 2, start: '14:00', type: 'FOLLOWUP' },
  { patient: 'urn:uuid:ba55f379-b944-44f3-a58a-14b95a623c1b', practitioner: 'urn:uuid:9f1403b1-03d8-4b93-8203-ce96e3157deb', day: 3, start: '10:40', type: 'ROUTINE' },
] as const;

const APPOINTMENT_TYPE_DISPLAY: Record<string, string> = {
  ROUTINE: 'Routine appointment - default if not valued',
  CHECKUP: 'A routine check-up, such as an annual physical',
  FOLLOWUP: 'A follow up visit from a previous appointment',
};

/** Options of the diary: the clinic's time zone and the moment taken as "now". */
export interface ClinicDiaryOptions {
  /** IANA time zone of the surgery hours; default `Europe/London` (the portal's default). */
  readonly timeZone?: string;
  /** "Now": the week of this instant (Monday to Friday, in the clinic's zone) gets the slots. Default: the clock. */
  readonly now?: Date;
}

/** The calendar date (`YYYY-MM-DD`) of `instant` in `timeZone`. */
export function dateIn(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The offset of `timeZone` from UTC at `epochMs`, in milliseconds. */
function offsetAt(epochMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(new Date(epochMs));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(epochMs / 1000) * 1000;
}

/** The instant of the wall-clock `date` `time` in `timeZone` (a time the clocks skip resolves forward). */
export function wallClockInstant(date: string, time: string, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  const first = asUtc - offsetAt(asUtc, timeZone);
  return new Date(asUtc - offsetAt(first, timeZone));
}

/** `date` plus `days` (calendar arithmetic on `YYYY-MM-DD`). */
function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** The Monday to Friday of the week (Monday first) holding `now` in `timeZone`. */
export function workingDays(now: Date, timeZone: string): string[] {
  const today = dateIn(now, timeZone);
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  const weekday = (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7; // 0 Monday
  const monday = addDays(today, -weekday);
  return [0, 1, 2, 3, 4].map((offset) => addDays(monday, offset));
}

/** `HH:MM` plus `minutes`. */
function addMinutes(time: string, minutes: number): string {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const total = hour * 60 + minute + minutes;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/**
 * Writes the diary: for each clinic practitioner (found through `ids`, the imports' fullUrl →
 * `Type/id` map) a Schedule and free 20-minute Slots over the surgery hours of this week's working
 * days, then books {@link DEMO_APPOINTMENTS} into them with `bookAppointment` (their slots turn busy),
 * and makes each booked practitioner the patient's care team (a CareTeam), as an access policy's
 * clinician role reads it.
 */
export async function seedClinicDiary(store: ChartStore, ids: ReadonlyMap<string, string>, options: ClinicDiaryOptions = {}): Promise<void> {
  const timeZone = options.timeZone ?? 'Europe/London';
  const days = workingDays(options.now ?? new Date(), timeZone);
  const slotsByStart = new Map<string, string>();
  for (const fullUrl of CLINIC_PRACTITIONERS) {
    const practitioner = ids.get(fullUrl);
    if (practitioner === undefined) throw new Error(`Demo diary: practitioner ${fullUrl} was not imported`);
    const first = days[0] ?? '';
    const last = days.at(-1) ?? '';
    const schedule = await store.create<Schedule>({
      resourceType: 'Schedule',
      active: true,
      actor: [{ reference: practitioner }],
      planningHorizon: { start: wallClockInstant(first, '00:00', timeZone).toISOString(), end: wallClockInstant(addDays(last, 1), '00:00', timeZone).toISOString() },
      comment: 'Synthetic demo diary (Chartwell portal): surgery hours 09:00–12:00 and 14:00–17:00',
    });
    const slots: Slot[] = [];
    for (const day of days) {
      for (const [from, to] of SURGERY_HOURS) {
        for (let time: string = from; time < to; time = addMinutes(time, SLOT_MINUTES)) {
          slots.push({ resourceType: 'Slot', schedule: { reference: `Schedule/${schedule.id ?? ''}` }, status: 'free', start: wallClockInstant(day, time, timeZone).toISOString(), end: wallClockInstant(day, addMinutes(time, SLOT_MINUTES), timeZone).toISOString() });
        }
      }
    }
    const written = await store.transaction(slots.map((resource) => ({ op: 'create' as const, resource })));
    for (const slot of written as Slot[]) slotsByStart.set(`${fullUrl} ${slot.start ?? ''}`, slot.id ?? '');
  }
  for (const appointment of DEMO_APPOINTMENTS) {
    const patient = ids.get(appointment.patient);
    const practitioner = ids.get(appointment.practitioner);
    const day = days[appointment.day];
    if (patient === undefined || practitioner === undefined || day === undefined) throw new Error(`Demo diary: appointment of ${appointment.patient} cannot be made`);
    const slotId = slotsByStart.get(`${appointment.practitioner} ${wallClockInstant(day, appointment.start, timeZone).toISOString()}`);
    if (slotId === undefined) throw new Error(`Demo diary: no slot at ${day} ${appointment.start}`);
    await bookAppointment(store, {
      patient,
      actors: [practitioner],
      slotIds: [slotId],
      appointmentType: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0276', code: appointment.type, display: APPOINTMENT_TYPE_DISPLAY[appointment.type] ?? appointment.type }] },
      description: 'Demo appointment (synthetic)',
    });
    // the practitioner looks after this patient: the care team an access policy's clinician role reads
    await store.create<CareTeam>({
      resourceType: 'CareTeam',
      status: 'active',
      name: 'Demo care team (synthetic)',
      subject: { reference: patient },
      participant: [{ member: { reference: practitioner } }],
    });
  }
}

/** The practitioners who have a Schedule in `store` (`Practitioner/<id>`), as the portal's scheduler shows them. */
export async function clinicPractitioners(store: ChartStore): Promise<string[]> {
  const schedules = await searchAllPages(store, 'Schedule');
  const actors = schedules.flatMap((schedule) => (schedule.actor ?? []).map((actor) => actor.reference ?? '')).filter((reference) => reference.startsWith('Practitioner/'));
  return [...new Set(actors)];
}
