import type { ExtractResource, Resource, ResourceType } from '@chartwell/fhir';
import type { ChartChange, ChartStore, SearchPage, SearchQuery, StoreCallOptions, TransactionOperation, WatchFilter, WriteOptions } from '../store/chart-store.js';
import { patientOf } from '../store/write.js';
import { currentAuditContext, type AuditContext, type AuditContextSource } from './audit-context.js';
import type { AuditInteraction } from './audit-codes.js';
import { buildAuditEvent, type AuditedCall } from './audit-event.js';
import { AUDIT_SUCCESS, auditOutcomeOf } from './audit-outcome.js';
import type { AuditSink } from './audit-sink.js';
import { AuditTrailError } from './audit-trail-error.js';
import { registerAuditedStore } from './audited-stores.js';

/** Options of `withAudit` (`@chartwell/core/access`). */
export interface WithAuditOptions {
  /** The clock of `AuditEvent.recorded` (default: the system clock). */
  readonly now?: () => Date;
  /**
   * What a call does when the sink cannot record its AuditEvent. `fail` (the default: no audit,
   * no data): it rejects with an {@link AuditTrailError} instead of returning (a write has then
   * been made, and the error says so). `ignore`: it returns as if the sink had recorded it.
   */
  readonly onSinkError?: 'fail' | 'ignore';
}

const ID = /^[A-Za-z0-9\-.]{1,64}$/;

/** Whether `type` looks like a FHIR resource type name (`Observation`). */
const isTypeName = (type: unknown): type is string => typeof type === 'string' && /^[A-Z][A-Za-z]{1,63}$/.test(type);

/** `Type/id` when both look like FHIR ones, else undefined (nothing malformed goes into an AuditEvent). */
function referenceTo(type: unknown, id: unknown): string | undefined {
  return isTypeName(type) && typeof id === 'string' && ID.test(id) ? `${type}/${id}` : undefined;
}

function referenceOf(resource: unknown): string | undefined {
  if (typeof resource !== 'object' || resource === null) return undefined;
  const { resourceType, id } = resource as { resourceType?: unknown; id?: unknown };
  return referenceTo(resourceType, id);
}

function patientOfAny(resource: unknown): string | undefined {
  if (typeof resource !== 'object' || resource === null || !('resourceType' in resource)) return undefined;
  const patient = patientOf(resource as Resource);
  return patient !== undefined && referenceTo('Patient', patient.slice('Patient/'.length)) !== undefined ? patient : undefined;
}

const defined = <T>(values: readonly (T | undefined)[]): T[] => values.filter((value): value is T => value !== undefined);

/** The patients a search's `patient` (and `subject`, when it names a Patient) values point at. */
function queryPatients(query: Record<string, unknown>): string[] {
  const found: string[] = [];
  for (const [param, value] of [['patient', query['patient']] as const, ['subject', query['subject']] as const]) {
    for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) {
      if (typeof item !== 'string') continue;
      const match = /(?:^|\/)Patient\/([^/]+)$/.exec(item.replace(/\/_history\/.*$/, ''));
      const id = match?.[1] ?? (param === 'patient' && !item.includes('/') ? item : undefined);
      const reference = referenceTo('Patient', id);
      if (reference !== undefined) found.push(reference);
    }
  }
  return found;
}

/** Whether a watch filter names AuditEvent among its types. */
function asksForAuditEvents(filter: WatchFilter): boolean {
  const types = filter.resourceType === undefined ? [] : typeof filter.resourceType === 'string' ? [filter.resourceType] : filter.resourceType;
  return types.includes('AuditEvent');
}

/**
 * A {@link ChartStore} that records one FHIR R4 AuditEvent in `sink` for every `read`, `search`,
 * `create`, `update`, `delete`, `transaction` and `history` call, then passes the call's result
 * (or error) on. Each event says who (`context.agent`), from which application
 * (`context.application`), why (`context.purposeOfUse`, with a break-the-glass reason), what
 * (the interaction as `subtype`, the action C/R/U/D/E), when (`recorded`, from `options.now`),
 * the outcome (`0` success, `4` denied, not found or cancelled, `8` any other failure, with an
 * `outcomeDesc` that names only the kind of failure), and the entities: the patient(s) concerned
 * (`Patient/<id>`, role Patient), each resource touched as a bare `Type/id` reference, and for a
 * search the type searched. No resource content ever goes into an event.
 *
 * - Every call is audited, whatever the resource type (reading the audit trail itself too); one
 *   call, one event, recorded after the call and before it returns.
 * - `context` is read at each call: pass a function to follow the signed-in user. A call whose
 *   result and arguments name no patient (a denied read of an Observation) names
 *   `context.patient`, the record the user has open, if the host sets it.
 * - `watch` is not audited (it returns no data; the reads it prompts are). Watchers of the
 *   audited store do not hear AuditEvent changes unless their filter names `AuditEvent`, so the
 *   sink's writes never make a widget reload (and its reload record another event, endlessly).
 * - A sink given this store (`storeAuditSink(audited)`) writes underneath it: never audited again.
 * - Wrap outside an access-control wrapper (`withAudit(withAccess(store, …), …)`) so that denied
 *   calls are recorded too.
 *
 * @example
 * const store = new MemoryStore();
 * const audited = withAudit(store, storeAuditSink(store), () => ({
 *   agent: { who: { reference: 'Practitioner/123', display: 'Dr Alice Hart' }, role: [{ text: 'Clinician' }] },
 *   application: { display: 'Ward app' },
 * }));
 * await audited.read('Patient', 'example'); // and one AuditEvent recorded in `store`
 */
export function withAudit(store: ChartStore, sink: AuditSink, context: AuditContextSource, options: WithAuditOptions = {}): ChartStore {
  const now = options.now ?? (() => new Date());
  const failOnSinkError = (options.onSinkError ?? 'fail') === 'fail';

  const record = async (call: AuditedCall, recordedContext: AuditContext, written: boolean): Promise<void> => {
    try {
      await sink.record(buildAuditEvent(call, recordedContext, now()));
    } catch (cause) {
      if (failOnSinkError) throw new AuditTrailError(written, cause);
    }
  };

  /**
   * Runs `call`, then records it: `facts` says what it touched (from its result, or from its
   * arguments alone when it failed). Rethrows the call's error after recording it.
   */
  async function audited<T>(
    interaction: AuditInteraction,
    write: boolean,
    signal: StoreCallOptions['signal'],
    call: () => Promise<T>,
    facts: (result: T | undefined) => Pick<AuditedCall, 'resources' | 'patients'> & { readonly searchedType?: ResourceType },
  ): Promise<T> {
    const recordedContext = currentAuditContext(context);
    const open = recordedContext.patient === undefined ? [] : queryPatients({ patient: recordedContext.patient });
    /** The facts, with the open patient when they name none. */
    const withPatient = (found: ReturnType<typeof facts>) => (found.patients.length > 0 ? found : { ...found, patients: open });
    let result: T;
    try {
      result = await call();
    } catch (error) {
      await record({ interaction, ...withPatient(facts(undefined)), outcome: auditOutcomeOf(error, signal?.aborted === true) }, recordedContext, false);
      throw error;
    }
    await record({ interaction, ...withPatient(facts(result)), outcome: AUDIT_SUCCESS }, recordedContext, write);
    return result;
  }

  /** The patient of a resource before it is deleted (read underneath, unaudited; undefined if it cannot be read). */
  const patientBeforeDelete = async (type: unknown, id: unknown, signal: StoreCallOptions['signal']): Promise<string | undefined> => {
    if (referenceTo(type, id) === undefined) return undefined;
    try {
      return patientOfAny(await store.read(type as ResourceType, id as string, signal !== undefined ? { signal } : undefined));
    } catch {
      return undefined;
    }
  };

  const audit: ChartStore = {
    get info() {
      return store.info;
    },

    read<K extends ResourceType>(type: K, id: string, callOptions?: StoreCallOptions): Promise<ExtractResource<K>> {
      const reference = referenceTo(type, id);
      return audited('read', false, callOptions?.signal, () => store.read(type, id, callOptions), (resource) => ({
        resources: defined([reference]),
        patients: defined([resource !== undefined ? patientOfAny(resource) : type === 'Patient' ? reference : undefined]),
      }));
    },

    search<K extends ResourceType>(type: K, query?: SearchQuery<K>, callOptions?: StoreCallOptions): Promise<SearchPage<ExtractResource<K>>> {
      const asked = typeof query === 'object' && query !== null ? queryPatients(query as Record<string, unknown>) : [];
      return audited('search-type', false, callOptions?.signal, () => store.search(type, query, callOptions), (page) => {
        const found: readonly unknown[] = page === undefined ? [] : [...page, ...(page.included ?? [])];
        return {
          ...(isTypeName(type) && { searchedType: type }),
          resources: defined(found.map(referenceOf)),
          patients: [...asked, ...defined(found.map(patientOfAny))],
        };
      });
    },

    create<R extends Resource>(resource: R, callOptions?: StoreCallOptions): Promise<R> {
      return audited('create', true, callOptions?.signal, () => store.create(resource, callOptions), (created) => ({
        resources: defined([referenceOf(created)]),
        patients: defined([patientOfAny(created ?? resource)]),
      }));
    },

    update<R extends Resource>(resource: R, callOptions?: WriteOptions): Promise<R> {
      return audited('update', true, callOptions?.signal, () => store.update(resource, callOptions), (updated) => ({
        resources: defined([referenceOf(updated ?? resource)]),
        patients: defined([patientOfAny(updated ?? resource)]),
      }));
    },

    async delete(type: ResourceType, id: string, callOptions?: WriteOptions): Promise<void> {
      const patient = await patientBeforeDelete(type, id, callOptions?.signal);
      return audited('delete', true, callOptions?.signal, () => store.delete(type, id, callOptions), () => ({
        resources: defined([referenceTo(type, id)]),
        patients: defined([patient]),
      }));
    },

    async transaction(operations: readonly TransactionOperation[], callOptions?: StoreCallOptions): Promise<(Resource | undefined)[]> {
      const list: readonly TransactionOperation[] = Array.isArray(operations) ? operations : [];
      const deleted = await Promise.all(list.map((op) => (op?.op === 'delete' ? patientBeforeDelete(op.resourceType, op.id, callOptions?.signal) : undefined)));
      const asked = list.map((op) => (op?.op === 'delete' ? referenceTo(op.resourceType, op.id) : op?.op === 'update' ? referenceOf(op.resource) : undefined));
      const inputPatients = list.map((op) => (op?.op === 'create' || op?.op === 'update' ? patientOfAny(op.resource) : undefined));
      return audited('transaction', true, callOptions?.signal, () => store.transaction(operations, callOptions), (results) => ({
        resources: defined(results === undefined ? asked : results.map((result, index) => (result === undefined ? asked[index] : referenceOf(result)))),
        patients: defined([...deleted, ...(results === undefined ? inputPatients : results.map((result, index) => (result === undefined ? deleted[index] : patientOfAny(result))))]),
      }));
    },

    history<K extends ResourceType>(type: K, id: string, callOptions?: StoreCallOptions): Promise<ExtractResource<K>[]> {
      const reference = referenceTo(type, id);
      return audited('history-instance', false, callOptions?.signal, () => store.history(type, id, callOptions), (versions) => ({
        resources: defined([reference]),
        patients: defined(versions !== undefined ? versions.map(patientOfAny) : [type === 'Patient' ? reference : undefined]),
      }));
    },

    watch(filter: WatchFilter, listener: (change: ChartChange) => void): () => void {
      if (asksForAuditEvents(filter ?? {})) return store.watch(filter, listener);
      return store.watch(filter, (change) => {
        if (change.resourceType !== 'AuditEvent') listener(change);
      });
    },
  };
  registerAuditedStore(audit, store);
  return audit;
}
