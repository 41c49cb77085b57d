// Shared by the Node and the browser fixtures: a Bundle's resources as an import stores them.
import type { Resource } from '@chartwell/fhir';

/** A Bundle (as Synthea writes them) whose entries each have a fullUrl and a resource with an id. */
export interface FixtureBundle {
  readonly entry: readonly { readonly fullUrl: string; readonly resource: Resource }[];
}

/** The Bundle's resources, copied, with references to an entry's `fullUrl` (`urn:uuid:…`) made `Type/id` (as an import does). */
export function bundleResources(bundle: FixtureBundle): Resource[] {
  const byUrl = new Map(bundle.entry.map((e) => [e.fullUrl, `${e.resource.resourceType}/${e.resource.id}`]));
  return bundle.entry.map(
    (e) => JSON.parse(JSON.stringify(e.resource), (key: string, value: unknown) => (key === 'reference' && typeof value === 'string' ? (byUrl.get(value) ?? value) : value)) as Resource,
  );
}
