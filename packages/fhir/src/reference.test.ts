import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseReference, formatReference } from './reference.js';
import type { ParsedReference } from './reference.js';
import { collectReferences, fixtureJson } from '../../../test/support/fixtures.js';

const examples = [
  'fhir/AllergyIntolerance-example.json',
  'fhir/AllergyIntolerance-nkda.json',
  'fhir/Observation-blood-pressure.json',
  'fhir/Appointment-2docs.json',
];

// The FHIR R4 patterns the reference grammar is built from, as oracles.
const ID = /^[A-Za-z0-9\-.]{1,64}$/;
const UUID = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const OID = /^urn:oid:[0-2](\.(0|[1-9][0-9]*))+$/;

describe('parseReference', () => {
  it('takes apart every literal reference in the official R4 examples, and formatReference puts it back', () => {
    const references = examples.flatMap((file) => collectReferences(fixtureJson(file)));
    assert.ok(references.length >= 10, `expected the examples to hold references, found ${references.length}`);
    for (const reference of references) {
      const parsed = parseReference(reference);
      assert.ok(parsed, `did not parse ${reference}`);
      assert.equal(parsed.kind, 'relative');
      assert.equal(`${parsed.resourceType}/${parsed.id}`, reference);
      assert.equal(formatReference(parsed), reference);
    }
  });

  it('reads the patient of the R4 AllergyIntolerance example', () => {
    const allergy = fixtureJson<{ patient: { reference: string } }>('fhir/AllergyIntolerance-example.json');
    assert.deepEqual(parseReference(allergy.patient.reference), {
      kind: 'relative',
      resourceType: 'Patient',
      id: 'example',
    });
  });

  it('keeps the version of a versioned reference and the base of an absolute one', () => {
    assert.deepEqual(parseReference('Observation/bp-1/_history/3'), {
      kind: 'relative',
      resourceType: 'Observation',
      id: 'bp-1',
      versionId: '3',
    });
    assert.deepEqual(parseReference('https://fhir.example.org/r4/Patient/123'), {
      kind: 'absolute',
      baseUrl: 'https://fhir.example.org/r4',
      resourceType: 'Patient',
      id: '123',
    });
    assert.deepEqual(parseReference('http://hapi.example.org/fhir/Encounter/e.1/_history/12'), {
      kind: 'absolute',
      baseUrl: 'http://hapi.example.org/fhir',
      resourceType: 'Encounter',
      id: 'e.1',
      versionId: '12',
    });
    // the base is everything before the last Type/id, and may be just the host
    assert.deepEqual(parseReference('http://example.org/Patient/1'), {
      kind: 'absolute',
      baseUrl: 'http://example.org',
      resourceType: 'Patient',
      id: '1',
    });
    assert.deepEqual(parseReference('https://server:8443/base/Organization/Practitioner/7'), {
      kind: 'absolute',
      baseUrl: 'https://server:8443/base/Organization',
      resourceType: 'Practitioner',
      id: '7',
    });
  });

  it('reads contained references, and a bare # as the container itself', () => {
    // MedicationRequest/medrx0301 of the R4 examples refers to its contained Medication as #med0301
    assert.deepEqual(parseReference('#med0301'), { kind: 'contained', id: 'med0301' });
    assert.deepEqual(parseReference('#'), { kind: 'contained', id: '' });
    assert.equal(parseReference('#med 0301'), undefined);
    assert.equal(parseReference(`#${'a'.repeat(65)}`), undefined);
    assert.equal(parseReference('##a'), undefined);
    assert.equal(parseReference('#Patient/1'), undefined);
  });

  it('reads urn:uuid and urn:oid references, checked against the FHIR uuid and oid patterns', () => {
    // fullUrl of the Patient in the R4 transaction Bundle example
    assert.deepEqual(parseReference('urn:uuid:61ebe359-bfdc-4613-8bf2-c5e300945f0a'), {
      kind: 'urn',
      namespace: 'uuid',
      value: '61ebe359-bfdc-4613-8bf2-c5e300945f0a',
    });
    // the identifier system OID of the R4 Patient example (an Australian hospital MRN)
    assert.deepEqual(parseReference('urn:oid:1.2.36.146.595.217.0.1'), {
      kind: 'urn',
      namespace: 'oid',
      value: '1.2.36.146.595.217.0.1',
    });
    for (const reference of [
      'urn:uuid:61EBE359-BFDC-4613-8BF2-C5E300945F0A', // FHIR uuids are lower case
      'urn:uuid:61ebe359bfdc46138bf2c5e300945f0a',
      'urn:uuid:61ebe359-bfdc-4613-8bf2-c5e300945f0',
      'urn:uuid:',
      'urn:oid:3.1', // the first arc is 0, 1 or 2
      'urn:oid:1', // at least two arcs
      'urn:oid:1.02', // no leading zeros
      'urn:oid:1.2.',
      'urn:OID:1.2',
      'urn:ietf:rfc:3986',
      'URN:uuid:61ebe359-bfdc-4613-8bf2-c5e300945f0a',
    ]) {
      assert.equal(parseReference(reference), undefined, reference);
    }
  });

  it('gives undefined for malformed references', () => {
    for (const reference of [
      'patient/123', // a resource type starts with a capital
      'P/123', // and has at least two letters
      'Patient/', // no id
      'Patient',
      '/Patient/1',
      'Patient/12 3', // a space is not allowed in an id
      'Patient/12_3',
      `Patient/${'a'.repeat(65)}`, // an id is at most 64 characters
      'Patient/123/_history/', // empty version
      'Patient/123/_history',
      'Patient/123/_history/1/2',
      'Patient/123/extra',
      'foo/Patient/123', // a base must be an http(s) URL
      'ftp://server/Patient/1', // only http(s) bases
      'http:///Patient/1', // a base has a host
      'https://server//Patient/1', // and no empty path segment
      'https://server/fhir//Patient/1',
      'https://server/fhir?x=1/Patient/1',
      'https://ser ver/Patient/1',
      ' Patient/1',
      'Patient/1 ',
      '',
    ]) {
      assert.equal(parseReference(reference), undefined, reference);
    }
    assert.equal(parseReference(undefined as unknown as string), undefined);
  });

  it('accepts an id of exactly 64 characters', () => {
    assert.equal(parseReference(`Patient/${'a'.repeat(64)}`)?.kind, 'relative');
    assert.equal(parseReference(`Patient/1/_history/${'a'.repeat(64)}`)?.kind, 'relative');
  });

  it('round-trips every reference of the grammar, of every kind', () => {
    const id = fc.stringMatching(/^[A-Za-z0-9\-.]{1,64}$/);
    const resourceType = fc.stringMatching(/^[A-Z][A-Za-z]{1,30}$/);
    const version = fc.option(id, { nil: undefined }).map((v) => (v === undefined ? '' : `/_history/${v}`));
    const base = fc
      .tuple(fc.constantFrom('http', 'https'), fc.domain(), fc.array(fc.stringMatching(/^[A-Za-z0-9\-._~%]{1,12}$/), { maxLength: 4 }))
      .map(([scheme, host, path]) => [`${scheme}://${host}`, ...path].join('/'));
    const hex = (n: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${n}}$`));
    const reference = fc.oneof(
      fc.tuple(resourceType, id, version).map(([type, i, v]) => `${type}/${i}${v}`),
      fc.tuple(base, resourceType, id, version).map(([b, type, i, v]) => `${b}/${type}/${i}${v}`),
      fc.option(id, { nil: undefined }).map((i) => `#${i ?? ''}`),
      fc.tuple(hex(8), hex(4), hex(4), hex(4), hex(12)).map((groups) => `urn:uuid:${groups.join('-')}`),
      fc.stringMatching(/^urn:oid:[0-2](\.(0|[1-9][0-9]{0,8})){1,10}$/),
    );
    fc.assert(
      fc.property(reference, (text) => {
        const parsed = parseReference(text);
        assert.ok(parsed, text);
        assert.equal(formatReference(parsed), text);
        assert.deepEqual(parseReference(formatReference(parsed)), parsed);
        checkParts(text, parsed);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws, and gives back what it read', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.stringMatching(/^[#:/a-zA-Z0-9._-]{0,40}$/)),
        (text) => {
          const parsed = parseReference(text);
          if (parsed) {
            assert.equal(formatReference(parsed), text);
            checkParts(text, parsed);
          }
        },
      ),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.anything(), (value) => {
        // strings are covered above; any other value gives undefined
        if (typeof value === 'string') return;
        assert.equal(parseReference(value as string), undefined);
      }),
    );
  });

  it('does not slow down on long input', () => {
    const long = `https://server/${'A'.repeat(200_000)}`;
    const started = performance.now();
    assert.equal(parseReference(long), undefined);
    assert.equal(parseReference(`${long}/Patient/1`)?.kind, 'absolute');
    assert.ok(performance.now() - started < 1000);
  });
});

/** Each part of a parsed reference satisfies the FHIR pattern for it. */
function checkParts(text: string, parsed: ParsedReference): void {
  switch (parsed.kind) {
    case 'contained':
      assert.ok(parsed.id === '' || ID.test(parsed.id), text);
      break;
    case 'urn':
      assert.ok((parsed.namespace === 'uuid' ? UUID : OID).test(text), text);
      break;
    default:
      assert.match(parsed.resourceType, /^[A-Z][A-Za-z]+$/);
      assert.match(parsed.id, ID);
      if (parsed.versionId !== undefined) assert.match(parsed.versionId, ID);
      if (parsed.kind === 'absolute') assert.match(parsed.baseUrl, /^https?:\/\/[^\s/?#]+/);
  }
}

describe('formatReference', () => {
  it('writes every kind', () => {
    assert.equal(formatReference({ kind: 'relative', resourceType: 'Patient', id: '123' }), 'Patient/123');
    assert.equal(
      formatReference({ kind: 'relative', resourceType: 'Observation', id: 'o1', versionId: '2' }),
      'Observation/o1/_history/2',
    );
    assert.equal(
      formatReference({ kind: 'absolute', baseUrl: 'https://server/fhir', resourceType: 'Patient', id: '123' }),
      'https://server/fhir/Patient/123',
    );
    assert.equal(formatReference({ kind: 'contained', id: 'med0301' }), '#med0301');
    assert.equal(formatReference({ kind: 'contained', id: '' }), '#');
    assert.equal(formatReference({ kind: 'urn', namespace: 'oid', value: '1.2.3' }), 'urn:oid:1.2.3');
  });

  it('still takes a resource type and id without a kind, as @chartwell/core calls it', () => {
    assert.equal(formatReference({ resourceType: 'Patient', id: '123' }), 'Patient/123');
    assert.equal(formatReference({ resourceType: 'Patient', id: '123', versionId: '4' }), 'Patient/123/_history/4');
    assert.equal(
      formatReference({ resourceType: 'Patient', id: '123', baseUrl: 'https://server/fhir' }),
      'https://server/fhir/Patient/123',
    );
  });
});
