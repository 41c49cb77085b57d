const RESOURCE_TYPE = /^[A-Z][A-Za-z]+$/;
const ID = /^[A-Za-z0-9\-.]{1,64}$/;

/**
 * The REST URL of a resource type (`[base]/Patient`) or of one resource (`[base]/Patient/123`)
 * on a FHIR server. A trailing slash on the base is ignored.
 *
 * @throws {TypeError} when the base is not an absolute http(s) URL, or the type or id is not
 * valid FHIR; the message names the bad value.
 */
export function resourceUrl(baseUrl: string, resourceType: string, id?: string): string {
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch {
    throw new TypeError(`FHIR base URL is not an absolute URL: "${baseUrl}"`);
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    throw new TypeError(`FHIR base URL must use http or https, not "${base.protocol}"`);
  }
  if (base.search || base.hash) {
    throw new TypeError(`FHIR base URL must not have a query or fragment: "${baseUrl}"`);
  }
  if (!RESOURCE_TYPE.test(resourceType)) {
    throw new TypeError(`Not a FHIR resource type: "${resourceType}"`);
  }
  if (id !== undefined && !ID.test(id)) {
    throw new TypeError(`Not a FHIR id (1-64 of A-Z a-z 0-9 - .): "${id}"`);
  }
  const root = base.href.replace(/\/+$/, '');
  return id === undefined ? `${root}/${resourceType}` : `${root}/${resourceType}/${id}`;
}
