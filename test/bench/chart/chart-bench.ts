// The <cw-patient-chart> render benchmark, run in headless Chromium by test/bench/chart.bench.ts.
// It sets window.__benchResult (or __benchError) for the driver to print. Nothing here asserts a
// timing, and nothing of the (synthetic) patient data leaves the page: only counts and times.
import { MemoryStore, type ChartStore } from '@chartwell/core';
import { IndexedDbStore } from '@chartwell/store-idb';
import type { Observation, Resource } from '@chartwell/fhir';
import { bundleResources, type FixtureBundle } from '../../support/bundle-resources.js';
import '../../../packages/elements/src/define/cw-patient-chart.js';
import { patientChartSections } from '../../../packages/elements/src/components/patient-chart/patient-chart-sections.js';
import type { CwPatientChart } from '../../../packages/elements/src/components/patient-chart/patient-chart.js';
import type { CwElement } from '../../../packages/elements/src/internal/cw-element.js';

interface Options {
  /** The Synthea bundle of the largest fixture patient (test server path). */
  readonly bundle: string;
  /** Observations the synthetic patient has in all. */
  readonly observations: number;
  readonly rounds: number;
  readonly warmup: number;
}

/** One scenario's figures: times in ms from appending the chart to every widget having rendered its data. */
export interface ScenarioResult {
  readonly patient: string;
  readonly store: string;
  readonly resources: number;
  readonly observations: number;
  readonly fillMs: number;
  readonly renderedMs: number[];
  readonly frameMs: number[];
  readonly elements: number;
  readonly nodes: number;
  /** Widgets that ended in a state other than showing data (error, restricted), by tag. */
  readonly failed: string[];
}

export interface ChartBenchResult {
  readonly userAgent: string;
  readonly sections: string[];
  readonly unregistered: string[];
  readonly scenarios: ScenarioResult[];
}

const options = JSON.parse(new URLSearchParams(location.search).get('options') ?? '{}') as Options;

/** Yields to the event loop (a task, not a 4 ms-clamped timer), so store callbacks can run. */
const nextTask = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** Elements and nodes of `root`, open shadow roots included. */
function countNodes(root: Node): { elements: number; nodes: number } {
  let elements = 0;
  let nodes = 0;
  const walk = (node: Node) => {
    nodes += 1;
    if (node instanceof Element) {
      elements += 1;
      if (node.shadowRoot) walk(node.shadowRoot);
    }
    for (const child of node.childNodes) walk(child);
  };
  walk(root);
  return { elements, nodes };
}

/** Registers the section widgets whose define module exists (cw-results and cw-notes once they are built). */
async function registerSections(): Promise<{ sections: string[]; unregistered: string[] }> {
  const sections: string[] = [];
  const unregistered: string[] = [];
  for (const section of patientChartSections) {
    if (!customElements.get(section.tagName)) {
      try {
        await import(/* @vite-ignore */ new URL(`../../../packages/elements/src/define/${section.tagName}.js`, import.meta.url).href);
      } catch {
        // not built yet: the chart is measured without it
      }
    }
    (customElements.get(section.tagName) ? sections : unregistered).push(section.key);
  }
  return { sections, unregistered };
}

/** Tobie's record plus copies of his Observations (fresh ids, dates moved back week by week) up to `total` Observations. */
function withObservations(resources: readonly Resource[], total: number): Resource[] {
  const observations = resources.filter((resource): resource is Observation => resource.resourceType === 'Observation');
  const extra: Resource[] = [];
  const shift = (value: string | undefined, weeks: number) => {
    if (!value) return value;
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? value : new Date(ms - weeks * 7 * 86_400_000).toISOString();
  };
  for (let i = 0; observations.length + extra.length < total; i++) {
    const source = observations[i % observations.length];
    if (!source) break;
    const weeks = 1 + Math.floor(i / observations.length);
    const copy: Observation = { ...source, id: `bench-${i}`, issued: shift(source.issued, weeks) };
    if (source.effectiveDateTime) copy.effectiveDateTime = shift(source.effectiveDateTime, weeks);
    extra.push(copy);
  }
  return [...resources, ...extra];
}

async function filled(kind: 'MemoryStore' | 'IndexedDbStore', resources: readonly Resource[]): Promise<{ store: ChartStore; fillMs: number; dispose: () => Promise<void> }> {
  const name = `chartwell-bench-chart-${crypto.randomUUID()}`;
  const store = kind === 'MemoryStore' ? new MemoryStore() : new IndexedDbStore({ name });
  const start = performance.now();
  await store.transaction(resources.map((resource) => ({ op: 'update' as const, resource })));
  const fillMs = performance.now() - start;
  const dispose = async () => {
    if (store instanceof IndexedDbStore) {
      store.close();
      await new Promise((resolve) => {
        const request = indexedDB.deleteDatabase(name);
        request.onsuccess = request.onerror = request.onblocked = resolve;
      });
    }
  };
  return { store, fillMs, dispose };
}

/** Appends a fresh chart for `patientId` and times it until every widget has rendered its data. */
async function renderOnce(store: ChartStore, patientId: string, sections: string[]) {
  const chart = document.createElement('cw-patient-chart') as CwPatientChart;
  chart.store = store;
  chart.locale = 'en-GB';
  chart.timeZone = 'UTC';
  chart.sections = sections;
  chart.patientId = patientId;
  const start = performance.now();
  document.body.append(chart);
  await chart.updateComplete;
  const root = chart.shadowRoot;
  if (!root) throw new Error('<cw-patient-chart> has no shadow root');
  const widgets = [...root.querySelectorAll<CwElement>('cw-patient-banner, cw-allergy-banner, [part="widget"]')];
  while (!widgets.every((widget) => widget.hasUpdated && !widget.hasCustomState('loading'))) await nextTask();
  await Promise.all(widgets.map((widget) => widget.updateComplete));
  const renderedMs = performance.now() - start;
  await nextFrame();
  const frameMs = performance.now() - start;
  const counts = countNodes(chart);
  const failed = widgets.filter((widget) => widget.hasCustomState('error') || widget.hasCustomState('restricted')).map((widget) => widget.localName);
  chart.remove();
  return { renderedMs, frameMs, ...counts, failed };
}

async function scenario(label: string, kind: 'MemoryStore' | 'IndexedDbStore', resources: readonly Resource[], patientId: string, sections: string[]): Promise<ScenarioResult> {
  const { store, fillMs, dispose } = await filled(kind, resources);
  try {
    const renderedMs: number[] = [];
    const frameMs: number[] = [];
    let last: Awaited<ReturnType<typeof renderOnce>> | undefined;
    for (let round = 0; round < options.warmup + options.rounds; round++) {
      last = await renderOnce(store, patientId, sections);
      if (round >= options.warmup) {
        renderedMs.push(last.renderedMs);
        frameMs.push(last.frameMs);
      }
    }
    return {
      patient: label,
      store: kind,
      resources: resources.length,
      observations: resources.filter((resource) => resource.resourceType === 'Observation').length,
      fillMs,
      renderedMs,
      frameMs,
      elements: last?.elements ?? 0,
      nodes: last?.nodes ?? 0,
      failed: last?.failed ?? [],
    };
  } finally {
    await dispose();
  }
}

async function run(): Promise<ChartBenchResult> {
  const { sections, unregistered } = await registerSections();
  const response = await fetch(options.bundle);
  if (!response.ok) throw new Error(`${options.bundle}: HTTP ${response.status}`);
  const largest = bundleResources((await response.json()) as FixtureBundle);
  const patientId = largest.find((resource) => resource.resourceType === 'Patient')?.id;
  if (!patientId) throw new Error(`${options.bundle} has no Patient`);
  const synthetic = withObservations(largest, options.observations);
  const scenarios: ScenarioResult[] = [];
  for (const kind of ['MemoryStore', 'IndexedDbStore'] as const) {
    scenarios.push(await scenario('largest Synthea fixture patient', kind, largest, patientId, sections));
    scenarios.push(await scenario(`synthetic, ${options.observations.toLocaleString('en-US')} Observations`, kind, synthetic, patientId, sections));
  }
  return { userAgent: navigator.userAgent, sections, unregistered, scenarios };
}

const target = window as unknown as { __benchResult?: ChartBenchResult; __benchError?: string };
run().then(
  (result) => (target.__benchResult = result),
  (error: unknown) => (target.__benchError = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error)),
);
