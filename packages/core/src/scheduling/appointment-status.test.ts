import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { APPOINTMENT_STATUS_TRANSITIONS, appointmentStatusLabel, canTransitionAppointment, holdsTime, type AppointmentStatus } from './appointment-status.js';

const ALL: AppointmentStatus[] = ['proposed', 'pending', 'booked', 'arrived', 'fulfilled', 'cancelled', 'noshow', 'entered-in-error', 'checked-in', 'waitlist'];

describe('appointment status state machine', () => {
  it('covers all ten R4 statuses', () => {
    assert.deepEqual(Object.keys(APPOINTMENT_STATUS_TRANSITIONS).sort(), [...ALL].sort());
  });

  it('allows the clinic lifecycle: request, book, arrive, check in, fulfil', () => {
    assert.ok(canTransitionAppointment('proposed', 'booked'));
    assert.ok(canTransitionAppointment('waitlist', 'booked'));
    assert.ok(canTransitionAppointment('booked', 'arrived'));
    assert.ok(canTransitionAppointment('arrived', 'checked-in'));
    assert.ok(canTransitionAppointment('checked-in', 'fulfilled'));
    assert.ok(canTransitionAppointment('booked', 'noshow'));
    assert.ok(canTransitionAppointment('booked', 'cancelled'));
  });

  it('refuses going backwards or out of a final status', () => {
    assert.equal(canTransitionAppointment('booked', 'proposed'), false);
    assert.equal(canTransitionAppointment('fulfilled', 'booked'), false);
    assert.equal(canTransitionAppointment('fulfilled', 'cancelled'), false);
    assert.equal(canTransitionAppointment('cancelled', 'booked'), false);
    assert.equal(canTransitionAppointment('noshow', 'arrived'), false);
    assert.equal(canTransitionAppointment('arrived', 'noshow'), false);
    assert.equal(canTransitionAppointment('booked', 'booked'), false);
  });

  it('lets any status but entered-in-error be marked entered-in-error, and nothing leave it', () => {
    for (const status of ALL) assert.equal(canTransitionAppointment(status, 'entered-in-error'), status !== 'entered-in-error', status);
    for (const status of ALL) assert.equal(canTransitionAppointment('entered-in-error', status), false, status);
  });

  it('holds time for every status except cancelled, noshow, entered-in-error and waitlist', () => {
    assert.deepEqual(ALL.filter((s) => !holdsTime(s)).sort(), ['cancelled', 'entered-in-error', 'noshow', 'waitlist']);
    assert.equal(holdsTime(undefined), false);
  });

  it('labels every status, never blank', () => {
    for (const status of ALL) assert.ok(appointmentStatusLabel(status).length > 0);
    assert.equal(appointmentStatusLabel('noshow'), 'Did not attend');
    assert.equal(appointmentStatusLabel('checked-in'), 'Checked in');
    assert.equal(appointmentStatusLabel(undefined), 'Status not recorded');
  });
});
