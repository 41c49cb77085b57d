// <cw-scheduler> over the embedded store, IndexedDbStore, in real Chromium: two schedulers over two
// IndexedDbStore instances on the same database (two tabs) book the same slot at once; one wins,
// the other says so, and both refresh to show the slot booked (the change crosses through the
// store's BroadcastChannel). Real Synthea practitioners and patients, synthetic slots.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { deleteDB } from 'idb';
import type { Patient, Practitioner, Resource } from '@chartwell/fhir';
import { IndexedDbStore } from '@chartwell/store-idb';
import '@chartwell/elements/define/cw-chart-provider.js';
import '@chartwell/elements/define/cw-scheduler.js';
import type { CwScheduler } from '@chartwell/elements';
import { CLEMENTE, TONY, syntheaResources } from '../support/browser-fixtures.js';

const DIBBERT = 'Practitioner/f4bf5265-8d8e-4055-a4e5-b34853f1099f'; // Dr. Noe Dibbert (Synthea practitionerInformation)
const squash = (value: string | null | undefined) => (value ?? '').replace(/\s+/g, ' ').trim();
const dialogOf = (el: CwScheduler) => el.shadowRoot!.querySelector('dialog')!;
const slotButton = (el: CwScheduler, id: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part="slot"][data-slot-id="${id}"]`);
const bookedIn = (el: CwScheduler) => [...el.shadowRoot!.querySelectorAll('[part="appointment"]')].map((node) => [squash(node.querySelector('[part="status"]')?.textContent), squash(node.querySelector('.patient')?.textContent)]);

async function seed(store: IndexedDbStore): Promise<void> {
  const practitioner = (await syntheaResources('practitionerInformation1559319163815.json')).find((r): r is Practitioner => `Practitioner/${r.resourceType === 'Practitioner' ? r.id : ''}` === DIBBERT)!;
  const patient = async (file: string) => (await syntheaResources(file)).find((r): r is Patient => r.resourceType === 'Patient')!;
  const resources: Resource[] = [
    practitioner,
    await patient(TONY.file),
    await patient(CLEMENTE.file),
    { resourceType: 'Schedule', id: 'dibbert', active: true, actor: [{ reference: DIBBERT }] },
    { resourceType: 'Slot', id: 's0900', schedule: { reference: 'Schedule/dibbert' }, status: 'free', start: '2024-03-10T09:00:00-04:00', end: '2024-03-10T09:30:00-04:00' },
    { resourceType: 'Slot', id: 's0930', schedule: { reference: 'Schedule/dibbert' }, status: 'free', start: '2024-03-10T09:30:00-04:00', end: '2024-03-10T10:00:00-04:00' },
  ];
  await store.transaction(resources.map((resource) => ({ op: 'update' as const, resource })));
}

async function schedulerOver(store: IndexedDbStore): Promise<CwScheduler> {
  const provider = await fixture(html`<cw-chart-provider locale="en-GB" time-zone="America/New_York" .store=${store}>
    <cw-scheduler actors=${DIBBERT} date="2024-03-10"></cw-scheduler>
  </cw-chart-provider>`);
  const el = provider.querySelector('cw-scheduler')!;
  await waitUntil(() => !el.hasCustomState('loading'), '<cw-scheduler> never finished loading', { timeout: 4000 });
  return el;
}

/** Opens the booking dialog of `slotId` and fills in the patient. */
async function startBooking(el: CwScheduler, slotId: string, patientId: string): Promise<HTMLButtonElement> {
  slotButton(el, slotId)!.click();
  await el.updateComplete;
  dialogOf(el).querySelector<HTMLInputElement>('[name="patient"]')!.value = patientId;
  return dialogOf(el).querySelector<HTMLButtonElement>('button.book')!;
}

describe('<cw-scheduler> over IndexedDbStore', () => {
  const name = `chartwell-scheduler-test-${crypto.randomUUID()}`;
  let tabA: IndexedDbStore;
  let tabB: IndexedDbStore;

  before(async () => {
    tabA = new IndexedDbStore({ name });
    tabB = new IndexedDbStore({ name });
    await seed(tabA);
  });

  after(async () => {
    tabA.close();
    tabB.close();
    await deleteDB(name);
  });

  it('lets only one of two tabs book the same slot: the other is told, and both show it booked', async () => {
    const [a, b] = [await schedulerOver(tabA), await schedulerOver(tabB)];
    expect(squash(slotButton(b, 's0900')?.textContent)).to.equal('Free 09:00 (UTC-04:00)–09:30 (UTC-04:00)');
    const bookA = await startBooking(a, 's0900', TONY.id);
    const bookB = await startBooking(b, 's0900', CLEMENTE.id);
    // both press Book at once
    bookA.click();
    bookB.click();
    const settled = (el: CwScheduler) => !dialogOf(el).open || dialogOf(el).querySelector('[part="dialog-error"]') !== null;
    await waitUntil(() => settled(a) && settled(b), 'the two bookings never settled', { timeout: 5000 });
    const winners = [a, b].filter((el) => !dialogOf(el).open);
    const losers = [a, b].filter((el) => dialogOf(el).open);
    expect([winners.length, losers.length]).to.deep.equal([1, 1]);
    const loser = losers[0]!;
    const message = squash(loser.shadowRoot!.querySelector('[part="dialog-error"]')!.textContent);
    // taken meanwhile (the slot's or the schedule's version moved), or seen as a double-booking of Dr Dibbert
    expect(message).to.be.oneOf([
      'Not booked: this time has just been booked by someone else. The schedule has been refreshed; choose another slot.',
      'Not booked, it would double-book: the practitioner Dr. Noe Dibbert is already booked Sunday 10-Mar-2024 09:00–09:30',
    ]);
    const winner = winners[0] === a ? 'DOUGLAS, Tony (Mr.)' : 'KREIGER, Clemente (Mr.)';
    // one appointment stored, the slot busy
    const appointments = await tabB.search('Appointment');
    expect(appointments.length).to.equal(1);
    expect((await tabA.read('Slot', 's0900')).status).to.equal('busy');
    // both views refresh: the slot is no longer free and the winner's booking shows, in each tab
    for (const el of [a, b]) {
      await waitUntil(() => slotButton(el, 's0900') === null && bookedIn(el).length === 1, 'a tab never showed the booking', { timeout: 4000 });
      expect(bookedIn(el)).to.deep.equal([['Booked', winner]]);
      await expect(el).to.be.accessible();
    }
    expect(squash(slotButton(a, 's0930')?.textContent)).to.equal('Free 09:30 (UTC-04:00)–10:00 (UTC-04:00)');
  });
});
