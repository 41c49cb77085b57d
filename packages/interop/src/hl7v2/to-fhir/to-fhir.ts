import type { Bundle, Encounter } from '@chartwell/fhir';
import { validate, type ValidationIssue } from '@chartwell/fhir';
import { Hl7v2Error } from '../hl7v2-error.js';
import type { Hl7v2Message, Hl7v2Segment } from '../message.js';
import { parseHl7v2 } from '../parse.js';
import { BundleBuilder } from './bundle-builder.js';
import type { ConversionContext, Hl7v2ToFhirOptions } from './context.js';
import { dateTime, text } from './datatypes.js';
import { diagnosticReportFromObr, type ReportGroup } from './diagnostic-report.js';
import { encounterFromPv1 } from './encounter.js';
import { observationFromObx } from './observation.js';
import { patientFromPid } from './patient.js';
import { convertPatientSegments } from './patient-segments.js';
import { observationsOfMessage } from './message-observations.js';
import { addProvenance, messageSource } from './provenance.js';
import { appointmentFromSiu } from './appointment.js';
import { chargeItemFromFt1 } from './charge-item.js';
import { documentReferenceFromMdm } from './document-reference.js';
import { immunizationFromRxa } from './immunization.js';
import { medicationRequestFromRxe } from './medication-request.js';
import { medicationRequestFromRxo } from './medication-request-from-rxo.js';

/** The message types and events {@link hl7v2ToFhir} converts. */
export const HL7V2_TO_FHIR_SUPPORTED: Readonly<Record<string, readonly string[]>> = {
  ADT: ['A01', 'A03', 'A04', 'A08', 'A28', 'A31'],
  ORU: ['R01'],
  SIU: ['S12', 'S13', 'S14', 'S15'],
  VXU: ['V04'],
  RDE: ['O11'],
  OMP: ['O09'],
  DFT: ['P03'],
  MDM: ['T01', 'T02', 'T03', 'T04', 'T05', 'T06', 'T07', 'T08', 'T09', 'T10', 'T11'],
};

// MDM OBX value types that are the document's content, not observations
const DOCUMENT_CONTENT = new Set(['TX', 'FT', 'ST', 'ED']);

const ENCOUNTER_STATUS: Readonly<Record<string, Encounter['status']>> = { A01: 'in-progress', A04: 'arrived', A03: 'finished' };

/**
 * Converts an HL7 v2 message to a FHIR R4 `transaction` Bundle that `importBundle` (from
 * `@chartwell/core`) can store. Resources reference each other by `urn:uuid:` fullUrls; a
 * Provenance names the sending facility and application, the time and the message; every
 * resource has `meta.source`. Patients, visits, practitioners and reports with a system on
 * their identifier are written conditionally, so later messages update them.
 *
 * - ADT A01, A03, A04, A08: Patient (PID, with NK1 as contacts) and Encounter (PV1/PV2, with
 *   Practitioners and Locations), AllergyIntolerance (AL1), encounter-diagnosis Conditions (DG1),
 *   Procedures (PR1), Coverage with the payer (IN1), Account with guarantors (GT1), Observations
 *   (OBX); A28, A31 (person information): the same without Encounter, DG1 and PR1.
 * - ORU^R01: Patient, Encounter (PV1 if any), one DiagnosticReport per OBR and an Observation
 *   per OBX (NTE as notes, ED values as the report's presented form).
 * - SIU S12–S15: Appointment; VXU^V04: an Immunization per RXA, its OBX as Observations
 *   `partOf` it (funding, eligibility and VIS also on the Immunization); RDE^O11: a
 *   MedicationRequest per RXE; OMP^O09: a MedicationRequest per RXO (both with the patient's
 *   AL1, IN1, GT1 and NK1 as for ADT); DFT^P03: a ChargeItem per
 *   FT1, Observations (OBX) and the DG1, PR1, IN1, GT1 as for ADT; MDM T01–T11:
 *   DocumentReference, and Observations for the OBX that are not its content (not TX, FT, ST,
 *   ED). Each with the Patient, and the Encounter when PV1 names a visit.
 *
 * Throws an {@link Hl7v2Error}, and gives nothing, for a malformed message (see `parseHl7v2`),
 * an unsupported type or event, a missing PID, a missing required field (OBX-3, OBR-4), or a
 * converted resource that does not validate (naming the segment it came from).
 *
 * @example
 * import { importBundle } from '@chartwell/core';
 * const bundle = hl7v2ToFhir(text);
 * await importBundle(store, bundle);
 */
export function hl7v2ToFhir(input: string | Hl7v2Message, options: Hl7v2ToFhirOptions = {}): Bundle {
  const message = typeof input === 'string' ? parseHl7v2(input) : input;
  const { messageType, triggerEvent } = message.header;
  const event = triggerEvent ?? '';
  if (!HL7V2_TO_FHIR_SUPPORTED[messageType]?.includes(event)) {
    const supported = Object.entries(HL7V2_TO_FHIR_SUPPORTED).flatMap(([type, events]) => events.map((e) => `${type}^${e}`));
    throw new Hl7v2Error('unsupported-message', `HL7 v2 segment 1 (MSH), field MSH-9: ${messageType}^${event} is not converted to FHIR (supported: ${supported.join(', ')})`, 1, 'MSH-9');
  }
  const builder = new BundleBuilder();
  const source = messageSource(message, options);
  const context: ConversionContext = { message, options, builder, meta: source.meta };
  const pid = message.segment('PID');
  if (!pid) throw new Hl7v2Error('missing-field', `HL7 v2 ${messageType}^${event} message has no PID segment`, undefined, 'PID');
  if (messageType === 'ADT') convertAdt(message, pid, event, context);
  else if (messageType === 'ORU') convertOru(message, context);
  else convertOrder(message, pid, event, context);
  addProvenance(message, source, builder, options);
  for (const entry of builder.entries) {
    const result = validate(entry.resource);
    if (!result.valid) {
      const issue = result.issues.find((i: ValidationIssue) => i.severity === 'error');
      throw new Hl7v2Error(
        'invalid-output',
        // the path and issue code, not the validator's message, which may quote a value
        `HL7 v2 segment ${entry.segmentIndex} (${entry.segmentName}): the ${entry.resource.resourceType} made from it is not valid FHIR: ${issue?.code ?? 'invalid'} at ${issue?.path ?? entry.resource.resourceType}`,
        entry.segmentIndex,
        entry.segmentName,
      );
    }
  }
  return builder.toBundle();
}

function convertAdt(message: Hl7v2Message, pid: Hl7v2Segment, event: string, context: ConversionContext): void {
  context.patient = patientFromPid(pid, context, 'upsert');
  const personOnly = event === 'A28' || event === 'A31';
  const pv1 = personOnly ? undefined : message.segment('PV1');
  if (pv1) {
    const status = ENCOUNTER_STATUS[event] ?? (text(pv1.field(45).value) !== undefined ? 'finished' : 'in-progress');
    const encounter = encounterFromPv1(pv1, message.segment('PV2'), status, context);
    if (encounter !== undefined) context.encounter = encounter;
  }
  convertPatientSegments(message, context, { visitSegments: !personOnly });
  observationsOfMessage(message, context);
}

/** ORU^R01: PID [PV1] then order groups, each [ORC] OBR [NTE…] {OBX [PRT…] [NTE…]}; other segments (SPM, PRT, TQ1, …) are not converted, nor NTEs of an OBR or SPM. */
function convertOru(message: Hl7v2Message, context: ConversionContext): void {
  const groups: ReportGroup[] = [];
  let orc: Hl7v2Segment | undefined;
  let group: ReportGroup | undefined;
  // an OBX waits for its NTEs before it becomes an Observation
  let pending: { obx: Hl7v2Segment; notes: string[]; group: ReportGroup | undefined } | undefined;
  const flush = () => {
    if (!pending) return;
    const { obx, notes, group: owner } = pending;
    pending = undefined;
    const defaultEffective = owner ? dateTime(owner.obr.field(7).value, context.options) : undefined;
    const reference = observationFromObx(obx, { notes, defaultEffective, onDocument: (a) => owner?.documents.push(a) }, context);
    if (reference !== undefined) owner?.results.push(reference);
  };
  for (const segment of message.segments) {
    switch (segment.name) {
      case 'PID':
        if (context.patient === undefined) context.patient = patientFromPid(segment, context, 'find-or-create');
        break;
      case 'PV1': {
        const encounter = context.encounter === undefined ? encounterFromPv1(segment, undefined, text(segment.field(45).value) !== undefined ? 'finished' : 'unknown', context) : undefined;
        if (encounter !== undefined) context.encounter = encounter;
        break;
      }
      case 'ORC':
        flush();
        orc = segment;
        break;
      case 'OBR':
        flush();
        group = { obr: segment, orc, results: [], documents: [] };
        orc = undefined;
        groups.push(group);
        break;
      case 'OBX':
        flush();
        pending = { obx: segment, notes: [], group };
        break;
      case 'NTE': {
        const note = segment.field(3).repetitions.map((r) => r.value ?? '').join('\n').trim();
        if (pending && note !== '') pending.notes.push(note);
        break;
      }
      case 'SPM':
        // specimens are not converted; an NTE after one is the specimen's
        flush();
        break;
      default:
      // PRT, TQ1, CTD, …: part of the OBX or OBR before them, not converted
    }
  }
  flush();
  for (const g of groups) diagnosticReportFromObr(g, context);
}

/** SIU, VXU, RDE, OMP, DFT, MDM: the patient and visit, then the message's own resources. */
function convertOrder(message: Hl7v2Message, pid: Hl7v2Segment, event: string, context: ConversionContext): void {
  context.patient = patientFromPid(pid, context, 'find-or-create');
  const pv1 = message.segment('PV1');
  if (pv1) {
    const encounter = encounterFromPv1(pv1, message.segment('PV2'), text(pv1.field(45).value) !== undefined ? 'finished' : 'unknown', context);
    if (encounter !== undefined) context.encounter = encounter;
  }
  switch (message.header.messageType) {
    case 'SIU':
      if (appointmentFromSiu(message, event, context) === undefined) throw new Hl7v2Error('missing-field', 'HL7 v2 SIU message has no SCH segment', undefined, 'SCH');
      return;
    case 'VXU': {
      convertPatientSegments(message, context, { visitSegments: false });
      const immunizationsByRxa = new Map(orderGroups(message, 'RXA').map((group) => [group.main.index, immunizationFromRxa(group.main, group.orc, group.rxr, context)] as const));
      observationsOfMessage(message, context, { immunizationsByRxa });
      return;
    }
    case 'RDE':
      convertPatientSegments(message, context, { visitSegments: false });
      for (const group of orderGroups(message, 'RXE')) medicationRequestFromRxe(group.main, group.orc, group.rxr, context);
      return;
    case 'OMP':
      convertPatientSegments(message, context, { visitSegments: false });
      for (const group of orderGroups(message, 'RXO')) medicationRequestFromRxo(group.main, group.orc, group.rxr, context);
      return;
    case 'DFT':
      convertPatientSegments(message, context, { visitSegments: true });
      for (const ft1 of message.segmentsNamed('FT1')) chargeItemFromFt1(ft1, context);
      observationsOfMessage(message, context);
      return;
    case 'MDM':
      if (documentReferenceFromMdm(message, context) === undefined) throw new Hl7v2Error('missing-field', 'HL7 v2 MDM message has no TXA segment', undefined, 'TXA');
      observationsOfMessage(message, context, { skipValueTypes: DOCUMENT_CONTENT });
  }
}

/** The order groups of a VXU, RDE or OMP: each `main` segment (RXA, RXE, RXO) with the ORC before it and the first RXR after it. */
function orderGroups(message: Hl7v2Message, main: string): { orc?: Hl7v2Segment; main: Hl7v2Segment; rxr?: Hl7v2Segment }[] {
  const groups: { orc?: Hl7v2Segment; main: Hl7v2Segment; rxr?: Hl7v2Segment }[] = [];
  let orc: Hl7v2Segment | undefined;
  let current: (typeof groups)[number] | undefined;
  for (const segment of message.segments) {
    if (segment.name === 'ORC') {
      orc = segment;
      current = undefined;
    } else if (segment.name === main) {
      current = { ...(orc ? { orc } : {}), main: segment };
      groups.push(current);
    } else if (segment.name === 'RXR' && current && !current.rxr) current.rxr = segment;
  }
  return groups;
}
