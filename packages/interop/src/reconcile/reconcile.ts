import type { CodeableConcept, Dosage, Medication, Resource } from '@chartwell/fhir';
import { formatDosage } from '@chartwell/core';
import { conceptOf, conceptTexts, displayName, kindOf, pairingCodes, PAIRING_SYSTEMS, type ReconcilableResource, type ReconcileKind } from './clinical-concept.js';

/**
 * Where an item stands: only in the incoming records (`new`), in both and the same
 * (`matching`), in both with another status or dose (`conflicting`), or only in the local
 * chart (`local-only`, shown so the user sees the whole list).
 */
export type ReconcileStatus = 'new' | 'matching' | 'conflicting' | 'local-only';

/** One thing the two sides disagree on, with each side's value as recorded (`''` when not recorded). */
export interface ReconcileDifference {
  readonly field: 'status' | 'dose' | 'clinicalStatus' | 'verificationStatus' | 'criticality';
  readonly local: string;
  readonly incoming: string;
}

/** One line of the reconciliation: a local record, an incoming one, or a pair of them. */
export interface ReconcileItem {
  /** Stable within the plan: the key decisions are given under. */
  readonly key: string;
  readonly kind: ReconcileKind;
  readonly status: ReconcileStatus;
  /** How the pair was made: by a shared code (the same system and code) or by the same text. */
  readonly matchedBy?: 'code' | 'text';
  /** The shared `system|code`, for a pair made by code. */
  readonly code?: string;
  /** What to show: the incoming record's name for a new item, else the local one's, as recorded. */
  readonly name: string;
  readonly local?: ReconcilableResource;
  readonly incoming?: ReconcilableResource;
  /** The Medication the incoming record refers to (`Medication/<id>`), when it is among the incoming records: an add or replace writes its code inline. */
  readonly incomingMedication?: Medication;
  /** For `conflicting`: what differs. */
  readonly differences: readonly ReconcileDifference[];
}

/** The Medications among `resources`, by `Medication/<id>`. */
function medicationsIn(resources: readonly Resource[]): Map<string, Medication> {
  const found = new Map<string, Medication>();
  for (const resource of resources) if (resource?.resourceType === 'Medication' && typeof resource.id === 'string') found.set(`Medication/${resource.id}`, resource);
  return found;
}

/** What {@link reconcile} found: every item, medications first, then allergies, then problems. */
export interface ReconciliationPlan {
  readonly items: readonly ReconcileItem[];
  /** Records of other types (but Medications, which the records refer to), or entered in error, left out (their `Type/id`, or their type). */
  readonly ignored: readonly string[];
}

/** Options of {@link reconcile}. */
export interface ReconcileOptions {
  /** The code systems to pair on; default {@link PAIRING_SYSTEMS}. */
  readonly systems?: readonly string[];
  /** The locale dose lines are written in for comparison; default `en-US`. */
  readonly locale?: string;
}

const KIND_ORDER: readonly ReconcileKind[] = ['medication', 'allergy', 'problem'];

function code(concept: CodeableConcept | undefined): string {
  const codings = Array.isArray(concept?.coding) ? concept.coding : [];
  return codings.find((coding) => typeof coding?.code === 'string')?.code ?? '';
}

function enteredInError(resource: ReconcilableResource): boolean {
  if ('status' in resource && resource.status === 'entered-in-error') return true;
  return 'verificationStatus' in resource && code(resource.verificationStatus) === 'entered-in-error';
}

function doseLine(resource: ReconcilableResource, locale: string): string {
  const dosages: Dosage[] = resource.resourceType === 'MedicationRequest' ? (resource.dosageInstruction ?? []) : resource.resourceType === 'MedicationStatement' ? (resource.dosage ?? []) : [];
  return dosages
    .map((dosage) => formatDosage(dosage, { locale }) || (typeof dosage.text === 'string' ? dosage.text.trim() : ''))
    .filter(Boolean)
    .join('; ');
}

/**
 * What differs between two paired records: a medication's status and dose (a dose recorded on
 * one side only is not a conflict: merging takes it), an allergy's clinical and verification
 * status and criticality, a problem's clinical and verification status.
 */
export function differencesBetween(local: ReconcilableResource, incoming: ReconcilableResource, locale = 'en-US'): ReconcileDifference[] {
  const differences: ReconcileDifference[] = [];
  const compare = (field: ReconcileDifference['field'], a: string, b: string, bothNeeded = false) => {
    if (a === b || (bothNeeded && (a === '' || b === ''))) return;
    differences.push({ field, local: a, incoming: b });
  };
  if (kindOf(local) === 'medication') {
    compare('status', 'status' in local ? String(local.status ?? '') : '', 'status' in incoming ? String(incoming.status ?? '') : '');
    compare('dose', doseLine(local, locale), doseLine(incoming, locale), true);
    return differences;
  }
  const a = local as { clinicalStatus?: CodeableConcept; verificationStatus?: CodeableConcept; criticality?: string };
  const b = incoming as typeof a;
  compare('clinicalStatus', code(a.clinicalStatus), code(b.clinicalStatus));
  compare('verificationStatus', code(a.verificationStatus), code(b.verificationStatus), true);
  if (kindOf(local) === 'allergy') compare('criticality', a.criticality ?? '', b.criticality ?? '', true);
  return differences;
}

function keyOf(resource: Resource, side: 'local' | 'incoming', index: number): string {
  return typeof resource.id === 'string' ? `${side}:${resource.resourceType}/${resource.id}` : `${side}:${index}`;
}

/**
 * Pairs the medications, allergies and problems of the local chart with those from another
 * source. For each incoming record, in order, the first unpaired local record of the same list
 * that shares a code (the same system and code, in RxNorm, SNOMED CT, ICD-10 or ICD-10-CM) is
 * its pair; failing that, one known by the same text (the concept's text or a coding's display,
 * ignoring case, accents and punctuation). A pair is `matching`, or `conflicting` when
 * {@link differencesBetween} finds a difference; an incoming record without a pair is `new`; a
 * local record left over is `local-only`. Records entered in error, and other resource types,
 * are ignored. A record that refers to a Medication (`Medication/<id>`) is paired on that
 * Medication's code when the Medication is among the records of its side. Pure: nothing is
 * read or written.
 *
 * @example
 * const plan = reconcile(localRecords, incomingRecords);
 * plan.items.filter((item) => item.status === 'conflicting');
 */
export function reconcile(local: readonly Resource[], incoming: readonly Resource[], options: ReconcileOptions = {}): ReconciliationPlan {
  const systems = options.systems ?? PAIRING_SYSTEMS;
  const locale = options.locale ?? 'en-US';
  const ignored: string[] = [];
  const usable = (resources: readonly Resource[]) => {
    const medications = medicationsIn(resources);
    return resources.flatMap((resource, index) => {
      if (resource?.resourceType === 'Medication') return [];
      const kind = kindOf(resource);
      if (kind === undefined || enteredInError(resource as ReconcilableResource)) {
        ignored.push(typeof resource.id === 'string' ? `${resource.resourceType}/${resource.id}` : resource.resourceType);
        return [];
      }
      const concept = conceptOf(resource as ReconcilableResource, medications);
      const name = displayName(resource as ReconcilableResource, medications);
      const reference = (resource as { medicationReference?: { reference?: unknown } }).medicationReference?.reference;
      const medication = typeof reference === 'string' ? medications.get(reference.replace(/^.*?(Medication\/[^/]+)$/, '$1')) : undefined;
      return [{ resource: resource as ReconcilableResource, kind, index, name, medication, codes: pairingCodes(concept, systems), texts: conceptTexts(concept) }];
    });
  };
  const locals = usable(local);
  const incomings = usable(incoming);
  const paired = new Set<number>();
  const items: ReconcileItem[] = [];

  for (const next of incomings) {
    const candidates = locals.filter((candidate, i) => !paired.has(i) && candidate.kind === next.kind);
    let matchedBy: 'code' | 'text' | undefined;
    let shared: string | undefined;
    let pair = candidates.find((candidate) => (shared = candidate.codes.find((c) => next.codes.includes(c))) !== undefined);
    if (pair) matchedBy = 'code';
    else {
      shared = undefined;
      pair = candidates.find((candidate) => candidate.texts.some((text) => next.texts.includes(text)));
      if (pair) matchedBy = 'text';
    }
    const key = keyOf(next.resource, 'incoming', next.index);
    if (!pair) {
      items.push({ key, kind: next.kind, status: 'new', name: next.name, incoming: next.resource, ...(next.medication && { incomingMedication: next.medication }), differences: [] });
      continue;
    }
    paired.add(locals.indexOf(pair));
    const differences = differencesBetween(pair.resource, next.resource, locale);
    items.push({
      key,
      kind: next.kind,
      status: differences.length ? 'conflicting' : 'matching',
      ...(matchedBy && { matchedBy }),
      ...(shared !== undefined && { code: shared }),
      name: pair.name,
      local: pair.resource,
      incoming: next.resource,
      ...(next.medication && { incomingMedication: next.medication }),
      differences,
    });
  }
  locals.forEach((entry, i) => {
    if (paired.has(i)) return;
    items.push({ key: keyOf(entry.resource, 'local', entry.index), kind: entry.kind, status: 'local-only', name: entry.name, local: entry.resource, differences: [] });
  });
  items.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
  return { items, ignored };
}
