// The IndexedDbStore benchmark, run in headless Chromium by test/bench/store.bench.ts. It sets
// window.__benchResult (or __benchError) for the driver to print. Nothing here asserts a timing.
import { deleteDB, openDB } from 'idb';
import { importBundle, importNdjson, type ChartStore } from '@chartwell/core';
import { IndexedDbStore } from '@chartwell/store-idb';

type Json = Record<string, unknown>;

interface Options {
  readonly bundles: readonly string[];
  readonly ndjson: readonly string[];
  readonly rounds: number;
  readonly patients: number;
  readonly queries: number;
  readonly settleMs: number;
}

const params = new URLSearchParams(location.search);
const options: Options = JSON.parse(params.get('options') ?? '{}') as Options;

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const at = (i: number) => sorted[i] ?? Number.NaN;
  return sorted.length % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
};

async function fetchText(path: string): Promise<string> {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.text();
}

const fresh = (label: string) => `chartwell-bench-${label}-${crypto.randomUUID()}`;

/** Raw idb: every resource put into one object store in one transaction: the baseline. */
async function rawImport(resources: readonly Json[]): Promise<number> {
  const name = fresh('raw');
  const db = await openDB(name, 1, { upgrade: (d) => void d.createObjectStore('resources', { keyPath: ['resourceType', 'id'] }) });
  const start = performance.now();
  const tx = db.transaction('resources', 'readwrite');
  for (const resource of resources) void tx.store.put(resource);
  await tx.done;
  const ms = performance.now() - start;
  db.close();
  await deleteDB(name);
  return ms;
}

/** IndexedDbStore: the bundles through importBundle and the NDJSON files through importNdjson. */
async function storeImport(bundles: readonly Json[], ndjson: readonly string[]): Promise<number> {
  const name = fresh('store');
  const store = new IndexedDbStore({ name });
  // opened (and its schema created) before the clock starts, as the raw baseline's database is
  await store.search('Patient', { _count: 1 });
  const start = performance.now();
  for (const bundle of bundles) await importBundle(store, bundle);
  for (const text of ndjson) await importNdjson(store, text);
  const ms = performance.now() - start;
  await close(store, name);
  return ms;
}

async function close(store: ChartStore, name: string): Promise<void> {
  (store as { close?: () => void | Promise<void> }).close?.();
  await deleteDB(name);
}

/** Queries timed together per run: performance.now() is coarsened to 0.1 ms in a page, finer than one query. */
const BATCH = 10;

/**
 * The median latency of a patient's active MedicationRequests and of their last 50 Observations
 * (each run times {@link BATCH} queries in a row). It first waits `settleMs`: after a bulk write
 * IndexedDB's LevelDB compacts in the background, which a chart reading later does not meet.
 */
async function queryLatency(store: ChartStore, patient: string, runs: number, settleMs: number) {
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  const medications: number[] = [];
  const observations: number[] = [];
  let counts = { medications: 0, observations: 0 };
  await store.search('Observation', { patient, _sort: '-date', _count: 50 }); // warm-up
  for (let i = 0; i < runs; i++) {
    let start = performance.now();
    let active: unknown[] = [];
    for (let j = 0; j < BATCH; j++) active = await store.search('MedicationRequest', { patient, status: 'active' });
    medications.push((performance.now() - start) / BATCH);
    start = performance.now();
    let latest: unknown[] = [];
    for (let j = 0; j < BATCH; j++) latest = await store.search('Observation', { patient, _sort: '-date', _count: 50 });
    observations.push((performance.now() - start) / BATCH);
    counts = { medications: active.length, observations: latest.length };
  }
  return { medications: median(medications), observations: median(observations), counts };
}

async function run() {
  const bundleTexts = await Promise.all(options.bundles.map(fetchText));
  const bundles = bundleTexts.map((text) => JSON.parse(text) as Json);
  const ndjson = await Promise.all(options.ndjson.map(fetchText));
  const resources: Json[] = [
    ...bundles.flatMap((bundle) => ((bundle['entry'] as { resource: Json }[] | undefined) ?? []).map((entry) => entry.resource)),
    ...ndjson.flatMap((text) => text.split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line) as Json)),
  ];

  // 1. import throughput, alternating which goes first
  const raw: number[] = [];
  const store: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    if (round % 2 === 0) {
      raw.push(await rawImport(resources));
      store.push(await storeImport(bundles, ndjson));
    } else {
      store.push(await storeImport(bundles, ndjson));
      raw.push(await rawImport(resources));
    }
  }

  // 2. query latency with one patient, then with `patients` patients (the same bundles imported
  //    again and again: importBundle gives every urn:uuid resource a fresh id)
  const patientBundles = bundles.filter((bundle) =>
    ((bundle['entry'] as { resource: Json }[] | undefined) ?? []).some((entry) => entry.resource['resourceType'] === 'Patient'),
  );
  const name = fresh('scale');
  const scaled = new IndexedDbStore({ name });
  // the measured patient: the one with the most Observations (Tobie Rempel: 281, and 3 active MedicationRequests)
  const observationsIn = (bundle: Json) => ((bundle['entry'] as { resource: Json }[] | undefined) ?? []).filter((entry) => entry.resource['resourceType'] === 'Observation').length;
  const firstBundle = [...patientBundles].sort((a, b) => observationsIn(b) - observationsIn(a))[0];
  if (!firstBundle) throw new Error('no Synthea bundle with a Patient');
  const first = await importBundle(scaled, firstBundle);
  const patientRef = [...first.idMap.values()].find((ref) => ref.startsWith('Patient/'));
  if (!patientRef) throw new Error('the first bundle imported no Patient');
  const one = await queryLatency(scaled, patientRef, options.queries, options.settleMs);
  let imported = 1;
  const fillStart = performance.now();
  while (imported < options.patients) {
    await importBundle(scaled, patientBundles[imported % patientBundles.length] ?? firstBundle);
    imported++;
  }
  const fillMs = performance.now() - fillStart;
  const many = await queryLatency(scaled, patientRef, options.queries, options.settleMs);
  let patientsFound = 0;
  let cursor: string | undefined;
  do {
    const page = await scaled.search('Patient', { _count: 500, ...(cursor && { _cursor: cursor }) });
    patientsFound += page.length;
    cursor = page.next;
  } while (cursor);
  await close(scaled, name);

  return {
    userAgent: navigator.userAgent,
    resources: resources.length,
    import: { rawMs: raw, storeMs: store },
    scaling: { patients: imported, patientsFound, fillMs, one, many },
  };
}

const target = window as unknown as { __benchResult?: unknown; __benchError?: string };
run().then(
  (result) => (target.__benchResult = result),
  (error: unknown) => (target.__benchError = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error)),
);
