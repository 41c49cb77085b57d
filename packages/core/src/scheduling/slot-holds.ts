import type { Appointment, Slot } from '@chartwell/fhir';
import { normalizeReference } from '../search/values.js';
import type { ChartStore, StoreCallOptions, TransactionOperation } from '../store/chart-store.js';
import { InvalidError } from '../store/errors.js';
import { holdsTime } from './appointment-status.js';
import { appointmentInterval, appointmentsAround, type AppointmentInterval } from './conflicts.js';
import { SlotUnavailableError } from './scheduling-errors.js';

/** The Slot ids an appointment books (`Appointment.slot`, as `Slot/<id>` references). */
export function slotIdsOf(appointment: Pick<Appointment, 'slot'>): string[] {
  const ids: string[] = [];
  for (const reference of appointment.slot ?? []) {
    const target = reference.reference === undefined ? undefined : normalizeReference(reference.reference);
    if (target?.startsWith('Slot/')) ids.push(target.slice('Slot/'.length));
  }
  return ids;
}

/** The span from the earliest slot start to the latest slot end; InvalidError naming the slot whose times are not valid instants. */
export function slotSpan(slots: readonly Slot[]): AppointmentInterval {
  let span: AppointmentInterval | undefined;
  for (const slot of slots) {
    const interval = appointmentInterval(slot);
    if (interval === undefined || slot.end === undefined) throw new InvalidError({ resourceType: 'Slot', ...(slot.id !== undefined && { id: slot.id }), path: 'Slot.start' }, `Slot/${slot.id ?? '?'} has no valid start and end`);
    span = span === undefined ? interval : { start: Math.min(span.start, interval.start), end: Math.max(span.end, interval.end) };
  }
  if (span === undefined) throw new InvalidError({ path: 'slotIds' }, 'slotIds is empty');
  return span;
}

/**
 * Reads the slots to book and checks each is `free`; SlotUnavailableError for the first that is
 * not. Slots `alreadyHeld` (by the appointment being rescheduled) may be busy.
 */
export async function readFreeSlots(store: ChartStore, slotIds: readonly string[], alreadyHeld: readonly string[], options?: StoreCallOptions): Promise<Slot[]> {
  const slots: Slot[] = [];
  for (const id of new Set(slotIds)) {
    const slot = await store.read('Slot', id, options);
    if (slot.status !== 'free' && !alreadyHeld.includes(id)) throw new SlotUnavailableError({ slotId: id, reason: `it is ${slot.status ?? 'of unknown status'}, not free` });
    slots.push(slot);
  }
  return slots;
}

/** The transaction operations that mark `slots` busy, each with `ifMatch` on the version read, so a second writer booking the same slot gets a ConflictError. */
export function holdOperations(slots: readonly Slot[]): TransactionOperation[] {
  return slots.filter((slot) => slot.status !== 'busy').map((slot) => ({ op: 'update', resource: { ...slot, status: 'busy' }, ...(slot.meta?.versionId !== undefined && { ifMatch: slot.meta.versionId }) }));
}

/**
 * The transaction operations that free the slots `releasedIds` once `appointmentId` no longer
 * holds them: a busy slot goes back to `free` unless another appointment that still holds its
 * time books it too (an overbooked slot stays busy). Each update carries `ifMatch`.
 */
export async function releaseOperations(store: ChartStore, releasedIds: readonly string[], appointmentId: string, options?: StoreCallOptions): Promise<TransactionOperation[]> {
  const operations: TransactionOperation[] = [];
  for (const id of new Set(releasedIds)) {
    let slot: Slot;
    try {
      slot = await store.read('Slot', id, options);
    } catch (error) {
      if ((error as { code?: unknown }).code === 'not-found') continue;
      throw error;
    }
    if (slot.status !== 'busy') continue;
    const interval = appointmentInterval(slot);
    const others = interval === undefined ? [] : await appointmentsAround(store, interval, undefined, options);
    const stillHeld = others.some((other) => other.id !== appointmentId && holdsTime(other.status) && slotIdsOf(other).includes(id));
    if (!stillHeld) operations.push({ op: 'update', resource: { ...slot, status: 'free' }, ...(slot.meta?.versionId !== undefined && { ifMatch: slot.meta.versionId }) });
  }
  return operations;
}
