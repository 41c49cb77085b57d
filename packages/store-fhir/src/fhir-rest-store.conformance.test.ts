import { after, before, describe, it } from 'node:test';
import { runChartStoreConformance } from '@chartwell/core/testing';
import { FhirRestStore } from '@chartwell/store-fhir';
import { startFhirTestServer, type FhirTestServer } from '../test/fhir-test-server.js';

// The whole conformance kit against FhirRestStore, over real HTTP, talking to Medplum's FhirRouter
// on a loopback port (see test/fhir-test-server.ts for what that server is and is not): once with
// versions numbered 1, 2, 3 (as HAPI numbers them), once with a UUID per version (as Medplum gives),
// where the store declares that its versionIds are opaque.
let sequential: FhirTestServer;
let uuids: FhirTestServer;
before(async () => {
  sequential = await startFhirTestServer();
  uuids = await startFhirTestServer({ versionIds: 'uuid' });
});
after(async () => {
  await sequential.close();
  await uuids.close();
});

runChartStoreConformance(
  { describe, it },
  {
    name: 'FhirRestStore (Medplum FhirRouter over HTTP, versions 1, 2, 3)',
    createStore: () => {
      sequential.reset();
      return new FhirRestStore({ baseUrl: sequential.baseUrl, pollIntervalMs: 0 });
    },
    disposeStore: (store) => (store as FhirRestStore).close(),
  },
);

runChartStoreConformance(
  { describe, it },
  {
    name: 'FhirRestStore (Medplum FhirRouter over HTTP, a UUID per version)',
    capabilities: { sequentialVersionIds: false },
    createStore: () => {
      uuids.reset();
      return new FhirRestStore({ baseUrl: uuids.baseUrl, pollIntervalMs: 0 });
    },
    disposeStore: (store) => (store as FhirRestStore).close(),
  },
);
