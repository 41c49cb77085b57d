import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Dosage } from '@chartwell/fhir';
import { dosageTextDisagrees } from './dosage-agreement.js';

const structured = (value: number, frequency: number): Dosage => ({ doseAndRate: [{ doseQuantity: { value, unit: 'tablet' } }], timing: { repeat: { frequency, period: 1, periodUnit: 'd' } } });

describe('dosageTextDisagrees', () => {
  it('accepts texts that say the same dose and frequency', () => {
    assert.equal(dosageTextDisagrees({ ...structured(10, 2), text: '10 mL bid' }), false);
    assert.equal(dosageTextDisagrees({ ...structured(1, 1), text: 'Take one tablet daily' }), false);
    assert.equal(dosageTextDisagrees({ ...structured(2, 3), text: 'Two tablets three times a day' }), false);
    assert.equal(dosageTextDisagrees({ ...structured(0.5, 1), text: 'half a tablet once daily' }), false);
    assert.equal(dosageTextDisagrees({ ...structured(10000, 1), text: '10,000 units once a day' }), false);
  });

  it('flags a different dose or a different number of times a day', () => {
    assert.equal(dosageTextDisagrees({ ...structured(1, 1), text: 'Take 2 tablets once daily' }), true);
    assert.equal(dosageTextDisagrees({ ...structured(1, 1), text: 'one tablet twice daily' }), true);
    assert.equal(dosageTextDisagrees({ ...structured(1, 4), text: 'One tablet daily for 4 days' }), true);
  });

  it('says nothing without both a text and a structure, or when the text is vague', () => {
    assert.equal(dosageTextDisagrees(structured(1, 1)), false);
    assert.equal(dosageTextDisagrees({ text: 'Take one tablet daily' }), false);
    assert.equal(dosageTextDisagrees({ ...structured(1, 1), text: 'as directed' }), false);
  });
});
