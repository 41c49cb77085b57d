// Seeds the demo portal's store with the Synthea patients in ./data/ (Apache-2.0, see
// data/LICENSE), once: a store that already holds patients is left as it is. The Synthea Bundles
// hold no Schedule or Slot, so the seeding adds a synthetic clinic diary over real practitioners
// (see clinic-diary.ts).
import { importBundle, type ChartStore, type ImportProgress } from '@chartwell/core';
import { seedClinicDiary, type ClinicDiaryOptions } from './clinic-diary.js';

/** The sample Bundles, practitioners first (the patients' Bundles refer to them conditionally). */
export const DEMO_BUNDLES = [
  'practitionerInformation1559319163815.json',
  'Clemente_Kreiger_1484a42d-0eaf-4654-9cbf-6b050a5cd73b.json',
  'Louis_Miller_f8bbc4a5-8a9f-45ed-a807-b715feefb2ef.json',
  'María_Luisa_Razo_d060a28c-4e03-4435-8b2e-1cbfa38ca43b.json',
  'Tony_Douglas_f6d715f8-94c0-49ad-a46a-4f96dc7a67b4.json',
] as const;

/** Progress of {@link seedDemo}: Bundles done of all, and the entries of the current one. */
export interface SeedProgress {
  readonly bundle: number;
  readonly bundles: number;
  readonly entries: ImportProgress;
}

/** Options of {@link seedDemo}. */
export interface SeedOptions {
  /** Progress of the import, Bundle by Bundle. */
  readonly onProgress?: (progress: SeedProgress) => void;
  /** The clinic diary's time zone and "today"; `false` leaves the diary out (patients only). */
  readonly diary?: ClinicDiaryOptions | false;
}

/**
 * Imports the sample Bundles from `baseUrl` into `store` unless it already holds a Patient, then
 * adds the clinic diary (Schedules, free Slots and a few booked Appointments for this week).
 * Resolves with whether it imported; a failed Bundle throws (its transaction left nothing).
 * A function as the third argument is taken as `onProgress`.
 */
export async function seedDemo(store: ChartStore, baseUrl: URL, options: SeedOptions | SeedOptions['onProgress'] = {}): Promise<boolean> {
  const { onProgress, diary = {} } = typeof options === 'function' ? { onProgress: options } : options;
  if ((await store.search('Patient', { _count: 1 })).length > 0) return false;
  const ids = new Map<string, string>();
  for (const [i, file] of DEMO_BUNDLES.entries()) {
    const response = await fetch(new URL(encodeURIComponent(file), baseUrl));
    if (!response.ok) throw new Error(`Demo data ${file}: HTTP ${response.status}`);
    const result = await importBundle(store, await response.json(), { onProgress: (entries) => onProgress?.({ bundle: i + 1, bundles: DEMO_BUNDLES.length, entries }) });
    // the first Bundle's practitioners are the clinic's: later Bundles' copies must not replace them
    for (const [fullUrl, reference] of result.idMap) if (!ids.has(fullUrl)) ids.set(fullUrl, reference);
  }
  if (diary !== false) await seedClinicDiary(store, ids, diary);
  return true;
}
