import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { validate, resourceTypes } from '@chartwell/fhir';
import { fixtureJson } from '../../../test/support/fixtures.js';

type Json = Record<string, unknown>;

/** validate() must answer, never throw, and its answer must be well-formed. */
function answers(input: unknown): boolean {
  const result = validate(input);
  assert.equal(typeof result.valid, 'boolean');
  for (const issue of result.issues) {
    assert.ok(issue.severity === 'error' || issue.severity === 'warning');
    assert.equal(typeof issue.path, 'string');
    assert.equal(typeof issue.message, 'string');
  }
  if (!result.valid) assert.ok(result.issues.some((i) => i.severity === 'error'));
  return true;
}

/** Every [path, value] inside a JSON value. */
function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  const here = [at];
  if (Array.isArray(value)) return here.concat(...value.map((v, i) => paths(v, [...at, i])));
  if (value && typeof value === 'object') return here.concat(...Object.entries(value).map(([k, v]) => paths(v, [...at, k])));
  return here;
}

function replaceAt(root: Json, path: (string | number)[], value: unknown): Json {
  const copy = structuredClone(root);
  let node: Record<string | number, unknown> = copy;
  for (const segment of path.slice(0, -1)) node = node[segment] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = value;
  return copy;
}

const seeds = ['Patient-example', 'Observation-blood-pressure', 'AllergyIntolerance-example', 'Bundle-bundle-transaction', 'MedicationRequest-medrx0302', 'Appointment-2docs'].map((name) =>
  fixtureJson<Json>(`fhir/${name}.json`),
);

describe('validate (property-based)', () => {
  it('never throws on arbitrary JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), answers), { numRuns: 2000 });
  });

  it('never throws on arbitrary objects that claim to be a resource of any type', () => {
    const resource = fc.record({ resourceType: fc.constantFrom(...resourceTypes) }).chain((head) =>
      fc.dictionary(fc.string(), fc.jsonValue()).map((body) => ({ ...body, ...head })),
    );
    fc.assert(fc.property(resource, answers), { numRuns: 2000 });
  });

  it('never throws when any one part of a real resource is replaced by arbitrary JSON, and flags the change if the type no longer fits', () => {
    const mutation = fc.constantFrom(...seeds).chain((seed) =>
      fc.tuple(fc.constant(seed), fc.constantFrom(...paths(seed).filter((p) => p.length > 0 && p[0] !== 'resourceType')), fc.jsonValue()),
    );
    fc.assert(
      fc.property(mutation, ([seed, path, value]) => {
        answers(replaceAt(seed, path, value));
        // an object where the example had a string is never valid FHIR
        const original = path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], seed);
        if (typeof original === 'string' && value !== null && typeof value === 'object') {
          assert.equal(validate(replaceAt(seed, path, value)).valid, false, `${path.join('.')} = ${JSON.stringify(value)}`);
        }
        return true;
      }),
      { numRuns: 3000 },
    );
  });

  it('never throws when any one part of a real resource is an object that cannot be made a string (no toString, no prototype)', () => {
    // exhaustive over every path of the seeds and two Bundles with RESTful fullUrls: messages and
    // invariants must not interpolate what the schema has not checked to be a string
    const bundles = ['Bundle-bundle-references', 'Bundle-10bb101f-a121-4264-a920-67be9cb82c74'].map((name) => fixtureJson<Json>(`fhir/${name}.json`));
    let probes = 0;
    for (const seed of [...seeds, ...bundles]) {
      for (const path of paths(seed)) {
        if (path[0] === 'resourceType') continue;
        // an unknown property "toString" is never valid; an empty object may be (as _birthDate)
        assert.equal(validate(replaceAt(seed, path, { toString: null })).valid, false, path.join('.'));
        assert.equal(typeof validate(replaceAt(seed, path, Object.create(null) as object)).valid, 'boolean', path.join('.'));
        probes++;
      }
    }
    assert.ok(probes > 500, `${probes} probes`);
  });

  it('reports every error with the resource type at the start of its path', () => {
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.jsonValue(), (seed, junk) => {
        const input = { ...structuredClone(seed), junk };
        const result = validate(input);
        assert.equal(result.valid, false);
        for (const issue of result.issues) assert.ok(issue.path.startsWith(`${seed['resourceType'] as string}`), issue.path);
        return true;
      }),
      { numRuns: 300 },
    );
  });
});
