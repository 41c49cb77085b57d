import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Appointment } from '@chartwell/fhir';
import { ConflictError, InvalidError } from '../store/errors.js';
import { MemoryStore } from '../store/memory-store.js';
import { fixtureJson } from '../../../../test/support/fixtures.js';
import { setAppointmentStatus, type SettableAppointmentStatus } from './set-appointment-status.js';
import { AppointmentTransitionError } from './scheduling-errors.js';

async function withOfficial2docs(): Promise<MemoryStore> {
  const store = new MemoryStore();
  // the official R4 example "2docs": booked, 09:00–11:00Z on 9 December 2013
  await store.update(fixtureJson<Appointment>('fhir/Appointment-2docs.json'));
  return store;
}

describe('setAppointmentStatus', () => {
  it('checks a booked appointment in (arrived), then fulfils it, each a new version', async () => {
    const store = await withOfficial2docs();
    const arrived = await setAppointmentStatus(store, '2docs', 'arrived');
    assert.deepEqual([arrived.status, arrived.meta?.versionId], ['arrived', '2']);
    assert.equal(arrived.description, 'Discussion about Peter Chalmers MRI results');
    const fulfilled = await setAppointmentStatus(store, '2docs', 'fulfilled');
    assert.deepEqual([fulfilled.status, fulfilled.meta?.versionId], ['fulfilled', '3']);
  });

  it('refuses a transition the state machine forbids, writing nothing', async () => {
    const store = await withOfficial2docs();
    await assert.rejects(setAppointmentStatus(store, '2docs', 'proposed'), (e: unknown) => e instanceof AppointmentTransitionError && e.from === 'booked' && e.to === 'proposed');
    assert.equal((await store.read('Appointment', '2docs')).meta?.versionId, '1');
  });

  it('sends cancellations and no-shows to cancelAppointment, which asks for a reason', async () => {
    const store = await withOfficial2docs();
    for (const status of ['cancelled', 'noshow', 'waitlist']) {
      await assert.rejects(setAppointmentStatus(store, '2docs', status as SettableAppointmentStatus), (e: unknown) => e instanceof InvalidError && e.path === 'status');
    }
    assert.equal((await store.read('Appointment', '2docs')).status, 'booked');
  });

  it('fails with a ConflictError when the appointment changed since the version the caller saw', async () => {
    const store = await withOfficial2docs();
    await setAppointmentStatus(store, '2docs', 'arrived');
    await assert.rejects(setAppointmentStatus(store, '2docs', 'fulfilled', { ifMatch: '1' }), (e: unknown) => e instanceof ConflictError);
    assert.equal((await store.read('Appointment', '2docs')).status, 'arrived');
  });
});
