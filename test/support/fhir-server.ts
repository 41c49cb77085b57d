// The browser side of test/support/fhir-server-commands.mjs: a real FHIR server (and a SMART
// authorisation server in front of it) started by the test runner's Node side, and filled from
// the page.
import { executeServerCommand } from '@web/test-runner-commands';
import { FhirRestStore } from '@chartwell/store-fhir';
import type { Resource } from '@chartwell/fhir';

/** A running test server: its id (to stop it), its FHIR base URL, and the SMART client settings when asked for. */
export interface StartedFhirServer {
  readonly id: string;
  readonly baseUrl: string;
  readonly smart?: { readonly fhirBaseUrl: string; readonly clientId: string; readonly redirectUri: string };
}

/** Starts a FHIR server; with `smartPatient`, a SMART authorisation server in front of it whose standalone launches get that patient. */
export function startFhirServer(options: { smartPatient?: string } = {}): Promise<StartedFhirServer> {
  return executeServerCommand<StartedFhirServer, { smartPatient?: string }>('fhir-server-start', options);
}

/** Stops a server started by {@link startFhirServer}. */
export async function stopFhirServer(server: StartedFhirServer): Promise<void> {
  await executeServerCommand('fhir-server-stop', { id: server.id });
}

/** Where the authorisation server sends the browser back: what a user agent follows after `authorizeUrl`. */
export function followRedirect(url: string): Promise<{ status: number; location: string | null }> {
  return executeServerCommand<{ status: number; location: string | null }, { url: string }>('http-redirect-location', { url });
}

/** Puts resources on the server as transactions of updates (PUT, ids kept), 50 at a time: Medplum's limit per transaction. */
export async function putResources(baseUrl: string, resources: readonly Resource[]): Promise<void> {
  const store = new FhirRestStore({ baseUrl });
  for (let start = 0; start < resources.length; start += 50) {
    await store.transaction(resources.slice(start, start + 50).map((resource) => ({ op: 'update' as const, resource })));
  }
}
