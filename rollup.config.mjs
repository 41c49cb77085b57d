// Builds every workspace package to packages/<name>/dist as ESM, one module per source file
// (so the .d.ts files that `tsc -b` writes sit beside their .js), with every bare import
// (lit, zod, idb, sibling @chartwell packages) left external. Then one self-contained,
// minified bundle of the elements for script-tag hosts.
//
// `tsc -b` owns type-checking and the .d.ts files; rollup only transpiles (noCheck). Run it
// through `npm run build`, which type-checks first.
import { readFileSync } from 'node:fs';
import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

const packages = ['fhir', 'core', 'store-idb', 'store-fhir', 'interop', 'elements'];

const transpile = (dir) =>
  typescript({
    tsconfig: `${dir}/tsconfig.json`,
    // undo the settings that only `tsc -b` needs
    composite: false,
    incremental: false,
    declaration: false,
    declarationMap: false,
    emitDeclarationOnly: false,
    noCheck: true,
    module: 'ESNext', // transpile only: resolution was checked by tsc -b
    moduleResolution: 'Bundler',
    sourceMap: true,
    outDir: `${dir}/dist`,
  });

// zod ships annotations rollup cannot place, and has a harmless internal import cycle
const onwarn = (warning, warn) => {
  if (warning.code === 'INVALID_ANNOTATION' || warning.code === 'CIRCULAR_DEPENDENCY') return;
  warn(warning);
};

/** The source file of each public entry point, from the package's exports map. */
function entryPoints(dir) {
  const { exports } = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8'));
  return Object.values(exports)
    .map((entry) => (typeof entry === 'object' ? entry['@chartwell/source'] : undefined))
    .filter(Boolean)
    .map((source) => `${dir}/${source.replace(/^\.\//, '')}`);
}

const isBareImport = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');

// @chartwell/fhir is built as one module per entry point: its 150 generated modules, loaded one
// by one, cost Node about 100 ms more to import. Bundlers still tree-shake it (every schema is
// a pure expression), so a build that validates only Patient keeps only what Patient needs.
const singleModule = new Set(['fhir']);

const libraries = packages.map((name) => {
  const dir = `packages/${name}`;
  return {
    input: entryPoints(dir),
    output: {
      dir: `${dir}/dist`,
      format: 'es',
      sourcemap: true,
      ...(singleModule.has(name) ? {} : { preserveModules: true, preserveModulesRoot: `${dir}/src` }),
    },
    external: isBareImport,
    plugins: [transpile(dir)],
    onwarn,
  };
});

const elementsBundle = {
  input: 'packages/elements/src/bundle.ts',
  output: { file: 'packages/elements/dist/chartwell-elements.bundle.js', format: 'es', sourcemap: true, inlineDynamicImports: true },
  // sibling packages resolve to the dist/ files built above; Lit's production build
  plugins: [
    nodeResolve({ exportConditions: ['production'] }),
    transpile('packages/elements'),
    terser({ format: { comments: false } }),
  ],
  onwarn,
};

/** The same, with the stores and the importers: for a page with no build step that keeps its chart itself. */
const fullBundle = {
  ...elementsBundle,
  input: 'packages/elements/src/bundle-with-stores.ts',
  output: { ...elementsBundle.output, file: 'packages/elements/dist/chartwell.bundle.js' },
};

export default [...libraries, elementsBundle, fullBundle];
