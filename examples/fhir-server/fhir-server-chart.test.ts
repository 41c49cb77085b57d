// The example's chart against a real FHIR server over HTTP (Medplum's FhirRouter, started by the
// test runner's Node side), opened directly and through a SMART standalone launch.
import { expect, waitUntil } from '@open-wc/testing';
import { SmartAuth } from '@chartwell/store-fhir';
import { TONY, syntheaResources } from '../../test/support/browser-fixtures.js';
import { followRedirect, putResources, startFhirServer, stopFhirServer, type StartedFhirServer } from '../../test/support/fhir-server.js';
import { ignoreResizeObserverLoopErrors } from '../../test/support/benign-errors.js';
import { mountFhirServerChart } from './fhir-server-chart.js';

type Widget = HTMLElement & { hasCustomState(state: string): boolean };

const text = (el: Element | null | undefined) => (el?.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');

/** The chart's widgets, once every one has loaded. */
async function loadedWidgets(chart: HTMLElement): Promise<Widget[]> {
  await waitUntil(() => (chart.shadowRoot?.querySelectorAll('[part~="widget"]').length ?? 0) > 0, 'the chart never rendered its sections');
  const widgets = [...chart.shadowRoot!.querySelectorAll<Widget>('cw-patient-banner, cw-allergy-banner, [part~="widget"]')];
  for (const widget of widgets) await waitUntil(() => !widget.hasCustomState('loading'), `<${widget.localName}> never loaded`, { timeout: 10000 });
  return widgets;
}

describe('examples/fhir-server: the chart over a FHIR server', function () {
  this.timeout(30000);
  ignoreResizeObserverLoopErrors();
  const started: StartedFhirServer[] = [];
  const root = document.createElement('div');
  before(() => document.body.append(root));
  after(async () => {
    root.remove();
    for (const server of started) await stopFhirServer(server);
  });

  it("opens Tony Douglas's chart from the server by patient id", async () => {
    const server = await startFhirServer();
    started.push(server);
    await putResources(server.baseUrl, await syntheaResources(TONY.file));
    const { chart } = mountFhirServerChart(root, { baseUrl: server.baseUrl, patientId: TONY.id, locale: 'en-GB', timeZone: 'UTC' });
    await loadedWidgets(chart);
    const banner = chart.shadowRoot!.querySelector('cw-patient-banner');
    expect(text(banner)).to.contain('DOUGLAS, Tony (Mr.)');
    expect(text(chart.shadowRoot!.querySelector('cw-allergy-banner'))).to.contain('Known allergies (7)');
    expect(chart.shadowRoot!.querySelector('cw-med-list')!.shadowRoot!.querySelector('#tab-current')!.textContent!.trim()).to.equal('Current (3)');
    expect(text(chart.shadowRoot!.querySelector('cw-med-list'))).to.contain(`· ${new URL(server.baseUrl).host}`);
    await expect(chart).to.be.accessible();
  });

  it('opens the chart of the patient a SMART standalone launch grants', async () => {
    const server = await startFhirServer({ smartPatient: TONY.id });
    started.push(server);
    await putResources(server.baseUrl, await syntheaResources(TONY.file));
    const smart = server.smart!;
    const auth = new SmartAuth({ fhirBaseUrl: smart.fhirBaseUrl, clientId: smart.clientId, redirectUri: smart.redirectUri, scope: 'launch/patient openid fhirUser patient/*.rs' });
    const redirect = await followRedirect(await auth.authorizeUrl());
    await auth.completeAuthorization(redirect.location!);
    const { chart } = mountFhirServerChart(root, { baseUrl: smart.fhirBaseUrl, auth, locale: 'en-GB', timeZone: 'UTC' });
    expect(chart.patientId).to.equal(TONY.id);
    await loadedWidgets(chart);
    expect(text(chart.shadowRoot!.querySelector('cw-patient-banner'))).to.contain('DOUGLAS, Tony (Mr.)');
  });

  it('refuses to mount without a patient, naming what is missing', () => {
    expect(() => mountFhirServerChart(root, { baseUrl: 'http://127.0.0.1:1/fhir' })).to.throw(/give patientId, or a SMART client/);
  });
});
