import { parseInstant, type Resource, type ResourceType } from '@chartwell/fhir';
import type { SortKey } from '../store/chart-store.js';
import { InvalidError } from '../store/errors.js';
import { searchParameterDefinition, searchValues, type DateRange, type TokenValue } from './values.js';

interface SortField {
  readonly param: string;
  readonly descending: boolean;
}

/** The keys of a `_sort`, checked: InvalidError naming `_sort` for a key the type cannot sort by. */
export function parseSort(type: string, sort: unknown): SortField[] {
  if (sort === undefined) return [];
  const keys = Array.isArray(sort) ? (sort as unknown[]) : [sort];
  return keys.map((key) => {
    if (typeof key !== 'string') throw new InvalidError({ resourceType: type, path: '_sort' }, `Invalid search of ${type}: _sort: expected a string, not ${JSON.stringify(key)}`);
    const descending = key.startsWith('-');
    const param = descending ? key.slice(1) : key;
    if (param !== '_id' && param !== '_lastUpdated' && searchParameterDefinition(type, param) === undefined) {
      throw new InvalidError({ resourceType: type, path: '_sort' }, `Invalid search of ${type}: _sort: ${type} has no search parameter "${param}" to sort by`);
    }
    return { param, descending };
  });
}

/** The value a resource sorts by for one key and direction: the lowest of its values ascending, the highest descending. */
function sortValue(resource: Resource, type: ResourceType, field: SortField): string | undefined {
  let candidates: string[];
  if (field.param === '_id') candidates = resource.id === undefined ? [] : [resource.id];
  else if (field.param === '_lastUpdated') {
    const instant = resource.meta?.lastUpdated === undefined ? undefined : parseInstant(resource.meta.lastUpdated);
    candidates = instant === undefined ? [] : [new Date(instant.epochMilliseconds).toISOString()];
  } else {
    const found = searchValues(resource, type, field.param);
    if (found === undefined) candidates = [];
    else if (found.kind === 'date') candidates = (found.values as DateRange[]).map((r) => r.start);
    else if (found.kind === 'token') candidates = (found.values as TokenValue[]).map((t) => t.code);
    else candidates = found.values;
  }
  if (candidates.length === 0) return undefined;
  return candidates.reduce((a, b) => ((field.descending ? b > a : b < a) ? b : a));
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A comparator for `Array.prototype.sort` that orders resources of type `type` by `sort`
 * (`'date'`, `['-date', 'code']`, ...): by the first key, then the next; `-` for descending. Dates
 * sort by the start of their range, tokens by code, references by `Type/id`, with code-unit string
 * order; a resource with several values sorts by its lowest ascending and its highest descending.
 * Resources without a value sort last in either direction, and ties are broken by id (ascending),
 * so the order is total. InvalidError naming `_sort` for a key the type cannot sort by.
 *
 * @category Search
 */
export function compareForSort<K extends ResourceType>(type: K, sort?: SortKey<K> | readonly SortKey<K>[]): (a: Resource, b: Resource) => number {
  const fields = parseSort(type, sort);
  const cache = new WeakMap<Resource, (string | undefined)[]>();
  const keysOf = (resource: Resource) => {
    let keys = cache.get(resource);
    if (keys === undefined) {
      keys = fields.map((field) => sortValue(resource, type, field));
      cache.set(resource, keys);
    }
    return keys;
  };
  return (a, b) => {
    const left = keysOf(a);
    const right = keysOf(b);
    for (let i = 0; i < fields.length; i++) {
      const x = left[i];
      const y = right[i];
      if (x === y) continue;
      if (x === undefined) return 1;
      if (y === undefined) return -1;
      const order = compareStrings(x, y);
      return (fields[i] as SortField).descending ? -order : order;
    }
    return compareStrings(a.id ?? '', b.id ?? '');
  };
}
