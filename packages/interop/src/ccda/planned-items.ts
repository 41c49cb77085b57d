import type { CarePlan, Period, Reference, ServiceRequest } from '@chartwell/fhir';
import type { ConversionContext } from './conversion-context.js';
import { toCodeableConcept, toDateTime, toPeriod } from './data-types.js';
import type { XmlElement } from './xml-element.js';

const INTENT: Readonly<Record<string, ServiceRequest['intent']>> = { INT: 'plan', RQO: 'order', PRP: 'proposal', PRMS: 'plan', APT: 'order', ARQ: 'order' };
const STATUS: Readonly<Record<string, ServiceRequest['status']>> = { active: 'active', new: 'active', completed: 'completed', cancelled: 'revoked', aborted: 'revoked', held: 'on-hold', suspended: 'on-hold', nullified: 'entered-in-error' };

/**
 * A planned item of a Plan of Treatment (Planned Act 4.39, Planned Encounter 4.40, Planned
 * Procedure 4.41, Planned Observation 4.44) as a ServiceRequest: code, intent from `moodCode`
 * (`INT` plan, `RQO` order, `PRP` proposal, `APT`/`ARQ` order), status from `statusCode` (`active`
 * when missing), when from `effectiveTime` (its value, low/high, or center), body site, the patient as subject.
 * `undefined` when the item has no code (nothing says what is planned).
 */
export function convertPlannedItem(item: XmlElement, context: ConversionContext): Reference | undefined {
  const code = toCodeableConcept(item.child('code'), context.narrative);
  if (!code) return undefined;
  const effective = item.child('effectiveTime');
  // a plan often says when with <center> (an IVL_TS's middle)
  const center = toDateTime(effective?.child('center'));
  const period: Period | undefined = toPeriod(effective) ?? (center === undefined ? undefined : { start: center });
  const bodySite = item.children('targetSiteCode').flatMap((node) => {
    const site = toCodeableConcept(node, context.narrative);
    return site ? [site] : [];
  });
  const request: ServiceRequest = {
    resourceType: 'ServiceRequest',
    status: STATUS[item.child('statusCode')?.attr('code') ?? ''] ?? 'active',
    intent: INTENT[item.attr('moodCode') ?? ''] ?? 'plan',
    code,
    subject: context.patient,
    ...(period && (period.end === undefined && period.start !== undefined ? { occurrenceDateTime: period.start } : { occurrencePeriod: period })),
    ...(bodySite.length > 0 && { bodySite }),
  };
  return context.add(request);
}

/**
 * The CarePlan of a Plan of Treatment section: status `active`, intent `plan`, the section's
 * title, and an activity referencing each planned item converted from it.
 */
export function convertCarePlan(title: string | undefined, planned: readonly Reference[], context: ConversionContext): Reference {
  const plan: CarePlan = {
    resourceType: 'CarePlan',
    status: 'active',
    intent: 'plan',
    ...(title && { title }),
    subject: context.patient,
    activity: planned.map((reference) => ({ reference })),
  };
  return context.add(plan);
}
