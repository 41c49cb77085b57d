/** The FHIR system URI of the code systems C-CDA documents name by OID. */
const SYSTEM_BY_OID: ReadonlyMap<string, string> = new Map([
  ['2.16.840.1.113883.6.96', 'http://snomed.info/sct'],
  ['2.16.840.1.113883.6.1', 'http://loinc.org'],
  ['2.16.840.1.113883.6.88', 'http://www.nlm.nih.gov/research/umls/rxnorm'],
  ['2.16.840.1.113883.6.90', 'http://hl7.org/fhir/sid/icd-10-cm'],
  ['2.16.840.1.113883.6.3', 'http://hl7.org/fhir/sid/icd-10'],
  ['2.16.840.1.113883.6.103', 'http://hl7.org/fhir/sid/icd-9-cm'],
  ['2.16.840.1.113883.6.104', 'http://hl7.org/fhir/sid/icd-9-cm'],
  ['2.16.840.1.113883.12.292', 'http://hl7.org/fhir/sid/cvx'],
  ['2.16.840.1.113883.6.69', 'http://hl7.org/fhir/sid/ndc'],
  ['2.16.840.1.113883.6.12', 'http://www.ama-assn.org/go/cpt'],
  ['2.16.840.1.113883.6.285', 'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets'],
  ['2.16.840.1.113883.6.8', 'http://unitsofmeasure.org'],
  ['2.16.840.1.113883.4.9', 'http://fdasis.nlm.nih.gov'],
  ['2.16.840.1.113883.3.26.1.1', 'http://ncimeta.nci.nih.gov'],
  ['2.16.840.1.113883.5.1', 'http://terminology.hl7.org/CodeSystem/v3-AdministrativeGender'],
  ['2.16.840.1.113883.5.4', 'http://terminology.hl7.org/CodeSystem/v3-ActCode'],
  ['2.16.840.1.113883.5.6', 'http://terminology.hl7.org/CodeSystem/v3-ActClass'],
  ['2.16.840.1.113883.5.83', 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation'],
  ['2.16.840.1.113883.5.112', 'http://terminology.hl7.org/CodeSystem/v3-RouteOfAdministration'],
  ['2.16.840.1.113883.5.1063', 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue'],
  ['2.16.840.1.113883.5.111', 'http://terminology.hl7.org/CodeSystem/v3-RoleCode'],
  ['2.16.840.1.113883.5.110', 'http://terminology.hl7.org/CodeSystem/v3-RoleClass'],
  ['2.16.840.1.113883.5.2', 'http://terminology.hl7.org/CodeSystem/v3-MaritalStatus'],
  ['2.16.840.1.113883.5.60', 'http://terminology.hl7.org/CodeSystem/v3-LanguageAbilityMode'],
  ['2.16.840.1.113883.6.101', 'http://nucc.org/provider-taxonomy'],
  ['2.16.840.1.113883.4.1', 'http://hl7.org/fhir/sid/us-ssn'],
  ['2.16.840.1.113883.4.6', 'http://hl7.org/fhir/sid/us-npi'],
]);

const OID = /^[0-2](\.(0|[1-9][0-9]*))+$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * The FHIR URI of a code system or identifier namespace given as an OID or UUID in C-CDA:
 * the well-known ones by name (SNOMED CT, LOINC, RxNorm, ICD-10-CM, CVX, NPI, ...), any other
 * OID as `urn:oid:…` and a UUID as `urn:uuid:…`; undefined for anything else.
 */
export function systemUri(root: string | undefined): string | undefined {
  if (root === undefined) return undefined;
  const known = SYSTEM_BY_OID.get(root);
  if (known) return known;
  if (OID.test(root)) return `urn:oid:${root}`;
  if (UUID.test(root)) return `urn:uuid:${root.toLowerCase()}`;
  return undefined;
}
