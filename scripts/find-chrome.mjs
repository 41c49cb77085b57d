// Finds the Chromium (or Chrome) that the browser tests and the portal check drive. Test tools
// may not download a browser of their own here, so it must be installed: CHROME_PATH wins,
// then the usual install paths.
import { existsSync } from 'node:fs';

const usualPaths = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/**
 * The path of the browser to run tests in; throws, saying how to install one, when none is found.
 * @param {{ env?: Record<string, string | undefined>, exists?: (path: string) => boolean }} [options]
 *   where to read CHROME_PATH from and how to test for a file (for tests of this function)
 * @returns {string}
 */
export function findChrome({ env = process.env, exists = existsSync } = {}) {
  const fromEnv = env.CHROME_PATH;
  if (fromEnv) {
    if (exists(fromEnv)) return fromEnv;
    throw new Error(`CHROME_PATH is set to "${fromEnv}", but no file is there.`);
  }
  const found = usualPaths.find((path) => exists(path));
  if (found) return found;
  throw new Error(
    'No Chromium or Chrome found for the browser tests. Install Debian\'s: ' +
      '`sudo apt-get update && sudo apt-get install -y chromium`, ' +
      'or point CHROME_PATH at a Chrome or Chromium executable. Looked in: ' +
      usualPaths.join(', '),
  );
}

/** Command-line flags for a headless test browser: no sandbox when running as root, no background traffic. */
export const chromeArgs = [
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
