import { parseDateTime, parseReference, type Resource, type ResourceType } from '@chartwell/fhir';
import { searchParameters, type SearchParameterDefinition } from '../generated/search-parameters.js';

/**
 * A span of time as two ISO instants in UTC with millisecond precision, both inclusive:
 * `2020-05` is `2020-05-01T00:00:00.000Z`–`2020-05-31T23:59:59.999Z`.
 */
export interface DateRange {
  readonly start: string;
  readonly end: string;
}

/**
 * One token of a resource: a code and its system. `anySystem` marks a plain `code` element (a
 * status), whose system is implicit: every token search form (`system|code`, `|code`, `code`)
 * matches it by code alone.
 */
export interface TokenValue {
  readonly system?: string;
  readonly code: string;
  readonly anySystem?: true;
}

/** What a resource holds for one search parameter, by the parameter's search type. */
export type SearchValues =
  | { readonly kind: 'reference'; readonly values: string[] }
  | { readonly kind: 'date'; readonly values: DateRange[] }
  | { readonly kind: 'token'; readonly values: TokenValue[] };

/** The start of a range with no start (a Period without `start`). */
export const FAR_PAST = '0001-01-01T00:00:00.000Z';
/** The end of an open-ended range (a Period without `end`). */
export const FAR_FUTURE = '9999-12-31T23:59:59.999Z';

const definitions = searchParameters as unknown as Readonly<Record<string, Readonly<Record<string, SearchParameterDefinition>>>>;

/** The definition of search parameter `param` of resource type `type`, or undefined if it has none. */
export function searchParameterDefinition(type: string, param: string): SearchParameterDefinition | undefined {
  const forType = definitions[type];
  return forType !== undefined && Object.hasOwn(forType, param) ? forType[param] : undefined;
}

/**
 * The one resource type a reference parameter points at, when there is one: the `target` shared by
 * all its paths, or `Patient` for a parameter named `patient`. Undefined otherwise (`subject`).
 */
export function referenceTarget(type: string, param: string): string | undefined {
  const definition = searchParameterDefinition(type, param);
  if (definition?.type !== 'reference') return undefined;
  const targets = new Set(definition.paths.map((p) => p.target));
  if (targets.size === 1) {
    const [target] = targets;
    if (target !== undefined) return target;
  }
  return param === 'patient' ? 'Patient' : undefined;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function isoFromEpoch(milliseconds: number): string {
  return new Date(milliseconds).toISOString();
}

/**
 * The range a FHIR `date`, `dateTime` or `instant` covers, by its precision, or undefined if the
 * text is none of them. A date without a time is taken in UTC (`2020-05-03` is
 * `2020-05-03T00:00:00.000Z`–`2020-05-03T23:59:59.999Z`), since a partial date has no time zone;
 * a time to the second covers that second (`...T10:00:00Z` to `...T10:00:00.999Z`) and a time
 * with a fraction covers what the fraction's digits cover (`.5` is 500–599 ms).
 */
export function dateRange(text: string): DateRange | undefined {
  const parsed = parseDateTime(text);
  if (parsed === undefined) return undefined;
  if (parsed.precision === 'second') {
    const start = parsed.epochMilliseconds;
    const digits = parsed.fraction?.length ?? 0;
    const span = digits >= 3 ? 0 : 10 ** (3 - digits) - 1;
    return { start: isoFromEpoch(start), end: isoFromEpoch(start + span) };
  }
  const year = pad(parsed.year, 4);
  const firstMonth = parsed.month ?? 1;
  const lastMonth = parsed.month ?? 12;
  const lastDay = parsed.day ?? new Date(Date.UTC(parsed.year, lastMonth, 0)).getUTCDate();
  return {
    start: `${year}-${pad(firstMonth, 2)}-${pad(parsed.day ?? 1, 2)}T00:00:00.000Z`,
    end: `${year}-${pad(lastMonth, 2)}-${pad(lastDay, 2)}T23:59:59.999Z`,
  };
}

/**
 * A reference string as `Type/id`: relative and absolute references lose their base and
 * `_history` version; contained (`#x`), `urn:` and malformed references give undefined.
 */
export function normalizeReference(reference: string): string | undefined {
  const parsed = parseReference(reference);
  if (parsed?.kind !== 'relative' && parsed?.kind !== 'absolute') return undefined;
  return `${parsed.resourceType}/${parsed.id}`;
}

// The type suffixes a choice element (`effective[x]`) takes in the elements searched here.
const CHOICE_TYPES = new Set(['DateTime', 'Date', 'Instant', 'Period', 'Timing', 'CodeableConcept', 'Coding', 'Reference', 'String', 'Identifier', 'Code', 'Uri']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The values of one element of `node`, resolving a choice element (`effective` → `effectiveDateTime`, ...). */
function childValues(node: Record<string, unknown>, name: string): unknown[] {
  if (Object.hasOwn(node, name)) return [node[name]];
  const found: unknown[] = [];
  for (const key of Object.keys(node)) {
    if (key.length > name.length && key.startsWith(name) && CHOICE_TYPES.has(key.slice(name.length))) found.push(node[key]);
  }
  return found;
}

/** Everything at `path` below `root`, walking arrays at every step. */
function collect(root: unknown, path: readonly string[]): unknown[] {
  let nodes: unknown[] = [root];
  for (const name of path) {
    const next: unknown[] = [];
    for (const node of nodes) {
      if (!isRecord(node)) continue;
      for (const value of childValues(node, name)) {
        if (Array.isArray(value)) next.push(...(value as unknown[]));
        else if (value !== undefined && value !== null) next.push(value);
      }
    }
    nodes = next;
  }
  return nodes.flatMap((n) => (Array.isArray(n) ? (n as unknown[]) : [n]));
}

function periodRange(period: Record<string, unknown>): DateRange | undefined {
  const start = typeof period.start === 'string' ? dateRange(period.start) : undefined;
  const end = typeof period.end === 'string' ? dateRange(period.end) : undefined;
  if (start === undefined && end === undefined) return undefined;
  return { start: start?.start ?? FAR_PAST, end: end?.end ?? FAR_FUTURE };
}

/** A Timing counts by its outer limits only: from its first event (or bounds) to its last. */
function timingRange(timing: Record<string, unknown>): DateRange | undefined {
  const ranges: DateRange[] = [];
  if (Array.isArray(timing.event)) {
    for (const event of timing.event as unknown[]) {
      const range = typeof event === 'string' ? dateRange(event) : undefined;
      if (range) ranges.push(range);
    }
  }
  const repeat = timing.repeat;
  if (isRecord(repeat) && isRecord(repeat.boundsPeriod)) {
    const range = periodRange(repeat.boundsPeriod);
    if (range) ranges.push(range);
  }
  if (ranges.length === 0) return undefined;
  let { start, end } = ranges[0] as DateRange;
  for (const range of ranges) {
    if (range.start < start) start = range.start;
    if (range.end > end) end = range.end;
  }
  return { start, end };
}

function dateValues(nodes: readonly unknown[]): DateRange[] {
  const values: DateRange[] = [];
  for (const node of nodes) {
    let range: DateRange | undefined;
    if (typeof node === 'string') range = dateRange(node);
    else if (isRecord(node)) range = 'event' in node || 'repeat' in node ? timingRange(node) : periodRange(node);
    if (range) values.push(range);
  }
  return values;
}

function tokenValues(nodes: readonly unknown[]): TokenValue[] {
  const values: TokenValue[] = [];
  const coding = (c: unknown) => {
    if (isRecord(c) && typeof c.code === 'string') values.push(typeof c.system === 'string' ? { system: c.system, code: c.code } : { code: c.code });
  };
  for (const node of nodes) {
    if (typeof node === 'string') values.push({ code: node, anySystem: true });
    else if (!isRecord(node)) continue;
    else if (Array.isArray(node.coding)) (node.coding as unknown[]).forEach(coding);
    else if (typeof node.code === 'string') coding(node);
    else if (typeof node.value === 'string') values.push(typeof node.system === 'string' ? { system: node.system, code: node.value } : { code: node.value });
  }
  return values;
}

function referenceValues(nodes: readonly unknown[], target: string | undefined): string[] {
  const values: string[] = [];
  for (const node of nodes) {
    if (!isRecord(node) || typeof node.reference !== 'string') continue;
    const reference = normalizeReference(node.reference);
    if (reference === undefined) continue;
    if (target !== undefined && !reference.startsWith(`${target}/`)) continue;
    if (!values.includes(reference)) values.push(reference);
  }
  return values;
}

/**
 * What `resource` holds for search parameter `param` of resource type `type`, read along the
 * parameter's paths (choice elements resolved, arrays walked), or undefined if the type has no
 * such parameter. Dates come as UTC ranges (see {@link dateRange}; a Period's missing start or end
 * is {@link FAR_PAST} or {@link FAR_FUTURE}; a Timing spans its first to its last event);
 * references as `Type/id` (only those to the path's `target`, when it has one); tokens from
 * `code`, Coding, CodeableConcept and Identifier elements.
 *
 * @category Search
 */
export function searchValues(resource: Resource, type: ResourceType, param: string): SearchValues | undefined {
  const definition = searchParameterDefinition(type, param);
  if (definition === undefined) return undefined;
  switch (definition.type) {
    case 'date':
      return { kind: 'date', values: definition.paths.flatMap((p) => dateValues(collect(resource, p.path))) };
    case 'token':
      return { kind: 'token', values: definition.paths.flatMap((p) => tokenValues(collect(resource, p.path))) };
    case 'reference': {
      const values: string[] = [];
      for (const p of definition.paths) {
        for (const reference of referenceValues(collect(resource, p.path), p.target)) if (!values.includes(reference)) values.push(reference);
      }
      return { kind: 'reference', values };
    }
  }
}
