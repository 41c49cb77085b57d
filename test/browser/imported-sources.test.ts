// Provenance end to end (issue #9): real HL7 v2 messages converted with hl7v2ToFhir, imported into
// an IndexedDbStore beside a Synthea chart (and a C-CDA discharge summary converted in the browser),
// and shown by the chart widgets, which name the sending
// organisation as the source of each imported item and no organisation for the local ones.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { deleteDB } from 'idb';
import { importBundle } from '@chartwell/core';
import { IndexedDbStore } from '@chartwell/store-idb';
import { ccdaToFhir, hl7v2ToFhir } from '@chartwell/interop';
import '@chartwell/elements/define/cw-chart-provider.js';
import '@chartwell/elements/define/cw-med-list.js';
import '@chartwell/elements/define/cw-results.js';
import '@chartwell/elements/define/cw-reconcile.js';
import '@chartwell/elements/define/cw-allergy-banner.js';
import '@chartwell/elements/define/cw-problem-list.js';
import type { CwMedList, CwReconcileCompleteEvent } from '@chartwell/elements';
import { CLEMENTE, TONY, syntheaResources } from '../support/browser-fixtures.js';
import type { Bundle } from '@chartwell/fhir';
import { ignoreResizeObserverLoopErrors } from '../support/benign-errors.js';

const name = `chartwell-imported-sources-test-${crypto.randomUUID()}`;
let store: IndexedDbStore;

const squash = (value: string | null | undefined) => (value ?? '').replace(/\s+/g, ' ').trim();

async function message(file: string): Promise<string> {
  const response = await fetch(`/test/fixtures/hl7v2/${file}`);
  if (!response.ok) throw new Error(`test/fixtures/hl7v2/${file}: HTTP ${response.status}`);
  return response.text();
}

/** The sending facility's name, read from the message itself: MSH-4, first component. */
function sendingFacility(text: string): string {
  const msh = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)[0]!;
  const fieldSeparator = msh[3]!;
  const componentSeparator = msh[4]!;
  return msh.split(fieldSeparator)[3]!.split(componentSeparator)[0]!;
}

/** Imports a converted message; gives the id of the Patient it created, and the reference of its sending Organization. */
async function importMessage(text: string): Promise<{ patientId: string; organization: string }> {
  const bundle = hl7v2ToFhir(text);
  const urlOf = (type: string) => bundle.entry?.find((entry) => entry.resource?.resourceType === type)?.fullUrl ?? '';
  const result = await importBundle(store, bundle);
  const patient = result.idMap.get(urlOf('Patient'));
  const organization = result.idMap.get(urlOf('Organization'));
  if (!patient?.startsWith('Patient/') || !organization?.startsWith('Organization/')) throw new Error('the message created no Patient or no Organization');
  return { patientId: patient.slice('Patient/'.length), organization };
}

async function widget<T extends HTMLElement & { hasCustomState(state: string): boolean }>(template: ReturnType<typeof html>, tag: string): Promise<T> {
  const provider = await fixture(html`<cw-chart-provider locale="en-GB" time-zone="UTC" .store=${store}>${template}</cw-chart-provider>`);
  const el = provider.querySelector(tag) as T;
  await waitUntil(() => !el.hasCustomState('loading'), `<${tag}> never finished loading`, { timeout: 5000 });
  return el;
}

describe('imported records show their source organisation in the chart widgets', function () {
  this.timeout(20000);
  ignoreResizeObserverLoopErrors();
  let pharmacy: { text: string; patientId: string; organization: string };
  let lab: { text: string; patientId: string; organization: string };

  before(async () => {
    store = new IndexedDbStore({ name });
    // the local charts: Tony Douglas and Clemente Kreiger (Synthea), written as this store's own records
    const local = [...(await syntheaResources(TONY.file)), ...(await syntheaResources(CLEMENTE.file))];
    await store.transaction(local.map((resource) => ({ op: 'update' as const, resource })));
    const rde = await message('RDE-O11-01.hl7');
    const oru = await message('ORU-R01-01.hl7');
    pharmacy = { text: rde, ...(await importMessage(rde)) };
    lab = { text: oru, ...(await importMessage(oru)) };
  });

  after(async () => {
    store.close();
    await deleteDB(name);
  });

  it('<cw-med-list> names the sending facility of the RDE^O11 order, and none for the local orders', async () => {
    const facility = sendingFacility(pharmacy.text);
    expect(facility).to.equal('GHHSFacility'); // MSH-4 of RDE-O11-01.hl7
    const imported = await widget(html`<cw-med-list patient-id=${pharmacy.patientId}></cw-med-list>`, 'cw-med-list');
    const sources = [...imported.shadowRoot!.querySelectorAll('[part="item"] .source')].map((node) => squash(node.textContent));
    // one order (RXE-2: the nicardipine infusion), from the facility, its system the facility's OID and the message control ID (MSH-10)
    expect(sources).to.have.length(1);
    expect(sources[0]).to.match(new RegExp(`^${facility} \\(urn:oid:2\\.16\\.840\\.1\\.122848\\.1\\.30#MSG00001\\), updated `));
    await expect(imported).to.be.accessible();

    const local = await widget(html`<cw-med-list patient-id=${TONY.id}></cw-med-list>`, 'cw-med-list');
    const localSources = [...local.shadowRoot!.querySelectorAll('[part="item"] .source')].map((node) => squash(node.textContent));
    expect(localSources).to.have.length(3); // Tony's three current orders
    for (const source of localSources) {
      expect(source).to.not.contain(facility);
      expect(source).to.not.contain('('); // no organisation: the system alone
    }
  });

  it('<cw-results> names the sending lab of the ORU^R01 report, and none for the local reports', async () => {
    const labName = sendingFacility(lab.text);
    expect(labName).to.equal('IA Public Health Lab'); // MSH-4 of ORU-R01-01.hl7
    const imported = await widget(html`<cw-results patient-id=${lab.patientId}></cw-results>`, 'cw-results');
    await waitUntil(() => imported.shadowRoot!.querySelector('.row-report .source') !== null, 'no report row was rendered');
    const sources = [...imported.shadowRoot!.querySelectorAll('.row-report .source')].map((node) => squash(node.textContent));
    expect(sources.length).to.be.greaterThan(0);
    for (const source of sources) expect(source).to.match(new RegExp(`^Source: ${labName} \\(urn:oid:2\\.16\\.840\\.1\\.114222\\.4\\.1\\.10411#`));

    const local = await widget(html`<cw-results patient-id=${TONY.id}></cw-results>`, 'cw-results');
    await waitUntil(() => local.shadowRoot!.querySelector('.row-report .source') !== null, 'no local report row was rendered');
    for (const node of local.shadowRoot!.querySelectorAll('.row-report .source')) {
      expect(squash(node.textContent)).to.not.contain(labName);
      expect(squash(node.textContent)).to.not.contain('(');
    }
  });

  /** Reconciles the RDE^O11 message into a chart with <cw-reconcile>, adding its order; gives the reference written. */
  async function reconcileOrder(patientId: string, sourceOrganization?: { reference: string; display: string }): Promise<string> {
    const written = await reconcileAll(patientId, hl7v2ToFhir(pharmacy.text), sourceOrganization);
    expect(written).to.have.length(1);
    return written[0]!;
  }

  /** Reconciles `incoming` into a chart with <cw-reconcile>, every item new and added (the default); gives the references written. */
  async function reconcileAll(patientId: string, incoming: Bundle, sourceOrganization?: { reference: string; display: string }): Promise<readonly string[]> {
    const el = await widget(html`<cw-reconcile patient-id=${patientId} .incoming=${incoming} .sourceOrganization=${sourceOrganization}></cw-reconcile>`, 'cw-reconcile');
    const root = el.shadowRoot!;
    const withIncoming = root.querySelectorAll('[part="item"]:not([data-status="local-only"])');
    expect(withIncoming.length).to.be.greaterThan(0);
    expect([...withIncoming].map((item) => item.getAttribute('data-status'))).to.deep.equal([...withIncoming].map(() => 'new'));
    const completed = new Promise<CwReconcileCompleteEvent>((resolve, reject) => {
      el.addEventListener('cw-reconcile-complete', resolve, { once: true });
      el.addEventListener('cw-error', (event) => reject(new Error(JSON.stringify(event.detail.outcome))), { once: true });
    });
    root.querySelector<HTMLButtonElement>('#review-button')!.click();
    await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    root.querySelector<HTMLButtonElement>('#confirm-button')!.click();
    const { detail } = await completed;
    return detail.written;
  }

  /** The source line of a record in a patient's medication list (either tab). */
  async function medSourceOf(patientId: string, reference: string): Promise<string> {
    const list = await widget<CwMedList>(html`<cw-med-list patient-id=${patientId}></cw-med-list>`, 'cw-med-list');
    const find = () => list.shadowRoot!.querySelector(`[part="item"][data-reference="${reference}"] .source`);
    if (!find()) {
      list.tab = 'past';
      await list.updateComplete;
    }
    return squash(find()?.textContent);
  }

  it('<cw-med-list> names the sending facility of an order reconciled with <cw-reconcile> when the widget is given the facility\'s Organization', async () => {
    const facility = sendingFacility(pharmacy.text);
    const written = await reconcileOrder(TONY.id, { reference: pharmacy.organization, display: facility });
    expect(await medSourceOf(TONY.id, written)).to.match(new RegExp(`^${facility} \\(urn:oid:2\\.16\\.840\\.1\\.122848\\.1\\.30#MSG00001\\), updated `));
  });

  it('<cw-med-list> names the sending facility of an order reconciled with the default source too: the Provenance names it as a display typed Organization', async () => {
    const facility = sendingFacility(pharmacy.text);
    const written = await reconcileOrder(CLEMENTE.id);
    expect(await medSourceOf(CLEMENTE.id, written)).to.match(new RegExp(`^${facility} \\(urn:oid:2\\.16\\.840\\.1\\.122848\\.1\\.30#MSG00001\\), updated `));
  });

  it('<cw-allergy-banner> and <cw-problem-list> name the hospital of a discharge summary converted by ccdaToFhir in the browser and reconciled with <cw-reconcile>', async () => {
    const xml = await (await fetch('/test/fixtures/ccda/hl7-c-cda-examples/Documents/Discharge Summary/Discharge_Summary.xml')).text();
    const document = new DOMParser().parseFromString(xml, 'application/xml');
    const hospital = squash(document.getElementsByTagNameNS('urn:hl7-org:v3', 'representedCustodianOrganization')[0]?.getElementsByTagNameNS('urn:hl7-org:v3', 'name')[0]?.textContent);
    expect(hospital).to.equal('Community Health and Hospitals');
    // the default source: the organisation the document's Provenance names, not held in this store
    const written = await reconcileAll(CLEMENTE.id, ccdaToFhir(xml));
    // the document's three Allergy - Intolerance Observations and three problem observations
    expect(written.filter((reference) => reference.startsWith('AllergyIntolerance/'))).to.have.length(3);
    expect(written.filter((reference) => reference.startsWith('Condition/'))).to.have.length(3);

    // Clemente Kreiger has no allergy recorded in the Synthea file, so every allergy shown came from the hospital
    const banner = await widget(html`<cw-allergy-banner patient-id=${CLEMENTE.id}></cw-allergy-banner>`, 'cw-allergy-banner');
    const allergySources = [...banner.shadowRoot!.querySelectorAll('[part="item"] .source')].map((node) => squash(node.textContent));
    expect(allergySources).to.have.length(3);
    for (const source of allergySources) expect(source).to.match(new RegExp(`^Source: ${hospital} \\(`));

    // his one condition (obesity) is local; the document's three problems (the values of its Problem Observations) name the hospital
    const problems = await widget(html`<cw-problem-list patient-id=${CLEMENTE.id}></cw-problem-list>`, 'cw-problem-list');
    const problemSources = [...problems.shadowRoot!.querySelectorAll('[part="item"]')].map((item) => [squash(item.querySelector('.name')?.textContent), squash(item.querySelector('.source')?.textContent)] as const);
    const fromHospital = problemSources.filter(([, source]) => new RegExp(`^Source: ${hospital} \\(`).test(source)).map(([name]) => name);
    expect(fromHospital.sort()).to.deep.equal(['Appendicitis', 'Dark stools', 'Dyspnea']);
    const local = problemSources.filter(([name]) => name === 'Body mass index 30+ - obesity (finding)');
    expect(local).to.have.length(1);
    expect(local[0]![1]).to.not.contain(hospital);
  });
});
