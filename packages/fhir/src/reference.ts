/**
 * A literal FHIR reference taken apart: `Patient/123`, `Observation/o1/_history/2`,
 * or an absolute `https://server/fhir/Patient/123`.
 */
export interface ParsedReference {
  /** The resource type named in the reference, e.g. `Patient`. */
  readonly resourceType: string;
  /** The logical id, e.g. `123`. */
  readonly id: string;
  /** The version, when the reference pins one with `/_history/<vid>`. */
  readonly versionId?: string;
  /** The server base, for an absolute reference (`https://server/fhir`); absent for a relative one. */
  readonly baseUrl?: string;
}

// FHIR R4 §2.3.0.1 (id) and §2.3.0.2 (Reference.reference): a resource type, then an id of
// 1–64 characters from [A-Za-z0-9-.], optionally `/_history/` and a version id of the same form.
const ID = '[A-Za-z0-9\\-.]{1,64}';
const LITERAL = new RegExp(`^(?:(https?://[^\\s?#]*?)/)?([A-Z][A-Za-z]+)/(${ID})(?:/_history/(${ID}))?$`);

/**
 * Takes a literal reference apart. Contained references (`#id`), `urn:uuid:` and `urn:oid:`
 * references, and anything malformed give `undefined`: they do not name a resource on a server.
 *
 * @example
 * parseReference('Patient/123/_history/2'); // { resourceType: 'Patient', id: '123', versionId: '2' }
 */
export function parseReference(reference: string): ParsedReference | undefined {
  const match = LITERAL.exec(reference);
  if (!match) return undefined;
  const [, baseUrl, resourceType, id, versionId] = match;
  if (resourceType === undefined || id === undefined) return undefined;
  return {
    resourceType,
    id,
    ...(versionId !== undefined && { versionId }),
    ...(baseUrl !== undefined && { baseUrl }),
  };
}

/** Writes a parsed reference back as a string: the inverse of {@link parseReference}. */
export function formatReference(reference: ParsedReference): string {
  const relative = `${reference.resourceType}/${reference.id}`;
  const versioned = reference.versionId === undefined ? relative : `${relative}/_history/${reference.versionId}`;
  return reference.baseUrl === undefined ? versioned : `${reference.baseUrl}/${versioned}`;
}
