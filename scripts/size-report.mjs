// `npm run size` (after `npm run build`): what each public entry point costs a host, minified
// and brotli-compressed, with its npm dependencies (lit, zod, idb, sibling packages) left out;
// and the elements' single-file bundle, which has everything in it.
import { readFileSync, existsSync } from 'node:fs';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { rollup } from 'rollup';
import terser from '@rollup/plugin-terser';

const root = fileURLToPath(new URL('..', import.meta.url));
const packages = ['fhir', 'core', 'store-idb', 'store-fhir', 'interop', 'elements'];
const isBareImport = (id) => !id.startsWith('.') && !id.startsWith('/');
const brotli = (code) => brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const kib = (bytes) => `${(bytes / 1024).toFixed(2)} KiB`;

async function minified(file) {
  const bundle = await rollup({ input: file, external: isBareImport, plugins: [terser({ format: { comments: false } })] });
  const { output } = await bundle.generate({ format: 'es' });
  await bundle.close();
  return output.map((chunk) => ('code' in chunk ? chunk.code : '')).join('');
}

const rows = [];
for (const name of packages) {
  const dir = join(root, 'packages', name);
  const { exports } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  for (const [subpath, entry] of Object.entries(exports)) {
    if (typeof entry !== 'object' || !entry.default?.endsWith('.js')) continue;
    const file = join(dir, entry.default);
    if (!existsSync(file)) {
      console.error(`${file} is missing: run \`npm run build\` first.`);
      process.exit(1);
    }
    const code = await minified(file);
    rows.push([`@chartwell/${name}${subpath === '.' ? '' : subpath.slice(1)}`, code.length, brotli(code)]);
  }
}
const bundle = readFileSync(join(root, 'packages/elements/dist/chartwell-elements.bundle.js'), 'utf8');
rows.push(['elements bundle (Lit and SDK inlined)', bundle.length, brotli(bundle)]);
const full = readFileSync(join(root, 'packages/elements/dist/chartwell.bundle.js'), 'utf8');
rows.push(['full bundle (elements, stores, importers)', full.length, brotli(full)]);

const width = Math.max(...rows.map(([label]) => label.length));
console.log(`${'entry point'.padEnd(width)}  ${'minified'.padStart(10)}  ${'brotli'.padStart(10)}`);
for (const [label, size, compressed] of rows) {
  console.log(`${label.padEnd(width)}  ${kib(size).padStart(10)}  ${kib(compressed).padStart(10)}`);
}
console.log(`(gzip of the bundle, for comparison: ${kib(gzipSync(bundle, { level: 9 }).length)})`);
