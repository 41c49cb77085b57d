// The chart over any FHIR R4 server: FhirRestStore as the store of <cw-chart-provider>, with
// SMART App Launch when the server needs it. `main.ts` runs it from the page's URL; the test runs
// it against a real FHIR server (Medplum's FhirRouter) and a SMART authorisation server.
import '@chartwell/elements/define/cw-chart-provider.js';
import '@chartwell/elements/define/cw-patient-chart.js';
import { FhirRestStore, type SmartAuth } from '@chartwell/store-fhir';
import type { CwChartProvider, CwPatientChart } from '@chartwell/elements';

/** Where the chart's data is: a FHIR base URL, and either a patient id or a SMART client that launches into one. */
export interface FhirServerChartOptions {
  /** The FHIR base URL (`https://fhir.example.org/r4`). */
  readonly baseUrl: string;
  /** The patient to open, when the server needs no SMART launch (or the host knows the patient). */
  readonly patientId?: string;
  /** A SMART client that has completed its authorisation: its token reaches the server, and its launch context names the patient. */
  readonly auth?: SmartAuth;
  readonly locale?: string;
  readonly timeZone?: string;
}

/**
 * Fills `root` with a provider over a FhirRestStore for `baseUrl` and the patient chart of the
 * patient given, or of the SMART launch context's patient. Leaves out the banners when the SMART
 * context says the EHR shows its own (`need_patient_banner: false`). Resolves with the elements.
 */
export function mountFhirServerChart(root: HTMLElement, options: FhirServerChartOptions): { provider: CwChartProvider; chart: CwPatientChart; store: FhirRestStore } {
  const context = options.auth?.context;
  const patientId = options.patientId ?? context?.patient;
  if (!patientId) throw new TypeError('mountFhirServerChart: give patientId, or a SMART client whose launch context names a patient');
  const store = new FhirRestStore({ baseUrl: options.baseUrl, ...(options.auth && { auth: options.auth }) });
  const provider = document.createElement('cw-chart-provider');
  provider.store = store;
  if (options.locale) provider.locale = options.locale;
  if (options.timeZone) provider.timeZone = options.timeZone;
  const chart = document.createElement('cw-patient-chart');
  chart.patientId = patientId;
  chart.hideBanner = context?.needPatientBanner === false;
  provider.append(chart);
  root.replaceChildren(provider);
  return { provider, chart, store };
}
