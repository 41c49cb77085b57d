import * as z from 'zod/mini';
// named imports, not z.core.*: a bundler cannot drop the unused rest of a namespace read as an object
import { $constructor, $ZodType } from 'zod/v4/core';
import { report, type CheckContext } from './issue.js';

/** A zod schema whose output is `T`: what every generated FHIR schema is typed as. */
export type FhirSchema<T> = z.ZodMiniType<T>;

/** A hand-written check on the value of one generated type (an invariant). */
export type Check<T> = (value: T, ctx: CheckContext) => void;

/** The structural rules of one complex type that zod's object shape cannot say by itself. */
export interface ElementRules {
  /** ele-1: an element (not a resource) must have a value or children besides its id. */
  readonly ele1?: boolean;
  /** Choice elements (`value[x]`): the JSON keys of each variant; at most one may be present, exactly one when required. */
  readonly choices?: readonly { readonly name: string; readonly keys: readonly string[]; readonly required: boolean }[];
  /** Primitive elements with min 1: either the value or its `_element` must be present. */
  readonly requiredPrimitives?: readonly string[];
  /** Repeating primitives, whose value and `_element` arrays must line up. */
  readonly primitiveArrays?: readonly string[];
  /** CodeableConcept and Coding elements with a required binding to an enumerable value set (`system|code`). */
  readonly requiredCodings?: readonly { readonly key: string; readonly kind: 'CodeableConcept' | 'Coding'; readonly valueSet: string; readonly codes: ReadonlySet<string> }[];
}

const hasOwn = Object.prototype.hasOwnProperty;
const present = (value: Record<string, unknown>, key: string) => value[key] !== undefined;

function checkRules(rules: ElementRules, value: Record<string, unknown>, ctx: CheckContext): void {
  if (rules.ele1) {
    let children = false;
    for (const key in value) {
      if (key !== 'id' && hasOwn.call(value, key)) {
        children = true;
        break;
      }
    }
    if (!children) report(ctx, [], 'Constraint failed: ele-1: All FHIR elements must have a @value or children', { fhirCode: 'invariant', key: 'ele-1' });
  }
  if (rules.choices) {
    // walk the object's few keys, not every variant of every choice (Extension.value[x] has 50)
    const counts = new Array<number>(rules.choices.length).fill(0);
    const choiceOf = choiceIndex(rules);
    for (const key in value) {
      const index = choiceOf.get(key);
      if (index !== undefined && value[key] !== undefined) counts[index] = (counts[index] ?? 0) + 1;
    }
    rules.choices.forEach((choice, index) => {
      const count = counts[index] ?? 0;
      if (count === 1 || (count === 0 && !choice.required)) return;
      if (count === 0) {
        report(ctx, [`${choice.name}[x]`], `${choice.name}[x] is required: one of ${choice.keys.join(', ')}`, { fhirCode: 'required' });
        return;
      }
      const found = choice.keys.filter((key) => present(value, key) || present(value, `_${key}`));
      // a value and its own _element twin are one element, not two choices
      if (found.length > 1) {
        report(ctx, [], `Only one of ${found.join(', ')} may be present (${choice.name}[x] is a single choice)`, { fhirCode: 'structure' });
      }
    });
  }
  if (rules.requiredPrimitives) {
    for (const key of rules.requiredPrimitives) {
      if (!present(value, key) && !present(value, `_${key}`)) report(ctx, [key], `${key} is required`, { fhirCode: 'required' });
    }
  }
  if (rules.primitiveArrays) {
    for (const key of rules.primitiveArrays) checkPrimitiveArray(key, value[key], value[`_${key}`], ctx);
  }
  if (rules.requiredCodings) {
    for (const binding of rules.requiredCodings) {
      const element = value[binding.key];
      if (element === undefined) continue;
      const items = Array.isArray(element) ? element : [element];
      items.forEach((item, index) => {
        const path = Array.isArray(element) ? [binding.key, index] : [binding.key];
        checkRequiredCoding(binding, item, path, ctx);
      });
    }
  }
}

const choiceIndexes = new WeakMap<ElementRules, ReadonlyMap<string, number>>();

/** For each JSON key of a choice variant (and its `_element` twin), which choice it belongs to. */
function choiceIndex(rules: ElementRules): ReadonlyMap<string, number> {
  let index = choiceIndexes.get(rules);
  if (!index) {
    const map = new Map<string, number>();
    rules.choices?.forEach((choice, i) => {
      for (const key of choice.keys) {
        map.set(key, i);
        map.set(`_${key}`, i);
      }
    });
    choiceIndexes.set(rules, map);
    index = map;
  }
  return index;
}

function checkPrimitiveArray(key: string, values: unknown, extensions: unknown, ctx: CheckContext): void {
  const valueArray = Array.isArray(values) ? values : undefined;
  const extensionArray = Array.isArray(extensions) ? extensions : undefined;
  if (valueArray && extensionArray && valueArray.length !== extensionArray.length) {
    report(ctx, [`_${key}`], `_${key} must have one entry per entry of ${key} (${extensionArray.length} for ${valueArray.length})`, { fhirCode: 'structure' });
    return;
  }
  const length = Math.max(valueArray?.length ?? 0, extensionArray?.length ?? 0);
  for (let i = 0; i < length; i++) {
    if ((valueArray?.[i] ?? null) === null && (extensionArray?.[i] ?? null) === null) {
      report(ctx, [valueArray ? key : `_${key}`, i], `${key}[${i}] has neither a value nor extensions`, { fhirCode: 'structure' });
    }
  }
}

function codingMatches(codes: ReadonlySet<string>, coding: unknown): boolean {
  if (!coding || typeof coding !== 'object') return false;
  const { system, code } = coding as { system?: unknown; code?: unknown };
  return typeof system === 'string' && typeof code === 'string' && codes.has(`${system}|${code}`);
}

function checkRequiredCoding(
  binding: NonNullable<ElementRules['requiredCodings']>[number],
  item: unknown,
  path: PropertyKey[],
  ctx: CheckContext,
): void {
  if (!item || typeof item !== 'object') return;
  const codings = binding.kind === 'Coding' ? [item] : (item as { coding?: unknown }).coding;
  if (!Array.isArray(codings) || codings.length === 0) {
    report(ctx, path, `A code from the required value set ${binding.valueSet} is needed, and none is given`, { fhirCode: 'code-invalid' });
    return;
  }
  if (!codings.some((coding) => codingMatches(binding.codes, coding))) {
    const given = codings
      .map((c: { system?: unknown; code?: unknown }) => `${shown(c?.system, '(no system)')}|${shown(c?.code, '(no code)')}`)
      .join(', ');
    report(ctx, path, `None of the codes given (${given}) is in the required value set ${binding.valueSet}`, { fhirCode: 'code-invalid' });
  }
}

/** A value for a message: a string as it is, anything else as JSON (never throws: an object may have no usable `toString`). */
function shown(value: unknown, missing: string): string {
  if (value === undefined || value === null) return missing;
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}

/** A property of a FHIR object: its schema (optional() unwrapped), and whether it must be there. */
interface Property {
  readonly schema: z.core.$ZodType;
  readonly required: boolean;
}

/** What a FhirObject's definition holds besides zod's own: the properties, built on first use. */
interface FhirObjectDef extends z.core.$ZodTypeDef {
  type: 'object';
  /** The properties' schemas by JSON key (read on first parse). */
  readonly shape: Record<string, z.ZodMiniType>;
}

const hasOwnKey = Object.prototype.hasOwnProperty;

/**
 * A zod schema for a FHIR object (a resource, data type or backbone element). zod/mini's own
 * object schema visits every property it declares, present or not, and copies the input into a
 * new object; FHIR types declare dozens of properties (twice as many with the `_element` twins)
 * of which a record uses a few. This one visits only the properties the input has, leaves the
 * input as it is, and reports the same issues: unknown keys, missing required properties, and
 * each property's own, with its path.
 */
const FhirObject = /*#__PURE__*/ $constructor('FhirObject', (inst: $ZodType, def: FhirObjectDef) => {
  $ZodType.init(inst, def);
  let properties: Map<string, Property> | undefined;
  let required: string[] = [];
  const resolve = () => {
    properties = new Map();
    for (const [key, schema] of Object.entries(def.shape)) {
      const optional = schema._zod.def.type === 'optional';
      const inner = optional ? (schema._zod.def as z.core.$ZodOptionalDef).innerType : schema;
      properties.set(key, { schema: inner, required: !optional });
    }
    required = [...properties].filter(([, p]) => p.required).map(([key]) => key);
    return properties;
  };
  inst._zod.parse = (payload, ctx) => {
    const input = payload.value;
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      payload.issues.push({ expected: 'object', code: 'invalid_type', input, inst });
      return payload;
    }
    const props = properties ?? resolve();
    let unknown: string[] | undefined;
    for (const key in input) {
      if (!hasOwnKey.call(input, key)) continue;
      const property = props.get(key);
      if (!property) {
        (unknown ??= []).push(key);
        continue;
      }
      const value = (input as Record<string, unknown>)[key];
      if (value === undefined) continue;
      const result = property.schema._zod.run({ value, issues: [] }, ctx) as z.core.ParsePayload;
      for (const issue of result.issues as { path?: PropertyKey[] }[]) {
        issue.path = issue.path ? [key, ...issue.path] : [key];
        payload.issues.push(issue as z.core.$ZodRawIssue);
      }
    }
    for (const key of required) {
      if ((input as Record<string, unknown>)[key] === undefined) {
        payload.issues.push({ code: 'invalid_type', expected: 'nonoptional', input: undefined, path: [key], inst });
      }
    }
    // describes the shape of the input, not its values: the type's own rules still run
    if (unknown) payload.issues.push({ code: 'unrecognized_keys', keys: unknown, input, inst, continue: true });
    return payload;
  };
  (z.ZodMiniType.init as (inst: unknown, def: unknown) => void)(inst, def);
}) as unknown as new (def: FhirObjectDef) => z.ZodMiniType;

/**
 * Builds the schema of one FHIR complex type or resource: a strict object (unknown properties
 * are errors), checked by the type's rules and invariants. Its properties are made on first use,
 * not at import: importing every R4 type then costs little, and types can refer to each other
 * in cycles, across modules.
 */
export function object<T>(
  shape: () => { readonly [K in keyof T]-?: z.ZodMiniType<T[K]> },
  rules?: ElementRules,
  checks?: readonly Check<T>[],
): FhirSchema<T> {
  const all: z.core.$ZodCheck<Record<string, unknown>>[] = [];
  if (rules) {
    const structural = z.check<Record<string, unknown>>((payload) => {
      if (payload.value && typeof payload.value === 'object') checkRules(rules, payload.value, payloadContext(payload));
    });
    // unlike invariants, these run even when a child already failed, so one pass reports them all
    structural._zod.def.when = () => true;
    all.push(structural);
  }
  for (const check of checks ?? []) all.push(z.check((payload) => check(payload.value as T, payloadContext(payload))));
  let built: Record<string, z.ZodMiniType> | undefined;
  const def = { type: 'object', checks: all } as unknown as FhirObjectDef;
  Object.defineProperty(def, 'shape', { enumerable: true, get: () => (built ??= shape() as Record<string, z.ZodMiniType>) });
  return new FhirObject(def) as unknown as FhirSchema<T>;
}

/** zod's refinement context for a raw check: reports issues relative to the checked value. */
function payloadContext(payload: z.core.ParsePayload<unknown>): CheckContext {
  return {
    value: payload.value,
    addIssue(issue: unknown) {
      const raw = issue as { path?: PropertyKey[] } & Record<string, unknown>;
      payload.issues.push({ ...raw, input: payload.value, path: raw.path ?? [], continue: true } as z.core.$ZodRawIssue);
    },
  } as unknown as CheckContext;
}

/** A FHIR primitive carried as a JSON string, matching the spec's regex for the type. */
export function stringPrimitive(type: string, pattern: RegExp): FhirSchema<string> {
  return z.string().check(z.regex(pattern, { error: `Not a valid FHIR ${type}` }));
}

/** An optional property. */
export const optional = <T>(schema: z.ZodMiniType<T>): z.ZodMiniType<T | undefined> => z.optional(schema);

/** A FHIR repeating element: a JSON array that is never empty. */
export function array<T>(item: z.ZodMiniType<T>): z.ZodMiniType<T[]> {
  return z.array(item).check(z.minLength(1, { error: 'An array cannot be empty: leave the property out instead' }));
}

/** A repeating primitive, whose items may be null where only its `_element` twin has content. */
export function primitiveArray<T>(item: z.ZodMiniType<T>): z.ZodMiniType<(T | null)[]> {
  return array(z.nullable(item));
}
