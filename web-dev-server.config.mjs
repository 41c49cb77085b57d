// @ts-check
// `npm start`: serves the demo portal (examples/portal/) with @web/dev-server. Workspace
// packages are served from their TypeScript sources, so no build is needed first.
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { hostFrameworkPlugins } from './scripts/host-framework-plugins.mjs';
import { commonJsDependenciesPlugin } from './scripts/commonjs-deps-plugin.mjs';

const portalPath = '/examples/portal/';

/** @type {import('@web/dev-server').DevServerConfig} */
export default {
  rootDir: fileURLToPath(new URL('.', import.meta.url)),
  port: Number(process.env.PORT) || 8000,
  hostname: 'localhost',
  nodeResolve: { exportConditions: ['@chartwell/source', 'development'] },
  watch: !process.env.CI,
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }),
    // the React (.tsx, CommonJS) and Vue (full browser build) host examples: /examples/react/, /examples/vue/
    ...hostFrameworkPlugins(),
    // CommonJS dependencies of the SDK (@xmldom/xmldom), as a host's bundler would convert them
    commonJsDependenciesPlugin(),
    {
      name: 'chartwell-portal',
      serverStart({ config }) {
        const origin = `http://${config.hostname}:${config.port}`;
        console.log(`\nChartwell demo portal: ${origin}${portalPath}\nHost examples: ${origin}/examples/react/ · ${origin}/examples/vue/\n`);
      },
    },
  ],
  middleware: [
    // the site root is the portal
    function portalAtRoot(context, next) {
      if (context.path === '/') {
        context.redirect(portalPath);
        return Promise.resolve();
      }
      return next();
    },
  ],
};
