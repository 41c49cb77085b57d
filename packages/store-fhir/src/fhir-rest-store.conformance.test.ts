import { after, before, describe, it } from 'node:test';
import { runChartStoreConformance } from '@chartwell/core/testing';
import { FhirRestStore } from '@chartwell/store-fhir';
import { startFhirTestServer, type FhirTestServer } from '../test/fhir-test-server.js';

// The whole conformance kit against FhirRestStore, over real HTTP, talking to Medplum's FhirRouter
// on a loopback port (see test/fhir-test-server.ts for what that server is and is not).
let server: FhirTestServer;
before(async () => {
  server = await startFhirTestServer();
});
after(async () => {
  await server.close();
});

runChartStoreConformance(
  { describe, it },
  {
    name: 'FhirRestStore (Medplum FhirRouter over HTTP)',
    createStore: () => {
      server.reset();
      return new FhirRestStore({ baseUrl: server.baseUrl, pollIntervalMs: 0 });
    },
    disposeStore: (store) => (store as FhirRestStore).close(),
  },
);
