import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { validate, type AllergyIntolerance, type Bundle, type Composition, type Condition, type Encounter, type Immunization, type MedicationStatement, type Observation, type Organization, type Patient, type Provenance, type Resource } from '@chartwell/fhir';
import { allergySummary, importBundle, MemoryStore } from '@chartwell/core';
import { CcdaError, ccdaToFhir } from '@chartwell/interop';
import { collectReferences, fixtureText } from '../../../../test/support/fixtures.js';

const NOW = new Date('2026-11-26T03:00:00Z');

function convert(path: string): Bundle {
  return ccdaToFhir(fixtureText(`ccda/${path}`), { now: NOW });
}

function resources<T extends Resource['resourceType']>(bundle: Bundle, type: T): Extract<Resource, { resourceType: T }>[] {
  return (bundle.entry ?? []).flatMap((entry) => (entry.resource?.resourceType === type ? [entry.resource as Extract<Resource, { resourceType: T }>] : []));
}

function only<T extends Resource['resourceType']>(bundle: Bundle, type: T): Extract<Resource, { resourceType: T }> {
  const found = resources(bundle, type);
  assert.equal(found.length, 1, `one ${type}`);
  return found[0] as Extract<Resource, { resourceType: T }>;
}

function codes(concept: { coding?: { system?: string; code?: string }[] } | undefined): string[] {
  return (concept?.coding ?? []).map((coding) => `${coding.system}|${coding.code}`);
}

/** The documents of test/fixtures/ccda/PAIRS.csv, with FHIR-Converter's expected output where it published one. */
const PAIRS = fixtureText('ccda/PAIRS.csv')
  .trim()
  .split(/\r?\n/)
  .slice(1)
  .map((line) => {
    const [document = '', , , expected = ''] = line.split(',');
    return { document, expected: expected === '' ? undefined : expected };
  });

function errorAt(path: string | RegExp): (error: unknown) => boolean {
  return (error: unknown) => {
    assert.ok(error instanceof CcdaError, `a CcdaError, got ${String(error)}`);
    if (typeof path === 'string') assert.equal(error.path, path);
    else assert.match(error.path, path);
    assert.ok(error.message.startsWith(`${error.path}: `));
    return true;
  };
}

describe('ccdaToFhir: every sample document', () => {
  for (const { document } of PAIRS) {
    it(`converts ${document} into a document Bundle whose resources all validate and whose references all resolve`, async () => {
      const bundle = convert(document);
      assert.equal(bundle.type, 'document');
      assert.equal(bundle.entry?.[0]?.resource?.resourceType, 'Composition');
      assert.equal(validate(bundle, { resourceType: 'Bundle' }).valid, true);
      for (const entry of bundle.entry ?? []) {
        const result = validate(entry.resource);
        assert.ok(result.valid, `${entry.resource?.resourceType}: ${JSON.stringify(result.issues.filter((issue) => issue.severity === 'error'))}`);
        assert.match(entry.fullUrl ?? '', /^urn:uuid:[0-9a-f-]{36}$/);
      }
      const fullUrls = new Set((bundle.entry ?? []).map((entry) => entry.fullUrl));
      for (const reference of collectReferences(bundle.entry)) assert.ok(fullUrls.has(reference), `${reference} resolves`);
      assert.equal(only(bundle, 'Patient').resourceType, 'Patient');
      const provenance = only(bundle, 'Provenance');
      assert.equal(provenance.target.length, (bundle.entry?.length ?? 0) - 1);
      const store = new MemoryStore();
      const result = await importBundle(store, bundle);
      assert.equal(result.created, bundle.entry?.length);
    });
  }
});

describe('ccdaToFhir: header', () => {
  const bundle = convert('fhir-converter/CCD.ccda');

  it('makes the Patient from recordTarget/patientRole', () => {
    const patient: Patient = only(bundle, 'Patient');
    assert.deepEqual(patient.identifier, [
      { system: 'urn:oid:1.3.6.1.4.1.16517.1', value: '98765432' },
      { system: 'http://hl7.org/fhir/sid/us-ssn', value: '12345679' },
    ]);
    assert.deepEqual(patient.name, [{ use: 'official', family: 'Jones', given: ['Isabella'] }]);
    assert.equal(patient.gender, 'female');
    assert.equal(patient.birthDate, '1950-12-19');
    assert.deepEqual(patient.address, [{ use: 'home', line: ['4567 Residence Rd'], city: 'Beaverton', state: 'OR', postalCode: '97867', country: 'US' }]);
    assert.deepEqual(patient.telecom, [
      { system: 'phone', value: '+1(444)444-4444', use: 'mobile' },
      { system: 'email', value: 'Isbella.Jones.CCD@gmail.com' },
    ]);
  });

  it('makes the Composition from the document: type, title, date with its zone, subject, custodian', () => {
    const composition: Composition = only(bundle, 'Composition');
    assert.deepEqual(codes(composition.type), ['http://loinc.org|34133-9']);
    assert.equal(composition.title, 'Summary of Patient Chart');
    assert.equal(composition.date, '2014-10-15T10:30:26-05:00');
    assert.equal(composition.status, 'final');
    const patientUrl = bundle.entry?.find((entry) => entry.resource?.resourceType === 'Patient')?.fullUrl;
    assert.equal(composition.subject?.reference, patientUrl);
    const custodian = bundle.entry?.find((entry) => entry.fullUrl === composition.custodian?.reference)?.resource as Organization;
    assert.equal(custodian.name, 'Good Health HIE');
  });

  it('converts the Medication Activities inside a Discharge Medication act (the discharge summary\'s ibuprofen)', () => {
    // Hospital Discharge Medications section: act 4.35 > entryRelationship > substanceAdministration 4.16, moodCode INT, RxNorm 197806
    const requests = resources(convert('fhir-converter/Discharge_Summary.ccda'), 'MedicationRequest');
    assert.equal(requests.length, 1);
    const [ibuprofen] = requests;
    assert.deepEqual(codes(ibuprofen?.medicationCodeableConcept), ['http://www.nlm.nih.gov/research/umls/rxnorm|197806']);
    assert.equal(ibuprofen?.intent, 'plan');
    assert.equal(ibuprofen?.status, 'active');
    // FHIR-Converter's output for the same document has the same drug (as a Medication)
    assert.ok(fixtureText('ccda/fhir-converter-expected/DischargeSummary/Discharge_Summary-expected.json').includes('"code": "197806"'));
  });

  it("makes the document's encompassing encounter the Composition's encounter", () => {
    const discharge = convert('fhir-converter/Discharge_Summary.ccda');
    const composition: Composition = only(discharge, 'Composition');
    const encounter = discharge.entry?.find((entry) => entry.fullUrl === composition.encounter?.reference)?.resource as Encounter;
    assert.deepEqual(encounter.identifier, [{ system: 'urn:oid:2.16.840.1.113883.19', value: '9937012' }]);
    assert.equal(encounter.type, undefined); // the document's encounter code is commented out
    assert.deepEqual(encounter.period, { start: '2014-09-09T19:04:00-05:00', end: '2014-09-16T19:04:00-05:00' });
    assert.equal(encounter.status, 'finished');
  });

  it('records the source: Provenance with the custodian organisation and times, meta.source on every resource', () => {
    const provenance: Provenance = only(bundle, 'Provenance');
    assert.equal(provenance.recorded, '2026-11-26T03:00:00.000Z');
    assert.equal(provenance.occurredDateTime, '2014-10-15T10:30:26-05:00');
    const who = bundle.entry?.find((entry) => entry.fullUrl === provenance.agent[0]?.who.reference)?.resource as Organization;
    assert.equal(who.name, 'Good Health HIE');
    const sources = new Set((bundle.entry ?? []).map((entry) => entry.resource?.meta?.source));
    assert.equal(sources.size, 1);
    assert.ok([...sources][0]?.startsWith('urn:'));
  });

  it('keeps each section narrative as XHTML in the Composition', () => {
    const composition: Composition = only(bundle, 'Composition');
    const allergies = composition.section?.find((section) => section.title === 'ALLERGIES AND ADVERSE REACTIONS');
    assert.deepEqual(codes(allergies?.code), ['http://loinc.org|48765-2']);
    assert.match(allergies?.text?.div ?? '', /^<div xmlns="http:\/\/www\.w3\.org\/1999\/xhtml">/);
    assert.equal(allergies?.entry?.length, 1);
  });
});

describe('ccdaToFhir: clinical entries', () => {
  it('turns a negated "allergy to substance" with no substance into an active, confirmed "no known allergy"', () => {
    const allergy: AllergyIntolerance = only(convert('fhir-converter/CCD.ccda'), 'AllergyIntolerance');
    assert.deepEqual(codes(allergy.code), ['http://snomed.info/sct|716186003']);
    assert.deepEqual(codes(allergy.clinicalStatus), ['http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical|active']);
    assert.deepEqual(codes(allergy.verificationStatus), ['http://terminology.hl7.org/CodeSystem/allergyintolerance-verification|confirmed']);
  });

  it('turns a negated "drug allergy" into "no known drug allergy"', () => {
    const allergy: AllergyIntolerance = only(convert('fhir-converter/PROBLEMS_in_Empty_C-CDA_2.1-C-CDAR2.1.ccda'), 'AllergyIntolerance');
    assert.deepEqual(codes(allergy.code), ['http://snomed.info/sct|409137002']);
    assert.deepEqual(allergy.category, ['medication']);
  });

  it('converts allergies with substance, reaction, severity and onset', () => {
    const allergies: AllergyIntolerance[] = resources(convert('fhir-converter/Discharge_Summary.ccda'), 'AllergyIntolerance');
    const penicillin = allergies.find((allergy) => codes(allergy.code).includes('http://www.nlm.nih.gov/research/umls/rxnorm|7980'));
    assert.ok(penicillin);
    assert.equal(penicillin.onsetDateTime, '2007-05-01');
    assert.deepEqual(penicillin.category, ['medication']);
    assert.deepEqual(codes(penicillin.reaction?.[0]?.manifestation[0]), ['http://snomed.info/sct|73879007']);
    // SNOMED CT 371924009 "moderate to severe" is reported as the worse of the two
    assert.equal(penicillin.reaction?.[0]?.severity, 'severe');
  });

  it('converts immunizations with their CVX code, date and lot, and a negated one as not-done', () => {
    const immunizations: Immunization[] = resources(convert('fhir-converter/Discharge_Summary.ccda'), 'Immunization');
    const influenza = immunizations.find((immunization) => immunization.status === 'completed');
    assert.deepEqual(codes(influenza?.vaccineCode), ['http://hl7.org/fhir/sid/cvx|141']);
    assert.equal(influenza?.occurrenceDateTime, '2014-09-01');
    assert.equal(influenza?.lotNumber, '11234654AA');
    assert.equal(immunizations.filter((immunization) => immunization.status === 'not-done').length, 1);
  });

  it('converts results into a DiagnosticReport with Observations: value, unit, interpretation, reference range', () => {
    const bundle = convert('fhir-converter/Progress_Note.ccda');
    const hemoglobin = resources(bundle, 'Observation').find((observation: Observation) => codes(observation.code).includes('http://loinc.org|718-7'));
    assert.ok(hemoglobin);
    assert.deepEqual(hemoglobin.valueQuantity, { value: 13.2, unit: 'g/dL', system: 'http://unitsofmeasure.org', code: 'g/dL' });
    assert.equal(hemoglobin.effectiveDateTime, '2013-03-11T08:30:00-08:00');
    assert.deepEqual(codes(hemoglobin.interpretation?.[0]), ['http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation|N']);
    assert.deepEqual(hemoglobin.referenceRange?.[0]?.low, { value: 12, unit: 'g/dL', system: 'http://unitsofmeasure.org', code: 'g/dL' });
    assert.equal(hemoglobin.referenceRange?.[0]?.high?.value, 15.5);
    assert.deepEqual(codes(hemoglobin.category?.[0]), ['http://terminology.hl7.org/CodeSystem/observation-category|laboratory']);
    const hemoglobinUrl = bundle.entry?.find((entry) => entry.resource === hemoglobin)?.fullUrl;
    const report = resources(bundle, 'DiagnosticReport').find((candidate) => candidate.result?.some((reference) => reference.reference === hemoglobinUrl));
    assert.ok(report, 'a report lists the observation');
  });

  it('converts vital signs with the vital-signs category', () => {
    const systolic = resources(convert('fhir-converter/CCD.ccda'), 'Observation').find((observation: Observation) => codes(observation.code).includes('http://loinc.org|8480-6'));
    assert.ok(systolic);
    assert.deepEqual(codes(systolic.category?.[0]), ['http://terminology.hl7.org/CodeSystem/observation-category|vital-signs']);
    assert.deepEqual(systolic.valueQuantity, { value: 120, unit: 'mm[Hg]', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' });
  });

  it('converts medications with RxNorm, start date, timing, route and dose', () => {
    const statements: MedicationStatement[] = resources(convert('fhir-converter/Progress_Note.ccda'), 'MedicationStatement');
    const proventil = statements.find((statement) => codes(statement.medicationCodeableConcept).includes('http://www.nlm.nih.gov/research/umls/rxnorm|573621'));
    assert.ok(proventil);
    assert.equal(proventil.status, 'active');
    assert.equal(proventil.effectivePeriod?.start, '2013-01-03');
    assert.deepEqual(proventil.dosage?.[0]?.timing, { repeat: { period: 6, periodUnit: 'h' } });
    assert.deepEqual(codes(proventil.dosage?.[0]?.route), ['http://ncimeta.nci.nih.gov|C38216']);
    assert.deepEqual(proventil.dosage?.[0]?.doseAndRate?.[0]?.doseQuantity, { value: 2 });
  });

  it('converts problems with clinical status and onset, and encounters with their diagnoses', () => {
    const bundle = convert('vendor-samples/NIST Samples/CCDA_CCD_b1_Ambulatory_v2.xml');
    const conditions: Condition[] = resources(bundle, 'Condition');
    assert.ok(conditions.length > 0);
    for (const condition of conditions) assert.ok(condition.clinicalStatus ?? codes(condition.verificationStatus).some((code) => code.endsWith('|refuted')));
    const encounters: Encounter[] = resources(bundle, 'Encounter');
    assert.equal(encounters.length, 2); // the document's encompassing encounter and the one in the Encounters section
    for (const encounter of encounters) assert.equal(encounter.subject?.reference, bundle.entry?.find((entry) => entry.resource?.resourceType === 'Patient')?.fullUrl);
  });
});

describe('ccdaToFhir: compared with FHIR-Converter', () => {
  for (const { document, expected } of PAIRS) {
    if (!expected) continue;
    it(`agrees with FHIR-Converter on the patient and the coded entries of ${document}`, () => {
      const ours = convert(document);
      const theirs = JSON.parse(fixtureText(`ccda/${expected}`)) as Bundle;
      const ourPatient = only(ours, 'Patient');
      const theirPatient = only(theirs, 'Patient');
      assert.equal(ourPatient.gender, theirPatient.gender);
      assert.equal(ourPatient.birthDate, theirPatient.birthDate?.slice(0, 10));
      assert.deepEqual(ourPatient.name?.map((name) => name.family), theirPatient.name?.map((name) => name.family));
      assert.deepEqual(
        (ourPatient.identifier ?? []).map((identifier) => identifier.value),
        (theirPatient.identifier ?? []).map((identifier) => identifier.value),
      );
      // every condition, allergy and immunization code FHIR-Converter found, we found too
      const codesOf = (bundle: Bundle) =>
        new Set(
          [...resources(bundle, 'Condition').map((r) => r.code), ...resources(bundle, 'AllergyIntolerance').map((r) => r.code), ...resources(bundle, 'Immunization').map((r) => r.vaccineCode)].flatMap((concept) =>
            (concept?.coding ?? []).flatMap((coding) => (coding.code ? [coding.code] : [])),
          ),
        );
      const ourCodes = codesOf(ours);
      // FHIR-Converter keeps a negated "Problem" (55607006, "no known problems") as a Condition; we do not
      // (a refuted "Problem" is no condition), and leave the statement to the section's narrative
      for (const code of [...codesOf(theirs)].filter((code) => code !== '55607006')) assert.ok(ourCodes.has(code), `${code} found`);
      if (resources(theirs, 'Encounter').length > 0) assert.ok(resources(ours, 'Encounter').length > 0, 'the encounter too');
      const theirObservationCodes = resources(theirs, 'Observation').flatMap((observation) => observation.code.coding?.map((coding) => coding.code) ?? []);
      const ourObservationCodes = new Set(resources(ours, 'Observation').flatMap((observation) => observation.code.coding?.map((coding) => coding.code) ?? []));
      const shared = theirObservationCodes.filter((code) => code !== undefined && ourObservationCodes.has(code));
      // FHIR-Converter also makes Observations of social history and of panels, which we leave to the narrative
      if (resources(theirs, 'DiagnosticReport').length > 0) assert.ok(shared.length > 0, 'some result observations in common');
    });
  }
});

describe('ccdaToFhir: bad input', () => {
  const ccd = fixtureText('ccda/fhir-converter/CCD.ccda');

  it('refuses XML that is not well-formed, naming where', () => {
    const xml = '<ClinicalDocument xmlns="urn:hl7-org:v3"><recordTarget></ClinicalDocument>';
    assert.throws(() => ccdaToFhir(xml), (error: unknown) => error instanceof CcdaError && error.path === '/' && /not well-formed XML/.test(error.message));
  });

  it('refuses entity references instead of expanding them (no DTD, no external entities)', () => {
    const xml = '<?xml version="1.0"?><!DOCTYPE ClinicalDocument [<!ENTITY secret SYSTEM "file:///etc/passwd">]><ClinicalDocument xmlns="urn:hl7-org:v3">&secret;</ClinicalDocument>';
    assert.throws(() => ccdaToFhir(xml), (error: unknown) => error instanceof CcdaError && /entity/.test(error.message));
  });

  it('refuses a document that is not a C-CDA ClinicalDocument', () => {
    assert.throws(() => ccdaToFhir('<ClinicalDocument xmlns="urn:example"/>'), errorAt('/ClinicalDocument'));
    assert.throws(() => ccdaToFhir('<section xmlns="urn:hl7-org:v3"><title>Problems</title></section>'), (error: unknown) => error instanceof CcdaError && /not a C-CDA document: the root element is <section>/.test(error.message));
    // a section snippet that uses the xsi: prefix without declaring it is not even namespace-well-formed
    assert.throws(() => ccdaToFhir(fixtureText('ccda/snippet-no-known-problems.xml')), errorAt('/'));
    assert.throws(() => ccdaToFhir(42 as unknown as string), CcdaError);
  });

  it('names the missing patientRole by its XPath', () => {
    const xml = ccd.replace(/<patientRole>[\s\S]*<\/patientRole>/, '');
    assert.throws(() => ccdaToFhir(xml), errorAt('/ClinicalDocument/recordTarget[1]/patientRole'));
  });

  it('names a malformed timestamp by its XPath', () => {
    const xml = ccd.replace('<birthTime value="19501219"/>', '<birthTime value="1950-12-19"/>');
    assert.throws(() => ccdaToFhir(xml), errorAt('/ClinicalDocument/recordTarget[1]/patientRole[1]/patient[1]/birthTime[1]'));
  });

  it('names a malformed number inside an entry by its XPath', () => {
    const xml = ccd.replace('<value xsi:type="PQ" value="120" unit="mm[Hg]"/>', '<value xsi:type="PQ" value="12O" unit="mm[Hg]"/>');
    assert.throws(() => ccdaToFhir(xml), errorAt(/^\/ClinicalDocument\/component\[1\]\/structuredBody\[1\]\/component\[\d+\]\/section\[1\]\/entry\[1\]\/organizer\[1\]\/component\[1\]\/observation\[1\]\/value\[1\]$/));
  });
});

describe('ccdaToFhir: narrative safety', () => {
  it('rebuilds the narrative from known elements only: no script, handler, style or javascript: link survives', () => {
    const hostile =
      '<text><paragraph onclick="alert(1)" styleCode="Bold">Hi <content ID="x1">there</content></paragraph>' +
      '<script xmlns="http://www.w3.org/1999/xhtml">alert(2)</script>' +
      '<linkHtml href="javascript:alert(3)">bad</linkHtml><linkHtml href="https://example.org/a">good</linkHtml>' +
      '<renderMultiMedia referencedObject="img1"/><table><tbody><tr><td colspan="2">&lt;b&gt;</td></tr></tbody></table></text>';
    const xml = fixtureText('ccda/fhir-converter/CCD.ccda').replace(/<text>[\s\S]*?<\/text>/, hostile);
    const composition: Composition = only(ccdaToFhir(xml, { now: NOW }), 'Composition');
    const div = composition.section?.[0]?.text?.div ?? '';
    assert.equal(
      div,
      '<div xmlns="http://www.w3.org/1999/xhtml"><p>Hi <span id="x1">there</span></p>alert(2)<a>bad</a><a href="https://example.org/a">good</a><table><tbody><tr><td colspan="2">&lt;b&gt;</td></tr></tbody></table></div>',
    );
  });
});

describe('ccdaToFhir: vendor documents', () => {
  it('turns an intended medication (moodCode INT) into a MedicationRequest with the dosage text from the narrative', () => {
    const requests = resources(convert('vendor-samples/Cerner Samples/problems-and-medications.xml'), 'MedicationRequest');
    const request = requests.find((candidate) => codes(candidate.medicationCodeableConcept).includes('http://www.nlm.nih.gov/research/umls/rxnorm|314076'));
    assert.ok(request);
    assert.equal(request.status, 'completed');
    assert.equal(request.intent, 'plan');
    const dosage = request.dosageInstruction?.[0];
    assert.equal(dosage?.text, '= 1 cap(s), PO, Once Daily, 10 cap(s)');
    assert.deepEqual(dosage?.timing?.repeat?.boundsPeriod, { start: '2008-09-22T08:58:00.000-05:00' });
    assert.deepEqual(codes(dosage?.route), ['http://ncimeta.nci.nih.gov|C38288']);
    assert.deepEqual(dosage?.doseAndRate?.[0]?.doseQuantity, { value: 1 });
  });

  it('converts an encounter with its type, date and diagnosis, and a procedure with its body site', () => {
    const bundle = convert('vendor-samples/NIST Samples/CCDA_CCD_b1_Ambulatory_v2.xml');
    const encounter = resources(bundle, 'Encounter').find((candidate) => codes(candidate.type?.[0]).includes('http://www.ama-assn.org/go/cpt|99222'));
    assert.ok(encounter);
    assert.equal(encounter.period?.start, '2012-08-06');
    const diagnosis = bundle.entry?.find((entry) => entry.fullUrl === encounter.diagnosis?.[0]?.condition.reference)?.resource as Condition;
    assert.deepEqual(codes(diagnosis.category?.[0]), ['http://terminology.hl7.org/CodeSystem/condition-category|encounter-diagnosis']);
    const procedure = only(bundle, 'Procedure');
    assert.deepEqual(codes(procedure.code), ['http://snomed.info/sct|168731009']);
    assert.equal(procedure.status, 'completed');
    assert.equal(procedure.performedDateTime, '2012-08-07');
    assert.deepEqual(codes(procedure.bodySite?.[0]), ['http://snomed.info/sct|82094008']);
  });
});

describe('ccdaToFhir: into the chart', () => {
  it('imports so that the chart reads the no-known-allergies statement as such', async () => {
    const store = new MemoryStore();
    const bundle = convert('fhir-converter/CCD.ccda');
    const { idMap } = await importBundle(store, bundle);
    const patientUrl = bundle.entry?.find((entry) => entry.resource?.resourceType === 'Patient')?.fullUrl ?? '';
    const patientId = idMap.get(patientUrl)?.split('/')[1] ?? '';
    const summary = await allergySummary(store, patientId);
    assert.equal(summary.status, 'no-known-allergies');
  });
});
