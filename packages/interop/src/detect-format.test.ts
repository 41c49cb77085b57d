import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { detectFormat } from '@chartwell/interop';
import { fixtureText } from '../../../test/support/fixtures.js';

describe('detectFormat', () => {
  it('recognises real HL7 v2 messages, with CR or LF segment endings', () => {
    assert.equal(detectFormat(fixtureText('hl7v2/ADT-A01-01.hl7')), 'hl7v2');
    assert.equal(detectFormat(fixtureText('hl7v2/simple-hl7-adt.hl7')), 'hl7v2');
  });

  it('recognises a real C-CDA document, after its XML declaration and stylesheet instruction', () => {
    assert.equal(detectFormat(fixtureText('ccda/Patient-and-Provider-Organization-Direct-Address-C-CDAR2.1.ccda')), 'ccda');
  });

  it('recognises the official FHIR R4 JSON examples', () => {
    assert.equal(detectFormat(fixtureText('fhir/AllergyIntolerance-nkda.json')), 'fhir-json');
    assert.equal(detectFormat(`\uFEFF${fixtureText('fhir/Observation-blood-pressure.json')}`), 'fhir-json');
  });

  it('refuses what only looks like one of them', () => {
    // a C-CDA section is HL7 XML, but not a document
    assert.equal(detectFormat(fixtureText('ccda/snippet-no-known-problems.xml')), undefined);
    assert.equal(detectFormat('<ClinicalDocument xmlns="urn:example"/>'), undefined);
    assert.equal(detectFormat('{"resourceType": 42}'), undefined);
    assert.equal(detectFormat('{"resourceType": "Patient"'), undefined); // truncated
    assert.equal(detectFormat('MSH'), undefined);
    assert.equal(detectFormat('PID|1||123'), undefined);
    assert.equal(detectFormat(''), undefined);
  });

  it('accepts a namespace prefix on the document root', () => {
    assert.equal(detectFormat('<?xml version="1.0"?><!-- c --><v3:ClinicalDocument xmlns:v3="urn:hl7-org:v3"></v3:ClinicalDocument>'), 'ccda');
  });
});
