import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Appointment, Resource, Slot } from '@chartwell/fhir';
import { fixtureJson } from '../../../../test/support/fixtures.js';
import { InvalidError } from '../store/errors.js';
import { MemoryStore } from '../store/memory-store.js';
import { scheduleView } from './schedule-view.js';

type Status = NonNullable<Appointment['status']>;

const appointment = (id: string, start: string, end: string, actors: readonly string[], status: Status = 'booked', extra: Partial<Appointment> = {}): Appointment => ({
  resourceType: 'Appointment',
  id,
  status,
  start,
  end,
  participant: actors.map((reference) => ({ actor: { reference }, status: 'accepted' as const })),
  ...extra,
});
const slot = (id: string, start: string, end: string, status: Slot['status']): Slot => ({ resourceType: 'Slot', id, schedule: { reference: 'Schedule/dr' }, status, start, end });

/** Dr d1's week in London, Monday 23 to Sunday 29 March 2026; the clocks go forward on the Sunday. */
async function londonWeek(): Promise<MemoryStore> {
  const store = new MemoryStore();
  const resources: Resource[] = [
    { resourceType: 'Schedule', id: 'dr', actor: [{ reference: 'Practitioner/d1', display: 'Dr One' }], active: true },
    { resourceType: 'Schedule', id: 'other', actor: [{ reference: 'Practitioner/d2' }] },
    slot('sun-0900', '2026-03-29T09:00:00+01:00', '2026-03-29T09:30:00+01:00', 'free'),
    slot('sun-0930', '2026-03-29T09:30:00+01:00', '2026-03-29T10:00:00+01:00', 'busy'),
    { resourceType: 'Slot', id: 'd2-slot', schedule: { reference: 'Schedule/other' }, status: 'free', start: '2026-03-29T09:00:00+01:00', end: '2026-03-29T09:30:00+01:00' },
    appointment('overnight', '2026-03-28T23:30:00+00:00', '2026-03-29T00:30:00+00:00', ['Patient/p1', 'Practitioner/d1']),
    appointment('sunday', '2026-03-29T09:30:00+01:00', '2026-03-29T10:00:00+01:00', ['Patient/p2', 'Practitioner/d1'], 'booked', { slot: [{ reference: 'Slot/sun-0930' }] }),
    appointment('wed-a', '2026-03-25T10:00:00+00:00', '2026-03-25T10:30:00+00:00', ['Patient/p3', 'Practitioner/d1']),
    appointment('wed-b', '2026-03-25T10:15:00+00:00', '2026-03-25T10:45:00+00:00', ['Patient/p4', 'Practitioner/d1'], 'pending'),
    appointment('fri-cancelled', '2026-03-27T14:00:00+00:00', '2026-03-27T14:30:00+00:00', ['Patient/p5', 'Practitioner/d1'], 'cancelled', { cancelationReason: { text: 'Patient request' } }),
    appointment('d2-only', '2026-03-25T10:00:00+00:00', '2026-03-25T10:30:00+00:00', ['Patient/p6', 'Practitioner/d2']),
    appointment('next-monday', '2026-03-30T00:00:00+01:00', '2026-03-30T00:30:00+01:00', ['Patient/p7', 'Practitioner/d1']),
    { resourceType: 'Appointment', id: 'wait-low', status: 'waitlist', created: '2026-03-01', participant: [{ actor: { reference: 'Patient/p8' }, status: 'accepted' }, { actor: { reference: 'Practitioner/d1' }, status: 'needs-action' }] },
    { resourceType: 'Appointment', id: 'wait-urgent', status: 'waitlist', priority: 1, created: '2026-03-10', participant: [{ actor: { reference: 'Patient/p9' }, status: 'accepted' }, { actor: { reference: 'Practitioner/d1' }, status: 'needs-action' }] },
    { resourceType: 'Appointment', id: 'wait-d2', status: 'waitlist', participant: [{ actor: { reference: 'Patient/p9' }, status: 'accepted' }, { actor: { reference: 'Practitioner/d2' }, status: 'needs-action' }] },
  ];
  for (const resource of resources) await store.update(resource);
  return store;
}

describe('scheduleView', () => {
  it('lays out a Monday-to-Sunday week in the zone, the DST Sunday 23 hours long', async () => {
    const view = await scheduleView(await londonWeek(), { actors: ['Practitioner/d1'], range: { week: '2026-03-26' }, timeZone: 'Europe/London' });
    assert.deepEqual(view.days.map((d) => d.date), ['2026-03-23', '2026-03-24', '2026-03-25', '2026-03-26', '2026-03-27', '2026-03-28', '2026-03-29']);
    assert.deepEqual(view.days.map((d) => d.hours), [24, 24, 24, 24, 24, 24, 23]);
    assert.equal(view.days[0]?.weekday, 1);
    assert.equal(view.days[6]?.start.instant, '2026-03-29T00:00:00.000Z');
    assert.deepEqual([view.days[6]?.end.instant, view.days[6]?.end.time, view.days[6]?.end.offset], ['2026-03-29T23:00:00.000Z', '00:00', '+01:00']);
    assert.deepEqual(view.schedules.map((s) => s.id), ['dr']);
  });

  it('shows an appointment across midnight on both days, marked so', async () => {
    const view = await scheduleView(await londonWeek(), { actors: ['Practitioner/d1'], range: { week: '2026-03-29' }, timeZone: 'Europe/London' });
    const saturday = view.days[5]?.appointments.find((a) => a.id === 'overnight');
    const sunday = view.days[6]?.appointments.find((a) => a.id === 'overnight');
    assert.deepEqual([saturday?.start.time, saturday?.endsAfterDay, saturday?.startsBeforeDay], ['23:30', true, false]);
    assert.deepEqual([sunday?.end.time, sunday?.startsBeforeDay, sunday?.endsAfterDay], ['00:30', true, false]);
    assert.equal(sunday?.patient, 'Patient/p1');
  });

  it('lists free and busy slots with local times and the appointments booking them', async () => {
    const view = await scheduleView(await londonWeek(), { actors: ['Practitioner/d1'], range: { day: '2026-03-29' }, timeZone: 'Europe/London' });
    assert.equal(view.days.length, 1);
    const day = view.days[0];
    assert.deepEqual(day?.slots.map((s) => [s.id, s.status, s.free, s.start.time, s.end.time, s.start.offset]), [
      ['sun-0900', 'free', true, '09:00', '09:30', '+01:00'],
      ['sun-0930', 'busy', false, '09:30', '10:00', '+01:00'],
    ]);
    assert.deepEqual(day?.slots[1]?.appointmentIds, ['sunday']);
    assert.deepEqual([day?.freeSlotCount, day?.busySlotCount], [1, 1]);
    assert.deepEqual(day?.appointments.map((a) => a.id), ['overnight', 'sunday']);
  });

  it('keeps every status with its words, flags double-bookings, and leaves other practitioners out', async () => {
    const view = await scheduleView(await londonWeek(), { actors: ['Practitioner/d1'], range: { week: '2026-03-23' }, timeZone: 'Europe/London' });
    const wednesday = view.days[2]?.appointments ?? [];
    assert.deepEqual(wednesday.map((a) => [a.id, a.statusLabel, a.conflicts.map((c) => `${c.kind}:${c.appointmentId}`)]), [
      ['wed-a', 'Booked', ['practitioner:wed-b']],
      ['wed-b', 'Pending', ['practitioner:wed-a']],
    ]);
    const friday = view.days[4]?.appointments ?? [];
    assert.deepEqual(friday.map((a) => [a.id, a.status, a.statusLabel, a.holdsTime, a.cancelationReason?.text]), [['fri-cancelled', 'cancelled', 'Cancelled', false, 'Patient request']]);
    const all = view.days.flatMap((d) => d.appointments.map((a) => a.id));
    assert.ok(!all.includes('d2-only') && !all.includes('next-monday'));
  });

  it('lists the actors\' waitlist, most urgent first', async () => {
    const view = await scheduleView(await londonWeek(), { actors: ['Practitioner/d1'], range: { day: '2026-03-25' }, timeZone: 'Europe/London' });
    assert.deepEqual(view.waitlist.map((w) => [w.id, w.patient]), [['wait-urgent', 'Patient/p9'], ['wait-low', 'Patient/p8']]);
  });

  it('gives the same instants whatever zone the machine is in, and other local times in another zone', async () => {
    const store = await londonWeek();
    const newYork = await scheduleView(store, { actors: ['Practitioner/d1'], range: { day: '2026-03-29' }, timeZone: 'America/New_York' });
    // 09:00 BST is 04:00 in New York (EDT, -04:00); the day runs 04:00Z to 04:00Z.
    assert.deepEqual(newYork.days[0]?.slots.map((s) => [s.start.time, s.start.offset]), [['04:00', '-04:00'], ['04:30', '-04:00']]);
    assert.equal(newYork.days[0]?.start.instant, '2026-03-29T04:00:00.000Z');
    assert.equal(newYork.days[0]?.hours, 24);
  });

  it('names each item\'s source: meta.source, else the store', async () => {
    const store = await londonWeek();
    const sunday = await store.read('Appointment', 'sunday');
    await store.update({ ...sunday, meta: { source: 'urn:system:pas' } });
    const view = await scheduleView(store, { actors: ['Practitioner/d1'], range: { day: '2026-03-29' }, timeZone: 'Europe/London', storeName: 'Clinic diary' });
    const day = view.days[0];
    assert.deepEqual(day?.appointments.map((a) => [a.id, a.source.system, a.source.basis]), [['overnight', 'Clinic diary', 'store'], ['sunday', 'urn:system:pas', 'meta.source']]);
    assert.equal(day?.slots[0]?.source.system, 'Clinic diary');
  });

  it('reads the official R4 Schedule and Slot examples', async () => {
    const store = new MemoryStore();
    for (const name of ['Schedule-example', 'Slot-1', 'Slot-3']) await store.update(fixtureJson<Resource>(`fhir/${name}.json`));
    const view = await scheduleView(store, { actors: ['Location/1'], range: { day: '2013-12-25' }, timeZone: 'Europe/Amsterdam' });
    // Slot 1: busy, overbooked, 09:00–09:15Z; Slot 3: busy-unavailable, 09:30–09:45Z; Amsterdam is +01:00 in December.
    assert.deepEqual(view.days[0]?.slots.map((s) => [s.id, s.status, s.free, s.overbooked, s.start.time, s.end.time]), [
      ['1', 'busy', false, true, '10:00', '10:15'],
      ['3', 'busy-unavailable', false, false, '10:30', '10:45'],
    ]);
    assert.deepEqual(view.schedules.map((s) => [s.id, s.active]), [['example', true]]);
    assert.equal(view.days[0]?.freeSlotCount, 0);
  });

  it('refuses a bad zone, range or actor, naming it', async () => {
    const store = new MemoryStore();
    await assert.rejects(scheduleView(store, { actors: ['Practitioner/d1'], range: { day: '2026-03-29' }, timeZone: 'Nowhere/Land' }), (e: unknown) => e instanceof InvalidError && e.path === 'timeZone');
    await assert.rejects(scheduleView(store, { actors: ['Practitioner/d1'], range: { day: '29/03/2026' }, timeZone: 'UTC' }), (e: unknown) => e instanceof InvalidError && e.path === 'range.day');
    await assert.rejects(scheduleView(store, { actors: [], range: { day: '2026-03-29' }, timeZone: 'UTC' }), (e: unknown) => e instanceof InvalidError && e.path === 'actors');
    await assert.rejects(scheduleView(store, { actors: ['d1'], range: { day: '2026-03-29' }, timeZone: 'UTC' }), (e: unknown) => e instanceof InvalidError && e.path === 'actors[0]');
  });
});
