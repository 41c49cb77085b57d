import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertValid, createValidator, isResourceType, validate, Observation, Patient, ValidationError, type ValidationIssue } from '@chartwell/fhir';
import { fixtureJson } from '../../../test/support/fixtures.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test data is broken on purpose

/** A fresh copy of an official R4 example, to break one thing in. */
const example = (name: string): Json => structuredClone(fixtureJson<Json>(`fhir/${name}.json`));

const errors = (input: unknown) => validate(input).issues.filter((i) => i.severity === 'error');

/** The one error at `path`, failing the test (with every error found) if there is not exactly one. */
function errorAt(input: unknown, path: string): ValidationIssue {
  const all = errors(input);
  const found = all.filter((i) => i.path === path);
  assert.equal(found.length, 1, `expected one error at ${path}, got: ${JSON.stringify(all, null, 1)}`);
  return found[0]!;
}

describe('validate: the examples it starts from are valid', () => {
  it('accepts the unmodified R4 examples used below', () => {
    for (const name of ['Patient-example', 'Observation-blood-pressure', 'AllergyIntolerance-example', 'Bundle-bundle-example']) {
      const result = validate(example(name));
      assert.equal(result.valid, true, `${name}: ${JSON.stringify(result.issues)}`);
    }
  });

  it('returns the same object, typed, and no issues when there is nothing to say', () => {
    const patient = example('Patient-example');
    const result = validate(patient);
    assert.ok(result.valid);
    assert.equal(result.resource, patient);
    assert.deepEqual(result.issues, []);
  });
});

describe('validate: structure', () => {
  it('rejects what is not a resource', () => {
    for (const input of [null, 42, 'Patient', [], undefined]) {
      const [issue] = errors(input);
      assert.equal(issue?.code, 'structure');
      assert.equal(issue?.path, 'Resource');
    }
    assert.equal(errorAt({ id: 'x' }, 'Resource.resourceType').code, 'required');
    assert.equal(errorAt({ resourceType: 'Patinet' }, 'Resource.resourceType').code, 'structure');
  });

  it('rejects unknown properties, naming each', () => {
    const patient = example('Patient-example');
    patient['unknownElement'] = true;
    patient.name[0].nickname = 'Pete';
    assert.equal(errorAt(patient, 'Patient.unknownElement').code, 'structure');
    assert.match(errorAt(patient, 'Patient.name[0].nickname').message, /Unknown property "nickname"/);
  });

  it('rejects a JSON type that does not fit: an object for an array, a number for a string', () => {
    const patient = example('Patient-example');
    patient.name = patient.name[0];
    patient.gender = 1;
    assert.match(errorAt(patient, 'Patient.name').message, /Expected array, found an object/);
    assert.equal(errorAt(patient, 'Patient.gender').code, 'structure');
  });

  it('never throws on an object without a usable toString where a code is bound (found by the property test, seed 894202255)', () => {
    const allergy = example('AllergyIntolerance-example');
    allergy.verificationStatus.coding[0].system = { toString: null };
    const result = validate(allergy);
    assert.equal(result.valid, false);
    assert.ok(result.issues.some((i) => i.path.startsWith('AllergyIntolerance.verificationStatus')), JSON.stringify(result.issues));
  });

  it('rejects empty arrays and elements with neither a value nor children (ele-1)', () => {
    const patient = example('Patient-example');
    patient.telecom = [];
    patient.address = [{ id: 'a1' }];
    assert.equal(errorAt(patient, 'Patient.telecom').code, 'structure');
    const ele1 = errorAt(patient, 'Patient.address[0]');
    assert.equal(ele1.code, 'invariant');
    assert.equal(ele1.key, 'ele-1');
  });
});

describe('validate: cardinality', () => {
  it('reports a missing required complex element and a missing required primitive', () => {
    const observation = example('Observation-blood-pressure');
    delete observation.code;
    delete observation.status;
    assert.equal(errorAt(observation, 'Observation.code').code, 'required');
    assert.equal(errorAt(observation, 'Observation.status').code, 'required');
  });

  it('accepts a required primitive carried only by its _element (extension, no value)', () => {
    const observation = example('Observation-blood-pressure');
    delete observation.status;
    observation._status = { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'unknown' }] };
    assert.deepEqual(errors(observation), []);
  });

  it('rejects an array where at most one is allowed', () => {
    const patient = example('Patient-example');
    patient.birthDate = ['1974-12-25'];
    assert.equal(errorAt(patient, 'Patient.birthDate').code, 'structure');
  });
});

describe('validate: choice types', () => {
  it('allows one value[x] only', () => {
    const observation = example('Observation-blood-pressure');
    observation.valueString = 'high';
    observation.valueBoolean = true;
    const issue = errorAt(observation, 'Observation');
    assert.match(issue.message, /Only one of valueString, valueBoolean/);
  });

  it('requires one where the choice is mandatory, naming the choices', () => {
    const extension = { url: 'http://example.org/x' };
    const patient = { resourceType: 'Patient', extension: [{ ...extension, valueString: 'a', valueCode: 'b' }] };
    assert.match(errorAt(patient, 'Patient.extension[0]').message, /Only one of/);
    const timing = { resourceType: 'Goal', lifecycleStatus: 'active', description: { text: 'x' }, subject: { reference: 'Patient/1' }, target: [{ detailQuantity: { value: 1 }, detailString: 'x' }] };
    assert.match(errorAt(timing, 'Goal.target[0]').message, /detail\[x\] is a single choice/);
    const component = example('Observation-blood-pressure');
    component.component[0] = { code: component.component[0].code, valueQuantity: { value: 1 }, valueString: 'x' };
    assert.match(errorAt(component, 'Observation.component[0]').message, /Only one of valueQuantity, valueString/);
  });

  it('rejects a choice type that does not exist for the element', () => {
    const observation = example('Observation-blood-pressure');
    observation.valueUri = 'http://example.org';
    assert.equal(errorAt(observation, 'Observation.valueUri').code, 'structure');
  });
});

describe('validate: primitive formats (the spec\'s regexes)', () => {
  const cases: [string, (p: Json) => void, string][] = [
    ['a date that is not one', (p) => (p.birthDate = 'not a date'), 'Patient.birthDate'],
    ['a day that does not exist in the regex (month 13)', (p) => (p.birthDate = '1974-13-01'), 'Patient.birthDate'],
    ['a dateTime with a time but no offset', (p) => (p.deceasedDateTime = '2015-02-14T13:42:00', delete p.deceasedBoolean), 'Patient.deceasedDateTime'],
    ['an id with a slash', (p) => (p.id = 'foo/bar'), 'Patient.id'],
    ['an id longer than 64 characters', (p) => (p.id = 'a'.repeat(65)), 'Patient.id'],
    ['an empty string', (p) => (p.name[0].family = ''), 'Patient.name[0].family'],
    ['a code with a leading space', (p) => (p.telecom[0].system = ' phone'), 'Patient.telecom[0].system'],
    ['a uri with a space', (p) => (p.identifier[0].system = 'urn:oid:1.2 3'), 'Patient.identifier[0].system'],
  ];
  for (const [what, breakIt, path] of cases) {
    it(`rejects ${what}`, () => {
      const patient = example('Patient-example');
      breakIt(patient);
      assert.ok(['value', 'code-invalid'].includes(errorAt(patient, path).code));
    });
  }

  it('rejects numbers out of range for their type', () => {
    const patient = example('Patient-example');
    patient.multipleBirthInteger = 1.5;
    patient.telecom[0].rank = 0; // positiveInt
    delete patient.multipleBirthBoolean;
    assert.equal(errorAt(patient, 'Patient.multipleBirthInteger').code, 'structure');
    assert.equal(errorAt(patient, 'Patient.telecom[0].rank').code, 'value');
  });

  it('rejects invalid base64', () => {
    const media = { resourceType: 'Media', status: 'completed', content: { data: '%%%2@()()' } };
    assert.equal(errorAt(media, 'Media.content.data').code, 'value');
  });

  it('keeps primitive extensions in step with the values they belong to', () => {
    const patient = example('Patient-example');
    patient.name[0]._given = [null];
    assert.match(errorAt(patient, 'Patient.name[0]._given').message, /one entry per entry/);
    const ok = example('Patient-example');
    ok.name[0].given = ['Peter', null];
    ok.name[0]._given = [null, { extension: [{ url: 'http://example.org/x', valueString: 'y' }] }];
    assert.deepEqual(errors(ok), []);
    const bothNull = example('Patient-example');
    bothNull.name[0].given = ['Peter', null];
    bothNull.name[0]._given = [null, null];
    assert.match(errorAt(bothNull, 'Patient.name[0].given[1]').message, /neither a value nor extensions/);
  });
});

describe('validate: required bindings', () => {
  it('rejects a code outside a required code set, listing the allowed codes', () => {
    const observation = example('Observation-blood-pressure');
    observation.status = 'done';
    const issue = errorAt(observation, 'Observation.status');
    assert.equal(issue.code, 'code-invalid');
    assert.match(issue.message, /"done" is not one of the allowed codes: amended, cancelled, corrected, entered-in-error, final/);
  });

  it('rejects an AllergyIntolerance criticality outside low | high | unable-to-assess', () => {
    const allergy = example('AllergyIntolerance-example');
    allergy.criticality = 'severe';
    assert.equal(errorAt(allergy, 'AllergyIntolerance.criticality').code, 'code-invalid');
  });

  it('checks CodeableConcepts bound to a required value set, such as AllergyIntolerance.clinicalStatus', () => {
    const allergy = example('AllergyIntolerance-example');
    allergy.clinicalStatus.coding[0].code = 'cured';
    assert.match(errorAt(allergy, 'AllergyIntolerance.clinicalStatus').message, /allergyintolerance-clinical\|cured\) is in the required value set/);
    const textOnly = example('AllergyIntolerance-example');
    textOnly.clinicalStatus = { text: 'active' };
    assert.equal(errorAt(textOnly, 'AllergyIntolerance.clinicalStatus').code, 'code-invalid');
  });
});

describe('validate: nested resources', () => {
  it('validates contained resources, with paths into them', () => {
    const request = example('MedicationRequest-medrx0302');
    request.contained[0].code = 'not a CodeableConcept';
    assert.equal(errorAt(request, 'MedicationRequest.contained[0].code').code, 'structure');
  });

  it('validates Bundle entries with paths into them', () => {
    const bundle = example('Bundle-bundle-example');
    bundle.entry[0].resource.status = 'bogus';
    assert.equal(errorAt(bundle, 'Bundle.entry[0].resource.status').code, 'code-invalid');
  });

  it('rejects an unknown resource type inside a bundle', () => {
    const bundle = example('Bundle-bundle-example');
    bundle.entry[0].resource = { resourceType: 'Nonsense' };
    assert.equal(errorAt(bundle, 'Bundle.entry[0].resource.resourceType').code, 'structure');
  });
});

describe('validate: options, assertValid, isResourceType, createValidator', () => {
  it('checks the expected resource type', () => {
    const result = validate(example('Patient-example'), { resourceType: 'Observation' });
    assert.equal(result.valid, false);
    assert.match(result.issues[0]!.message, /Expected a Observation, found a Patient/);
  });

  it('assertValid returns the typed resource or throws a ValidationError listing the issues', () => {
    const patient = assertValid(example('Patient-example'), { resourceType: 'Patient' });
    assert.equal(patient.name?.[0]?.family, 'Chalmers');
    const broken = example('Patient-example');
    broken.gender = 'x';
    assert.throws(() => assertValid(broken), (error: unknown) => {
      assert.ok(error instanceof ValidationError);
      assert.equal(error.code, 'invalid');
      assert.equal(error.issues[0]?.path, 'Patient.gender');
      assert.match(error.message, /Patient\.gender/);
      return true;
    });
  });

  it('isResourceType validates fully, not just the resourceType', () => {
    assert.equal(isResourceType(example('Patient-example'), 'Patient'), true);
    assert.equal(isResourceType(example('Patient-example'), 'Observation'), false);
    assert.equal(isResourceType({ resourceType: 'Patient', gender: 'x' }, 'Patient'), false);
  });

  it('a validator created for some types accepts them and says plainly that it does not know the others', () => {
    const validator = createValidator({ Patient, Observation });
    assert.equal(validator.validate(example('Patient-example')).valid, true);
    assert.equal(validator.validate(example('Observation-blood-pressure')).valid, true);
    const result = validator.validate(example('AllergyIntolerance-example'));
    assert.equal(result.valid, false);
    assert.equal(result.issues[0]?.code, 'not-supported');
  });
});
