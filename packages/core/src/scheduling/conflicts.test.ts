import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Appointment } from '@chartwell/fhir';
import { recordingSearches } from '../../../../test/support/search-spies.js';
import { MemoryStore } from '../store/memory-store.js';
import { appointmentInterval, conflictsAmong, findConflicts, intervalsOverlap } from './conflicts.js';

type Status = NonNullable<Appointment['status']>;

function appointment(id: string, start: string, end: string, actors: readonly string[], status: Status = 'booked'): Appointment {
  return { resourceType: 'Appointment', id, status, start, end, participant: actors.map((reference) => ({ actor: { reference }, status: 'accepted' as const })) };
}

describe('appointment intervals', () => {
  it('uses end, else minutesDuration, else the start instant', () => {
    assert.deepEqual(appointmentInterval({ start: '2026-01-01T09:00:00Z', end: '2026-01-01T09:30:00Z' }), { start: Date.parse('2026-01-01T09:00:00Z'), end: Date.parse('2026-01-01T09:30:00Z') });
    assert.deepEqual(appointmentInterval({ start: '2026-01-01T09:00:00Z', minutesDuration: 15 }), { start: Date.parse('2026-01-01T09:00:00Z'), end: Date.parse('2026-01-01T09:15:00Z') });
    assert.equal(appointmentInterval({}), undefined);
    assert.equal(appointmentInterval({ start: '2026-01-01' }), undefined);
  });

  it('treats intervals as half-open: back-to-back is not an overlap', () => {
    assert.equal(intervalsOverlap({ start: 0, end: 10 }, { start: 10, end: 20 }), false);
    assert.equal(intervalsOverlap({ start: 0, end: 11 }, { start: 10, end: 20 }), true);
    assert.equal(intervalsOverlap({ start: 10, end: 10 }, { start: 10, end: 20 }), true);
    assert.equal(intervalsOverlap({ start: 20, end: 20 }, { start: 10, end: 20 }), false);
  });
});

describe('conflictsAmong', () => {
  const candidate = appointment('new', '2026-05-04T09:00:00Z', '2026-05-04T09:30:00Z', ['Patient/p1', 'Practitioner/d1', 'Location/room1']);

  it('reports patient, practitioner and location double-bookings, patient first', () => {
    const others = [
      appointment('a', '2026-05-04T09:15:00Z', '2026-05-04T09:45:00Z', ['Patient/p2', 'Location/room1']),
      appointment('b', '2026-05-04T08:45:00Z', '2026-05-04T09:05:00Z', ['Patient/p1', 'Practitioner/d2']),
      appointment('c', '2026-05-04T09:20:00Z', '2026-05-04T09:25:00Z', ['Patient/p3', 'Practitioner/d1']),
    ];
    const found = conflictsAmong(candidate, others);
    assert.deepEqual(found.map((c) => [c.kind, c.actor, c.appointmentId]), [
      ['patient', 'Patient/p1', 'b'],
      ['practitioner', 'Practitioner/d1', 'c'],
      ['location', 'Location/room1', 'a'],
    ]);
  });

  it('never counts cancelled, noshow, entered-in-error or waitlist appointments', () => {
    const others = (['cancelled', 'noshow', 'entered-in-error', 'waitlist'] as const).map((status, i) => appointment(`x${i}`, '2026-05-04T09:00:00Z', '2026-05-04T09:30:00Z', ['Patient/p1'], status));
    assert.deepEqual(conflictsAmong(candidate, others), []);
    // ...while tentative holds do count
    assert.equal(conflictsAmong(candidate, [appointment('t', '2026-05-04T09:00:00Z', '2026-05-04T09:30:00Z', ['Patient/p1'], 'pending')]).length, 1);
  });

  it('ignores a participant who declined, and the appointment itself', () => {
    const declined: Appointment = { ...appointment('d', '2026-05-04T09:00:00Z', '2026-05-04T09:30:00Z', []), participant: [{ actor: { reference: 'Practitioner/d1' }, status: 'declined' }] };
    assert.deepEqual(conflictsAmong(candidate, [declined, { ...candidate }]), []);
  });

  it('finds overlaps that run across midnight', () => {
    const night = appointment('night', '2026-05-04T23:30:00+01:00', '2026-05-05T00:30:00+01:00', ['Practitioner/d1']);
    const early = appointment('early', '2026-05-05T00:15:00+01:00', '2026-05-05T00:45:00+01:00', ['Practitioner/d1']);
    const later = appointment('later', '2026-05-05T00:30:00+01:00', '2026-05-05T01:00:00+01:00', ['Practitioner/d1']);
    assert.deepEqual(conflictsAmong(night, [early, later]).map((c) => c.appointmentId), ['early']);
  });

  it('compares instants, not wall clocks, across DST changes', () => {
    // London, spring forward 2026-03-29 at 01:00 GMT: 01:30+00:00 is 01:30Z, 02:00+01:00 is 01:00Z.
    // By the wall clock 01:30–01:59 and 02:00–02:45 do not meet; in time they overlap.
    const before = appointment('gmt', '2026-03-29T01:30:00+00:00', '2026-03-29T01:59:00+00:00', ['Location/room1']);
    const after = appointment('bst', '2026-03-29T02:00:00+01:00', '2026-03-29T02:45:00+01:00', ['Location/room1']);
    assert.deepEqual(conflictsAmong(before, [after]).map((c) => c.kind), ['location']);
    // Fall back 2026-10-25: 01:10–01:50 happens twice. The BST hour and the GMT hour do not overlap.
    const firstPass = appointment('bst-hour', '2026-10-25T01:10:00+01:00', '2026-10-25T01:50:00+01:00', ['Location/room1']);
    const secondPass = appointment('gmt-hour', '2026-10-25T01:20:00+00:00', '2026-10-25T01:40:00+00:00', ['Location/room1']);
    assert.deepEqual(conflictsAmong(firstPass, [secondPass]), []);
  });

  it('has none for an appointment that holds no time', () => {
    const cancelled = { ...candidate, status: 'cancelled' as const };
    assert.deepEqual(conflictsAmong(cancelled, [appointment('o', '2026-05-04T09:00:00Z', '2026-05-04T09:30:00Z', ['Patient/p1'])]), []);
  });
});

describe('findConflicts', () => {
  it('searches the store, including an appointment that started the day before and is still running', async () => {
    const store = new MemoryStore();
    await store.update(appointment('overnight', '2026-05-03T22:00:00Z', '2026-05-04T10:00:00Z', ['Location/ward1']));
    await store.update(appointment('elsewhere', '2026-05-04T09:00:00Z', '2026-05-04T09:30:00Z', ['Location/ward2']));
    await store.update(appointment('next-week', '2026-05-11T09:00:00Z', '2026-05-11T09:30:00Z', ['Location/ward1']));
    const found = await findConflicts(store, appointment('new', '2026-05-04T09:00:00Z', '2026-05-04T09:30:00Z', ['Patient/p9', 'Location/ward1']));
    assert.deepEqual(found.map((c) => [c.kind, c.appointmentId, c.start]), [['location', 'overnight', '2026-05-03T22:00:00Z']]);
  });

  it("asks the store only for its participants' appointments in its time, and finds the patient booked with someone else", async () => {
    const inner = new MemoryStore();
    await inner.update(appointment('p9-dentist', '2026-05-04T09:10:00Z', '2026-05-04T09:40:00Z', ['Patient/p9', 'Practitioner/dentist']));
    await inner.update(appointment('d1-other-patient', '2026-05-04T09:20:00Z', '2026-05-04T09:50:00Z', ['Patient/p2', 'Practitioner/d1']));
    await inner.update(appointment('unrelated', '2026-05-04T09:00:00Z', '2026-05-04T09:30:00Z', ['Patient/p3', 'Practitioner/d3']));
    const { store, searches } = recordingSearches(inner);
    const candidate = appointment('new', '2026-05-04T09:00:00Z', '2026-05-04T09:30:00Z', ['Patient/p9', 'Practitioner/d1']);
    // a participant who declined takes no time, and is not asked about
    candidate.participant.push({ actor: { reference: 'Location/declined-room' }, status: 'declined' });
    const found = await findConflicts(store, candidate);
    assert.deepEqual(found.map((c) => [c.kind, c.actor, c.appointmentId]), [
      ['patient', 'Patient/p9', 'p9-dentist'],
      ['practitioner', 'Practitioner/d1', 'd1-other-patient'],
    ]);
    // 7 days before 09:00Z on 4 May, to one millisecond after 09:30Z
    assert.deepEqual(searches, [{ type: 'Appointment', query: { date: ['ge2026-04-27T09:00:00.000Z', 'le2026-05-04T09:30:00.001Z'], actor: ['Patient/p9', 'Practitioner/d1'] } }]);
  });

  it('finds an appointment that starts at the very instant a start-only appointment is set for', async () => {
    const store = new MemoryStore();
    await store.update(appointment('nine', '2026-05-04T09:00:00Z', '2026-05-04T09:30:00Z', ['Location/ward1']));
    const startOnly: Appointment = { resourceType: 'Appointment', status: 'booked', start: '2026-05-04T09:00:00Z', participant: [{ actor: { reference: 'Location/ward1' }, status: 'accepted' }] };
    assert.deepEqual((await findConflicts(store, startOnly)).map((c) => c.appointmentId), ['nine']);
  });

  it('asks nothing when no participant can be double-booked', async () => {
    const { store, searches } = recordingSearches(new MemoryStore());
    const nobody: Appointment = { resourceType: 'Appointment', status: 'booked', start: '2026-05-04T09:00:00Z', end: '2026-05-04T09:30:00Z', participant: [{ actor: { display: 'Phone call' }, status: 'accepted' }] };
    assert.deepEqual(await findConflicts(store, nobody), []);
    assert.equal(searches.length, 0);
  });
});

describe('conflict properties', () => {
  const instant = fc.integer({ min: Date.parse('2026-03-28T00:00:00Z') / 60_000, max: Date.parse('2026-03-30T00:00:00Z') / 60_000 }).map((minutes) => minutes * 60_000);
  const offset = fc.constantFrom(0, 60, -300, 330);
  /** An instant written with a UTC offset, as FHIR allows: the same moment in different wall clocks. */
  const written = (ms: number, minutes: number) => {
    const wall = new Date(ms + minutes * 60_000).toISOString().slice(0, 19);
    const sign = minutes < 0 ? '-' : '+';
    const abs = Math.abs(minutes);
    return `${wall}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  };
  const booking = fc.record({ start: instant, length: fc.integer({ min: 0, max: 600 }), startOffset: offset, endOffset: offset });

  it('property: a double-booking is found from either side, whatever offsets the times are written with', () => {
    fc.assert(
      fc.property(booking, booking, (a, b) => {
        const first = appointment('a', written(a.start, a.startOffset), written(a.start + a.length * 60_000, a.endOffset), ['Location/room1']);
        const second = appointment('b', written(b.start, b.startOffset), written(b.start + b.length * 60_000, b.endOffset), ['Location/room1']);
        const overlap = intervalsOverlap({ start: a.start, end: a.start + a.length * 60_000 }, { start: b.start, end: b.start + b.length * 60_000 });
        return (conflictsAmong(first, [second]).length === 1) === overlap && (conflictsAmong(second, [first]).length === 1) === overlap;
      }),
    );
  });
});
