import type { Bundle, BundleEntry, Identifier, Resource } from '@chartwell/fhir';
import { randomUuid } from '../platform.js';

/** One resource the converter made, with the segment it came from (for error messages). */
export interface ConvertedEntry {
  readonly fullUrl: string;
  readonly resource: Resource;
  /** 1-based index and name of the segment the resource was made from. */
  readonly segmentIndex: number;
  readonly segmentName: string;
  readonly request: NonNullable<BundleEntry['request']>;
}

/**
 * Collects converted resources as transaction entries with `urn:uuid:` fullUrls. A resource
 * with an identifier that has a system is written conditionally, so a second message about the
 * same patient, visit or practitioner finds the one already stored: `PUT Type?identifier=…`
 * (update it, or create) for `upsert`, `POST` with `ifNoneExist` (use the stored one) otherwise.
 */
export class BundleBuilder {
  readonly entries: ConvertedEntry[] = [];

  /** Adds a resource, gives the `urn:uuid:` to reference it by. */
  add(resource: Resource, from: { readonly index: number; readonly name: string }, mode: 'create' | 'upsert' | 'find-or-create' = 'create'): string {
    const fullUrl = `urn:uuid:${randomUuid()}`;
    const type = resource.resourceType;
    const key = mode === 'create' ? undefined : conditionalKey((resource as { identifier?: Identifier[] }).identifier);
    const request: ConvertedEntry['request'] =
      key === undefined ? { method: 'POST', url: type } : mode === 'upsert' ? { method: 'PUT', url: `${type}?identifier=${key}` } : { method: 'POST', url: type, ifNoneExist: `identifier=${key}` };
    this.entries.push({ fullUrl, resource, segmentIndex: from.index, segmentName: from.name, request });
    return fullUrl;
  }

  /** The resource added under `fullUrl`, to complete it from a later segment (NK1 contacts on the Patient, DG1 diagnoses on the Encounter). */
  resource(fullUrl: string): Resource | undefined {
    return this.entries.find((e) => e.fullUrl === fullUrl)?.resource;
  }

  /** The entries as a `transaction` Bundle. */
  toBundle(): Bundle {
    return {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: this.entries.map(({ fullUrl, resource, request }) => ({ fullUrl, resource, request })),
    };
  }
}

/** `system|value` of the first identifier that has both, escaped for a search URL. */
function conditionalKey(identifiers: readonly Identifier[] | undefined): string | undefined {
  const found = identifiers?.find((i) => i.system !== undefined && i.value !== undefined);
  if (!found) return undefined;
  const escape = (t: string) => t.replace(/[\\,|$]/g, (c) => `\\${c}`).replace(/[%&#+ ]/g, encodeURIComponent);
  return `${escape(found.system ?? '')}|${escape(found.value ?? '')}`;
}
