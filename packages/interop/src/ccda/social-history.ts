import type { Observation, Reference } from '@chartwell/fhir';
import type { ConversionContext } from './conversion-context.js';
import { toCodeableConcept, toPeriod } from './data-types.js';
import { convertValue } from './results.js';
import { TEMPLATE } from './templates.js';
import type { XmlElement } from './xml-element.js';

const SMOKING_STATUS = { system: 'http://loinc.org', code: '72166-2', display: 'Tobacco smoking status' };
const STATUS: Readonly<Record<string, Observation['status']>> = { completed: 'final', active: 'preliminary', aborted: 'cancelled', cancelled: 'cancelled', nullified: 'entered-in-error' };

/**
 * A Smoking Status (4.78), Tobacco Use (4.85) or Social History Observation (4.38) as an
 * Observation with the `social-history` category: code (a smoking status is always coded LOINC
 * 72166-2, *Tobacco smoking status*, as US Core asks, whatever older documents put in `code`,
 * such as `ASSERTION`), value (the SNOMED CT status, a quantity, text, ...), time or period,
 * status. `undefined` when an observation other than a smoking status has no code.
 */
export function convertSocialHistory(observation: XmlElement, context: ConversionContext): Reference | undefined {
  const smoking = observation.hasTemplate(TEMPLATE.smokingStatus);
  const code = smoking ? { coding: [SMOKING_STATUS], text: SMOKING_STATUS.display } : toCodeableConcept(observation.child('code'), context.narrative);
  if (!code) return undefined;
  const period = toPeriod(observation.child('effectiveTime'));
  const record: Observation = {
    resourceType: 'Observation',
    status: STATUS[observation.child('statusCode')?.attr('code') ?? ''] ?? 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'social-history', display: 'Social History' }] }],
    code,
    subject: context.patient,
    ...(period && (period.end === undefined && period.start !== undefined ? { effectiveDateTime: period.start } : { effectivePeriod: period })),
    ...convertValue(observation.child('value'), context),
  };
  return context.add(record);
}
