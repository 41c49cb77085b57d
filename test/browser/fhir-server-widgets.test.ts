// The chart widgets over FhirRestStore, in real Chromium, against a real FHIR server over HTTP
// (Medplum's FhirRouter, started on the Node side by test/support/fhir-server-commands.mjs), filled
// with a real Synthea patient; and a SMART standalone launch whose patient context opens the chart.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { FhirRestStore, SmartAuth } from '@chartwell/store-fhir';
import '@chartwell/elements/define/cw-chart-provider.js';
import '@chartwell/elements/define/cw-allergy-banner.js';
import '@chartwell/elements/define/cw-patient-banner.js';
import '@chartwell/elements/define/cw-med-list.js';
import '@chartwell/elements/define/cw-problem-list.js';
import { TONY, syntheaResources } from '../support/browser-fixtures.js';
import { followRedirect, putResources, startFhirServer, stopFhirServer, type StartedFhirServer } from '../support/fhir-server.js';

type Widget = HTMLElement & { hasCustomState(state: string): boolean };

const text = (el: Element) => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');
const loaded = (el: Widget) => waitUntil(() => !el.hasCustomState('loading'), `<${el.localName}> never finished loading`, { timeout: 10000 });

/** Puts Tony Douglas's Synthea record on the server. */
async function fillServer(baseUrl: string) {
  await putResources(baseUrl, await syntheaResources(TONY.file));
}

/** Tony's chart widgets inside a provider over `store`, once all have loaded. */
async function chartOver(store: FhirRestStore, patientId: string) {
  const provider = await fixture(html`<cw-chart-provider locale="en-GB" time-zone="UTC" .store=${store}>
    <cw-patient-banner patient-id=${patientId}></cw-patient-banner>
    <cw-allergy-banner patient-id=${patientId}></cw-allergy-banner>
    <cw-med-list patient-id=${patientId}></cw-med-list>
    <cw-problem-list patient-id=${patientId}></cw-problem-list>
  </cw-chart-provider>`);
  const widgets = [...provider.children] as Widget[];
  for (const el of widgets) await loaded(el);
  return widgets;
}

describe('chart widgets over FhirRestStore and a FHIR server over HTTP', function () {
  this.timeout(30000);
  const started: StartedFhirServer[] = [];

  after(async () => {
    for (const server of started) await stopFhirServer(server);
  });

  it("renders Tony Douglas's banner, allergies, medications and problems from the server", async () => {
    const server = await startFhirServer();
    started.push(server);
    await fillServer(server.baseUrl);
    const store = new FhirRestStore({ baseUrl: server.baseUrl });
    const [banner, allergies, meds, problems] = await chartOver(store, TONY.id);
    // the same facts as over IndexedDbStore (chart-banners-idb.test.ts, med-list.test.ts), read from the Synthea bundle
    expect(text(banner!)).to.contain('DOUGLAS, Tony (Mr.)');
    expect(text(allergies!)).to.contain('Known allergies (7)');
    expect(text(allergies!)).to.contain('House dust mite allergy');
    expect(meds!.shadowRoot!.querySelector('#tab-current')!.textContent!.trim()).to.equal('Current (3)');
    expect([...meds!.shadowRoot!.querySelectorAll('[part="item"] .name')].map((node) => node.textContent)).to.include('Naproxen sodium 220 MG Oral Tablet');
    expect(problems!.hasCustomState('empty')).to.equal(false);
    // the source is the server, named by its host, and it is remote
    const host = new URL(server.baseUrl).host;
    expect(text(meds!)).to.contain(`· ${host}`);
    for (const el of [banner!, allergies!, meds!, problems!]) await expect(el).to.be.accessible();
  });

  it('hears a change made on the server through another client (polling) and shows it', async () => {
    const server = await startFhirServer();
    started.push(server);
    await fillServer(server.baseUrl);
    const store = new FhirRestStore({ baseUrl: server.baseUrl, pollIntervalMs: 200 });
    const [, , meds] = await chartOver(store, TONY.id);
    const other = new FhirRestStore({ baseUrl: server.baseUrl });
    await other.create({ resourceType: 'MedicationRequest', status: 'active', intent: 'order', subject: { reference: `Patient/${TONY.id}` }, authoredOn: '2024-01-02', medicationCodeableConcept: { text: 'Amoxicillin 500 MG Oral Capsule' } });
    await waitUntil(() => meds!.shadowRoot!.querySelector('#tab-current')!.textContent!.trim() === 'Current (4)', 'the list never showed the new medication', { timeout: 8000 });
    expect(text(meds!)).to.contain('Amoxicillin 500 MG Oral Capsule');
  });

  it('opens the chart of the patient a SMART standalone launch grants (PKCE, token, launch context)', async () => {
    const server = await startFhirServer({ smartPatient: TONY.id });
    started.push(server);
    await fillServer(server.baseUrl);
    const smart = server.smart!;
    const auth = new SmartAuth({ fhirBaseUrl: smart.fhirBaseUrl, clientId: smart.clientId, redirectUri: smart.redirectUri, scope: 'launch/patient openid fhirUser patient/*.rs' });
    // without a token the guarded server refuses: the widgets would show the restricted state
    expect((await fetch(`${smart.fhirBaseUrl}/Patient/${TONY.id}`)).status).to.equal(401);
    const authorizeUrl = await auth.authorizeUrl();
    // the user agent's part: the authorisation server approves and redirects back with a code
    const redirect = await followRedirect(authorizeUrl);
    expect(redirect.status).to.equal(302);
    const context = await auth.completeAuthorization(redirect.location!);
    expect(context.patient).to.equal(TONY.id);
    const store = new FhirRestStore({ baseUrl: smart.fhirBaseUrl, auth });
    const [banner, allergies] = await chartOver(store, context.patient!);
    expect(text(banner!)).to.contain('DOUGLAS, Tony (Mr.)');
    expect(text(allergies!)).to.contain('Known allergies (7)');
  });
});
