import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { encodeHl7v2, Hl7v2Component, Hl7v2Error, Hl7v2Field, Hl7v2Message, Hl7v2Repetition, Hl7v2Segment, parseHl7v2, type Hl7v2Delimiters } from '@chartwell/interop';
import { fixtureText } from '../../../../test/support/fixtures.js';

type Values = string[][][][]; // field → repetition → component → subcomponent

const values = (segment: Hl7v2Segment): Values => segment.fields.map((f) => f.repetitions.map((r) => r.components.map((c) => [...c.subcomponents])));
const fromValues = (fields: Values) => fields.map((f) => new Hl7v2Field(f.map((r) => new Hl7v2Repetition(r.map((c) => new Hl7v2Component(c))))));

// delimiters: five distinct printable non-alphanumeric characters, sometimes a sixth for truncation
const delimiters: fc.Arbitrary<Hl7v2Delimiters> = fc
  .shuffledSubarray([...'|^~\\&#*@!%$?+'], { minLength: 6, maxLength: 6 })
  .chain((chars) => fc.boolean().map((withTruncation) => ({ chars, withTruncation })))
  .map(({ chars: [field = '', component = '', repetition = '', escape = '', subcomponent = '', truncation = ''], withTruncation }) =>
    withTruncation ? { field, component, repetition, escape, subcomponent, truncation } : { field, component, repetition, escape, subcomponent },
  );
// text made mostly of the characters that need escaping
const text = fc.string({ unit: fc.constantFrom(...'|^~\\&#*@!%$?+ aZ9é\r\n') , maxLength: 8 });
const field = fc.array(fc.array(fc.array(text, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 2 });
const segment = fc.record({ name: fc.constantFrom('PID', 'OBX', 'ZPI', 'NTE', 'PV1'), fields: fc.array(field, { minLength: 1, maxLength: 5 }) });

describe('encodeHl7v2', () => {
  it('gives back the text of real messages with CR segment endings', () => {
    for (const file of ['ADT-A01-01.hl7', 'ORU-R01-01.hl7', 'ADT-A28-01.hl7']) {
      const original = fixtureText(`hl7v2/${file}`).split(/\r\n|\r|\n/).filter((l) => l !== '').join('\r');
      assert.equal(encodeHl7v2(parseHl7v2(original)), original, file);
    }
  });

  it('round-trips any values with any delimiters: parse(encode(m)) has the values of m', () => {
    fc.assert(
      fc.property(delimiters, fc.array(segment, { maxLength: 4 }), (d, segments) => {
        const msh = new Hl7v2Segment('MSH', [...fromValues([[[[d.field]]], [[[d.component + d.repetition + d.escape + d.subcomponent + (d.truncation ?? '')]]]]), ...fromValues([[[['A']]], [], [], [], [[['20240101']]], [[['']]], [[['ADT'], ['A01']]], [[['1']]]])], 1);
        const body = segments.map((s, i) => new Hl7v2Segment(s.name, fromValues(s.fields), i + 2));
        const message = new Hl7v2Message(d, [msh, ...body], { messageType: 'ADT' });
        const parsed = parseHl7v2(encodeHl7v2(message));
        assert.deepEqual(parsed.delimiters, d);
        assert.deepEqual(parsed.segments.slice(1).map((s) => [s.name, values(s)]), segments.map((s) => [s.name, s.fields]));
      }),
    );
  });

  it('round-trips real messages: parse(encode(parse(t))) equals parse(t)', () => {
    for (const file of ['ADT-A01-01.hl7', 'LAB-ORU-1.hl7', 'ORU-R01-01.hl7', 'hl7-standard-message.hl7', 'simple-hl7-adt.hl7']) {
      const once = parseHl7v2(fixtureText(`hl7v2/${file}`));
      const twice = parseHl7v2(encodeHl7v2(once, { segmentSeparator: '\n' }));
      assert.deepEqual(twice.segments.map(values), once.segments.map(values), file);
      assert.deepEqual(twice.header, once.header, file);
    }
  });

  it('parseHl7v2 either parses or throws an Hl7v2Error, whatever the text', () => {
    const hl7ish = fc.string({ unit: fc.constantFrom(...'MSHPIDOBX|^~\\&\r\n 19AZ#'), maxLength: 80 });
    fc.assert(
      fc.property(fc.oneof(hl7ish, fc.string(), hl7ish.map((t) => `MSH|^~\\&|${t}`)), (input) => {
        try {
          parseHl7v2(input);
        } catch (error) {
          assert.ok(error instanceof Hl7v2Error, String(error));
        }
      }),
    );
  });
});
