import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Appointment, Slot } from '@chartwell/fhir';
import { MemoryStore } from '../store/memory-store.js';
import { addToWaitlist } from './add-to-waitlist.js';
import { bookAppointment } from './book-appointment.js';
import { rescheduleAppointment } from './reschedule-appointment.js';
import { AppointmentTransitionError, DoubleBookingError, SlotUnavailableError } from './scheduling-errors.js';

const slot = (id: string, start: string, end: string): Slot => ({ resourceType: 'Slot', id, schedule: { reference: 'Schedule/x' }, status: 'free', start, end });

async function clinic() {
  const store = new MemoryStore();
  await store.update(slot('mon', '2026-05-04T09:00:00Z', '2026-05-04T09:30:00Z'));
  await store.update(slot('tue', '2026-05-05T09:00:00Z', '2026-05-05T09:30:00Z'));
  return store;
}

describe('rescheduleAppointment', () => {
  it('moves to another slot: the new slot becomes busy, the old one free, the id and history stay', async () => {
    const store = await clinic();
    const { appointment } = await bookAppointment(store, { patient: 'p1', actors: ['Practitioner/d1'], slotIds: ['mon'] });
    const id = appointment.id ?? '';
    const moved = await rescheduleAppointment(store, id, { slotIds: ['tue'] });
    assert.equal(moved.appointment.id, id);
    assert.equal(moved.appointment.status, 'booked');
    assert.equal(Date.parse(moved.appointment.start ?? ''), Date.parse('2026-05-05T09:00:00Z'));
    assert.deepEqual(moved.appointment.slot?.map((s) => s.reference), ['Slot/tue']);
    assert.equal((await store.read('Slot', 'tue')).status, 'busy');
    assert.equal((await store.read('Slot', 'mon')).status, 'free');
    const history = await store.history('Appointment', id);
    assert.equal(history.length, 2);
    assert.equal(Date.parse(history[1]?.start ?? ''), Date.parse('2026-05-04T09:00:00Z'));
  });

  it('refuses a time that double-books, and a busy slot', async () => {
    const store = await clinic();
    const a = await bookAppointment(store, { patient: 'p1', actors: ['Practitioner/d1'], slotIds: ['mon'] });
    const b = await bookAppointment(store, { patient: 'p2', actors: ['Practitioner/d1'], start: '2026-05-04T11:00:00Z', end: '2026-05-04T11:30:00Z' });
    await assert.rejects(rescheduleAppointment(store, b.appointment.id ?? '', { start: '2026-05-04T09:15:00Z', end: '2026-05-04T09:45:00Z' }), (e: unknown) => e instanceof DoubleBookingError && e.conflicts[0]?.appointmentId === a.appointment.id);
    await assert.rejects(rescheduleAppointment(store, b.appointment.id ?? '', { slotIds: ['mon'] }), SlotUnavailableError);
    // moving within its own time is not a conflict with itself
    const same = await rescheduleAppointment(store, a.appointment.id ?? '', { slotIds: ['mon'] });
    assert.equal(same.appointment.status, 'booked');
  });

  it('books a waitlist entry when it is given a time', async () => {
    const store = await clinic();
    const entry = await addToWaitlist(store, { patient: 'p1', actors: ['Practitioner/d1'], comment: 'Any morning' });
    const { appointment } = await rescheduleAppointment(store, entry.id ?? '', { slotIds: ['tue'] });
    assert.equal(appointment.status, 'booked');
    assert.equal(appointment.comment, 'Any morning');
  });

  it('refuses to move an appointment that has happened or was cancelled', async () => {
    const store = await clinic();
    await store.update<Appointment>({ resourceType: 'Appointment', id: 'done', status: 'fulfilled', start: '2026-05-01T09:00:00Z', end: '2026-05-01T09:30:00Z', participant: [{ actor: { reference: 'Patient/p1' }, status: 'accepted' }] });
    await assert.rejects(rescheduleAppointment(store, 'done', { slotIds: ['tue'] }), (e: unknown) => e instanceof AppointmentTransitionError && e.from === 'fulfilled');
    assert.equal((await store.read('Slot', 'tue')).status, 'free');
  });
});

describe('addToWaitlist', () => {
  it('writes a waitlist Appointment with no time, the requested periods, and the wanted practitioner as needs-action', async () => {
    const store = new MemoryStore();
    const entry = await addToWaitlist(store, { patient: 'Patient/p1', actors: ['Practitioner/d1'], requestedPeriods: [{ start: '2026-05-04T08:00:00Z', end: '2026-05-08T12:00:00Z' }], priority: 1 });
    assert.equal(entry.status, 'waitlist');
    assert.equal(entry.start, undefined);
    assert.deepEqual(entry.requestedPeriod, [{ start: '2026-05-04T08:00:00Z', end: '2026-05-08T12:00:00Z' }]);
    assert.deepEqual(entry.participant.map((p) => [p.actor?.reference, p.status]), [['Patient/p1', 'accepted'], ['Practitioner/d1', 'needs-action']]);
  });
});
