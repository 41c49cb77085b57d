// End to end: examples/plain-html/index.html, a page with no build step, loads the single-file
// bundle with the stores (chartwell.bundle.js) and shows a real patient's chart in headless Chromium. The bundle is built here
// from packages/elements/src/bundle-with-stores.ts with esbuild (in memory, about a second) and served at the
// path the page names, so the test needs no `npm run build` first; the page itself is served as is.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startBundlePageServer, collectPageErrors, type BundlePageServer } from '../support/bundle-page-server.js';

describe('examples/plain-html: the chart in a page without a build step', () => {
  let server: BundlePageServer;

  before(async () => {
    server = await startBundlePageServer();
  });

  after(async () => {
    await server?.stop();
  });

  it("shows Tony Douglas's chart: banner, allergies and medications, with no console errors", async () => {
    const page = await server.browser.newPage();
    const errors = collectPageErrors(page);
    const response = await page.goto(`${server.origin}/examples/plain-html/`, { waitUntil: 'networkidle0' });
    assert.equal(response?.status(), 200);
    // a string, not a function: tsx would wrap the function's inner arrows in a helper the page lacks
    const shown = await page.waitForFunction(
      `(() => {
        const chart = document.querySelector('cw-patient-chart')?.shadowRoot;
        const text = (tag) => chart?.querySelector(tag)?.shadowRoot?.textContent?.replace(/\\s+/g, ' ') ?? '';
        const banner = text('cw-patient-banner');
        const allergies = text('cw-allergy-banner');
        const meds = chart?.querySelector('cw-med-list')?.shadowRoot?.querySelector('#tab-current')?.textContent?.trim();
        return banner.includes('DOUGLAS') && allergies.includes('Known allergies') && meds && { banner, allergies, meds, status: document.querySelector('#status')?.textContent };
      })()`,
      { timeout: 15_000 },
    );
    const { banner, allergies, meds, status } = (await shown.jsonValue()) as { banner: string; allergies: string; meds: string; status: string };
    // the facts of the Synthea bundle, as the widget tests read them
    assert.match(banner, /DOUGLAS, Tony \(Mr\.\)/);
    assert.match(allergies, /Known allergies \(7\)/);
    assert.equal(meds, 'Current (3)');
    assert.equal(status, '');
    assert.deepEqual(errors, []);
    await page.close();
  });
});
