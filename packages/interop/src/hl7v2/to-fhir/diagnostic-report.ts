import type { Attachment, DiagnosticReport, Identifier } from '@chartwell/fhir';
import { Hl7v2Error } from '../hl7v2-error.js';
import type { Hl7v2Segment } from '../message.js';
import { origin, type ConversionContext } from './context.js';
import { codeableConcept, codingIn, dateTime, identifierFromEi, instant, text } from './datatypes.js';

const STATUS: Readonly<Record<string, DiagnosticReport['status']>> = {
  O: 'registered',
  I: 'registered',
  S: 'registered',
  A: 'partial',
  P: 'preliminary',
  R: 'preliminary',
  C: 'corrected',
  M: 'amended',
  F: 'final',
  X: 'cancelled',
};

/** One order group of an ORU: its OBR, the ORC before it, and what was made from its OBX. */
export interface ReportGroup {
  readonly obr: Hl7v2Segment;
  readonly orc?: Hl7v2Segment | undefined;
  readonly results: string[];
  readonly documents: Attachment[];
}

/**
 * OBR (with its ORC) as a DiagnosticReport: code OBR-4 (required), status OBR-25 (table 0123),
 * placer and filler order numbers (OBR-2/OBR-3, else ORC-2/ORC-3) as identifiers, effective
 * time OBR-7, issued OBR-22, diagnostic service section OBR-24 as category, the group's
 * Observations as `result` and its encapsulated documents as `presentedForm`. A report with a
 * filler number is updated in place when stored again (a corrected report).
 */
export function diagnosticReportFromObr(group: ReportGroup, context: ConversionContext): string {
  const { obr, orc } = group;
  const { options } = context;
  const code = codeableConcept(obr.field(4).repetition(1));
  if (!code) throw new Hl7v2Error('missing-field', `HL7 v2 segment ${obr.index} (OBR), field OBR-4: the universal service identifier is missing`, obr.index, 'OBR-4');
  const report: DiagnosticReport = { resourceType: 'DiagnosticReport', meta: context.meta, status: STATUS[text(obr.field(25).value)?.toUpperCase() ?? ''] ?? 'unknown', code };
  const filler = identifierFromEi(obr.field(3).repetition(1), options, 'FILL') ?? (orc ? identifierFromEi(orc.field(3).repetition(1), options, 'FILL') : undefined);
  const placer = identifierFromEi(obr.field(2).repetition(1), options, 'PLAC') ?? (orc ? identifierFromEi(orc.field(2).repetition(1), options, 'PLAC') : undefined);
  const identifiers = [filler, placer].filter((i): i is Identifier => i !== undefined);
  if (identifiers.length > 0) report.identifier = identifiers;
  const category = codingIn('http://terminology.hl7.org/CodeSystem/v2-0074', obr.field(24).value);
  if (category) report.category = [{ coding: [category] }];
  if (context.patient !== undefined) report.subject = { reference: context.patient };
  if (context.encounter !== undefined) report.encounter = { reference: context.encounter };
  const effective = dateTime(obr.field(7).value, options);
  if (effective !== undefined) report.effectiveDateTime = effective;
  const issued = instant(obr.field(22).value, options);
  if (issued !== undefined) report.issued = issued;
  if (group.results.length > 0) report.result = group.results.map((reference) => ({ reference }));
  if (group.documents.length > 0) report.presentedForm = group.documents;
  return context.builder.add(report, origin(obr), 'upsert');
}
