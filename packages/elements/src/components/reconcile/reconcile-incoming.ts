import type { Bundle, Organization, Provenance, Reference, Resource } from '@chartwell/fhir';

/** What `<cw-reconcile>` takes as incoming records: an array of resources, or a Bundle of them (the output of `hl7v2ToFhir` or `ccdaToFhir`). */
export type ReconcileIncoming = readonly Resource[] | Bundle;

/** Where one incoming record came from, as the incoming records themselves say. */
export interface IncomingRecordSource {
  /** The organisation's name, from the Provenance that targets the record. */
  readonly organization?: string;
  /** The record's `meta.source` (the sending system), when it has one. */
  readonly system?: string;
  /** `meta.lastUpdated`, else the Provenance's `recorded`, else the Bundle's `timestamp`, as recorded. */
  readonly lastUpdated?: string;
}

/** The incoming records in the order `reconcile()` sees them, and what the set says of its source. */
export interface IncomingRecords {
  readonly resources: readonly Resource[];
  /** The source of `resources[i]`. */
  readonly sources: readonly IncomingRecordSource[];
  /** The organisation most records name (else any named), for the written Provenance. */
  readonly organization?: string;
  /** A `meta.source` of the records, for records that have none. */
  readonly system?: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** `Type/id` from any form of reference (relative, versioned, absolute), or undefined. */
function typeIdOf(reference: string): string | undefined {
  const match = /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(reference);
  return match ? `${match[1] ?? ''}/${match[2] ?? ''}` : undefined;
}

/**
 * The records of `incoming` (a Bundle's entries, or the array), each with its source: the
 * organisation named by a Provenance among them that targets it (by `fullUrl`, `urn:uuid:`, or
 * `Type/id`), its `meta.source`, and when it was last updated. Never throws: anything that is not
 * a resource is left out.
 */
export function readIncoming(incoming: ReconcileIncoming | undefined): IncomingRecords {
  const entries: { resource: Resource; fullUrl?: string }[] = [];
  let timestamp: string | undefined;
  if (Array.isArray(incoming)) {
    for (const resource of incoming as readonly unknown[]) if (isObject(resource) && typeof resource.resourceType === 'string') entries.push({ resource: resource as unknown as Resource });
  } else if (isObject(incoming) && incoming.resourceType === 'Bundle') {
    timestamp = text(incoming.timestamp);
    for (const entry of Array.isArray(incoming.entry) ? incoming.entry : []) {
      const resource: unknown = isObject(entry) ? entry.resource : undefined;
      if (!isObject(resource) || typeof resource.resourceType !== 'string') continue;
      const fullUrl = text(entry.fullUrl);
      entries.push({ resource: resource as unknown as Resource, ...(fullUrl !== undefined && { fullUrl }) });
    }
  }
  // every way a record can be referred to inside the set
  const byReference = new Map<string, Resource>();
  for (const { resource, fullUrl } of entries) {
    if (fullUrl !== undefined) byReference.set(fullUrl, resource);
    if (typeof resource.id === 'string') byReference.set(`${resource.resourceType}/${resource.id}`, resource);
  }
  const keyOf = (reference: unknown): string | undefined => {
    const value = text(reference);
    if (value === undefined) return undefined;
    return byReference.has(value) ? value : typeIdOf(value);
  };
  const provenanceOf = new Map<string, Provenance>();
  for (const { resource } of entries) {
    if (resource.resourceType !== 'Provenance') continue;
    for (const target of Array.isArray(resource.target) ? resource.target : []) {
      const key = keyOf(target?.reference);
      if (key !== undefined) provenanceOf.set(key, resource);
    }
  }
  const organizationName = (who: Reference | undefined): string | undefined => {
    if (!isObject(who)) return undefined;
    const key = keyOf(who.reference);
    const referenced = key !== undefined ? byReference.get(key) : undefined;
    const named = referenced?.resourceType === 'Organization' ? text((referenced as Organization).name) : undefined;
    const isOrganization = referenced?.resourceType === 'Organization' || key?.startsWith('Organization/') === true;
    return isOrganization ? (text(who.display) ?? named) : undefined;
  };
  const provenanceOrganization = (provenance: Provenance | undefined): string | undefined => {
    const agents = Array.isArray(provenance?.agent) ? provenance.agent : [];
    for (const agent of agents) {
      const name = organizationName(agent?.who) ?? organizationName(agent?.onBehalfOf);
      if (name !== undefined) return name;
    }
    // a Provenance naming its source only by display (an unidentified sender)
    return agents.map((agent) => text(agent?.who?.display)).find((name) => name !== undefined);
  };
  const counts = new Map<string, number>();
  let system: string | undefined;
  const sources = entries.map(({ resource, fullUrl }): IncomingRecordSource => {
    const provenance = (fullUrl !== undefined ? provenanceOf.get(fullUrl) : undefined) ?? (typeof resource.id === 'string' ? provenanceOf.get(`${resource.resourceType}/${resource.id}`) : undefined);
    const organization = provenanceOrganization(provenance);
    const meta = isObject(resource.meta) ? resource.meta : undefined;
    const metaSource = text(meta?.source);
    const lastUpdated = text(meta?.lastUpdated) ?? text(provenance?.recorded) ?? timestamp;
    if (organization !== undefined) counts.set(organization, (counts.get(organization) ?? 0) + 1);
    system ??= metaSource;
    return { ...(organization !== undefined && { organization }), ...(metaSource !== undefined && { system: metaSource }), ...(lastUpdated !== undefined && { lastUpdated }) };
  });
  const organization = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  return { resources: entries.map((entry) => entry.resource), sources, ...(organization !== undefined && { organization }), ...(system !== undefined && { system }) };
}
