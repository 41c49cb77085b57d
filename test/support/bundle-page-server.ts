// Serves the repository to headless Chromium for the tests of pages with no build step
// (examples/plain-html, examples/existing-portal): the single-file bundle with the stores is built
// from source by esbuild in memory (about a second) and served at the path those pages name, so the
// tests need no `npm run build` first; every other file is served as is.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { startDevServer } from '@web/dev-server';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { chromeArgs, findChrome } from '../../scripts/find-chrome.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bundlePath = '/packages/elements/dist/chartwell.bundle.js';

/** A dev server over the repository with the bundle built from source, and a headless Chromium. */
export interface BundlePageServer {
  readonly origin: string;
  readonly browser: Browser;
  /** Stops the browser and the server. */
  stop(): Promise<void>;
}

/** Builds `chartwell.bundle.js` from source, serves the repository with it, and launches Chromium. */
export async function startBundlePageServer(): Promise<BundlePageServer> {
  const bundled = await build({
    entryPoints: [`${root}packages/elements/src/bundle-with-stores.ts`],
    bundle: true,
    format: 'esm',
    write: false,
    conditions: ['@chartwell/source', 'production'],
    tsconfig: `${root}tsconfig.json`,
    logLevel: 'silent',
  });
  const output = bundled.outputFiles[0];
  if (output === undefined) throw new Error('esbuild wrote no bundle for bundle-with-stores.ts');
  const code = output.text;
  const server = await startDevServer({
    config: {
      rootDir: root,
      port: 0,
      hostname: '127.0.0.1',
      watch: false,
      middleware: [
        (context, next) => {
          if (context.path !== bundlePath) return next();
          context.type = 'text/javascript';
          context.body = code;
          return Promise.resolve();
        },
      ],
    },
    readCliArgs: false,
    readFileConfig: false,
    logStartMessage: false,
  });
  const origin = `http://127.0.0.1:${(server.server?.address() as { port: number }).port}`;
  const browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, args: chromeArgs });
  return {
    origin,
    browser,
    async stop() {
      await browser.close();
      await server.stop();
    },
  };
}

/** Collects a page's uncaught errors and console errors, for a test to assert there were none. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}
