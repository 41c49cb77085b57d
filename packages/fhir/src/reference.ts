/**
 * A relative literal reference to a resource on the same server: `Patient/123`, or
 * `Observation/o1/_history/2` with a version.
 *
 * @category References
 */
export interface RelativeReference {
  readonly kind: 'relative';
  /** The resource type named in the reference, e.g. `Patient`. */
  readonly resourceType: string;
  /** The logical id, e.g. `123`. */
  readonly id: string;
  /** The version, when the reference pins one with `/_history/<vid>`. */
  readonly versionId?: string;
}

/**
 * An absolute literal reference to a resource on a named server: `https://server/fhir/Patient/123`.
 *
 * @category References
 */
export interface AbsoluteReference {
  readonly kind: 'absolute';
  /** The server base, without a trailing `/`: `https://server/fhir`. */
  readonly baseUrl: string;
  /** The resource type named in the reference, e.g. `Patient`. */
  readonly resourceType: string;
  /** The logical id, e.g. `123`. */
  readonly id: string;
  /** The version, when the reference pins one with `/_history/<vid>`. */
  readonly versionId?: string;
}

/**
 * A reference to a resource contained in the same resource: `#med1` has `id` `'med1'`, to be looked
 * up in the container's `contained`. A bare `#` (a contained resource pointing back at the resource
 * that contains it) has `id` `''`: no contained resource can match it, since an id is never empty.
 *
 * @category References
 */
export interface ContainedReference {
  readonly kind: 'contained';
  /** The id of the contained resource, or `''` for the container itself. */
  readonly id: string;
}

/**
 * A `urn:uuid:` or `urn:oid:` reference, which names a resource by the `fullUrl` of a Bundle entry
 * (typically in a transaction Bundle before the server assigns ids).
 *
 * @category References
 */
export interface UrnReference {
  readonly kind: 'urn';
  /** `'uuid'` for `urn:uuid:…`, `'oid'` for `urn:oid:…`. */
  readonly namespace: 'uuid' | 'oid';
  /** What follows `urn:uuid:` or `urn:oid:`: `61ebe359-bfdc-4613-8bf2-c5e300945f0a`, `1.2.36.146.595.217.0.1`. */
  readonly value: string;
}

/**
 * A literal FHIR reference taken apart, told apart by its `kind`.
 *
 * @category References
 */
export type ParsedReference = RelativeReference | AbsoluteReference | ContainedReference | UrnReference;

/**
 * A reference to a resource given without a `kind`: relative, or absolute when it has a `baseUrl`.
 * The shape {@link formatReference} took before references had kinds, still accepted so that
 * `formatReference({ resourceType, id })` keeps working.
 *
 * @category References
 */
export interface ResourceReferenceParts {
  readonly kind?: undefined;
  readonly resourceType: string;
  readonly id: string;
  readonly versionId?: string;
  readonly baseUrl?: string;
}

// FHIR R4 §2.24.0.1 `id`: 1–64 characters from [A-Za-z0-9-.]; §2.3.0.2 Reference.reference: a
// resource type, then an id, optionally `/_history/` and a version id of the same form.
const ID = /^[A-Za-z0-9\-.]{1,64}$/;
const RESOURCE_TYPE = /^[A-Z][A-Za-z]+$/;
// An http(s) service base: a host, then path segments, none empty (so no trailing `/`), and no
// query, fragment or whitespace.
const BASE_URL = /^https?:\/\/[^\s/?#]+(?:\/[^\s/?#]+)*$/;
// FHIR R4 §2.24.0.1 `uuid` and `oid`.
const URN_UUID = /^urn:uuid:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
const URN_OID = /^urn:oid:([0-2](?:\.(?:0|[1-9][0-9]*))+)$/;

/**
 * Takes a literal reference apart. Gives `undefined` for anything malformed: a resource type not
 * of the form `[A-Z][A-Za-z]+`, an id outside `[A-Za-z0-9-.]{1,64}`, a base that is not http(s),
 * an empty path segment in the base, an upper-case uuid (FHIR requires lower case), whitespace
 * anywhere.
 *
 * - `Patient/123`, `Patient/123/_history/2`: `kind: 'relative'`
 * - `https://server/fhir/Patient/123[/_history/2]`: `kind: 'absolute'`, with `baseUrl`
 * - `#med1`, and `#` for the container itself: `kind: 'contained'`
 * - `urn:uuid:<uuid>`, `urn:oid:<oid>`: `kind: 'urn'`
 *
 * @example
 * parseReference('Patient/123/_history/2');
 * // { kind: 'relative', resourceType: 'Patient', id: '123', versionId: '2' }
 *
 * @category References
 */
export function parseReference(reference: string): ParsedReference | undefined {
  if (typeof reference !== 'string') return undefined;
  if (reference.startsWith('#')) {
    const id = reference.slice(1);
    return id === '' || ID.test(id) ? { kind: 'contained', id } : undefined;
  }
  if (reference.startsWith('urn:')) {
    const uuid = URN_UUID.exec(reference)?.[1];
    if (uuid !== undefined) return { kind: 'urn', namespace: 'uuid', value: uuid };
    const oid = URN_OID.exec(reference)?.[1];
    return oid === undefined ? undefined : { kind: 'urn', namespace: 'oid', value: oid };
  }
  return parseResourceReference(reference);
}

/**
 * `[base/]Type/id[/_history/vid]`, read from the end by splitting on `/` (a regular expression
 * with an open-ended base backtracks badly on long input).
 */
function parseResourceReference(reference: string): RelativeReference | AbsoluteReference | undefined {
  const segments = reference.split('/');
  const versioned = segments.length >= 4 && segments[segments.length - 2] === '_history';
  const versionId = versioned ? segments[segments.length - 1] : undefined;
  const rest = versioned ? segments.slice(0, -2) : segments;
  const id = rest[rest.length - 1];
  const resourceType = rest[rest.length - 2];
  if (resourceType === undefined || id === undefined || !RESOURCE_TYPE.test(resourceType) || !ID.test(id)) {
    return undefined;
  }
  if (versionId !== undefined && !ID.test(versionId)) return undefined;
  const version = versionId === undefined ? {} : { versionId };
  if (rest.length === 2) return { kind: 'relative', resourceType, id, ...version };
  const baseUrl = rest.slice(0, -2).join('/');
  if (!BASE_URL.test(baseUrl)) return undefined;
  return { kind: 'absolute', baseUrl, resourceType, id, ...version };
}

/**
 * Writes a reference back as a string: the inverse of {@link parseReference} for every kind, so
 * `formatReference(parseReference(s)!) === s` for every `s` it accepts. It does not validate:
 * give it what `parseReference` returned, or a resource type and id you already trust. Also takes
 * a kind-less `{ resourceType, id, versionId?, baseUrl? }`.
 *
 * @example
 * formatReference({ kind: 'contained', id: 'med1' }); // '#med1'
 * formatReference({ resourceType: 'Patient', id: '123' }); // 'Patient/123'
 *
 * @category References
 */
export function formatReference(reference: ParsedReference | ResourceReferenceParts): string {
  switch (reference.kind) {
    case 'contained':
      return `#${reference.id}`;
    case 'urn':
      return `urn:${reference.namespace}:${reference.value}`;
    default: {
      const relative = `${reference.resourceType}/${reference.id}`;
      const versioned =
        reference.versionId === undefined ? relative : `${relative}/_history/${reference.versionId}`;
      const baseUrl = reference.kind === 'relative' ? undefined : reference.baseUrl;
      return baseUrl === undefined ? versioned : `${baseUrl}/${versioned}`;
    }
  }
}
