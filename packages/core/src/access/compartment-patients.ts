import type { Resource } from '@chartwell/fhir';
import { patientOf } from '../store/write.js';

const asPatient = (reference: unknown): string | undefined =>
  typeof reference === 'string' && reference.startsWith('Patient/') ? reference.replace(/\/_history\/.*$/, '') : undefined;

/**
 * The patients whose records `resource` is part of, as `Patient/<id>`: the one {@link patientOf}
 * finds, plus the Patient participants of an Appointment, the actor of an AppointmentResponse and
 * the actors of a Schedule. Empty for resources that belong to no patient.
 */
export function compartmentPatientsOf(resource: Resource): string[] {
  const found = new Set<string>();
  const own = patientOf(resource);
  if (own !== undefined) found.add(own);
  const add = (reference: unknown) => {
    const patient = asPatient(reference);
    if (patient !== undefined) found.add(patient);
  };
  if (resource.resourceType === 'Appointment') for (const participant of resource.participant ?? []) add(participant.actor?.reference);
  if (resource.resourceType === 'AppointmentResponse') add(resource.actor?.reference);
  if (resource.resourceType === 'Schedule') for (const actor of resource.actor ?? []) add(actor.reference);
  return [...found];
}

/** `123` or `Patient/123` as `Patient/123`. */
export function patientReference(patient: string): string {
  return patient.startsWith('Patient/') ? patient : `Patient/${patient}`;
}
