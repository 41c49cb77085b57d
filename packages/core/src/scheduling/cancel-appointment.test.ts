import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Appointment, Slot } from '@chartwell/fhir';
import { ConflictError, InvalidError } from '../store/errors.js';
import { MemoryStore } from '../store/memory-store.js';
import { bookAppointment } from './book-appointment.js';
import { cancelAppointment } from './cancel-appointment.js';
import { AppointmentTransitionError } from './scheduling-errors.js';

async function bookedClinic() {
  const store = new MemoryStore();
  await store.update<Slot>({ resourceType: 'Slot', id: 's1', schedule: { reference: 'Schedule/x' }, status: 'free', start: '2026-05-04T09:00:00Z', end: '2026-05-04T09:30:00Z' });
  const { appointment } = await bookAppointment(store, { patient: 'p1', actors: ['Practitioner/d1'], slotIds: ['s1'] });
  return { store, id: appointment.id ?? '' };
}

describe('cancelAppointment', () => {
  it('cancels with the reason and frees the slot', async () => {
    const { store, id } = await bookedClinic();
    const { appointment, slots } = await cancelAppointment(store, id, { reason: 'Patient request' });
    assert.equal(appointment.status, 'cancelled');
    assert.deepEqual(appointment.cancelationReason, { text: 'Patient request' });
    assert.deepEqual(slots.map((s) => [s.id, s.status]), [['s1', 'free']]);
    assert.equal((await store.read('Slot', 's1')).status, 'free');
  });

  it('keeps a coded reason as given, and can record a no-show', async () => {
    const { store, id } = await bookedClinic();
    const reason = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/appointment-cancellation-reason', code: 'pat-noshow', display: 'Patient: No-show' }] };
    const { appointment } = await cancelAppointment(store, id, { reason, noShow: true });
    assert.equal(appointment.status, 'noshow');
    assert.deepEqual(appointment.cancelationReason, reason);
  });

  it('needs a reason', async () => {
    const { store, id } = await bookedClinic();
    await assert.rejects(cancelAppointment(store, id, { reason: '  ' }), (e: unknown) => e instanceof InvalidError && e.path === 'Appointment.cancelationReason');
    assert.equal((await store.read('Appointment', id)).status, 'booked');
  });

  it('refuses to cancel a fulfilled or already-cancelled appointment', async () => {
    const { store, id } = await bookedClinic();
    const stored = await store.read('Appointment', id);
    await store.update<Appointment>({ ...stored, status: 'fulfilled' });
    await assert.rejects(cancelAppointment(store, id, { reason: 'late' }), (e: unknown) => e instanceof AppointmentTransitionError && e.from === 'fulfilled' && e.to === 'cancelled' && e.code === 'invalid');
  });

  it('fails with a ConflictError on a stale ifMatch, writing nothing', async () => {
    const { store, id } = await bookedClinic();
    const stored = await store.read('Appointment', id);
    await store.update<Appointment>({ ...stored, comment: 'changed by someone else' });
    await assert.rejects(cancelAppointment(store, id, { reason: 'x', ifMatch: stored.meta?.versionId ?? '' }), ConflictError);
    assert.equal((await store.read('Appointment', id)).status, 'booked');
    assert.equal((await store.read('Slot', 's1')).status, 'busy');
  });

  it('leaves an overbooked slot busy while another appointment still books it', async () => {
    const { store, id } = await bookedClinic();
    await store.update<Appointment>({ resourceType: 'Appointment', id: 'other', status: 'booked', start: '2026-05-04T09:00:00Z', end: '2026-05-04T09:30:00Z', slot: [{ reference: 'Slot/s1' }], participant: [{ actor: { reference: 'Patient/p2' }, status: 'accepted' }] });
    const { slots } = await cancelAppointment(store, id, { reason: 'x' });
    assert.deepEqual(slots, []);
    assert.equal((await store.read('Slot', 's1')).status, 'busy');
  });
});
