// Section 2 of `npm run bench:chart`: what each element costs a host that bundles it with Lit and
// the SDK code it uses (nothing external), minified by esbuild, then gzip -9 and brotli 11; and the
// whole set of elements together, against the goal of 60 kB gzip for the chart widgets and Lit.
import { build, type Metafile } from 'esbuild';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sizes, type Sizes } from './bundle-size.js';
import { need } from './report.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const defineDir = 'packages/elements/src/define';

/** One bundle: its size and the bytes of its output that came from each library. */
export interface ElementBundle {
  readonly label: string;
  /** What a page loads up front: the entry chunk and every chunk it imports statically (gzip and brotli summed per chunk). */
  readonly sizes: Sizes;
  /** What loads only on demand, through `import()`: the Spanish text, DOMPurify for a chart with HTML notes, the virtualiser for a long results list. */
  readonly onDemand: Sizes;
  /** Output bytes by origin: `lit` (lit, lit-html, lit-element, @lit/*), `elements`, `core`, `fhir`, `other`. */
  readonly origins: Readonly<Record<string, number>>;
}

/** The origin of an input file of esbuild's metafile. */
function originOf(file: string): string {
  if (/node_modules\/(lit|lit-html|lit-element|@lit|@lit-labs)\//.test(file)) return 'lit';
  if (file.startsWith('packages/elements/')) return 'elements';
  if (file.startsWith('packages/core/')) return 'core';
  if (file.startsWith('packages/fhir/')) return 'fhir';
  if (file.includes('node_modules/zod/')) return 'zod';
  return 'other';
}

/** `contents` (an entry module's source, run from the repo root) bundled for the browser, minified. */
async function bundle(label: string, contents: string): Promise<ElementBundle> {
  const result = await build({
    stdin: { contents, resolveDir: root, sourcefile: `${label}.entry.ts`, loader: 'ts' },
    absWorkingDir: root,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    // workspace packages from their sources; Lit's production build (no "development" condition)
    conditions: ['@chartwell/source'],
    treeShaking: true,
    legalComments: 'none',
    metafile: true,
    // code that is only ever import()ed goes into chunks of its own, as a host's bundler splits it
    splitting: true,
    outdir: 'chart-size-out',
    write: false,
    logLevel: 'silent',
  });
  const outputs = (result.metafile as Metafile).outputs;
  const entry = need(
    Object.keys(outputs).find((file) => outputs[file]?.entryPoint !== undefined),
    `esbuild entry chunk for ${label}`,
  );
  // the chunks loaded up front: the entry and, transitively, what it imports statically
  const upFront = new Set<string>();
  const visit = (file: string) => {
    if (upFront.has(file)) return;
    upFront.add(file);
    for (const imported of outputs[file]?.imports ?? []) if (imported.kind === 'import-statement' && outputs[imported.path]) visit(imported.path);
  };
  visit(entry);
  const origins: Record<string, number> = {};
  const total = (files: readonly string[]): Sizes => {
    const each = files.map((file) => sizes(need(result.outputFiles.find((out) => out.path.endsWith(file)), `esbuild output ${file}`).text));
    return { minified: each.reduce((sum, size) => sum + size.minified, 0), gzip: each.reduce((sum, size) => sum + size.gzip, 0), brotli: each.reduce((sum, size) => sum + size.brotli, 0) };
  };
  for (const file of upFront) {
    for (const [input, { bytesInOutput }] of Object.entries(outputs[file]?.inputs ?? {})) {
      const origin = originOf(input);
      origins[origin] = (origins[origin] ?? 0) + bytesInOutput;
    }
  }
  const lazy = Object.keys(outputs).filter((file) => !upFront.has(file) && file.endsWith('.js'));
  return { label, sizes: total([...upFront]), onDemand: total(lazy), origins };
}

/** Every define module of the elements (`cw-<name>.ts`), by tag, sorted. */
export function definedElements(): string[] {
  return readdirSync(`${root}${defineDir}`)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .map((file) => file.slice(0, -'.ts'.length))
    .sort();
}

/**
 * The elements that are not chart widgets: the practice-operations ones (scheduler and billing,
 * issue #7), the clinic's patient directory (the patient list, issue #10), the reconciliation of
 * incoming records (issue #9) and the access log (issue #11). Measured, but not part of the chart
 * widgets' goal (issue #6).
 */
export const PRACTICE_ELEMENTS: readonly string[] = ['cw-billing-summary', 'cw-scheduler', 'cw-patient-list', 'cw-reconcile', 'cw-audit-log'];

/** Lit alone, each element's define module, the chart widgets together, and all of them together. */
export async function elementBundles(): Promise<{ lit: ElementBundle; elements: ElementBundle[]; chart: ElementBundle; all: ElementBundle }> {
  const tags = definedElements();
  const entry = (list: readonly string[]) => list.map((tag) => `import './${defineDir}/${tag}.js';`).join('\n');
  const lit = await bundle('lit', `export { LitElement, html, css, svg, nothing } from 'lit';`);
  const elements: ElementBundle[] = [];
  for (const tag of tags) elements.push(await bundle(`<${tag}>`, entry([tag])));
  const chartTags = tags.filter((tag) => !PRACTICE_ELEMENTS.includes(tag));
  const chart = await bundle(`the ${chartTags.length} chart widgets`, entry(chartTags));
  const all = await bundle(`all ${tags.length} elements`, entry(tags));
  return { lit, elements, chart, all };
}
