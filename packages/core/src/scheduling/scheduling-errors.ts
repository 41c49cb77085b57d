import { ConflictError, InvalidError } from '../store/errors.js';
import type { AppointmentStatus } from './appointment-status.js';
import type { AppointmentConflict } from './conflicts.js';

/**
 * A booking or reschedule refused because it would double-book someone (`conflicts` lists who,
 * with which appointment). A ConflictError, code `conflict`: nothing was written.
 */
export class DoubleBookingError extends ConflictError {
  /** Each actor booked twice, with the appointment already holding that time. */
  readonly conflicts: readonly AppointmentConflict[];
  constructor(details: { readonly id?: string; readonly conflicts: readonly AppointmentConflict[] }, message?: string) {
    const first = details.conflicts[0];
    super(
      { resourceType: 'Appointment', ...(details.id !== undefined && { id: details.id }), path: 'Appointment.participant' },
      message ?? `The appointment would double-book ${first ? `${first.actor} (already in Appointment/${first.appointmentId}, ${first.start} to ${first.end})` : 'a participant'}${details.conflicts.length > 1 ? ` and ${details.conflicts.length - 1} more` : ''}`,
    );
    this.name = 'DoubleBookingError';
    this.conflicts = details.conflicts;
  }
}

/** An appointment status change the state machine does not allow (`booked` → `proposed`, anything out of `entered-in-error`). An InvalidError, code `invalid`. */
export class AppointmentTransitionError extends InvalidError {
  readonly from: AppointmentStatus | undefined;
  readonly to: AppointmentStatus;
  constructor(details: { readonly id?: string; readonly from: AppointmentStatus | undefined; readonly to: AppointmentStatus }) {
    super(
      { resourceType: 'Appointment', ...(details.id !== undefined && { id: details.id }), path: 'Appointment.status' },
      `Appointment${details.id !== undefined ? `/${details.id}` : ''} cannot go from ${details.from ?? 'no status'} to ${details.to}`,
    );
    this.name = 'AppointmentTransitionError';
    this.from = details.from;
    this.to = details.to;
  }
}

/** A booking into a Slot that is not `free` (busy, unavailable, tentative, or outside the booking's time). A ConflictError, code `conflict`: nothing was written. */
export class SlotUnavailableError extends ConflictError {
  readonly slotId: string;
  constructor(details: { readonly slotId: string; readonly reason: string }) {
    super({ resourceType: 'Slot', id: details.slotId, path: 'Slot.status' }, `Slot/${details.slotId} cannot be booked: ${details.reason}`);
    this.name = 'SlotUnavailableError';
    this.slotId = details.slotId;
  }
}
