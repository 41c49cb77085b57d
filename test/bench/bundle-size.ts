// Bundle size of a host build: an entry file bundled with everything it imports (zod included),
// minified, then gzip -9 and brotli (quality 11). Built twice, by esbuild's `build` (the number
// reported) and by rollup + esbuild's `transform` + terser (the cross-check), so a tree-shaking
// problem of one bundler shows as a gap between the two.
import { build, transform, type Metafile } from 'esbuild';
import { rollup, type Plugin, type RollupLog } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terserPlugin from '@rollup/plugin-terser';
import { existsSync, writeFileSync } from 'node:fs';
import { need } from './report.js';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

// The plugin's types are a CommonJS .d.ts, so under NodeNext TypeScript sees the default import as
// the module object; at run time Node loads its ESM build, whose default export is the function.
const terser = terserPlugin as unknown as (typeof terserPlugin)['default'];

export interface Sizes {
  minified: number;
  gzip: number;
  brotli: number;
}

export function sizes(code: string): Sizes {
  const bytes = Buffer.from(code);
  return {
    minified: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
}

export interface Built {
  code: string;
  sizes: Sizes;
  /** Bytes in the output per input file (relative to the repo root), largest first; esbuild only. */
  inputs?: [string, number][];
}

/** esbuild: bundle, minify, ESM, the @chartwell/source condition (so src/*.ts), tree-shaking on. */
export async function buildWithEsbuild(entry: string): Promise<Built> {
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: root,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['@chartwell/source'],
    treeShaking: true,
    legalComments: 'none',
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const code = need(result.outputFiles[0], `esbuild output for ${entry}`).text;
  const output = need(Object.values((result.metafile as Metafile).outputs)[0], `esbuild metafile for ${entry}`);
  const inputs = Object.entries(output.inputs)
    .map(([file, { bytesInOutput }]) => [file, bytesInOutput] as [string, number])
    .filter(([, bytes]) => bytes > 0)
    .sort((a, b) => b[1] - a[1]);
  return { code, sizes: sizes(code), inputs };
}

/** TypeScript sources import each other as `./x.js`: point those at `./x.ts` when that is the file. */
function typescriptSources(): Plugin {
  return {
    name: 'bench-typescript-sources',
    resolveId(source, importer) {
      if (!importer || !importer.endsWith('.ts') || !source.startsWith('.') || !source.endsWith('.js')) return null;
      const candidate = resolve(dirname(importer), `${source.slice(0, -3)}.ts`);
      return existsSync(candidate) ? candidate : null;
    },
    async transform(code, id) {
      if (!id.endsWith('.ts')) return null;
      const result = await transform(code, { loader: 'ts', format: 'esm', target: 'es2022', sourcefile: id, tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false, verbatimModuleSyntax: true } } });
      return { code: result.code, map: null };
    },
  };
}

/** rollup + @rollup/plugin-node-resolve (the @chartwell/source condition) + esbuild transform + terser. */
export async function buildWithRollup(entry: string): Promise<Built> {
  const bundle = await rollup({
    input: resolve(root, entry),
    plugins: [
      typescriptSources(),
      nodeResolve({ exportConditions: ['@chartwell/source'], browser: true, extensions: ['.mjs', '.js', '.ts', '.json'] }),
    ],
    // zod ships annotations rollup cannot place, and has a harmless internal import cycle
    onwarn(warning: RollupLog, warn: (warning: RollupLog) => void) {
      if (warning.code === 'INVALID_ANNOTATION' || warning.code === 'CIRCULAR_DEPENDENCY') return;
      warn(warning);
    },
  });
  const { output } = await bundle.generate({ format: 'es', plugins: [terser({ format: { comments: false }, ecma: 2020, module: true })] });
  await bundle.close();
  const chunks = output.filter((chunk) => chunk.type === 'chunk');
  if (chunks.length !== 1) throw new Error(`rollup made ${chunks.length} chunks for ${entry}`);
  const code = need(chunks[0], `rollup output for ${entry}`).code;
  return { code, sizes: sizes(code) };
}

/** Writes `code` to `dir/name.mjs` and imports it: proof the bundle runs by itself. */
export async function importBuilt(dir: string, name: string, code: string): Promise<{ file: string; module: Record<string, unknown> }> {
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, code);
  return { file, module: (await import(file)) as Record<string, unknown> };
}

/** `packages/fhir/src/x.ts` for a metafile input; bare for the rest. */
export function shortInput(file: string): string {
  return relative(root, resolve(root, file)).replace(/^node_modules\//, '');
}
