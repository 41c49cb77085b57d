import type { ExtractResource, Resource, ResourceType } from '@chartwell/fhir';
import {
  parseDateSearch,
  parseReferenceSearch,
  parseTokenSearch,
  searchParameterDefinition,
  searchParameters,
  searchResources,
  searchValues,
  type SearchPage,
  type SearchQuery,
} from '@chartwell/core';
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import type { ChartDbSchema, SearchRecord, StoredResource } from './chart-database.js';

type IndexName = 'byValue' | 'byPatientValue' | 'byStart' | 'byEnd' | 'byPatientStart' | 'byPatientEnd';

/** One way to find candidates: index ranges whose entries' ids, together, include every match. */
interface Plan {
  readonly ranges: readonly { readonly index: IndexName; readonly range: IDBKeyRange }[];
}

type ReadTx = IDBPTransaction<ChartDbSchema, ('resources' | 'search')[], 'readonly'>;

const definitions = searchParameters as unknown as Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/** Keys sort numbers < dates < strings < binary < arrays, so `[]` is above every string: the end of a prefix range. */
const HIGH: [] = [];

/**
 * The search record of a resource (see {@link SearchRecord}): the keys of each value of each of
 * its type's search parameters, as the shared engine's `searchValues` reads them, and the same
 * keys again for each patient the resource belongs to (its `patient` values).
 */
export function searchRecord(stored: StoredResource): SearchRecord {
  const resource = stored as unknown as Resource;
  const type = stored.resourceType as ResourceType;
  const { resourceType, id } = stored;
  const record: SearchRecord = { resourceType, id, values: [], patientValues: [], starts: [], ends: [], patientStarts: [], patientEnds: [] };
  const params = definitions[type];
  if (params === undefined) return record;
  const owned = 'patient' in params ? searchValues(resource, type, 'patient') : undefined;
  const patients = owned?.kind === 'reference' ? owned.values : [];
  for (const param of Object.keys(params)) {
    const found = searchValues(resource, type, param);
    if (found === undefined) continue;
    const others = param === 'patient' ? [] : patients;
    if (found.kind === 'date') {
      for (const { start, end } of found.values) {
        record.starts.push([type, param, start]);
        record.ends.push([type, param, end]);
        for (const patient of others) {
          record.patientStarts.push([type, patient, param, start]);
          record.patientEnds.push([type, patient, param, end]);
        }
      }
    } else {
      const values = found.kind === 'token' ? found.values.map((t) => t.code) : found.values;
      for (const value of new Set(values)) {
        record.values.push([type, param, value]);
        for (const patient of others) record.patientValues.push([type, patient, param, value]);
      }
    }
  }
  return record;
}

function list(value: unknown): string[] {
  return (Array.isArray(value) ? (value as unknown[]) : [value]).filter((v): v is string => typeof v === 'string');
}

/**
 * The ways the indexes can answer `query` (each a superset of its matches), best first by how
 * narrow they are likely to be; {@link searchIndexed} then counts them and takes the smallest.
 * Empty when no indexed parameter is in the query (the search reads every resource of the type).
 */
export function plans(type: string, query: Record<string, unknown>): Plan[] {
  const found: Plan[] = [];
  const hasPatient = definitions[type] !== undefined && 'patient' in (definitions[type] ?? {});
  const patients = hasPatient && query['patient'] !== undefined ? list(query['patient']).map((v) => parseReferenceSearch(v, type, 'patient')) : undefined;
  if (patients) found.push({ ranges: patients.map((p) => ({ index: 'byValue', range: IDBKeyRange.only([type, 'patient', p]) })) });
  for (const [param, raw] of Object.entries(query)) {
    if (raw === undefined || param.startsWith('_') || param === 'patient') continue;
    const definition = searchParameterDefinition(type, param);
    if (definition === undefined) continue;
    const values = list(raw);
    if (definition.type === 'token') {
      const codes = [...new Set(values.map((v) => parseTokenSearch(v, param, type).code))];
      if (patients) found.push({ ranges: patients.flatMap((p) => codes.map((code) => ({ index: 'byPatientValue' as const, range: IDBKeyRange.only([type, p, param, code]) }))) });
      else found.push({ ranges: codes.map((code) => ({ index: 'byValue' as const, range: IDBKeyRange.only([type, param, code]) })) });
    } else if (definition.type === 'reference') {
      const references = [...new Set(values.map((v) => parseReferenceSearch(v, type, param)))];
      found.push({ ranges: references.map((r) => ({ index: 'byValue' as const, range: IDBKeyRange.only([type, param, r]) })) });
    } else {
      // dates: each value must hold (AND), so any one of them bounds the candidates
      for (const value of values) {
        const { prefix, range } = parseDateSearch(value, param, type);
        const owners: readonly (string | undefined)[] = patients ?? [undefined];
        const bound = (index: 'Start' | 'End', lower: string | undefined, upper: string | undefined, lowerOpen = false, upperOpen = false) => ({
          ranges: owners.map((p) => {
            const prefixKey = p === undefined ? [type, param] : [type, p, param];
            const indexName = `by${p === undefined ? '' : 'Patient'}${index}` as IndexName;
            return {
              index: indexName,
              range: IDBKeyRange.bound(lower === undefined ? prefixKey : [...prefixKey, lower], upper === undefined ? [...prefixKey, HIGH] : [...prefixKey, upper], lowerOpen, upperOpen),
            };
          }),
        });
        // dateMatches: eq → start ≥ s and end ≤ e; le → start ≤ e; lt → start < s; ge → end ≥ s; gt → end > e
        if (prefix === 'eq') found.push(bound('Start', range.start, range.end));
        else if (prefix === 'le') found.push(bound('Start', undefined, range.end));
        else if (prefix === 'lt') found.push(bound('Start', undefined, range.start, false, true));
        else if (prefix === 'ge') found.push(bound('End', range.start, undefined));
        else if (prefix === 'gt') found.push(bound('End', range.end, undefined, true));
      }
    }
  }
  return found;
}

/** The ids of the resources a plan finds (the primary keys of the search records in its ranges). */
async function planIds(tx: ReadTx, plan: Plan): Promise<Set<string>> {
  const search = tx.objectStore('search');
  const ids = new Set<string>();
  const found = await Promise.all(plan.ranges.map(({ index, range }) => search.index(index).getAllKeys(range)));
  for (const keys of found) for (const [, id] of keys) ids.add(id);
  return ids;
}

/**
 * Searches with the indexes: takes the query's most selective indexed parameter (the plan whose
 * index ranges hold the fewest entries, by `count()`), loads the resources those entries name and
 * hands them to the shared `searchResources` pipeline, so filtering, sorting, paging and
 * `_include` behave exactly as in every other store. `_id` loads by key; a query with no indexed
 * parameter reads every resource of the type (one key range).
 */
export async function searchIndexed<K extends ResourceType>(db: IDBPDatabase<ChartDbSchema>, type: K, query: SearchQuery<K>): Promise<SearchPage<ExtractResource<K>>> {
  // bad input throws the engine's InvalidError before anything is read, as in every store
  searchResources([], type, query, () => undefined);
  const raw = query as Record<string, unknown>;
  const tx = db.transaction(['resources', 'search'], 'readonly');
  const resources = tx.objectStore('resources');
  let candidates: StoredResource[];
  if (raw['_id'] !== undefined) {
    const found = await Promise.all([...new Set(list(raw['_id']))].map((id) => resources.get([type, id])));
    candidates = found.filter((r): r is StoredResource => r !== undefined);
  } else {
    const options = plans(type, raw);
    let best: Plan | undefined;
    if (options.length === 1) best = options[0];
    else if (options.length > 1) {
      const search = tx.objectStore('search');
      const sizes = await Promise.all(options.map(async (plan) => (await Promise.all(plan.ranges.map(({ index, range }) => search.index(index).count(range)))).reduce((a, b) => a + b, 0)));
      let smallest = Infinity;
      options.forEach((plan, i) => {
        const size = sizes[i] ?? Infinity;
        if (size < smallest) {
          smallest = size;
          best = plan;
        }
      });
    }
    if (best) {
      const ids = [...(await planIds(tx, best))];
      const found = await Promise.all(ids.map((id) => resources.get([type, id])));
      candidates = found.filter((r): r is StoredResource => r !== undefined);
    } else {
      candidates = await resources.getAll(IDBKeyRange.bound([type], [type, HIGH]));
    }
  }

  // `resolve` is synchronous: the pipeline runs once with placeholders for what `_include`
  // asks for, which are then loaded in the same transaction and put in their place
  const wanted = new Map<object, string>();
  const page = searchResources(candidates as unknown as Resource[], type, query, (reference) => {
    const placeholder = {};
    wanted.set(placeholder, reference);
    return placeholder as Resource;
  });
  if (wanted.size === 0) return page;
  const loaded = await Promise.all(
    page.included.map((placeholder) => {
      const [targetType = '', id = ''] = (wanted.get(placeholder) ?? '').split('/');
      return resources.get([targetType, id]);
    }),
  );
  return Object.assign(page, { included: loaded.filter((r): r is StoredResource => r !== undefined) as unknown as Resource[] });
}
