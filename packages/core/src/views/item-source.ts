import type { Organization, Provenance, Reference, Resource } from '@chartwell/fhir';
import { parseInstant } from '@chartwell/fhir';
import { formatInstant } from '../format/instant.js';
import { searchByValues } from '../search/search-by-values.js';
import { normalizeReference } from '../search/values.js';
import type { ChartStore } from '../store/chart-store.js';
import { objects } from './coded.js';
import type { ResolvedViewOptions } from './view-options.js';

/**
 * Where a view item came from, for the multi-source (EHR) chart: the organisation, the system
 * and when the record was last updated.
 *
 * @category Views
 */
export interface ItemSource {
  /** The organisation's name, when the record or its Provenance names one. */
  readonly organization?: string;
  /** The organisation's reference (`Organization/123`), when known. */
  readonly organizationReference?: string;
  /** The system the record came from: its `meta.source` URI, or else the store's name. */
  readonly system: string;
  /** When the record was last updated (`meta.lastUpdated`, else the Provenance's `recorded`), as recorded. */
  readonly lastUpdated?: string;
  /** `lastUpdated` written in the view's locale, time zone and date style ("Not recorded" when missing). */
  readonly lastUpdatedText: string;
  /** What the source was learned from: a Provenance that targets the record, its `meta.source`, or only the store. */
  readonly basis: 'provenance' | 'meta.source' | 'store';
}

/**
 * What {@link itemSource} looks sources up in: the Provenance of each record and organisation
 * names. Build it with {@link buildSourceIndex}, {@link loadSourceIndex} or {@link loadRecordSources}.
 *
 * @category Views
 */
export interface SourceIndex {
  /** Provenances by the `Type/id` of each record they target (version suffixes removed). */
  readonly provenanceByTarget: ReadonlyMap<string, readonly Provenance[]>;
  /** Organisation names by `Organization/id`. */
  readonly organizationNames: ReadonlyMap<string, string>;
  /** The store's name, for records that name no other system. */
  readonly storeName: string;
}

/** `Type/id` of a reference, whatever its form: relative, versioned, or an absolute URL. */
function targetKey(reference: string | undefined): string | undefined {
  if (typeof reference !== 'string') return undefined;
  const match = /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(reference);
  return match ? `${match[1] ?? ''}/${match[2] ?? ''}` : undefined;
}

function organizationReference(reference: Reference | undefined): string | undefined {
  const key = targetKey(reference?.reference);
  return key?.startsWith('Organization/') ? key : undefined;
}

/**
 * A SourceIndex from Provenances and Organizations already at hand.
 *
 * @category Views
 */
export function buildSourceIndex(provenances: readonly Provenance[], organizations: readonly Organization[], storeName: string): SourceIndex {
  const provenanceByTarget = new Map<string, Provenance[]>();
  for (const provenance of objects(provenances)) {
    for (const target of objects(provenance.target)) {
      const key = targetKey(target.reference);
      if (key === undefined) continue;
      const list = provenanceByTarget.get(key) ?? [];
      list.push(provenance);
      provenanceByTarget.set(key, list);
    }
  }
  const organizationNames = new Map<string, string>();
  for (const organization of objects(organizations)) {
    if (typeof organization.id === 'string' && typeof organization.name === 'string' && organization.name.trim() !== '') {
      organizationNames.set(`Organization/${organization.id}`, organization.name.trim());
    }
  }
  return { provenanceByTarget, organizationNames, storeName };
}

/** Whether a reference names an organisation: `Organization/<id>`, or a display with `type: 'Organization'` (an organisation not in this store). */
function namesOrganization(reference: Reference | undefined): boolean {
  if (organizationReference(reference) !== undefined) return true;
  return reference?.type === 'Organization' && typeof reference.display === 'string' && reference.display.trim() !== '';
}

/** The organisation a Provenance names: an agent that is an Organization, else the one an agent acted for. */
function provenanceOrganization(provenance: Provenance): Reference | undefined {
  const agents = objects(provenance.agent);
  return agents.find((agent) => namesOrganization(agent.who))?.who ?? agents.find((agent) => namesOrganization(agent.onBehalfOf))?.onBehalfOf;
}

function recordedTime(provenance: Provenance): number {
  return (typeof provenance.recorded === 'string' ? parseInstant(provenance.recorded)?.epochMilliseconds : undefined) ?? Number.NEGATIVE_INFINITY;
}

/** The `Type/id` of each record that has one a reference search accepts, each once. */
function recordReferences(records: Iterable<unknown>): string[] {
  const references = new Set<string>();
  for (const record of records) {
    if (typeof record !== 'object' || record === null) continue;
    const { resourceType, id } = record as { resourceType?: unknown; id?: unknown };
    if (typeof resourceType !== 'string' || typeof id !== 'string') continue;
    const reference = normalizeReference(`${resourceType}/${id}`);
    if (reference !== undefined) references.add(reference);
  }
  return [...references];
}

/**
 * Reads the Provenance of a patient's records and the organisations it names. Provenance is
 * found by the store's `patient` search (Provenances that also target the Patient) and by
 * `target` for each of `records` (the resources the view shows items for; their references go
 * in batches, a list of values being an OR), each Provenance once. A store that cannot give
 * either search (denied, offline) leaves the index without what it would have found, so sources
 * fall back to `meta.source` and the store: the view itself still shows. An aborted signal still
 * throws.
 *
 * @example
 * const [conditions, procedures] = await Promise.all([searchAllPages(store, 'Condition', { patient }), searchAllPages(store, 'Procedure', { patient })]);
 * const sources = await loadSourceIndex(store, patient, { storeName: 'This chart' }, [...conditions, ...procedures]);
 *
 * @category Views
 */
export async function loadSourceIndex(store: ChartStore, patientId: string, options: Pick<ResolvedViewOptions, 'storeName' | 'signal'>, records: Iterable<Resource> = []): Promise<SourceIndex> {
  return loadSources(store, patientId, records, options);
}

/**
 * As {@link loadSourceIndex}, for records that belong to no one patient (a clinic's slots and
 * appointments): their Provenance is found by `target` only.
 *
 * @example
 * const sources = await loadRecordSources(store, [...slots, ...appointments], { storeName: 'Clinic diary' });
 *
 * @category Views
 */
export async function loadRecordSources(store: ChartStore, records: Iterable<Resource>, options: Pick<ResolvedViewOptions, 'storeName' | 'signal'>): Promise<SourceIndex> {
  return loadSources(store, undefined, records, options);
}

async function loadSources(store: ChartStore, patientId: string | undefined, records: Iterable<Resource>, options: Pick<ResolvedViewOptions, 'storeName' | 'signal'>): Promise<SourceIndex> {
  const call = options.signal ? { signal: options.signal } : {};
  const settled = async <T>(search: () => Promise<T[]>): Promise<T[]> => {
    try {
      return objects(await search());
    } catch (error) {
      if (options.signal?.aborted) throw error;
      return [];
    }
  };
  const targets = recordReferences(records);
  const [byPatient, byTarget] = await Promise.all([
    patientId === undefined ? ([] as Provenance[]) : settled(() => store.search('Provenance', { patient: patientId, _count: 1000 }, call)),
    settled(() => searchByValues(store, 'Provenance', 'target', targets, {}, call)),
  ]);
  const provenances: Provenance[] = [...byPatient];
  const ids = new Set(byPatient.map((p) => p.id).filter((id): id is string => typeof id === 'string'));
  for (const provenance of byTarget) {
    if (typeof provenance.id === 'string' ? ids.has(provenance.id) : byPatient.includes(provenance)) continue;
    provenances.push(provenance);
  }
  const references = new Set<string>();
  for (const provenance of provenances) {
    const key = organizationReference(provenanceOrganization(provenance));
    if (key !== undefined) references.add(key);
  }
  const organizations: Organization[] = [];
  for (const key of references) {
    try {
      organizations.push(await store.read('Organization', key.slice('Organization/'.length), call));
    } catch (error) {
      if (options.signal?.aborted) throw error;
    }
  }
  return buildSourceIndex(provenances, organizations, options.storeName);
}

/**
 * The source of one record: the organisation from the latest Provenance that targets it (an
 * Organization agent — `Organization/<id>`, or a display typed `Organization` for one the store
 * does not hold —, else the organisation an agent acted for), the system from `meta.source`
 * (else the store's name), and the last update from `meta.lastUpdated` (else the Provenance's
 * `recorded`). Total: a record with none of these still names the store. Never throws.
 *
 * @category Views
 */
export function itemSource(resource: Resource, index: SourceIndex, options: Pick<ResolvedViewOptions, 'locale' | 'timeZone' | 'dateStyle'> & Partial<Pick<ResolvedViewOptions, 'timeStyle'>>): ItemSource {
  const key = typeof resource.id === 'string' ? `${resource.resourceType}/${resource.id}` : undefined;
  const provenance = (key === undefined ? [] : (index.provenanceByTarget.get(key) ?? [])).reduce<Provenance | undefined>(
    (latest, candidate) => (latest === undefined || recordedTime(candidate) > recordedTime(latest) ? candidate : latest),
    undefined,
  );
  const meta = typeof resource.meta === 'object' && resource.meta !== null ? resource.meta : undefined;
  const metaSource = typeof meta?.source === 'string' && meta.source.trim() !== '' ? meta.source.trim() : undefined;
  const organization = provenance ? provenanceOrganization(provenance) : undefined;
  const organizationKey = organizationReference(organization);
  const organizationName = (typeof organization?.display === 'string' && organization.display.trim() !== '' ? organization.display.trim() : undefined) ?? (organizationKey ? index.organizationNames.get(organizationKey) : undefined);
  const lastUpdated = (typeof meta?.lastUpdated === 'string' ? meta.lastUpdated : undefined) ?? (typeof provenance?.recorded === 'string' ? provenance.recorded : undefined);
  return {
    ...(organizationName !== undefined && { organization: organizationName }),
    ...(organizationKey !== undefined && { organizationReference: organizationKey }),
    system: metaSource ?? index.storeName,
    ...(lastUpdated !== undefined && { lastUpdated }),
    lastUpdatedText: formatInstant(lastUpdated, { locale: options.locale, timeZone: options.timeZone, style: options.dateStyle, timeStyle: options.timeStyle }),
    basis: provenance ? 'provenance' : metaSource !== undefined ? 'meta.source' : 'store',
  };
}
