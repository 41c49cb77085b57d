import { isResourceTypeName, parseInstant, type Resource, type ResourceType } from '@chartwell/fhir';
import type { DatePrefix, SearchQuery } from '../store/chart-store.js';
import { InvalidError } from '../store/errors.js';
import { dateRange, normalizeReference, referenceTarget, searchParameterDefinition, searchValues, type DateRange, type TokenValue } from './values.js';

/** The query keys that shape the result (order, page, includes) rather than filter it. */
export const RESULT_PARAMETERS: readonly string[] = ['_sort', '_count', '_cursor', '_include'];

/** A date search value taken apart: its prefix (`eq` when none) and the range its date covers. */
export interface DateSearchValue {
  readonly prefix: DatePrefix;
  readonly range: DateRange;
}

/** A token search value taken apart: `system` is undefined for `code` (any system), `''` for `|code` (no system). */
export interface TokenSearchValue {
  readonly system?: string;
  readonly code: string;
}

function invalid(type: string, param: string, message: string): InvalidError {
  return new InvalidError({ resourceType: type, path: param }, `Invalid search of ${type}: ${param}: ${message}`);
}

function asList(type: string, param: string, value: unknown): string[] {
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  if (list.length === 0) throw invalid(type, param, 'expected at least one value');
  for (const item of list) if (typeof item !== 'string') throw invalid(type, param, `expected a string, not ${JSON.stringify(item)}`);
  return list as string[];
}

const PREFIX = /^(eq|ne|lt|gt|le|ge)?(.*)$/;

/**
 * Reads a date search value (`ge2020-01`, `2020-05-03`, `lt2021-02-01T10:00:00Z`): an optional
 * prefix, then a FHIR date or dateTime (a time needs seconds and an offset; a date alone is taken
 * in UTC). InvalidError naming `param` for anything else.
 */
export function parseDateSearch(value: string, param = 'date', type = 'the resource'): DateSearchValue {
  const [, prefix, text] = PREFIX.exec(value) ?? [];
  const range = dateRange(text ?? '');
  if (range === undefined) throw invalid(type, param, `"${value}" is not a date search value (an optional eq|ne|lt|gt|le|ge, then a FHIR date or dateTime)`);
  return { prefix: (prefix ?? 'eq') as DatePrefix, range };
}

/** Reads a token search value: `system|code`, `|code` or `code`. InvalidError naming `param` for an empty code. */
export function parseTokenSearch(value: string, param = 'code', type = 'the resource'): TokenSearchValue {
  const bar = value.indexOf('|');
  const token = bar < 0 ? { code: value } : { system: value.slice(0, bar), code: value.slice(bar + 1) };
  if (token.code === '') throw invalid(type, param, `"${value}" has no code (write system|code, |code or code)`);
  return token;
}

/**
 * Reads a reference search value as `Type/id`: `Patient/123`, an absolute URL or a versioned
 * reference (normalised), or a bare `123` where the parameter targets one type. InvalidError naming
 * `param` otherwise.
 */
export function parseReferenceSearch(value: string, type: string, param: string): string {
  if (!value.includes('/')) {
    const target = referenceTarget(type, param);
    if (target === undefined) throw invalid(type, param, `"${value}" is a bare id, but ${param} may refer to several types: write Type/id`);
    const reference = normalizeReference(`${target}/${value}`);
    if (reference === undefined) throw invalid(type, param, `"${value}" is not a resource id`);
    return reference;
  }
  const reference = normalizeReference(value);
  if (reference === undefined) throw invalid(type, param, `"${value}" is not a reference (Type/id)`);
  return reference;
}

/**
 * Whether a resource's date range satisfies a date search value (FHIR R4 search §3.1.1.5.3):
 * `eq` the search range contains the resource range; `ne` it does not; `gt` the resource range
 * ends after the search range ends; `lt` it starts before the search range starts; `ge` is `gt` or
 * `eq`; `le` is `lt` or `eq`.
 */
export function dateMatches(resource: DateRange, search: DateSearchValue): boolean {
  const { start, end } = search.range;
  const eq = start <= resource.start && resource.end <= end;
  switch (search.prefix) {
    case 'eq':
      return eq;
    case 'ne':
      return !eq;
    case 'gt':
      return resource.end > end;
    case 'lt':
      return resource.start < start;
    case 'ge':
      return resource.end > end || eq;
    case 'le':
      return resource.start < start || eq;
  }
}

/** Whether a resource's token matches a token search value (a plain `code` element matches by code in any form). */
export function tokenMatches(value: TokenValue, search: TokenSearchValue): boolean {
  if (value.code !== search.code) return false;
  if (search.system === undefined || value.anySystem) return true;
  return search.system === '' ? value.system === undefined : value.system === search.system;
}

/** A compiled query: whether one resource matches. */
export type SearchPredicate = (resource: Resource) => boolean;

/**
 * Checks and compiles the filter of a query (every parameter but `_sort`, `_count`, `_cursor` and
 * `_include`) into a predicate. InvalidError naming the parameter for an unknown resource type or
 * parameter, or a malformed value. Different parameters all apply (AND); the values of a token or
 * reference parameter are alternatives (OR), those of a date parameter all apply (AND, a range). A
 * resource matches a value when any of its own values does; it never matches a parameter for
 * which it has no value.
 *
 * @category Search
 */
export function compileSearch<K extends ResourceType>(type: K, query: SearchQuery<K> = {}): SearchPredicate {
  if (typeof type !== 'string' || !isResourceTypeName(type)) throw new InvalidError({ path: 'resourceType' }, `Invalid search: "${String(type)}" is not a FHIR R4 resource type`);
  const tests: SearchPredicate[] = [(resource) => resource.resourceType === type];
  for (const [param, raw] of Object.entries(query as Record<string, unknown>)) {
    if (raw === undefined || RESULT_PARAMETERS.includes(param)) continue;
    if (param === '_id') {
      const ids = asList(type, param, raw);
      tests.push((resource) => resource.id !== undefined && ids.includes(resource.id));
      continue;
    }
    if (param === '_lastUpdated') {
      const searches = asList(type, param, raw).map((v) => parseDateSearch(v, param, type));
      tests.push((resource) => {
        const text = resource.meta?.lastUpdated;
        const instant = text === undefined ? undefined : parseInstant(text);
        if (instant === undefined) return false;
        const at = new Date(instant.epochMilliseconds).toISOString();
        return searches.every((s) => dateMatches({ start: at, end: at }, s));
      });
      continue;
    }
    const definition = searchParameterDefinition(type, param);
    if (definition === undefined) throw invalid(type, param, `${type} has no search parameter "${param}"`);
    const values = asList(type, param, raw);
    switch (definition.type) {
      case 'date': {
        const searches = values.map((v) => parseDateSearch(v, param, type));
        tests.push((resource) => {
          const ranges = (searchValues(resource, type, param)?.values ?? []) as DateRange[];
          return searches.every((s) => ranges.some((r) => dateMatches(r, s)));
        });
        break;
      }
      case 'token': {
        const searches = values.map((v) => parseTokenSearch(v, param, type));
        tests.push((resource) => {
          const tokens = (searchValues(resource, type, param)?.values ?? []) as TokenValue[];
          return tokens.some((t) => searches.some((s) => tokenMatches(t, s)));
        });
        break;
      }
      case 'reference': {
        const searches = values.map((v) => parseReferenceSearch(v, type, param));
        tests.push((resource) => {
          const references = (searchValues(resource, type, param)?.values ?? []) as string[];
          return references.some((r) => searches.includes(r));
        });
        break;
      }
    }
  }
  return (resource) => tests.every((test) => test(resource));
}

/**
 * Whether `resource` (of type `type`) matches every filter parameter of `query`; `_sort`,
 * `_count`, `_cursor` and `_include` are ignored. Throws InvalidError on a bad query, as
 * {@link compileSearch}; to test many resources, compile once with that instead.
 *
 * @category Search
 */
export function matchesSearch<K extends ResourceType>(resource: Resource, type: K, query: SearchQuery<K>): boolean {
  return compileSearch(type, query)(resource);
}
