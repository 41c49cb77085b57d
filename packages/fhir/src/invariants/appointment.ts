import type { Appointment } from '../generated/resources/Appointment.js';
import type { Check } from '../schema/builders.js';
import { invariant } from '../schema/issue.js';

const has = (appointment: Appointment, key: 'start' | 'end') => appointment[key] !== undefined || appointment[`_${key}`] !== undefined;

/** app-2: either start and end are specified, or neither. */
export const app2: Check<Appointment> = (appointment, ctx) => {
  if (has(appointment, 'start') !== has(appointment, 'end')) {
    invariant(ctx, [], 'app-2', 'Either start and end are specified, or neither');
  }
};

/** app-3: only proposed, cancelled or waitlisted appointments can be missing start/end dates. */
export const app3: Check<Appointment> = (appointment, ctx) => {
  if (has(appointment, 'start') && has(appointment, 'end')) return;
  if (appointment.status === 'proposed' || appointment.status === 'cancelled' || appointment.status === 'waitlist') return;
  invariant(ctx, [], 'app-3', 'Only proposed or cancelled appointments can be missing start/end dates');
};
