import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Patient } from '@chartwell/fhir';
import { fixtureJson } from '../../../../test/support/fixtures.js';
import { rawStore, storeWith, syntheaResources } from '../../../../test/support/chart-fixtures.js';
import { NotFoundError } from '../store/errors.js';
import { patientIdentity } from './patient-identity.js';

const asOf = new Date(Date.UTC(2026, 10, 26, 12, 0));
const gb = { locale: 'en-GB', timeZone: 'UTC', asOf } as const;
const TOBIE = 'Tobie_Rempel_38cde5fd-1861-44db-b7cc-58769b464658.json';
const TOBIE_ID = 'fa13bf47-8c74-40dd-a976-94deeada0e17';

describe('patientIdentity on the official Patient/example (Peter James Chalmers)', () => {
  it('gives the banner fields in NHS form', async () => {
    const store = await storeWith([fixtureJson<Patient>('fhir/Patient-example.json')]);
    const identity = await patientIdentity(store, 'example', gb);
    assert.equal(identity.reference, 'Patient/example');
    assert.equal(identity.bannerName, 'CHALMERS, Peter James');
    assert.equal(identity.displayName, 'Peter James Chalmers');
    assert.equal(identity.preferredName, 'Jim');
    assert.equal(identity.birthDate, '1974-12-25');
    assert.equal(identity.birthDateText, '25-Dec-1974');
    assert.equal(identity.ageText, '51y');
    assert.equal(identity.gender, 'male');
    assert.equal(identity.genderText, 'Male');
    assert.equal(identity.birthSexText, undefined);
    assert.deepEqual(identity.mrn, { label: 'MRN', value: '12345', system: 'urn:oid:1.2.36.146.595.217.0.1', typeCode: 'MR', assigner: 'Acme Healthcare' });
    assert.deepEqual(identity.identifiers, [identity.mrn]);
    assert.equal(identity.deceased, false);
    assert.equal(identity.deceasedText, undefined);
    assert.equal(identity.active, true);
  });

  it('lists current contact points by rank, without the old one or the empty one', async () => {
    const store = await storeWith([fixtureJson<Patient>('fhir/Patient-example.json')]);
    const identity = await patientIdentity(store, 'example', gb);
    assert.deepEqual(identity.telecom, ['(03) 5555 6473 (work phone)', '(03) 3410 5613 (mobile)']);
    assert.deepEqual(identity.addresses, ['534 Erewhon St, PleasantVille Rainbow Vic 3999']);
    assert.deepEqual(identity.contacts, [
      { name: 'Bénédicte du Marché', relationships: ['Next-of-Kin'], telecom: ['+33 (237) 998327 (phone)'], address: '534 Erewhon St, PleasantVille Rainbow Vic 3999' },
    ]);
    assert.deepEqual(identity.generalPractitioners, []);
  });

  it('writes the birth date in the locale style when asked', async () => {
    const store = await storeWith([fixtureJson<Patient>('fhir/Patient-example.json')]);
    assert.equal((await patientIdentity(store, 'example', { ...gb, locale: 'de-DE', dateStyle: 'locale' })).birthDateText, '25.12.1974');
    assert.equal((await patientIdentity(store, 'example', { ...gb, locale: 'en-US', dateStyle: 'locale' })).birthDateText, 'Dec 25, 1974');
  });
});

describe('patientIdentity on Synthea patients', () => {
  it('shows Tobie Rempel as deceased with the date and age at death', async () => {
    const store = await storeWith(syntheaResources(TOBIE));
    const identity = await patientIdentity(store, TOBIE_ID, gb);
    assert.equal(identity.bannerName, 'REMPEL, Tobie (Mrs.)');
    assert.equal(identity.displayName, 'Mrs. Tobie Rempel');
    assert.equal(identity.preferredName, undefined);
    assert.equal(identity.birthDateText, '09-Apr-1934');
    assert.equal(identity.deceased, true);
    assert.equal(identity.deceasedDate, '2006-02-21T03:33:15+00:00');
    assert.equal(identity.deceasedText, '21-Feb-2006 03:33');
    assert.equal(identity.ageAtDeath, '71y');
    assert.equal(identity.ageText, '71y');
    assert.equal(identity.genderText, 'Female');
    assert.equal(identity.birthSexText, 'Female');
    assert.equal(identity.mrn?.value, '38cde5fd-1861-44db-b7cc-58769b464658');
    assert.deepEqual(
      identity.identifiers.map((i) => [i.label, i.value]),
      [
        ['MRN', '38cde5fd-1861-44db-b7cc-58769b464658'],
        ['Identifier', '38cde5fd-1861-44db-b7cc-58769b464658'],
        ['SSN', '999-59-4888'],
        ["Driver's licence", 'S99989097'],
        ['Passport', 'X84272236X'],
      ],
    );
    assert.deepEqual(identity.telecom, ['555-789-6537 (home phone)']);
    assert.deepEqual(identity.addresses, ['444 Champlin Loaf, Chicopee Massachusetts 01013, US']);
    assert.equal(identity.source.system, 'This chart');
  });
});

describe('patientIdentity: edge cases', () => {
  it('reads every unknown field as "Not Known" and never throws on a bare record', async () => {
    const identity = await patientIdentity(await storeWith([{ resourceType: 'Patient', id: 'bare' }]), 'bare', gb);
    assert.equal(identity.bannerName, 'Not Known');
    assert.equal(identity.displayName, 'Not Known');
    assert.equal(identity.birthDateText, 'Not Known');
    assert.equal(identity.ageText, 'Not Known');
    assert.equal(identity.genderText, 'Not Known');
    assert.equal(identity.mrn, undefined);
    assert.deepEqual([identity.identifiers, identity.telecom, identity.addresses, identity.contacts], [[], [], [], []]);
  });

  it('is total over malformed records from a store that does not validate', async () => {
    const store = rawStore([{ resourceType: 'Patient', id: 'odd', name: [null, { given: [null] }], identifier: [null, { value: '  ' }], telecom: null, contact: [null, {}], birthDate: 'yesterday' }]);
    const identity = await patientIdentity(store, 'odd', gb);
    assert.equal(identity.bannerName, 'Not Known');
    assert.equal(identity.birthDateText, 'yesterday');
    assert.equal(identity.ageText, 'Not Known');
    assert.deepEqual(identity.identifiers, []);
    assert.deepEqual(identity.contacts, [{ name: 'Not Known', relationships: [], telecom: [] }]);
  });

  it('keeps a partial birth date partial and gives the age range it allows', async () => {
    const identity = await patientIdentity(await storeWith([{ resourceType: 'Patient', id: 'p', birthDate: '1980' }]), 'p', gb);
    assert.equal(identity.birthDateText, '1980');
    assert.equal(identity.ageText, '45–46y');
  });

  it('counts a newborn in minutes from the patient-birthTime extension', async () => {
    const newborn: Patient = {
      resourceType: 'Patient',
      id: 'baby',
      birthDate: '2026-11-26',
      _birthDate: { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/patient-birthTime', valueDateTime: '2026-11-26T10:30:00Z' }] },
    };
    const identity = await patientIdentity(await storeWith([newborn]), 'baby', gb);
    assert.equal(identity.ageText, '90min');
  });

  it('writes an NHS number in 3-3-4 groups and leaves out old identifiers and telecom', async () => {
    const patient: Patient = {
      resourceType: 'Patient',
      id: 'nhs',
      identifier: [
        { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9434765919' },
        { use: 'old', type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] }, value: 'OLD-1' },
        { type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] }, value: 'ENDED', period: { end: '2020-01-01' } },
      ],
      telecom: [{ system: 'phone', value: '0300 000 0000', period: { end: '2025-12-31T23:59:59Z' } }],
    };
    const identity = await patientIdentity(await storeWith([patient]), 'nhs', gb);
    assert.deepEqual(identity.identifiers, [{ label: 'NHS No.', value: '943 476 5919', system: 'https://fhir.nhs.uk/Id/nhs-number' }]);
    assert.equal(identity.mrn, undefined);
    assert.deepEqual(identity.telecom, []);
  });

  it('names general practitioners from the store, the display, or the reference', async () => {
    const patient: Patient = {
      resourceType: 'Patient',
      id: 'p',
      generalPractitioner: [{ reference: 'Practitioner/gp' }, { reference: 'Organization/clinic', display: 'Riverside Surgery' }, { reference: 'Practitioner/missing' }],
    };
    const store = await storeWith([patient, { resourceType: 'Practitioner', id: 'gp', name: [{ family: 'Hart', given: ['Jenny'], prefix: ['Dr'] }] }]);
    const identity = await patientIdentity(store, 'p', gb);
    assert.deepEqual(identity.generalPractitioners, ['Dr Jenny Hart', 'Riverside Surgery', 'Practitioner/missing']);
  });

  it("throws the store's NotFoundError for a patient that does not exist", async () => {
    await assert.rejects(patientIdentity(await storeWith([]), 'nobody', gb), NotFoundError);
  });
});
