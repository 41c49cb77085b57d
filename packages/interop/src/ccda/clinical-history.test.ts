import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Bundle, CarePlan, Encounter, FamilyMemberHistory, Location, Observation, Practitioner, Procedure, Resource, ServiceRequest } from '@chartwell/fhir';
import { validate } from '@chartwell/fhir';
import { ccdaToFhir } from '@chartwell/interop';
import { fixtureJson, fixtureText } from '../../../../test/support/fixtures.js';

const NOW = new Date('2026-01-02T03:04:05Z');
const convert = (path: string) => ccdaToFhir(fixtureText(`ccda/${path}`), { now: NOW });
const ofType = <T extends Resource>(bundle: Bundle, type: T['resourceType']): T[] => (bundle.entry ?? []).map((e) => e.resource).filter((r): r is T => r?.resourceType === type);
const byUrl = (bundle: Bundle, url: string | undefined) => bundle.entry?.find((e) => e.fullUrl === url)?.resource;
const socialHistory = (bundle: Bundle) => ofType<Observation>(bundle, 'Observation').filter((o) => o.category?.[0]?.coding?.[0]?.code === 'social-history');
const SMOKING = { system: 'http://loinc.org', code: '72166-2', display: 'Tobacco smoking status' };

describe('ccdaToFhir: social history, family history, plan of treatment, performers and locations', () => {
  it('smoking status → an Observation coded LOINC 72166-2 with the SNOMED CT status (HL7 CCD example), the same as FHIR-Converter', () => {
    const [smoking] = socialHistory(convert('hl7-c-cda-examples/Documents/CCD/CCD 2/CCD.xml'));
    assert.deepEqual(smoking?.code, { coding: [SMOKING], text: 'Tobacco smoking status' });
    // <value xsi:type="CD" code="266927001" displayName="Tobacco smoking consumption unknown" codeSystem="2.16.840.1.113883.6.96"/>
    assert.deepEqual(smoking?.valueCodeableConcept, { coding: [{ system: 'http://snomed.info/sct', code: '266927001', display: 'Tobacco smoking consumption unknown' }], text: 'Tobacco smoking consumption unknown' });
    assert.equal(smoking?.effectiveDateTime, '2014-10-01T10:30:26-05:00'); // <effectiveTime value="20141001103026-0500"/>
    assert.equal(smoking?.status, 'final');
    const expected = socialHistory(fixtureJson<Bundle>('ccda/fhir-converter-expected/CCD/CCD-expected.json'))[0];
    const ours = socialHistory(convert('fhir-converter/CCD.ccda'))[0];
    assert.equal(ours?.code.coding?.[0]?.code, expected?.code.coding?.[0]?.code);
    assert.equal(ours?.valueCodeableConcept?.coding?.[0]?.code, expected?.valueCodeableConcept?.coding?.[0]?.code);
  });

  it('a smoking status coded ASSERTION (older documents, EMERGE Patient-0) is still LOINC 72166-2', () => {
    const [smoking] = socialHistory(convert('vendor-samples/EMERGE/Patient-0.xml'));
    assert.deepEqual(smoking?.code.coding, [SMOKING]);
    assert.equal(smoking?.valueCodeableConcept?.coding?.[0]?.code, '266919005'); // never smoker
    assert.equal(smoking?.effectiveDateTime, '2010-03-31'); // <low value="20100331100000"/>: no zone, so the date
  });

  it('other social history observations keep their code, period and value (HL7 Procedure Note sample: cigarette smoking 1947–1972)', () => {
    const cigarettes = socialHistory(convert('vendor-samples/HL7 Samples/Procedure_Note.sample.xml')).find((o) => o.code.coding?.[0]?.code === '230056004');
    assert.ok(cigarettes);
    assert.deepEqual(cigarettes.effectivePeriod, { start: '1947', end: '1972' });
    assert.equal(cigarettes.valueString, '1 pack per day');
  });

  it('family history organizer → FamilyMemberHistory: relationship, sex, birth, conditions with age at onset and cause of death', () => {
    const [father, ...others] = ofType<FamilyMemberHistory>(convert('hl7-c-cda-examples/Documents/Discharge Summary/Discharge_Summary.xml'), 'FamilyMemberHistory');
    assert.equal(others.length, 0);
    assert.deepEqual(father?.relationship.coding?.map((c) => [c.system, c.code]), [['http://terminology.hl7.org/CodeSystem/v3-RoleCode', 'FTH'], ['http://snomed.info/sct', '9947008']]);
    assert.equal(father?.sex?.coding?.[0]?.code, 'male');
    assert.equal(father?.bornDate, '1910');
    assert.equal(father?.deceasedBoolean, true); // the Family History Death Observation of the MI
    assert.deepEqual(father?.condition?.map((c) => [c.code.coding?.[0]?.code, c.contributedToDeath, c.onsetAge?.value, c.onsetAge?.code]), [['22298006', true, 57, 'a'], ['46635009', undefined, 6, 'a']]);
    assert.equal(father?.status, 'completed');
  });

  it('FamilyMemberHistory agrees with FHIR-Converter on the Discharge Summary: relationship and condition codes', () => {
    const [expected] = ofType<FamilyMemberHistory>(fixtureJson<Bundle>('ccda/fhir-converter-expected/DischargeSummary/Discharge_Summary-expected.json'), 'FamilyMemberHistory');
    const [ours] = ofType<FamilyMemberHistory>(convert('fhir-converter/Discharge_Summary.ccda'), 'FamilyMemberHistory');
    // FHIR-Converter keeps only the SNOMED CT translation (9947008); we keep it and the RoleCode FTH
    for (const coding of expected?.relationship.coding ?? []) assert.ok(ours?.relationship.coding?.some((c) => c.code === coding.code && c.system === coding.system), coding.code);
    assert.deepEqual(ours?.condition?.map((c) => c.onsetAge?.value), expected?.condition?.map((c) => c.onsetAge?.value));
    assert.deepEqual(ours?.condition?.map((c) => c.code.coding?.[0]?.code), expected?.condition?.map((c) => c.code.coding?.[0]?.code));
  });

  it('plan of treatment → a ServiceRequest per planned item (intent from moodCode) and a CarePlan listing them (NIST ambulatory CCD)', () => {
    const bundle = convert('vendor-samples/NIST Samples/CCDA_CCD_b1_Ambulatory_v2.xml');
    const requests = ofType<ServiceRequest>(bundle, 'ServiceRequest');
    // encounter INT 99241 (center 20120820), procedure RQO 168731009 (new, center 20120826), observation RQO 624-7 (new, center 20120820)
    assert.deepEqual(
      requests.map((r) => [r.code?.coding?.[0]?.code, r.intent, r.status, r.occurrenceDateTime]),
      [['99241', 'plan', 'active', '2012-08-20'], ['168731009', 'order', 'active', '2012-08-26'], ['624-7', 'order', 'active', '2012-08-20']],
    );
    const [plan] = ofType<CarePlan>(bundle, 'CarePlan');
    assert.equal(plan?.title, 'CARE PLAN');
    assert.deepEqual(plan?.activity?.map((a) => byUrl(bundle, a.reference?.reference)), requests);
    const section = ofType(bundle, 'Composition')[0] as { section?: { title?: string; entry?: { reference?: string }[] }[] };
    assert.equal(section.section?.find((s) => s.title === 'CARE PLAN')?.entry?.length, 4);
  });

  it('performers and service delivery locations → Practitioners and Locations on the Procedure and Encounter, each once', () => {
    const bundle = convert('vendor-samples/NIST Samples/CCDA_CCD_b1_Ambulatory_v2.xml');
    const xray = ofType<Procedure>(bundle, 'Procedure').find((p) => p.code?.coding?.[0]?.code === '168731009');
    // its performer's assignedEntity has no assignedPerson, only <representedOrganization>…<name>Community Health and Hospitals
    assert.equal((byUrl(bundle, xray?.performer?.[0]?.actor.reference) as { name?: string } | undefined)?.name, 'Community Health and Hospitals');
    assert.equal(byUrl(bundle, xray?.performer?.[0]?.actor.reference)?.resourceType, 'Organization');
    assert.equal((byUrl(bundle, xray?.location?.reference) as Location | undefined)?.type?.[0]?.coding?.[0]?.code, '1160-1');
    // Practice Fusion: <performer typeCode="PRF"><assignedEntity><id … extension="605196"/><assignedPerson><name><given>Fname</given><family>Lname</family>
    const fusion = convert('vendor-samples/PracticeFusion Samples/MaryGrant-ClinicalSummary.xml');
    const fusionXray = ofType<Procedure>(fusion, 'Procedure').find((p) => p.code?.coding?.[0]?.code === '168731009');
    const performer = byUrl(fusion, fusionXray?.performer?.[0]?.actor.reference) as Practitioner | undefined;
    assert.deepEqual([performer?.resourceType, performer?.name?.[0]?.family, performer?.identifier?.[0]?.value], ['Practitioner', 'Lname', '605196']);
    const encounter = ofType<Encounter>(bundle, 'Encounter').find((e) => e.type?.[0]?.coding?.[0]?.code === '99222');
    const location = byUrl(bundle, encounter?.location?.[0]?.location.reference) as Location | undefined;
    // <participantRole classCode="SDLOC"> … <code code="1160-1" … displayName="Urgent Care Center"/> … <name>Community Health and Hospitals</name>
    assert.equal(location?.name, 'Community Health and Hospitals');
    assert.equal(location?.type?.[0]?.coding?.[0]?.code, '1160-1');
    assert.equal(location?.address?.city, 'Portland');
    const practitioners = ofType<Practitioner>(bundle, 'Practitioner').map((p) => JSON.stringify({ ...p, id: undefined }));
    assert.equal(new Set(practitioners).size, practitioners.length, 'no Practitioner twice');
  });

  it('documentationOf/serviceEvent → Composition.event with its period and performers as Practitioners (HL7 CCD example)', () => {
    const bundle = convert('hl7-c-cda-examples/Documents/CCD/CCD 2/CCD.xml');
    const composition = ofType(bundle, 'Composition')[0] as { event?: { period?: { start?: string; end?: string }; detail?: { reference?: string }[] }[] } | undefined;
    // <low value="20141001"/> <high value="20141015103026-0500"/>
    assert.deepEqual(composition?.event?.[0]?.period, { start: '2014-10-01', end: '2014-10-15T10:30:26-05:00' });
    // <assignedEntity><id extension="5555555555" root="2.16.840.1.113883.4.6"/> … <given>Patricia</given> … <family>Primary</family>
    const performer = byUrl(bundle, composition?.event?.[0]?.detail?.[0]?.reference) as Practitioner | undefined;
    assert.equal(performer?.name?.[0]?.family, 'Primary');
    assert.deepEqual(performer?.identifier?.[0], { system: 'http://hl7.org/fhir/sid/us-npi', value: '5555555555' });
  });

  it('every document of PAIRS.csv still converts, and each new resource validates', () => {
    const documents = fixtureText('ccda/PAIRS.csv').split(/\r?\n/).slice(1).filter((l) => l.trim() !== '').map((l) => l.split(',')[0] ?? '');
    assert.equal(documents.length, 33);
    const made = new Map<string, number>();
    for (const document of documents) {
      for (const entry of convert(document).entry ?? []) {
        const type = entry.resource?.resourceType ?? '';
        if (!['FamilyMemberHistory', 'ServiceRequest', 'CarePlan', 'Location'].includes(type) && !(type === 'Observation' && socialHistory({ resourceType: 'Bundle', type: 'collection', entry: [entry] }).length > 0)) continue;
        assert.equal(validate(entry.resource).valid, true, `${document} ${type}`);
        made.set(type, (made.get(type) ?? 0) + 1);
      }
    }
    for (const type of ['FamilyMemberHistory', 'ServiceRequest', 'CarePlan', 'Location', 'Observation']) assert.ok((made.get(type) ?? 0) > 0, type);
  });
});
