import type { Device, Meta, Organization, Provenance, ProvenanceAgent } from '@chartwell/fhir';
import type { Hl7v2Message, Hl7v2Segment } from '../message.js';
import type { BundleBuilder } from './bundle-builder.js';
import type { Hl7v2ToFhirOptions } from './context.js';
import { authoritySystem, dateTime, instant, text } from './datatypes.js';

/** The sender of a message (MSH-3 application, MSH-4 facility) and the `meta.source` naming it. */
export interface MessageSource {
  readonly meta: Meta;
  readonly facility?: { readonly name?: string; readonly system?: string };
  readonly application?: { readonly name?: string; readonly system?: string };
}

function hd(segment: Hl7v2Segment, field: number, options: Hl7v2ToFhirOptions): { name?: string; system?: string } | undefined {
  const f = segment.field(field);
  const name = text(f.component(1).value);
  const system = authoritySystem(undefined, f.component(2).value, f.component(3).value, options);
  if (name === undefined && system === undefined) return undefined;
  return { ...(name === undefined ? {} : { name }), ...(system === undefined ? {} : { system }) };
}

/**
 * Who sent the message, and the `meta.source` every converted resource gets: the sending
 * facility's (else application's) OID or URI, else a `urn:chartwell:hl7v2:` name built from
 * MSH-4 (else MSH-3), followed by `#` and the message control ID.
 */
export function messageSource(message: Hl7v2Message, options: Hl7v2ToFhirOptions): MessageSource {
  const msh = message.segment('MSH') as Hl7v2Segment;
  const facility = hd(msh, 4, options);
  const application = hd(msh, 3, options);
  const base = facility?.system ?? application?.system ?? `urn:chartwell:hl7v2:${encodeURIComponent(facility?.name ?? application?.name ?? 'unknown-sender')}`;
  const control = message.header.controlId;
  const meta: Meta = { source: control === undefined ? base : `${base}#${encodeURIComponent(control)}` };
  return { meta, ...(facility ? { facility } : {}), ...(application ? { application } : {}) };
}

const PARTICIPANT = 'http://terminology.hl7.org/CodeSystem/provenance-participant-type';

/**
 * The Provenance of the message: every converted resource as target, recorded at MSH-7 (when
 * it has a time and offset, else `now`), occurred at EVN-2 or MSH-7, the event (table 0003) as
 * activity, the sending facility (an Organization) as author and the sending application (a
 * Device) as assembler, and the message itself (control ID and type) as source entity.
 */
export function addProvenance(message: Hl7v2Message, source: MessageSource, builder: BundleBuilder, options: Hl7v2ToFhirOptions): void {
  const msh = message.segment('MSH') as Hl7v2Segment;
  const from = { index: msh.index, name: msh.name };
  const agents: ProvenanceAgent[] = [];
  let organization: string | undefined;
  if (source.facility) {
    const org: Organization = { resourceType: 'Organization', meta: source.meta, ...(source.facility.name === undefined ? {} : { name: source.facility.name }) };
    if (source.facility.system !== undefined) org.identifier = [{ system: 'urn:ietf:rfc:3986', value: source.facility.system }];
    organization = builder.add(org, from, 'find-or-create');
    agents.push({ type: { coding: [{ system: PARTICIPANT, code: 'author', display: 'Author' }] }, who: { reference: organization, ...(source.facility.name === undefined ? {} : { display: source.facility.name }) } });
  }
  if (source.application) {
    const device: Device = { resourceType: 'Device', meta: source.meta };
    if (source.application.name !== undefined) device.deviceName = [{ name: source.application.name, type: 'user-friendly-name' }];
    if (source.application.system !== undefined) device.identifier = [{ system: 'urn:ietf:rfc:3986', value: source.application.system }];
    const reference = builder.add(device, from, 'find-or-create');
    agents.push({ type: { coding: [{ system: PARTICIPANT, code: 'assembler', display: 'Assembler' }] }, who: { reference, ...(source.application.name === undefined ? {} : { display: source.application.name }) }, ...(organization === undefined ? {} : { onBehalfOf: { reference: organization } }) });
  }
  if (agents.length === 0) agents.push({ who: { display: 'Unidentified HL7 v2 sender' } });
  const { header } = message;
  const type = [header.messageType, header.triggerEvent, header.messageStructure].filter((t) => t !== undefined).join('^');
  const provenance: Provenance = {
    resourceType: 'Provenance',
    meta: source.meta,
    target: builder.entries.map((e) => ({ reference: e.fullUrl })),
    recorded: instant(header.dateTime, options) ?? (options.now ?? new Date()).toISOString(),
    agent: agents,
    entity: [{ role: 'source', what: { ...(header.controlId === undefined ? {} : { identifier: { value: header.controlId } }), display: `HL7 v2 ${type} message` } }],
  };
  const occurred = dateTime(message.segment('EVN')?.field(2).value, options) ?? dateTime(header.dateTime, options);
  if (occurred !== undefined) provenance.occurredDateTime = occurred;
  if (header.triggerEvent !== undefined) provenance.activity = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0003', code: header.triggerEvent }], text: type };
  else provenance.activity = { text: type };
  builder.add(provenance, from);
}
