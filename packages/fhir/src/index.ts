/**
 * `@chartwell/fhir`: FHIR R4 types, zod schemas, validation and primitives.
 *
 * Every R4 resource and data type is both a TypeScript type and a zod/mini schema of the same
 * name (`Patient`), generated from the official StructureDefinitions.
 *
 * @example
 * import { validate } from '@chartwell/fhir';
 * const result = validate(JSON.parse(text));
 * if (result.valid) console.log(result.resource.resourceType);
 *
 * @packageDocumentation
 */
export { FHIR_VERSION } from './version.js';
export { parseReference, formatReference } from './reference.js';
export type { ParsedReference, RelativeReference, AbsoluteReference, ContainedReference, UrnReference, ResourceReferenceParts } from './reference.js';
export { parsePartialDate, formatPartialDate, partialDateRange, comparePartialDates, comparePartialDatesForSort, ageInYears } from './primitives/partial-date.js';
export type { PartialDate, DatePrecision, PartialDateRange, PartialDateOrder, AgeRange } from './primitives/partial-date.js';
export { parseDateTime, parseInstant, formatDateTime } from './primitives/date-time.js';
export type { DateTime, Instant, DateTimePrecision } from './primitives/date-time.js';
export { decimalFromString, decimalFromNumber, decimalToNumber, addDecimals, subtractDecimals, multiplyDecimals, compareDecimals, decimalsEqual } from './primitives/decimal.js';
export type { Decimal } from './primitives/decimal.js';
export { validate, assertValid, isResourceType, createValidator, ValidationError } from './validate.js';
export type { ValidationIssue, ValidationResult, ValidateOptions, Validator, ResourceSchemas } from './validate.js';
export type { IssueCode } from './schema/issue.js';
export type { FhirSchema } from './schema/builders.js';
export * from './generated/index.js';
