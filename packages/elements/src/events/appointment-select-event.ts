/** What a `cw-appointment-select` event carries. */
export interface CwAppointmentSelectDetail {
  /** The Appointment's id. */
  readonly appointmentId: string;
  /** Its FHIR status (`booked`, `arrived`, …; `unknown` when none is recorded). */
  readonly status: string;
  /** The patient, `Patient/<id>`, when one takes part. */
  readonly patient?: string;
  /** Its start and end instants (ISO 8601, UTC); none for a waitlist entry. */
  readonly start?: string;
  readonly end?: string;
}

/**
 * Fired by `<cw-scheduler>` when the user chooses an appointment or a waitlist entry. Cancelable:
 * unless the host calls `preventDefault()`, the scheduler opens its dialog of the actions the
 * appointment's status allows. Bubbles and is composed.
 */
export class CwAppointmentSelectEvent extends CustomEvent<CwAppointmentSelectDetail> {
  constructor(detail: CwAppointmentSelectDetail) {
    super('cw-appointment-select', { bubbles: true, composed: true, cancelable: true, detail: Object.freeze({ ...detail }) });
  }
}

declare global {
  interface HTMLElementEventMap {
    'cw-appointment-select': CwAppointmentSelectEvent;
  }
}
