import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Appointment, Resource, Slot } from '@chartwell/fhir';
import type { ChartStore, TransactionOperation } from '../store/chart-store.js';
import { ConflictError, InvalidError } from '../store/errors.js';
import { recordingSearches, searchesOf } from '../../../../test/support/search-spies.js';
import { MemoryStore } from '../store/memory-store.js';
import { bookAppointment } from './book-appointment.js';
import { DoubleBookingError, SlotUnavailableError } from './scheduling-errors.js';
import { BOOKING_SEQUENCE_URL } from './schedule-lock.js';

function slot(id: string, start: string, end: string, status: Slot['status'] = 'free'): Slot {
  return { resourceType: 'Slot', id, schedule: { reference: 'Schedule/dr-who' }, status, start, end };
}

async function clinic(): Promise<MemoryStore> {
  const store = new MemoryStore();
  await store.update({ resourceType: 'Schedule', id: 'dr-who', actor: [{ reference: 'Practitioner/d1' }] });
  await store.update(slot('s0900', '2026-05-04T09:00:00+01:00', '2026-05-04T09:15:00+01:00'));
  await store.update(slot('s0915', '2026-05-04T09:15:00+01:00', '2026-05-04T09:30:00+01:00'));
  await store.update(slot('s0930', '2026-05-04T09:30:00+01:00', '2026-05-04T09:45:00+01:00', 'busy-unavailable'));
  return store;
}

describe('bookAppointment', () => {
  it('books slots: the appointment takes their span and the slots become busy, in one write', async () => {
    const store = await clinic();
    const { appointment, slots } = await bookAppointment(store, { patient: 'p1', actors: ['Practitioner/d1'], slotIds: ['s0900', 's0915'], description: 'Review' });
    assert.equal(appointment.status, 'booked');
    assert.equal(Date.parse(appointment.start ?? ''), Date.parse('2026-05-04T08:00:00Z'));
    assert.equal(Date.parse(appointment.end ?? ''), Date.parse('2026-05-04T08:30:00Z'));
    assert.deepEqual(appointment.slot?.map((s) => s.reference), ['Slot/s0900', 'Slot/s0915']);
    assert.deepEqual(appointment.participant.map((p) => p.actor?.reference), ['Patient/p1', 'Practitioner/d1']);
    assert.deepEqual(slots.map((s) => [s.id, s.status, s.meta?.versionId]), [['s0900', 'busy', '2'], ['s0915', 'busy', '2']]);
    assert.equal((await store.read('Slot', 's0900')).status, 'busy');
    assert.equal((await store.read('Appointment', appointment.id ?? '')).description, 'Review');
  });

  it('refuses a slot that is not free, writing nothing', async () => {
    const store = await clinic();
    await assert.rejects(bookAppointment(store, { patient: 'p1', slotIds: ['s0915', 's0930'] }), (e: unknown) => e instanceof SlotUnavailableError && e.slotId === 's0930' && /busy-unavailable/.test(e.message));
    assert.equal((await store.read('Slot', 's0915')).status, 'free');
    assert.equal((await store.search('Appointment')).length, 0);
  });

  it('refuses to double-book the patient, practitioner or location, naming the conflicts', async () => {
    const store = await clinic();
    const first = await bookAppointment(store, { patient: 'p1', actors: ['Practitioner/d1', 'Location/room1'], start: '2026-05-04T14:00:00Z', end: '2026-05-04T14:30:00Z' });
    const firstId = first.appointment.id ?? '';
    await assert.rejects(bookAppointment(store, { patient: 'p1', actors: ['Practitioner/d2'], start: '2026-05-04T14:15:00Z', end: '2026-05-04T14:45:00Z' }), (e: unknown) => e instanceof DoubleBookingError && e instanceof ConflictError && e.conflicts.length === 1 && e.conflicts[0]?.kind === 'patient' && e.conflicts[0]?.appointmentId === firstId);
    await assert.rejects(bookAppointment(store, { patient: 'p2', actors: ['Practitioner/d1'], start: '2026-05-04T14:15:00Z', end: '2026-05-04T14:45:00Z' }), (e: unknown) => e instanceof DoubleBookingError && e.conflicts[0]?.kind === 'practitioner');
    await assert.rejects(bookAppointment(store, { patient: 'p3', actors: ['Location/room1'], start: '2026-05-04T13:45:00Z', end: '2026-05-04T14:01:00Z' }), (e: unknown) => e instanceof DoubleBookingError && e.conflicts[0]?.kind === 'location');
    // back to back is fine
    await bookAppointment(store, { patient: 'p1', actors: ['Practitioner/d1', 'Location/room1'], start: '2026-05-04T14:30:00Z', end: '2026-05-04T15:00:00Z' });
    assert.equal((await store.search('Appointment')).length, 2);
  });

  it('books over a cancelled appointment', async () => {
    const store = await clinic();
    await store.update<Appointment>({ resourceType: 'Appointment', id: 'old', status: 'cancelled', start: '2026-05-04T14:00:00Z', end: '2026-05-04T14:30:00Z', participant: [{ actor: { reference: 'Practitioner/d1' }, status: 'accepted' }] });
    const { appointment } = await bookAppointment(store, { patient: 'p1', actors: ['Practitioner/d1'], start: '2026-05-04T14:00:00Z', end: '2026-05-04T14:30:00Z' });
    assert.equal(appointment.status, 'booked');
  });

  it('refuses bad input with an error naming the field', async () => {
    const store = await clinic();
    await assert.rejects(bookAppointment(store, { patient: 'p1', start: '2026-05-04T09:00', end: '2026-05-04T10:00:00Z' }), (e: unknown) => e instanceof InvalidError && e.path === 'start');
    await assert.rejects(bookAppointment(store, { patient: 'p1', start: '2026-05-04T10:00:00Z', end: '2026-05-04T09:00:00Z' }), (e: unknown) => e instanceof InvalidError && e.path === 'end');
    await assert.rejects(bookAppointment(store, { patient: 'p1' }), (e: unknown) => e instanceof InvalidError && e.path === 'start');
    await assert.rejects(bookAppointment(store, { patient: 'Practitioner/d1', start: '2026-05-04T09:00:00Z', end: '2026-05-04T10:00:00Z' }), (e: unknown) => e instanceof InvalidError && e.path === 'patient');
    await assert.rejects(bookAppointment(store, { patient: 'p1', actors: ['#contained'], start: '2026-05-04T09:00:00Z', end: '2026-05-04T10:00:00Z' }), (e: unknown) => e instanceof InvalidError && e.path === 'actors[0]');
    await assert.rejects(bookAppointment(store, { patient: 'p1', slotIds: ['s0900'], start: '2026-05-04T07:00:00Z', end: '2026-05-04T08:15:00Z' }), (e: unknown) => e instanceof InvalidError && /within the slots/.test(e.message));
  });

  it('lets only one of two writers racing for the same slot win: the other gets a ConflictError from ifMatch', async () => {
    const inner = await clinic();
    // Hold every transaction until both bookings have read the slot and reached their write.
    const waiting: (() => void)[] = [];
    const racing: ChartStore = Object.assign(Object.create(inner) as MemoryStore, {
      transaction: async (operations: readonly TransactionOperation[]): Promise<(Resource | undefined)[]> => {
        await new Promise<void>((resolve) => {
          waiting.push(resolve);
          if (waiting.length === 2) for (const release of waiting) release();
        });
        return inner.transaction(operations);
      },
    });
    // Different patients and no shared actor: only the slot can stop the second booking.
    const results = await Promise.allSettled([
      bookAppointment(racing, { patient: 'p1', slotIds: ['s0900'] }),
      bookAppointment(racing, { patient: 'p2', slotIds: ['s0900'] }),
    ]);
    assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
    const loser = results.find((r) => r.status === 'rejected');
    assert.ok(loser?.status === 'rejected' && loser.reason instanceof ConflictError && !(loser.reason instanceof DoubleBookingError));
    assert.equal((await inner.search('Appointment')).length, 1);
    assert.equal((await inner.read('Slot', 's0900')).meta?.versionId, '2');
  });

  it('lets only one of two writers booking the same practitioner at the same time without slots win, through the Schedule', async () => {
    const inner = await clinic();
    const waiting: (() => void)[] = [];
    const racing: ChartStore = Object.assign(Object.create(inner) as MemoryStore, {
      transaction: async (operations: readonly TransactionOperation[]): Promise<(Resource | undefined)[]> => {
        await new Promise<void>((resolve) => {
          waiting.push(resolve);
          if (waiting.length === 2) for (const release of waiting) release();
        });
        return inner.transaction(operations);
      },
    });
    const time = { start: '2026-05-04T14:00:00Z', end: '2026-05-04T14:30:00Z' };
    const results = await Promise.allSettled([
      bookAppointment(racing, { patient: 'p1', actors: ['Practitioner/d1'], ...time }),
      bookAppointment(racing, { patient: 'p2', actors: ['Practitioner/d1'], ...time }),
    ]);
    assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
    const loser = results.find((r) => r.status === 'rejected');
    assert.ok(loser?.status === 'rejected' && loser.reason instanceof ConflictError && (loser.reason as ConflictError).resourceType === 'Schedule');
    assert.equal((await inner.search('Appointment')).length, 1);
    const schedule = await inner.read('Schedule', 'dr-who');
    assert.deepEqual(schedule.extension, [{ url: BOOKING_SEQUENCE_URL, valueInteger: 1 }]);
  });

  it('does not hold up bookings for different practitioners, and can be turned off', async () => {
    const store = await clinic();
    await store.update({ resourceType: 'Schedule', id: 'dr-two', actor: [{ reference: 'Practitioner/d2' }] });
    const time = { start: '2026-05-04T14:00:00Z', end: '2026-05-04T14:30:00Z' };
    await Promise.all([bookAppointment(store, { patient: 'p1', actors: ['Practitioner/d1'], ...time }), bookAppointment(store, { patient: 'p2', actors: ['Practitioner/d2'], ...time })]);
    await bookAppointment(store, { patient: 'p3', actors: ['Practitioner/d2'], start: '2026-05-04T15:00:00Z', end: '2026-05-04T15:30:00Z' }, { lockSchedules: false });
    assert.equal((await store.search('Appointment')).length, 3);
    assert.equal((await store.read('Schedule', 'dr-two')).extension?.[0]?.valueInteger, 1);
  });

  it("asks for the participants' Schedules by actor and their appointments by actor, never for every one", async () => {
    const { store, searches } = recordingSearches(await clinic());
    await bookAppointment(store, { patient: 'p1', actors: ['Practitioner/d1'], slotIds: ['s0900'] });
    assert.deepEqual(searchesOf(searches, 'Schedule'), [{ actor: ['Patient/p1', 'Practitioner/d1'] }]);
    assert.deepEqual(searchesOf(searches, 'Appointment').map((q) => q['actor']), [['Patient/p1', 'Practitioner/d1']]);
    assert.equal(searches.length, 2);
    assert.deepEqual((await store.read('Schedule', 'dr-who')).extension, [{ url: BOOKING_SEQUENCE_URL, valueInteger: 1 }]);
  });
});
