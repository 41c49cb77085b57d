import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { spy } from 'sinon';
import type { Appointment, Location, Patient, Practitioner, Resource, Schedule, Slot } from '@chartwell/fhir';
import { ForbiddenError, MemoryStore, UnavailableError } from '@chartwell/core';
import type { ChartStore } from '@chartwell/core';
import { CLEMENTE, TOBIE, TONY, failingStore, fetchFixture, storeWith, syntheaResources } from '../../../../../test/support/browser-fixtures.js';
import '../../define/cw-chart-provider.js';
import '../../define/cw-scheduler.js';
import type { CwScheduler } from './scheduler.js';
import type { CwSlotSelectEvent } from '../../events/slot-select-event.js';
import type { CwAppointmentSelectEvent } from '../../events/appointment-select-event.js';
import type { CwAppointmentChangeEvent } from '../../events/appointment-change-event.js';
import type { CwErrorEvent } from '../../events/error-event.js';

const shadow = (el: HTMLElement) => el.shadowRoot!;
const squash = (value: string | null | undefined) => (value ?? '').replace(/\s+/g, ' ').trim();
const text = (node: Element | null | undefined) => squash(node?.textContent);
const loaded = (el: CwScheduler) => waitUntil(() => !el.hasCustomState('loading'), '<cw-scheduler> never finished loading', { timeout: 4000 });
const slotButton = (el: CwScheduler, id: string) => shadow(el).querySelector<HTMLElement>(`[part="slot"][data-slot-id="${id}"]`)!;
const appointmentButton = (el: CwScheduler, id: string) => shadow(el).querySelector<HTMLButtonElement>(`[part="appointment"][data-appointment-id="${id}"]`)!;
const dialogOf = (el: CwScheduler) => shadow(el).querySelector('dialog')!;
const input = (el: CwScheduler, name: string) => dialogOf(el).querySelector<HTMLInputElement & HTMLSelectElement>(`[name="${name}"]`)!;

// Two real Synthea practitioners (practitionerInformation bundle) and three real Synthea patients.
const DIBBERT = 'Practitioner/f4bf5265-8d8e-4055-a4e5-b34853f1099f'; // Dr. Noe Dibbert
const GLEASON = 'Practitioner/7f01c91e-c9a8-453b-aba3-7ebb55556199'; // Dr. Mariam Gleason

let people: Resource[] | undefined;

/** The two practitioners, Tony Douglas, Tobie Rempel (deceased 2006) and Clemente Kreiger, his record here marked inactive. */
async function realPeople(): Promise<Resource[]> {
  if (!people) {
    const practitioners = (await syntheaResources('practitionerInformation1559319163815.json')).filter((r): r is Practitioner => r.resourceType === 'Practitioner' && [DIBBERT, GLEASON].includes(`Practitioner/${r.id}`));
    const patientOf = async (file: string) => (await syntheaResources(file)).find((r): r is Patient => r.resourceType === 'Patient')!;
    const clemente = await patientOf(CLEMENTE.file);
    people = [...practitioners, await patientOf(TONY.file), await patientOf(TOBIE.file), { ...clemente, active: false }];
  }
  return people;
}

const slot = (id: string, schedule: string, start: string, end: string, status: Slot['status'], extra: Partial<Slot> = {}): Slot => ({ resourceType: 'Slot', id, schedule: { reference: `Schedule/${schedule}` }, status, start, end, ...extra });
const v20276 = (code: string, display: string) => ({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0276', code, display }] });
const appointment = (id: string, patient: string, status: Appointment['status'], start: string, end: string, extra: Partial<Appointment> = {}): Appointment => ({
  resourceType: 'Appointment',
  id,
  status,
  start,
  end,
  participant: [
    { actor: { reference: `Patient/${patient}` }, status: 'accepted' },
    { actor: { reference: DIBBERT }, status: 'accepted' },
  ],
  ...extra,
});

/**
 * Dr Dibbert's diary in New York on Sunday 10 March 2024, the day the clocks go forward at 02:00
 * (EST, -05:00, to EDT, -04:00), and a free slot on Saturday 9 March; Dr Gleason has one free
 * slot at 09:30 on the Sunday.
 */
async function clinic(): Promise<MemoryStore> {
  const resources: Resource[] = [
    ...(await realPeople()),
    { resourceType: 'Schedule', id: 'dibbert', active: true, actor: [{ reference: DIBBERT }] } satisfies Schedule,
    { resourceType: 'Schedule', id: 'gleason', active: true, actor: [{ reference: GLEASON }] } satisfies Schedule,
    slot('sat-0900', 'dibbert', '2024-03-09T09:00:00-05:00', '2024-03-09T09:30:00-05:00', 'free'),
    slot('s0100', 'dibbert', '2024-03-10T01:00:00-05:00', '2024-03-10T01:30:00-05:00', 'free'),
    // half an hour across the change: 06:30Z to 07:00Z
    slot('s0130', 'dibbert', '2024-03-10T01:30:00-05:00', '2024-03-10T03:00:00-04:00', 'free'),
    slot('s0900', 'dibbert', '2024-03-10T09:00:00-04:00', '2024-03-10T09:30:00-04:00', 'free'),
    slot('s0930', 'dibbert', '2024-03-10T09:30:00-04:00', '2024-03-10T10:00:00-04:00', 'busy'),
    slot('s1000', 'dibbert', '2024-03-10T10:00:00-04:00', '2024-03-10T10:30:00-04:00', 'busy-unavailable', { comment: 'Team meeting' }),
    slot('s1030', 'dibbert', '2024-03-10T10:30:00-04:00', '2024-03-10T11:00:00-04:00', 'busy'),
    slot('s1100', 'dibbert', '2024-03-10T11:00:00-04:00', '2024-03-10T11:30:00-04:00', 'free'),
    slot('g0930', 'gleason', '2024-03-10T09:30:00-04:00', '2024-03-10T10:00:00-04:00', 'free'),
    appointment('appt-tony', TONY.id, 'booked', '2024-03-10T09:30:00-04:00', '2024-03-10T10:00:00-04:00', { slot: [{ reference: 'Slot/s0930' }], appointmentType: v20276('FOLLOWUP', 'A follow up visit from a previous appointment') }),
    appointment('appt-tobie', TOBIE.id, 'arrived', '2024-03-10T10:30:00-04:00', '2024-03-10T11:00:00-04:00', { slot: [{ reference: 'Slot/s1030' }], appointmentType: v20276('ROUTINE', 'Routine appointment - default if not valued') }),
    appointment('appt-clemente', CLEMENTE.id, 'cancelled', '2024-03-10T11:30:00-04:00', '2024-03-10T12:00:00-04:00', { cancelationReason: { text: 'Patient request' } }),
  ];
  return storeWith(resources);
}

/** A scheduler inside a provider in New York over `store`, once loaded. */
async function schedulerIn(store: ChartStore, options: { actors?: string; date?: string; view?: string; timeZone?: string; theme?: string } = {}): Promise<CwScheduler> {
  const provider = await fixture(html`<cw-chart-provider locale="en-GB" time-zone=${options.timeZone ?? 'America/New_York'} theme=${options.theme ?? 'light'} .store=${store}>
    <cw-scheduler actors=${options.actors ?? DIBBERT} date=${options.date ?? '2024-03-10'} view=${options.view ?? 'day'}></cw-scheduler>
  </cw-chart-provider>`);
  const el = provider.querySelector('cw-scheduler')!;
  await loaded(el);
  return el;
}

/** Waits for the dialog to close after a write, or to show a message. */
const settled = (el: CwScheduler) => waitUntil(() => !dialogOf(el).open || dialogOf(el).querySelector('[part="dialog-error"]') !== null, 'the dialog never settled', { timeout: 4000 });

describe('<cw-scheduler>', () => {
  it('defaults to the day view with no actors, and reads actors, view and date from its attributes', async () => {
    const el = await fixture<CwScheduler>(html`<cw-scheduler></cw-scheduler>`);
    expect(el.view).to.equal('day');
    expect(el.actors).to.deep.equal([]);
    expect(el.weekStartsOn).to.equal(1);
    el.setAttribute('actors', 'Practitioner/1  Location/2');
    el.setAttribute('view', 'week');
    el.setAttribute('date', '2024-03-10');
    expect(el.actors).to.deep.equal(['Practitioner/1', 'Location/2']);
    expect(el.view).to.equal('week');
    expect(el.date).to.equal('2024-03-10');
    el.view = 'agenda';
    await el.updateComplete;
    expect(el.getAttribute('view')).to.equal('agenda');
    // no provider and no store: said so, as an error
    await waitUntil(() => el.hasCustomState('error'));
    expect(text(shadow(el).querySelector('[part="error"] span'))).to.contain('No chart store');
  });

  it("shows the DST day in New York: 23 hours, the zone named, the weekday, each time with its offset", async () => {
    const el = await schedulerIn(await clinic());
    expect(text(shadow(el).querySelector('h2'))).to.equal('Schedule: Dr. Noe Dibbert');
    expect(text(shadow(el).querySelector('[part="time-zone"]'))).to.equal('Times in America/New_York');
    expect(text(shadow(el).querySelector('[part="range"]'))).to.equal('Sunday 10-Mar-2024');
    expect(text(shadow(el).querySelector('[part="clock-change"]'))).to.equal('Sunday 10-Mar-2024: The clocks change on this day (23 hours): UTC-05:00 to UTC-04:00');
    const grid = shadow(el).querySelector('[part="grid"]')!;
    expect(grid.getAttribute('role')).to.equal('grid');
    expect([...grid.querySelectorAll('thead th')].map(text)).to.deep.equal(['Time', 'Sunday 10-Mar-2024']);
    // wall-clock rows: 01:00 and 01:30 before the change (EST), the rest after it (EDT)
    expect([...grid.querySelectorAll('tbody th[scope="row"]')].map(text)).to.deep.equal([
      '01:00 (UTC-05:00)',
      '01:30 (UTC-05:00)',
      '09:00 (UTC-04:00)',
      '09:30 (UTC-04:00)',
      '10:00 (UTC-04:00)',
      '10:30 (UTC-04:00)',
      '11:00 (UTC-04:00)',
      '11:30 (UTC-04:00)',
    ]);
    expect(text(slotButton(el, 's0130'))).to.equal('Free 01:30 (UTC-05:00)–03:00 (UTC-04:00)');
    await expect(el).to.be.accessible();
  });

  it('shows the 25-hour day in London when the clocks go back, the two 01:30s in one row, each with its offset', async () => {
    const store = await clinic();
    // 01:30 BST (00:30Z) and, an hour later, 01:30 GMT (01:30Z) on Sunday 27 October 2024; 02:00 BST (01:00Z) is 01:00 GMT
    await store.update(slot('bst-0130', 'gleason', '2024-10-27T01:30:00+01:00', '2024-10-27T02:00:00+01:00', 'free'));
    await store.update(slot('gmt-0130', 'gleason', '2024-10-27T01:30:00+00:00', '2024-10-27T02:00:00+00:00', 'free'));
    const el = await schedulerIn(store, { actors: GLEASON, date: '2024-10-27', timeZone: 'Europe/London' });
    expect(text(shadow(el).querySelector('[part="time-zone"]'))).to.equal('Times in Europe/London');
    expect(text(shadow(el).querySelector('[part="clock-change"]'))).to.equal('Sunday 27-Oct-2024: The clocks change on this day (25 hours): UTC+01:00 to UTC+00:00');
    expect([...shadow(el).querySelectorAll('tbody th[scope="row"]')].map(text)).to.deep.equal(['01:30 (UTC+01:00, UTC+00:00)']);
    const cell = shadow(el).querySelector('tbody td')!;
    expect([...cell.querySelectorAll('[part="slot"]')].map(text)).to.deep.equal(['Free 01:30 (UTC+01:00)–01:00 (UTC+00:00)', 'Free 01:30 (UTC+00:00)–02:00 (UTC+00:00)']);
    await expect(el).to.be.accessible();
  });

  it("writes times on the locale's clock when the provider asks for it", async () => {
    const provider = await fixture(html`<cw-chart-provider locale="en-US" time-style="locale" time-zone="America/New_York" .store=${await clinic()}>
      <cw-scheduler actors=${DIBBERT} date="2024-03-10"></cw-scheduler>
    </cw-chart-provider>`);
    const el = provider.querySelector('cw-scheduler')!;
    await loaded(el);
    expect(text(slotButton(el, 's0900').querySelector('.time'))).to.equal('9:00 AM (UTC-04:00)–9:30 AM (UTC-04:00)');
    expect(text(shadow(el).querySelector('tbody th[scope="row"]'))).to.equal('1:00 AM (UTC-05:00)');
  });

  it('leaves an appointment to the host that cancels cw-appointment-select', async () => {
    const el = await schedulerIn(await clinic());
    el.addEventListener('cw-appointment-select', (event) => event.preventDefault());
    appointmentButton(el, 'appt-tobie').click();
    await el.updateComplete;
    expect(dialogOf(el).open).to.equal(false);
  });

  it('takes its strings from i18n, the rest in English', async () => {
    const store = await clinic();
    const provider = await fixture(html`<cw-chart-provider locale="en-GB" time-zone="America/New_York" .store=${store}>
      <cw-scheduler actors=${DIBBERT} date="2024-03-10" .i18n=${{ heading: 'Diary', headingFor: (names: string) => `Diary of ${names}`, slotStatus: { free: 'Open', busy: 'Busy', 'busy-unavailable': 'Closed', 'busy-tentative': 'Held', unknown: '?' } }}></cw-scheduler>
    </cw-chart-provider>`);
    const el = provider.querySelector('cw-scheduler')!;
    await loaded(el);
    expect(text(shadow(el).querySelector('h2'))).to.equal('Diary of Dr. Noe Dibbert');
    expect(text(slotButton(el, 's0900').querySelector('[part="status"]'))).to.equal('Open');
    expect(text(appointmentButton(el, 'appt-tony').querySelector('[part="status"]'))).to.equal('Booked');
  });

  it('tells free, blocked and booked apart by icon and words, with the patient, the appointment type and the flags', async () => {
    const el = await schedulerIn(await clinic());
    const free = slotButton(el, 's0900');
    expect(text(free.querySelector('[part="status"]'))).to.equal('Free');
    expect(free.querySelector('.icon-free')!.getAttribute('aria-hidden')).to.equal('true');
    const blocked = slotButton(el, 's1000');
    expect(blocked.localName).to.equal('div'); // nothing to book
    expect(text(blocked)).to.equal('Blocked 10:00 (UTC-04:00)–10:30 (UTC-04:00) Team meeting');
    expect(blocked.querySelector('.icon-blocked')).to.not.equal(null);
    // the busy slots are shown through the appointments that hold them
    expect(slotButton(el, 's0930')).to.equal(null);
    const tony = appointmentButton(el, 'appt-tony');
    expect(text(tony.querySelector('[part="status"]'))).to.equal('Booked');
    expect(tony.querySelector('.icon-booked')).to.not.equal(null);
    expect(text(tony.querySelector('.patient'))).to.equal('DOUGLAS, Tony (Mr.)');
    expect(text(tony.querySelector('.type'))).to.equal('A follow up visit from a previous appointment');
    expect(tony.querySelector('[part="flag"]')).to.equal(null);
    const tobie = appointmentButton(el, 'appt-tobie');
    expect(text(tobie.querySelector('[part="status"]'))).to.equal('Arrived');
    expect(tobie.querySelector('.icon-arrived')).to.not.equal(null);
    expect(text(tobie.querySelector('.patient'))).to.equal('REMPEL, Tobie (Mrs.)');
    expect(text(tobie.querySelector('.flag.deceased'))).to.equal('Deceased');
    expect(tobie.querySelector('.flag.deceased .icon-deceased')).to.not.equal(null);
    const clemente = appointmentButton(el, 'appt-clemente');
    expect(text(clemente.querySelector('[part="status"]'))).to.equal('Cancelled');
    expect(clemente.classList.contains('released')).to.equal(true);
    expect(text(clemente.querySelector('.flag.inactive'))).to.equal('Inactive record');
    await expect(el).to.be.accessible();
  });

  it('shows the week from Monday with every date carrying its weekday, and the DST Sunday last', async () => {
    const el = await schedulerIn(await clinic(), { view: 'week' });
    expect(text(shadow(el).querySelector('[part="range"]'))).to.equal('Monday 04-Mar-2024 to Sunday 10-Mar-2024');
    const headers = [...shadow(el).querySelectorAll('thead th.day-header')].map(text);
    expect(headers).to.deep.equal(['Monday 04-Mar-2024', 'Tuesday 05-Mar-2024', 'Wednesday 06-Mar-2024', 'Thursday 07-Mar-2024', 'Friday 08-Mar-2024', 'Saturday 09-Mar-2024', 'Sunday 10-Mar-2024']);
    expect(text(slotButton(el, 'sat-0900'))).to.equal('Free 09:00–09:30');
    await expect(el).to.be.accessible();
  });

  it('lists the week in the agenda view, day by day', async () => {
    const el = await schedulerIn(await clinic(), { view: 'agenda' });
    const days = [...shadow(el).querySelectorAll('[part="agenda"] .agenda-day')];
    expect(days.map((day) => text(day.querySelector('h3')))).to.have.length(7);
    expect(text(days[0]!.querySelector('.empty-day'))).to.equal('Nothing scheduled');
    expect([...days[6]!.querySelectorAll('li')].map((li) => text(li.querySelector('[part="status"]')))).to.deep.equal(['Free', 'Free', 'Free', 'Booked', 'Blocked', 'Arrived', 'Free', 'Cancelled']);
    await expect(el).to.be.accessible();
  });

  it('moves with the arrow keys between slots and days, and books with Enter', async () => {
    const el = await schedulerIn(await clinic(), { view: 'week' });
    const selected = spy();
    el.addEventListener('cw-slot-select', (event: CwSlotSelectEvent) => {
      selected(event.detail);
      event.preventDefault();
    });
    const saturday = slotButton(el, 'sat-0900');
    saturday.focus();
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(shadow(el).activeElement).to.equal(slotButton(el, 's0900'));
    expect(slotButton(el, 's0900').tabIndex).to.equal(0);
    expect(saturday.tabIndex).to.equal(-1);
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(shadow(el).activeElement).to.equal(appointmentButton(el, 'appt-tony'));
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    expect(shadow(el).activeElement).to.equal(slotButton(el, 's0130'));
    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    // Saturday has nothing at 01:30: the empty cell takes focus
    const cell = shadow(el).activeElement as HTMLElement;
    expect(cell.localName).to.equal('td');
    expect([cell.dataset['date'], cell.dataset['time']]).to.deep.equal(['2024-03-09', '01:30']);
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Enter' });
    expect(selected.callCount).to.equal(1);
    expect(selected.firstCall.args[0]).to.deep.equal({ slotId: 's0130', scheduleId: 'dibbert', start: '2024-03-10T06:30:00.000Z', end: '2024-03-10T07:00:00.000Z', actors: [DIBBERT] });
    // the host cancelled it: no dialog
    expect(dialogOf(el).open).to.equal(false);
  });

  it('books a free slot through the dialog, firing cw-slot-select then cw-appointment-change, and shows it booked', async () => {
    const store = await clinic();
    const el = await schedulerIn(store);
    const selected = spy();
    const changed = spy();
    el.addEventListener('cw-slot-select', (event: CwSlotSelectEvent) => selected(event.detail, event.cancelable, event.composed, event.bubbles));
    el.addEventListener('cw-appointment-change', (event: CwAppointmentChangeEvent) => changed(event.detail));
    slotButton(el, 's0900').click();
    await el.updateComplete;
    expect(selected.firstCall.args.slice(1)).to.deep.equal([true, true, true]);
    const dialog = dialogOf(el);
    expect(dialog.open).to.equal(true);
    expect(text(dialog.querySelector('h3'))).to.equal('Book an appointment');
    expect(text(dialog.querySelector('.dialog-summary'))).to.equal('Sunday 10-Mar-2024 09:00–09:30 with Dr. Noe Dibbert');
    expect(text(dialog.querySelector('.dialog-zone'))).to.equal('Times in America/New_York');
    await expect(el).to.be.accessible();
    input(el, 'patient').value = `Patient/${TONY.id}`;
    input(el, 'type').value = 'CHECKUP';
    dialog.querySelector<HTMLButtonElement>('button.book')!.click();
    await settled(el);
    expect(dialog.open).to.equal(false);
    expect(changed.callCount).to.equal(1);
    const { appointmentId, action, status } = changed.firstCall.args[0] as { appointmentId: string; action: string; status: string };
    expect([action, status]).to.deep.equal(['book', 'booked']);
    const stored = await store.read('Appointment', appointmentId);
    expect(stored.participant.map((p) => p.actor?.reference)).to.deep.equal([`Patient/${TONY.id}`, DIBBERT]);
    expect(stored.appointmentType?.coding?.[0]?.code).to.equal('CHECKUP');
    expect((await store.read('Slot', 's0900')).status).to.equal('busy');
    await waitUntil(() => appointmentButton(el, appointmentId) !== null, 'the new appointment never showed');
    expect(text(appointmentButton(el, appointmentId).querySelector('.patient'))).to.equal('DOUGLAS, Tony (Mr.)');
    expect(text(appointmentButton(el, appointmentId).querySelector('.type'))).to.equal('A routine check-up, such as an annual physical');
  });

  it("refuses to double-book the patient, naming who is already booked and when", async () => {
    const store = await clinic();
    // Dr Gleason's diary: Tony Douglas is already with Dr Dibbert at 09:30
    const el = await schedulerIn(store, { actors: GLEASON });
    slotButton(el, 'g0930').click();
    await el.updateComplete;
    input(el, 'patient').value = TONY.id;
    dialogOf(el).querySelector<HTMLButtonElement>('button.book')!.click();
    await settled(el);
    const message = dialogOf(el).querySelector('[part="dialog-error"]')!;
    expect(message.getAttribute('role')).to.equal('alert');
    expect(text(message)).to.equal('Not booked, it would double-book: the patient DOUGLAS, Tony (Mr.) is already booked Sunday 10-Mar-2024 09:30–10:00');
    expect(dialogOf(el).open).to.equal(true);
    expect((await store.read('Slot', 'g0930')).status).to.equal('free');
    await expect(el).to.be.accessible();
  });

  it('refuses an unknown or deceased patient with a message, booking nothing', async () => {
    const store = await clinic();
    const el = await schedulerIn(store);
    slotButton(el, 's1100').click();
    await el.updateComplete;
    input(el, 'patient').value = 'Patient/nobody';
    dialogOf(el).querySelector<HTMLButtonElement>('button.book')!.click();
    await settled(el);
    expect(text(dialogOf(el).querySelector('[part="dialog-error"]'))).to.equal('No patient record Patient/nobody was found: not booked.');
    input(el, 'patient').value = TOBIE.id;
    dialogOf(el).querySelector<HTMLButtonElement>('button.book')!.click();
    await waitUntil(() => text(dialogOf(el).querySelector('[part="dialog-error"]')).includes('deceased'));
    expect(text(dialogOf(el).querySelector('[part="dialog-error"]'))).to.equal('REMPEL, Tobie (Mrs.) is recorded as deceased: not booked.');
    expect((await store.search('Appointment')).length).to.equal(3);
  });

  it('offers only the changes a booked appointment allows, and checks the patient in', async () => {
    const store = await clinic();
    const el = await schedulerIn(store);
    const selected = spy();
    el.addEventListener('cw-appointment-select', (event: CwAppointmentSelectEvent) => selected(event.detail));
    appointmentButton(el, 'appt-tony').click();
    await el.updateComplete;
    expect(selected.firstCall.args[0]).to.deep.equal({ appointmentId: 'appt-tony', status: 'booked', patient: `Patient/${TONY.id}`, start: '2024-03-10T13:30:00.000Z', end: '2024-03-10T14:00:00.000Z' });
    const actions = () => [...dialogOf(el).querySelectorAll('.dialog-actions[role="group"] button')].map(text);
    // booked → arrived, checked-in, noshow, cancelled (and entered-in-error, not offered here); never fulfilled
    expect(actions()).to.deep.equal(['Check in (arrived)', 'Checked in', 'Reschedule…', 'Did not attend…', 'Cancel appointment…']);
    expect(text(dialogOf(el).querySelector('.when'))).to.equal('Sunday 10-Mar-2024 09:30–10:00');
    // no meta.source and no Provenance: the store is the source
    expect(text(dialogOf(el).querySelector('.source'))).to.match(/^This page, updated \d{2}-[A-Z][a-z]{2}-\d{4} \d{2}:\d{2}$/);
    await expect(el).to.be.accessible();
    dialogOf(el).querySelector<HTMLButtonElement>('.action-arrived')!.click();
    await settled(el);
    expect((await store.read('Appointment', 'appt-tony')).status).to.equal('arrived');
    await waitUntil(() => text(appointmentButton(el, 'appt-tony').querySelector('[part="status"]')) === 'Arrived', 'never showed Arrived');
    appointmentButton(el, 'appt-tony').click();
    await el.updateComplete;
    // arrived → checked-in, fulfilled; no cancelling, no rescheduling any more
    expect(actions()).to.deep.equal(['Checked in', 'Mark fulfilled']);
  });

  it('cancels with a reason, freeing the slot, and records a no-show with the coded reason', async () => {
    const store = await clinic();
    const el = await schedulerIn(store);
    appointmentButton(el, 'appt-tony').click();
    await el.updateComplete;
    dialogOf(el).querySelector<HTMLButtonElement>('.action-cancel')!.click();
    await el.updateComplete;
    input(el, 'reason').value = 'Patient rang to cancel';
    dialogOf(el).querySelector<HTMLButtonElement>('button.confirm-cancel')!.click();
    await settled(el);
    const cancelled = await store.read('Appointment', 'appt-tony');
    expect([cancelled.status, cancelled.cancelationReason?.text]).to.deep.equal(['cancelled', 'Patient rang to cancel']);
    await waitUntil(() => slotButton(el, 's0930')?.localName === 'button', 'the slot never showed free again');
    expect(text(slotButton(el, 's0930').querySelector('[part="status"]'))).to.equal('Free');
    // a new booking in the freed slot, then a no-show
    const { appointment } = await (await import('@chartwell/core')).bookAppointment(store, { patient: TONY.id, actors: [DIBBERT], slotIds: ['s0930'] });
    await waitUntil(() => appointmentButton(el, appointment.id!) !== null, 'the booking never showed');
    appointmentButton(el, appointment.id!).click();
    await el.updateComplete;
    dialogOf(el).querySelector<HTMLButtonElement>('.action-noshow')!.click();
    await el.updateComplete;
    dialogOf(el).querySelector<HTMLButtonElement>('button.confirm-noshow')!.click();
    await settled(el);
    const noShow = await store.read('Appointment', appointment.id!);
    expect([noShow.status, noShow.cancelationReason?.coding?.[0]?.code]).to.deep.equal(['noshow', 'pat-noshow']);
    await waitUntil(() => text(appointmentButton(el, appointment.id!)?.querySelector('[part="status"]')) === 'Did not attend');
  });

  it('reschedules into a free slot of the same practitioner', async () => {
    const store = await clinic();
    const el = await schedulerIn(store);
    appointmentButton(el, 'appt-tony').click();
    await el.updateComplete;
    dialogOf(el).querySelector<HTMLButtonElement>('.action-move')!.click();
    await el.updateComplete;
    // Dr Dibbert's free slots of the day; Dr Gleason's is not offered
    expect([...input(el, 'slot').options].map((option) => option.value)).to.deep.equal(['s0100', 's0130', 's0900', 's1100']);
    input(el, 'slot').value = 's1100';
    dialogOf(el).querySelector<HTMLButtonElement>('button.confirm-move')!.click();
    await settled(el);
    const moved = await store.read('Appointment', 'appt-tony');
    expect([moved.status, Date.parse(moved.start!), moved.slot?.[0]?.reference]).to.deep.equal(['booked', Date.parse('2024-03-10T15:00:00Z'), 'Slot/s1100']);
    expect((await store.read('Slot', 's0930')).status).to.equal('free');
  });

  it('adds to the waitlist and books a waiting patient into a free slot', async () => {
    const store = await clinic();
    const el = await schedulerIn(store);
    expect(text(shadow(el).querySelector('.waitlist-heading'))).to.equal('Waitlist (0)');
    shadow(el).querySelector<HTMLButtonElement>('.add-waitlist')!.click();
    await el.updateComplete;
    expect(text(dialogOf(el).querySelector('h3'))).to.equal('Add to the waitlist');
    input(el, 'patient').value = TONY.id;
    input(el, 'comment').value = 'Any morning';
    dialogOf(el).querySelector<HTMLButtonElement>('button.add')!.click();
    await settled(el);
    await waitUntil(() => text(shadow(el).querySelector('.waitlist-heading')) === 'Waitlist (1)', 'the waitlist never showed the entry');
    const entry = shadow(el).querySelector<HTMLButtonElement>('[part="waitlist"] [part="appointment"]')!;
    expect(text(entry)).to.equal('Waitlist DOUGLAS, Tony (Mr.) Any morning');
    entry.click();
    await el.updateComplete;
    expect([...dialogOf(el).querySelectorAll('.dialog-actions[role="group"] button')].map(text)).to.deep.equal(['Book into a free slot…', 'Remove from the waitlist…']);
    dialogOf(el).querySelector<HTMLButtonElement>('.action-move')!.click();
    await el.updateComplete;
    input(el, 'slot').value = 's0100';
    dialogOf(el).querySelector<HTMLButtonElement>('button.confirm-move')!.click();
    await settled(el);
    const booked = await store.read('Appointment', entry.dataset['appointmentId']!);
    expect([booked.status, booked.slot?.[0]?.reference]).to.deep.equal(['booked', 'Slot/s0100']);
    await waitUntil(() => text(shadow(el).querySelector('.waitlist-heading')) === 'Waitlist (0)');
  });

  it('reloads when another writer changes the diary', async () => {
    const store = await clinic();
    const el = await schedulerIn(store);
    await store.update(slot('s1000', 'dibbert', '2024-03-10T10:00:00-04:00', '2024-03-10T10:30:00-04:00', 'free'));
    await waitUntil(() => slotButton(el, 's1000')?.localName === 'button', 'the freed slot never showed');
    expect(text(slotButton(el, 's1000').querySelector('[part="status"]'))).to.equal('Free');
  });

  it('reads the official R4 Schedule and Slot examples: a busy overbooked slot and a blocked one, in Amsterdam', async () => {
    const official = await Promise.all(['Schedule-example', 'Slot-1', 'Slot-3', 'Location-1'].map((name) => fetchFixture<Resource>(`fhir/${name}.json`)));
    const el = await schedulerIn(await storeWith(official), { actors: 'Location/1', date: '2013-12-25', timeZone: 'Europe/Amsterdam' });
    expect(text(shadow(el).querySelector('h2'))).to.equal(`Schedule: ${(official[3] as Location).name}`);
    expect(text(shadow(el).querySelector('[part="range"]'))).to.equal('Wednesday 25-Dec-2013');
    // Slot 1: busy, overbooked, 09:00–09:15Z; Slot 3: busy-unavailable, 09:30–09:45Z; Amsterdam is +01:00 in December
    expect(text(slotButton(el, '1'))).to.equal('Busy 10:00–10:15 Overbooked Assessments should be performed before requesting appointments in this slot.');
    expect(text(slotButton(el, '3'))).to.equal('Blocked 10:30–10:45 Dr Careful is out of the office');
    expect(shadow(el).querySelector('[part="clock-change"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('shows the official "2docs" Appointment with its patient and type', async () => {
    const official = await Promise.all(['Appointment-2docs', 'Patient-example', 'Practitioner-example'].map((name) => fetchFixture<Resource>(`fhir/${name}.json`)));
    const el = await schedulerIn(await storeWith(official), { actors: 'Practitioner/example', date: '2013-12-09', timeZone: 'Europe/Amsterdam' });
    expect(text(shadow(el).querySelector('h2'))).to.equal('Schedule: Dr Adam Careful');
    const item = appointmentButton(el, '2docs');
    // 09:00–11:00Z is 10:00–12:00 in Amsterdam
    expect(text(item.querySelector('.time'))).to.equal('10:00–12:00');
    expect(text(item.querySelector('[part="status"]'))).to.equal('Booked');
    expect(text(item.querySelector('.patient'))).to.equal('CHALMERS, Peter James');
    expect(text(item.querySelector('.type'))).to.equal('A previously unscheduled walk-in visit');
  });

  it('never runs markup from the records: every text is shown as text', async () => {
    const win = window as unknown as { cwXss?: number };
    win.cwXss = 0;
    const attack = '<img src=x onerror="window.cwXss++"><script>window.cwXss++</script><a href="javascript:window.cwXss++">x</a>';
    const store = await clinic();
    const tony = await store.read('Patient', TONY.id);
    await store.update({ ...tony, name: [{ family: attack, given: [attack] }] });
    await store.update(slot('s1000', 'dibbert', '2024-03-10T10:00:00-04:00', '2024-03-10T10:30:00-04:00', 'busy-unavailable', { comment: attack }));
    const booked = await store.read('Appointment', 'appt-tony');
    await store.update({ ...booked, appointmentType: { text: attack } });
    const el = await schedulerIn(store);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(win.cwXss).to.equal(0);
    expect(shadow(el).querySelector('img, script, a')).to.equal(null);
    expect(text(appointmentButton(el, 'appt-tony').querySelector('.type'))).to.equal(squash(attack));
    expect(slotButton(el, 's1000').querySelector('.comment')!.textContent).to.equal(attack);
  });

  it('shows the loading state, labelled and busy, while the store has not answered, then the diary', async () => {
    const inner = await clinic();
    const releases: (() => void)[] = [];
    const gate = new Promise<void>((resolve) => releases.push(resolve));
    const release = () => releases.forEach((resolve) => resolve());
    const held = failingStore(inner, () => false, new Error('unused'));
    const slow: ChartStore = Object.assign(Object.create(held) as ChartStore, { search: async (...args: Parameters<ChartStore['search']>) => (await gate, inner.search(...args)) });
    const provider = await fixture(html`<cw-chart-provider time-zone="America/New_York" .store=${slow}><cw-scheduler actors=${DIBBERT} date="2024-03-10"></cw-scheduler></cw-chart-provider>`);
    const el = provider.querySelector('cw-scheduler')!;
    await el.updateComplete;
    expect(el.hasCustomState('loading')).to.equal(true);
    expect(text(shadow(el).querySelector('[part="loading"]'))).to.equal('Loading the schedule…');
    expect(text(shadow(el).querySelector('[part="time-zone"]'))).to.equal('Times in America/New_York');
    await expect(el).to.be.accessible();
    release();
    await loaded(el);
    expect(slotButton(el, 's0900')).to.not.equal(null);
  });

  it('shows the error state with a retry and fires cw-error, then loads on retry', async () => {
    const inner = await clinic();
    let failing = true;
    const store = failingStore(inner, (_method, type) => failing && type === 'Slot', new UnavailableError({ resourceType: 'Slot' }, 'the diary server is down'));
    const errors = spy();
    const provider = await fixture(html`<cw-chart-provider time-zone="America/New_York" .store=${store} @cw-error=${(event: CwErrorEvent) => errors(event.detail)}
      ><cw-scheduler actors=${DIBBERT} date="2024-03-10"></cw-scheduler
    ></cw-chart-provider>`);
    const el = provider.querySelector('cw-scheduler')!;
    await waitUntil(() => el.hasCustomState('error'), 'never showed the error state');
    expect(text(shadow(el).querySelector('[part="error"] span'))).to.equal('This information could not be loaded.');
    expect(errors.callCount).to.equal(1);
    await expect(el).to.be.accessible();
    failing = false;
    shadow(el).querySelector<HTMLButtonElement>('[part="retry"]')!.click();
    await waitUntil(() => !el.hasCustomState('error') && !el.hasCustomState('loading'));
    expect(slotButton(el, 's0900')).to.not.equal(null);
  });

  it('says access is restricted when the store refuses, with no retry', async () => {
    const store = failingStore(await clinic(), () => true, new ForbiddenError({ resourceType: 'Schedule' }, 'not allowed'));
    const el = await schedulerIn(store);
    expect(el.hasCustomState('restricted')).to.equal(true);
    expect(text(shadow(el).querySelector('[part="error"]'))).to.equal('You do not have permission to see this information.');
    expect(shadow(el).querySelector('[part="retry"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('says nothing is scheduled for an empty period, keeps the navigation, and asks for actors when there are none', async () => {
    const el = await schedulerIn(await clinic(), { date: '2024-04-01' });
    expect(el.hasCustomState('empty')).to.equal(true);
    expect(text(shadow(el).querySelector('[part="empty"]'))).to.equal('Nothing is scheduled in this period.');
    shadow(el).querySelector<HTMLButtonElement>('button.previous')!.click();
    expect(el.date).to.equal('2024-03-31');
    await expect(el).to.be.accessible();
    const none = await schedulerIn(await clinic(), { actors: '' });
    expect(none.hasCustomState('error')).to.equal(true);
    expect(text(shadow(none).querySelector('[part="error"] span'))).to.equal('No schedule chosen: set the actors attribute (such as Practitioner/1).');
  });

  for (const theme of ['dark', 'high-contrast']) {
    it(`passes axe in the ${theme} theme, the dialog open`, async () => {
      const el = await schedulerIn(await clinic(), { theme, view: 'week' });
      await expect(el).to.be.accessible();
      appointmentButton(el, 'appt-tony').click();
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });
  }
});
