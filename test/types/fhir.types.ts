// Type-level checks of @chartwell/fhir's public API, run by `tsc -p tsconfig.test.json` (npm run lint).
// Nothing here executes: a line that stops compiling is the failure.
import { createValidator, validate, type ExtractResource, type Observation, type Patient, type Resource, type ResourceType, Patient as PatientSchema } from '@chartwell/fhir';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const typeAssert = <T extends true>(): T => true as T;

typeAssert<Equal<ExtractResource<'Patient'>, Patient>>();
// a required primitive is still optional in the type: its _element twin alone (a data-absent-reason
// extension) satisfies the cardinality, and validate() checks that one of the two is there
typeAssert<Equal<ExtractResource<'Observation'>['status'], 'registered' | 'preliminary' | 'final' | 'amended' | 'corrected' | 'cancelled' | 'entered-in-error' | 'unknown' | undefined>>();
// a required complex element is required in the type
typeAssert<Equal<Observation['code'], import('@chartwell/fhir').CodeableConcept>>();
typeAssert<Equal<Patient['gender'], 'male' | 'female' | 'other' | 'unknown' | undefined>>();
typeAssert<Equal<Extract<Resource, { resourceType: 'Patient' }>, Patient>>();
typeAssert<ResourceType extends string ? true : false>();

// validate() narrows on `valid`, and to the expected type when asked for one
declare const input: unknown;
const result = validate(input, { resourceType: 'Observation' });
if (result.valid) {
  typeAssert<Equal<typeof result.resource, Observation>>();
} else {
  // @ts-expect-error an invalid result has no resource
  void result.resource;
}

// a validator made for some types only accepts those as the expected type
const { validate: validatePatient } = createValidator({ Patient: PatientSchema });
const patientResult = validatePatient(input, { resourceType: 'Patient' });
if (patientResult.valid) typeAssert<Equal<typeof patientResult.resource, Patient>>();
// @ts-expect-error Observation was not given to this validator
validatePatient(input, { resourceType: 'Observation' });

// choice types are separate, optional properties; repeating primitives may hold nulls beside _element twins
typeAssert<Equal<Observation['valueString'], string | undefined>>();
typeAssert<Equal<NonNullable<NonNullable<Patient['name']>[number]['given']>[number], string | null>>();
