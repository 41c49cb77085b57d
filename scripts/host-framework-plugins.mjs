// @ts-check
// Dev-server plugins for the React and Vue host examples (examples/react/, examples/vue/), shared
// by web-dev-server.config.mjs and web-test-runner.config.mjs. The SDK and the elements need none
// of them: they only teach the dev server what a framework host brings along.
//  - .tsx: compiled by esbuild with the automatic JSX runtime (`jsx: react-jsx` of
//    tsconfig.test.json, which type-checks the examples), and `./x.js` imports resolved to x.tsx
//    as tsc resolves them.
//  - React ships CommonJS only, which a browser cannot import. Its entry points (react,
//    react/jsx-runtime, react-dom/client …) are bundled once by esbuild into ES modules that share
//    one copy of React (code splitting), with `process.env.NODE_ENV` set to "development", as a
//    bundler does for a development build, and served from /__react/.
//  - Vue: the bare `vue` import is served as Vue's full browser build (vue.esm-browser.js, which
//    carries the template compiler), so the Vue example compiles its templates at run time with
//    no build step. Its types still come from `vue` for tsc.
import { execFileSync } from 'node:child_process';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { esbuildPlugin } from '@web/dev-server-esbuild';

const rootDir = fileURLToPath(new URL('..', import.meta.url));

/** The React entry points a host imports, by the file each is served as under /__react/. */
const reactEntries = {
  react: 'react',
  'react-dom': 'react-dom',
  'react-dom-client': 'react-dom/client',
  'react-jsx-runtime': 'react/jsx-runtime',
  'react-jsx-dev-runtime': 'react/jsx-dev-runtime',
};
const reactPrefix = '/__react/';
const reactFileOf = new Map(Object.entries(reactEntries).map(([file, specifier]) => [specifier, `${reactPrefix}${file}.js`]));

/**
 * The names each React entry point exports, read by loading them in a child Node process (loading
 * React here would run it inside the test runner, whose console it trips over).
 * @returns {Record<string, string[]>}
 */
function reactExportNames() {
  const script = `const r = require('node:module').createRequire(process.argv[1] + '/'); console.log(JSON.stringify(Object.fromEntries(process.argv.slice(2).map((s) => [s, Object.keys(r(s))]))))`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script, rootDir, ...Object.values(reactEntries)], { cwd: rootDir, encoding: 'utf8' }));
}

/**
 * An ES module re-exporting CommonJS `specifier`: its module.exports as default, and each export by name.
 * @param {string} specifier
 * @param {Record<string, string[]>} exportNames
 */
function esmEntry(specifier, exportNames) {
  const names = (exportNames[specifier] ?? []).filter((/** @type {string} */ name) => name !== 'default' && /^[A-Za-z_$][\w$]*$/.test(name));
  return `import * as cjs from ${JSON.stringify(specifier)};\nexport default cjs.default;\nexport const { ${names.join(', ')} } = cjs;\n`;
}

/** @type {Promise<Map<string, string>> | undefined} */
let reactBundle;

/** The React ES modules by served path, bundled on first request. */
function bundleReact() {
  if (reactBundle) return reactBundle;
  const exportNames = reactExportNames();
  reactBundle = build({
    entryPoints: Object.fromEntries(Object.entries(reactEntries).map(([file, specifier]) => [file, `react-entry:${specifier}`])),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    outdir: path.join(rootDir, '__react'),
    define: { 'process.env.NODE_ENV': '"development"' },
    logLevel: 'silent',
    plugins: [
      {
        name: 'react-entries',
        setup(builder) {
          builder.onResolve({ filter: /^react-entry:/ }, (args) => ({ path: args.path.slice('react-entry:'.length), namespace: 'react-entry' }));
          builder.onLoad({ filter: /.*/, namespace: 'react-entry' }, (args) => ({ contents: esmEntry(args.path, exportNames), resolveDir: rootDir, loader: 'js' }));
        },
      },
    ],
  }).then((result) => new Map(result.outputFiles.map((file) => [`${reactPrefix}${path.basename(file.path)}`, file.text])));
  return reactBundle;
}

/**
 * Whether a file exists.
 * @param {string} file
 */
async function exists(file) {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

/** @returns {import('@web/dev-server-core').Plugin[]} */
export function hostFrameworkPlugins() {
  return [
    // .tsx only: the .ts files keep the root tsconfig's esbuild plugin (decorators as tsc builds them)
    esbuildPlugin({ tsx: true, tsconfig: fileURLToPath(new URL('../tsconfig.test.json', import.meta.url)) }),
    {
      name: 'chartwell-host-frameworks',
      async serve(context) {
        if (!context.path.startsWith(reactPrefix)) return undefined;
        const body = (await bundleReact()).get(context.path);
        return body === undefined ? undefined : { body, type: 'js' };
      },
      async resolveImport({ source, context }) {
        if (source === 'vue') return '/node_modules/vue/dist/vue.esm-browser.js';
        const reactFile = reactFileOf.get(source);
        if (reactFile) return reactFile;
        // a relative `./x.js` import that names a .tsx file, from a .ts or .tsx file
        if (!source.startsWith('.') || !source.endsWith('.js') || !/\.tsx?$/.test(context.path)) return undefined;
        const importer = path.join(rootDir, decodeURIComponent(context.path));
        const base = path.join(path.dirname(importer), source.slice(0, -'.js'.length));
        if ((await exists(`${base}.ts`)) || (await exists(`${base}.js`)) || !(await exists(`${base}.tsx`))) return undefined;
        return `${source.slice(0, -'.js'.length)}.tsx`;
      },
    },
  ];
}
