import { expect } from '@open-wc/testing';
import { deleteDB } from 'idb';
import { MemoryStore, formatHumanName, preferredHumanName, searchAllPages, type ChartStore } from '@chartwell/core';
import { IndexedDbStore } from '@chartwell/store-idb';
import { DEMO_BUNDLES, seedDemo, type SeedProgress } from '../../examples/portal/seed-demo.js';
import { clinicPractitioners } from '../../examples/portal/clinic-diary.js';

const data = new URL('/examples/portal/data/', location.href);

/** Each Schedule's practitioner's name (as `Given Family`), with its Slots' starts (ISO instants, sorted) and statuses. */
async function diaryOf(store: ChartStore) {
  const slots = await searchAllPages(store, 'Slot');
  const diary = new Map<string, { starts: string[]; busy: string[]; minutes: Set<number> }>();
  for (const schedule of await searchAllPages(store, 'Schedule')) {
    const [type, id] = (schedule.actor?.[0]?.reference ?? '').split('/');
    expect(type).to.equal('Practitioner');
    const practitioner = await store.read('Practitioner', id!);
    const name = formatHumanName(preferredHumanName(practitioner.name), { locale: 'en-GB' });
    const own = slots.filter((slot) => slot.schedule.reference === `Schedule/${schedule.id}`);
    diary.set(name, {
      starts: own.map((slot) => new Date(slot.start!).toISOString()).sort(),
      busy: own.filter((slot) => slot.status === 'busy').map((slot) => new Date(slot.start!).toISOString()).sort(),
      minutes: new Set(own.map((slot) => (Date.parse(slot.end!) - Date.parse(slot.start!)) / 60_000)),
    });
  }
  return diary;
}

describe('demo portal: seeding the embedded store with the sample patients (real IndexedDB)', function () {
  this.timeout(60_000);
  const name = `chartwell-portal-test-${crypto.randomUUID()}`;
  after(() => deleteDB(name));

  it('imports every sample Bundle once, with progress, adds the clinic diary, and leaves a seeded store alone', async () => {
    const store = new IndexedDbStore({ name });
    try {
      const events: SeedProgress[] = [];
      // Wednesday 25 March 2026, London still on GMT: 09:00 is 09:00Z
      expect(await seedDemo(store, data, { onProgress: (p) => events.push(p), diary: { timeZone: 'Europe/London', now: new Date('2026-03-25T12:00:00Z') } })).to.equal(true);
      const patients = await store.search('Patient', { _count: 100 });
      // the four patient Bundles: Clemente Kreiger, Louis Miller, María Luisa Razo, Tony Douglas
      expect(patients.map((p) => p.name?.[0]?.family).sort()).to.deep.equal(['Douglas', 'Kreiger', 'Miller', 'Razo']);
      // every resource of every Bundle is stored (the Practitioners come from all of them)
      let practitioners = 0;
      for (const file of DEMO_BUNDLES) {
        const bundle = (await (await fetch(new URL(encodeURIComponent(file), data))).json()) as { entry: { resource: { resourceType: string } }[] };
        practitioners += bundle.entry.filter((e) => e.resource.resourceType === 'Practitioner').length;
      }
      expect((await store.search('Practitioner', { _count: 1000 })).length).to.equal(practitioners);
      expect(events.at(-1)?.bundle).to.equal(DEMO_BUNDLES.length);

      // the diary: the three doctors who saw the sample patients (practitionerInformation: Kassulke, Walsh, Schneider)
      const diary = await diaryOf(store);
      expect([...diary.keys()].sort()).to.deep.equal(['Dr. Andre Schneider', 'Dr. Janean Walsh', 'Dr. June Kassulke']);
      for (const [, own] of diary) {
        // Monday 23 to Friday 27 March, 09:00–12:00 and 14:00–17:00: 9 + 9 slots of 20 minutes a day
        expect(own.starts).to.have.length(5 * 18);
        expect(own.minutes).to.deep.equal(new Set([20]));
        expect(own.starts[0]).to.equal('2026-03-23T09:00:00.000Z');
        expect(own.starts).to.include('2026-03-23T11:40:00.000Z');
        expect(own.starts).to.not.include('2026-03-23T12:00:00.000Z');
        expect(own.starts).to.include('2026-03-23T14:00:00.000Z');
        expect(own.starts.at(-1)).to.equal('2026-03-27T16:40:00.000Z');
      }
      // the booked appointments took their slots: Tony Douglas Monday 09:00 with Dr Schneider, Clemente Kreiger Tuesday 09:20
      // and María Luisa Razo Wednesday 14:00 with Dr Kassulke, Louis Miller Thursday 10:40 with Dr Walsh
      expect(diary.get('Dr. Andre Schneider')!.busy).to.deep.equal(['2026-03-23T09:00:00.000Z']);
      expect(diary.get('Dr. June Kassulke')!.busy).to.deep.equal(['2026-03-24T09:20:00.000Z', '2026-03-25T14:00:00.000Z']);
      expect(diary.get('Dr. Janean Walsh')!.busy).to.deep.equal(['2026-03-26T10:40:00.000Z']);
      const appointments = await searchAllPages(store, 'Appointment');
      expect(appointments.map((a) => a.status)).to.deep.equal(['booked', 'booked', 'booked', 'booked']);
      const tony = patients.find((p) => p.name?.[0]?.family === 'Douglas')!;
      const tonys = appointments.filter((a) => a.participant.some((p) => p.actor?.reference === `Patient/${tony.id}`));
      expect(tonys.map((a) => new Date(a.start!).toISOString())).to.deep.equal(['2026-03-23T09:00:00.000Z']);
      expect((await clinicPractitioners(store)).length).to.equal(3);
      // each booked practitioner is the patient's care team: Tony Douglas's is the doctor of his appointment
      const careTeams = await searchAllPages(store, 'CareTeam');
      expect(careTeams).to.have.length(4); // one per booked appointment
      const tonysTeam = careTeams.filter((team) => team.subject?.reference === `Patient/${tony.id}`);
      expect(tonysTeam.map((team) => team.participant?.map((p) => p.member?.reference))).to.deep.equal([tonys[0]!.participant.filter((p) => p.actor?.reference?.startsWith('Practitioner/')).map((p) => p.actor?.reference)]);

      expect(await seedDemo(store, data)).to.equal(false);
      expect((await store.search('Patient', { _count: 100 })).length).to.equal(4);
      expect((await searchAllPages(store, 'Schedule')).length).to.equal(3);
    } finally {
      store.close();
    }
  });

  it("puts the surgery hours on the clinic's wall clock, the week after the clocks change", async () => {
    const store = new MemoryStore();
    // Monday 30 March 2026 in New York (EDT, UTC-4 since 8 March): 09:00 is 13:00Z
    await seedDemo(store, data, { diary: { timeZone: 'America/New_York', now: new Date('2026-03-30T15:00:00Z') } });
    const diary = await diaryOf(store);
    expect(diary.size).to.equal(3);
    for (const [, own] of diary) {
      expect(own.starts[0]).to.equal('2026-03-30T13:00:00.000Z');
      expect(own.starts).to.include('2026-03-30T18:00:00.000Z');
      expect(own.starts.at(-1)).to.equal('2026-04-03T20:40:00.000Z');
    }
    // the diary can be left out: the host examples seed patients only
    const plain = new MemoryStore();
    await seedDemo(plain, data, { diary: false });
    expect((await plain.search('Schedule')).length).to.equal(0);
  });
});
