// End to end: the dev server that `npm start` runs serves the demo portal, and in headless
// Chromium the portal seeds its IndexedDB store on first run and works as a small clinic app:
// the patient list and its search, the chart, the schedule, billing and the settings. Page code
// is passed as strings (tsx would add helpers the page lacks to a closure).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { startDevServer } from '@web/dev-server';
import puppeteer, { type Browser, type BrowserContext, type Page } from 'puppeteer-core';
import { createRequire } from 'node:module';
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

/** Page helpers: the text of an element and every shadow root under it, and a query through shadow roots. */
const PAGE_HELPERS = `
  globalThis.deepText = (node) => {
    let out = '';
    const walk = (n) => {
      if (n.nodeType === 3) out += n.textContent;
      if (n.shadowRoot) walk(n.shadowRoot);
      for (const child of n.childNodes) walk(child);
    };
    if (node) walk(node);
    return out.replace(/\\s+/g, ' ').trim();
  };
  globalThis.deepQueryAll = (selector, root = document) => {
    const found = [];
    const walk = (n) => {
      if (n.querySelectorAll) found.push(...n.querySelectorAll(selector));
      for (const element of n.querySelectorAll ? n.querySelectorAll('*') : []) if (element.shadowRoot) walk(element.shadowRoot);
    };
    walk(root);
    return [...new Set(found)];
  };
`;

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** The axe violations of the page as it is (rule id and the first target of each), after injecting axe-core once. */
async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(`typeof axe !== 'undefined'`))) await page.addScriptTag({ path: axePath });
  return (await page.evaluate(`axe.run(document).then((r) => r.violations.map((v) => v.id + ' ' + JSON.stringify(v.nodes[0] && v.nodes[0].target)))`)) as string[];
}

/** Waits until the page expression `expression` is truthy, and returns its value. */
async function waitFor<T>(page: Page, expression: string, what: string, timeout = 15_000): Promise<T> {
  try {
    const handle = await page.waitForFunction(expression, { timeout, polling: 100 });
    return (await handle.jsonValue()) as T;
  } catch (error) {
    throw new Error(`${what}: ${String(error)}`, { cause: error });
  }
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

  /** A first visit (a browser context of its own: empty IndexedDB and localStorage) at `hash`, once the portal has seeded; its page errors collected. */
  async function firstVisit(hash: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.evaluateOnNewDocument(PAGE_HELPERS);
    await page.goto(`${origin}/examples/portal/${hash}`, { waitUntil: 'domcontentloaded' });
    await waitFor(page, `document.body.dataset.seeded === 'true'`, 'first-run seeding never finished', 25_000);
    return { context, page, errors };
  }

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

  it('seeds on first run and works as a clinic app: patients and search, chart, schedule, billing, settings', async () => {
    // a context of its own: empty IndexedDB and localStorage, as on a first visit
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    const errors: string[] = [];
    const widgetWarnings: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
      // a widget warns when it is on the page unbound (no patient, no actors): the portal never leaves one so
      if (message.type() === 'warn' && message.text().startsWith('<cw-')) widgetWarnings.push(message.text());
    });
    await page.evaluateOnNewDocument(PAGE_HELPERS);
    await page.goto(`${origin}/examples/portal/`, { waitUntil: 'domcontentloaded' });

    // first run: the store is empty (a fresh browser profile), the portal imports the sample Bundles
    await waitFor(page, `document.body.dataset.seeded === 'true'`, 'first-run seeding never finished', 25_000);
    assert.equal(await page.$eval('#seed-status', (el) => el.textContent), 'Sample patients imported into this browser (IndexedDB).');
    assert.equal(await page.$eval('#seed-progress', (el) => (el as HTMLProgressElement).hidden), true);

    // the patient list: the four Synthea patients, by name; the search narrows it
    const rowNames = `deepQueryAll('cw-patient-list').flatMap((list) => [...list.shadowRoot.querySelectorAll('tbody .select')].map((b) => b.textContent.trim()))`;
    const names = await waitFor<string[]>(page, `(() => { const n = ${rowNames}; return n.length === 4 && n; })()`, 'the patient list never showed four patients');
    assert.deepEqual(names, ['DOUGLAS, Tony (Mr.)', 'KREIGER, Clemente (Mr.)', 'MILLER, Louis (Mr.)', 'RAZO, María Luisa (Mrs.)']);
    assert.deepEqual(await axeViolations(page), [], 'the patients page passes axe');
    await page.evaluate(`(() => { const input = document.querySelector('cw-patient-list').shadowRoot.querySelector('input[type=search]'); input.value = 'maria'; input.dispatchEvent(new Event('input')); })()`);
    assert.deepEqual(await waitFor(page, `(() => { const n = ${rowNames}; return n.length === 1 && n; })()`, 'the search never narrowed the list'), ['RAZO, María Luisa (Mrs.)']);
    await page.evaluate(`(() => { const input = document.querySelector('cw-patient-list').shadowRoot.querySelector('input[type=search]'); input.value = 'douglas'; input.dispatchEvent(new Event('input')); })()`);
    await waitFor(page, `(() => { const n = ${rowNames}; return n.length === 1 && n[0].startsWith('DOUGLAS'); })()`, 'the search never found Tony Douglas');

    // choosing him opens his chart (the hash names him), with his name in the banner and every section
    await page.evaluate(`document.querySelector('cw-patient-list').shadowRoot.querySelector('tbody .select').click()`);
    const hash = await waitFor<string>(page, `location.hash.startsWith('#chart/') && location.hash`, 'choosing a patient never opened the chart');
    const tonyId = decodeURIComponent(hash.slice('#chart/'.length));
    const banner = await waitFor<string>(page, `(() => { const t = deepText(deepQueryAll('cw-patient-banner')[0]); return t.includes('DOUGLAS, Tony') && t; })()`, "the chart's banner never named Tony Douglas");
    assert.match(banner, /18-Apr-1972/);
    assert.equal(await page.evaluate(`document.querySelector('cw-patient-chart').getAttribute('patient-id')`), tonyId);
    // the appointments and billing sections are there: the portal registers their widgets
    await waitFor(page, `deepQueryAll('cw-patient-chart')[0].shadowRoot.querySelector('cw-scheduler') && deepQueryAll('cw-patient-chart')[0].shadowRoot.querySelector('cw-billing-summary')`, "the chart never showed the appointments and billing sections");
    assert.equal(await page.$eval('.portal-nav a[aria-current="page"]', (el) => el.getAttribute('href')), hash);

    // the schedule: the three doctors' free slots this week, and the booked appointments
    await page.evaluate(`location.hash = '#schedule'`);
    const free = await waitFor<number>(page, `(() => { const s = document.querySelector('cw-scheduler'); const n = s.shadowRoot ? s.shadowRoot.querySelectorAll('[part~="slot"]').length : 0; return n > 0 && !s.hasCustomState('loading') && n; })()`, 'the schedule never showed slots');
    assert.ok(free >= 3 * 5 * 18 - 4, `expected the week's slots of three practitioners, got ${free}`);
    const diary = await page.evaluate(`deepText(document.querySelector('cw-scheduler'))`);
    assert.match(String(diary), /Free/);
    assert.match(String(diary), /DOUGLAS, Tony/);

    // billing for the chosen patient: a balance
    await page.evaluate(`location.hash = '#billing/${tonyId}'`);
    const billing = await waitFor<string>(page, `(() => { const t = deepText(document.querySelector('cw-billing-summary')); return t.includes('Patient balance') && t; })()`, 'the billing page never showed a balance');
    // en-GB writes dollars as US$; the amount is exact (Synthea's shares carry long decimals)
    assert.ok(/Patient balance US\$[\d,]+\.\d+ as of \d\d-[A-Z][a-z]{2}-20\d\d/.test(billing), `no balance in: ${billing.slice(0, 120)}`);

    // settings: the theme and the language change at once (the provider's attributes), and are kept
    await page.evaluate(`location.hash = '#settings'`);
    await waitFor(page, `!document.querySelector('#page-settings').hidden`, 'the settings page never showed');
    await page.select('select[name="theme"]', 'dark');
    assert.equal(await page.$eval('cw-chart-provider', (el) => el.getAttribute('theme')), 'dark');
    assert.deepEqual(await axeViolations(page), [], 'the settings page passes axe in the dark theme');
    await page.select('select[name="locale"]', 'es-ES');
    assert.equal(await page.$eval('.portal-nav a[data-page="patients"]', (el) => el.textContent), 'Pacientes');
    await page.evaluate(`location.hash = '#billing/${tonyId}'`);
    await waitFor(page, `deepText(document.querySelector('cw-billing-summary')).includes('Saldo del paciente')`, 'the billing summary never spoke Spanish');
    await page.reload({ waitUntil: 'domcontentloaded' });
    await waitFor(page, `document.body.dataset.seeded === 'true'`, 'the second load never finished');
    assert.equal(await page.$eval('#seed-status', (el) => el.textContent), 'Pacientes de ejemplo cargados desde este navegador (IndexedDB).');
    assert.deepEqual(await page.$eval('cw-chart-provider', (el) => [el.getAttribute('theme'), (el as unknown as { locale: string }).locale]), ['dark', 'es-ES']);

    // "Reset demo data" deletes the database and imports the sample again
    // (before it, the status says the patients were loaded from the browser: only a new import says "importados")
    await page.click('#reset-demo');
    await waitFor(page, `document.body.dataset.seeded === 'true' && document.querySelector('#seed-status').textContent === 'Pacientes de ejemplo importados en este navegador (IndexedDB).'`, 'the reset never imported the sample again', 25_000);
    await waitFor(page, `(() => { const n = ${rowNames}; return n.length === 4; })()`, 'the patient list never showed the four patients again');
    // the new import gave the patients new ids: the portal is back on the patient list, no chart bound to the old one
    assert.equal(await page.evaluate(`location.hash`), '#patients');
    assert.equal(await page.evaluate(`document.querySelector('cw-patient-chart')`), null);

    assert.deepEqual(errors, []);
    assert.deepEqual(widgetWarnings, []);
    await context.close();
  });

  it('access and audit: signed in as Dr. June Kassulke, only her care team opens; the administrator sees who accessed the record', async () => {
    const { context, page, errors } = await firstVisit('#patients');
    const rowNames = `deepQueryAll('cw-patient-list').flatMap((list) => [...list.shadowRoot.querySelectorAll('tbody .select')].map((b) => b.textContent.trim()))`;
    // the administrator (no access policy) sees the four patients; Tony Douglas's id from his row
    await waitFor(page, `${rowNames}.length === 4`, 'the administrator never saw the four patients');
    await page.evaluate(`[...document.querySelector('cw-patient-list').shadowRoot.querySelectorAll('tbody .select')].find((b) => b.textContent.includes('DOUGLAS')).click()`);
    const tonyId = decodeURIComponent((await waitFor<string>(page, `location.hash.startsWith('#chart/') && location.hash`, 'no chart opened')).slice('#chart/'.length));

    // Dr. June Kassulke (the synthetic diary gives her Clemente Kreiger's and María Luisa Razo's appointments, so her care team)
    await page.evaluate(`location.hash = '#settings'`);
    await waitFor(page, `!document.querySelector('#page-settings').hidden`, 'the settings page never showed');
    await page.select('select[name="signedInAs"]', 'clinician');
    await page.evaluate(`location.hash = '#patients'`);
    assert.deepEqual(await waitFor(page, `(() => { const n = ${rowNames}; return n.length === 2 && n; })()`, "the clinician's list never narrowed to her care team"), ['KREIGER, Clemente (Mr.)', 'RAZO, María Luisa (Mrs.)']);
    // Tony Douglas is not hers: his chart is restricted and names nothing
    await page.evaluate(`location.hash = '#chart/${tonyId}'`);
    const banner = `deepQueryAll('cw-patient-banner')[0]`;
    await waitFor(page, `${banner} && ${banner}.matches(':state(restricted)')`, "Tony Douglas's banner was never restricted for her");
    const chartText = (await page.evaluate(`deepText(document.querySelector('cw-patient-chart'))`)) as string;
    assert.match(chartText, /You do not have permission to see this information\./);
    assert.doesNotMatch(chartText, /DOUGLAS|Naproxen|1972/);
    assert.deepEqual(await axeViolations(page), [], 'a restricted chart passes axe');

    // back as the administrator: the chart opens, and its access log names her and her denied reads
    await page.evaluate(`location.hash = '#settings'`);
    await page.select('select[name="signedInAs"]', 'administrator');
    await page.evaluate(`location.hash = '#chart/${tonyId}'`);
    await waitFor(page, `deepText(deepQueryAll('cw-patient-banner')[0]).includes('DOUGLAS, Tony')`, 'the administrator never saw the chart again');
    const log = await waitFor<string>(page, `(() => { const t = deepText(document.querySelector('cw-audit-log')); return t.includes('Dr. June Kassulke (clinician)') && t.includes('Denied') && t; })()`, "the access log never listed the clinician's denied reads");
    assert.match(log, /Chartwell demo clinic/);
    assert.doesNotMatch(log, /Naproxen/);

    assert.deepEqual(errors, []);
    await context.close();
  });

  it("incoming records: a hospital's discharge summary matched to Tony Douglas, its other records added with their source; an unknown lab patient added as new", async () => {
    const { context, page, errors } = await firstVisit('#incoming');
    assert.equal(await page.$eval('#page-incoming', (el) => (el as HTMLElement).hidden), false);

    // the discharge summary sample (examples/portal/data/incoming/SOURCES.md): C-CDA from Community Health and Hospitals about "Anthony Douglas"
    await page.select('#incoming-form select[name="sample"]', 'discharge');
    await page.click('#incoming-form button[type="submit"]');
    const arrived = await waitFor<string>(page, `(() => { const t = document.querySelector('.portal-incoming-arrived')?.textContent ?? ''; return document.querySelector('.portal-incoming-match') && t; })()`, 'the discharge summary was never read and matched');
    assert.match(arrived, /C-CDA document from Community Health and Hospitals/);
    assert.match(arrived, /DOUGLAS, Anthony · 18-Apr-1972/);
    assert.match(arrived, /AllergyIntolerance: 3/);
    // one match, chosen for the user to confirm: the clinic's Tony Douglas, with the reason for each field
    const match = await page.$eval('.portal-incoming-match', (el) => el.textContent ?? '');
    assert.match(match, /One patient in this clinic matches\./);
    assert.match(match, /DOUGLAS, Tony \(Mr\.\), born 18-Apr-1972/);
    assert.match(match, /Given name: agrees \(nickname\)/);
    assert.match(match, /Birth date: agrees/);
    const tonyId = await page.$eval('.portal-incoming-match input[type=radio]:checked', (el) => (el as HTMLInputElement).value);
    assert.notEqual(tonyId, 'new');
    assert.deepEqual(await axeViolations(page), [], 'the incoming records page passes axe');

    await page.click('.portal-incoming-match button[type="submit"]');
    await waitFor(page, `document.querySelector('#incoming-output cw-reconcile')`, 'confirming the match never opened the reconciliation');
    assert.match(await page.$eval('#incoming-output', (el) => el.textContent ?? ''), /Reconcile with the chart of DOUGLAS, Tony \(Mr\.\)/);
    assert.equal(await page.$eval('#incoming-output cw-reconcile', (el) => el.getAttribute('patient-id')), tonyId);

    // reconciliation: the hospital's medication, allergies and problems are new to Tony's chart (added by default); review, confirm
    const reconcile = `document.querySelector('#incoming-output cw-reconcile')`;
    await waitFor(page, `${reconcile}.shadowRoot?.querySelector('#review-button') && !${reconcile}.matches(':state(loading)')`, 'the reconciliation never loaded');
    const statuses = (await page.evaluate(`[...${reconcile}.shadowRoot.querySelectorAll('[data-status]')].map((item) => item.getAttribute('data-status'))`)) as string[];
    // the discharge summary's ibuprofen, its three allergies and its three problems are new; Tony's own records are only in his chart
    assert.equal(statuses.filter((status) => status === 'new').length, 7);
    assert.ok(statuses.includes('local-only'));
    await page.evaluate(`${reconcile}.shadowRoot.querySelector('#review-button').click()`);
    await waitFor(page, `${reconcile}.shadowRoot.querySelector('#confirm-button')`, 'the review never showed');
    await page.evaluate(`${reconcile}.shadowRoot.querySelector('#confirm-button').click()`);
    await waitFor(page, `deepText(${reconcile}).includes('7 records written to the chart')`, 'the reconciliation was never written');

    // the records reconciliation does not pair (visits, results, immunizations, procedures) go in as they are
    const addOthers = await page.$eval('.portal-incoming-others button', (el) => el.textContent ?? '');
    assert.match(addOthers, /^Add the \d+ other records to the chart$/);
    await page.click('.portal-incoming-others button');
    await waitFor(page, `/^Added \\d+ records to the chart\\./.test(document.querySelector('.portal-incoming-others [role=status]')?.textContent ?? '')`, 'the other records were never added');
    // Tony's chart now shows the hospital's appendicitis admission and its penicillin allergy, their source named
    await page.evaluate(`location.hash = '#chart/${tonyId}'`);
    await waitFor(page, `(() => { const notes = deepQueryAll('cw-notes')[0]; return notes && deepText(notes).includes('Community Health and Hospitals'); })()`, "the chart's visits never showed the hospital as a source");
    // the document's first allergy: RxNorm 7980 "penicillin G", Nausea, severe
    await waitFor(page, `(() => { const banner = deepQueryAll('cw-allergy-banner')[0]; const t = banner ? deepText(banner) : ''; return /penicillin G .*Source: Community Health and Hospitals/.test(t); })()`, "the allergy banner never showed the hospital's penicillin allergy with its source");

    // the lab result is about a patient the clinic does not know: added as a new patient
    await page.evaluate(`location.hash = '#incoming'`);
    await page.select('#incoming-form select[name="sample"]', 'lab');
    await page.click('#incoming-form button[type="submit"]');
    await waitFor(page, `(document.querySelector('.portal-incoming-match')?.textContent ?? '').includes('No patient in this clinic matches.')`, 'the lab result was never matched');
    assert.equal(await page.$eval('.portal-incoming-match input[type=radio]:checked', (el) => (el as HTMLInputElement).value), 'new');
    await page.click('.portal-incoming-match button[type="submit"]');
    await waitFor(page, `/^Added as a new patient, with \\d+ records\\./.test(document.querySelector('#incoming-output [role=status]')?.textContent ?? '')`, 'the lab result was never added as a new patient');
    await page.evaluate(`location.hash = '#patients'`);
    const rowNames = `deepQueryAll('cw-patient-list').flatMap((list) => [...list.shadowRoot.querySelectorAll('tbody .select')].map((b) => b.textContent.trim()))`;
    await waitFor(page, `${rowNames}.some((name) => name.startsWith('FINN, Huckleberry'))`, 'the new patient never reached the patient list');

    assert.deepEqual(errors, []);
    await context.close();
  });
});
