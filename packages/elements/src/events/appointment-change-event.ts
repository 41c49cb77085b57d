/** What the scheduler changed: booked, cancelled, marked a no-show, rescheduled, moved to another status, or added to the waitlist. */
export type AppointmentChangeAction = 'book' | 'cancel' | 'noshow' | 'reschedule' | 'status' | 'waitlist';

/** What a `cw-appointment-change` event carries. */
export interface CwAppointmentChangeDetail {
  readonly action: AppointmentChangeAction;
  /** The Appointment written. */
  readonly appointmentId: string;
  /** Its status now. */
  readonly status: string;
  /** Its version now (`meta.versionId`). */
  readonly versionId?: string;
}

/**
 * Fired by `<cw-scheduler>` after it wrote an appointment (the write has committed). Not
 * cancelable: to stop a booking, cancel `cw-slot-select`. Bubbles and is composed.
 */
export class CwAppointmentChangeEvent extends CustomEvent<CwAppointmentChangeDetail> {
  constructor(detail: CwAppointmentChangeDetail) {
    super('cw-appointment-change', { bubbles: true, composed: true, detail: Object.freeze({ ...detail }) });
  }
}

declare global {
  interface HTMLElementEventMap {
    'cw-appointment-change': CwAppointmentChangeEvent;
  }
}
