import type { Procedure, Reference } from '@chartwell/fhir';
import type { ConversionContext } from './conversion-context.js';
import { toCodeableConcept, toPeriod } from './data-types.js';
import { entryLocations, entryPerformers } from './participants.js';
import type { XmlElement } from './xml-element.js';

const STATUS: Readonly<Record<string, Procedure['status']>> = {
  completed: 'completed',
  active: 'in-progress',
  aborted: 'stopped',
  cancelled: 'not-done',
  new: 'preparation',
  held: 'on-hold',
  suspended: 'on-hold',
  nullified: 'entered-in-error',
};

/**
 * A Procedure Activity (procedure, observation or act): code, status, date or period, body
 * site, performers (`performer/assignedEntity` as Practitioners, or their organisation) and the first service delivery
 * location (as a Location); `negationInd="true"` (not done) is status `not-done`.
 */
export function convertProcedure(activity: XmlElement, context: ConversionContext): Reference | undefined {
  const code = toCodeableConcept(activity.child('code'), context.narrative);
  if (!code) return undefined;
  const negated = activity.attr('negationInd') === 'true';
  const period = toPeriod(activity.child('effectiveTime'));
  const bodySite = activity.children('targetSiteCode').flatMap((node) => {
    const site = toCodeableConcept(node, context.narrative);
    return site ? [site] : [];
  });
  const single = period?.start !== undefined && period.end === undefined;
  const performers = entryPerformers(activity, context, true);
  const [location] = entryLocations(activity, context);
  const procedure: Procedure = {
    resourceType: 'Procedure',
    status: negated ? 'not-done' : (STATUS[activity.child('statusCode')?.attr('code') ?? ''] ?? 'unknown'),
    code,
    subject: context.patient,
    ...(period && (single ? { performedDateTime: period.start as string } : { performedPeriod: period })),
    ...(bodySite.length > 0 && { bodySite }),
    ...(performers.length > 0 && { performer: performers.map((actor) => ({ actor })) }),
    ...(location && { location }),
  };
  return context.add(procedure);
}
