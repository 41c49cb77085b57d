import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Patient } from '@chartwell/fhir';
import { fixtureJson } from '../../../../test/support/fixtures.js';
import { storeWith, syntheaResources } from '../../../../test/support/chart-fixtures.js';
import { NotFoundError } from '../store/errors.js';
import { identityWarnings } from './identity-warnings.js';

const MR = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] };
const chalmers = fixtureJson<Patient>('fhir/Patient-example.json');
const codes = (warnings: { code: string }[]) => warnings.map((warning) => warning.code);

describe('identityWarnings', () => {
  it('has nothing to say about complete, distinct records (Patient/example and two Synthea patients)', async () => {
    const store = await storeWith([chalmers, ...syntheaResources('Clemente_Kreiger_1484a42d-0eaf-4654-9cbf-6b050a5cd73b.json'), ...syntheaResources('Tony_Douglas_f6d715f8-94c0-49ad-a46a-4f96dc7a67b4.json')]);
    assert.deepEqual(await identityWarnings(store, 'example'), []);
    assert.deepEqual(await identityWarnings(store, 'd78af07c-9cb9-4f31-9b11-c45a28f2eec8'), []);
  });

  it('warns about a missing MRN and missing identity fields, and an inactive record', async () => {
    const store = await storeWith([{ resourceType: 'Patient', id: 'bare', active: false }]);
    assert.deepEqual(codes(await identityWarnings(store, 'bare')), ['missing-mrn', 'missing-name', 'missing-birth-date', 'missing-gender', 'inactive-record']);
  });

  it('warns about two different MRNs from one system', async () => {
    const store = await storeWith([{ ...chalmers, identifier: [{ type: MR, system: 'urn:x', value: '1' }, { type: MR, system: 'urn:x', value: '2' }] }]);
    assert.deepEqual(codes(await identityWarnings(store, 'example')), ['multiple-mrns']);
  });

  it('finds a lookalike name, ignoring case and accents, and says when the birth date matches too', async () => {
    const twin: Patient = { resourceType: 'Patient', id: 'twin', name: [{ family: 'CHALMÉRS', given: ['peter'] }], birthDate: '1974-12-25', gender: 'male', identifier: [{ type: MR, system: 'urn:x', value: '999' }] };
    const namesake: Patient = { ...twin, id: 'namesake', birthDate: '1990-01-01' };
    const sameDay = await identityWarnings(await storeWith([chalmers, twin]), 'example');
    assert.deepEqual(sameDay, [{ code: 'duplicate-name', message: 'Another patient has the same name and date of birth: possibly the same person', others: ['Patient/twin'], sameBirthDate: true }]);
    const other = await identityWarnings(await storeWith([chalmers, namesake]), 'example');
    assert.equal(other[0]?.sameBirthDate, false);
    assert.deepEqual(other[0]?.others, ['Patient/namesake']);
  });

  it('finds another record with the same MRN', async () => {
    const copy: Patient = { resourceType: 'Patient', id: 'copy', name: [{ family: 'Other', given: ['Person'] }], identifier: chalmers.identifier ?? [] };
    const warnings = await identityWarnings(await storeWith([chalmers, copy]), 'example');
    assert.deepEqual(codes(warnings), ['duplicate-mrn']);
    assert.deepEqual(warnings[0]?.others, ['Patient/copy']);
  });

  it('skips the store scan when asked', async () => {
    const copy: Patient = { ...chalmers, id: 'copy' };
    assert.deepEqual(await identityWarnings(await storeWith([chalmers, copy]), 'example', { checkDuplicates: false }), []);
    assert.deepEqual(codes(await identityWarnings(await storeWith([chalmers, copy]), 'example')), ['duplicate-mrn', 'duplicate-name']);
  });

  it("throws the store's NotFoundError for a patient that does not exist", async () => {
    await assert.rejects(identityWarnings(await storeWith([]), 'nobody'), NotFoundError);
  });
});
