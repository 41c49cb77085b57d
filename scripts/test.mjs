// `npm test`: runs the Node tests (node:test, through tsx) and the browser tests (@web/test-runner
// in headless Chromium), then prints one closing line, `N passed, N failed`, over both.
//   npm test -- --coverage   also writes coverage/{node,browser}/lcov.info and prints line
//                            coverage per package.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChrome } from './find-chrome.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const coverage = process.argv.includes('--coverage');

/** Test files that run in Node: the packages with no DOM, and the end-to-end checks in test/node. */
const nodeTestRoots = ['packages/fhir/src', 'packages/core/src', 'packages/store-fhir/src', 'packages/interop/src', 'test/node'];

function findTests(dir) {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.test.ts'))
    .map((entry) => relative(root, join(entry.parentPath ?? entry.path, entry.name)))
    .sort();
}

/** Runs a command with inherited stdin/stderr, echoing stdout and returning it with the exit code. */
function run(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

const bin = (name) => join(root, 'node_modules', '.bin', name);

async function nodeTests() {
  const files = nodeTestRoots.flatMap(findTests);
  if (files.length === 0) return { passed: 0, failed: 1, skipped: 0, note: 'no Node test files found' };
  const nodeArgs = ['--conditions=@chartwell/source', '--import', 'tsx', '--test', '--test-reporter=spec', ...files];
  const { code, output } = coverage
    ? await run(bin('c8'), ['--reporter=lcovonly', '--report-dir=coverage/node', '--include=packages/*/src/**', '--exclude=**/*.test.ts', 'node', ...nodeArgs])
    : await run('node', nodeArgs);
  const number = (label) => Number(new RegExp(`^ℹ ${label} (\\d+)$`, 'm').exec(output)?.[1] ?? 0);
  const counts = { passed: number('pass'), failed: number('fail') + number('cancelled'), skipped: number('skipped') + number('todo') };
  // a crash before any test reported still has to fail the run
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  return counts;
}

async function browserTests() {
  const summary = join(mkdtempSync(join(tmpdir(), 'cw-wtr-')), 'summary.json');
  const args = ['--config', 'web-test-runner.config.mjs', ...(coverage ? ['--coverage'] : [])];
  const { code } = await run(bin('wtr'), args, { CW_WTR_SUMMARY: summary });
  const counts = existsSync(summary) ? JSON.parse(readFileSync(summary, 'utf8')) : { passed: 0, failed: 0, skipped: 0 };
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  return counts;
}

/** Line coverage per package, merging the Node and browser runs line by line. */
function coverageByPackage() {
  const lines = new Map(); // file -> Map(line -> covered)
  for (const report of ['coverage/node/lcov.info', 'coverage/browser/lcov.info']) {
    const path = join(root, report);
    if (!existsSync(path)) continue;
    let file;
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      if (line.startsWith('SF:')) {
        file = relative(root, line.slice(3).replace(/^\/?(?=[A-Za-z]:)/, '')).split(sep).join('/');
        if (!lines.has(file)) lines.set(file, new Map());
      } else if (line.startsWith('DA:') && file) {
        const [number, hits] = line.slice(3).split(',');
        const seen = lines.get(file);
        seen.set(number, seen.get(number) === true || Number(hits) > 0);
      }
    }
  }
  const packages = new Map();
  for (const [file, seen] of lines) {
    const name = /^packages\/([^/]+)\/src\//.exec(file)?.[1];
    if (!name) continue;
    const total = packages.get(name) ?? { found: 0, hit: 0 };
    total.found += seen.size;
    total.hit += [...seen.values()].filter(Boolean).length;
    packages.set(name, total);
  }
  return packages;
}

try {
  findChrome();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
if (coverage) rmSync(join(root, 'coverage'), { recursive: true, force: true });

console.log('Node tests\n');
const inNode = await nodeTests();
console.log('\nBrowser tests (headless Chromium)\n');
const inBrowser = await browserTests();

if (coverage) {
  console.log('\nLine coverage per package (Node and browser runs merged)');
  for (const [name, { found, hit }] of [...coverageByPackage()].sort()) {
    console.log(`  @chartwell/${name.padEnd(12)} ${((100 * hit) / (found || 1)).toFixed(1).padStart(5)} %  (${hit}/${found} lines)`);
  }
}

const passed = inNode.passed + inBrowser.passed;
const failed = inNode.failed + inBrowser.failed;
const skipped = inNode.skipped + inBrowser.skipped;
console.log(`\nNode: ${inNode.passed} passed, ${inNode.failed} failed; browser: ${inBrowser.passed} passed, ${inBrowser.failed} failed`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed > 0 ? 1 : 0;
