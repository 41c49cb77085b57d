/**
 * The short names of the code systems clinicians know by name, keyed by canonical system URI.
 * @internal
 */
const SHORT_NAMES: ReadonlyMap<string, string> = new Map([
  ['http://www.nlm.nih.gov/research/umls/rxnorm', 'RxNorm'],
  ['http://snomed.info/sct', 'SNOMED CT'],
  ['http://loinc.org', 'LOINC'],
  ['http://hl7.org/fhir/sid/icd-10-cm', 'ICD-10-CM'],
  ['http://hl7.org/fhir/sid/icd-10', 'ICD-10'],
  ['http://www.ama-assn.org/go/cpt', 'CPT'],
  ['http://hl7.org/fhir/sid/cvx', 'CVX'],
  ['http://hl7.org/fhir/sid/ndc', 'NDC'],
  ['http://unitsofmeasure.org', 'UCUM'],
]);

/**
 * The short name of a code system (`RxNorm`, `SNOMED CT`, `LOINC`, `ICD-10-CM`, `CPT`, `ICD-10`,
 * `CVX`, `NDC`, `UCUM`) from its canonical URI; `undefined` for other systems. A trailing `/` or a
 * version suffix (`http://snomed.info/sct/900000000000207008/version/...`) is tolerated for SNOMED CT.
 *
 * @example
 * codeSystemShortName('http://loinc.org'); // 'LOINC'
 *
 * @category Formatting
 */
export function codeSystemShortName(system: string | undefined): string | undefined {
  if (typeof system !== 'string') return undefined;
  const trimmed = system.trim().replace(/\/$/, '');
  if (trimmed.startsWith('http://snomed.info/sct/')) return 'SNOMED CT';
  return SHORT_NAMES.get(trimmed);
}
