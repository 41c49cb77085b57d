import type { CodeableConcept, Condition, Reference } from '@chartwell/fhir';
import type { ConversionContext } from './conversion-context.js';
import { originalText, toCodeableConcept, toDateTime } from './data-types.js';
import { TEMPLATE } from './templates.js';
import type { XmlElement } from './xml-element.js';

const CLINICAL = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
const VERIFICATION = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';
const CATEGORY = 'http://terminology.hl7.org/CodeSystem/condition-category';

/** SNOMED CT problem status values (Problem Status observation) → condition-clinical codes. */
const STATUS_BY_SNOMED: Readonly<Record<string, string>> = { '55561003': 'active', '73425007': 'inactive', '413322009': 'resolved' };

/** SNOMED CT 55607006 "Problem": negated, it says "no known problems", which is no Condition at all. */
const GENERIC_PROBLEM = '55607006';

const concept = (system: string, code: string): CodeableConcept => ({ coding: [{ system, code }] });

/** The problem observations of an entry: a Problem Concern Act's, or a bare Problem Observation. */
export function problemObservations(entryChild: XmlElement): XmlElement[] {
  if (entryChild.name === 'observation' && entryChild.hasTemplate(TEMPLATE.problemObservation)) return [entryChild];
  return entryChild
    .all('entryRelationship', 'observation')
    .filter((observation) => observation.hasTemplate(TEMPLATE.problemObservation) || observation.child('value') !== undefined);
}

/**
 * A Condition from a Problem Observation: code from `value`, onset and abatement from
 * `effectiveTime` low and high, clinical status from the Problem Status observation (else
 * resolved when there is an abatement date, else active while the concern act is active).
 * `negationInd="true"` records that the problem is absent: verification status `refuted`; negated
 * without a specific problem (no code, or 55607006 "Problem": "no known problems") it gives no
 * Condition, and the section's narrative keeps the statement.
 */
export function convertProblem(observation: XmlElement, concernStatus: string | undefined, category: 'problem-list-item' | 'encounter-diagnosis', context: ConversionContext): Reference | undefined {
  const negated = observation.attr('negationInd') === 'true';
  const described = originalText(observation.child('text'), context.narrative);
  // a negated observation without a coded problem ("no known problems") names nothing to refute
  const code = toCodeableConcept(observation.child('value'), context.narrative) ?? (negated || !described ? undefined : { text: described });
  if (!code) return undefined;
  if (negated && code.coding?.some((coding) => coding.system === 'http://snomed.info/sct' && coding.code === GENERIC_PROBLEM)) return undefined;
  const effective = observation.child('effectiveTime');
  const onset = toDateTime(effective?.child('low')) ?? toDateTime(effective);
  const abatement = toDateTime(effective?.child('high'));
  const statusObservation = observation.all('entryRelationship', 'observation').find((node) => node.hasTemplate(TEMPLATE.problemStatus));
  const recorded = STATUS_BY_SNOMED[statusObservation?.child('value')?.attr('code') ?? ''];
  let clinical = recorded;
  if (abatement && clinical !== 'inactive') clinical = 'resolved';
  if (!clinical) clinical = concernStatus === 'completed' ? 'resolved' : concernStatus === 'suspended' ? 'inactive' : 'active';
  const condition: Condition = {
    resourceType: 'Condition',
    ...(!negated && { clinicalStatus: concept(CLINICAL, clinical) }),
    verificationStatus: concept(VERIFICATION, negated ? 'refuted' : 'confirmed'),
    category: [concept(CATEGORY, category)],
    code,
    subject: context.patient,
    ...(onset && !negated && { onsetDateTime: onset }),
    ...(abatement && !negated && { abatementDateTime: abatement }),
  };
  return context.add(condition);
}
