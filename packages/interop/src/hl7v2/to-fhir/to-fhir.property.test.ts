import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { validate } from '@chartwell/fhir';
import { Hl7v2Error, hl7v2ToFhir } from '@chartwell/interop';
import { fixtureText } from '../../../../../test/support/fixtures.js';

const SAMPLES = ['ADT-A01-01', 'LAB-ORU-1', 'SIU-S12-01', 'VXU-V04-01', 'RDE-O11-01', 'DFT-P03-01', 'MDM-T02-03'].map((name) => fixtureText(`hl7v2/${name}.hl7`).split(/\r\n|\r|\n/).filter((l) => l !== ''));

// one field of one segment (not MSH) of a real message replaced by arbitrary HL7-ish text
const mutated = fc
  .record({
    sample: fc.integer({ min: 0, max: SAMPLES.length - 1 }),
    segment: fc.nat(),
    field: fc.integer({ min: 1, max: 30 }),
    value: fc.string({ unit: fc.constantFrom(...'^~&\\019AZaz.-+ "'), maxLength: 20 }),
  })
  .map(({ sample, segment, field, value }) => {
    const lines = [...(SAMPLES[sample] ?? [])];
    const index = 1 + (segment % (lines.length - 1));
    const fields = (lines[index] ?? '').split('|');
    while (fields.length <= field) fields.push('');
    fields[field] = value;
    lines[index] = fields.join('|');
    return lines.join('\r');
  });

describe('hl7v2ToFhir on mutated real messages', () => {
  it('gives a Bundle of valid resources or throws an Hl7v2Error, never anything else', () => {
    fc.assert(
      fc.property(mutated, (text) => {
        try {
          const bundle = hl7v2ToFhir(text);
          for (const entry of bundle.entry ?? []) assert.equal(validate(entry.resource).valid, true);
        } catch (error) {
          assert.ok(error instanceof Hl7v2Error, String(error));
        }
      }),
      { numRuns: 150 },
    );
  });
});
