import { msg, str } from '@lit/localize';
import type { AppointmentStatus, ConflictKind } from '@chartwell/core';
import { defaultDataStateI18n, type DataStateI18n } from '../../internal/chart-data-element.js';

/** The views of `<cw-scheduler>`: one day, a week as a grid, or a week as a list. */
export type SchedulerViewName = 'day' | 'week' | 'agenda';

/** The appointment types the booking dialog offers (HL7 v2 table 0276). */
export type SchedulerAppointmentType = 'ROUTINE' | 'WALKIN' | 'CHECKUP' | 'FOLLOWUP' | 'EMERGENCY';

/** The statuses the appointment dialog can move an appointment to directly (the rest have their own forms). */
export type SchedulerStatusAction = 'arrived' | 'checked-in' | 'fulfilled' | 'booked';

/** Every built-in string of `<cw-scheduler>`, for translation. */
export interface SchedulerI18n extends DataStateI18n {
  heading: string;
  /** The heading with the names of the practitioners and locations shown. */
  headingFor: (names: string) => string;
  /** Shown when the `actors` attribute is empty. */
  noActors: string;
  /** Shown when the `date` attribute is not a day. */
  badDate: (date: string) => string;
  /** The time zone line, always shown. */
  timeZone: (zone: string) => string;
  /** Said on a day the clocks change: its length and the UTC offsets before and after. */
  clockChange: (hours: number, from: string, to: string) => string;
  /** A time's UTC offset, shown on days the clocks change. */
  offset: (offset: string) => string;
  views: string;
  view: Record<SchedulerViewName, string>;
  previous: Record<'day' | 'week', string>;
  next: Record<'day' | 'week', string>;
  today: string;
  /** A week: its first and last day. */
  weekRange: (first: string, last: string) => string;
  /** The grid's time column. */
  time: string;
  /** Slot status words. */
  slotStatus: Record<'free' | 'busy' | 'busy-unavailable' | 'busy-tentative' | 'unknown', string>;
  /** Appointment status words (never blank). */
  status: Record<AppointmentStatus | 'unknown', string>;
  overbooked: string;
  /** Marks an item that began the day before. */
  fromPreviousDay: string;
  /** Marks an item that runs into the next day. */
  intoNextDay: string;
  deceased: string;
  inactive: string;
  /** An appointment without a patient. */
  noPatient: string;
  /** A patient whose name is not known. */
  nameNotKnown: string;
  /** Who is double-booked, by kind. */
  conflictKind: Record<ConflictKind, string>;
  /** The double-booking flag on an appointment. */
  doubleBooked: (kind: string, who: string) => string;
  /** A period with nothing in it. */
  emptyPeriod: string;
  /** A day of the agenda with nothing in it. */
  emptyDay: string;
  waitlist: (count: number) => string;
  waitlistEmpty: string;
  addToWaitlist: string;
  /** A waitlist entry's priority (1 highest). */
  priority: (priority: number) => string;
  // dialogs
  close: string;
  bookTitle: string;
  /** What the booking dialog is for: when and with whom. */
  bookSummary: (when: string, withWhom: string) => string;
  patientLabel: string;
  patientHint: string;
  typeLabel: string;
  types: Record<SchedulerAppointmentType, string>;
  descriptionLabel: string;
  book: string;
  /** The patient field is empty. */
  patientRequired: string;
  patientNotFound: (id: string) => string;
  patientDeceased: (name: string) => string;
  /** Another user booked the slot or the practitioner first. */
  slotTaken: string;
  /** Refused double-booking: `lines` lists each conflict. */
  doubleBookedRefused: (lines: string) => string;
  /** One conflict: who is already booked, when, in which appointment. */
  conflictLine: (kind: string, who: string, when: string) => string;
  /** The appointment changed meanwhile (another user). */
  changedMeanwhile: string;
  /** A write failed for another reason. */
  writeFailed: string;
  /** A transition the status does not allow (someone changed it meanwhile). */
  transitionRefused: (status: string) => string;
  appointmentTitle: string;
  when: string;
  patient: string;
  type: string;
  statusLabel: string;
  withLabel: string;
  cancellationReason: string;
  /** Where an appointment's record came from. */
  source: string;
  /** Its organisation and system, and when it was last updated. */
  sourceText: (from: string, updated: string) => string;
  actions: string;
  statusAction: Record<SchedulerStatusAction, string>;
  cancelAppointment: string;
  cancelReason: string;
  confirmCancel: string;
  /** Said when the reason for cancelling is left blank. */
  reasonRequired: string;
  confirmRemove: string;
  markNoShow: string;
  noShowNote: string;
  confirmNoShow: string;
  reschedule: string;
  bookFromWaitlist: string;
  removeFromWaitlist: string;
  moveTo: string;
  confirmMove: string;
  noFreeSlot: string;
  noActions: string;
  waitlistTitle: string;
  waitlistNote: string;
  add: string;
}

/** The defaults of {@link SchedulerI18n} in the current text locale. */
export const defaultSchedulerI18n = (): SchedulerI18n => ({
  ...defaultDataStateI18n(),
  loading: msg('Loading the schedule…'),
  heading: msg('Schedule'),
  headingFor: (names) => msg(str`Schedule: ${names}`),
  noActors: msg('No schedule chosen: set the actors attribute (such as Practitioner/1).'),
  badDate: (date) => msg(str`"${date}" is not a date: set the date attribute as YYYY-MM-DD.`),
  timeZone: (zone) => msg(str`Times in ${zone}`),
  clockChange: (hours, from, to) => msg(str`The clocks change on this day (${hours} hours): UTC${from} to UTC${to}`),
  offset: (offset) => msg(str`UTC${offset}`),
  views: msg('View'),
  view: { day: msg('Day'), week: msg('Week'), agenda: msg('Agenda') },
  previous: { day: msg('Previous day'), week: msg('Previous week') },
  next: { day: msg('Next day'), week: msg('Next week') },
  today: msg('Today'),
  weekRange: (first, last) => msg(str`${first} to ${last}`),
  time: msg('Time'),
  slotStatus: { free: msg('Free'), busy: msg('Busy'), 'busy-unavailable': msg('Blocked'), 'busy-tentative': msg('Tentative'), unknown: msg('Slot status not recorded') },
  status: {
    proposed: msg('Proposed'),
    pending: msg('Pending'),
    booked: msg('Booked'),
    arrived: msg('Arrived'),
    fulfilled: msg('Fulfilled'),
    cancelled: msg('Cancelled'),
    noshow: msg('Did not attend'),
    'entered-in-error': msg('Entered in error'),
    'checked-in': msg('Checked in'),
    waitlist: msg('Waitlist'),
    unknown: msg('Status not recorded'),
  },
  overbooked: msg('Overbooked'),
  fromPreviousDay: msg('from the day before'),
  intoNextDay: msg('into the next day'),
  deceased: msg('Deceased'),
  inactive: msg('Inactive record'),
  noPatient: msg('No patient'),
  nameNotKnown: msg('Name not known'),
  conflictKind: { patient: msg('patient'), practitioner: msg('practitioner'), location: msg('location'), other: msg('participant') },
  doubleBooked: (kind, who) => msg(str`Double-booked: ${kind} ${who}`),
  emptyPeriod: msg('Nothing is scheduled in this period.'),
  emptyDay: msg('Nothing scheduled'),
  waitlist: (count) => msg(str`Waitlist (${count})`),
  waitlistEmpty: msg('No one is on the waitlist.'),
  addToWaitlist: msg('Add to waitlist'),
  priority: (priority) => msg(str`Priority ${priority}`),
  close: msg('Close'),
  bookTitle: msg('Book an appointment'),
  bookSummary: (when, withWhom) => msg(str`${when} with ${withWhom}`),
  patientLabel: msg('Patient'),
  patientHint: msg('The patient record id, such as Patient/123'),
  typeLabel: msg('Appointment type'),
  types: { ROUTINE: msg('Routine'), WALKIN: msg('Walk-in'), CHECKUP: msg('Check-up'), FOLLOWUP: msg('Follow-up'), EMERGENCY: msg('Emergency') },
  descriptionLabel: msg('Reason or note'),
  book: msg('Book'),
  patientRequired: msg('Enter the patient.'),
  patientNotFound: (id) => msg(str`No patient record ${id} was found: not booked.`),
  patientDeceased: (name) => msg(str`${name} is recorded as deceased: not booked.`),
  slotTaken: msg('Not booked: this time has just been booked by someone else. The schedule has been refreshed; choose another slot.'),
  doubleBookedRefused: (lines) => msg(str`Not booked, it would double-book: ${lines}`),
  conflictLine: (kind, who, when) => msg(str`the ${kind} ${who} is already booked ${when}`),
  changedMeanwhile: msg('Not saved: someone else changed this appointment meanwhile. The schedule has been refreshed; check it and try again.'),
  writeFailed: msg('The change could not be saved. Try again.'),
  transitionRefused: (status) => msg(str`Not saved: the appointment is now ${status}, which does not allow this.`),
  appointmentTitle: msg('Appointment'),
  when: msg('When'),
  patient: msg('Patient'),
  type: msg('Type'),
  statusLabel: msg('Status'),
  withLabel: msg('With'),
  cancellationReason: msg('Cancellation reason'),
  source: msg('Source'),
  sourceText: (from, updated) => msg(str`${from}, updated ${updated}`),
  actions: msg('Actions'),
  statusAction: { arrived: msg('Check in (arrived)'), 'checked-in': msg('Checked in'), fulfilled: msg('Mark fulfilled'), booked: msg('Confirm the booking') },
  cancelAppointment: msg('Cancel appointment…'),
  cancelReason: msg('Reason for cancelling'),
  confirmCancel: msg('Cancel the appointment'),
  reasonRequired: msg('Give a reason for cancelling.'),
  confirmRemove: msg('Remove from the waitlist'),
  markNoShow: msg('Did not attend…'),
  noShowNote: msg('Note (optional)'),
  confirmNoShow: msg('Record did not attend'),
  reschedule: msg('Reschedule…'),
  bookFromWaitlist: msg('Book into a free slot…'),
  removeFromWaitlist: msg('Remove from the waitlist…'),
  moveTo: msg('Free slot'),
  confirmMove: msg('Move here'),
  noFreeSlot: msg('No free slot in this view: go to another day or week first.'),
  noActions: msg('No further change of status is possible.'),
  waitlistTitle: msg('Add to the waitlist'),
  waitlistNote: msg('Note: when would suit'),
  add: msg('Add'),
});
