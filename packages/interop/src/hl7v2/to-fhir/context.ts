import type { Meta } from '@chartwell/fhir';
import type { Hl7v2Message, Hl7v2Segment } from '../message.js';
import type { BundleBuilder } from './bundle-builder.js';
import type { DatatypeOptions } from './datatypes.js';

/** Options of {@link hl7v2ToFhir}. */
export interface Hl7v2ToFhirOptions extends DatatypeOptions {
  /** Provenance.recorded when MSH-7 has no time with an offset; default now. */
  readonly now?: Date;
}

/** What every segment converter needs: the message, the options, where to put resources and what to reference. */
export interface ConversionContext {
  readonly message: Hl7v2Message;
  readonly options: Hl7v2ToFhirOptions;
  readonly builder: BundleBuilder;
  /** `meta` for every converted resource: where it came from. */
  readonly meta: Meta;
  patient?: string;
  encounter?: string;
}

/** The `{ index, name }` of a segment, which the builder keeps for error messages. */
export function origin(segment: Hl7v2Segment): { readonly index: number; readonly name: string } {
  return { index: segment.index, name: segment.name };
}
