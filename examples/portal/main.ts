// The demo portal: Chartwell elements over the embedded IndexedDB store, seeded on first run with
// real Synthea patients. It registers the elements it uses, as a host application would.
import '@chartwell/elements/define/cw-chart-provider.js';
import '@chartwell/elements/define/cw-clinic-date.js';
import '@chartwell/elements/define/cw-patient-banner.js';
import '@chartwell/elements/define/cw-allergy-banner.js';
import '@chartwell/elements/define/cw-med-list.js';
import '@chartwell/elements/define/cw-problem-list.js';
import { formatHumanName, preferredHumanName, type ChartStore } from '@chartwell/core';
import type { Patient } from '@chartwell/fhir';
import { IndexedDbStore } from '@chartwell/store-idb';
import { seedDemo } from './seed-demo.js';

const DATABASE = 'chartwell-demo';

const provider = document.querySelector('cw-chart-provider');
const status = document.querySelector<HTMLElement>('#seed-status');
const progress = document.querySelector<HTMLProgressElement>('#seed-progress');
const picker = document.querySelector<HTMLSelectElement>('#patient-picker');
const reset = document.querySelector<HTMLButtonElement>('#reset-demo');
const banners = document.querySelectorAll<HTMLElement>('cw-patient-banner, cw-allergy-banner, cw-med-list, cw-problem-list');

let store = new IndexedDbStore({ name: DATABASE, onBlocked: () => say('Close the other demo tabs to finish the database upgrade.') });

function say(text: string): void {
  if (status) status.textContent = text;
}

function showPatient(id: string): void {
  for (const banner of banners) {
    banner.setAttribute('patient-id', id);
    banner.hidden = false;
  }
}

async function listPatients(source: ChartStore): Promise<void> {
  if (!picker) return;
  const patients = (await source.search('Patient', { _count: 100 })) as Patient[];
  picker.replaceChildren(
    ...patients.map((patient) => {
      const option = document.createElement('option');
      option.value = patient.id ?? '';
      option.textContent = formatHumanName(preferredHumanName(patient.name), { locale: document.documentElement.lang || 'en-GB', style: 'banner' }) || (patient.id ?? '');
      return option;
    }),
  );
  if (patients[0]?.id) showPatient(patients[0].id);
}

async function start(): Promise<void> {
  if (provider) provider.store = store;
  say('Loading the sample patients…');
  if (progress) progress.hidden = false;
  const imported = await seedDemo(store, new URL('./data/', import.meta.url), ({ bundle, bundles, entries }) => {
    if (progress) {
      progress.max = bundles;
      progress.value = bundle - 1 + (entries.total ? entries.done / entries.total : 0);
    }
    say(`Importing sample Bundle ${bundle} of ${bundles}…`);
  });
  if (progress) progress.hidden = true;
  say(imported ? 'Sample patients imported into this browser (IndexedDB).' : 'Sample patients loaded from this browser (IndexedDB).');
  await listPatients(store);
}

picker?.addEventListener('change', () => showPatient(picker.value));
reset?.addEventListener('click', () => {
  void (async () => {
    store.close();
    await new Promise((resolve, reject) => Object.assign(indexedDB.deleteDatabase(DATABASE), { onsuccess: resolve, onerror: reject, onblocked: resolve }));
    store = new IndexedDbStore({ name: DATABASE });
    await start();
  })().catch((error: unknown) => say(`Could not reset the demo data: ${error instanceof Error ? error.message : String(error)}`));
});

start().catch((error: unknown) => say(`Could not load the demo data: ${error instanceof Error ? error.message : String(error)}`));
