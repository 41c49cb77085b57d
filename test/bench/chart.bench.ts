// `npm run bench:chart`: <cw-patient-chart> in headless Chromium, the time from "the data is in
// the store" to "every widget of the chart has rendered its data", for the largest Synthea fixture
// patient and for a synthetic patient with 10,000 Observations, over a MemoryStore and an
// IndexedDbStore; then the gzip size of each element bundled with Lit, and of all of them.
// Prints Markdown on stdout, progress on stderr; never asserts a timing.
//
//   npm run bench:chart -- --rounds 15 --warmup 3 --observations 10000 --only render,size
import { readdirSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { createServer } from 'node:net';
import { parseArgs } from 'node:util';
import { startDevServer } from '@web/dev-server';
import puppeteer from 'puppeteer-core';
import config from '../../web-dev-server.config.mjs';
import { chromeArgs, findChrome } from '../../scripts/find-chrome.mjs';
import { formatMs, formatNumber, markdownTable, max, median, min, progress } from './report.js';
import { PRACTICE_ELEMENTS, elementBundles, type ElementBundle } from './chart-size.js';
import type { ChartBenchResult } from './chart/chart-bench.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '3' },
    observations: { type: 'string', default: '10000' },
    only: { type: 'string', default: 'render,size' },
  },
});
const only = new Set(values.only.split(','));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, 'localhost', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The Synthea fixture bundle with the most resources: the "largest fixture patient". */
function largestBundle(): { path: string; name: string } {
  const dir = new URL('../fixtures/synthea/smart-r4-2019/', import.meta.url);
  const files = readdirSync(dir).filter((file) => file.endsWith('.json'));
  const largest = files.sort((a, b) => statSync(new URL(b, dir)).size - statSync(new URL(a, dir)).size)[0];
  if (!largest) throw new Error('no Synthea bundle in test/fixtures/synthea/smart-r4-2019/');
  return { path: `/test/fixtures/synthea/smart-r4-2019/${largest}`, name: largest };
}

let litDevMode = false;

async function renderBench(): Promise<ChartBenchResult> {
  const port = await freePort();
  const server = await startDevServer({
    config: {
      ...config,
      port,
      watch: false,
      // Lit's production build, as a host ships it (the dev server otherwise serves its development build)
      nodeResolve: { exportConditions: ['@chartwell/source'] },
      plugins: config.plugins?.filter((plugin) => plugin.name !== 'chartwell-portal'),
    },
    readCliArgs: false,
    readFileConfig: false,
    logStartMessage: false,
  });
  const browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, args: chromeArgs, protocolTimeout: 1_800_000 });
  try {
    const page = await browser.newPage();
    page.on('pageerror', (error) => progress(`page error: ${String(error)}`));
    // Lit's development build announces itself: the figures would not be a host's
    page.on('console', (message) => {
      if (message.text().includes('Lit is in dev mode')) litDevMode = true;
    });
    const options = { bundle: largestBundle().path, observations: Number(values.observations), rounds: Number(values.rounds), warmup: Number(values.warmup) };
    progress(`chart bench: ${options.bundle}, ${options.observations} Observations, ${options.warmup} warm-up + ${options.rounds} rounds per row`);
    await page.goto(`http://localhost:${port}/test/bench/chart/bench.html?options=${encodeURIComponent(JSON.stringify(options))}`);
    const handle = await page.waitForFunction(
      () => {
        const w = window as unknown as { __benchResult?: unknown; __benchError?: string };
        return w.__benchError ? { error: w.__benchError } : w.__benchResult ? { result: w.__benchResult } : undefined;
      },
      { timeout: 1_800_000, polling: 1000 },
    );
    const outcome = (await handle.jsonValue()) as { error?: string; result?: ChartBenchResult };
    if (outcome.error || !outcome.result) throw new Error(`the benchmark failed in the browser: ${outcome.error ?? 'no result'}`);
    return outcome.result;
  } finally {
    await browser.close();
    await server.stop();
  }
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

function renderReport(result: ChartBenchResult): string {
  const rows = result.scenarios.map((s) => [
    s.patient,
    s.store,
    formatNumber(s.observations),
    formatMs(median(s.renderedMs)),
    `${formatMs(min(s.renderedMs))} – ${formatMs(max(s.renderedMs))}`,
    formatMs(median(s.frameMs)),
    formatNumber(s.elements),
    formatNumber(s.nodes),
    s.failed.length === 0 ? 'none' : s.failed.join(', '),
  ]);
  const fills = result.scenarios.map((s) => `${s.patient} into ${s.store}: ${formatNumber(s.resources)} resources in ${formatMs(s.fillMs)}`).join('; ');
  return `## 1. Time to first complete render of \`<cw-patient-chart>\`

Browser: ${result.userAgent}. The largest Synthea fixture patient is ${largestBundle().name.replace(/_[0-9a-f-]+\.json$/, '')} (the bundle with the most resources); the synthetic patient is that record plus copies of its Observations (fresh ids, dates moved back a week per copy) up to ${formatNumber(Number(values.observations))}.
Sections measured: **${result.sections.join(', ')}**${result.unregistered.length > 0 ? ` (not registered in this build, so not measured: ${result.unregistered.join(', ')})` : ''}, with the patient banner and the allergy banner.

Each round appends a new \`<cw-patient-chart>\` (its \`.store\` set, the data already written) and stops the clock when every widget has updated and left \`:state(loading)\` and its \`updateComplete\` has resolved (*rendered*), then after the next animation frame (*+ frame*). Per row: ${values.warmup} untimed warm-up round(s), then ${values.rounds} timed ones; median and range. Nodes are counted in the chart and every shadow root in it. ${litDevMode ? '**Lit ran its development build: these times are not a host\'s.**' : "Lit's production build."} Goal: ≤ 100 ms.

${markdownTable(
  ['patient', 'store', 'Observations', 'rendered (median)', 'range', '+ frame (median)', 'elements', 'nodes', 'widgets failed'],
  rows,
  ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
)}

Filling the stores (one \`transaction\`, not timed as part of the render): ${fills}.`;
}

function sizeReport({ lit, elements, chart, all }: { lit: ElementBundle; elements: ElementBundle[]; chart: ElementBundle; all: ElementBundle }): string {
  const row = (b: ElementBundle) => [b.label, kb(b.sizes.minified), kb(b.sizes.gzip), kb(b.sizes.brotli), kb(b.origins['lit'] ?? 0), kb((b.origins['core'] ?? 0) + (b.origins['fhir'] ?? 0)), kb(b.origins['elements'] ?? 0), kb((b.origins['other'] ?? 0) + (b.origins['zod'] ?? 0)), b.onDemand.gzip > 0 ? kb(b.onDemand.gzip) : '–'];
  const goal = 60_000;
  return `## 2. Bundle size of each element, Lit included

Each \`@chartwell/elements/define/cw-<name>.js\` module bundled on its own by esbuild with everything it imports (Lit's production build, \`@lit/*\`, the SDK views it calls), minified, split as a host's bundler splits it: what the page loads up front, and, apart, the chunks loaded only on demand through \`import()\` (the Spanish text, when the text language is Spanish; DOMPurify, when a chart holds HTML notes; \`@lit-labs/virtualizer\`, when a results list has more than 100 rows). Sizes are gzip -9 and brotli 11 of each chunk, summed. The origin columns split the up-front minified output (*SDK*: @chartwell/core and @chartwell/fhir; *other*: every other dependency). 1 kB = 1,000 bytes. The chart widgets are every element but the practice-operations ones, the patient directory, the reconciliation and the access log (${PRACTICE_ELEMENTS.join(', ')}).

${markdownTable(
  ['bundle', 'minified', 'gzip', 'brotli', 'Lit', 'SDK', 'elements', 'other', 'on demand (gzip)'],
  [row(lit), ...elements.map(row), row(chart), row(all)],
  ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
)}

**The chart widgets + Lit, loaded up front: ${kb(chart.sizes.gzip)} gzip** (goal: ≤ ${kb(goal)}: ${chart.sizes.gzip <= goal ? 'met' : 'not met'}); on demand ${kb(chart.onDemand.gzip)}. All elements + Lit: ${kb(all.sizes.gzip)} up front, ${kb(all.onDemand.gzip)} on demand.`;
}

const sections: string[] = [];
if (only.has('render')) sections.push(renderReport(await renderBench()));
if (only.has('size')) {
  progress('bundling each element with esbuild');
  sections.push(sizeReport(await elementBundles()));
}
console.log(`# \`<cw-patient-chart>\`: render time and bundle sizes

Machine: ${cpus().length} cores, load average at the end ${loadavg().map((l) => l.toFixed(2)).join(' / ')}.

${sections.join('\n\n')}`);
