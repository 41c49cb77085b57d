import * as z from 'zod/mini';
import { isResourceTypeName } from '../generated/resource-types.js';
import type { FhirIssueParams } from './issue.js';

/** The resource schemas a validator knows, by resource type. */
export type ResourceSchemaMap = ReadonlyMap<string, z.ZodMiniType>;

let active: ResourceSchemaMap | undefined;

/**
 * Runs `parse` with `schemas` as the resource types that nested resources (`contained`,
 * `Bundle.entry.resource`, `Parameters.parameter.resource`) are validated against. Parsing is
 * synchronous, so the set in force is simply the innermost call's.
 */
export function withResourceSchemas<T>(schemas: ResourceSchemaMap, parse: () => T): T {
  const previous = active;
  active = schemas;
  try {
    return parse();
  } finally {
    active = previous;
  }
}

/** What the resource being checked right now can resolve local (`#id`) references against. */
export interface ResourceScope {
  /** The ids of the contained resources of the resource at the root (the container). */
  readonly containedIds: ReadonlySet<string>;
  /** Whether the resource being checked is itself a contained one. */
  readonly contained: boolean;
}

const NO_IDS: ReadonlySet<string> = new Set();
let scope: ResourceScope | undefined;
let nestedDepth = 0;

/** The scope of the resource being checked: ref-1 resolves `#id` references against it. */
export function currentScope(): ResourceScope | undefined {
  return scope;
}

/** Whether the resource being checked right now is a contained one (`contained[]` of another). */
export function isInsideContained(): boolean {
  return scope?.contained === true;
}

/** Whether the resource being checked right now sits inside another (contained, or a Bundle entry). */
export function isNested(): boolean {
  return nestedDepth > 0;
}

/**
 * Runs `parse` for `resource`, in a scope of its own (a resource at the root or a Bundle entry)
 * or, for a contained resource, in its container's.
 */
export function withResourceScope<T>(resource: object, contained: boolean, parse: () => T): T {
  const previous = scope;
  if (contained) {
    scope = { containedIds: previous?.containedIds ?? NO_IDS, contained: true };
  } else {
    const list = (resource as { contained?: unknown }).contained;
    const ids = Array.isArray(list)
      ? new Set(list.map((c: { id?: unknown } | null) => c?.id).filter((id): id is string => typeof id === 'string'))
      : NO_IDS;
    scope = { containedIds: ids, contained: false };
  }
  try {
    return parse();
  } finally {
    scope = previous;
  }
}

/** A resource nested in another: dispatched on its `resourceType` to the schemas in force. */
export const anyResource: z.ZodMiniType<unknown> = /*#__PURE__*/ z.unknown().check((payload) => checkNested(payload, false));

/** A contained resource (`DomainResource.contained[]`): as {@link anyResource}, and known to be contained while it is checked. */
export const containedResource: z.ZodMiniType<unknown> = /*#__PURE__*/ z.unknown().check((payload) => checkNested(payload, true));

function checkNested(payload: z.core.ParsePayload<unknown>, contained: boolean): void {
  const value = payload.value;
  const fail = (message: string, params: FhirIssueParams, path: PropertyKey[] = []) =>
    payload.issues.push({ code: 'custom', message, path, params, input: value, continue: true });
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    fail('A resource must be a JSON object', { fhirCode: 'structure' });
    return;
  }
  const resourceType = (value as { resourceType?: unknown }).resourceType;
  if (typeof resourceType !== 'string') {
    fail('A resource must have a resourceType', { fhirCode: 'required' }, ['resourceType']);
    return;
  }
  const schema = active?.get(resourceType);
  if (!schema) {
    if (isResourceTypeName(resourceType)) {
      fail(`"${resourceType}" is not among the resource types this validator was created with`, { fhirCode: 'not-supported' }, ['resourceType']);
    } else {
      fail(`Unknown resource type "${resourceType}"`, { fhirCode: 'structure' }, ['resourceType']);
    }
    return;
  }
  nestedDepth++;
  try {
    const result = withResourceScope(value, contained, () => z.safeParse(schema, value, { reportInput: true }));
    if (!result.success) {
      for (const issue of result.error.issues) payload.issues.push({ ...issue, continue: true } as z.core.$ZodRawIssue);
    }
  } finally {
    nestedDepth--;
  }
}
