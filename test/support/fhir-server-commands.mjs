// @ts-check
// Server commands for the browser tests that need a real FHIR server over HTTP: the Node side of
// @web/test-runner starts the same test servers the store-fhir Node tests use (Medplum's
// FhirRouter, and the SMART authorisation server in front of it), with CORS so the page can call
// them. In a test: `executeServerCommand('fhir-server-start', { smartPatient })`.
import { register } from 'tsx/esm/api';

/** @typedef {{ close(): Promise<void> }} Closable */

/** The commands `fhir-server-start`, `fhir-server-stop` and `http-redirect-location`, as a test-runner plugin. */
export function fhirServerCommands() {
  /** @type {Map<string, Closable[]>} */
  const running = new Map();
  /** @type {Promise<{ fhir: any; smart: any }> | undefined} */
  let modules;
  // the servers are TypeScript, and load Medplum's definitions (a second or two): only on first use
  const load = () => {
    modules ??= (async () => {
      register();
      const fhir = await import('../../packages/store-fhir/test/fhir-test-server.ts');
      const smart = await import('../../packages/store-fhir/test/smart-test-server.ts');
      return { fhir, smart };
    })();
    return modules;
  };
  return {
    name: 'chartwell-fhir-server',
    /** @param {{ command: string; payload?: any }} call */
    async executeCommand({ command, payload }) {
      if (command === 'fhir-server-start') {
        const { fhir, smart } = await load();
        const server = await fhir.startFhirTestServer({ crossOrigin: true });
        const handles = [server];
        const id = crypto.randomUUID();
        let auth;
        if (payload?.smartPatient) {
          const guard = await smart.startSmartTestServer(server.baseUrl, { standalonePatient: payload.smartPatient, crossOrigin: true });
          handles.push(guard);
          auth = { fhirBaseUrl: guard.fhirBaseUrl, clientId: guard.clientId, redirectUri: guard.redirectUri };
        }
        running.set(id, handles);
        return { id, baseUrl: server.baseUrl, ...(auth && { smart: auth }) };
      }
      if (command === 'fhir-server-stop') {
        for (const handle of (running.get(payload?.id) ?? []).reverse()) await handle.close();
        running.delete(payload?.id);
        return true;
      }
      if (command === 'http-redirect-location') {
        // what a browser does between the app and the authorisation server: follow the redirect
        const answer = await fetch(payload.url, { redirect: 'manual' });
        return { status: answer.status, location: answer.headers.get('location') };
      }
      return undefined;
    },
    async serverStop() {
      for (const handles of running.values()) for (const handle of handles.reverse()) await handle.close();
      running.clear();
    },
  };
}
