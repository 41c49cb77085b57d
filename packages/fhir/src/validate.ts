import * as z from 'zod/mini';
import { allResourceSchemas } from './generated/all-resources.js';
import { isResourceTypeName, type ExtractResource, type Resource, type ResourceType } from './generated/resource-types.js';
import { withResourceSchemas, withResourceScope, type ResourceSchemaMap } from './schema/any-resource.js';
import type { FhirSchema } from './schema/builders.js';
import { DOM_6, lacksNarrative } from './invariants/domain-resource.js';

/** The resources that are not DomainResources, and so have no narrative to ask for (dom-6). */
const NOT_DOMAIN_RESOURCES: ReadonlySet<string> = /*#__PURE__*/ new Set(['Binary', 'Bundle', 'Parameters']);
import type { FhirIssueParams, IssueCode } from './schema/issue.js';

/** One problem found in a resource. */
export interface ValidationIssue {
  /** `error` makes the resource invalid; `warning` (best practice, such as dom-6) does not. */
  readonly severity: 'error' | 'warning';
  /** The FHIR IssueType code, as an OperationOutcome would carry it. */
  readonly code: IssueCode;
  /** Where, as a FHIRPath-style path from the resource type: `Patient.name[0].given[1]`. */
  readonly path: string;
  /** What is wrong, in words. */
  readonly message: string;
  /** The constraint's key, for a failed invariant (`per-1`). */
  readonly key?: string;
}

/** What {@link validate} returns: the resource, typed, or the issues that make it invalid. */
export type ValidationResult<T = Resource> =
  | { readonly valid: true; readonly resource: T; readonly issues: readonly ValidationIssue[] }
  | { readonly valid: false; readonly issues: readonly ValidationIssue[] };

/** Options of {@link validate}. */
export interface ValidateOptions<K extends ResourceType = ResourceType> {
  /** The resource type the input must be; anything else is an error. */
  readonly resourceType?: K;
}

/** Thrown by `assertValid` for a resource that is not valid; `issues` says why. */
export class ValidationError extends Error {
  /** Stable code, shared with the store errors of `@chartwell/core`. */
  readonly code = 'invalid';
  /** Every issue found, errors and warnings. */
  readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly ValidationIssue[]) {
    const errors = issues.filter((i) => i.severity === 'error');
    const first = errors.slice(0, 3).map((i) => `${i.path}: ${i.message}`);
    const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : '';
    super(`Invalid FHIR resource: ${first.join('; ')}${more}`);
    this.name = 'ValidationError';
    this.issues = issues;
  }
}

/** A validator for a chosen set of resource types (see {@link createValidator}). */
export interface Validator<K extends ResourceType> {
  /** Validates `input` as one of this validator's resource types; never throws. */
  validate<T extends K = K>(input: unknown, options?: ValidateOptions<T>): ValidationResult<ExtractResource<T>>;
  /** The resource, typed, when `input` is valid; otherwise throws a {@link ValidationError}. */
  assertValid<T extends K = K>(input: unknown, options?: ValidateOptions<T>): ExtractResource<T>;
  /** Whether `input` is a valid resource of type `type` (a full validation, not a look at `resourceType`). */
  isResourceType<T extends K>(input: unknown, type: T): input is ExtractResource<T>;
}

/** Schemas to validate against, by resource type: `{ Patient, Observation }`. */
export type ResourceSchemas = { readonly [K in ResourceType]?: FhirSchema<ExtractResource<K>> };

const describe = (value: unknown) =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `${typeof value} ${quote(value)}`;

function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return `"${text.length > 60 ? `${text.slice(0, 57)}...` : text}"`;
}

/** Writes a zod path as FHIRPath: `Patient.name[0].given[1]`. */
function formatPath(root: string, path: readonly PropertyKey[]): string {
  let out = root;
  for (const segment of path) out += typeof segment === 'number' ? `[${segment}]` : `.${String(segment)}`;
  return out;
}

function toIssues(root: string, issue: z.core.$ZodIssue): ValidationIssue[] {
  const path = formatPath(root, issue.path);
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        severity: 'error' as const,
        code: 'structure' as const,
        path: formatPath(root, [...issue.path, key]),
        message: `Unknown property "${key}"`,
      }));
    case 'invalid_type':
      if (input === undefined) return [{ severity: 'error', code: 'required', path, message: 'Missing a required element' }];
      return [{ severity: 'error', code: 'structure', path, message: `Expected ${issue.expected === 'int' ? 'an integer' : issue.expected}, found ${describe(input)}` }];
    case 'invalid_format':
      return [{ severity: 'error', code: 'value', path, message: `${issue.message}: ${quote(input)}` }];
    case 'too_small':
    case 'too_big':
      if (issue.origin === 'array') return [{ severity: 'error', code: 'structure', path, message: issue.message }];
      return [{ severity: 'error', code: 'value', path, message: `${issue.message}: ${quote(input)}` }];
    case 'invalid_value': {
      if (typeof input !== 'string') {
        return [{ severity: 'error', code: 'structure', path, message: `Expected a code (a string), found ${describe(input)}` }];
      }
      const allowed = issue.values.map(String);
      const list = allowed.length > 12 ? `${allowed.slice(0, 12).join(', ')}, ...` : allowed.join(', ');
      return [{ severity: 'error', code: 'code-invalid', path, message: `${quote(input)} is not one of the allowed codes: ${list}` }];
    }
    case 'custom': {
      const params = issue.params as FhirIssueParams | undefined;
      return [
        {
          severity: params?.severity ?? 'error',
          code: params?.fhirCode ?? 'invalid',
          path,
          message: issue.message,
          ...(params?.key !== undefined && { key: params.key }),
        },
      ];
    }
    default:
      return [{ severity: 'error', code: 'invalid', path, message: issue.message }];
  }
}

/**
 * A validator for just the resource types given, so that a bundle which validates only Patient
 * and Observation does not carry every schema. Nested resources (contained, Bundle entries)
 * of other types are reported as `not-supported`.
 *
 * @example
 * import { createValidator, Patient, Observation } from '@chartwell/fhir';
 * const { validate } = createValidator({ Patient, Observation });
 */
export function createValidator<S extends ResourceSchemas>(schemas: S): Validator<keyof S & ResourceType> {
  const byType: ResourceSchemaMap = new Map(Object.entries(schemas).filter(([, schema]) => schema !== undefined)) as ResourceSchemaMap;

  function validateWith<T extends ResourceType>(input: unknown, options?: ValidateOptions<T>): ValidationResult<ExtractResource<T>> {
    if (!input || typeof input !== 'object' || Array.isArray(input)) {
      return { valid: false, issues: [{ severity: 'error', code: 'structure', path: 'Resource', message: `A FHIR resource must be a JSON object, not ${describe(input)}` }] };
    }
    const resourceType = (input as { resourceType?: unknown }).resourceType;
    if (typeof resourceType !== 'string') {
      return { valid: false, issues: [{ severity: 'error', code: 'required', path: 'Resource.resourceType', message: 'A FHIR resource must have a resourceType' }] };
    }
    if (options?.resourceType !== undefined && resourceType !== options.resourceType) {
      return {
        valid: false,
        issues: [{ severity: 'error', code: 'invalid', path: `${resourceType}.resourceType`, message: `Expected a ${options.resourceType}, found a ${resourceType}` }],
      };
    }
    const schema = byType.get(resourceType);
    if (!schema) {
      const known = isResourceTypeName(resourceType);
      return {
        valid: false,
        issues: [
          known
            ? { severity: 'error', code: 'not-supported', path: `${resourceType}.resourceType`, message: `"${resourceType}" is not among the resource types this validator was created with` }
            : { severity: 'error', code: 'structure', path: 'Resource.resourceType', message: `Unknown resource type ${quote(resourceType)}` },
        ],
      };
    }
    const result = withResourceSchemas(byType, () => withResourceScope(input, false, () => z.safeParse(schema, input, { reportInput: true })));
    // dom-6 (a warning) of this resource is checked here: most resources have no narrative,
    // and a failed parse, for a warning, would cost every one of them
    const narrative: ValidationIssue[] =
      NOT_DOMAIN_RESOURCES.has(resourceType) || !lacksNarrative(input)
        ? []
        : [{ severity: 'warning', code: 'invariant', path: resourceType, message: `Constraint failed: dom-6: ${DOM_6}`, key: 'dom-6' }];
    if (result.success) return { valid: true, resource: input as ExtractResource<T>, issues: narrative };
    const issues = [...result.error.issues.flatMap((issue) => toIssues(resourceType, issue)), ...narrative];
    return issues.some((i) => i.severity === 'error')
      ? { valid: false, issues }
      : { valid: true, resource: input as ExtractResource<T>, issues };
  }

  return {
    validate: validateWith,
    assertValid(input, options) {
      const result = validateWith(input, options);
      if (!result.valid) throw new ValidationError(result.issues);
      return result.resource;
    },
    isResourceType<T extends ResourceType>(input: unknown, type: T): input is ExtractResource<T> {
      return validateWith(input, { resourceType: type }).valid;
    },
  } as Validator<keyof S & ResourceType>;
}

let everyType: Validator<ResourceType> | undefined;
const all = () => (everyType ??= createValidator(allResourceSchemas));

/**
 * Validates `input` as a FHIR R4 resource of any type: structure, cardinality, formats,
 * required codes and invariants. Never throws.
 *
 * @example
 * const result = validate(JSON.parse(text));
 * if (!result.valid) for (const issue of result.issues) console.log(issue.path, issue.message);
 */
export function validate<K extends ResourceType = ResourceType>(input: unknown, options?: ValidateOptions<K>): ValidationResult<ExtractResource<K>> {
  return all().validate(input, options);
}

/** The resource, typed, when `input` is valid; otherwise throws a {@link ValidationError}. */
export function assertValid<K extends ResourceType = ResourceType>(input: unknown, options?: ValidateOptions<K>): ExtractResource<K> {
  return all().assertValid(input, options);
}

/** Whether `input` is a valid FHIR R4 resource of type `type` (fully validated). */
export function isResourceType<K extends ResourceType>(input: unknown, type: K): input is ExtractResource<K> {
  return all().isResourceType(input, type);
}
