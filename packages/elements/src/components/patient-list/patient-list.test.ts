import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Patient, Resource } from '@chartwell/fhir';
import { MemoryStore, UnavailableError } from '@chartwell/core';
import type { ChartStore } from '@chartwell/core';
import { CLEMENTE, TOBIE, TONY, failingStore, storeWith, syntheaResources } from '../../../../../test/support/browser-fixtures.js';
import '../../define/cw-chart-provider.js';
import '../../define/cw-patient-list.js';
import type { CwPatientList } from './patient-list.js';
import type { CwSelectEvent } from '../../events/select-event.js';

const MARIA = { file: 'María_Luisa_Razo_d060a28c-4e03-4435-8b2e-1cbfa38ca43b.json', id: '22d7a9b8-7756-4eb7-a95f-6e86e0c93761' } as const;

const shadow = (el: HTMLElement) => el.shadowRoot!;
const squash = (value: string | null | undefined) => (value ?? '').replace(/\s+/g, ' ').trim();
const loaded = (el: CwPatientList) => waitUntil(() => !el.hasCustomState('loading'), 'the patient list never finished loading');
const rows = (el: CwPatientList) => [...shadow(el).querySelectorAll<HTMLTableRowElement>('tbody tr')];
const cells = (row: HTMLTableRowElement) => [...row.querySelectorAll('th, td')].map((cell) => squash(cell.textContent));
const names = (el: CwPatientList) => rows(el).map((row) => squash(row.querySelector('.select')!.textContent));
const count = (el: CwPatientList) => squash(shadow(el).querySelector('[part="count"]')!.textContent);

/** Whole years from `birth` (YYYY-MM-DD) to today in UTC: the age the list should show. */
function yearsSince(birth: string): number {
  const [year, month, day] = birth.split('-').map(Number) as [number, number, number];
  const now = new Date();
  const [y, m, d] = [now.getUTCFullYear(), now.getUTCMonth() + 1, now.getUTCDate()];
  return y - year - (m < month || (m === month && d < day) ? 1 : 0);
}

/** The Patient records (only) of the given Synthea files. */
async function patientsOf(...files: string[]): Promise<Resource[]> {
  const all: Resource[] = [];
  for (const file of files) all.push(...(await syntheaResources(file)).filter((resource) => resource.resourceType === 'Patient'));
  return all;
}

async function listIn(store: ChartStore, theme?: string) {
  const provider = await fixture(html`<cw-chart-provider locale="en-GB" time-zone="UTC" theme=${theme ?? 'light'} .store=${store}><cw-patient-list></cw-patient-list></cw-chart-provider>`);
  const el = provider.querySelector('cw-patient-list')!;
  await loaded(el);
  return el;
}

async function type(el: CwPatientList, text: string) {
  const input = shadow(el).querySelector<HTMLInputElement>('input[type="search"]')!;
  input.value = text;
  input.dispatchEvent(new Event('input'));
  await el.updateComplete;
}

describe('<cw-patient-list>', () => {
  it('lists the Synthea patients by name, with birth date and age, gender, MRN and the deceased marked in words', async () => {
    const el = await listIn(await storeWith(await patientsOf(TONY.file, CLEMENTE.file, TOBIE.file)));
    expect(squash(shadow(el).querySelector('h2')!.textContent)).to.equal('Patients');
    expect(count(el)).to.equal('3 patients');
    expect([...shadow(el).querySelectorAll('thead th')].map((th) => squash(th.textContent))).to.deep.equal(['Name', 'Born', 'Gender', 'MRN']);
    // Douglas (born 1972-04-18, male, MR f6d715f8-…), Kreiger (1984-07-02), Rempel (1934-04-09, died 2006-02-21T03:33:15+00:00)
    expect(rows(el).map(cells)).to.deep.equal([
      ['DOUGLAS, Tony (Mr.)', `18-Apr-1972 (${yearsSince('1972-04-18')}y)`, 'Male', 'f6d715f8-94c0-49ad-a46a-4f96dc7a67b4'],
      ['KREIGER, Clemente (Mr.)', `02-Jul-1984 (${yearsSince('1984-07-02')}y)`, 'Male', '1484a42d-0eaf-4654-9cbf-6b050a5cd73b'],
      // deceased: the date of death and the age at death, labelled, no age now
      ['REMPEL, Tobie (Mrs.) Deceased', '09-Apr-1934 Died 21-Feb-2006 03:33 · Age at death 71y', 'Female', '38cde5fd-1861-44db-b7cc-58769b464658'],
    ]);
    expect(rows(el)[2]!.querySelector('[part="flag"] svg')).to.not.equal(null);
    expect(el.hasCustomState('empty')).to.equal(false);
    expect(shadow(el).querySelector('[part="as-of"]')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('narrows the list by name (ignoring case and accents), MRN and birth date, and says when nothing matches', async () => {
    const el = await listIn(await storeWith(await patientsOf(TONY.file, CLEMENTE.file, TOBIE.file, MARIA.file)));
    expect(count(el)).to.equal('4 patients');
    await type(el, 'kreiger');
    expect(names(el)).to.deep.equal(['KREIGER, Clemente (Mr.)']);
    expect(count(el)).to.equal('1 of 4 patients match');
    await type(el, 'maria razo');
    expect(names(el)).to.deep.equal(['RAZO, María Luisa (Mrs.)']);
    await type(el, '38cde5fd');
    expect(names(el)).to.deep.equal(['REMPEL, Tobie (Mrs.)']);
    await type(el, '1972-04');
    expect(names(el)).to.deep.equal(['DOUGLAS, Tony (Mr.)']);
    await type(el, '02-Jul-1984');
    expect(names(el)).to.deep.equal(['KREIGER, Clemente (Mr.)']);
    // every word must be found: "mrs" alone finds both women, with "1934" only Tobie Rempel
    await type(el, 'mrs');
    expect(names(el)).to.deep.equal(['RAZO, María Luisa (Mrs.)', 'REMPEL, Tobie (Mrs.)']);
    await type(el, 'mrs 1934');
    expect(names(el)).to.deep.equal(['REMPEL, Tobie (Mrs.)']);
    await type(el, 'nobody');
    expect(rows(el)).to.have.length(0);
    expect(squash(shadow(el).querySelector('[part="empty"]')!.textContent)).to.equal('No patients match “nobody”.');
    expect(count(el)).to.equal('0 of 4 patients match');
    await expect(el).to.be.accessible();
    await type(el, '');
    expect(rows(el)).to.have.length(4);
  });

  it('fires a typed cw-select with the Patient reference on a click on the row or Enter on the name', async () => {
    const el = await listIn(await storeWith(await patientsOf(TONY.file, CLEMENTE.file)));
    const chosen: string[] = [];
    el.addEventListener('cw-select', (event: CwSelectEvent) => chosen.push(event.detail.reference));
    rows(el)[1]!.querySelector<HTMLElement>('td.born')!.click();
    rows(el)[0]!.querySelector<HTMLButtonElement>('.select')!.focus();
    await sendKeys({ press: 'Enter' });
    expect(chosen).to.deep.equal([`Patient/${CLEMENTE.id}`, `Patient/${TONY.id}`]);
  });

  it('shows a patient created, renamed or deleted in the store without a reload of the page', async () => {
    const store = await storeWith(await patientsOf(TONY.file));
    const el = await listIn(store);
    const created = await store.create<Patient>({ resourceType: 'Patient', name: [{ family: 'Abbott', given: ['Ann'] }], gender: 'female' });
    await waitUntil(() => rows(el).length === 2, 'the new patient never appeared');
    // no birth date, no MRN: said, not left blank
    expect(cells(rows(el)[0]!)).to.deep.equal(['ABBOTT, Ann', 'Not Known', 'Female', 'Not Known']);
    await store.delete('Patient', created.id!);
    await waitUntil(() => rows(el).length === 1, 'the deleted patient never went away');
  });

  it('says when the store holds no patient, and shows a failure with a retry', async () => {
    const empty = await listIn(new MemoryStore());
    expect(empty.hasCustomState('empty')).to.equal(true);
    expect(squash(shadow(empty).querySelector('[part="empty"]')!.textContent)).to.equal('No patients in this store.');
    await expect(empty).to.be.accessible();
    // the host may word it itself
    const own = await fixture(html`<cw-chart-provider locale="en-GB" time-zone="UTC" .store=${new MemoryStore()}><cw-patient-list><p slot="empty">Import patients first</p></cw-patient-list></cw-chart-provider>`);
    const ownList = own.querySelector('cw-patient-list')!;
    await loaded(ownList);
    const slot = shadow(ownList).querySelector<HTMLSlotElement>('slot[name="empty"]')!;
    expect(slot.assignedElements().map((node) => node.textContent)).to.deep.equal(['Import patients first']);
    const failing = await listIn(failingStore(new MemoryStore(), () => true, new UnavailableError({ resourceType: 'Patient' }, 'The store is down')));
    expect(failing.hasCustomState('error')).to.equal(true);
    expect(squash(shadow(failing).querySelector('[part="error"] span')!.textContent)).to.equal('This information could not be loaded.');
    expect(shadow(failing).querySelector('[part="retry"]')).to.not.equal(null);
    await expect(failing).to.be.accessible();
  });

  for (const theme of ['dark', 'high-contrast']) {
    it(`passes axe in the ${theme} theme`, async () => {
      const el = await listIn(await storeWith(await patientsOf(TONY.file, TOBIE.file)), theme);
      expect(rows(el)).to.have.length(2);
      await expect(el).to.be.accessible();
    });
  }
});
