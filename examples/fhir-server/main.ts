// The page's glue: reads the FHIR server and the patient from the URL
// (`?server=https://fhir.example.org/r4&patient=123`), or runs a SMART standalone launch when
// `client_id` is given (`?server=…&client_id=my-app`), then mounts the chart.
import { SmartAuth } from '@chartwell/store-fhir';
import { mountFhirServerChart } from './fhir-server-chart.js';

const params = new URLSearchParams(location.search);
const root = document.querySelector<HTMLElement>('#chart');
const status = document.querySelector<HTMLElement>('#status');
const baseUrl = params.get('server') ?? sessionStorage.getItem('chartwell-example-server') ?? '';

async function start(): Promise<void> {
  if (!root) return;
  if (!baseUrl) {
    if (status) status.textContent = 'Add ?server=<FHIR base URL>&patient=<id> (or &client_id=<SMART client id>) to this page\'s address.';
    return;
  }
  const clientId = params.get('client_id') ?? sessionStorage.getItem('chartwell-example-client') ?? undefined;
  if (!clientId) {
    mountFhirServerChart(root, { baseUrl, patientId: params.get('patient') ?? '' });
    return;
  }
  const auth = new SmartAuth({ fhirBaseUrl: baseUrl, clientId, redirectUri: `${location.origin}${location.pathname}`, scope: 'launch/patient openid fhirUser patient/*.rs', pendingStorage: sessionStorage });
  if (params.has('code')) {
    await auth.completeAuthorization(location.href);
    history.replaceState(null, '', location.pathname);
    mountFhirServerChart(root, { baseUrl, auth });
    return;
  }
  sessionStorage.setItem('chartwell-example-server', baseUrl);
  sessionStorage.setItem('chartwell-example-client', clientId);
  location.assign(await auth.authorizeUrl());
}

start().catch((error: unknown) => {
  if (status) status.textContent = `Could not open the chart: ${error instanceof Error ? error.message : String(error)}`;
});
