import type { AllergyIntolerance, CodeableConcept, Reference } from '@chartwell/fhir';
import type { ConversionContext } from './conversion-context.js';
import { toCodeableConcept, toDateTime } from './data-types.js';
import { TEMPLATE } from './templates.js';
import type { XmlElement } from './xml-element.js';

const SNOMED = 'http://snomed.info/sct';
const CLINICAL = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical';
const VERIFICATION = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification';

type Category = NonNullable<AllergyIntolerance['category']>[number];

/** The allergy type value set (SNOMED CT) → FHIR type and category. */
const KIND: Readonly<Record<string, { readonly type?: 'allergy' | 'intolerance'; readonly category?: Category }>> = {
  '419199007': { type: 'allergy' }, // allergy to substance
  '420134006': {}, // propensity to adverse reactions
  '418038007': {}, // propensity to adverse reactions to substance
  '416098002': { type: 'allergy', category: 'medication' }, // drug allergy
  '419511003': { category: 'medication' }, // propensity to adverse reactions to drug
  '59037007': { type: 'intolerance', category: 'medication' }, // drug intolerance
  '414285001': { type: 'allergy', category: 'food' }, // food allergy
  '418471000': { category: 'food' }, // propensity to adverse reactions to food
  '235719002': { type: 'intolerance', category: 'food' }, // food intolerance
  '426232007': { type: 'allergy', category: 'environment' }, // environmental allergy
};

/** The SNOMED CT "no known …" code for a negated allergy observation of each category. */
const NO_KNOWN: Readonly<Record<string, { readonly code: string; readonly display: string }>> = {
  all: { code: '716186003', display: 'No known allergy' },
  medication: { code: '409137002', display: 'No known drug allergy' },
  food: { code: '429625007', display: 'No known food allergy' },
  environment: { code: '428607008', display: 'No known environmental allergy' },
};

/** Substance codes that name no particular substance (SNOMED CT 105590001 "Substance", 410942007 "Drug or medication"). */
const GENERIC_SUBSTANCE: Readonly<Record<string, 'all' | 'medication'>> = { '105590001': 'all', '410942007': 'medication' };

const CLINICAL_BY_SNOMED: Readonly<Record<string, string>> = { '55561003': 'active', '73425007': 'inactive', '413322009': 'resolved' };
const SEVERITY_BY_SNOMED: Readonly<Record<string, 'mild' | 'moderate' | 'severe'>> = {
  '255604002': 'mild',
  '371923003': 'mild', // mild to moderate
  '6736007': 'moderate',
  '371924009': 'severe', // moderate to severe
  '24484000': 'severe',
  '399166001': 'severe', // fatal
};
const CRITICALITY: Readonly<Record<string, AllergyIntolerance['criticality']>> = { CRITL: 'low', CRITH: 'high', CRITU: 'unable-to-assess' };

const concept = (system: string, code: string): CodeableConcept => ({ coding: [{ system, code }] });

function relatedObservations(element: XmlElement, template: string): XmlElement[] {
  return element.all('entryRelationship', 'observation').filter((node) => node.hasTemplate(template));
}

/** The allergy observations of an entry: an Allergy Concern Act's, or a bare Allergy Observation. */
export function allergyObservations(entryChild: XmlElement): XmlElement[] {
  if (entryChild.name === 'observation') return [entryChild];
  return entryChild.all('entryRelationship', 'observation').filter((node) => node.hasTemplate(TEMPLATE.allergyObservation) || node.child('participant') !== undefined);
}

/**
 * An AllergyIntolerance from an Allergy - Intolerance Observation: the substance from
 * `participant/participantRole/playingEntity/code`, type and category from `value`, reactions
 * with their severity, criticality, onset and clinical status.
 *
 * `negationInd="true"` with no substance (or the generic "Substance" / "Drug or medication") is a
 * "no known allergies" statement: it becomes the
 * SNOMED CT no-known code of its category (716186003 no known allergy, 409137002 no known drug
 * allergy, 429625007 food, 428607008 environmental), active and confirmed, as FHIR records it; a
 * negated observation that names a substance is that allergy, refuted.
 */
export function convertAllergy(observation: XmlElement, concernStatus: string | undefined, context: ConversionContext): Reference | undefined {
  const negated = observation.attr('negationInd') === 'true';
  const kind = KIND[observation.child('value')?.attr('code') ?? ''] ?? {};
  const playingEntity = observation.at('participant', 'participantRole', 'playingEntity');
  const substance = toCodeableConcept(playingEntity?.child('code'), context.narrative) ?? (playingEntity?.child('name')?.text ? { text: playingEntity.child('name')?.text as string } : undefined);
  let code: CodeableConcept | undefined = substance;
  let verification = 'confirmed';
  const generic = substance?.coding?.map((coding) => (coding.system === SNOMED ? GENERIC_SUBSTANCE[coding.code ?? ''] : undefined)).find((value) => value !== undefined);
  if (negated && (!substance?.coding || generic)) {
    const category = kind.category ?? (generic === 'medication' ? 'medication' : 'all');
    const noKnown = NO_KNOWN[category] ?? NO_KNOWN['all'];
    if (!noKnown) return undefined;
    code = { coding: [{ system: SNOMED, code: noKnown.code, display: noKnown.display }], text: noKnown.display };
  } else if (negated) {
    verification = 'refuted';
  }
  if (!code) return undefined;

  const statusCode = relatedObservations(observation, TEMPLATE.allergyStatus)[0]?.child('value')?.attr('code');
  const effective = observation.child('effectiveTime');
  const abatement = toDateTime(effective?.child('high'));
  const clinical = CLINICAL_BY_SNOMED[statusCode ?? ''] ?? (concernStatus === 'completed' || abatement ? 'resolved' : concernStatus === 'suspended' ? 'inactive' : 'active');
  const onset = negated ? undefined : (toDateTime(effective?.child('low')) ?? toDateTime(effective));
  const criticality = CRITICALITY[relatedObservations(observation, TEMPLATE.criticality)[0]?.child('value')?.attr('code') ?? ''];
  const allergySeverity = SEVERITY_BY_SNOMED[relatedObservations(observation, TEMPLATE.severity)[0]?.child('value')?.attr('code') ?? ''];

  const reaction = relatedObservations(observation, TEMPLATE.reaction).flatMap((node) => {
    const manifestation = toCodeableConcept(node.child('value'), context.narrative);
    if (!manifestation) return [];
    const severityNode = relatedObservations(node, TEMPLATE.severity)[0];
    const severity = SEVERITY_BY_SNOMED[severityNode?.child('value')?.attr('code') ?? ''] ?? allergySeverity;
    const reactionOnset = toDateTime(node.child('effectiveTime')?.child('low')) ?? toDateTime(node.child('effectiveTime'));
    return [{ manifestation: [manifestation], ...(severity && { severity }), ...(reactionOnset && { onset: reactionOnset }) }];
  });

  const allergy: AllergyIntolerance = {
    resourceType: 'AllergyIntolerance',
    clinicalStatus: concept(CLINICAL, verification === 'refuted' ? 'inactive' : clinical),
    verificationStatus: concept(VERIFICATION, verification),
    ...(kind.type && !negated && { type: kind.type }),
    ...(kind.category && { category: [kind.category] }),
    ...(criticality && { criticality }),
    code,
    patient: context.patient,
    ...(onset && { onsetDateTime: onset }),
    ...(reaction.length > 0 && { reaction }),
  };
  return context.add(allergy);
}
