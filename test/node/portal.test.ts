// End to end: the dev server that `npm start` runs serves the demo portal, and in headless
// Chromium the portal's element renders the clinic's date from its provider's settings.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { startDevServer } from '@web/dev-server';
import puppeteer, { type Browser } from 'puppeteer-core';
import config from '../../web-dev-server.config.mjs';
import { chromeArgs, findChrome } from '../../scripts/find-chrome.mjs';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, 'localhost', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The calendar date (`YYYY-MM-DD`) in `timeZone`, computed here in Node. */
function dateIn(timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date());
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

describe('demo portal (npm start)', () => {
  let server: Awaited<ReturnType<typeof startDevServer>>;
  let browser: Browser;
  let origin: string;

  before(async () => {
    const port = await freePort();
    server = await startDevServer({
      config: { ...config, port, watch: false, plugins: config.plugins?.filter((p) => p.name !== 'chartwell-portal') },
      readCliArgs: false,
      readFileConfig: false,
      logStartMessage: false,
    });
    origin = `http://localhost:${port}`;
    browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, args: chromeArgs });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('redirects the site root to the portal and renders the clinic date from the provider', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });

    const before = dateIn('Europe/London');
    const response = await page.goto(`${origin}/`, { waitUntil: 'networkidle0' });
    assert.equal(response?.status(), 200);
    assert.equal(new URL(page.url()).pathname, '/examples/portal/');

    const shown = await page.waitForFunction(
      () => {
        const root = document.querySelector('cw-clinic-date')?.shadowRoot;
        const date = root?.querySelector('[part="date"]');
        const zone = root?.querySelector('[part="time-zone"]');
        return date && zone && { datetime: date.getAttribute('datetime'), text: date.textContent, zone: zone.textContent };
      },
      { timeout: 10_000 },
    );
    const { datetime, text, zone } = (await shown.jsonValue()) as { datetime: string; text: string; zone: string };
    const after = dateIn('Europe/London');

    assert.ok([before, after].includes(datetime), `portal shows ${datetime}, London date is ${before}`);
    assert.match(text, /\b20\d\d\b/);
    assert.match(zone, /Europe\/London/);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
