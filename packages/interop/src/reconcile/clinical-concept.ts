import type { AllergyIntolerance, CodeableConcept, Condition, Medication, MedicationRequest, MedicationStatement, Resource } from '@chartwell/fhir';
import { formatCodeableConcept } from '@chartwell/core';

/** The records reconciliation works on: medications (orders and statements), allergies and problems. */
export type ReconcilableResource = MedicationRequest | MedicationStatement | AllergyIntolerance | Condition;

/** Which list a record belongs to. */
export type ReconcileKind = 'medication' | 'allergy' | 'problem';

/** The code systems records are paired on: RxNorm, SNOMED CT, ICD-10 (WHO) and ICD-10-CM. */
export const PAIRING_SYSTEMS: readonly string[] = [
  'http://www.nlm.nih.gov/research/umls/rxnorm',
  'http://snomed.info/sct',
  'http://hl7.org/fhir/sid/icd-10',
  'http://hl7.org/fhir/sid/icd-10-cm',
];

/** The resource types reconciliation pairs (medications, allergies, problems): what an import leaves to `reconcile` rather than adding as is. */
export const RECONCILABLE_TYPES = ['MedicationRequest', 'MedicationStatement', 'AllergyIntolerance', 'Condition'] as const;

/** The list a resource belongs to, or undefined for any other resource. */
export function kindOf(resource: Resource): ReconcileKind | undefined {
  switch (resource.resourceType) {
    case 'MedicationRequest':
    case 'MedicationStatement':
      return 'medication';
    case 'AllergyIntolerance':
      return 'allergy';
    case 'Condition':
      return 'problem';
    default:
      return undefined;
  }
}

/**
 * The concept a record is about: the drug (inline, a contained Medication, or one of
 * `medications` by `Medication/<id>`, else the reference's display), the substance, the condition.
 */
export function conceptOf(resource: ReconcilableResource, medications: ReadonlyMap<string, Medication> = new Map()): CodeableConcept | undefined {
  if (resource.resourceType === 'MedicationRequest' || resource.resourceType === 'MedicationStatement') {
    if (resource.medicationCodeableConcept) return resource.medicationCodeableConcept;
    const reference = resource.medicationReference?.reference;
    if (typeof reference === 'string' && reference.startsWith('#')) {
      const contained = (Array.isArray(resource.contained) ? resource.contained : []) as Resource[];
      const medication = contained.find((r): r is Medication => r?.resourceType === 'Medication' && r.id === reference.slice(1));
      if (medication?.code) return medication.code;
    }
    const referenced = typeof reference === 'string' ? medications.get(reference.replace(/^.*?(Medication\/[^/]+)$/, '$1'))?.code : undefined;
    if (referenced) return referenced;
    const display = resource.medicationReference?.display;
    return typeof display === 'string' ? { text: display } : undefined;
  }
  return resource.code;
}

/** `system|code` of each coding of `concept` in `systems`. */
export function pairingCodes(concept: CodeableConcept | undefined, systems: readonly string[] = PAIRING_SYSTEMS): string[] {
  const codings = Array.isArray(concept?.coding) ? concept.coding : [];
  return codings
    .filter((coding) => typeof coding?.system === 'string' && systems.includes(coding.system) && typeof coding.code === 'string' && coding.code.trim() !== '')
    .map((coding) => `${coding.system ?? ''}|${(coding.code ?? '').trim()}`);
}

/** Text for comparison: accents removed, lower case, words of letters and digits separated by one space. */
export function normalizeClinicalText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}.]+/u)
    .map((word) => word.replace(/^\.+|\.+$/g, ''))
    .filter(Boolean)
    .join(' ');
}

/** Every text a concept is known by (its `text` and each coding's `display`), normalised, each once. */
export function conceptTexts(concept: CodeableConcept | undefined): string[] {
  const texts = [concept?.text, ...(Array.isArray(concept?.coding) ? concept.coding.map((coding) => coding?.display) : [])];
  return [...new Set(texts.filter((text): text is string => typeof text === 'string').map(normalizeClinicalText).filter(Boolean))];
}

/** The name to show for a record: its concept as recorded (never re-cased), or a placeholder. */
export function displayName(resource: ReconcilableResource, medications?: ReadonlyMap<string, Medication>): string {
  const name = formatCodeableConcept(conceptOf(resource, medications));
  if (name) return name;
  return kindOf(resource) === 'medication' ? 'Unnamed medication' : kindOf(resource) === 'allergy' ? 'Unnamed substance' : 'Unnamed condition';
}
