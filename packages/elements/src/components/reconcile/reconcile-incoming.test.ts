import { expect } from '@open-wc/testing';
import type { Bundle, MedicationRequest, Resource } from '@chartwell/fhir';
// the converter's own module: the package's root entry also loads the C-CDA converter, whose XML
// parser (@xmldom/xmldom, CommonJS) the test runner's unbundled ES modules cannot load
import { hl7v2ToFhir } from '../../../../interop/src/hl7v2/to-fhir/to-fhir.js';
import { readIncoming } from './reconcile-incoming.js';

async function message(file: string): Promise<string> {
  const response = await fetch(`/test/fixtures/hl7v2/${file}`);
  if (!response.ok) throw new Error(`test/fixtures/hl7v2/${file}: HTTP ${response.status}`);
  return response.text();
}

describe('readIncoming', () => {
  it('gives each record of a converted RDE^O11 message the sending facility, the message as system, and the message time', async () => {
    const bundle = hl7v2ToFhir(await message('RDE-O11-01.hl7'));
    const incoming = readIncoming(bundle);
    expect(incoming.resources).to.have.length(bundle.entry!.length);
    const index = incoming.resources.findIndex((resource) => resource.resourceType === 'MedicationRequest');
    expect(index).to.be.at.least(0);
    const source = incoming.sources[index]!;
    // MSH-4 GHHSFacility^2.16.840.1.122848.1.30^ISO; MSH-10 MSG00001; MSH-7 202108181126+0215
    expect(source.organization).to.equal('GHHSFacility');
    expect(source.system).to.equal('urn:oid:2.16.840.1.122848.1.30#MSG00001');
    expect(Date.parse(source.lastUpdated!)).to.equal(Date.UTC(2021, 7, 18, 9, 11));
    expect(incoming.organization).to.equal('GHHSFacility');
    expect(incoming.system).to.equal('urn:oid:2.16.840.1.122848.1.30#MSG00001');
  });

  it('finds the Provenance of records referred to as Type/id, and the organisation it names by reference', () => {
    const order: MedicationRequest = { resourceType: 'MedicationRequest', id: 'm1', status: 'active', intent: 'order', subject: { reference: 'Patient/p' }, medicationCodeableConcept: { text: 'Atenolol 25 MG Oral Tablet' }, meta: { lastUpdated: '2026-01-02T03:04:05Z' } };
    const records: Resource[] = [
      order,
      { resourceType: 'Organization', id: 'o1', name: 'Springfield General' },
      { resourceType: 'Provenance', target: [{ reference: 'MedicationRequest/m1' }], recorded: '2026-01-01T00:00:00Z', agent: [{ who: { reference: 'Organization/o1' } }] },
    ];
    const incoming = readIncoming(records);
    expect(incoming.sources[0]).to.deep.equal({ organization: 'Springfield General', lastUpdated: '2026-01-02T03:04:05Z' });
    expect(incoming.organization).to.equal('Springfield General');
    expect(incoming.system).to.equal(undefined);
  });

  it('takes a Bundle\'s timestamp when a record and its Provenance say nothing of time, and never throws on what is not a resource', () => {
    const bundle = { resourceType: 'Bundle', type: 'collection', timestamp: '2026-03-04T05:06:07Z', entry: [{ resource: { resourceType: 'Condition', subject: { reference: 'Patient/p' } } }, { fullUrl: 'urn:uuid:x' }, null, 'text'] } as unknown as Bundle;
    const incoming = readIncoming(bundle);
    expect(incoming.resources.map((resource) => resource.resourceType)).to.deep.equal(['Condition']);
    expect(incoming.sources).to.deep.equal([{ lastUpdated: '2026-03-04T05:06:07Z' }]);
    for (const bad of [undefined, null, 'MSH|^~\\&|', 42, { resourceType: 'Patient' }, [null, 1, 'x']]) {
      expect(readIncoming(bad as unknown as Bundle)).to.deep.equal({ resources: [], sources: [] });
    }
  });
});
