import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { validate } from '@chartwell/fhir';
import { Hl7v2Error, hl7v2BatchToFhir, hl7v2ToFhir, parseHl7v2Batch } from '@chartwell/interop';
import { fixtureText } from '../../../../test/support/fixtures.js';

const SAMPLES = ['ADT-A01-01', 'ADT-A03-01', 'LAB-ORU-1', 'VXU-V04-01', 'DFT-P03-01', 'MDM-T02-01'].map((name) => fixtureText(`hl7v2/${name}.hl7`).replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).filter((l) => l !== ''));

// a real message, maybe with one field of one segment (not MSH) replaced by arbitrary HL7-ish text
const message = fc
  .record({
    sample: fc.integer({ min: 0, max: SAMPLES.length - 1 }),
    mutate: fc.boolean(),
    segment: fc.nat(),
    field: fc.integer({ min: 0, max: 20 }),
    value: fc.string({ unit: fc.constantFrom(...'^~&\\|019AZaz.-+ "'), maxLength: 12 }),
  })
  .map(({ sample, mutate, segment, field, value }) => {
    const lines = [...(SAMPLES[sample] ?? [])];
    if (mutate) {
      const index = 1 + (segment % (lines.length - 1));
      const fields = (lines[index] ?? '').split('|');
      while (fields.length <= field) fields.push('');
      fields[field] = value;
      lines[index] = fields.join('|');
    }
    return lines;
  });

const batch = fc.array(message, { minLength: 1, maxLength: 4 }).map((messages) => ({ messages, text: ['FHS|^~\\&|LAB', 'BHS|^~\\&|LAB', ...messages.flat(), `BTS|${messages.length}`, 'FTS|1'].join('\r') }));

describe('HL7 v2 batches of real, sometimes damaged, messages', () => {
  it('hl7v2BatchToFhir: one outcome per message, each the Bundle hl7v2ToFhir gives for that message alone or its Hl7v2Error with the message index', () => {
    fc.assert(
      fc.property(batch, ({ messages, text }) => {
        let outcomes;
        try {
          outcomes = hl7v2BatchToFhir(text);
        } catch (error) {
          // a damaged line that now reads as an envelope segment (BHS…) may break the envelope: the whole batch is refused
          assert.ok(error instanceof Hl7v2Error && (error.code === 'bad-batch' || error.code === 'bad-delimiters'), String(error));
          return;
        }
        assert.equal(outcomes.length, messages.length);
        outcomes.forEach((outcome, i) => {
          assert.equal(outcome.messageIndex, i + 1);
          let alone: ReturnType<typeof hl7v2ToFhir> | Hl7v2Error;
          try {
            alone = hl7v2ToFhir((messages[i] ?? []).join('\r'));
          } catch (error) {
            assert.ok(error instanceof Hl7v2Error, String(error));
            alone = error;
          }
          if ('bundle' in outcome) {
            assert.ok(!(alone instanceof Hl7v2Error));
            assert.deepEqual(outcome.bundle.entry?.map((e) => e.resource?.resourceType), alone.entry?.map((e) => e.resource?.resourceType));
            for (const entry of outcome.bundle.entry ?? []) assert.equal(validate(entry.resource).valid, true);
          } else {
            assert.ok(alone instanceof Hl7v2Error);
            assert.equal(outcome.error.code, alone.code);
            assert.equal(outcome.error.messageIndex, i + 1);
            assert.equal(outcome.error.segmentIndex, alone.segmentIndex);
          }
        });
      }),
      { numRuns: 60 },
    );
  });

  it('parseHl7v2Batch: every message, or an Hl7v2Error naming the first bad one', () => {
    fc.assert(
      fc.property(batch, ({ messages, text }) => {
        try {
          assert.equal(parseHl7v2Batch(text).messages.length, messages.length);
        } catch (error) {
          assert.ok(error instanceof Hl7v2Error, String(error));
          if (error.code !== 'bad-batch' && error.code !== 'bad-delimiters') assert.ok(error.messageIndex !== undefined && error.messageIndex >= 1 && error.messageIndex <= messages.length);
        }
      }),
      { numRuns: 100 },
    );
  });
});
