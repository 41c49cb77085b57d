import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { AllergyIntolerance, Bundle, Condition, MedicationRequest, MedicationStatement, Provenance, Resource } from '@chartwell/fhir';
import { ForbiddenError, UnavailableError } from '@chartwell/core';
import type { ChartStore, MemoryStore } from '@chartwell/core';
import { TONY, failingStore, storeWith, syntheaResources } from '../../../../../test/support/browser-fixtures.js';
import '../../define/cw-chart-provider.js';
import '../../define/cw-reconcile.js';
import type { CwReconcile } from './reconcile.js';
import type { CwReconcileCompleteEvent } from '../../events/reconcile-complete-event.js';
import type { CwErrorEvent } from '../../events/error-event.js';
import type { ReconcileIncoming } from './reconcile-incoming.js';

const shadow = (el: HTMLElement) => el.shadowRoot!;
const text = (node: Element | ShadowRoot) => (node.textContent ?? '').replace(/\s+/g, ' ').trim();
const loaded = (el: CwReconcile) => waitUntil(() => !el.hasCustomState('loading'), 'the widget never finished loading');
const itemOf = (el: HTMLElement, name: string) => [...shadow(el).querySelectorAll('[part="item"]')].find((item) => item.querySelector('.name')?.textContent === name)!;
const radio = (item: Element, decision: string) => item.querySelector<HTMLInputElement>(`input[value="${decision}"]`)!;
const checked = (item: Element) => item.querySelector<HTMLInputElement>('input:checked')?.value;

// Tony Douglas (Synthea, test/fixtures/synthea/smart-r4-2019): records as in the file
const HCTZ = 'MedicationRequest/442a19b9-08f5-4d92-9c3e-e84c7aaa67d4'; // Hydrochlorothiazide 25 MG, RxNorm 316049, active
const NAPROXEN = 'MedicationRequest/8c91b025-28fb-4bc1-9b93-36ebf0d81408'; // Naproxen sodium 220 MG Oral Tablet, RxNorm 849574, active, no dosage
const EGGS = 'AllergyIntolerance/ea5630ff-bbe3-4d8d-9362-e9855991c7b1'; // Allergy to eggs, SNOMED 91930004, criticality low
const HYPERTENSION = 'Condition/6248675c-e328-4f03-ab75-f1b559b68c13'; // Hypertension, SNOMED 38341003, active
const HOSPITAL = 'St Elsewhere Hospital';
const HOSPITAL_SYSTEM = 'https://st-elsewhere.example.org/fhir';

const find = <T extends Resource>(resources: readonly Resource[], reference: string) => {
  const found = resources.find((resource) => `${resource.resourceType}/${resource.id ?? ''}` === reference);
  if (!found) throw new Error(`${reference} is not in the fixture`);
  return structuredClone(found) as T;
};

/**
 * What another hospital sends about Tony: his own records, copied from the Synthea file and
 * changed (a Bundle with `urn:uuid:` fullUrls, an Organization and a Provenance, as the converters give):
 * hydrochlorothiazide stopped (a conflict), naproxen with a dose (a match: a dose on one side only
 * is no conflict), the egg allergy of high criticality (a conflict), hypertension as recorded
 * (a match), and a new lisinopril statement.
 */
function hospitalBundle(tony: readonly Resource[]): Bundle {
  const foreign = <T extends Resource>(resource: T): T => {
    const { id: _id, meta: _meta, ...rest } = resource as T & { id?: string };
    return { ...rest, meta: { source: HOSPITAL_SYSTEM, lastUpdated: '2026-11-20T09:30:00Z' }, ...('subject' in resource ? { subject: { reference: 'urn:uuid:patient' } } : {}), ...('patient' in resource ? { patient: { reference: 'urn:uuid:patient' } } : {}) } as T;
  };
  const hctz = foreign(find<MedicationRequest>(tony, HCTZ));
  hctz.status = 'stopped';
  const naproxen = foreign(find<MedicationRequest>(tony, NAPROXEN));
  naproxen.dosageInstruction = [{ text: '1 tablet twice daily with food' }];
  const eggs = foreign(find<AllergyIntolerance>(tony, EGGS));
  eggs.criticality = 'high';
  const hypertension = foreign(find<Condition>(tony, HYPERTENSION));
  const lisinopril: MedicationStatement = {
    resourceType: 'MedicationStatement',
    meta: { source: HOSPITAL_SYSTEM, lastUpdated: '2026-11-20T09:30:00Z' },
    status: 'active',
    medicationCodeableConcept: { coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '314076', display: 'lisinopril 10 MG Oral Tablet' }], text: 'lisinopril 10 MG Oral Tablet' },
    subject: { reference: 'urn:uuid:patient' },
  };
  const records: [string, Resource][] = [['urn:uuid:hctz', hctz], ['urn:uuid:naproxen', naproxen], ['urn:uuid:eggs', eggs], ['urn:uuid:hypertension', hypertension], ['urn:uuid:lisinopril', lisinopril]];
  const provenance: Provenance = {
    resourceType: 'Provenance',
    target: records.map(([fullUrl]) => ({ reference: fullUrl })),
    recorded: '2026-11-20T09:30:00Z',
    agent: [{ who: { reference: 'urn:uuid:hospital' } }],
  };
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      { fullUrl: 'urn:uuid:hospital', resource: { resourceType: 'Organization', name: HOSPITAL } },
      ...records.map(([fullUrl, resource]) => ({ fullUrl, resource })),
      { fullUrl: 'urn:uuid:provenance', resource: provenance },
    ],
  };
}

/** A `<cw-reconcile>` for Tony inside a provider over `store`, once loaded, after a button to start tabbing from. */
async function widgetIn(store: ChartStore, incoming: ReconcileIncoming | undefined, theme = 'light') {
  const root = await fixture(html`<div>
    <button id="before">Before</button>
    <cw-chart-provider theme=${theme} locale="en-GB" time-zone="UTC" .store=${store}>
      <cw-reconcile patient-id=${TONY.id} .incoming=${incoming}></cw-reconcile>
    </cw-chart-provider>
  </div>`);
  const el = root.querySelector('cw-reconcile')!;
  await loaded(el);
  return { el, before: root.querySelector<HTMLButtonElement>('#before')! };
}

async function tonyAndHospital() {
  const tony = await syntheaResources(TONY.file);
  const store = await storeWith(tony);
  return { tony, store, incoming: hospitalBundle(tony) };
}

const press = async (el: CwReconcile, ...keys: string[]) => {
  for (const key of keys) {
    await sendKeys({ press: key });
    await el.updateComplete;
  }
};

/** The focused element inside the widget. */
const focused = (el: CwReconcile) => shadow(el).activeElement as HTMLElement | null;

describe('<cw-reconcile>', function () {
  this.timeout(15000);

  it('shows the three groups, each item with both sides, its source and last update, a status in words and icon, and the differences of conflicts', async () => {
    const { store, incoming } = await tonyAndHospital();
    const { el } = await widgetIn(store, incoming);
    expect(text(shadow(el).querySelector('h2')!)).to.equal('Reconcile incoming records');
    expect(text(shadow(el).querySelector('[part="incoming-source"]')!)).to.equal(`Incoming records from ${HOSPITAL}`);
    // Tony has 4 medication orders, 7 allergies and 7 conditions; the hospital adds lisinopril
    const groups = [...shadow(el).querySelectorAll('[part="group"] h3')].map(text);
    expect(groups).to.deep.equal(['Medications (5)', 'Allergies (7)', 'Problems (7)']);

    const hctz = itemOf(el, 'Hydrochlorothiazide 25 MG');
    expect(hctz.getAttribute('data-status')).to.equal('conflicting');
    expect(text(hctz.querySelector('[part="status"]')!)).to.equal('Conflicts with the chart');
    expect(hctz.querySelector('[part="status"] .icon-conflicting')!.getAttribute('aria-hidden')).to.equal('true');
    const [local, remote] = [...hctz.querySelectorAll('.side')];
    expect(text(local!.querySelector('h5')!)).to.equal('In this chart');
    expect(text(local!.querySelector('.record-status')!)).to.equal('active');
    expect(text(remote!.querySelector('h5')!)).to.equal('Incoming');
    expect(text(remote!.querySelector('.record-status')!)).to.equal('stopped');
    expect(text(remote!.querySelector('.source')!)).to.equal(`${HOSPITAL} (${HOSPITAL_SYSTEM})`);
    expect(text(remote!.querySelector('.updated')!)).to.equal('20-Nov-2026 09:30');
    expect(text(local!.querySelector('.source')!)).to.not.contain(HOSPITAL);
    expect([...hctz.querySelectorAll('.difference')].map(text)).to.deep.equal(['Status: active in this chart, stopped incoming']);
    // the item is a group named by the drug; its decisions a fieldset with a legend
    const group = hctz.querySelector('[role="group"]')!;
    expect(text(shadow(el).getElementById(group.getAttribute('aria-labelledby')!)!)).to.equal('Hydrochlorothiazide 25 MG');
    expect(text(hctz.querySelector('legend')!)).to.equal('Decision for Hydrochlorothiazide 25 MG');
    expect([...hctz.querySelectorAll('input[type="radio"]')].map((input) => (input as HTMLInputElement).value)).to.deep.equal(['keep', 'replace', 'merge', 'reject']);
    expect(checked(hctz)).to.equal(undefined); // no default for a conflict
    const replace = radio(hctz, 'replace');
    expect(text(replace.labels![0]!)).to.equal('Replace');
    expect(text(shadow(el).getElementById(replace.getAttribute('aria-describedby')!)!)).to.equal('(the incoming record replaces the chart’s)');

    const eggs = itemOf(el, 'Allergy to eggs');
    expect([...eggs.querySelectorAll('.difference')].map(text)).to.deep.equal(['Criticality: low in this chart, high incoming']);

    const naproxen = itemOf(el, 'Naproxen sodium 220 MG Oral Tablet');
    expect(naproxen.getAttribute('data-status')).to.equal('matching');
    expect(text(naproxen.querySelector('[part="status"]')!)).to.equal('Matches the chart');
    expect(checked(naproxen)).to.equal('keep');
    expect(text(naproxen.querySelectorAll('.side')[0]!.querySelector('.dose')!)).to.equal('Not recorded');

    const lisinopril = itemOf(el, 'lisinopril 10 MG Oral Tablet');
    expect(lisinopril.getAttribute('data-status')).to.equal('new');
    expect(text(lisinopril.querySelector('[part="status"]')!)).to.equal('New: not in this chart');
    expect(text(lisinopril.querySelectorAll('.side')[0]!)).to.contain('Not recorded here');
    expect([...lisinopril.querySelectorAll('input[type="radio"]')].map((input) => (input as HTMLInputElement).value)).to.deep.equal(['add', 'reject']);
    expect(checked(lisinopril)).to.equal('add');

    const penicillin = itemOf(el, 'Penicillin V Potassium 500 MG Oral Tablet');
    expect(penicillin.getAttribute('data-status')).to.equal('local-only');
    expect(penicillin.querySelector('input')).to.equal(null);
    expect(text(penicillin)).to.contain('Only in this chart: kept as it is.');
    expect(text(shadow(el).querySelector('[part="as-of"]')!)).to.match(/^Data as of .+ · /);
    await expect(el).to.be.accessible();
  });

  it('does not go to the review while a conflicting item has no decision, and says which', async () => {
    const { store, incoming } = await tonyAndHospital();
    const { el } = await widgetIn(store, incoming);
    shadow(el).querySelector<HTMLButtonElement>('#review-button')!.click();
    await el.updateComplete;
    expect(shadow(el).querySelector('#review-heading')).to.equal(null);
    expect(text(shadow(el).querySelector('[part="message"]')!)).to.equal('Choose a decision for every conflicting item first (2 left).');
    // focus goes to the first undecided item
    expect(focused(el)).to.equal(radio(itemOf(el, 'Hydrochlorothiazide 25 MG'), 'keep'));
    expect(text(itemOf(el, 'Hydrochlorothiazide 25 MG').querySelector('.needed')!)).to.equal('Choose a decision: the records disagree.');
    await expect(el).to.be.accessible();

    radio(itemOf(el, 'Hydrochlorothiazide 25 MG'), 'replace').click();
    await el.updateComplete;
    shadow(el).querySelector<HTMLButtonElement>('#review-button')!.click();
    await el.updateComplete;
    expect(text(shadow(el).querySelector('[part="message"]')!)).to.equal('Choose a decision for every conflicting item first (1 left).');
    expect(focused(el)).to.equal(radio(itemOf(el, 'Allergy to eggs'), 'keep'));

    radio(itemOf(el, 'Allergy to eggs'), 'keep').click();
    await el.updateComplete;
    shadow(el).querySelector<HTMLButtonElement>('#review-button')!.click();
    await el.updateComplete;
    expect(text(shadow(el).querySelector('#review-heading')!)).to.equal('Review what will be written');
    expect(shadow(el).querySelector('[part="message"]')).to.equal(null);
  });

  it('goes through keep, replace, merge and reject, review and confirm with the keyboard alone, and the store then holds exactly what was decided, with a Provenance each', async () => {
    const { store, incoming } = await tonyAndHospital();
    const provenanceBefore = (await store.search('Provenance', { _count: 1000 })).length;
    const { el, before } = await widgetIn(store, incoming);
    const completed: CwReconcileCompleteEvent[] = [];
    el.addEventListener('cw-reconcile-complete', (event) => completed.push(event));
    before.focus();
    // hydrochlorothiazide (conflict, nothing chosen): Tab lands on its first radio, ArrowRight chooses Replace
    await press(el, 'Tab');
    expect(focused(el)).to.equal(radio(itemOf(el, 'Hydrochlorothiazide 25 MG'), 'keep'));
    await press(el, 'ArrowRight');
    expect(checked(itemOf(el, 'Hydrochlorothiazide 25 MG'))).to.equal('replace');
    // naproxen (match, Keep by default): Merge, two along
    await press(el, 'Tab', 'ArrowRight', 'ArrowRight');
    expect(checked(itemOf(el, 'Naproxen sodium 220 MG Oral Tablet'))).to.equal('merge');
    // lisinopril (new, Add by default): left as it is
    await press(el, 'Tab');
    expect(focused(el)).to.equal(radio(itemOf(el, 'lisinopril 10 MG Oral Tablet'), 'add'));
    // the egg allergy (conflict): Space chooses Keep
    await press(el, 'Tab', 'Space');
    expect(checked(itemOf(el, 'Allergy to eggs'))).to.equal('keep');
    // hypertension (match, Keep by default): ArrowLeft wraps round to Reject
    await press(el, 'Tab', 'ArrowLeft');
    expect(checked(itemOf(el, 'Hypertension'))).to.equal('reject');
    // then the Review button
    await press(el, 'Tab');
    expect(focused(el)?.id).to.equal('review-button');
    await press(el, 'Enter');
    expect(focused(el)?.id).to.equal('review-heading');
    const review = shadow(el).querySelector('[part="review"]')!;
    expect([...review.querySelectorAll('.review-count')].map(text)).to.deep.equal(['Add: 1', 'Replace: 1', 'Merge: 1', 'Keep: 1', 'Reject: 1']);
    expect([...review.querySelectorAll('ul[data-decision="replace"] li')].map(text)).to.deep.equal(['Hydrochlorothiazide 25 MG']);
    expect([...review.querySelectorAll('ul[data-decision="merge"] li')].map(text)).to.deep.equal(['Naproxen sodium 220 MG Oral Tablet']);
    expect([...review.querySelectorAll('ul[data-decision="keep"] li')].map(text)).to.deep.equal(['Allergy to eggs']);
    expect([...review.querySelectorAll('ul[data-decision="add"] li')].map(text)).to.deep.equal(['lisinopril 10 MG Oral Tablet']);
    expect([...review.querySelectorAll('ul[data-decision="reject"] li')].map(text)).to.deep.equal(['Hypertension']);
    await expect(el).to.be.accessible();
    // Back, Confirm: Tab twice, Enter
    await press(el, 'Tab', 'Tab');
    expect(focused(el)?.id).to.equal('confirm-button');
    await press(el, 'Enter');
    await waitUntil(() => completed.length === 1, 'cw-reconcile-complete was never fired');
    await el.updateComplete;
    expect(text(shadow(el).querySelector('[part="done"]')!)).to.equal('Reconciliation written 3 records written to the chart, each with its Provenance (3).');
    expect(focused(el)?.id).to.equal('done-heading');
    await expect(el).to.be.accessible();

    const { detail } = completed[0]!;
    expect(detail.patient).to.equal(`Patient/${TONY.id}`);
    expect(Object.values(detail.decisions).sort()).to.deep.equal(['add', 'keep', 'merge', 'reject', 'replace']);
    expect(detail.written).to.have.length(3);
    expect(detail.written).to.include(HCTZ).and.include(NAPROXEN);

    // replaced: the hospital's stopped order is the next version of the chart's
    const hctz = await store.read('MedicationRequest', HCTZ.split('/')[1]!);
    expect(hctz.status).to.equal('stopped');
    expect(hctz.meta?.versionId).to.equal('2');
    expect(hctz.subject?.reference).to.equal(`Patient/${TONY.id}`);
    // merged: the chart's order gains the dose it lacked, and stays active
    const naproxen = await store.read('MedicationRequest', NAPROXEN.split('/')[1]!);
    expect(naproxen.status).to.equal('active');
    expect(naproxen.dosageInstruction?.[0]?.text).to.equal('1 tablet twice daily with food');
    // kept and rejected: untouched
    expect((await store.read('AllergyIntolerance', EGGS.split('/')[1]!)).criticality).to.equal('low');
    expect((await store.read('AllergyIntolerance', EGGS.split('/')[1]!)).meta?.versionId).to.equal('1');
    expect((await store.read('Condition', HYPERTENSION.split('/')[1]!)).meta?.versionId).to.equal('1');
    // added: one statement, in Tony's chart
    const statements = await store.search('MedicationStatement', { patient: `Patient/${TONY.id}` });
    expect(statements.map((statement) => statement.medicationCodeableConcept?.text)).to.deep.equal(['lisinopril 10 MG Oral Tablet']);
    expect(detail.written).to.include(`MedicationStatement/${statements[0]!.id ?? ''}`);
    // a Provenance for each written record, naming the hospital
    const provenance = await store.search('Provenance', { _count: 1000 });
    expect(provenance.length - provenanceBefore).to.equal(3);
    const written = provenance.filter((record) => detail.provenance.includes(`Provenance/${record.id ?? ''}`));
    expect(written.map((record) => record.target[0]?.reference).sort()).to.deep.equal([...detail.written].sort());
    for (const record of written) expect(record.agent[0]?.who?.display).to.equal(HOSPITAL);
  });

  it('shows an error when the write fails, writes nothing, and keeps every decision', async () => {
    const { store: inner, incoming } = await tonyAndHospital();
    const store = new Proxy(inner, {
      get(target, property, receiver) {
        if (property === 'transaction') return () => Promise.reject(new UnavailableError({ resourceType: 'MedicationRequest' }, 'IndexedDB is closed'));
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    }) as MemoryStore;
    const { el } = await widgetIn(store, incoming);
    const completed: Event[] = [];
    el.addEventListener('cw-reconcile-complete', (event) => completed.push(event));
    const errors: CwErrorEvent[] = [];
    el.addEventListener('cw-error', (event) => errors.push(event));
    radio(itemOf(el, 'Hydrochlorothiazide 25 MG'), 'replace').click();
    radio(itemOf(el, 'Allergy to eggs'), 'reject').click();
    radio(itemOf(el, 'Naproxen sodium 220 MG Oral Tablet'), 'merge').click();
    await el.updateComplete;
    shadow(el).querySelector<HTMLButtonElement>('#review-button')!.click();
    await el.updateComplete;
    shadow(el).querySelector<HTMLButtonElement>('#confirm-button')!.click();
    await waitUntil(() => shadow(el).querySelector('[part="message"]') !== null, 'no failure was shown');
    expect(text(shadow(el).querySelector('[part="message"]')!)).to.equal('The decisions could not be written. Nothing was changed, and your decisions are kept: try again.');
    expect(shadow(el).querySelector('[part="message"]')!.getAttribute('role')).to.equal('alert');
    // still the review, with the same counts
    expect([...shadow(el).querySelectorAll('.review-count')].map(text)).to.deep.equal(['Add: 1', 'Replace: 1', 'Merge: 1', 'Keep: 1', 'Reject: 1']);
    expect(completed).to.have.length(0);
    // the host hears why, as an OperationOutcome
    expect(errors).to.have.length(1);
    expect(errors[0]!.detail.patientId).to.equal(TONY.id);
    expect(errors[0]!.detail.outcome.issue[0]?.diagnostics).to.contain('IndexedDB is closed');
    await expect(el).to.be.accessible();
    // nothing written
    expect((await inner.read('MedicationRequest', HCTZ.split('/')[1]!)).meta?.versionId).to.equal('1');
    expect(await inner.search('MedicationStatement', { patient: `Patient/${TONY.id}` })).to.have.length(0);
    // back to the choices: each as the user left it
    shadow(el).querySelector<HTMLButtonElement>('#back-button')!.click();
    await el.updateComplete;
    expect(checked(itemOf(el, 'Hydrochlorothiazide 25 MG'))).to.equal('replace');
    expect(checked(itemOf(el, 'Allergy to eggs'))).to.equal('reject');
    expect(checked(itemOf(el, 'Naproxen sodium 220 MG Oral Tablet'))).to.equal('merge');
  });

  it('writes nothing when the host cancels cw-reconcile-confirm', async () => {
    const { store, incoming } = await tonyAndHospital();
    const { el } = await widgetIn(store, incoming);
    const confirms: string[][] = [];
    el.addEventListener('cw-reconcile-confirm', (event) => {
      confirms.push(Object.values(event.detail.decisions).sort());
      event.preventDefault();
    });
    radio(itemOf(el, 'Hydrochlorothiazide 25 MG'), 'replace').click();
    radio(itemOf(el, 'Allergy to eggs'), 'keep').click();
    await el.updateComplete;
    shadow(el).querySelector<HTMLButtonElement>('#review-button')!.click();
    await el.updateComplete;
    shadow(el).querySelector<HTMLButtonElement>('#confirm-button')!.click();
    await el.updateComplete;
    expect(confirms).to.deep.equal([['add', 'keep', 'keep', 'keep', 'replace']]);
    expect(shadow(el).querySelector('#review-heading')).to.not.equal(null);
    expect((await store.read('MedicationRequest', HCTZ.split('/')[1]!)).meta?.versionId).to.equal('1');
  });

  it('names the incoming-source label as the source of records that name no organisation', async () => {
    const store = await storeWith(await syntheaResources(TONY.file));
    const statement: MedicationStatement = { resourceType: 'MedicationStatement', status: 'active', medicationCodeableConcept: { text: 'Atenolol 25 MG Oral Tablet' }, subject: { reference: `Patient/${TONY.id}` }, meta: { source: 'urn:oid:2.16.840.1.113883.19' } };
    const provider = await fixture(html`<cw-chart-provider locale="en-GB" time-zone="UTC" .store=${store}>
      <cw-reconcile patient-id=${TONY.id} incoming-source="Springfield HIE" .incoming=${[statement]}></cw-reconcile>
    </cw-chart-provider>`);
    const el = provider.querySelector('cw-reconcile')!;
    await loaded(el);
    expect(text(shadow(el).querySelector('[part="incoming-source"]')!)).to.equal('Incoming records from Springfield HIE');
    const [, remote] = [...itemOf(el, 'Atenolol 25 MG Oral Tablet').querySelectorAll('.side')];
    expect(text(remote!.querySelector('.source')!)).to.equal('Springfield HIE (urn:oid:2.16.840.1.113883.19)');
    expect(text(remote!.querySelector('.updated')!)).to.equal('Not recorded');
  });

  it('warns, and shows nothing to reconcile, when .incoming is neither resources nor a Bundle', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(String(args[0]));
    try {
      const { el } = await widgetIn(await storeWith(await syntheaResources(TONY.file)), 'MSH|^~\\&|' as unknown as ReconcileIncoming);
      expect(el.hasCustomState('empty')).to.equal(true);
      expect(text(shadow(el).querySelector('[part="empty"]')!)).to.equal('No incoming records to reconcile.');
      expect(warnings).to.deep.equal(['<cw-reconcile>: .incoming must be an array of FHIR resources or a Bundle; nothing to reconcile is shown']);
    } finally {
      console.warn = warn;
    }
  });

  describe('states', () => {
    it('says there is nothing to reconcile without incoming records, and when they hold no medication, allergy or problem', async () => {
      const tony = await syntheaResources(TONY.file);
      const { el } = await widgetIn(await storeWith(tony), undefined);
      expect(el.hasCustomState('empty')).to.equal(true);
      expect(text(shadow(el).querySelector('[part="empty"]')!)).to.equal('No incoming records to reconcile.');
      expect(shadow(el).querySelector('[part="as-of"]')).to.not.equal(null);
      await expect(el).to.be.accessible();
      // the patient alone (an ADT message's content, say)
      el.incoming = [find<Resource>(tony, `Patient/${TONY.id}`)];
      await waitUntil(() => text(shadow(el).querySelector('[part="empty"]') ?? shadow(el)).startsWith('The incoming'), 'the new records were never loaded');
      expect(text(shadow(el).querySelector('[part="empty"]')!)).to.equal('The incoming records hold no medications, allergies or problems: nothing to reconcile.');
      await expect(el).to.be.accessible();
    });

    it('shows the loading state, labelled', async () => {
      const { store, incoming } = await tonyAndHospital();
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const slow = new Proxy(store, {
        get(target, property, receiver) {
          if (property === 'search') return async (...args: Parameters<ChartStore['search']>) => (await gate, target.search(...args));
          const value: unknown = Reflect.get(target, property, receiver);
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
        },
      });
      const root = await fixture(html`<cw-chart-provider .store=${slow}><cw-reconcile patient-id=${TONY.id} .incoming=${incoming}></cw-reconcile></cw-chart-provider>`);
      const el = root.querySelector('cw-reconcile')!;
      await el.updateComplete;
      expect(el.hasCustomState('loading')).to.equal(true);
      expect(text(shadow(el).querySelector('[part="loading"]')!)).to.equal('Loading the chart to reconcile…');
      await expect(el).to.be.accessible();
      release();
      await loaded(el);
    });

    it('shows an error with a retry when the chart cannot be read, and loads on retry', async () => {
      const { store: inner, incoming } = await tonyAndHospital();
      let failing = true;
      const store = failingStore(inner, (method, type) => failing && method === 'search' && type === 'Condition', new UnavailableError({ resourceType: 'Condition' }, 'IndexedDB is closed'));
      const { el } = await widgetIn(store, incoming);
      expect(el.hasCustomState('error')).to.equal(true);
      expect(text(shadow(el).querySelector('[part="error"]')!)).to.contain('This information could not be loaded.');
      await expect(el).to.be.accessible();
      failing = false;
      shadow(el).querySelector<HTMLButtonElement>('[part="retry"]')!.click();
      await waitUntil(() => shadow(el).querySelector('[part="item"]') !== null, 'the retry never loaded the chart');
      expect(el.hasCustomState('error')).to.equal(false);
    });

    it('shows the restricted state, naming nothing withheld, with no retry', async () => {
      const { store: inner, incoming } = await tonyAndHospital();
      const store = failingStore(inner, (method, type) => method === 'search' && type === 'AllergyIntolerance', new ForbiddenError({ resourceType: 'AllergyIntolerance' }));
      const { el } = await widgetIn(store, incoming);
      expect(el.hasCustomState('restricted')).to.equal(true);
      expect(text(shadow(el).querySelector('[part="error"]')!)).to.equal('You do not have permission to see this information.');
      expect(shadow(el).querySelector('[part="retry"]')).to.equal(null);
      expect(shadow(el).querySelector('[part="item"]')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    for (const theme of ['dark', 'high-contrast']) {
      it(`passes axe (colour contrast included) in the ${theme} theme`, async () => {
        const { store, incoming } = await tonyAndHospital();
        const { el } = await widgetIn(store, incoming, theme);
        shadow(el).querySelector<HTMLButtonElement>('#review-button')!.click(); // the conflict message on screen too
        await el.updateComplete;
        await expect(el.parentElement!).to.be.accessible();
      });
    }
  });
});
