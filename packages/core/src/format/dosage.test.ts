import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Dosage } from '@chartwell/fhir';
import { formatDosage, formatDose } from './dosage.js';

const SNOMED = 'http://snomed.info/sct';
const oral = { coding: [{ system: SNOMED, code: '26643006', display: 'Oral route' }] };
const gb = { locale: 'en-GB' };
const every = (frequency: number, period: number, periodUnit: 'h' | 'd' | 'wk') => ({ repeat: { frequency, period, periodUnit } });

describe('formatDosage', () => {
  it('writes dose, route and frequency as people say them', () => {
    assert.equal(formatDosage({ doseAndRate: [{ doseQuantity: { value: 1, unit: 'tablet' } }], route: oral, timing: every(2, 1, 'd') }, gb), '1 tablet by mouth twice daily');
    assert.equal(formatDosage({ doseAndRate: [{ doseQuantity: { value: 1, unit: 'tablet' } }], timing: every(1, 1, 'd') }, gb), '1 tablet once daily');
    assert.equal(formatDosage({ doseAndRate: [{ doseQuantity: { value: 10, unit: 'mL' } }], timing: every(1, 8, 'h') }, gb), '10 mL every 8 hours');
    assert.equal(formatDosage({ doseAndRate: [{ doseQuantity: { value: 1, unit: 'patch' } }], timing: every(1, 1, 'wk') }, gb), '1 patch once weekly');
    assert.equal(formatDosage({ timing: every(3, 1, 'd') }, gb), 'three times daily');
    assert.equal(formatDosage({ timing: every(1, 1, 'h') }, gb), 'every hour');
    assert.equal(formatDosage({ timing: every(2, 3, 'd') }, gb), 'twice every 3 days');
    assert.equal(formatDosage({ timing: { repeat: { frequency: 1, period: 4, periodMax: 6, periodUnit: 'h' } } }, gb), 'every 4–6 hours');
    assert.equal(formatDosage({ timing: { repeat: { frequency: 1, frequencyMax: 2, period: 1, periodUnit: 'd' } } }, gb), '1–2 times daily');
  });

  it('adds time of day, duration and "as needed" with its reason', () => {
    const dosage: Dosage = {
      doseAndRate: [{ doseQuantity: { value: 1, unit: 'tablet' } }],
      route: oral,
      timing: { repeat: { frequency: 1, period: 6, periodUnit: 'h', boundsDuration: { value: 5, unit: 'days', system: 'http://unitsofmeasure.org', code: 'd' } } },
      asNeededCodeableConcept: { text: 'pain' },
    };
    assert.equal(formatDosage(dosage, gb), '1 tablet by mouth every 6 hours for 5 days as needed for pain');
    assert.equal(formatDosage({ timing: { repeat: { frequency: 1, period: 1, periodUnit: 'd', when: ['HS'] } }, asNeededBoolean: true }, gb), 'once daily at bedtime as needed');
  });

  it('writes numbers clinically and units as recorded, with / read as per', () => {
    assert.equal(formatDose({ doseAndRate: [{ doseQuantity: { value: 0.5, unit: 'mg' } }] }, gb), '0.5 mg');
    assert.equal(formatDose({ doseAndRate: [{ doseQuantity: { value: 5.0, unit: 'mL' } }] }, gb), '5 mL');
    assert.equal(formatDose({ doseAndRate: [{ doseQuantity: { value: 10000, unit: 'units' } }] }, gb), '10,000 units');
    assert.equal(formatDose({ doseAndRate: [{ doseQuantity: { value: 2, unit: 'mg/kg' } }] }, gb), '2 mg per kg');
    assert.equal(formatDose({ doseAndRate: [{ doseQuantity: { value: 0.5, unit: 'mg' } }] }, { locale: 'de-DE' }), '0,5 mg');
    assert.equal(formatDose({ doseAndRate: [{ doseQuantity: { value: 1 } }] }, gb), '1');
    assert.equal(formatDose({ doseAndRate: [{ doseRange: { low: { value: 1, unit: 'TAB' }, high: { value: 2, unit: 'TAB' } } }] }, gb), '1–2 TAB');
  });

  it('keeps unknown routes in their recorded words and is total', () => {
    assert.equal(formatDosage({ route: { text: 'via PEG tube' }, timing: every(1, 1, 'd') }, gb), 'via PEG tube once daily');
    assert.equal(formatDosage({ timing: { code: { text: 'BID' } } }, gb), 'BID');
    assert.equal(formatDosage({ text: 'as directed' }, gb), '');
    assert.equal(formatDosage(undefined, gb), '');
    assert.equal(formatDosage({ doseAndRate: [null as never], timing: { repeat: null as never } }, gb), '');
  });
});
