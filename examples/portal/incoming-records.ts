// The "Incoming records" page's reading step, kept apart from the page so that Node tests it: a
// message or document from another organisation, as text, becomes a FHIR Bundle, the Patient it is
// about, the organisation it came from, and what it holds.
import type { Bundle, Organization, Patient, Provenance, ResourceType } from '@chartwell/fhir';
import { CcdaError, Hl7v2Error, ccdaToFhir, detectFormat, hl7v2ToFhir, type InteropFormat } from '@chartwell/interop';

/** What arrived, read and converted. */
export interface IncomingRecords {
  readonly format: InteropFormat;
  /** The records as FHIR, ready for matching, reconciliation and import. */
  readonly bundle: Bundle;
  /** The person the records are about, as the sender knows them. */
  readonly patient: Patient;
  /** The sending organisation's name, from the Bundle's Provenance, when it names one. */
  readonly source: string | undefined;
  /** How many records of each type it holds (the Patient, Provenance and the document's Composition not counted). */
  readonly counts: Readonly<Partial<Record<ResourceType, number>>>;
}

/** Why a message or document could not be read, in words for the page (and the position in it). */
export class IncomingRecordsError extends Error {
  override readonly name = 'IncomingRecordsError';
}

const BOOKKEEPING = new Set<string>(['Patient', 'Provenance', 'Composition', 'Organization', 'Practitioner', 'Device', 'Location']);

/**
 * Reads an HL7 v2 message, a C-CDA document or a FHIR Bundle (JSON). Throws an
 * {@link IncomingRecordsError} naming the problem and where (segment and field, XPath, or JSON)
 * when the text is not one of them, does not convert, or is not about exactly one patient.
 */
export function readIncoming(text: string): IncomingRecords {
  const format = detectFormat(text);
  if (format === undefined) throw new IncomingRecordsError('This is not an HL7 v2 message (starting with MSH), a C-CDA document (a ClinicalDocument) or a FHIR Bundle (JSON).');
  const bundle = convert(format, text);
  const patients = (bundle.entry ?? []).flatMap((entry) => (entry.resource?.resourceType === 'Patient' ? [entry.resource] : []));
  const patient = patients[0];
  if (patient === undefined || patients.length > 1) throw new IncomingRecordsError(`The records must be about one patient; they name ${patients.length}.`);
  const counts: Partial<Record<ResourceType, number>> = {};
  for (const entry of bundle.entry ?? []) {
    const type = entry.resource?.resourceType;
    if (type !== undefined && !BOOKKEEPING.has(type)) counts[type] = (counts[type] ?? 0) + 1;
  }
  return { format, bundle, patient, source: sourceOf(bundle), counts };
}

function convert(format: InteropFormat, text: string): Bundle {
  try {
    if (format === 'hl7v2') return hl7v2ToFhir(text);
    if (format === 'ccda') return ccdaToFhir(text);
    const parsed = JSON.parse(text) as { resourceType?: unknown };
    if (parsed.resourceType !== 'Bundle') throw new IncomingRecordsError(`This FHIR resource is a ${String(parsed.resourceType)}; a Bundle of the patient's records is needed.`);
    return parsed as Bundle;
  } catch (error) {
    if (error instanceof IncomingRecordsError) throw error;
    // the converters' errors name the segment and field, or the XPath; JSON's the position
    if (error instanceof Hl7v2Error || error instanceof CcdaError || error instanceof SyntaxError) throw new IncomingRecordsError(error.message, { cause: error });
    throw error;
  }
}

/** The name of the organisation the Bundle's Provenance names as an agent (the sending facility, the document's custodian). */
function sourceOf(bundle: Bundle): string | undefined {
  const entries = bundle.entry ?? [];
  const byUrl = new Map(entries.flatMap((entry) => (entry.fullUrl && entry.resource ? [[entry.fullUrl, entry.resource] as const] : [])));
  for (const entry of entries) {
    if (entry.resource?.resourceType !== 'Provenance') continue;
    for (const agent of (entry.resource as Provenance).agent) {
      const who = byUrl.get(agent.who.reference ?? '');
      if (who?.resourceType === 'Organization' && (who as Organization).name) return (who as Organization).name;
      if (agent.who.display && agent.who.reference?.includes('Organization')) return agent.who.display;
    }
  }
  return undefined;
}
