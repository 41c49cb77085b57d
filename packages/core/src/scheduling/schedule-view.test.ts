import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Appointment, Resource, Slot } from '@chartwell/fhir';
import fc from 'fast-check';
import { fixtureJson } from '../../../../test/support/fixtures.js';
import { recordingSearches, searchesOf, withoutParameters } from '../../../../test/support/search-spies.js';
import { InvalidError } from '../store/errors.js';
import { MemoryStore } from '../store/memory-store.js';
import { scheduleView, type ScheduleRange } from './schedule-view.js';

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

/** The parameters scheduleView narrows by: without them, each search gives what the view read before it could narrow. */
const NARROWING = ['actor', 'schedule', 'start'];

describe('scheduleView: what it asks the store for', () => {
  it("asks for the actors' Schedules, those Schedules' Slots by start, and Appointments by actor only", async () => {
    const { store, searches } = recordingSearches(await londonWeek());
    await scheduleView(store, { actors: ['Practitioner/d1'], range: { day: '2026-03-29' }, timeZone: 'Europe/London' });
    assert.deepEqual(searchesOf(searches, 'Schedule'), [{ actor: ['Practitioner/d1'] }]);
    // Sunday 29 March in London runs 00:00Z to 23:00Z; starts are searched from 7 days before
    assert.deepEqual(searchesOf(searches, 'Slot'), [{ schedule: ['Schedule/dr'], start: ['ge2026-03-22T00:00:00.000Z', 'le2026-03-29T23:00:00.001Z'] }]);
    const appointments = searchesOf(searches, 'Appointment');
    assert.ok(appointments.every((q) => Array.isArray(q['actor'])), JSON.stringify(appointments));
    assert.deepEqual(appointments[0], { actor: ['Practitioner/d1'], date: ['ge2026-03-22T00:00:00.000Z', 'le2026-03-29T23:00:00.001Z'] });
    assert.deepEqual(appointments[1], { status: 'waitlist', actor: ['Practitioner/d1'] });
    // then the patients of Dr One's appointments that hold time in that window (fri-cancelled's p5 does not), for double-bookings
    assert.deepEqual((appointments[2]?.['actor'] as string[]).sort(), ['Patient/p1', 'Patient/p2', 'Patient/p3', 'Patient/p4', 'Patient/p7']);
    assert.equal(appointments.length, 3);
    // the Provenance of the slots, appointments and waitlist entries it shows, by target
    assert.deepEqual(searchesOf(searches, 'Provenance').flatMap((q) => q['target'] as string[]).sort(), [
      'Appointment/overnight',
      'Appointment/sunday',
      'Appointment/wait-low',
      'Appointment/wait-urgent',
      'Slot/sun-0900',
      'Slot/sun-0930',
    ]);
  });

  it("names the organisation of a Provenance that targets a slot or an appointment", async () => {
    const store = await londonWeek();
    await store.update({ resourceType: 'Organization', id: 'pas', name: 'Patient Administration System' });
    await store.update({
      resourceType: 'Provenance',
      id: 'booking-feed',
      target: [{ reference: 'Appointment/sunday/_history/1' }, { reference: 'Slot/sun-0930' }],
      recorded: '2026-03-20T10:00:00Z',
      agent: [{ who: { reference: 'Organization/pas' } }],
    });
    const view = await scheduleView(store, { actors: ['Practitioner/d1'], range: { day: '2026-03-29' }, timeZone: 'Europe/London', storeName: 'Clinic diary' });
    const day = view.days[0];
    assert.deepEqual(day?.appointments.map((a) => [a.id, a.source.basis, a.source.organization]), [['overnight', 'store', undefined], ['sunday', 'provenance', 'Patient Administration System']]);
    assert.deepEqual(day?.slots.map((s) => [s.id, s.source.basis, s.source.organization]), [['sun-0900', 'store', undefined], ['sun-0930', 'provenance', 'Patient Administration System']]);
  });

  it('finds a double-booking of the patient with another practitioner', async () => {
    const inner = await londonWeek();
    await inner.update(appointment('p3-elsewhere', '2026-03-25T10:20:00+00:00', '2026-03-25T10:40:00+00:00', ['Patient/p3', 'Practitioner/d2']));
    const view = await scheduleView(inner, { actors: ['Practitioner/d1'], range: { day: '2026-03-25' }, timeZone: 'Europe/London' });
    const wedA = view.days[0]?.appointments.find((a) => a.id === 'wed-a');
    assert.deepEqual(wedA?.conflicts.map((c) => `${c.kind}:${c.actor}:${c.appointmentId}`), ['patient:Patient/p3:p3-elsewhere', 'practitioner:Practitioner/d1:wed-b']);
  });

  it('gives the same view as reading every Schedule and Slot and the Appointments by date alone', async () => {
    const store = await londonWeek();
    await store.update(appointment('p3-elsewhere', '2026-03-25T10:20:00+00:00', '2026-03-25T10:40:00+00:00', ['Patient/p3', 'Practitioner/d2']));
    const scan = withoutParameters(store, NARROWING);
    const ranges: ScheduleRange[] = [{ week: '2026-03-23' }, { week: '2026-03-30' }, ...['2026-03-25', '2026-03-28', '2026-03-29', '2026-03-30'].map((day) => ({ day }))];
    for (const actors of [['Practitioner/d1'], ['Practitioner/d2'], ['Practitioner/d1', 'Practitioner/d2']]) {
      for (const range of ranges) {
        const options = { actors, range, timeZone: 'Europe/London' };
        assert.deepEqual(await scheduleView(store, options), await scheduleView(scan, options), JSON.stringify(options));
      }
    }
  });

  it('property: on random diaries, the narrowed searches give the view the scan gives', async () => {
    const people = ['Practitioner/a', 'Practitioner/b', 'Location/room', 'Patient/p1', 'Patient/p2'] as const;
    const statuses: Status[] = ['booked', 'pending', 'arrived', 'fulfilled', 'cancelled', 'noshow', 'entered-in-error', 'proposed', 'waitlist'];
    const base = Date.parse('2026-03-26T00:00:00Z');
    const minute = 60_000;
    const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
    const slotArb = fc.record({ schedule: fc.constantFrom('sa', 'sb'), start: fc.integer({ min: 0, max: 8 * 24 * 4 }), quarters: fc.integer({ min: 1, max: 16 }), status: fc.constantFrom<NonNullable<Slot['status']>>('free', 'busy', 'busy-tentative') });
    const appointmentArb = fc.record({
      start: fc.integer({ min: 0, max: 8 * 24 * 4 }),
      minutes: fc.integer({ min: 0, max: 600 }),
      status: fc.constantFrom(...statuses),
      who: fc.subarray([...people], { minLength: 1 }),
      declined: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(slotArb, { maxLength: 8 }),
        fc.array(appointmentArb, { maxLength: 10 }),
        fc.subarray(['Practitioner/a', 'Practitioner/b', 'Location/room'], { minLength: 1 }),
        fc.oneof(fc.integer({ min: 0, max: 7 }).map((d): ScheduleRange => ({ day: iso(base + d * 24 * 60 * minute).slice(0, 10) })), fc.constant<ScheduleRange>({ week: '2026-03-29' })),
        async (slots, appointments, actors, range) => {
          const store = new MemoryStore();
          await store.update({ resourceType: 'Schedule', id: 'sa', actor: [{ reference: 'Practitioner/a' }] });
          await store.update({ resourceType: 'Schedule', id: 'sb', actor: [{ reference: 'Practitioner/b' }, { reference: 'Location/room' }] });
          for (const [i, s] of slots.entries()) {
            const start = base + s.start * 15 * minute;
            await store.update({ resourceType: 'Slot', id: `s${i}`, schedule: { reference: `Schedule/${s.schedule}` }, status: s.status, start: iso(start), end: iso(start + s.quarters * 15 * minute) });
          }
          for (const [i, a] of appointments.entries()) {
            const start = base + a.start * 15 * minute;
            const booked = appointment(`a${i}`, iso(start), iso(start + a.minutes * minute), a.who, a.status);
            const participant = booked.participant.map((p, j) => (a.declined && j === 0 ? { ...p, status: 'declined' as const } : p));
            await store.update({ ...booked, participant, ...(a.minutes === 0 && { end: booked.start }) });
          }
          const options = { actors, range, timeZone: 'Europe/London' };
          assert.deepEqual(await scheduleView(store, options), await scheduleView(withoutParameters(store, NARROWING), options));
        },
      ),
      { numRuns: 40 },
    );
  });
});
