// @ts-check
// Browser tests: every *.test.ts of the browser packages and test/browser/, in Debian's
// headless Chromium. Workspace packages are served from their TypeScript sources (the
// "@chartwell/source" export condition), so no build is needed first.
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { findChrome, chromeArgs } from './scripts/find-chrome.mjs';
import { summaryReporter } from './scripts/wtr-summary-reporter.mjs';
import { fhirServerCommands } from './test/support/fhir-server-commands.mjs';
import { hostFrameworkPlugins } from './scripts/host-framework-plugins.mjs';
import { commonJsDependenciesPlugin } from './scripts/commonjs-deps-plugin.mjs';

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  files: ['packages/store-idb/src/**/*.test.ts', 'packages/elements/src/**/*.test.ts', 'test/browser/**/*.test.ts', 'examples/**/*.test.ts', 'examples/**/*.test.tsx'],
  nodeResolve: { exportConditions: ['@chartwell/source', 'development'] },
  plugins: [
    esbuildPlugin({
      ts: true,
      // experimentalDecorators + useDefineForClassFields: false, as tsc builds them
      tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
    }),
    // the React (.tsx, CommonJS) and Vue (full browser build) host examples
    ...hostFrameworkPlugins(),
    // CommonJS dependencies of the SDK (@xmldom/xmldom), as a host's bundler would convert them
    commonJsDependenciesPlugin(),
    // a real FHIR server (and SMART authorisation server) over HTTP, for the FhirRestStore tests
    fhirServerCommands(),
  ],
  browsers: [chromeLauncher({ launchOptions: { executablePath: findChrome(), headless: true, args: chromeArgs } })],
  // Lit's dev build announces itself once per test file
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  reporters: [defaultReporter(), summaryReporter()],
  coverageConfig: { report: true, reportDir: 'coverage/browser', include: ['packages/*/src/**'] },
  testFramework: { config: { timeout: 5000 } },
  // an error thrown outside any test otherwise leaves the run hanging for two minutes
  testsFinishTimeout: 60000,
};
