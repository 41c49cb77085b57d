// The converters in a real browser (headless Chromium): ccdaToFhir parses with @xmldom/xmldom,
// hl7v2ToFhir and the validator run without Node. Same documents and resource types as the Node tests.
import { expect } from '@open-wc/testing';
import type { Patient } from '@chartwell/fhir';
import { validate } from '@chartwell/fhir';
import { CcdaError, ccdaToFhir, hl7v2BatchToFhir, hl7v2ToFhir } from '@chartwell/interop';

async function fixtureText(path: string): Promise<string> {
  const response = await fetch(`/test/fixtures/${path}`);
  if (!response.ok) throw new Error(`test/fixtures/${path}: HTTP ${response.status}`);
  return response.text();
}

const typesOf = (bundle: { entry?: { resource?: { resourceType: string } }[] }) => [...new Set((bundle.entry ?? []).map((e) => e.resource?.resourceType ?? ''))].sort();

describe('interop converters in the browser', () => {
  it('ccdaToFhir converts HL7\'s CCD example: the same resource types as in Node, every resource valid', async () => {
    const bundle = ccdaToFhir(await fixtureText('ccda/hl7-c-cda-examples/Documents/CCD/CCD 2/CCD.xml'));
    expect(bundle.type).to.equal('document');
    // the document's entries: allergies, procedures, results (organizer + observations), smoking status, vital signs; its author and custodian
    expect(typesOf(bundle)).to.deep.equal(['AllergyIntolerance', 'Composition', 'DiagnosticReport', 'Observation', 'Organization', 'Patient', 'Practitioner', 'Procedure', 'Provenance']);
    for (const entry of bundle.entry ?? []) expect(validate(entry.resource).valid, entry.resource?.resourceType).to.equal(true);
    const smoking = (bundle.entry ?? []).map((e) => e.resource).find((r) => r?.resourceType === 'Observation' && r.code.coding?.[0]?.code === '72166-2');
    expect(smoking).to.not.equal(undefined);
  });

  it('ccdaToFhir refuses malformed XML with a CcdaError in the browser too', async () => {
    const text = await fixtureText('ccda/hl7-c-cda-examples/Documents/CCD/CCD 2/CCD.xml');
    expect(() => ccdaToFhir(text.slice(0, 2000))).to.throw(CcdaError);
  });

  it('hl7v2ToFhir converts FHIR-Converter\'s ADT^A01 sample with the same resource types as in Node', async () => {
    const bundle = hl7v2ToFhir(await fixtureText('hl7v2/ADT-A01-01.hl7'));
    expect(bundle.type).to.equal('transaction');
    // PID, PV1 (doctors, locations), AL1, DG1, PR1, IN1 (+ payer), GT1 (Account), OBX, and the sender (Organization, Device) and Provenance
    expect(typesOf(bundle)).to.deep.equal(['Account', 'AllergyIntolerance', 'Condition', 'Coverage', 'Device', 'Encounter', 'Location', 'Observation', 'Organization', 'Patient', 'Practitioner', 'Procedure', 'Provenance']);
    for (const entry of bundle.entry ?? []) expect(validate(entry.resource).valid, entry.resource?.resourceType).to.equal(true);
    const patient = (bundle.entry ?? []).map((e) => e.resource).find((r): r is Patient => r?.resourceType === 'Patient');
    expect(patient?.name?.[0]?.family).to.equal('EVERYMAN');
  });

  it('hl7v2BatchToFhir reads the hl7-standard batch: the ADT converted, the RSP refused', async () => {
    const outcomes = hl7v2BatchToFhir(await fixtureText('hl7v2/hl7-standard-batch.hl7'));
    expect(outcomes.map((o) => ('bundle' in o ? 'bundle' : o.error.code))).to.deep.equal(['bundle', 'unsupported-message']);
  });
});
