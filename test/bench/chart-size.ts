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
  readonly sizes: Sizes;
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
    write: false,
    logLevel: 'silent',
  });
  const code = need(result.outputFiles[0], `esbuild output for ${label}`).text;
  const output = need(Object.values((result.metafile as Metafile).outputs)[0], `esbuild metafile for ${label}`);
  const origins: Record<string, number> = {};
  for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) {
    const origin = originOf(file);
    origins[origin] = (origins[origin] ?? 0) + bytesInOutput;
  }
  return { label, sizes: sizes(code), origins };
}

/** Every define module of the elements (`cw-<name>.ts`), by tag, sorted. */
export function definedElements(): string[] {
  return readdirSync(`${root}${defineDir}`)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .map((file) => file.slice(0, -'.ts'.length))
    .sort();
}

/** Lit alone, each element's define module, and all of them together. */
export async function elementBundles(): Promise<{ lit: ElementBundle; elements: ElementBundle[]; all: ElementBundle }> {
  const tags = definedElements();
  const lit = await bundle('lit', `export { LitElement, html, css, svg, nothing } from 'lit';`);
  const elements: ElementBundle[] = [];
  for (const tag of tags) elements.push(await bundle(`<${tag}>`, `import './${defineDir}/${tag}.js';`));
  const all = await bundle(`all ${tags.length} elements`, tags.map((tag) => `import './${defineDir}/${tag}.js';`).join('\n'));
  return { lit, elements, all };
}
