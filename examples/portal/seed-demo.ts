// Seeds the demo portal's store with the Synthea patients in ./data/ (Apache-2.0, see
// data/LICENSE), once: a store that already holds patients is left as it is.
import { importBundle, type ChartStore, type ImportProgress } from '@chartwell/core';

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

/**
 * Imports the sample Bundles from `baseUrl` into `store` unless it already holds a Patient.
 * Resolves with whether it imported; a failed Bundle throws (its transaction left nothing).
 */
export async function seedDemo(store: ChartStore, baseUrl: URL, onProgress?: (progress: SeedProgress) => void): Promise<boolean> {
  if ((await store.search('Patient', { _count: 1 })).length > 0) return false;
  for (const [i, file] of DEMO_BUNDLES.entries()) {
    const response = await fetch(new URL(encodeURIComponent(file), baseUrl));
    if (!response.ok) throw new Error(`Demo data ${file}: HTTP ${response.status}`);
    await importBundle(store, await response.json(), { onProgress: (entries) => onProgress?.({ bundle: i + 1, bundles: DEMO_BUNDLES.length, entries }) });
  }
  return true;
}
