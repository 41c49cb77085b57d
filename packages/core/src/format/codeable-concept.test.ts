import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AllergyIntolerance, CodeableConcept } from '@chartwell/fhir';
import { fixtureJson } from '../../../../test/support/fixtures.js';
import { codeSystemShortName } from './code-system.js';
import { codingsByPreference, formatCode, formatCodeableConcept, formatCoding } from './codeable-concept.js';

const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';
const NDC = 'http://hl7.org/fhir/sid/ndc';

describe('codeSystemShortName', () => {
  it('names RxNorm, SNOMED CT, LOINC, ICD-10-CM and CPT', () => {
    assert.equal(codeSystemShortName(RXNORM), 'RxNorm');
    assert.equal(codeSystemShortName('http://snomed.info/sct'), 'SNOMED CT');
    assert.equal(codeSystemShortName('http://snomed.info/sct/900000000000207008/version/20240101'), 'SNOMED CT');
    assert.equal(codeSystemShortName('http://loinc.org'), 'LOINC');
    assert.equal(codeSystemShortName('http://hl7.org/fhir/sid/icd-10-cm'), 'ICD-10-CM');
    assert.equal(codeSystemShortName('http://www.ama-assn.org/go/cpt'), 'CPT');
    assert.equal(codeSystemShortName('http://example.org/local'), undefined);
    assert.equal(codeSystemShortName(undefined), undefined);
  });
});

describe('formatCodeableConcept', () => {
  it('shows the coding display of the NKDA example (AllergyIntolerance/nkda)', () => {
    const nkda = fixtureJson<AllergyIntolerance>('fhir/AllergyIntolerance-nkda.json');
    assert.equal(formatCodeableConcept(nkda.code), 'No Known Drug Allergy (situation)');
  });

  it('prefers the user-selected coding, then the preferred systems, then recorded order', () => {
    const concept: CodeableConcept = {
      coding: [
        { system: NDC, code: '0069-0150-01', display: 'NDC product' },
        { system: RXNORM, code: '197361', display: 'amLODIPine 5 MG Oral Tablet' },
      ],
      text: 'amlodipine',
    };
    assert.equal(formatCodeableConcept(concept), 'NDC product');
    assert.equal(formatCodeableConcept(concept, { preferSystems: [RXNORM] }), 'amLODIPine 5 MG Oral Tablet');
    const selected = { ...concept, coding: [concept.coding![0]!, { ...concept.coding![1]!, userSelected: true }] };
    assert.equal(formatCodeableConcept(selected), 'amLODIPine 5 MG Oral Tablet');
    assert.deepEqual(codingsByPreference(selected).map((c) => c.code), ['197361', '0069-0150-01']);
  });

  it('falls back to text, then to the code with its system name', () => {
    assert.equal(formatCodeableConcept({ coding: [{ system: 'http://snomed.info/sct', code: '716186003' }], text: 'NKA' }), 'NKA');
    assert.equal(formatCodeableConcept({ coding: [{ system: 'http://snomed.info/sct', code: '716186003' }] }), 'SNOMED CT 716186003');
    assert.equal(formatCodeableConcept({ coding: [{ system: 'urn:local', code: 'X1' }] }), 'X1');
    assert.equal(formatCodeableConcept({}), '');
    assert.equal(formatCodeableConcept(undefined), '');
    assert.equal(formatCodeableConcept({ coding: [null as unknown as never, { display: 'Ok' }] }), 'Ok');
  });

  it('keeps recorded casing (Tall Man lettering, brand capitals)', () => {
    assert.equal(formatCodeableConcept({ text: 'hydrOXYzine' }), 'hydrOXYzine');
    assert.equal(formatCoding({ display: 'LIPITOR 10 MG' }), 'LIPITOR 10 MG');
    assert.equal(formatCode({ system: 'http://loinc.org', code: '8480-6' }), 'LOINC 8480-6');
  });
});
