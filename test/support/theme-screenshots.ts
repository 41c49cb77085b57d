// Photographs examples/theming/ in headless Chromium, one PNG per theme: the dev server of
// `npm start` serves the page from the sources, puppeteer-core drives Debian's Chromium. Used by
// `npm run screenshots` (writing docs/images/) and by test/node/theme-screenshots.test.ts.
import { startDevServer } from '@web/dev-server';
import puppeteer from 'puppeteer-core';
import config from '../../web-dev-server.config.mjs';
import { chromeArgs, findChrome } from '../../scripts/find-chrome.mjs';

/** The themes photographed: the three presets and a host's own tokens and parts. */
export const SCREENSHOT_THEMES = ['light', 'dark', 'high-contrast', 'branded'] as const;

/** What the page said about a theme, with its screenshot. */
export interface ThemeScreenshot {
  readonly theme: (typeof SCREENSHOT_THEMES)[number];
  readonly png: Uint8Array;
  /** The provider's computed background and text colours. */
  readonly background: string;
  readonly color: string;
  /** Errors the page logged (none expected). */
  readonly errors: readonly string[];
}

/** One screenshot of the theming page per theme, 900 px wide, once every widget has loaded. */
export async function themeScreenshots(): Promise<ThemeScreenshot[]> {
  const server = await startDevServer({
    config: { ...config, port: 0, hostname: '127.0.0.1', watch: false, plugins: config.plugins?.filter((plugin) => plugin.name !== 'chartwell-portal') },
    readCliArgs: false,
    readFileConfig: false,
    logStartMessage: false,
  });
  const browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, args: chromeArgs });
  try {
    const origin = `http://127.0.0.1:${(server.server?.address() as { port: number }).port}`;
    const shots: ThemeScreenshot[] = [];
    for (const theme of SCREENSHOT_THEMES) {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(String(error)));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      await page.setViewport({ width: 900, height: 600, deviceScaleFactor: 1 });
      await page.goto(`${origin}/examples/theming/?theme=${theme}`, { waitUntil: 'networkidle0' });
      // a string, not a function: tsx would wrap a function in a helper the page lacks
      await page.waitForFunction(
        `document.body.dataset.ready === 'true' && [...document.querySelectorAll('cw-patient-banner, cw-allergy-banner, cw-med-list')].every((el) => !el.matches(':state(loading)') && el.shadowRoot && el.shadowRoot.textContent.trim() !== '')`,
        { timeout: 20_000 },
      );
      const provider = await page.$('cw-chart-provider');
      if (!provider) throw new Error('The theming page has no <cw-chart-provider>');
      const png = await provider.screenshot({ type: 'png' });
      const style = (await page.evaluate(`(() => { const s = getComputedStyle(document.querySelector('cw-chart-provider')); return { background: s.backgroundColor, color: s.color }; })()`)) as { background: string; color: string };
      shots.push({ theme, png, ...style, errors });
      await page.close();
    }
    return shots;
  } finally {
    await browser.close();
    await server.stop();
  }
}
