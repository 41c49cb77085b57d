import type { Provenance, Reference, Resource } from '@chartwell/fhir';
import { InvalidError, type ChartStore, type StoreCallOptions, type TransactionOperation } from '@chartwell/core';
import type { ReconcilableResource } from './clinical-concept.js';
import type { ReconcileItem, ReconciliationPlan } from './reconcile.js';

/**
 * What the user decided for an item:
 * - `add`: store the incoming record in the chart (for a `new` item);
 * - `keep`: keep the local record as it is; the incoming one is set aside;
 * - `replace`: the incoming record's content becomes the local record's next version;
 * - `merge`: the local record stays, and gains the incoming record's elements it does not have
 *   (a dose, a note, an onset);
 * - `reject`: set the incoming record aside (for any item that has one).
 */
export type ReconcileDecision = 'add' | 'keep' | 'replace' | 'merge' | 'reject';

/** Options of {@link applyReconciliation}. */
export interface ApplyReconciliationOptions extends StoreCallOptions {
  /** The chart the records go into: `Patient/123`. Added records are made to refer to it. */
  readonly patient: string;
  /** The organisation the incoming records came from: each Provenance names it as the informant. */
  readonly source: Reference;
  /** The person who reconciled (the user), named in each Provenance as the verifier. */
  readonly author?: Reference;
  /** The incoming system's URI, written as `meta.source` of what is added or replaced when the record has none. */
  readonly sourceSystem?: string;
  /** When the decisions were taken; default now. */
  readonly recorded?: Date;
}

/** What {@link applyReconciliation} wrote. */
export interface ReconciliationResult {
  /** The records written, as stored (added, replaced or merged), in the plan's order. */
  readonly written: readonly Resource[];
  /** The Provenance of each, in the same order. */
  readonly provenance: readonly Provenance[];
  /** The keys of items that had no decision: nothing was written for them. */
  readonly undecided: readonly string[];
}

const ALLOWED: Readonly<Record<ReconcileItem['status'], readonly ReconcileDecision[]>> = {
  new: ['add', 'reject'],
  matching: ['keep', 'replace', 'merge', 'reject'],
  conflicting: ['keep', 'replace', 'merge', 'reject'],
  'local-only': ['keep'],
};

const PATIENT_ELEMENT: Readonly<Record<ReconcilableResource['resourceType'], 'subject' | 'patient'>> = {
  MedicationRequest: 'subject',
  MedicationStatement: 'subject',
  AllergyIntolerance: 'patient',
  Condition: 'subject',
};

function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function newId(): string {
  const crypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (typeof crypto?.randomUUID !== 'function') throw new Error('applyReconciliation needs globalThis.crypto.randomUUID (Node 19 or later, or a current browser)');
  return crypto.randomUUID();
}

/**
 * A reference into the other system, made safe for this chart: its `reference` (an id that
 * means nothing here, or something else) is dropped, and its type, identifier and display kept.
 * A reference left with nothing (a bare `urn:uuid:` one, as the converters write) is dropped as a
 * whole, and so is an element or array left empty by that, since FHIR allows no empty element.
 */
function detached(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(detached).filter((item) => item !== undefined);
    return items.length === 0 && value.length > 0 ? undefined : items;
  }
  if (!value || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  const entries = Object.entries(object)
    .map(([key, item]) => [key, detached(item)] as const)
    .filter(([, item]) => item !== undefined);
  if (entries.length === 0 && Object.keys(object).length > 0) return undefined;
  const result = Object.fromEntries(entries) as Record<string, unknown>;
  const reference = result.reference;
  if (typeof reference === 'string' && !reference.startsWith('#')) {
    delete result.reference;
    const type = /(?:^|\/)([A-Z][A-Za-z]+)\/[^/]+$/.exec(reference)?.[1];
    if (result.type === undefined && type !== undefined) result.type = type;
    if (Object.keys(result).length === 0) return undefined;
  }
  return result;
}

/**
 * The incoming record as this chart's: `id` given, the patient reference set to the chart,
 * a referenced Medication sent alongside written inline as `medicationCodeableConcept`, other
 * references into the other system detached (type, identifier and display kept), store
 * stamps dropped, `meta.source` kept or set.
 */
function asLocal(item: ReconcileItem & { readonly incoming: ReconcilableResource }, id: string, options: ApplyReconciliationOptions): ReconcilableResource {
  const { incoming } = item;
  const inline = copy(incoming) as ReconcilableResource & { medicationReference?: unknown; medicationCodeableConcept?: unknown };
  // a Medication of the other system, sent alongside: its code goes inline, as the reference would dangle here
  if (item.incomingMedication?.code && inline.medicationReference !== undefined) {
    delete inline.medicationReference;
    inline.medicationCodeableConcept = copy(item.incomingMedication.code);
  }
  const { meta, ...rest } = detached(inline) as ReconcilableResource;
  const source = meta?.source ?? options.sourceSystem;
  const { versionId: _version, lastUpdated: _updated, source: _source, ...keptMeta } = meta ?? {};
  const metaOut = { ...keptMeta, ...(source !== undefined && { source }) };
  return { ...rest, id, [PATIENT_ELEMENT[incoming.resourceType]]: { reference: options.patient }, ...(Object.keys(metaOut).length > 0 && { meta: metaOut }) } as ReconcilableResource;
}

/** The local record with the incoming record's top-level elements it lacks (references into the other system detached). */
function merged(local: ReconcilableResource, incoming: ReconcilableResource): ReconcilableResource {
  const result: Record<string, unknown> = copy(local) as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(detached(copy(incoming)) as Record<string, unknown>)) {
    if (key === 'id' || key === 'meta' || key === 'resourceType' || key === 'subject' || key === 'patient' || key === 'contained') continue;
    if (result[key] === undefined) result[key] = value;
  }
  return result as unknown as ReconcilableResource;
}

function provenanceFor(target: ReconcilableResource, item: ReconcileItem, activity: 'CREATE' | 'UPDATE', options: ApplyReconciliationOptions): Provenance {
  const participant = (code: string) => ({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type', code }] });
  const incoming = item.incoming;
  const entityReference = typeof incoming?.id === 'string' ? `${incoming.resourceType}/${incoming.id}` : undefined;
  return {
    resourceType: 'Provenance',
    id: newId(),
    target: [{ reference: `${target.resourceType}/${target.id ?? ''}` }],
    recorded: (options.recorded ?? new Date()).toISOString(),
    activity: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-DataOperation', code: activity }] },
    agent: [
      { type: participant('informant'), who: options.source },
      ...(options.author ? [{ type: participant('verifier'), who: options.author }] : []),
    ],
    ...(incoming && {
      entity: [{ role: 'source' as const, what: { ...(entityReference !== undefined && { identifier: { value: entityReference } }), display: `${item.name} (as received)` } }],
    }),
  };
}

/**
 * Writes the user's decisions on a {@link ReconciliationPlan}, all in one store transaction:
 * added records are created under new ids in `options.patient`'s chart, replaced and merged
 * ones become the local record's next version (with `ifMatch` on the version the plan saw, so
 * a record changed since fails the whole write with a ConflictError), and each written record
 * gets a Provenance naming the source organisation (and the user, when given). If anything fails,
 * nothing is written. A decision an item does not allow (`add` for a matching item), or one
 * for a key the plan does not have, is an InvalidError before anything is written.
 *
 * @example
 * const plan = reconcile(local, incoming);
 * await applyReconciliation(store, plan, { 'incoming:MedicationStatement/a1': 'add' }, {
 *   patient: 'Patient/123',
 *   source: { reference: 'Organization/general-hospital', display: 'General Hospital' },
 * });
 */
export async function applyReconciliation(store: ChartStore, plan: ReconciliationPlan, decisions: Readonly<Record<string, ReconcileDecision>>, options: ApplyReconciliationOptions): Promise<ReconciliationResult> {
  if (!/^Patient\/[A-Za-z0-9\-.]{1,64}$/.test(options.patient)) throw new InvalidError({ path: 'options.patient' }, `applyReconciliation: options.patient must be a Patient reference (Patient/<id>), not "${options.patient}"`);
  const byKey = new Map(plan.items.map((item) => [item.key, item]));
  for (const [key, decision] of Object.entries(decisions)) {
    const item = byKey.get(key);
    if (!item) throw new InvalidError({ path: `decisions["${key}"]` }, `applyReconciliation: the plan has no item "${key}"`);
    if (!ALLOWED[item.status].includes(decision)) {
      throw new InvalidError({ path: `decisions["${key}"]` }, `applyReconciliation: "${decision}" is not a decision for a ${item.status} item ("${key}"); allowed: ${ALLOWED[item.status].join(', ')}`);
    }
  }
  const operations: TransactionOperation[] = [];
  const provenance: Provenance[] = [];
  const undecided: string[] = [];
  for (const item of plan.items) {
    const decision = decisions[item.key];
    if (decision === undefined) {
      if (item.status !== 'local-only') undecided.push(item.key);
      continue;
    }
    const { local, incoming } = item;
    let written: ReconcilableResource | undefined;
    let activity: 'CREATE' | 'UPDATE' = 'UPDATE';
    let ifMatch: string | undefined;
    if (decision === 'add' && incoming) {
      written = asLocal({ ...item, incoming }, newId(), options);
      activity = 'CREATE';
    } else if (decision === 'replace' && incoming && local?.id) {
      written = asLocal({ ...item, incoming }, local.id, options);
      ifMatch = local.meta?.versionId;
    } else if (decision === 'merge' && incoming && local?.id) {
      written = merged(local, incoming);
      ifMatch = local.meta?.versionId;
    }
    if (!written) continue;
    operations.push({ op: 'update', resource: written, ...(ifMatch !== undefined && { ifMatch }) });
    const record = provenanceFor(written, item, activity, options);
    provenance.push(record);
    operations.push({ op: 'update', resource: record });
  }
  if (operations.length === 0) return { written: [], provenance: [], undecided };
  const results = await store.transaction(operations, options.signal ? { signal: options.signal } : {});
  const stored = results.filter((result): result is Resource => result !== undefined);
  return {
    written: stored.filter((resource) => resource.resourceType !== 'Provenance'),
    provenance: stored.filter((resource): resource is Provenance => resource.resourceType === 'Provenance'),
    undecided,
  };
}
