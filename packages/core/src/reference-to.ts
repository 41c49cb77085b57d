import { formatReference } from '@chartwell/fhir';

/** The least a resource needs to be referred to: its type and, once stored, its id. */
export interface Identifiable {
  readonly resourceType: string;
  readonly id?: string | undefined;
}

/**
 * The relative reference string for a stored resource (`Patient/123`), or `undefined` when the
 * resource has no id yet (it has not been stored, so nothing can point at it).
 */
export function referenceTo(resource: Identifiable): string | undefined {
  if (!resource.id) return undefined;
  return formatReference({ resourceType: resource.resourceType, id: resource.id });
}
