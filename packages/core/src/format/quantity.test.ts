import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Observation } from '@chartwell/fhir';
import { fixtureJson } from '../../../../test/support/fixtures.js';
import { formatQuantity, quantityUnit } from './quantity.js';

describe('formatQuantity', () => {
  it('writes the official blood pressure components with their units', () => {
    const bp = fixtureJson<Observation>('fhir/Observation-blood-pressure.json');
    assert.deepEqual(bp.component?.map((c) => formatQuantity(c.valueQuantity, { locale: 'en-US' })), ['107 mmHg', '60 mmHg']);
  });

  it('keeps units as recorded and numbers clinical', () => {
    assert.equal(formatQuantity({ value: 0.5, unit: 'mg' }, { locale: 'en-US' }), '0.5 mg');
    assert.equal(formatQuantity({ value: 5.0, unit: 'mL' }, { locale: 'en-US' }), '5 mL');
    assert.equal(formatQuantity({ value: 10000, unit: 'units' }, { locale: 'en-GB' }), '10,000 units');
    assert.equal(formatQuantity({ value: 1250, unit: 'mL' }, { locale: 'de-DE' }), '1.250 mL');
    assert.equal(formatQuantity({ value: 37.5, unit: 'Cel', system: 'http://unitsofmeasure.org', code: 'Cel' }, { locale: 'de-DE' }), '37,5 Cel');
  });

  it('uses the UCUM code when there is no unit text, without braces or unity', () => {
    assert.equal(formatQuantity({ value: 1, system: 'http://unitsofmeasure.org', code: '{tbl}' }, { locale: 'en-US' }), '1 tbl');
    assert.equal(formatQuantity({ value: 2, system: 'http://unitsofmeasure.org', code: '1' }, { locale: 'en-US' }), '2');
    assert.equal(quantityUnit({ value: 2, system: 'http://example.org/units', code: 'X' }), '');
  });

  it('writes a comparator, a missing unit, and nothing for no value', () => {
    assert.equal(formatQuantity({ value: 5, comparator: '<', unit: 'mmol/L' }, { locale: 'en-US' }), '< 5 mmol/L');
    assert.equal(formatQuantity({ value: 5 }, { locale: 'en-US' }), '5');
    assert.equal(formatQuantity({ unit: 'mg' }, { locale: 'en-US' }), '');
    assert.equal(formatQuantity(undefined, { locale: 'en-US' }), '');
  });
});
