// `npm run bench:store`: IndexedDbStore in headless Chromium. Imports the Synthea test data
// through importBundle/importNdjson and compares it with a raw idb bulk put of the same
// resources in one transaction (same run, alternating); then a patient's active
// MedicationRequests and last 50 Observations with 1 patient in the store and with 1,000.
// Prints Markdown on stdout, progress on stderr; never asserts a timing.
//
//   npm run bench:store -- --rounds 9 --patients 1000 --queries 30 --settle 10000
import { readdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { createServer } from 'node:net';
import { parseArgs } from 'node:util';
import { startDevServer } from '@web/dev-server';
import puppeteer from 'puppeteer-core';
import config from '../../web-dev-server.config.mjs';
import { chromeArgs, findChrome } from '../../scripts/find-chrome.mjs';
import { formatMs, formatNumber, formatRatio, markdownTable, max, median, min, progress } from './report.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '9' },
    patients: { type: 'string', default: '1000' },
    queries: { type: 'string', default: '30' },
    settle: { type: 'string', default: '10000' },
  },
});

const bundles = readdirSync(new URL('../fixtures/synthea/smart-r4-2019/', import.meta.url))
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => `/test/fixtures/synthea/smart-r4-2019/${f}`);
const ndjson = readdirSync(new URL('../fixtures/synthea-bulk-10/', import.meta.url))
  .filter((f) => f.endsWith('.ndjson') && f !== 'log.ndjson')
  .sort()
  .map((f) => `/test/fixtures/synthea-bulk-10/${f}`);

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

interface Result {
  userAgent: string;
  resources: number;
  import: { rawMs: number[]; storeMs: number[] };
  scaling: {
    patients: number;
    patientsFound: number;
    fillMs: number;
    one: { medications: number; observations: number; counts: { medications: number; observations: number } };
    many: { medications: number; observations: number; counts: { medications: number; observations: number } };
  };
}

const port = await freePort();
const server = await startDevServer({
  config: { ...config, port, watch: false, plugins: config.plugins?.filter((p) => p.name !== 'chartwell-portal') },
  readCliArgs: false,
  readFileConfig: false,
  logStartMessage: false,
});
const browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, args: chromeArgs, protocolTimeout: 1_800_000 });
let result: Result;
try {
  const page = await browser.newPage();
  page.on('pageerror', (error) => progress(`page error: ${String(error)}`));
  const options = { bundles, ndjson, rounds: Number(values.rounds), patients: Number(values.patients), queries: Number(values.queries), settleMs: Number(values.settle) };
  progress(`store bench: ${bundles.length} bundles, ${ndjson.length} NDJSON files, ${options.rounds} rounds, ${options.patients} patients`);
  await page.goto(`http://localhost:${port}/test/bench/store/bench.html?options=${encodeURIComponent(JSON.stringify(options))}`);
  const handle = await page.waitForFunction(
    () => {
      const w = window as unknown as { __benchResult?: unknown; __benchError?: string };
      return w.__benchError ? { error: w.__benchError } : w.__benchResult ? { result: w.__benchResult } : undefined;
    },
    { timeout: 1_800_000, polling: 1000 },
  );
  const outcome = (await handle.jsonValue()) as { error?: string; result?: Result };
  if (outcome.error || !outcome.result) throw new Error(`the benchmark failed in the browser: ${outcome.error ?? 'no result'}`);
  result = outcome.result;
} finally {
  await browser.close();
  await server.stop();
}

const { rawMs, storeMs } = result.import;
const rate = (ms: number) => result.resources / (ms / 1000);
const rawRate = median(rawMs.map(rate));
const storeRate = median(storeMs.map(rate));
const { one, many } = result.scaling;

console.log(`# IndexedDbStore in headless Chromium

Machine: ${cpus().length} cores, load average at the end ${loadavg().map((l) => l.toFixed(2)).join(' / ')}. Browser: ${result.userAgent}.

## 1. Import: IndexedDbStore vs raw idb

${result.resources} resources: the ${bundles.length} Synthea bundles (importBundle: validation, urn:uuid and conditional references resolved, one transaction per bundle, history and index rows written) and ${ndjson.length} bulk-export NDJSON files (importNdjson), against a raw idb \`put\` of the same resources into one object store in one transaction. ${rawMs.length} rounds each, alternating which goes first.

${markdownTable(
  ['import', 'median resources/s', 'min', 'max', 'median time'],
  [
    ['raw idb put, one transaction', formatNumber(rawRate), formatNumber(min(rawMs.map(rate))), formatNumber(max(rawMs.map(rate))), formatMs(median(rawMs))],
    ['IndexedDbStore (importBundle + importNdjson)', formatNumber(storeRate), formatNumber(min(storeMs.map(rate))), formatNumber(max(storeMs.map(rate))), formatMs(median(storeMs))],
  ],
  ['left', 'right', 'right', 'right', 'right'],
)}

**IndexedDbStore / raw throughput: ${((100 * storeRate) / rawRate).toFixed(0)} %** (goal: at least 50 %).

## 2. Query scaling

The Synthea patient with the most Observations: their active MedicationRequests (\`patient\`, \`status=active\`) and last 50 Observations (\`patient\`, \`_sort=-date\`, \`_count=50\`), median of ${values.queries} runs of 10 queries each (the page clock is coarsened to 0.1 ms), measured after a ${Number(values.settle) / 1000} s pause (IndexedDB compacts in the background after bulk writes), with that patient alone in the store and then with ${result.scaling.patients} patients (the Synthea patient bundles imported again and again, each time with fresh ids; filling took ${formatMs(result.scaling.fillMs)}; ${result.scaling.patientsFound} Patients found by a search afterwards).

${markdownTable(
  ['query', 'results', '1 patient', `${result.scaling.patients} patients`, 'ratio'],
  [
    ['active MedicationRequests', `${one.counts.medications} / ${many.counts.medications}`, formatMs(one.medications), formatMs(many.medications), formatRatio(many.medications / one.medications)],
    ['last 50 Observations', `${one.counts.observations} / ${many.counts.observations}`, formatMs(one.observations), formatMs(many.observations), formatRatio(many.observations / one.observations)],
  ],
  ['left', 'right', 'right', 'right', 'right'],
)}

Ratio = latency with ${result.scaling.patients} patients ÷ latency with 1 (goal: at most 1.5).`);
