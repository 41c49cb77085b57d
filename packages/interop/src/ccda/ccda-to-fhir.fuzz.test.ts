import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { validate } from '@chartwell/fhir';
import { CcdaError, ccdaToFhir } from '@chartwell/interop';
import { fixtureText } from '../../../../test/support/fixtures.js';

const documents = ['ccda/fhir-converter/CCD.ccda', 'ccda/vendor-samples/NIST Samples/CCDA_CCD_b1_Ambulatory_v2.xml'].map(fixtureText);

/** A real document, cut, spliced or with a run of characters replaced at a random place. */
const damagedDocument = fc
  .record({
    document: fc.constantFrom(...documents),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    length: fc.nat({ max: 40 }),
    insert: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('<', '>', '&', '"', '</entry>', '<value xsi:type="PQ" value="x"/>', 'nullFlavor="NI" ', '\u0000')),
    operation: fc.constantFrom('truncate', 'replace', 'insert'),
  })
  .map(({ document, at, length, insert, operation }) => {
    const position = Math.floor(at * document.length);
    if (operation === 'truncate') return document.slice(0, position);
    if (operation === 'insert') return document.slice(0, position) + insert + document.slice(position);
    return document.slice(0, position) + insert + document.slice(position + length);
  });

describe('ccdaToFhir on damaged documents', () => {
  it('either returns a Bundle whose every resource validates, or throws a CcdaError with an XPath: never anything else', () => {
    fc.assert(
      fc.property(damagedDocument, (xml) => {
        let bundle;
        try {
          bundle = ccdaToFhir(xml);
        } catch (error) {
          assert.ok(error instanceof CcdaError, `a CcdaError, not ${String(error)}`);
          assert.match(error.path, /^\/([A-Za-z]+(\[\d+\])?(\/[A-Za-z]+\[\d+\])*)?/);
          return;
        }
        for (const entry of bundle.entry ?? []) assert.equal(validate(entry.resource).valid, true);
      }),
      { numRuns: 60 },
    );
  });
});
