// @ts-check
// Dev-server plugin: the CommonJS-only dependencies of the SDK's own packages, served as ES
// modules. A bundler (Vite, webpack, esbuild, Rollup with its CommonJS plugin) converts them for
// a host; the unbundled dev server and test runner cannot import CommonJS, so this does what the
// bundler would: each is bundled once by esbuild into one ES module, with its exports by name.
//  - @xmldom/xmldom (the C-CDA importer's XML parser, a dependency of @chartwell/interop).
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const rootDir = fileURLToPath(new URL('..', import.meta.url));
const prefix = '/__cjs/';
/** Each dependency, with the package whose node_modules it is resolved from (the one that depends on it). */
const dependencies = { '@xmldom/xmldom': 'packages/interop' };

/** @type {Map<string, Promise<string>>} */
const bundles = new Map();

/**
 * The dependency as one ES module: module.exports as default, each export by name.
 * @param {string} specifier
 */
function bundle(specifier) {
  const cached = bundles.get(specifier);
  if (cached) return cached;
  const from = path.join(rootDir, dependencies[/** @type {keyof typeof dependencies} */ (specifier)], 'package.json');
  const names = Object.keys(createRequire(from)(specifier)).filter((name) => name !== 'default' && /^[A-Za-z_$][\w$]*$/.test(name));
  const made = build({
    stdin: { contents: `import * as cjs from ${JSON.stringify(specifier)};\nexport default cjs.default;\nexport const { ${names.join(', ')} } = cjs;\n`, resolveDir: path.dirname(from), loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0]?.text ?? '');
  bundles.set(specifier, made);
  return made;
}

/** @returns {import('@web/dev-server-core').Plugin} */
export function commonJsDependenciesPlugin() {
  return {
    name: 'chartwell-commonjs-dependencies',
    async serve(context) {
      if (!context.path.startsWith(prefix)) return undefined;
      const specifier = decodeURIComponent(context.path.slice(prefix.length, -'.js'.length));
      if (!(specifier in dependencies)) return undefined;
      return { body: await bundle(specifier), type: 'js' };
    },
    resolveImport({ source }) {
      return source in dependencies ? `${prefix}${encodeURIComponent(source)}.js` : undefined;
    },
  };
}
