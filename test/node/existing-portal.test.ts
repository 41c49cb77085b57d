// End to end: examples/existing-portal/, the chart widgets placed one by one into a portal that was
// there first, in headless Chromium. Checks what an embedding team worries about: the page's strict
// Content Security Policy is never violated; the portal's global CSS does not reach inside the
// widgets, and inherited text styles that would change what a clinician reads (upper case, small
// caps) are reset; the portal's own patient picker switches every widget; a failing store reaches
// the portal's alert banner as a code, with no patient data.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Page } from 'puppeteer-core';
import { startBundlePageServer, collectPageErrors, type BundlePageServer } from '../support/bundle-page-server.js';

const tony = JSON.parse(await readFile(new URL('../../examples/portal/data/Tony_Douglas_f6d715f8-94c0-49ad-a46a-4f96dc7a67b4.json', import.meta.url), 'utf8')) as {
  entry: { resource: { resourceType: string; status?: string; medicationCodeableConcept?: { text?: string; coding?: { display?: string }[] } } }[];
};

/** Records every CSP violation the page reports, from before its first script runs. */
async function recordCspViolations(page: Page): Promise<void> {
  await page.evaluateOnNewDocument(`
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.cspViolations.push(event.violatedDirective + ' ' + (event.blockedURI || 'inline') + ' ' + event.sourceFile + ':' + event.lineNumber);
    });
  `);
}

/** The text of one widget's shadow root, whitespace collapsed (a string script: tsx would wrap arrows in helpers the page lacks). */
const widgetText = (tag: string): string => `(document.querySelector('${tag}')?.shadowRoot?.textContent ?? '').replace(/\\s+/g, ' ')`;

describe('examples/existing-portal: widgets inside a portal that was there first', () => {
  let server: BundlePageServer;
  let page: Page;
  let errors: string[];

  before(async () => {
    server = await startBundlePageServer();
    page = await server.browser.newPage();
    errors = collectPageErrors(page);
    await recordCspViolations(page);
    const response = await page.goto(`${server.origin}/examples/existing-portal/`, { waitUntil: 'networkidle0' });
    assert.equal(response?.status(), 200);
    await page.waitForFunction(`${widgetText('cw-patient-banner')}.includes('DOUGLAS') && ${widgetText('cw-med-list')}.includes('Current (3)') && ${widgetText('cw-problem-list')}.length > 0`, { timeout: 15_000 });
  });

  after(async () => {
    await server?.stop();
  });

  it('runs under the strict Content Security Policy with no violation and no console error', async () => {
    const csp = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (meta) => meta.getAttribute('content'));
    assert.match(csp ?? '', /script-src 'self';/);
    assert.match(csp ?? '', /style-src 'self';/);
    assert.deepEqual(await page.evaluate('window.cspViolations'), []);
    assert.deepEqual(errors, []);
  });

  it("shows the first patient's banner, allergies and current medications in the portal's own layout", async () => {
    assert.match((await page.evaluate(widgetText('cw-patient-banner'))) as string, /DOUGLAS, Tony \(Mr\.\)/);
    assert.match((await page.evaluate(widgetText('cw-allergy-banner'))) as string, /Known allergies \(7\)/);
    // every medication of the Synthea bundle that is active, by its recorded name
    const active = tony.entry.map((e) => e.resource).filter((r) => r.resourceType === 'MedicationRequest' && r.status === 'active');
    const names = active.map((r) => r.medicationCodeableConcept?.text ?? r.medicationCodeableConcept?.coding?.[0]?.display ?? '');
    assert.equal(names.length, 3);
    const meds = (await page.evaluate(widgetText('cw-med-list'))) as string;
    for (const name of names) assert.ok(meds.includes(name), `the medication list shows ${name} as recorded`);
  });

  it("keeps the portal's global CSS out and resets inherited text styles that would re-case clinical text", async () => {
    const styles = (await page.evaluate(`(() => {
      const meds = document.querySelector('cw-med-list').shadowRoot;
      const button = meds.querySelector('button');
      const name = meds.querySelector('li, tr, [role="row"]');
      const banner = document.querySelector('cw-patient-banner').shadowRoot.querySelector('*:not(style)');
      const body = getComputedStyle(document.body);
      return {
        bodyTransform: body.textTransform,
        bodyCaps: body.fontVariantCaps,
        buttonBackground: button && getComputedStyle(button).backgroundColor,
        nameTransform: name && getComputedStyle(name).textTransform,
        nameCaps: name && getComputedStyle(name).fontVariantCaps,
        bannerTransform: getComputedStyle(banner).textTransform,
      };
    })()`)) as Record<string, string | null>;
    // the portal does shout…
    assert.equal(styles.bodyTransform, 'uppercase');
    assert.equal(styles.bodyCaps, 'small-caps');
    // …but not inside the widgets
    assert.notEqual(styles.buttonBackground, 'rgb(192, 0, 0)');
    assert.equal(styles.nameTransform, 'none');
    assert.equal(styles.nameCaps, 'normal');
    assert.equal(styles.bannerTransform, 'none');
  });

  it("switches every widget to the patient chosen in the portal's own picker", async () => {
    const options = (await page.$$eval('#patient-picker option', (all) => all.map((o) => ({ value: o.value, text: o.textContent })))) as { value: string; text: string }[];
    const clemente = options.find((o) => o.text.startsWith('Kreiger'));
    assert.ok(clemente, 'the picker offers Clemente Kreiger');
    await page.select('#patient-picker', clemente.value);
    await page.waitForFunction(`${widgetText('cw-patient-banner')}.includes('KREIGER')`, { timeout: 10_000 });
    const ids = await page.$$eval('cw-patient-banner, cw-allergy-banner, cw-med-list, cw-problem-list', (all) => all.map((w) => w.getAttribute('patient-id')));
    assert.deepEqual(ids, [clemente.value, clemente.value, clemente.value, clemente.value]);
    await page.waitForFunction(`!${widgetText('cw-med-list')}.includes('Current (3)') && !document.querySelector('cw-med-list').matches(':state(loading)')`, { timeout: 10_000 });
  });

  it("reports a failing store in the portal's alert banner by code, with no patient data", async () => {
    assert.equal(await page.$eval('#portal-alert', (alert) => (alert as HTMLElement).hidden), true);
    // a store that is down: every call fails
    await page.evaluate(`(() => {
      const down = () => Promise.reject(new Error('connection refused'));
      document.querySelector('cw-chart-provider').store = { read: down, search: down, create: down, update: down, delete: down, transaction: down, history: down, watch: () => () => {} };
    })()`);
    await page.waitForFunction(`!document.querySelector('#portal-alert').hidden`, { timeout: 10_000 });
    const alert = await page.$eval('#portal-alert', (node) => node.textContent ?? '');
    assert.match(alert, /Part of this chart could not be shown \([a-z-]+\)/);
    assert.doesNotMatch(alert, /kreiger|douglas|clemente|tony/i);
  });
});
