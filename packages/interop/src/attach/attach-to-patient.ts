import type { Bundle, BundleEntry, Reference, Resource, ResourceType } from '@chartwell/fhir';
import { literalTarget } from '../export/references.js';

/** How {@link attachToPatient} rewrites an incoming Bundle. */
export interface AttachToPatientOptions {
  /**
   * Resource types to leave out, for instance the medications, allergies and problems that go
   * through reconciliation instead. References to a left-out entry are removed from lists (a
   * Provenance's targets, a Composition section's entries) and detached elsewhere (kept as type
   * and display only); a Provenance left with no target is dropped.
   */
  readonly exclude?: readonly ResourceType[];
}

/** What {@link attachToPatient} made of an incoming Bundle. */
export interface AttachedBundle {
  /** The Bundle to import (same type as the incoming one), without the incoming Patient, every reference to it pointing at the chosen chart. */
  readonly bundle: Bundle;
  /** How many entries of each resource type it holds. */
  readonly counts: Readonly<Partial<Record<ResourceType, number>>>;
  /** How many entries were left out (the incoming Patient, excluded types, Provenances with nothing left to point at). */
  readonly left: number;
}

/**
 * Points an incoming Bundle (from `hl7v2ToFhir`, `ccdaToFhir`, or another organisation's FHIR
 * export) at a patient already in the store, once a person has confirmed the match: the incoming
 * Patient entry is dropped (the chart's own demographics stay as they are) and every reference to
 * it — by `fullUrl` or as `Patient/<id>` — becomes `patient`. Everything else, including each
 * entry's `request` (conditional writes) and `meta.source`, is kept, so `importBundle` then stores
 * the records in that chart with their provenance. The input is not changed.
 *
 * Throws a `TypeError` naming the problem when the Bundle holds no Patient, or more than one.
 *
 * @example
 * const { bundle } = attachToPatient(hl7v2ToFhir(message), 'Patient/123', { exclude: ['MedicationRequest', 'AllergyIntolerance', 'Condition'] });
 * await importBundle(store, bundle);
 */
export function attachToPatient(incoming: Bundle, patient: string, options: AttachToPatientOptions = {}): AttachedBundle {
  if (!/^Patient\/[A-Za-z0-9\-.]{1,64}$/.test(patient)) throw new TypeError(`attachToPatient: "${patient}" is not a Patient reference (Patient/<id>)`);
  const entries = incoming.entry ?? [];
  const patients = entries.filter((entry) => entry.resource?.resourceType === 'Patient');
  if (patients.length !== 1) throw new TypeError(`attachToPatient: the Bundle holds ${patients.length} Patient entries; it must hold exactly one (the person whose records these are)`);
  const excluded = new Set<string>(options.exclude ?? []);
  const patientEntry = patients[0] as BundleEntry;
  const patientNames = namesOf(patientEntry);

  const dropped = new Map<string, string>();
  for (const entry of entries) {
    const type = entry.resource?.resourceType;
    if (type !== undefined && excluded.has(type)) for (const name of namesOf(entry)) dropped.set(name, type);
  }
  const rewrite = (value: unknown): unknown => rewriteReferences(value, patientNames, patient, dropped);

  const kept: BundleEntry[] = [];
  let left = 0;
  for (const entry of entries) {
    const resource = entry.resource;
    if (entry === patientEntry || (resource && excluded.has(resource.resourceType))) {
      left++;
      continue;
    }
    let rewritten = rewrite(entry) as BundleEntry;
    if (rewritten.resource?.resourceType === 'Provenance') {
      // the chart's Patient was not written by this source: a Provenance must not claim it
      const target = rewritten.resource.target.filter((reference) => reference.reference !== patient);
      if (target.length === 0) {
        left++;
        continue;
      }
      rewritten = { ...rewritten, resource: { ...rewritten.resource, target } };
    }
    kept.push(rewritten);
  }
  const counts: Partial<Record<ResourceType, number>> = {};
  for (const entry of kept) {
    const type = entry.resource?.resourceType;
    if (type) counts[type] = (counts[type] ?? 0) + 1;
  }
  const { entry: _entries, ...shell } = incoming;
  return { bundle: { ...shell, entry: kept }, counts, left };
}

/** The names other entries may use for `entry`'s resource: its fullUrl and `Type/id`. */
function namesOf(entry: BundleEntry): string[] {
  const names: string[] = [];
  if (entry.fullUrl) {
    names.push(entry.fullUrl);
    const target = literalTarget(entry.fullUrl);
    if (target) names.push(`${target.type}/${target.id}`);
  }
  const resource = entry.resource as Resource | undefined;
  if (resource?.id) names.push(`${resource.resourceType}/${resource.id}`);
  return names;
}

function isReference(value: unknown): value is Reference {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && typeof (value as Reference).reference === 'string';
}

/** Whether `item` is, or directly carries, a reference to a dropped entry (a Provenance's `entity.what`, an Encounter's `diagnosis.condition`). */
function carriesDropped(item: unknown, dropped: ReadonlyMap<string, string>): boolean {
  if (isReference(item)) return dropped.has(item.reference ?? '');
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return false;
  return Object.values(item).some((child) => isReference(child) && dropped.has(child.reference ?? ''));
}

/** A copy of `value` with references to the patient redirected and references to dropped entries removed (in lists) or detached. */
function rewriteReferences(value: unknown, patientNames: readonly string[], patient: string, dropped: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(value)) {
    // a list element that is, or exists to carry, a reference to a dropped entry goes with it
    return value.filter((item) => !carriesDropped(item, dropped)).map((item) => rewriteReferences(item, patientNames, patient, dropped));
  }
  if (value === null || typeof value !== 'object') return value;
  if (isReference(value)) {
    if (patientNames.includes(value.reference ?? '')) return { ...value, reference: patient };
    const droppedType = dropped.get(value.reference ?? '');
    if (droppedType !== undefined) {
      // detached: still says what it pointed at, as the source wrote it
      const { reference: _reference, ...rest } = value;
      return { type: droppedType, ...rest };
    }
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const rewritten = rewriteReferences(item, patientNames, patient, dropped);
    // FHIR has no empty arrays: a list emptied of dropped references goes
    if (!(Array.isArray(rewritten) && rewritten.length === 0 && Array.isArray(item) && item.length > 0)) out[key] = rewritten;
  }
  return out;
}
