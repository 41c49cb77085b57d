import type { CodeableConcept, Dosage, Medication, Resource } from '@chartwell/fhir';
import { formatCodeableConcept, formatDosage, formatInstant, itemSource, loadSourceIndex, searchAllPages } from '@chartwell/core';
import type { ChartStore, DateStyle, TimeStyle } from '@chartwell/core';
// the reconciliation entry point alone: neither the converters nor their XML parser (@xmldom/xmldom,
// CommonJS, which unbundled ES module pages cannot load) come with it
import { reconcile } from '@chartwell/interop/reconcile';
import type { ReconcilableResource, ReconcileItem, ReconciliationPlan } from '@chartwell/interop/reconcile';
import { readIncoming, type ReconcileIncoming } from './reconcile-incoming.js';

/** One side of an item (the chart's record or the incoming one), ready to show. */
export interface ReconcileSide {
  /** The name as recorded. */
  readonly name: string;
  /** The status code as recorded (a medication's `status`, else `clinicalStatus`), `''` when none. */
  readonly status: string;
  /** A medication's dose line, `''` when none is recorded or the record is not a medication. */
  readonly dose: string;
  /** The organisation, when known. */
  readonly organization?: string;
  /** The system (`meta.source`, or the store's or the incoming set's name). */
  readonly system: string;
  /** When it was last updated, in the widget's locale, zone and date style ("Not recorded" when unknown). */
  readonly updated: string;
}

/** An item of the plan with both sides ready to show. */
export interface ReconcileRow {
  readonly item: ReconcileItem;
  readonly local?: ReconcileSide;
  readonly incoming?: ReconcileSide;
}

/** What `<cw-reconcile>` loads: the plan, its rows, and the incoming set's source. */
export interface ReconcileData {
  readonly plan: ReconciliationPlan;
  readonly rows: readonly ReconcileRow[];
  /** Whether any incoming record was given at all. */
  readonly hasIncoming: boolean;
  /** The organisation the incoming records came from: the `incoming-source` label, else the one their Provenance names. */
  readonly sourceOrganization?: string;
  /** The incoming records' system (`meta.source`), for the written records that have none. */
  readonly sourceSystem?: string;
}

/** What `loadReconcileData` needs besides the store. */
export interface ReconcileLoadOptions {
  readonly locale: string;
  readonly timeZone: string;
  readonly dateStyle: DateStyle;
  readonly timeStyle?: TimeStyle;
  readonly signal: AbortSignal;
  /** The store's name, for local records that name no other system. */
  readonly storeName: string;
  /** The `incoming-source` label, when the host gave one. */
  readonly incomingSource?: string;
  /** What the incoming set is called when it names no system. */
  readonly incomingName: string;
}

function code(concept: CodeableConcept | undefined): string {
  const codings = Array.isArray(concept?.coding) ? concept.coding : [];
  return codings.find((coding) => typeof coding?.code === 'string')?.code ?? '';
}

function statusOf(resource: ReconcilableResource): string {
  if (resource.resourceType === 'MedicationRequest' || resource.resourceType === 'MedicationStatement') return typeof resource.status === 'string' ? resource.status : '';
  return code(resource.clinicalStatus);
}

function doseOf(resource: ReconcilableResource, locale: string): string {
  const dosages: Dosage[] = resource.resourceType === 'MedicationRequest' ? (resource.dosageInstruction ?? []) : resource.resourceType === 'MedicationStatement' ? (resource.dosage ?? []) : [];
  return (Array.isArray(dosages) ? dosages : [])
    .map((dosage) => formatDosage(dosage, { locale }) || (typeof dosage?.text === 'string' ? dosage.text.trim() : ''))
    .filter(Boolean)
    .join('; ');
}

function nameOf(resource: ReconcilableResource, fallback: string): string {
  if (resource.resourceType === 'MedicationRequest' || resource.resourceType === 'MedicationStatement') {
    return formatCodeableConcept(resource.medicationCodeableConcept) || (typeof resource.medicationReference?.display === 'string' ? resource.medicationReference.display : '') || fallback;
  }
  return formatCodeableConcept(resource.code) || fallback;
}

/** The Medications the local medication records refer to (`Medication/<id>`), so pairing can use their codes; any that cannot be read are left out. */
async function referencedMedications(store: ChartStore, records: readonly ReconcilableResource[], signal: AbortSignal): Promise<Medication[]> {
  const ids = new Set<string>();
  for (const record of records) {
    const reference = 'medicationReference' in record ? record.medicationReference?.reference : undefined;
    const id = typeof reference === 'string' ? /^Medication\/([A-Za-z0-9\-.]{1,64})$/.exec(reference)?.[1] : undefined;
    if (id !== undefined) ids.add(id);
  }
  const found: Medication[] = [];
  for (const id of ids) {
    try {
      found.push(await store.read('Medication', id, { signal }));
    } catch (error) {
      if (signal.aborted) throw error;
    }
  }
  return found;
}

/**
 * Reads the patient's medications (MedicationRequest, MedicationStatement), allergies and
 * conditions and their sources, reconciles them with `incoming`, and writes each side of each
 * item for display.
 */
export async function loadReconcileData(store: ChartStore, patientId: string, incoming: ReconcileIncoming | undefined, options: ReconcileLoadOptions): Promise<ReconcileData> {
  const call = { signal: options.signal };
  const patient = `Patient/${patientId}`;
  const [requests, statements, allergies, conditions] = await Promise.all([
    searchAllPages(store, 'MedicationRequest', { patient }, call),
    searchAllPages(store, 'MedicationStatement', { patient }, call),
    searchAllPages(store, 'AllergyIntolerance', { patient }, call),
    searchAllPages(store, 'Condition', { patient }, call),
  ]);
  const localRecords: ReconcilableResource[] = [...requests, ...statements, ...allergies, ...conditions];
  const medications = await referencedMedications(store, localRecords, options.signal);
  const sourceIndex = await loadSourceIndex(store, patientId, { storeName: options.storeName, signal: options.signal }, localRecords);
  const received = readIncoming(incoming);
  const plan = reconcile([...localRecords, ...medications], received.resources, { locale: options.locale });

  const when = (value: string | undefined) => formatInstant(value, { locale: options.locale, timeZone: options.timeZone, style: options.dateStyle, ...(options.timeStyle && { timeStyle: options.timeStyle }) });
  const incomingIndex = new Map<string, number>();
  received.resources.forEach((resource, index) => incomingIndex.set(typeof resource.id === 'string' ? `incoming:${resource.resourceType}/${resource.id}` : `incoming:${index}`, index));
  const sourceOrganization = options.incomingSource ?? received.organization;

  const rows = plan.items.map((item): ReconcileRow => {
    const localSide = (record: ReconcilableResource): ReconcileSide => {
      const source = itemSource(record as Resource, sourceIndex, { locale: options.locale, timeZone: options.timeZone, dateStyle: options.dateStyle, ...(options.timeStyle && { timeStyle: options.timeStyle }) });
      return { name: nameOf(record, item.name), status: statusOf(record), dose: doseOf(record, options.locale), ...(source.organization !== undefined && { organization: source.organization }), system: source.system, updated: source.lastUpdatedText };
    };
    const incomingSide = (record: ReconcilableResource): ReconcileSide => {
      const source = received.sources[incomingIndex.get(item.key) ?? -1];
      const organization = options.incomingSource ?? source?.organization;
      const name = item.incomingMedication?.code ? formatCodeableConcept(item.incomingMedication.code) || nameOf(record, item.name) : nameOf(record, item.name);
      return { name, status: statusOf(record), dose: doseOf(record, options.locale), ...(organization !== undefined && { organization }), system: source?.system ?? received.system ?? options.incomingName, updated: when(source?.lastUpdated) };
    };
    return { item, ...(item.local && { local: localSide(item.local) }), ...(item.incoming && { incoming: incomingSide(item.incoming) }) };
  });
  return {
    plan,
    rows,
    hasIncoming: received.resources.length > 0,
    ...(sourceOrganization !== undefined && { sourceOrganization }),
    ...(received.system !== undefined && { sourceSystem: received.system }),
  };
}
