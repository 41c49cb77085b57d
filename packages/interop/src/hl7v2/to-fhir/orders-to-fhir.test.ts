import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Appointment, Bundle, ChargeItem, DocumentReference, Immunization, Location, MedicationRequest, Practitioner, Resource } from '@chartwell/fhir';
import { validate } from '@chartwell/fhir';
import { importBundle, MemoryStore } from '@chartwell/core';
import { hl7v2ToFhir } from '@chartwell/interop';
import { collectReferences, fixtureJson, fixtureText } from '../../../../../test/support/fixtures.js';

const ofType = <T extends Resource>(bundle: Bundle, type: T['resourceType']): T[] =>
  (bundle.entry ?? []).map((e) => e.resource).filter((r): r is T => r?.resourceType === type);
const one = <T extends Resource>(bundle: Bundle, type: T['resourceType']): T => {
  const found = ofType<T>(bundle, type);
  assert.equal(found.length, 1, `one ${type}`);
  return found[0] as T;
};
const byUrl = (bundle: Bundle, url: string | undefined) => bundle.entry?.find((e) => e.fullUrl === url)?.resource;
const patientUrl = (bundle: Bundle) => bundle.entry?.find((e) => e.resource?.resourceType === 'Patient')?.fullUrl;

describe('hl7v2ToFhir: scheduling, immunizations, pharmacy orders, charges and documents', () => {
  it('every sample gives valid resources, all references inside the Bundle', () => {
    for (const name of ['SIU-S12-01', 'SIU-S13-01', 'SIU-S15-01', 'VXU-V04-01', 'VXU', 'RDE-O11-01', 'DFT-P03-01', 'MDM-T02-01', 'MDM-T02-03']) {
      const bundle = hl7v2ToFhir(fixtureText(`hl7v2/${name}.hl7`));
      const urls = new Set(bundle.entry?.map((e) => e.fullUrl));
      for (const entry of bundle.entry ?? []) assert.equal(validate(entry.resource).valid, true, `${name} ${entry.resource?.resourceType}`);
      for (const reference of collectReferences(bundle)) assert.ok(urls.has(reference), `${name}: ${reference}`);
    }
  });

  it('SIU^S12 → Appointment: IDs, reason, type, status, start and end from the resources\' start and duration, participants', () => {
    const bundle = hl7v2ToFhir(fixtureText('hl7v2/SIU-S12-01.hl7'));
    const appointment = one<Appointment>(bundle, 'Appointment');
    assert.deepEqual(appointment.identifier?.map((i) => [i.type?.coding?.[0]?.code, i.value]), [['FILL', '36996'], ['PLAC', '12345']]); // SCH-2, SCH-1
    assert.equal(appointment.status, 'booked'); // SCH-25 Booked
    assert.equal(appointment.reasonCode?.[0]?.coding?.[0]?.code, 'EMERGENCY'); // SCH-7
    assert.equal(appointment.appointmentType?.coding?.[0]?.code, 'Normal'); // SCH-8
    // AIS/AIG/AIL/AIP: 20210924093000+0215 for 50 min
    assert.equal(appointment.start, '2021-09-24T09:30:00+02:15');
    assert.equal(appointment.end, '2021-09-24T10:20:00+02:15');
    assert.equal(appointment.minutesDuration, 50);
    assert.deepEqual(appointment.serviceType?.[0]?.coding?.[0], { system: 'http://snomed.info/sct', code: '76164006', display: 'Biopsy of colon (procedure)' }); // AIS-3
    const actors = appointment.participant.map((p) => byUrl(bundle, p.actor?.reference));
    assert.equal(appointment.participant[0]?.actor?.reference, patientUrl(bundle));
    assert.ok(actors.some((a) => a?.resourceType === 'Practitioner' && (a as Practitioner).name?.[0]?.family === 'GE')); // AIP-3 1210^GE^Robert^C
    assert.ok(actors.some((a) => a?.resourceType === 'Location' && (a as Location).name === 'GH Clinic, 055, Room01')); // AIL-3 055^Room01^^GH Clinic
  });

  it('SIU^S13 takes its times from TQ1; SIU^S15 cancels; both update the appointment stored from S12', async () => {
    const s13 = one<Appointment>(hl7v2ToFhir(fixtureText('hl7v2/SIU-S13-01.hl7')), 'Appointment');
    assert.equal(s13.start, '2021-09-24T09:30:00+02:15'); // TQ1-7
    assert.equal(s13.end, '2021-09-24T10:20:00+02:15'); // TQ1-8
    const store = new MemoryStore();
    // SCH-2 36996 has no assigning authority in the samples: name one, and tell the converter its system
    const options = { identifierSystems: { SCHApp: 'urn:oid:2.16.840.1.122848.1.30' } };
    const withAuthority = (name: string) => fixtureText(`hl7v2/${name}.hl7`).replace('SCH|12345|36996|', 'SCH|12345|36996^SCHApp|');
    await importBundle(store, hl7v2ToFhir(withAuthority('SIU-S12-01'), options));
    await importBundle(store, hl7v2ToFhir(withAuthority('SIU-S15-01'), options));
    const stored = await store.search('Appointment', {});
    assert.equal(stored.length, 1);
    assert.equal(stored[0]?.status, 'cancelled');
  });

  it('VXU^V04 → Immunization: vaccine, date, dose, lot, expiry, manufacturer, route, site, providers', () => {
    const bundle = hl7v2ToFhir(fixtureText('hl7v2/VXU-V04-01.hl7'));
    const immunization = one<Immunization>(bundle, 'Immunization');
    // RXA|0|1|20210818||49281021588^TENIVAC^NDC|0.5|mL^mL^UCUM||00^New Record^NIP001|7824^Jackson^Lily…||||315841|20211216|PMC^Sanofi Pasteur^MVX|||CP|A
    assert.deepEqual(immunization.vaccineCode.coding, [{ system: 'http://hl7.org/fhir/sid/ndc', code: '49281021588', display: 'TENIVAC' }]);
    assert.equal(immunization.status, 'completed');
    assert.equal(immunization.occurrenceDateTime, '2021-08-18');
    assert.deepEqual(immunization.doseQuantity, { value: 0.5, unit: 'mL', system: 'http://unitsofmeasure.org', code: 'mL' });
    assert.equal(immunization.primarySource, true);
    assert.equal(immunization.lotNumber, '315841');
    assert.equal(immunization.expirationDate, '2021-12-16');
    assert.deepEqual(immunization.manufacturer, { identifier: { system: 'http://terminology.hl7.org/CodeSystem/MVX', value: 'PMC' }, display: 'Sanofi Pasteur' });
    assert.equal(immunization.route?.coding?.[0]?.code, 'C28161'); // RXR-1 C28161^Intramuscular^NCIT
    assert.deepEqual(immunization.site?.coding?.[0], { system: 'http://terminology.hl7.org/CodeSystem/v2-0163', code: 'RD', display: 'Right Deltoid' });
    assert.equal(immunization.patient.reference, patientUrl(bundle));
    assert.deepEqual(immunization.identifier?.[0]?.value, '13696'); // ORC-3
    const performers = immunization.performer?.map((p) => [p.function?.coding?.[0]?.code, (byUrl(bundle, p.actor.reference) as Practitioner).name?.[0]?.family]);
    assert.deepEqual(performers, [['AP', 'Jackson'], ['OP', 'Thomas']]);
  });

  it('VXU with historical doses: one Immunization per RXA, not a primary source, unknown dose (999) left out', () => {
    const immunizations = ofType<Immunization>(hl7v2ToFhir(fixtureText('hl7v2/VXU.hl7')), 'Immunization');
    assert.deepEqual(
      immunizations.map((i) => [i.vaccineCode.coding?.[0]?.code, i.occurrenceDateTime, i.primarySource, i.reportOrigin?.coding?.[0]?.code, i.doseQuantity?.value]),
      [
        ['49281-0215-88', '2015-06-24', true, undefined, 0.5],
        ['88', '2014-10-12', false, '01', undefined],
        ['88', '2013-11-12', false, '01', undefined],
      ],
    );
  });

  it('RDE^O11 → MedicationRequest: drug name exactly as sent, dose, instructions, dispense and refills', () => {
    const request = one<MedicationRequest>(hl7v2ToFhir(fixtureText('hl7v2/RDE-O11-01.hl7')), 'MedicationRequest');
    assert.equal(request.status, 'active'); // ORC-1 NW
    assert.equal(request.intent, 'order');
    assert.equal(request.medicationCodeableConcept?.coding?.[0]?.code, '0143963401');
    assert.equal(request.medicationCodeableConcept?.text, 'niCARdipine (CARDENE) in NaCl IV infusion 40 mg/200 mL (0.2 mg/mL)'); // RXE-2.9, tall-man letters kept
    assert.equal(request.identifier?.[0]?.value, '1163422591'); // ORC-2
    assert.equal(request.authoredOn, '2019-11-04T06:27:26+02:15'); // ORC-9
    const dosage = request.dosageInstruction?.[0];
    assert.deepEqual(dosage?.doseAndRate?.[0]?.doseQuantity, { value: 5, unit: 'mg/hr' }); // RXE-3 5, RXE-5 43^mg/hr
    assert.match(dosage?.text ?? '', /^Titrate to BP less than 180\nStarting dose is 5 mg\/hr\./); // RXE-7 repetitions
    assert.deepEqual(dosage?.route?.coding?.[0], { code: 'IV', display: 'Intravenous' }); // the RXR after RXE
    assert.deepEqual(request.dispenseRequest, { quantity: { value: 3, unit: 'Bag' }, numberOfRepeatsAllowed: 12 }); // RXE-10, 11, 12
  });

  it('DFT^P03 → a ChargeItem per FT1: code, quantity, price, diagnoses, performer', () => {
    const bundle = hl7v2ToFhir(fixtureText('hl7v2/DFT-P03-01.hl7'));
    const charges = ofType<ChargeItem>(bundle, 'ChargeItem');
    assert.deepEqual(
      charges.map((c) => [c.code.coding?.[0]?.system, c.code.coding?.[0]?.code, c.quantity?.value, c.priceOverride, c.occurrenceDateTime, c.reason?.map((r) => r.coding?.[0]?.code), c.status]),
      [
        ['http://www.ama-assn.org/go/cpt', '71045', 2, { value: 100, currency: 'USD' }, '2019-11-22', ['29857009', '68235000'], 'billable'],
        [undefined, '626.2', 1, { value: 120, currency: 'USD' }, '2019-11-22', ['29857009'], 'billable'],
      ],
    );
    const performer = byUrl(bundle, charges[0]?.performer?.[0]?.actor.reference) as Practitioner;
    assert.deepEqual(performer.identifier?.[0], { type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'NPI' }] }, system: 'urn:oid:2.16.840.1.113883.4.6', value: '9941339108' });
    assert.equal(charges[0]?.productCodeableConcept?.coding?.[0]?.code, '0182-1061-05');
    assert.equal(charges[0]?.subject.reference, patientUrl(bundle));
  });

  it('MDM^T02 → DocumentReference with the TX lines as its text content', () => {
    const document = one<DocumentReference>(hl7v2ToFhir(fixtureText('hl7v2/MDM-T02-03.hl7')), 'DocumentReference');
    assert.equal(document.status, 'current');
    assert.equal(document.docStatus, 'preliminary'); // TXA-17 IP
    assert.equal(document.type?.coding?.[0]?.code, 'DS'); // TXA-2
    assert.equal(document.masterIdentifier?.value, '2RWRVAJ627408'); // TXA-12
    assert.equal(document.date, '2021-08-01T09:06:42+02:15'); // TXA-4
    const attachment = document.content[0]?.attachment;
    assert.equal(attachment?.contentType, 'text/plain; charset=utf-8');
    const text = Buffer.from(attachment?.data ?? '', 'base64').toString('utf8').split('\n');
    assert.equal(text.length, 29);
    assert.equal(text[0], 'Toilet cylinder crackers model step-mother visor opening communication');
    assert.equal(text[28], 'Reminder shofar congo vibration mother-in-law bondsman suspect');
  });

  it('MDM without content in the message still names the document, and is final when authenticated', () => {
    const document = one<DocumentReference>(hl7v2ToFhir(fixtureText('hl7v2/MDM-T02-01.hl7')), 'DocumentReference');
    assert.equal(document.docStatus, 'final'); // TXA-17 AU
    assert.equal(document.masterIdentifier?.value, '1.2.840.317.5947431.51.20080131160038');
    assert.equal(document.content.length, 1);
    assert.equal(document.content[0]?.attachment.data, undefined);
    assert.match(document.content[0]?.attachment.title ?? '', /1\.2\.840\.317\.5947431\.51\.20080131160038/);
  });

  it('has the clinical resource types FHIR-Converter produces for the paired samples', () => {
    const pairs: [string, Resource['resourceType']][] = [
      ['SIU-S12-01', 'Appointment'],
      ['VXU-V04-01', 'Immunization'],
      ['RDE-O11-01', 'MedicationRequest'],
      ['DFT-P03-01', 'ChargeItem'],
      ['MDM-T02-01', 'DocumentReference'],
    ];
    for (const [name, type] of pairs) {
      const ours = ofType(hl7v2ToFhir(fixtureText(`hl7v2/${name}.hl7`)), type);
      const theirs = ofType(fixtureJson<Bundle>(`hl7v2-fhir/${name}-expected.json`), type);
      assert.ok(theirs.length > 0, `${name}: FHIR-Converter has ${type}`);
      // RDE-O11-01: FHIR-Converter also makes a MedicationRequest from the RXO of the order (the pharmacy's view of the prescription)
      if (type !== 'MedicationRequest') assert.equal(ours.length, theirs.length, `${name} ${type}`);
      else assert.equal(ours.length, 1);
    }
    const [ourShot] = ofType<Immunization>(hl7v2ToFhir(fixtureText('hl7v2/VXU-V04-01.hl7')), 'Immunization');
    const [theirShot] = ofType<Immunization>(fixtureJson<Bundle>('hl7v2-fhir/VXU-V04-01-expected.json'), 'Immunization');
    assert.equal(ourShot?.vaccineCode.coding?.[0]?.code, theirShot?.vaccineCode.coding?.[0]?.code);
    assert.equal(ourShot?.lotNumber, theirShot?.lotNumber);
    assert.equal(ourShot?.status, theirShot?.status);
    const [ourCharge] = ofType<ChargeItem>(hl7v2ToFhir(fixtureText('hl7v2/DFT-P03-01.hl7')), 'ChargeItem');
    const theirCharges = ofType<ChargeItem>(fixtureJson<Bundle>('hl7v2-fhir/DFT-P03-01-expected.json'), 'ChargeItem');
    assert.ok(theirCharges.some((c) => c.code.coding?.[0]?.code === ourCharge?.code.coding?.[0]?.code));
  });
});
