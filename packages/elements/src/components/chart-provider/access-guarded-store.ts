import { AccessDeniedError, isChartStoreError, searchAllPages } from '@chartwell/core';
import type { AccessControlledStore, ChartChange, ChartStore, SearchPage, SearchQuery, StoreCallOptions, StoreInfo, TransactionOperation, WatchFilter, WriteOptions } from '@chartwell/core';
import type { ExtractResource, Resource, ResourceType } from '@chartwell/fhir';
import { registerAccessGuard } from './access-guard-registry.js';

/**
 * The resource types whose searches are not checked for withheld results: the patient directory,
 * where "the patients this user may see" is the meaning of the list (a clinician's patient list
 * holds their care team's patients).
 */
const DIRECTORY_SEARCHES: ReadonlySet<string> = new Set(['Patient']);

/** The search parameters that name the patient a search is about. */
const PATIENT_PARAMETERS = ['patient', 'subject', 'actor', 'beneficiary'];

/** The ids of the patients a query names (`123`, `Patient/123`, or a list of them). */
function patientsNamedIn(query: object): string[] {
  const ids = new Set<string>();
  for (const parameter of PATIENT_PARAMETERS) {
    const value: unknown = (query as Record<string, unknown>)[parameter];
    for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) {
      if (typeof item !== 'string' || item === '') continue;
      if (item.startsWith('Patient/')) ids.add(item.slice('Patient/'.length));
      else if (parameter === 'patient' && !item.includes('/')) ids.add(item);
    }
  }
  return [...ids];
}

/**
 * A denial rebuilt without the withheld resource's id: the widget's `cw-error` event carries the
 * error's message, and the restricted state must name nothing withheld.
 */
function withoutIds(error: AccessDeniedError): AccessDeniedError {
  const message =
    error.reason === 'consent'
      ? `A patient consent withholds ${error.resourceType ?? 'this'} data from this user; breaking the glass can override this`
      : error.reason === 'security-label'
        ? `${error.resourceType ?? 'This'} data carries a security label that no rule permits this user to see; breaking the glass can override this`
        : error.message;
  return new AccessDeniedError({ resourceType: error.resourceType ?? 'Resource', reason: error.reason, ...(error.patient !== undefined && { patient: error.patient }) }, message);
}

/**
 * The store `<cw-chart-provider>` hands its widgets under an access policy: the
 * {@link AccessControlledStore} (which filters searches silently, so that a search gives no sign
 * of what it withheld), made safe for display. A search of a patient's record that withheld
 * something throws the denial instead of returning the rest, so a widget never shows a partial
 * list (a medication list missing a withheld medication) as if it were complete: the widget
 * shows its restricted state, with emergency access when the denial can be overridden.
 *
 * To know, the first page of a search also asks the underlying store, and judges each result
 * missing from what the user may see by reading it as the user. The cost is that search twice
 * more, and a read of the patient it names: a search about a patient whose record is withheld
 * (compartment, consent, label) is refused even when it would find nothing, so an empty view
 * never stands in for a withheld one. Denials lose the withheld resource's id. Searches of the
 * Patient directory are not checked.
 */
export class AccessGuardedStore implements ChartStore {
  /** The underlying store's info. */
  readonly info?: StoreInfo;
  /** The patients (`Patient/<id>`) whose records this store denied with a denial the glass can break. */
  readonly #overridable = new Set<string>();

  /**
   * @param access - The policy-enforcing store every call goes through.
   * @param underlying - The store it wraps: asked only to learn whether a search withheld something.
   */
  constructor(
    readonly access: AccessControlledStore,
    private readonly underlying: ChartStore,
  ) {
    if (access.info !== undefined) this.info = access.info;
    registerAccessGuard(this, this);
  }

  /** Whether this store denied something of `patient`'s record (`123` or `Patient/123`) that breaking the glass would show. */
  hasOverridableDenial(patient: string): boolean {
    return this.#overridable.has(patient.startsWith('Patient/') ? patient : `Patient/${patient}`);
  }

  #denied(error: unknown): unknown {
    if (!(error instanceof AccessDeniedError)) return error;
    if (error.overridable && error.patient !== undefined) this.#overridable.add(error.patient);
    return withoutIds(error);
  }

  async #guard<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw this.#denied(error);
    }
  }

  /** The resource, if the user may read it; a denial names no id. */
  read<K extends ResourceType>(type: K, id: string, options?: StoreCallOptions): Promise<ExtractResource<K>> {
    return this.#guard(() => this.access.read(type, id, options));
  }

  /** What the user may see; a first page of a patient's record that withheld anything throws the denial instead. */
  search<K extends ResourceType>(type: K, query: SearchQuery<K> = {}, options?: StoreCallOptions): Promise<SearchPage<ExtractResource<K>>> {
    return this.#guard(async () => {
      const page = await this.access.search(type, query, options);
      if (query._cursor === undefined && !DIRECTORY_SEARCHES.has(type)) {
        await this.#refuseIfRecordWithheld(query, options);
        await this.#refuseIfWithheld(type, query, options);
      }
      return page;
    });
  }

  /**
   * Throws when the search is about a patient (`patient`, `subject`, `actor`, `beneficiary`) whose
   * record the user may not see (a compartment, consent or label denial of the Patient itself):
   * a view of a withheld record is restricted even where it would be empty, so "nothing
   * recorded" never stands in for "withheld". A role that may not read demographics at all (a
   * policy denial of Patient) is not a withheld record.
   */
  async #refuseIfRecordWithheld(query: object, options: StoreCallOptions | undefined): Promise<void> {
    for (const id of patientsNamedIn(query)) {
      try {
        await this.access.read('Patient', id, options);
      } catch (error) {
        if (error instanceof AccessDeniedError && (error.reason === 'compartment' || error.overridable)) throw error;
        if (!isChartStoreError(error, 'not-found') && !(error instanceof AccessDeniedError)) throw error;
      }
    }
  }

  /** Throws the denial of the first resource the query matches that the user may not see. */
  async #refuseIfWithheld<K extends ResourceType>(type: K, query: SearchQuery<K>, options: StoreCallOptions | undefined): Promise<void> {
    const { _count: _ignoredCount, ...whole } = query;
    const everything: Resource[] = await searchAllPages(this.underlying, type, whole as SearchQuery<K>, options);
    if (everything.length === 0) return;
    const visible = new Set((await searchAllPages(this.access, type, whole as SearchQuery<K>, options)).map((resource) => resource.id));
    for (const resource of everything) {
      if (resource.id === undefined || visible.has(resource.id)) continue;
      try {
        await this.access.read(type, resource.id, options);
      } catch (error) {
        if (error instanceof AccessDeniedError) throw error;
        if (!isChartStoreError(error, 'not-found')) throw error;
      }
    }
  }

  /** Creates the resource if the user may. */
  create<R extends Resource>(resource: R, options?: StoreCallOptions): Promise<R> {
    return this.#guard(() => this.access.create(resource, options));
  }

  /** Updates the resource if the user may. */
  update<R extends Resource>(resource: R, options?: WriteOptions): Promise<R> {
    return this.#guard(() => this.access.update(resource, options));
  }

  /** Deletes the resource if the user may. */
  delete(type: ResourceType, id: string, options?: WriteOptions): Promise<void> {
    return this.#guard(() => this.access.delete(type, id, options));
  }

  /** Runs the operations if the user may run every one. */
  transaction(operations: readonly TransactionOperation[], options?: StoreCallOptions): Promise<(Resource | undefined)[]> {
    return this.#guard(() => this.access.transaction(operations, options));
  }

  /** The versions the user may read. */
  history<K extends ResourceType>(type: K, id: string, options?: StoreCallOptions): Promise<ExtractResource<K>[]> {
    return this.#guard(() => this.access.history(type, id, options));
  }

  /** The changes the user may read. */
  watch(filter: WatchFilter, listener: (change: ChartChange) => void): () => void {
    return this.access.watch(filter, listener);
  }
}

