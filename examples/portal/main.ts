// The demo clinic: Chartwell elements over the embedded IndexedDB store, seeded on first run with
// real Synthea patients and a synthetic clinic diary, plus thin host glue and no framework: the
// URL hash picks the page (#patients, #chart/<id>, #schedule, #billing/<id>, #incoming, #settings), the
// settings go to the <cw-chart-provider>. It registers the elements it uses, as a host would.
import '@chartwell/elements/define/cw-chart-provider.js';
import '@chartwell/elements/define/cw-clinic-date.js';
import '@chartwell/elements/define/cw-patient-list.js';
import '@chartwell/elements/define/cw-patient-chart.js';
// the chart's appointments and billing sections appear once their widgets are registered
import '@chartwell/elements/define/cw-scheduler.js';
import '@chartwell/elements/define/cw-billing-summary.js';
// the incoming records page reconciles with <cw-reconcile>
import '@chartwell/elements/define/cw-reconcile.js';
// who read the chart: the audit trail every widget call writes
import '@chartwell/elements/define/cw-audit-log.js';
import type { ChartStore } from '@chartwell/core';
import { IndexedDbStore } from '@chartwell/store-idb';
import { patientOptions } from '../host-kit/patient-options.js';
import { seedDemo } from './seed-demo.js';
import { clinicPractitioners } from './clinic-diary.js';
import { parseRoute, routeHash, type Page, type Route } from './portal-route.js';
import { SETTING_CHOICES, applySettings, isChoice, loadSettings, saveSettings, type PortalSettings } from './portal-settings.js';
import { portalText, type PortalText } from './portal-text.js';
import { IncomingPage } from './incoming-page.js';
import { demoClinicianReference, demoUser, signIn } from './signed-in-user.js';

const DATABASE = 'chartwell-demo';

function required<T extends Element>(selector: string): T {
  const element = document.querySelector<T>(selector);
  if (!element) throw new Error(`The portal page has no ${selector}`);
  return element;
}

const provider = required<HTMLElementTagNameMap['cw-chart-provider']>('cw-chart-provider');
const status = required<HTMLElement>('#seed-status');
const progress = required<HTMLProgressElement>('#seed-progress');
const reset = required<HTMLButtonElement>('#reset-demo');
const patientList = required<HTMLElementTagNameMap['cw-patient-list']>('cw-patient-list');
// the pages' widgets join the page once they have what they show (a patient, the practitioners),
// so that none of them loads (and warns) unbound
const chart = document.createElement('cw-patient-chart');
const scheduler = Object.assign(document.createElement('cw-scheduler'), { view: 'week' as const });
const billing = document.createElement('cw-billing-summary');
const auditLog = document.createElement('cw-audit-log');
const billingPatient = required<HTMLSelectElement>('#billing-patient');
const settingsForm = required<HTMLFormElement>('#settings');

let settings: PortalSettings = loadSettings();
let text: PortalText = portalText(settings.locale);
/** The patient last chosen: the chart and billing links open them. */
let currentPatientId: string | undefined;
/** What the status line says, kept as a function of the words so that a change of language redraws it. */
let statusText: (words: PortalText) => string = () => '';
let store = openStore();
const incomingPage = new IncomingPage(required<HTMLElement>('#page-incoming'), {
  store: () => store,
  text: () => text.incoming,
  locale: () => settings.locale,
  samples: new URL('./data/incoming/', import.meta.url),
  chartHash: (patientId) => routeHash({ page: 'chart', patientId }),
  written: () => void fillBillingPicker(store),
});

function openStore(): IndexedDbStore {
  return new IndexedDbStore({ name: DATABASE, onBlocked: () => say((words) => words.blocked) });
}

function say(message: (words: PortalText) => string): void {
  statusText = message;
  status.textContent = message(text);
}

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Puts the portal's words (in the settings' language) into every `data-text` and `data-text-label` element. */
function applyText(): void {
  text = portalText(settings.locale);
  const lookup = (path: string) => path.split('.').reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), text);
  for (const element of document.querySelectorAll<HTMLElement>('[data-text]')) {
    const value = lookup(element.dataset.text ?? '');
    if (typeof value === 'string') element.textContent = value;
  }
  for (const element of document.querySelectorAll<HTMLElement>('[data-text-label]')) {
    const value = lookup(element.dataset.textLabel ?? '');
    if (typeof value === 'string') element.setAttribute('aria-label', value);
  }
  document.title = text.title;
  status.textContent = statusText(text);
  fillSettingsForm();
  incomingPage.retext();
}

/** The settings form's options, labelled in the current language, the current choice selected. */
function fillSettingsForm(): void {
  const names = new Intl.DisplayNames([settings.locale], { type: 'language' });
  const labels: { [K in keyof PortalSettings]: (value: PortalSettings[K]) => string } = {
    locale: (value) => `${names.of(value) ?? value} (${value})`,
    timeZone: (value) => value,
    theme: (value) => text.themes[value],
    dateStyle: (value) => text.dateStyles[value],
    timeStyle: (value) => text.timeStyles[value],
    signedInAs: (value) => text.users[value],
  };
  for (const key of Object.keys(SETTING_CHOICES) as (keyof PortalSettings)[]) {
    const select = settingsForm.elements.namedItem(key);
    if (!(select instanceof HTMLSelectElement)) continue;
    const label = labels[key] as (value: string) => string;
    select.replaceChildren(
      ...SETTING_CHOICES[key].map((value: string) => {
        const option = new Option(label(value), value);
        option.selected = settings[key] === value;
        return option;
      }),
    );
  }
}

/** The billing page's patient picker: the store's patients, named as the banner names them. */
async function fillBillingPicker(source: ChartStore): Promise<void> {
  const options = await patientOptions(source, settings.locale);
  billingPatient.replaceChildren(new Option(text.choosePatient, ''), ...options.map(({ id, name }) => new Option(name, id)));
  billingPatient.value = currentPatientId ?? '';
}

/** Shows one page: the others hidden, the navigation marking it, its widgets bound. */
function show(route: Route, moveFocus: boolean): void {
  if (route.patientId !== undefined) currentPatientId = route.patientId;
  for (const page of document.querySelectorAll<HTMLElement>('.portal-page')) page.hidden = page.id !== `page-${route.page}`;
  for (const link of document.querySelectorAll<HTMLAnchorElement>('.portal-nav a')) {
    const page = link.dataset.page as Page;
    link.href = routeHash({ page, ...(currentPatientId !== undefined && { patientId: currentPatientId }) });
    if (page === route.page) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const patientId = route.patientId ?? currentPatientId;
  if (route.page === 'chart') {
    bindPatient('chart', chart, patientId);
    bindPatient('chart', auditLog, patientId);
  }
  if (route.page === 'billing') {
    bindPatient('billing', billing, patientId);
    billingPatient.value = patientId ?? '';
  }
  if (moveFocus) document.querySelector<HTMLElement>(`#heading-${route.page}`)?.focus();
}

/** Puts `widget` on `page` in place of its "nothing to show" note, or takes it away (the note back). */
function place(page: string, widget: HTMLElement, shown: boolean): void {
  const section = required<HTMLElement>(`#page-${page}`);
  const note = section.querySelector<HTMLElement>('.portal-empty');
  if (note) note.hidden = shown;
  if (shown && widget.parentElement !== section) section.append(widget);
  if (!shown) widget.remove();
}

/** Binds a patient widget of `page` to `patientId`; without one, the page says to choose a patient. */
function bindPatient(page: Page, widget: HTMLElement, patientId: string | undefined): void {
  if (patientId !== undefined && widget.getAttribute('patient-id') !== patientId) widget.setAttribute('patient-id', patientId);
  place(page, widget, patientId !== undefined);
}

/** Seeds the store on first run (with progress), then binds the clinic's diary and the pickers. */
/** The demo clinician's `Practitioner/<id>` in the current store, once known. */
let clinicianReference: string | undefined;

/** Signs the settings' user in on the provider: their access policy and the audit trail into the store. */
function applySignIn(): void {
  signIn(provider, store, settings.signedInAs, demoUser(settings.signedInAs, text.users, clinicianReference));
}

async function start(): Promise<void> {
  // signed in before the store is given, so nothing shows without the user's policy (on a first
  // run the clinician's record is not imported yet: she sees nothing until it is)
  clinicianReference = undefined;
  applySignIn();
  provider.store = store;
  say((words) => words.loading);
  progress.hidden = false;
  const imported = await seedDemo(store, new URL('./data/', import.meta.url), {
    onProgress: ({ bundle, bundles, entries }) => {
      progress.max = bundles;
      progress.value = bundle - 1 + (entries.total ? entries.done / entries.total : 0);
      say((words) => words.importing(bundle, bundles));
    },
    diary: { timeZone: settings.timeZone },
  });
  progress.hidden = true;
  say((words) => (imported ? words.imported : words.loaded));
  const practitioners = await clinicPractitioners(store);
  scheduler.actors = practitioners;
  place('schedule', scheduler, practitioners.length > 0);
  await fillBillingPicker(store);
  clinicianReference = await demoClinicianReference(store);
  applySignIn();
  document.body.dataset.seeded = 'true';
}

patientList.addEventListener('cw-select', (event) => {
  const id = event.detail.reference.replace(/^Patient\//, '');
  location.hash = routeHash({ page: 'chart', patientId: id });
});

billingPatient.addEventListener('change', () => {
  if (billingPatient.value !== '') location.hash = routeHash({ page: 'billing', patientId: billingPatient.value });
});

settingsForm.addEventListener('change', (event) => {
  const select = event.target;
  if (!(select instanceof HTMLSelectElement)) return;
  const key = select.name as keyof PortalSettings;
  if (!isChoice(key, select.value)) return;
  settings = { ...settings, [key]: select.value };
  saveSettings(settings);
  applySettings(provider, settings);
  if (key === 'locale') {
    applyText();
    void fillBillingPicker(store);
    select.focus();
  }
  if (key === 'signedInAs' || key === 'locale') applySignIn();
});

window.addEventListener('hashchange', () => show(parseRoute(location.hash), true));

reset.addEventListener('click', () => {
  void (async () => {
    store.close();
    await new Promise((resolve, reject) => Object.assign(indexedDB.deleteDatabase(DATABASE), { onsuccess: resolve, onerror: reject, onblocked: resolve }));
    delete document.body.dataset.seeded;
    // a new import gives the patients new ids: the chosen one is gone
    currentPatientId = undefined;
    incomingPage.reset();
    for (const [page, widget] of [['schedule', scheduler], ['chart', chart], ['chart', auditLog], ['billing', billing]] as const) place(page, widget, false);
    if (parseRoute(location.hash).page === 'patients') show({ page: 'patients' }, false);
    else location.hash = routeHash({ page: 'patients' });
    store = openStore();
    await start();
  })().catch((error: unknown) => say((words) => words.resetFailed(errorMessage(error))));
});

for (const heading of document.querySelectorAll<HTMLElement>('.portal-page > h2')) heading.tabIndex = -1;
applySettings(provider, settings);
applyText();
show(parseRoute(location.hash), false);
start().catch((error: unknown) => say((words) => words.loadFailed(errorMessage(error))));
