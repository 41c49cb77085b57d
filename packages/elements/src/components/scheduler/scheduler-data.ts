import { formatHumanName, isChartStoreError, preferredHumanName, scheduleView } from '@chartwell/core';
import type { ChartStore, DateStyle, ScheduleRange, ScheduleView, TimeStyle } from '@chartwell/core';
import type { Location, Patient, Practitioner, PractitionerRole } from '@chartwell/fhir';

/** A patient on the schedule: the name to show and the flags the schedule must surface. */
export interface SchedulePatient {
  /** `Patient/<id>`. */
  readonly reference: string;
  /** `FAMILY, Given (Title)`, or the participant's recorded display when the record cannot be read; `''` when neither is known. */
  readonly name: string;
  /** The record says the patient has died (`deceasedBoolean` true or a `deceasedDateTime`). */
  readonly deceased: boolean;
  /** The record is marked inactive (`active: false`). */
  readonly inactive: boolean;
  /** Whether the Patient record was read (false: not found, or not allowed). */
  readonly found: boolean;
}

/** What `<cw-scheduler>` shows: the core schedule view, the patients named in it, and the actors' names. */
export interface SchedulerData {
  readonly view: ScheduleView;
  /** By `Patient/<id>`. */
  readonly patients: ReadonlyMap<string, SchedulePatient>;
  /** Names of the practitioners and locations (the actors, and those of their schedules), by `Type/id`. */
  readonly actorNames: ReadonlyMap<string, string>;
}

/** What {@link loadSchedulerData} reads. */
export interface SchedulerDataRequest {
  readonly actors: readonly string[];
  readonly range: ScheduleRange;
  readonly timeZone: string;
  readonly locale: string;
  readonly dateStyle: DateStyle;
  readonly timeStyle?: TimeStyle;
  readonly storeName?: string;
  readonly signal?: AbortSignal;
}

/** Whether a failed read means "this record cannot be shown" (missing or withheld) rather than a failure of the store. */
const unreadable = (error: unknown) => isChartStoreError(error, 'not-found') || isChartStoreError(error, 'forbidden');

function patientSummary(reference: string, patient: Patient | undefined, display: string | undefined, locale: string): SchedulePatient {
  if (patient === undefined) return { reference, name: display ?? '', deceased: false, inactive: false, found: false };
  const name = formatHumanName(preferredHumanName(patient.name), { locale, style: 'banner' }) || display || '';
  const deceased = patient.deceasedBoolean === true || (typeof patient.deceasedDateTime === 'string' && patient.deceasedDateTime !== '');
  return { reference, name, deceased, inactive: patient.active === false, found: true };
}

/**
 * The name of a patient (`FAMILY, Given`), practitioner, practitioner role or location, read from
 * the store; undefined when it has none or cannot be read (missing, or not allowed).
 */
export async function readActorName(store: ChartStore, actor: string, locale: string, signal?: AbortSignal): Promise<string | undefined> {
  const [type, id] = actor.split('/');
  if (id === undefined) return undefined;
  const options = signal ? { signal } : {};
  try {
    if (type === 'Patient') {
      const patient: Patient = await store.read('Patient', id, options);
      return formatHumanName(preferredHumanName(patient.name), { locale, style: 'banner' }) || undefined;
    }
    if (type === 'Practitioner') {
      const practitioner: Practitioner = await store.read('Practitioner', id, options);
      return formatHumanName(preferredHumanName(practitioner.name), { locale }) || undefined;
    }
    if (type === 'Location') {
      const location: Location = await store.read('Location', id, options);
      return location.name || undefined;
    }
    if (type === 'PractitionerRole') {
      const role: PractitionerRole = await store.read('PractitionerRole', id, options);
      return role.practitioner?.display || undefined;
    }
  } catch (error) {
    if (unreadable(error)) return undefined;
    throw error;
  }
  return undefined;
}

/**
 * Reads what `<cw-scheduler>` shows: `scheduleView` for the actors and range in the clinic's
 * zone, then each patient named on an appointment or waitlist entry (for the name and the
 * deceased / inactive flags) and each practitioner or location of the schedules (for their
 * names). A patient or actor that cannot be read (missing, or not allowed) keeps the name its
 * reference recorded, if any.
 */
export async function loadSchedulerData(store: ChartStore, request: SchedulerDataRequest): Promise<SchedulerData> {
  const view = await scheduleView(store, {
    actors: request.actors,
    range: request.range,
    timeZone: request.timeZone,
    locale: request.locale,
    dateStyle: request.dateStyle,
    ...(request.timeStyle && { timeStyle: request.timeStyle }),
    ...(request.storeName && { storeName: request.storeName }),
    ...(request.signal && { signal: request.signal }),
  });
  const displays = new Map<string, string>();
  const patientRefs = new Set<string>();
  const participants = [...view.days.flatMap((day) => day.appointments.flatMap((a) => a.participants)), ...view.waitlist.flatMap((w) => w.participants)];
  for (const participant of participants) {
    if (participant.actor === undefined) continue;
    if (participant.display !== undefined && !displays.has(participant.actor)) displays.set(participant.actor, participant.display);
    if (participant.kind === 'patient') patientRefs.add(participant.actor);
  }
  const options = request.signal ? { signal: request.signal } : {};
  const patients = new Map<string, SchedulePatient>();
  await Promise.all(
    [...patientRefs].map(async (reference) => {
      let patient: Patient | undefined;
      try {
        patient = await store.read('Patient', reference.slice('Patient/'.length), options);
      } catch (error) {
        if (!unreadable(error)) throw error;
      }
      patients.set(reference, patientSummary(reference, patient, displays.get(reference), request.locale));
    }),
  );
  const actors = new Set([...view.actors, ...view.schedules.flatMap((s) => s.actors)]);
  const actorNames = new Map<string, string>();
  await Promise.all(
    [...actors].map(async (actor) => {
      const name = (await readActorName(store, actor, request.locale, request.signal)) ?? displays.get(actor);
      if (name !== undefined) actorNames.set(actor, name);
    }),
  );
  return { view, patients, actorNames };
}
