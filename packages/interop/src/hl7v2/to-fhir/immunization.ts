import type { Immunization, ImmunizationPerformer } from '@chartwell/fhir';
import { Hl7v2Error } from '../hl7v2-error.js';
import type { Hl7v2Segment } from '../message.js';
import { codeSystemUri } from './coding-systems.js';
import { origin, type ConversionContext } from './context.js';
import { codeableConcept, date, dateTime, identifierFromEi, text } from './datatypes.js';
import { practitionerFromXcn } from './practitioner.js';

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;

/**
 * One VXU order group ([ORC] RXA [RXR]) as an Immunization: vaccine RXA-5 (required), given
 * at RXA-3 (required), dose RXA-6/7 (999 meaning unknown), primary source from the information
 * source RXA-9 (`00` new record), administering provider RXA-10 and ordering provider ORC-12,
 * lot RXA-15, expiry RXA-16, manufacturer RXA-17 (MVX), refusal reason RXA-18, status from
 * RXA-20 (CP/PA completed, RE/NA not done) and RXA-21 (D: entered in error), route and site
 * from RXR, filler order number ORC-3 as identifier.
 */
export function immunizationFromRxa(rxa: Hl7v2Segment, orc: Hl7v2Segment | undefined, rxr: Hl7v2Segment | undefined, context: ConversionContext): string {
  const { options } = context;
  const vaccineCode = codeableConcept(rxa.field(5).repetition(1));
  if (!vaccineCode) throw new Hl7v2Error('missing-field', `HL7 v2 segment ${rxa.index} (RXA), field RXA-5: the administered code is missing`, rxa.index, 'RXA-5');
  const occurrence = dateTime(rxa.field(3).value, options);
  if (occurrence === undefined) throw new Hl7v2Error('missing-field', `HL7 v2 segment ${rxa.index} (RXA), field RXA-3: the administration date is missing or not a date`, rxa.index, 'RXA-3');
  if (context.patient === undefined) throw new Hl7v2Error('missing-field', 'HL7 v2 VXU message has no PID segment', undefined, 'PID');
  const completion = text(rxa.field(20).value)?.toUpperCase();
  const status: Immunization['status'] = text(rxa.field(21).value)?.toUpperCase() === 'D' ? 'entered-in-error' : completion === 'RE' || completion === 'NA' ? 'not-done' : 'completed';
  const immunization: Immunization = { resourceType: 'Immunization', meta: context.meta, status, vaccineCode, patient: { reference: context.patient }, occurrenceDateTime: occurrence };
  const filler = orc ? identifierFromEi(orc.field(3).repetition(1), options, 'FILL') : undefined;
  if (filler) immunization.identifier = [filler];
  if (context.encounter !== undefined) immunization.encounter = { reference: context.encounter };
  const source = text(rxa.field(9).value);
  if (source !== undefined) {
    immunization.primarySource = source === '00';
    const origin = codeableConcept(rxa.field(9).repetition(1));
    if (source !== '00' && origin) immunization.reportOrigin = origin;
  }
  const amount = text(rxa.field(6).value);
  if (amount !== undefined && amount !== '999' && NUMBER.test(amount)) {
    const unitCode = text(rxa.field(7).component(1).value);
    const unitSystem = codeSystemUri(text(rxa.field(7).component(3).value));
    immunization.doseQuantity = { value: Number(amount), ...(unitCode === undefined ? {} : { unit: text(rxa.field(7).component(2).value) ?? unitCode }), ...(unitSystem === 'http://unitsofmeasure.org' && unitCode !== undefined ? { system: unitSystem, code: unitCode } : {}) };
  }
  const performers: ImmunizationPerformer[] = [];
  const roles: [Hl7v2Segment | undefined, number, string, string][] = [[rxa, 10, 'AP', 'Administering Provider'], [orc, 12, 'OP', 'Ordering Provider']];
  for (const [segment, field, code, display] of roles) {
    for (const repetition of segment?.field(field).nonEmptyRepetitions ?? []) {
      const actor = segment ? practitionerFromXcn(repetition, segment, context) : undefined;
      if (actor !== undefined) performers.push({ function: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0443', code, display }] }, actor: { reference: actor } });
    }
  }
  if (performers.length > 0) immunization.performer = performers;
  const lot = text(rxa.field(15).value);
  if (lot !== undefined) immunization.lotNumber = lot;
  const expiry = date(rxa.field(16).value);
  if (expiry !== undefined && expiry.length === 10) immunization.expirationDate = expiry;
  const mvx = text(rxa.field(17).value);
  if (mvx !== undefined) {
    const name = text(rxa.field(17).component(2).value);
    immunization.manufacturer = { identifier: { system: 'http://terminology.hl7.org/CodeSystem/MVX', value: mvx }, ...(name === undefined ? {} : { display: name }) };
  }
  const refusal = codeableConcept(rxa.field(18).repetition(1));
  if (refusal && status === 'not-done') immunization.statusReason = refusal;
  const route = rxr ? codeableConcept(rxr.field(1).repetition(1)) : undefined;
  if (route) immunization.route = route;
  const site = rxr ? codeableConcept(rxr.field(2).repetition(1)) : undefined;
  if (site) immunization.site = site;
  return context.builder.add(immunization, origin(rxa));
}
