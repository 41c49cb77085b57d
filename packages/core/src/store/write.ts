import { validate, type Resource } from '@chartwell/fhir';
import { InvalidError } from './errors.js';
import type { ChartChange } from './chart-store.js';

/** The version number in an `ifMatch` (`'3'` or the ETag form `W/"3"`); InvalidError if it is neither. */
export function parseIfMatch(ifMatch: string): string {
  const match = /^(?:W\/)?"?([A-Za-z0-9\-.]{1,64})"?$/.exec(ifMatch.trim());
  if (!match) throw new InvalidError({}, `ifMatch must be a version id such as '3' or W/"3", not "${ifMatch}"`);
  return match[1] ?? '';
}

/**
 * Validates a resource about to be written; InvalidError (with every issue and the first one's
 * path in the message) if it is not valid FHIR R4. Stores call this before writing anything.
 */
export function validateForWrite<R extends Resource>(resource: R): R {
  const result = validate(resource);
  if (!result.valid) {
    const { resourceType, id } = resource as { resourceType?: unknown; id?: unknown };
    throw new InvalidError({
      ...(typeof resourceType === 'string' && { resourceType }),
      ...(typeof id === 'string' && { id }),
      issues: result.issues,
    });
  }
  return resource;
}

/** A copy of `resource` with the id, version and time the store gives it (the input is not changed). */
export function stampResource<R extends Resource>(resource: R, stamp: { readonly id: string; readonly versionId: string; readonly lastUpdated: string }): R {
  const copy = JSON.parse(JSON.stringify(resource)) as R & { id: string; meta?: Record<string, unknown> };
  copy.id = stamp.id;
  copy.meta = { ...(copy.meta ?? {}), versionId: stamp.versionId, lastUpdated: stamp.lastUpdated };
  return copy;
}

const PATIENT_KEYS = ['patient', 'subject', 'beneficiary', 'for', 'individual', 'candidate'] as const;

/**
 * The patient a resource belongs to, as `Patient/<id>`: the Patient itself, or the first of its
 * `patient`, `subject`, `beneficiary`, `for`, `individual` or `candidate` references that points
 * at a Patient (in a list of references too, as Account.subject is). Undefined for resources that
 * belong to no patient (Practitioner, Organization).
 */
export function patientOf(resource: Resource): string | undefined {
  if (resource.resourceType === 'Patient') return resource.id ? `Patient/${resource.id}` : undefined;
  const record = resource as unknown as Record<string, unknown>;
  for (const key of PATIENT_KEYS) {
    // most are one Reference; Account.subject and a few others are a list of them
    const value = record[key];
    for (const candidate of Array.isArray(value) ? value : [value]) {
      const reference = (candidate as { reference?: unknown } | undefined)?.reference;
      if (typeof reference === 'string' && reference.startsWith('Patient/')) return reference.replace(/\/_history\/.*$/, '');
    }
  }
  return undefined;
}

/** Whether a watcher with `filter` hears `change`. */
export function watchMatches(filter: { readonly resourceType?: string | readonly string[]; readonly patient?: string }, change: ChartChange): boolean {
  if (filter.resourceType !== undefined) {
    const types = typeof filter.resourceType === 'string' ? [filter.resourceType] : filter.resourceType;
    if (!types.includes(change.resourceType)) return false;
  }
  if (filter.patient !== undefined) {
    const own = change.resourceType === 'Patient' ? `Patient/${change.id}` : change.patient;
    if (own !== filter.patient) return false;
  }
  return true;
}
