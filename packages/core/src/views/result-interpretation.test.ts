import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { flagFromRange, recordedFlag, resultFlag } from './result-interpretation.js';

const V3 = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
const range = { low: { value: 3.1, unit: 'mmol/l', system: 'http://unitsofmeasure.org', code: 'mmol/L' }, high: { value: 6.2, unit: 'mmol/l', system: 'http://unitsofmeasure.org', code: 'mmol/L' } };
const glucose = (value: number) => ({ value, unit: 'mmol/l', system: 'http://unitsofmeasure.org', code: 'mmol/L' });

describe('result flags', () => {
  it('reads recorded H, L, HH, LL and A with words', () => {
    assert.deepEqual(['H', 'L', 'HH', 'LL', 'A'].map((code) => recordedFlag([{ coding: [{ system: V3, code }] }])?.label), ['High', 'Low', 'Critical high', 'Critical low', 'Abnormal']);
    assert.equal(recordedFlag([{ coding: [{ system: V3, code: 'LL' }] }])?.critical, true);
    assert.equal(recordedFlag([{ coding: [{ system: V3, code: 'N' }] }])?.abnormal, false);
    assert.equal(recordedFlag([{ text: 'Below low normal' }])?.label, 'Below low normal');
    assert.equal(recordedFlag(undefined), undefined);
  });

  it('derives H, L or N from the range when no flag is recorded, and says so', () => {
    assert.deepEqual(flagFromRange(glucose(6.3), [range]), { code: 'H', label: 'High', abnormal: true, critical: false, derived: true });
    assert.equal(flagFromRange(glucose(3.0), [range])?.code, 'L');
    assert.equal(flagFromRange(glucose(3.1), [range])?.code, 'N'); // the limits are inside the range
    assert.equal(flagFromRange(glucose(6.2), [range])?.code, 'N');
    assert.equal(flagFromRange({ value: 0.3 }, [{ high: { value: 0.1 + 0.2 } }])?.code, 'N'); // 0.30000000000000004 read exactly as written
  });

  it('prefers the recorded flag over the range', () => {
    assert.deepEqual(resultFlag([{ coding: [{ system: V3, code: 'HH' }] }], glucose(6.3), [range])?.code, 'HH');
    assert.equal(resultFlag(undefined, glucose(6.3), [range])?.derived, true);
  });

  it('does not guess: another unit, a comparator, or a range for one group only gives no flag', () => {
    assert.equal(flagFromRange({ value: 120, unit: 'mg/dL' }, [range]), undefined);
    assert.equal(flagFromRange({ ...glucose(7), comparator: '>' }, [range]), undefined);
    assert.equal(flagFromRange(glucose(7), [{ ...range, appliesTo: [{ text: 'Women' }] }]), undefined);
    assert.equal(flagFromRange(glucose(7), [{ text: 'see lab' }]), undefined);
    assert.equal(flagFromRange(undefined, [range]), undefined);
  });

  it('takes a range limit without a unit as being in the value\'s unit', () => {
    assert.equal(flagFromRange({ value: 5, unit: 'mmHg' }, [{ low: { value: 6 } }])?.code, 'L');
  });
});
