import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Condition, Patient, Procedure, Resource } from '@chartwell/fhir';
import { fixtureJson } from '../../../../test/support/fixtures.js';
import { failingSearches, rawStore, storeWith, syntheaResources } from '../../../../test/support/chart-fixtures.js';
import { ForbiddenError } from '../store/errors.js';
import { problemList } from './problem-list.js';

const gb = { locale: 'en-GB', timeZone: 'UTC', asOf: new Date(Date.UTC(2026, 10, 26)) } as const;
const JOSEPH = 'Joseph_Goodwin_1d572d5f-8403-44f2-8b5f-b25e841e568c.json';
const JOSEPH_ID = '43f7ec4b-8cb9-4869-bc49-01b7c80ab49f';
const clinical = (code: string) => ({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code }] });
const verification = (code: string) => ({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code }] });
const chalmers = fixtureJson<Patient>('fhir/Patient-example.json');
const forExample = <R extends Resource>(resource: R): R => ({ ...resource, subject: { reference: 'Patient/example' } });

function condition(id: string, fields: Partial<Condition> = {}): Condition {
  return { resourceType: 'Condition', id, clinicalStatus: clinical('active'), verificationStatus: verification('confirmed'), code: { text: `Condition ${id}` }, subject: { reference: 'Patient/example' }, ...fields };
}

const listOf = async (resources: Resource[]) => problemList(await storeWith([chalmers, ...resources]), 'example', gb);

describe('problemList on Synthea: Joseph Goodwin', () => {
  it('lists his three active problems, newest onset first, with his age at onset', async () => {
    const problems = await problemList(await storeWith(syntheaResources(JOSEPH)), JOSEPH_ID, gb);
    assert.deepEqual(
      problems.activeProblems.map((p) => [p.name, p.onsetText, p.onsetAgeText, p.statusText, p.category]),
      [
        ['Chronic sinusitis (disorder)', '18-Sep-1999 20:30', '47y', 'Active', 'uncategorised'],
        ['Anemia (disorder)', '16-Dec-1980 20:30', '28y', 'Active', 'uncategorised'],
        ['Prediabetes', '13-Dec-1977 20:30', '25y', 'Active', 'uncategorised'],
      ],
    );
    assert.deepEqual(problems.activeEncounterDiagnoses, []);
    assert.deepEqual(problems.activeProblems[2]?.codes, ['SNOMED CT 15777000']);
  });

  it('keeps his two resolved conditions in the history, newest abatement first', async () => {
    const problems = await problemList(await storeWith(syntheaResources(JOSEPH)), JOSEPH_ID, gb);
    assert.deepEqual(
      problems.resolved.map((p) => [p.name, p.statusText, p.abatementText, p.abatementAgeText]),
      [
        ['Viral sinusitis (disorder)', 'Resolved', '04-Nov-2017 20:30', '65y'],
        ['Acute viral pharyngitis (disorder)', 'Resolved', '12-May-2013 20:30', '61y'],
      ],
    );
  });

  it('lists his seven procedures as treatment history, newest first', async () => {
    const problems = await problemList(await storeWith(syntheaResources(JOSEPH)), JOSEPH_ID, gb);
    assert.deepEqual(
      problems.procedures.map((p) => [p.name, p.performedText.slice(0, 11)]),
      [
        ['Documentation of current medications', '07-Apr-2020'],
        ['Documentation of current medications', '27-Mar-2018'],
        ['Colonoscopy', '21-Dec-2016'],
        ['Documentation of current medications', '15-Mar-2016'],
        ['Documentation of current medications', '04-Mar-2014'],
        ['Documentation of current medications', '21-Feb-2012'],
        ['Colonoscopy', '23-Dec-2011'],
      ],
    );
    const [latest] = problems.procedures;
    assert.equal(latest?.performedText, '07-Apr-2020 20:30 – 20:45');
    assert.equal(latest?.performedAgeText, '68y');
    assert.equal(latest?.statusText, 'Completed');
  });
});

describe('problemList on the official examples', () => {
  it('separates encounter diagnoses from problem-list items and keeps onset words as recorded', async () => {
    const problems = await listOf([fixtureJson<Condition>('fhir/Condition-example.json'), fixtureJson<Condition>('fhir/Condition-example2.json')]);
    const [burn] = problems.activeEncounterDiagnoses;
    assert.equal(burn?.name, 'Burn of ear');
    assert.equal(burn?.severity, 'Severe');
    assert.deepEqual(burn?.bodySites, ['Left external ear structure']);
    assert.equal(burn?.onsetText, '24-May-2012');
    assert.equal(burn?.onsetAgeText, '37y');
    const [asthma] = problems.activeProblems;
    assert.equal(asthma?.name, 'Asthma');
    assert.equal(asthma?.category, 'problem-list-item');
    assert.equal(asthma?.onsetText, 'approximately November 2012');
    assert.equal(asthma?.onsetAgeText, undefined);
    assert.equal(asthma?.severity, 'Mild');
  });

  it('puts the resolved fever (Condition/f201) in the history with its abatement words', async () => {
    const problems = await listOf([forExample(fixtureJson<Condition>('fhir/Condition-f201.json'))]);
    assert.deepEqual(problems.activeProblems, []);
    const [fever] = problems.resolved;
    assert.equal(fever?.name, 'Fever');
    assert.equal(fever?.onsetText, '02-Apr-2013');
    assert.equal(fever?.abatementText, 'around April 9, 2013');
    assert.equal(fever?.recordedText, '04-Apr-2013');
    assert.equal(fever?.asserter, 'Practitioner/f201');
  });

  it('shows a US Core encounter diagnosis without a clinical status as of unknown status, with both codes', async () => {
    const problems = await listOf([forExample(fixtureJson<Condition>('us-core/condition-encounter-diagnosis-example2.json'))]);
    const [birth] = problems.activeEncounterDiagnoses;
    assert.equal(birth?.statusText, 'Status unknown');
    assert.equal(birth?.name, 'Liveborn born in hospital');
    assert.deepEqual(birth?.codes, ['SNOMED CT 442311008', 'ICD-10-CM Z38.00']);
    assert.equal(birth?.recordedText, '10-Aug-2016 15:15');
    assert.equal(birth?.asserter, 'Dr Ronald Bone');
  });

  it('writes the official appendectomy with performer, reason and note', async () => {
    const problems = await listOf([fixtureJson<Procedure>('fhir/Procedure-example.json')]);
    const [appendectomy] = problems.procedures;
    assert.equal(appendectomy?.name, 'Appendectomy (Procedure)');
    assert.equal(appendectomy?.performedText, '05-Apr-2013');
    assert.equal(appendectomy?.performedAgeText, '38y');
    assert.deepEqual(appendectomy?.performers, ['Dr Cecil Surgeon']);
    assert.deepEqual(appendectomy?.reasons, ['Generalized abdominal pain 24 hours. Localized in RIF with rebound and guarding']);
    assert.equal(appendectomy?.notes.length, 1);
  });
});

describe('problemList: rules', () => {
  it('leaves out entered-in-error and refuted conditions and not-done procedures', async () => {
    const problems = await listOf([
      condition('wrong', { clinicalStatus: undefined, verificationStatus: verification('entered-in-error') }),
      condition('refuted', { verificationStatus: verification('refuted') }),
      { resourceType: 'Procedure', id: 'skipped', status: 'not-done', code: { text: 'Biopsy' }, subject: { reference: 'Patient/example' } },
    ]);
    assert.deepEqual([problems.activeProblems, problems.resolved, problems.procedures], [[], [], []]);
    assert.deepEqual([...problems.excluded].map((e) => `${e.reference} ${e.reason}`).sort(), ['Condition/refuted refuted', 'Condition/wrong entered-in-error', 'Procedure/skipped not-done']);
  });

  it('counts recurrence and relapse as active, remission and inactive as history, and marks unconfirmed diagnoses', async () => {
    const problems = await listOf([
      condition('recurrence', { clinicalStatus: clinical('recurrence') }),
      condition('relapse', { clinicalStatus: clinical('relapse') }),
      condition('remission', { clinicalStatus: clinical('remission') }),
      condition('inactive', { clinicalStatus: clinical('inactive') }),
      condition('provisional', { verificationStatus: verification('provisional') }),
      condition('differential', { verificationStatus: verification('differential') }),
    ]);
    assert.deepEqual(new Set(problems.activeProblems.map((p) => p.id)), new Set(['recurrence', 'relapse', 'provisional', 'differential']));
    assert.deepEqual(new Set(problems.resolved.map((p) => p.id)), new Set(['remission', 'inactive']));
    assert.deepEqual(problems.activeProblems.filter((p) => p.unconfirmed).map((p) => p.id).sort(), ['differential', 'provisional']);
  });

  it('writes onsets as partial dates, ages, ranges and periods', async () => {
    const problems = await listOf([
      condition('year', { onsetDateTime: '2004' }),
      condition('age', { onsetAge: { value: 52, unit: 'years', system: 'http://unitsofmeasure.org', code: 'a' } }),
      condition('range', { onsetRange: { low: { value: 40, unit: 'years' }, high: { value: 50, unit: 'years' } } }),
      condition('period', { onsetPeriod: { start: '2020-03', end: '2020-05' } }),
      condition('none'),
    ]);
    const byId = Object.fromEntries(problems.activeProblems.map((p) => [p.id, p]));
    assert.equal(byId['year']?.onsetText, '2004');
    assert.equal(byId['year']?.onsetAgeText, '29–30y');
    assert.equal(byId['age']?.onsetText, 'At age 52 years');
    assert.equal(byId['range']?.onsetText, 'At age 40 years to 50 years');
    assert.equal(byId['period']?.onsetText, 'Mar-2020 – May-2020');
    assert.equal(byId['period']?.onsetAgeText, '45y');
    assert.equal(byId['none']?.onsetText, 'Not recorded');
    assert.equal(byId['none']?.abatementText, 'Not recorded');
  });

  it('works without the Patient (no ages) and is total over malformed records', async () => {
    const store = rawStore([{ resourceType: 'Condition', id: 'odd', category: [null], bodySite: [null], code: { coding: [null] }, onsetAge: { unit: 'years' } }, { resourceType: 'Procedure', id: 'p' }, null]);
    const problems = await problemList(store, 'missing', gb);
    assert.equal(problems.activeProblems[0]?.name, 'Unnamed condition');
    assert.equal(problems.activeProblems[0]?.onsetText, 'Not recorded');
    assert.equal(problems.procedures[0]?.statusText, 'Status unknown');
  });

  it("throws the store's typed error when a search fails", async () => {
    await assert.rejects(problemList(failingSearches(await storeWith([chalmers]), ['Condition'], new ForbiddenError({})), 'example', gb), ForbiddenError);
  });
});
