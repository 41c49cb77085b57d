import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CcdaError } from './ccda-error.js';
import { toCodeableConcept, toContactPoint, toDateTime, toIdentifier, toPeriod, toQuantity } from './data-types.js';
import { parseXml, type XmlElement } from './xml-element.js';

const element = (xml: string): XmlElement => parseXml(xml.replace(/^<(\w+)/, '<$1 xmlns="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'));
const noNarrative = () => undefined;

describe('toDateTime', () => {
  it('keeps the precision of an HL7 timestamp', () => {
    assert.equal(toDateTime(element('<time value="1950"/>')), '1950');
    assert.equal(toDateTime(element('<time value="195012"/>')), '1950-12');
    assert.equal(toDateTime(element('<time value="19501219"/>')), '1950-12-19');
    assert.equal(toDateTime(element('<time value="201303110830-0800"/>')), '2013-03-11T08:30:00-08:00');
    assert.equal(toDateTime(element('<time value="20141015103026-0500"/>')), '2014-10-15T10:30:26-05:00');
    assert.equal(toDateTime(element('<time value="20141015103026.123+0100"/>')), '2014-10-15T10:30:26.123+01:00');
  });

  it('cuts a time without a zone back to its date rather than guess the zone', () => {
    assert.equal(toDateTime(element('<time value="20141015103026"/>')), '2014-10-15');
  });

  it('gives undefined for a nullFlavor, no value, or the all-zeros placeholder', () => {
    assert.equal(toDateTime(element('<time nullFlavor="UNK"/>')), undefined);
    assert.equal(toDateTime(element('<time/>')), undefined);
    assert.equal(toDateTime(element('<time value="00000000"/>')), undefined);
    assert.equal(toDateTime(undefined), undefined);
  });

  it('refuses what is not a timestamp, naming the element', () => {
    assert.throws(() => toDateTime(element('<time value="2014-10-15"/>')), (error: unknown) => error instanceof CcdaError && error.path === '/time');
    assert.throws(() => toDateTime(element('<time value="20141315"/>')), /no month 13/);
    assert.throws(() => toDateTime(element('<time value="201410152530-0500"/>')), /no time 25:30:00/);
  });

  it('reads an interval as a period', () => {
    assert.deepEqual(toPeriod(element('<effectiveTime><low value="20070501"/><high nullFlavor="UNK"/></effectiveTime>')), { start: '2007-05-01' });
    assert.deepEqual(toPeriod(element('<effectiveTime><low value="2007"/><high value="2008"/></effectiveTime>')), { start: '2007', end: '2008' });
    assert.equal(toPeriod(element('<effectiveTime><low nullFlavor="NA"/></effectiveTime>')), undefined);
  });
});

describe('toIdentifier', () => {
  it('maps root and extension to system and value', () => {
    assert.deepEqual(toIdentifier(element('<id root="2.16.840.1.113883.4.6" extension="99999999"/>')), { system: 'http://hl7.org/fhir/sid/us-npi', value: '99999999' });
    assert.deepEqual(toIdentifier(element('<id root="1.3.6.1.4.1.16517.1" extension="98765432"/>')), { system: 'urn:oid:1.3.6.1.4.1.16517.1', value: '98765432' });
  });

  it('makes a root alone the identifier itself', () => {
    assert.deepEqual(toIdentifier(element('<id root="4ADC1020-7B14-11DB-9FE1-0800200C9A66"/>')), { system: 'urn:ietf:rfc:3986', value: 'urn:uuid:4adc1020-7b14-11db-9fe1-0800200c9a66' });
    assert.equal(toIdentifier(element('<id nullFlavor="NI"/>')), undefined);
  });
});

describe('toCodeableConcept', () => {
  it('keeps the code, its translations and the original text from the narrative', () => {
    const code = element(
      '<code code="573621" codeSystem="2.16.840.1.113883.6.88" displayName="Proventil"><originalText><reference value="#med1"/></originalText><translation code="1" codeSystem="2.16.840.1.113883.6.69"/></code>',
    );
    assert.deepEqual(toCodeableConcept(code, (id) => (id === 'med1' ? 'Proventil inhaler' : undefined)), {
      coding: [
        { system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '573621', display: 'Proventil' },
        { system: 'http://hl7.org/fhir/sid/ndc', code: '1' },
      ],
      text: 'Proventil inhaler',
    });
  });

  it('gives undefined for a nullFlavor with nothing else', () => {
    assert.equal(toCodeableConcept(element('<code nullFlavor="NA"/>'), noNarrative), undefined);
  });
});

describe('toQuantity and toContactPoint', () => {
  it('reads a physical quantity with its UCUM unit, and refuses a value that is not a number', () => {
    assert.deepEqual(toQuantity(element('<value xsi:type="PQ" value="6.7" unit="10*9/L"/>')), { value: 6.7, unit: '10*9/L', system: 'http://unitsofmeasure.org', code: '10*9/L' });
    assert.deepEqual(toQuantity(element('<doseQuantity value="2"/>')), { value: 2 });
    assert.throws(() => toQuantity(element('<value value="12O"/>')), /"12O" is not a number/);
  });

  it('reads telecoms by their scheme and use', () => {
    assert.deepEqual(toContactPoint(element('<telecom value="tel:+1(555)555-2003" use="HP"/>')), { system: 'phone', value: '+1(555)555-2003', use: 'home' });
    assert.deepEqual(toContactPoint(element('<telecom value="mailto:a@example.org"/>')), { system: 'email', value: 'a@example.org' });
    assert.equal(toContactPoint(element('<telecom nullFlavor="UNK"/>')), undefined);
  });
});
