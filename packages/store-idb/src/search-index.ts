import type { ExtractResource, Resource, ResourceType } from '@chartwell/fhir';
import {
  compileSearch,
  decodeCursor,
  pageSize,
  parseDateSearch,
  parseReferenceSearch,
  parseTokenSearch,
  queryFingerprint,
  searchParameterDefinition,
  searchPageOf,
  searchResources,
  sortedMatches,
  type SearchPage,
  type SearchSnapshots,
  type SearchQuery,
} from '@chartwell/core';
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import type { ChartDbSchema, ResourceRow, StoredResource } from './chart-database.js';
import { hasDateKeysAcrossPatients, hasPatientCodeKeys, hasPatientParameter, PATIENT_DATE_PARAM } from './index-keys.js';

/** One way to find candidates: ranges of the `byKey` index whose rows, together, include every match. */
interface Plan {
  readonly ranges: readonly IDBKeyRange[];
  /** Set on the plan of all the query's patients' resources of the type. */
  readonly ofPatients?: true;
  /** Set on that plan when the query names a single patient (what a sorted walk can replace). */
  readonly patient?: string;
  /** Set on a plan within the query's patients' resources (`pc` keys, or `p` keys bounded by date): always narrower than the patient plan. */
  readonly withinPatients?: true;
}

type ReadTx = IDBPTransaction<ChartDbSchema, ['resources'], 'readonly'>;

/** Keys sort numbers < dates < strings < binary < arrays, so `[]` is above every string: the end of a prefix range. */
const HIGH: [] = [];

function prefixRange(prefix: readonly string[]): IDBKeyRange {
  return IDBKeyRange.bound(prefix, [...prefix, HIGH]);
}

function list(value: unknown): string[] {
  return (Array.isArray(value) ? (value as unknown[]) : [value]).filter((v): v is string => typeof v === 'string');
}

/**
 * The ways the `byKey` index can answer `query` (each a superset of its matches; see `IndexKey`
 * for the key shapes). {@link searchIndexed} counts them and takes the smallest. Empty when no
 * indexed parameter is in the query (the search then reads every resource of the type).
 */
export function plans(type: string, query: Record<string, unknown>): Plan[] {
  const found: Plan[] = [];
  const owned = hasPatientParameter(type);
  const patients = owned && query['patient'] !== undefined ? [...new Set(list(query['patient']).map((v) => parseReferenceSearch(v, type, 'patient')))] : undefined;
  if (patients) found.push({ ranges: patients.map((p) => prefixRange(['p', type, p])), ofPatients: true, ...(patients.length === 1 && { patient: patients[0] }) });
  for (const [param, raw] of Object.entries(query)) {
    if (raw === undefined || param.startsWith('_') || (param === 'patient' && owned)) continue;
    const definition = searchParameterDefinition(type, param);
    if (definition === undefined) continue;
    const values = list(raw);
    if (definition.type === 'token') {
      const codes = [...new Set(values.map((v) => parseTokenSearch(v, param, type).code))];
      if (!owned) found.push({ ranges: codes.map((code) => IDBKeyRange.only(['t', type, param, code])) });
      else if (patients && param === 'code' && hasPatientCodeKeys(type)) {
        found.push({ ranges: patients.flatMap((p) => codes.map((code) => IDBKeyRange.only(['pc', type, p, code]))), withinPatients: true });
      }
    } else if (definition.type === 'reference') {
      const references = [...new Set(values.map((v) => parseReferenceSearch(v, type, param)))];
      // a reference to one of a resource's own patients is in its `p` keys, any other in `r`
      found.push({ ranges: references.flatMap((r) => (owned && r.startsWith('Patient/') ? [prefixRange(['p', type, r]), IDBKeyRange.only(['r', type, r])] : [IDBKeyRange.only(['r', type, r])])) });
    } else {
      // dates: each value must hold (AND), so any one of them bounds the candidates
      const withinPatients = patients !== undefined && param === PATIENT_DATE_PARAM;
      if (!withinPatients && !hasDateKeysAcrossPatients(type)) continue;
      for (const value of values) {
        const { prefix, range } = parseDateSearch(value, param, type);
        // dateMatches: eq → start ≥ s and end ≤ e; le → start ≤ e; lt → start < s; ge → end ≥ s; gt → end > e
        if (withinPatients) {
          // the patients' `p` keys past the undated (''); ge and gt: the patient plan is the bound
          const bound = (lower: string, upper: string, lowerOpen: boolean, upperOpen: boolean): Plan => ({
            withinPatients: true,
            ranges: patients.map((p) => IDBKeyRange.bound(['p', type, p, lower], ['p', type, p, upper], lowerOpen, upperOpen)),
          });
          if (prefix === 'eq') found.push(bound(range.start, range.end, false, false));
          else if (prefix === 'le') found.push(bound('', range.end, true, false));
          else if (prefix === 'lt') found.push(bound('', range.start, true, true));
          continue;
        }
        const bound = (tag: 's' | 'e', lower: string | undefined, upper: string | undefined, lowerOpen = false, upperOpen = false): Plan => {
          const head = [tag, type, param];
          return { ranges: [IDBKeyRange.bound(lower === undefined ? head : [...head, lower], upper === undefined ? [...head, HIGH] : [...head, upper], lowerOpen, upperOpen)] };
        };
        if (prefix === 'eq') found.push(bound('s', range.start, range.end));
        else if (prefix === 'le') found.push(bound('s', undefined, range.end));
        else if (prefix === 'lt') found.push(bound('s', undefined, range.start, false, true));
        else if (prefix === 'ge') found.push(bound('e', range.start, undefined));
        else if (prefix === 'gt') found.push(bound('e', range.end, undefined, true));
      }
    }
  }
  return found;
}

/**
 * The plan whose ranges hold the fewest index entries (by `count()`), if any. A plan within the
 * patients' resources beats the plan of all of them without counting.
 */
async function cheapest(tx: ReadTx, all: readonly Plan[]): Promise<Plan | undefined> {
  const options = all.some((plan) => plan.withinPatients) ? all.filter((plan) => !plan.ofPatients) : all;
  if (options.length <= 1) return options[0];
  const index = tx.store.index('byKey');
  const sizes = await Promise.all(options.map(async (plan) => (await Promise.all(plan.ranges.map((range) => index.count(range)))).reduce((a, b) => a + b, 0)));
  let best: Plan | undefined;
  let smallest = Infinity;
  options.forEach((plan, i) => {
    const size = sizes[i] ?? Infinity;
    if (size < smallest) {
      smallest = size;
      best = plan;
    }
  });
  return best;
}

/** The current resources of the rows, each once. */
function resourcesOf(rows: Iterable<ResourceRow>): StoredResource[] {
  const seen = new Map<string, StoredResource>();
  for (const row of rows) {
    const key = `${row.resourceType}/${row.id}`;
    if (row.resource && !seen.has(key)) seen.set(key, row.resource);
  }
  return [...seen.values()];
}

/**
 * For one patient's resources sorted by `date` (`_sort=-date`, the chart's "latest first"): walks
 * that patient's dated `p` keys in sort order and stops once it has the matches up to the end of
 * the asked-for page, one more (to know whether there is a next page), and every match tied with
 * the last of them; the shared pipeline then sorts and cuts those exactly as it would all of them.
 * Dates sort by the start of their range, the highest descending and the lowest ascending: the
 * first key the walk meets for a resource. When the walk ends short it has met every match with a
 * date; if the patient has resources of the type without one (keyed `''`; they sort last, so may
 * belong on the page), undefined: the caller reads them all.
 */
async function sortedWalk(tx: ReadTx, type: string, patient: string, query: Record<string, unknown>): Promise<StoredResource[] | undefined> {
  const [first] = list(query['_sort']);
  if (first === undefined) return undefined;
  const descending = first.startsWith('-');
  if ((descending ? first.slice(1) : first) !== PATIENT_DATE_PARAM || searchParameterDefinition(type, PATIENT_DATE_PARAM)?.type !== 'date') return undefined;
  const need = decodeCursor(type, query['_cursor'], queryFingerprint(type, query)) + pageSize(type, query['_count']) + 1;
  const matches = compileSearch(type as ResourceType, query as SearchQuery<ResourceType>);
  const index = tx.store.index('byKey');
  const found = new Map<string, StoredResource>();
  const seen = new Set<string>();
  let boundary: string | undefined;
  // the patient's dated resources (past the undated, keyed '')
  let cursor = await index.openCursor(IDBKeyRange.bound(['p', type, patient, ''], ['p', type, patient, HIGH], true), descending ? 'prev' : 'next');
  while (cursor) {
    const start = (cursor.key as string[])[3];
    if (boundary !== undefined && start !== boundary) return [...found.values()];
    const { resource } = cursor.value;
    if (resource && !seen.has(resource.id)) {
      seen.add(resource.id);
      if (matches(resource as unknown as Resource)) {
        found.set(resource.id, resource);
        if (found.size >= need) boundary = start;
      }
    }
    cursor = await cursor.continue();
  }
  if (boundary !== undefined) return [...found.values()];
  const undated = await index.count(IDBKeyRange.only(['p', type, patient, '']));
  return undated === 0 ? [...found.values()] : undefined;
}

/**
 * Searches with the `byKey` index: takes the query's most selective indexed parameter (the plan
 * whose ranges hold the fewest entries), reads the rows it names straight from the index and hands
 * their resources to the shared `searchResources` pipeline, so filtering, sorting, paging and
 * `_include` behave exactly as in every other store. One patient's resources sorted by date walk
 * the date keys instead and stop after the page. `_id` reads by key; a query with no indexed
 * parameter reads every resource of the type (one key range). A first page read in full that has
 * a next one leaves its sorted matches in `snapshots`; a later page of the same query is cut from
 * them (copied: a caller never shares objects with another) without reading the index again.
 */
export async function searchIndexed<K extends ResourceType>(db: IDBPDatabase<ChartDbSchema>, type: K, query: SearchQuery<K>, snapshots?: SearchSnapshots): Promise<SearchPage<ExtractResource<K>>> {
  // bad input throws the engine's InvalidError before anything is read, as in every store
  searchResources([], type, query, () => undefined);
  const raw = query as Record<string, unknown>;
  const tx = db.transaction('resources', 'readonly');
  const store = tx.store;
  const kept = snapshots?.forLaterPage(type, query);
  let sorted: readonly Resource[];
  if (kept !== undefined) sorted = kept;
  else {
    let candidates: StoredResource[] | undefined;
    let complete = true;
    if (raw['_id'] !== undefined) {
      candidates = resourcesOf((await Promise.all([...new Set(list(raw['_id']))].map((id) => store.get([type, id])))).filter((r): r is ResourceRow => r !== undefined));
    } else {
      const best = await cheapest(tx, plans(type, raw));
      if (best?.patient !== undefined && raw['_sort'] !== undefined) {
        candidates = await sortedWalk(tx, type, best.patient, raw);
        if (candidates !== undefined) complete = false;
      }
      if (candidates === undefined && best) {
        const index = store.index('byKey');
        candidates = resourcesOf((await Promise.all(best.ranges.map((range) => index.getAll(range)))).flat());
      }
      candidates ??= resourcesOf(await store.getAll(prefixRange([type])));
    }
    sorted = sortedMatches(candidates as unknown as Resource[], type, query);
    if (complete && raw['_cursor'] === undefined && snapshots !== undefined && sorted.length > pageSize(type, raw['_count'])) snapshots.keep(type, query, sorted);
  }

  // `resolve` is synchronous: the pipeline runs once with placeholders for what `_include`
  // asks for, which are then loaded in the same transaction and put in their place
  const wanted = new Map<object, string>();
  const cut = searchPageOf(sorted, type, query, (reference) => {
    const placeholder = {};
    wanted.set(placeholder, reference);
    return placeholder as Resource;
  });
  const page = kept === undefined ? cut : Object.assign(cut.map((resource) => structuredClone(resource)), { included: cut.included, ...(cut.next !== undefined && { next: cut.next }) });
  if (wanted.size === 0) return page;
  const loaded = await Promise.all(
    page.included.map((placeholder) => {
      const [targetType = '', id = ''] = (wanted.get(placeholder) ?? '').split('/');
      return store.get([targetType, id]);
    }),
  );
  return Object.assign(page, { included: resourcesOf(loaded.filter((r): r is ResourceRow => r !== undefined)) as unknown as Resource[] });
}
