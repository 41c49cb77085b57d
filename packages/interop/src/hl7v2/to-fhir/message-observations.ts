import type { Immunization, Observation } from '@chartwell/fhir';
import type { Hl7v2Message } from '../message.js';
import type { ConversionContext } from './context.js';
import { text } from './datatypes.js';
import { applyImmunizationDetail, finishImmunizationDetails } from './immunization-details.js';
import { observationFromObx } from './observation.js';

/** How {@link observationsOfMessage} treats the OBX of one message type. */
export interface MessageObservationOptions {
  /** VXU: the Immunization made from each RXA (by segment index); an OBX after an RXA becomes `partOf` it and fills in its details. */
  readonly immunizationsByRxa?: ReadonlyMap<number, string>;
  /** OBX value types that are not observations here (MDM: TX, FT, ST and ED are the document's content). */
  readonly skipValueTypes?: ReadonlySet<string>;
}

/**
 * The OBX of a message that is not a result report (VXU, DFT, MDM) as Observations of the patient
 * and visit, each with the NTE notes after it. In a VXU, an OBX after an RXA is `partOf` that
 * Immunization (as FHIR-Converter does), and funding, eligibility and VIS OBX also fill in the
 * Immunization; an OBX before any RXA is about the patient.
 */
export function observationsOfMessage(message: Hl7v2Message, context: ConversionContext, options: MessageObservationOptions = {}): void {
  let immunization: string | undefined;
  let pending: { obx: (typeof message.segments)[number]; notes: string[]; partOf: string | undefined } | undefined;
  const touched = new Set<Immunization>();
  const flush = () => {
    if (!pending) return;
    const { obx, notes, partOf } = pending;
    pending = undefined;
    const reference = observationFromObx(obx, { notes }, context);
    if (reference === undefined || partOf === undefined) return;
    const observation = context.builder.resource(reference) as Observation | undefined;
    if (observation) observation.partOf = [{ reference: partOf }];
    const target = context.builder.resource(partOf) as Immunization | undefined;
    if (target) {
      applyImmunizationDetail(target, obx, context);
      touched.add(target);
    }
  };
  for (const segment of message.segments) {
    if (segment.name === 'ORC') {
      flush();
      immunization = undefined;
    } else if (segment.name === 'RXA') {
      flush();
      immunization = options.immunizationsByRxa?.get(segment.index);
    } else if (segment.name === 'OBX') {
      flush();
      if (!options.skipValueTypes?.has(text(segment.field(2).value)?.toUpperCase() ?? '')) pending = { obx: segment, notes: [], partOf: immunization };
    } else if (segment.name === 'NTE') {
      const note = segment.field(3).repetitions.map((r) => r.value ?? '').join('\n').trim();
      if (pending && note !== '') pending.notes.push(note);
    } else if (segment.name !== 'PRT') flush();
  }
  flush();
  for (const target of touched) finishImmunizationDetails(target);
}
