import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { MedicationRequest, MedicationStatement, Patient, Resource } from '@chartwell/fhir';
import { fixtureJson } from '../../../../test/support/fixtures.js';
import { failingSearches, rawStore, storeWith, syntheaResources } from '../../../../test/support/chart-fixtures.js';
import { UnavailableError } from '../store/errors.js';
import { medicationList } from './medication-list.js';

const asOf = new Date(Date.UTC(2026, 10, 26, 12, 0));
const gb = { locale: 'en-GB', timeZone: 'UTC', asOf } as const;
const TOBIE = 'Tobie_Rempel_38cde5fd-1861-44db-b7cc-58769b464658.json';
const TOBIE_ID = 'fa13bf47-8c74-40dd-a976-94deeada0e17';
const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';
const pat1: Patient = { resourceType: 'Patient', id: 'pat1' };

/** A MedicationRequest of Patient/pat1; `fields` override. */
function request(id: string, fields: Partial<MedicationRequest> = {}): MedicationRequest {
  return {
    resourceType: 'MedicationRequest',
    id,
    status: 'active',
    intent: 'order',
    medicationCodeableConcept: { coding: [{ system: RXNORM, code: '197361', display: 'Amlodipine 5 MG Oral Tablet' }] },
    subject: { reference: 'Patient/pat1' },
    authoredOn: '2026-01-10',
    ...fields,
  };
}

const listOf = async (resources: Resource[], options = {}) => medicationList(await storeWith([pat1, ...resources]), 'pat1', { ...gb, ...options });

describe('medicationList on Synthea: Tobie Rempel', () => {
  it('lists her three active orders as current, newest start first, with prescribers', async () => {
    const list = await medicationList(await storeWith(syntheaResources(TOBIE)), TOBIE_ID, gb);
    assert.deepEqual(
      list.current.map((item) => [item.name, item.displayStatus, item.startText]),
      [
        ['Simvistatin 10 MG', 'Started', '16-Nov-2005 03:33'],
        ['Alendronic acid 10 MG Oral Tablet', 'Started', '07-Dec-2004 03:33'],
        ['Vitamin B 12 5 MG/ML Injectable Solution', 'Started', '14-Jun-1977 03:33'],
      ],
    );
    const [simvastatin, alendronic] = list.current;
    assert.equal(simvastatin?.kind, 'prescribed');
    assert.equal(simvastatin?.code, `${RXNORM}|316672`);
    assert.equal(simvastatin?.dosage, '1 once daily');
    assert.equal(simvastatin?.asNeeded, false);
    assert.equal(simvastatin?.prescriber, 'Dr. Terrance Schultz');
    assert.equal(simvastatin?.endText, 'Not recorded');
    assert.equal(alendronic?.dosage, 'No dosage recorded');
    assert.deepEqual(list.duplicateGroups, []);
  });

  it('keeps her eleven stopped orders in the past as Discontinued, newest first', async () => {
    const list = await medicationList(await storeWith(syntheaResources(TOBIE)), TOBIE_ID, gb);
    assert.equal(list.past.length, 11);
    assert.ok(list.past.every((item) => item.displayStatus === 'Discontinued' && item.status === 'stopped'));
    assert.deepEqual(new Set(list.past.slice(0, 2).map((item) => item.name)), new Set(['Clopidogrel 75 MG Oral Tablet', 'Alteplase 100 MG Injection']));
    assert.equal(list.past.find((item) => item.name === 'Clopidogrel 75 MG Oral Tablet')?.prescriber, 'Dr. Peggie Bradtke');
    assert.deepEqual(
      list.past.slice(2).map((item) => item.startDate?.slice(0, 10)),
      ['2004-11-16', '2003-11-17', '2002-11-17', '2001-11-17', '2000-11-17', '1999-11-18', '1999-08-01', '1998-11-18', '1997-11-18'],
    );
    assert.equal(list.past[8]?.name, 'Acetaminophen 325 MG Oral Tablet');
    assert.deepEqual(list.recentlyStopped, { count: 0, days: 30 });
    assert.deepEqual(list.excluded, []);
  });
});

describe('medicationList on the official examples', () => {
  const medrx0302 = fixtureJson<MedicationRequest>('fhir/MedicationRequest-medrx0302.json');
  const medrx0310 = fixtureJson<MedicationRequest>('fhir/MedicationRequest-medrx0310.json');
  const statement = fixtureJson<MedicationStatement>('fhir/MedicationStatement-example001.json');

  it('resolves contained Medications and writes the structured dosage beside the text', async () => {
    const list = await listOf([medrx0310]);
    const [tylenol] = list.current;
    assert.equal(tylenol?.name, 'Tylenol PM');
    assert.equal(tylenol?.code, 'http://hl7.org/fhir/sid/ndc|50580-506-02');
    assert.equal(tylenol?.structuredDosage, '1–2 TAB by mouth once daily as needed for Restless Legs');
    assert.equal(tylenol?.dosageText, 'Take 1-2 tablets once daily at bedtime as needed for restless legs');
    assert.equal(tylenol?.dosage, tylenol?.structuredDosage);
    assert.equal(tylenol?.dosageMismatch, false);
    assert.equal(tylenol?.asNeeded, true);
    assert.equal(tylenol?.prescriber, 'Patrick Pump');
    assert.equal(tylenol?.startText, '15-Jan-2015');
  });

  it('flags the disagreement in medrx0302 ("One tablet daily" against four times a day) and shows it expired, not discontinued', async () => {
    const list = await listOf([medrx0302]);
    assert.deepEqual(list.current, []);
    const [azithromycin] = list.past;
    assert.equal(azithromycin?.name, 'Azithromycin 250mg capsule (product)');
    assert.equal(azithromycin?.displayStatus, 'Completed');
    assert.equal(azithromycin?.expired, true);
    assert.equal(azithromycin?.structuredDosage, '2 TAB by mouth once daily; 1 TAB by mouth four times daily');
    assert.equal(azithromycin?.dosageText, 'Two tablets at once; One tablet daily for 4 days');
    assert.equal(azithromycin?.dosageMismatch, true);
    assert.equal(azithromycin?.endDate, '2016-01-15');
    assert.equal(azithromycin?.endText, '15-Jan-2016');
  });

  it('groups a prescribed and a reported line for the same drug, hiding neither', async () => {
    const list = await listOf([medrx0310, statement]);
    assert.equal(list.current.length, 2);
    const reported = list.current.find((item) => item.kind === 'reported');
    assert.equal(reported?.reference, 'MedicationStatement/example001');
    assert.equal(reported?.prescriber, 'Donald Duck');
    assert.equal(reported?.startText, '23-Jan-2015');
    assert.deepEqual(reported?.duplicates, ['MedicationRequest/medrx0310']);
    assert.deepEqual(list.duplicateGroups, [{ name: 'Tylenol PM', references: ['MedicationRequest/medrx0310', 'MedicationStatement/example001'] }]);
    assert.deepEqual(list.current.map((item) => item.reference), ['MedicationStatement/example001', 'MedicationRequest/medrx0310']);
  });

  it("names a referenced Medication the store lacks by the reference's display (US Core Axid)", async () => {
    const axid = fixtureJson<MedicationRequest>('us-core/medicationrequest-referenced-oral-axid.json');
    const list = await listOf([{ ...axid, subject: { reference: 'Patient/pat1' } }]);
    const [line] = list.current;
    assert.equal(line?.name, 'Nizatidine 15 MG/ML Oral Solution [Axid]');
    assert.equal(line?.structuredDosage, '10 ml by mouth twice daily');
    assert.equal(line?.dosageText, '10 mL bid');
    assert.equal(line?.dosageMismatch, false);
    assert.equal(line?.startDate, '2008-04-05');
    assert.equal(line?.prescriber, 'Ronald Bone, MD');
  });

  it('reads a referenced Medication from the store (US Core uscore-med1)', async () => {
    const med = fixtureJson<Resource>('us-core/uscore-med1.json');
    const list = await listOf([med, request('r', { medicationCodeableConcept: undefined, medicationReference: { reference: `Medication/${med.id ?? ''}` } })]);
    assert.notEqual(list.current[0]?.name, 'Unnamed medication');
    assert.equal(list.current[0]?.name, 'lisinopril 10 MG Oral Tablet [Prinivil]');
    assert.equal(list.current[0]?.code, `${RXNORM}|206765`);
  });
});

describe('medicationList: status rules', () => {
  it('shows on-hold as Suspended, emphasised, in the current list', async () => {
    const list = await listOf([request('held', { status: 'on-hold' })]);
    assert.deepEqual(list.current.map((item) => [item.displayStatus, item.emphasised]), [['Suspended', true]]);
  });

  it('never lists entered-in-error, draft, cancelled, proposals or not-taken statements', async () => {
    const notTaken: MedicationStatement = { resourceType: 'MedicationStatement', id: 'nt', status: 'not-taken', medicationCodeableConcept: { text: 'Aspirin' }, subject: { reference: 'Patient/pat1' } };
    const list = await listOf([
      request('error', { status: 'entered-in-error' }),
      request('draft', { status: 'draft' }),
      request('cancelled', { status: 'cancelled' }),
      request('proposal', { intent: 'proposal' }),
      notTaken,
    ]);
    assert.deepEqual(list.current, []);
    assert.deepEqual(list.past, []);
    assert.deepEqual(
      [...list.excluded].map((e) => `${e.reference} ${e.reason}`).sort(),
      ['MedicationRequest/cancelled cancelled', 'MedicationRequest/draft draft', 'MedicationRequest/error entered-in-error', 'MedicationRequest/proposal not-an-order', 'MedicationStatement/nt not-taken'],
    );
  });

  it('gives every line a status word: not started, completed, discontinued, unknown', async () => {
    const intended: MedicationStatement = { resourceType: 'MedicationStatement', id: 'intended', status: 'intended', medicationCodeableConcept: { text: 'Metformin' }, subject: { reference: 'Patient/pat1' } };
    const list = await listOf([
      request('future', { dosageInstruction: [{ timing: { repeat: { boundsPeriod: { start: '2027-01-01' } } } }] }),
      request('done', { status: 'completed' }),
      request('stopped', { status: 'stopped' }),
      request('unknown', { status: 'unknown' }),
      intended,
    ]);
    const status = Object.fromEntries([...list.current, ...list.past].map((item) => [item.id, item.displayStatus]));
    assert.deepEqual(status, { future: 'Not started', done: 'Completed', stopped: 'Discontinued', unknown: 'Status unknown', intended: 'Not started' });
    assert.deepEqual(new Set(list.current.map((item) => item.id)), new Set(['future', 'unknown', 'intended']));
    assert.ok([...list.current, ...list.past].every((item) => item.displayStatus.length > 0));
  });

  it('sorts the past by end date and counts the recently stopped', async () => {
    const ended = (id: string, end: string) => request(id, { status: 'stopped', dosageInstruction: [{ timing: { repeat: { boundsPeriod: { start: '2025-01-01', end } } } }] });
    const list = await listOf([ended('long-ago', '2025-06-01'), ended('last-week', '2026-11-19'), ended('last-month', '2026-10-20')]);
    assert.deepEqual(list.past.map((item) => item.id), ['last-week', 'last-month', 'long-ago']);
    assert.deepEqual(list.recentlyStopped, { count: 1, days: 30 });
    const wider = await listOf([ended('last-week', '2026-11-19'), ended('last-month', '2026-10-20')], { recentDays: 60 });
    assert.equal(wider.recentlyStopped.count, 2);
    assert.equal(list.past[0]?.endText, '19-Nov-2026');
  });
});

describe('medicationList: names and numbers', () => {
  it('keeps Tall Man lettering and brand capitals, and never truncates', async () => {
    const name = 'hydrOXYzine HCl 25 MG Oral Tablet [ATARAX] extended name that goes on well past any column width';
    const list = await listOf([request('tallman', { medicationCodeableConcept: { text: name } })]);
    assert.equal(list.current[0]?.name, name);
  });

  it('writes 0.5 not .5, 5 not 5.0, and a dose without a unit as the number alone', async () => {
    const dose = (value: number, unit?: string) => [{ doseAndRate: [{ doseQuantity: { value, ...(unit && { unit }) } }], timing: { repeat: { frequency: 1, period: 8, periodUnit: 'h' as const } } }];
    const list = await listOf([request('half', { dosageInstruction: dose(0.5, 'mg') }), request('five', { dosageInstruction: dose(5.0, 'mL') }), request('bare', { dosageInstruction: dose(2) })]);
    const dosage = Object.fromEntries(list.current.map((item) => [item.id, item.dosage]));
    assert.deepEqual(dosage, { half: '0.5 mg every 8 hours', five: '5 mL every 8 hours', bare: '2 every 8 hours' });
  });

  it('flags a text that names another dose', async () => {
    const list = await listOf([
      request('clash', {
        dosageInstruction: [{ text: 'Take 2 tablets twice daily', doseAndRate: [{ doseQuantity: { value: 1, unit: 'tablet' } }], timing: { repeat: { frequency: 1, period: 1, periodUnit: 'd' } } }],
      }),
    ]);
    assert.equal(list.current[0]?.dosageMismatch, true);
    assert.equal(list.current[0]?.dosageText, 'Take 2 tablets twice daily');
    assert.equal(list.current[0]?.structuredDosage, '1 tablet once daily');
  });
});

describe('medicationList: robustness', () => {
  it('is total over malformed records', async () => {
    const store = rawStore([
      { resourceType: 'MedicationRequest', id: 'odd', status: 'active', intent: 'order', dosageInstruction: [null, { doseAndRate: [null], timing: { repeat: null }, text: '  ' }], medicationReference: { reference: '#missing' } },
      { resourceType: 'MedicationStatement', id: 'bare' },
    ]);
    const list = await medicationList(store, 'pat1', gb);
    const byId = Object.fromEntries(list.current.map((item) => [item.id, item]));
    assert.equal(byId['odd']?.name, 'Unnamed medication');
    assert.equal(byId['odd']?.dosage, 'No dosage recorded');
    assert.equal(byId['bare']?.displayStatus, 'Status unknown');
    assert.equal(byId['bare']?.startText, 'Not recorded');
  });

  it("throws the store's typed error when the store fails", async () => {
    const store = failingSearches(await storeWith([pat1]), ['MedicationRequest'], new UnavailableError({}));
    await assert.rejects(medicationList(store, 'pat1', gb), UnavailableError);
  });
});
