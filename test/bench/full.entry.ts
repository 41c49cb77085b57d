// Section 3 of the benchmark: a host build with the full validator (every resource type).
export { validate } from '@chartwell/fhir';
