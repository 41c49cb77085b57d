import type { Reference, Resource } from '@chartwell/fhir';
import type { NarrativeLookup } from './data-types.js';

/** A resource made from the document, with the `urn:uuid:` it goes by in the Bundle. */
export interface ConvertedResource {
  readonly fullUrl: string;
  readonly resource: Resource;
}

/** What every entry converter needs: the patient, the section's narrative, and a place to put resources. */
export class ConversionContext {
  readonly resources: ConvertedResource[] = [];
  /** `meta.source` of every resource: the document's identity as a URI. */
  readonly source: string | undefined;
  patient: Reference = {};
  /** Resources the document names more than once (performers, locations), by a key of their identity: each is added once. */
  readonly once = new Map<string, Reference>();
  /** The narrative of the section being converted, by element ID. */
  narrative: NarrativeLookup = () => undefined;

  constructor(
    private readonly newId: () => string,
    source: string | undefined,
  ) {
    this.source = source;
  }

  /** Adds a resource (with `meta.source`) and returns a reference to it. */
  add<T extends Resource>(resource: T): Reference {
    const id = this.newId();
    const fullUrl = `urn:uuid:${id}`;
    const withMeta = { ...resource, id, ...(this.source && { meta: { source: this.source } }) } as T;
    this.resources.push({ fullUrl, resource: withMeta });
    return { reference: fullUrl };
  }
}
