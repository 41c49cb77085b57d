// @ts-check
// A dev-server plugin for the CommonJS-only packages the SDK depends on (today @xmldom/xmldom, the
// C-CDA importer's XML parser), shared by web-dev-server.config.mjs and web-test-runner.config.mjs.
// A browser cannot import CommonJS, so each is bundled once by esbuild into an ES module with
// named exports and served from /__cjs/. A host's bundler (Vite, webpack, Rollup with its
// CommonJS plugin, esbuild) does the same on its own; this only serves the workspace's sources
// unbundled, as `npm start` and the browser tests do.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const rootDir = fileURLToPath(new URL('..', import.meta.url));
const prefix = '/__cjs/';

/** Each CommonJS package, by the workspace package whose dependency it is (where it resolves from). */
const PACKAGES = { '@xmldom/xmldom': 'packages/interop' };

/** @type {Map<string, Promise<string>>} */
const bundles = new Map();

/** The served path of a CommonJS package. @param {string} name */
const servedPath = (name) => `${prefix}${name.replace(/[@/]/g, '_')}.js`;

/**
 * The package as one ES module: module.exports as default, and each export by name.
 * @param {string} name
 * @param {string} from
 */
function bundle(name, from) {
  const require = createRequire(`${rootDir}${from}/package.json`);
  const entry = require.resolve(name);
  const names = Object.keys(require(name)).filter((key) => key !== 'default' && /^[A-Za-z_$][\w$]*$/.test(key));
  return build({
    stdin: { contents: `import cjs from ${JSON.stringify(entry)};\nexport default cjs;\nexport const { ${names.join(', ')} } = cjs;\n`, resolveDir: rootDir, loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0]?.text ?? '');
}

/** @returns {import('@web/dev-server-core').Plugin} */
export function commonJsPackagesPlugin() {
  const byPath = new Map(Object.entries(PACKAGES).map(([name, from]) => [servedPath(name), { name, from }]));
  return {
    name: 'chartwell-commonjs-packages',
    async serve(context) {
      const found = byPath.get(context.path);
      if (!found) return undefined;
      let body = bundles.get(found.name);
      if (!body) bundles.set(found.name, (body = bundle(found.name, found.from)));
      return { body: await body, type: 'js' };
    },
    resolveImport({ source }) {
      return Object.hasOwn(PACKAGES, source) ? servedPath(source) : undefined;
    },
  };
}
