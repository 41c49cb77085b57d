import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { jaroWinkler } from './jaro-winkler.js';

const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 0.001, `${actual} is not ${expected}`);

describe('jaroWinkler', () => {
  // the worked examples of Winkler (1990) and the Wikipedia article on Jaro–Winkler distance
  it('gives the published values', () => {
    close(jaroWinkler('MARTHA', 'MARHTA'), 0.961);
    close(jaroWinkler('DWAYNE', 'DUANE'), 0.84);
    close(jaroWinkler('DIXON', 'DICKSONX'), 0.813);
  });

  it('is 1 for equal strings, 0 with nothing in common or an empty string, and symmetric', () => {
    assert.equal(jaroWinkler('douglas', 'douglas'), 1);
    assert.equal(jaroWinkler('abc', 'xyz'), 0);
    assert.equal(jaroWinkler('', 'abc'), 0);
    close(jaroWinkler('CRATE', 'TRACE'), jaroWinkler('TRACE', 'CRATE'));
  });

  it('stays between 0 and 1, is symmetric, and is 1 exactly for equal strings (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const similarity = jaroWinkler(a, b);
        assert.ok(similarity >= 0 && similarity <= 1 + 1e-12, `${similarity}`);
        assert.ok(Math.abs(similarity - jaroWinkler(b, a)) < 1e-12);
        assert.equal(similarity === 1, a === b);
        assert.equal(jaroWinkler(a, a), 1);
      }),
    );
  });
});
