import type { Bundle, BundleEntry, Patient, Resource, ResourceType } from '@chartwell/fhir';
import { isChartStoreError, searchAllPages, searchParameters, type ChartStore, type SearchQuery, type StoreCallOptions } from '@chartwell/core';
import { literalTarget, referencesIn } from './references.js';

/** Options of {@link exportPatient} and {@link exportPatientNdjson}. */
export interface ExportPatientOptions extends StoreCallOptions {
  /**
   * The server base each entry's `fullUrl` is written under (`https://ehr.example.org/fhir` gives
   * `https://ehr.example.org/fhir/Patient/123`). Without it entries have no `fullUrl`, and an
   * import keeps every resource's id.
   */
  readonly baseUrl?: string;
}

/** The types of the resources a patient's records point at that go out with them (they belong to no compartment). */
export const REFERENCED_TYPES: readonly ResourceType[] = ['Practitioner', 'PractitionerRole', 'Organization', 'Location', 'Medication'];

/** How deep referenced resources are followed (a Location's managing Organization, a role's Practitioner). */
const REFERENCE_ROUNDS = 3;

/**
 * The resource types of the patient compartment the store's search can find, each with the
 * parameter that finds a patient's resources: `patient` where the type has it, else `subject`.
 */
function compartmentSearches(): { readonly type: ResourceType; readonly parameter: 'patient' | 'subject' }[] {
  const searches: { type: ResourceType; parameter: 'patient' | 'subject' }[] = [];
  for (const [type, parameters] of Object.entries(searchParameters)) {
    if (type === 'Patient') continue;
    if ('patient' in parameters) searches.push({ type: type as ResourceType, parameter: 'patient' });
    else if ('subject' in parameters) searches.push({ type: type as ResourceType, parameter: 'subject' });
  }
  return searches;
}

/**
 * The patient's resources: the Patient, every resource of the patient compartment the store's
 * search finds (each type's `patient` search parameter, or `subject` where it has none), and
 * the Practitioners, PractitionerRoles, Organizations, Locations and Medications they refer to
 * (followed three references deep). Each resource once, the Patient first, then by type and id.
 * A referenced resource the store does not have is left out; any other store error is thrown.
 */
export async function patientCompartment(store: ChartStore, patientId: string, options: StoreCallOptions = {}): Promise<Resource[]> {
  const call = options.signal ? { signal: options.signal } : {};
  const patient: Patient = await store.read('Patient', patientId, call);
  const reference = `Patient/${patientId}`;
  const found = new Map<string, Resource>([[reference, patient]]);
  for (const { type, parameter } of compartmentSearches()) {
    const query = { [parameter]: reference } as SearchQuery<typeof type>;
    for (const resource of await searchAllPages(store, type, query, call)) {
      found.set(`${resource.resourceType}/${resource.id ?? ''}`, resource);
    }
  }
  let pending = [...found.values()];
  for (let round = 0; round < REFERENCE_ROUNDS && pending.length > 0; round++) {
    const next: Resource[] = [];
    for (const resource of pending) {
      for (const target of referencesIn(resource).map(literalTarget)) {
        if (!target || !(REFERENCED_TYPES as readonly string[]).includes(target.type)) continue;
        const key = `${target.type}/${target.id}`;
        if (found.has(key)) continue;
        try {
          const referenced = await store.read(target.type as ResourceType, target.id, call);
          found.set(key, referenced);
          next.push(referenced);
        } catch (error) {
          if (isChartStoreError(error) && error.code === 'not-found') continue;
          throw error;
        }
      }
    }
    pending = next;
  }
  const [first, ...rest] = [...found.values()];
  rest.sort((a, b) => (a.resourceType === b.resourceType ? (a.id ?? '').localeCompare(b.id ?? '') : a.resourceType.localeCompare(b.resourceType)));
  return first ? [first, ...rest] : rest;
}

/**
 * A patient's compartment as a `collection` Bundle: the equivalent of `Patient/$everything`
 * (see {@link patientCompartment} for what is in it). References stay as stored (`Patient/123`),
 * so `importBundle` of the Bundle into another store keeps the ids.
 *
 * @example
 * const bundle = await exportPatient(store, '123', { baseUrl: 'https://ehr.example.org/fhir' });
 * await importBundle(otherStore, bundle);
 */
export async function exportPatient(store: ChartStore, patientId: string, options: ExportPatientOptions = {}): Promise<Bundle> {
  const resources = await patientCompartment(store, patientId, options);
  const base = options.baseUrl?.replace(/\/+$/, '');
  const entry: BundleEntry[] = resources.map((resource) => ({
    ...(base !== undefined && { fullUrl: `${base}/${resource.resourceType}/${resource.id ?? ''}` }),
    resource,
  }));
  return { resourceType: 'Bundle', type: 'collection', timestamp: new Date().toISOString(), entry };
}

/**
 * A patient's compartment as FHIR bulk data NDJSON: one string per resource type (one resource
 * per line, each line ending in a newline), as the `$export` operation writes its files.
 *
 * @example
 * const files = await exportPatientNdjson(store, '123');
 * files.get('Observation'); // '{"resourceType":"Observation",…}\n{"resourceType":"Observation",…}\n'
 */
export async function exportPatientNdjson(store: ChartStore, patientId: string, options: StoreCallOptions = {}): Promise<Map<ResourceType, string>> {
  const files = new Map<ResourceType, string>();
  for (const resource of await patientCompartment(store, patientId, options)) {
    files.set(resource.resourceType, `${files.get(resource.resourceType) ?? ''}${JSON.stringify(resource)}\n`);
  }
  return files;
}
