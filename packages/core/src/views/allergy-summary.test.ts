import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AllergyIntolerance, List, Patient, Provenance, Resource } from '@chartwell/fhir';
import { fixtureJson, fixtureText } from '../../../../test/support/fixtures.js';
import { failingSearches, rawStore, storeWith, syntheaResources } from '../../../../test/support/chart-fixtures.js';
import { ForbiddenError, UnavailableError } from '../store/errors.js';
import { allergySummary } from './allergy-summary.js';

const TONY = 'Tony_Douglas_f6d715f8-94c0-49ad-a46a-4f96dc7a67b4.json';
const TONY_ID = '79c96478-7878-4703-9e94-b999f2bc3295';
const CLEMENTE = 'Clemente_Kreiger_1484a42d-0eaf-4654-9cbf-6b050a5cd73b.json';
const CLEMENTE_ID = 'd78af07c-9cb9-4f31-9b11-c45a28f2eec8';
const utc = { locale: 'en-GB', timeZone: 'UTC' } as const;

const SNOMED = 'http://snomed.info/sct';
const clinical = (code: string) => ({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code }] });
const verification = (code: string) => ({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', code }] });
const patient: Patient = { resourceType: 'Patient', id: 'p1' };

/** An allergy of Patient/p1; `fields` override. */
function allergy(id: string, fields: Partial<AllergyIntolerance> = {}): AllergyIntolerance {
  return {
    resourceType: 'AllergyIntolerance',
    id,
    clinicalStatus: clinical('active'),
    verificationStatus: verification('confirmed'),
    code: { coding: [{ system: SNOMED, code: '91936005', display: 'Allergy to penicillin' }] },
    patient: { reference: 'Patient/p1' },
    ...fields,
  };
}

const nka = (id: string, fields: Partial<AllergyIntolerance> = {}) =>
  allergy(id, { code: { coding: [{ system: SNOMED, code: '716186003', display: 'No known allergy' }] }, recordedDate: '2024-02-01T10:00:00Z', asserter: { reference: 'Practitioner/dr', display: 'Dr Ann Other' }, ...fields });

const summaryOf = async (resources: Resource[], options = {}) => allergySummary(await storeWith([patient, ...resources]), 'p1', { ...utc, ...options });

describe('allergySummary on Synthea patients', () => {
  it("lists Tony Douglas's seven active food allergies as known allergies", async () => {
    const store = await storeWith(syntheaResources(TONY));
    const summary = await allergySummary(store, TONY_ID, utc);
    assert.equal(summary.status, 'known-allergies');
    assert.equal(summary.label, 'Known allergies');
    assert.deepEqual(
      summary.active.map((item) => item.substance),
      ['Allergy to bee venom', 'Allergy to eggs', 'Allergy to grass pollen', 'Allergy to mould', 'Allergy to tree pollen', 'Dander (animal) allergy', 'House dust mite allergy'],
    );
    const eggs = summary.active.find((item) => item.id === 'ea5630ff-bbe3-4d8d-9362-e9855991c7b1');
    assert.ok(eggs);
    assert.deepEqual(eggs.categories, ['food']);
    assert.equal(eggs.criticality, 'low');
    assert.equal(eggs.emphasis, 'low');
    assert.equal(eggs.unconfirmed, false);
    assert.equal(eggs.coded, true);
    assert.equal(eggs.reactionText, 'Reaction not known');
    assert.equal(eggs.recordedText, '29-Apr-1973 19:47');
    assert.equal(eggs.source.system, 'This chart');
    assert.equal(eggs.source.basis, 'store');
    assert.deepEqual(summary.inactive, []);
    assert.deepEqual(summary.assertions, []);
  });

  it('says "not recorded" for Clemente Kreiger, who has no allergy records, never "none"', async () => {
    const store = await storeWith(syntheaResources(CLEMENTE));
    const summary = await allergySummary(store, CLEMENTE_ID, utc);
    assert.equal(summary.status, 'not-recorded');
    assert.equal(summary.label, 'Allergies not recorded');
    assert.deepEqual(summary.active, []);
  });
});

describe('allergySummary on the Synthea bulk export (NDJSON)', () => {
  it('writes each reaction of patient a5cb8ce9 and takes emphasis from the data, not from the words', async () => {
    const lines = (file: string) => fixtureText(`synthea-bulk-10/${file}`).split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as Resource);
    const id = 'a5cb8ce9-cec6-6b23-0990-cbaf753578a4';
    const mine = [...lines('Patient.000.ndjson'), ...lines('AllergyIntolerance.000.ndjson')].filter((r) => r.id === id || (r.resourceType === 'AllergyIntolerance' && r.patient.reference === `Patient/${id}`));
    const summary = await allergySummary(await storeWith(mine), id, utc);
    assert.equal(summary.status, 'known-allergies');
    assert.deepEqual(
      summary.active.map((item) => [item.substance, item.categories.join(), item.reactionText]),
      [
        ['Mold (organism)', 'environment', 'Nose running'],
        ['Sulfamethoxazole / Trimethoprim', 'medication', 'Wheal (finding), Eruption of skin (disorder)'],
        [
          'Tree nut (substance)',
          'food',
          'Wheal (finding), Dyspnea (finding), Eruption of skin (disorder), Finding of vomiting (finding), Anaphylaxis (disorder), Allergic angioedema (disorder), Itching (finding)',
        ],
      ],
    );
    // no reaction records a severity and every criticality is low: the emphasis says so, and the manifestations carry the rest
    assert.ok(summary.active.every((item) => item.emphasis === 'low' && item.worstSeverity === undefined));
    assert.equal(summary.active[2]?.recordedText, '23-Nov-1928 22:58');
  });
});

describe('allergySummary: no known allergies only from a positive assertion', () => {
  it('reads the IPS no-known-allergy record (SNOMED 716186003) as no known allergies', async () => {
    const ips = fixtureJson<AllergyIntolerance>('ips/AllergyIntolerance-eumfh-39-07-1.json');
    const store = await storeWith([fixtureJson<Patient>('ips/Patient-eumfh-39-07.json'), ips]);
    const summary = await allergySummary(store, 'eumfh-39-07', utc);
    assert.equal(summary.status, 'no-known-allergies');
    assert.equal(summary.label, 'No known allergies');
    assert.equal(summary.assertions.length, 1);
    assert.equal(summary.assertions[0]?.reference, 'AllergyIntolerance/eumfh-39-07-1');
    assert.equal(summary.assertions[0]?.assertedAtText, 'Not recorded');
    assert.deepEqual(summary.active, []);
  });

  it('reads the official NKDA example (SNOMED 409137002) with who recorded it and when', async () => {
    const nkda = fixtureJson<AllergyIntolerance>('fhir/AllergyIntolerance-nkda.json');
    const store = await storeWith([{ resourceType: 'Patient', id: 'mom' }, nkda]);
    const summary = await allergySummary(store, 'mom', utc);
    assert.equal(summary.status, 'no-known-allergies');
    assert.equal(summary.label, 'No known drug allergies');
    const [assertion] = summary.assertions;
    assert.equal(assertion?.scope, 'medication');
    assert.equal(assertion?.assertedBy, 'Practitioner/example');
    assert.equal(assertion?.assertedAt, '2015-08-06T15:37:31-06:00');
    assert.equal(assertion?.assertedAtText, '06-Aug-2015 21:37');
  });

  it('reads the other no-known codes and their scopes', async () => {
    const food = await summaryOf([nka('a', { code: { coding: [{ system: SNOMED, code: '429625007' }] } })]);
    assert.equal(food.label, 'No known food allergies');
    const environment = await summaryOf([nka('a', { code: { coding: [{ system: SNOMED, code: '428607008' }] } })]);
    assert.equal(environment.label, 'No known environmental allergies');
    const ipsCode = await summaryOf([nka('a', { code: { coding: [{ system: 'http://hl7.org/fhir/uv/ips/CodeSystem/absent-unknown-uv-ips', code: 'no-known-medication-allergies' }] } })]);
    assert.equal(ipsCode.status, 'no-known-allergies');
    assert.equal(ipsCode.label, 'No known drug allergies');
    const both = await summaryOf([nka('a', { code: { coding: [{ system: SNOMED, code: '409137002' }] }, recordedDate: '2024-03-01' }), nka('b', { recordedDate: '2020-01-01' })]);
    assert.equal(both.label, 'No known allergies');
    assert.deepEqual(both.assertions.map((a) => a.reference), ['AllergyIntolerance/a', 'AllergyIntolerance/b']);
  });

  it('reads a current, empty allergy List with emptyReason nilknown as no known allergies', async () => {
    const list: List = {
      resourceType: 'List',
      id: 'allergies',
      status: 'current',
      mode: 'snapshot',
      code: { coding: [{ system: 'http://loinc.org', code: '48765-2' }] },
      subject: { reference: 'Patient/p1' },
      date: '2024-05-02T08:15:00+01:00',
      source: { reference: 'Practitioner/dr', display: 'Dr Ann Other' },
      emptyReason: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/list-empty-reason', code: 'nilknown' }] },
    };
    const summary = await summaryOf([list]);
    assert.equal(summary.status, 'no-known-allergies');
    assert.equal(summary.assertions[0]?.assertedBy, 'Dr Ann Other');
    assert.equal(summary.assertions[0]?.assertedAtText, '02-May-2024 07:15');
    const notAsked = await summaryOf([{ ...list, emptyReason: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/list-empty-reason', code: 'notasked' }] } }]);
    assert.equal(notAsked.status, 'not-recorded');
    const retired = await summaryOf([{ ...list, status: 'retired' }]);
    assert.equal(retired.status, 'not-recorded');
  });

  it("does not take a medication List's nilknown for no known allergies (List/example-empty)", async () => {
    const medications = fixtureJson<List>('fhir/List-example-empty.json');
    const summary = await summaryOf([{ ...medications, subject: { reference: 'Patient/p1' } }]);
    assert.equal(summary.status, 'not-recorded');
  });

  it('never counts an NKA record as an allergy, and an active allergy supersedes it', async () => {
    const summary = await summaryOf([nka('nka'), allergy('pen')]);
    assert.equal(summary.status, 'known-allergies');
    assert.deepEqual(summary.active.map((item) => item.id), ['pen']);
    assert.deepEqual(summary.assertions, []);
    assert.deepEqual(summary.supersededAssertions.map((a) => a.reference), ['AllergyIntolerance/nka']);
  });

  it('ignores NKA records that are entered in error, refuted or inactive', async () => {
    for (const fields of [{ verificationStatus: verification('entered-in-error'), clinicalStatus: undefined }, { verificationStatus: verification('refuted') }, { clinicalStatus: clinical('inactive') }]) {
      const summary = await summaryOf([nka('nka', fields)]);
      assert.equal(summary.status, 'not-recorded', JSON.stringify(fields));
    }
  });

  it('treats IPS no-allergy-info as no information: not an allergy, not an assertion', async () => {
    const summary = await summaryOf([allergy('x', { code: { coding: [{ system: 'http://hl7.org/fhir/uv/ips/CodeSystem/absent-unknown-uv-ips', code: 'no-allergy-info' }] } })]);
    assert.equal(summary.status, 'not-recorded');
    assert.deepEqual(summary.active, []);
  });
});

describe('allergySummary: which records count', () => {
  it('excludes entered-in-error and refuted allergies from every list', async () => {
    const summary = await summaryOf([allergy('wrong', { verificationStatus: verification('entered-in-error'), clinicalStatus: undefined }), allergy('no', { verificationStatus: verification('refuted') })]);
    assert.equal(summary.status, 'not-recorded');
    assert.deepEqual(summary.active, []);
    assert.deepEqual(summary.inactive, []);
    const excluded = [...summary.excluded].sort((a, b) => a.reference.localeCompare(b.reference));
    assert.deepEqual(excluded, [
      { reference: 'AllergyIntolerance/no', reason: 'refuted' },
      { reference: 'AllergyIntolerance/wrong', reason: 'entered-in-error' },
    ]);
  });

  it('keeps inactive and resolved allergies apart from current ones', async () => {
    const onlyPast = await summaryOf([allergy('old', { clinicalStatus: clinical('resolved') })]);
    assert.equal(onlyPast.status, 'not-recorded');
    assert.deepEqual(onlyPast.inactive.map((item) => [item.id, item.clinicalStatus]), [['old', 'resolved']]);
    const mixed = await summaryOf([allergy('old', { clinicalStatus: clinical('inactive') }), allergy('now')]);
    assert.equal(mixed.status, 'known-allergies');
    assert.deepEqual(mixed.active.map((item) => item.id), ['now']);
    assert.deepEqual(mixed.inactive.map((item) => item.id), ['old']);
  });

  it('marks unconfirmed allergies, and patient-reported ones without a verification status', async () => {
    const summary = await summaryOf([
      allergy('u', { verificationStatus: verification('unconfirmed') }),
      allergy('reported', { verificationStatus: undefined, asserter: { reference: 'Patient/p1' } }),
      allergy('confirmed', { asserter: { reference: 'Patient/p1' } }),
    ]);
    const flag = Object.fromEntries(summary.active.map((item) => [item.id, item.unconfirmed]));
    assert.deepEqual(flag, { u: true, reported: true, confirmed: false });
  });

  it('takes emphasis from the worst severity across all reactions, with criticality', async () => {
    const summary = await summaryOf([
      allergy('second-severe', {
        criticality: 'low',
        reaction: [
          { manifestation: [{ text: 'Rash' }], severity: 'mild' },
          { manifestation: [{ coding: [{ system: SNOMED, code: '39579001', display: 'Anaphylactic reaction' }] }], severity: 'severe' },
        ],
      }),
      allergy('critical', { criticality: 'high' }),
      allergy('moderate', { reaction: [{ manifestation: [{ text: 'Hives' }], severity: 'moderate' }] }),
      allergy('unknown', { criticality: 'unable-to-assess' }),
      allergy('mild', { reaction: [{ manifestation: [{ text: 'Itch' }], severity: 'mild' }] }),
    ]);
    const byId = Object.fromEntries(summary.active.map((item) => [item.id, item]));
    assert.equal(byId['second-severe']?.worstSeverity, 'severe');
    assert.equal(byId['second-severe']?.emphasis, 'high');
    assert.equal(byId['second-severe']?.reactionText, 'Rash, Anaphylactic reaction');
    assert.equal(byId['critical']?.emphasis, 'high');
    assert.equal(byId['moderate']?.emphasis, 'medium');
    assert.equal(byId['unknown']?.emphasis, 'medium');
    assert.equal(byId['mild']?.emphasis, 'low');
    assert.deepEqual(summary.active.slice(0, 2).map((item) => item.emphasis), ['high', 'high']);
    assert.deepEqual(summary.active.slice(2, 4).map((item) => item.emphasis), ['medium', 'medium']);
    assert.equal(summary.active[4]?.id, 'mild');
  });

  it('reads the official cashew example: reactions with manifestations, criticality, notes', async () => {
    const cashew = fixtureJson<AllergyIntolerance>('fhir/AllergyIntolerance-example.json');
    const summary = await summaryOf([{ ...cashew, patient: { reference: 'Patient/p1' } }]);
    const [item] = summary.active;
    assert.equal(item?.substance, 'Cashew nuts');
    assert.deepEqual(item?.categories, ['food']);
    assert.equal(item?.type, 'allergy');
    assert.equal(item?.criticality, 'high');
    assert.equal(item?.worstSeverity, 'severe');
    assert.equal(item?.emphasis, 'high');
    assert.equal(item?.reactionText, 'Anaphylactic reaction, Urticaria');
    assert.equal(item?.reactions[0]?.substance, 'cashew nut allergenic extract Injectable Product');
    assert.equal(item?.unconfirmed, false);
    assert.equal(item?.asserter, 'Patient/example');
    assert.equal(item?.recordedText, '09-Oct-2014 03:58');
    assert.equal(item?.notes.length, 1);
  });

  it('flags free-text agents as uncoded and keeps their words', async () => {
    const summary = await summaryOf([allergy('free', { code: { text: "Grandma's cough syrup" }, category: ['medication'] })]);
    assert.equal(summary.active[0]?.substance, "Grandma's cough syrup");
    assert.equal(summary.active[0]?.coded, false);
  });

  it('is total over malformed records (missing arrays, null entries, no code)', async () => {
    const store = rawStore([
      { resourceType: 'AllergyIntolerance', id: 'bare', patient: { reference: 'Patient/p1' } },
      { resourceType: 'AllergyIntolerance', id: 'nulls', patient: { reference: 'Patient/p1' }, reaction: [null, { manifestation: null, severity: 'extreme' }], category: ['food', 'other', null], code: { coding: [null] }, note: [null] },
      { resourceType: 'AllergyIntolerance', patient: { reference: 'Patient/p1' } },
      null,
    ]);
    const summary = await allergySummary(store, 'p1', utc);
    assert.equal(summary.status, 'known-allergies');
    const byId = Object.fromEntries(summary.active.map((item) => [item.id, item]));
    assert.equal(byId['bare']?.substance, 'Unnamed substance');
    assert.equal(byId['bare']?.clinicalStatus, 'active');
    assert.equal(byId['bare']?.recordedText, 'Not recorded');
    assert.equal(byId['nulls']?.reactionText, 'Reaction not known');
    assert.equal(byId['nulls']?.worstSeverity, undefined);
    assert.deepEqual(byId['nulls']?.categories, ['food']);
    assert.equal(summary.active.length, 2);
  });
});

describe('allergySummary: unavailable', () => {
  it('is unavailable, with the error code, when the store fails or denies access', async () => {
    const store = await storeWith([patient, allergy('pen')]);
    const offline = await allergySummary(failingSearches(store, ['AllergyIntolerance'], new UnavailableError({})), 'p1', utc);
    assert.equal(offline.status, 'unavailable');
    assert.equal(offline.label, 'Allergies unavailable');
    assert.equal(offline.error?.code, 'unavailable');
    const denied = await allergySummary(failingSearches(store, ['AllergyIntolerance'], new ForbiddenError({ resourceType: 'AllergyIntolerance' })), 'p1', utc);
    assert.equal(denied.status, 'unavailable');
    assert.equal(denied.error?.code, 'forbidden');
    const broken = await allergySummary(failingSearches(store, ['AllergyIntolerance'], new TypeError('boom')), 'p1', utc);
    assert.equal(broken.error?.code, 'unknown');
    assert.deepEqual(broken.active, []);
  });

  it('is unavailable when the List search fails and nothing else shows, but still shows known allergies', async () => {
    const empty = await storeWith([patient]);
    const noLists = await allergySummary(failingSearches(empty, ['List'], new UnavailableError({})), 'p1', utc);
    assert.equal(noLists.status, 'unavailable');
    const withAllergy = await storeWith([patient, allergy('pen')]);
    const known = await allergySummary(failingSearches(withAllergy, ['List'], new UnavailableError({})), 'p1', utc);
    assert.equal(known.status, 'known-allergies');
  });

  it('still shows allergies when only Provenance cannot be read', async () => {
    const store = await storeWith([patient, allergy('pen')]);
    const summary = await allergySummary(failingSearches(store, ['Provenance'], new ForbiddenError({})), 'p1', utc);
    assert.equal(summary.status, 'known-allergies');
    assert.equal(summary.active[0]?.source.basis, 'store');
  });

  it('rethrows when the caller aborts', async () => {
    const store = await storeWith([patient, allergy('pen')]);
    const controller = new AbortController();
    controller.abort(new Error('navigated away'));
    await assert.rejects(allergySummary(store, 'p1', { ...utc, signal: controller.signal }), /navigated away/);
  });
});

describe('allergySummary: sources', () => {
  it('names the organisation from a Provenance, and the system from meta.source', async () => {
    const provenance: Provenance = {
      resourceType: 'Provenance',
      id: 'import-1',
      target: [{ reference: 'Patient/p1' }, { reference: 'AllergyIntolerance/pen/_history/1' }],
      recorded: '2024-04-01T12:00:00Z',
      agent: [{ who: { reference: 'Practitioner/dr' }, onBehalfOf: { reference: 'Organization/saint-luke-w-endpoint' } }],
    };
    const organization = fixtureJson<Resource>('us-core/saint-luke-w-endpoint.json');
    const summary = await summaryOf([organization, provenance, allergy('pen'), allergy('other', { meta: { source: 'http://hie.example.org/fhir' } })], { storeName: 'Local chart' });
    const byId = Object.fromEntries(summary.active.map((item) => [item.id, item.source]));
    assert.equal(byId['pen']?.organization, "Saint Luke's Hospital of Kansas City");
    assert.equal(byId['pen']?.organizationReference, 'Organization/saint-luke-w-endpoint');
    assert.equal(byId['pen']?.basis, 'provenance');
    assert.equal(byId['pen']?.system, 'Local chart');
    assert.equal(byId['other']?.system, 'http://hie.example.org/fhir');
    assert.equal(byId['other']?.basis, 'meta.source');
    assert.equal(byId['other']?.organization, undefined);
  });

  it("names the organisation of US Core's Provenance, which targets the allergy but not the patient", async () => {
    // us-core/allergyintolerance-provenance-example2.json: AllergyIntolerance/79613 (peanut, Patient/example) and
    // Provenance/79614, whose only target is AllergyIntolerance/79613/_history/1, authored on behalf of Saint Luke's.
    const bundle = fixtureJson<{ entry: { resource: Resource }[] }>('us-core/allergyintolerance-provenance-example2.json');
    const store = await storeWith([...bundle.entry.map((e) => e.resource), fixtureJson<Resource>('us-core/saint-luke-w-endpoint.json')]);
    const summary = await allergySummary(store, 'example', utc);
    assert.deepEqual(summary.active.map((item) => [item.id, item.source.basis, item.source.organization]), [['79613', 'provenance', "Saint Luke's Hospital of Kansas City"]]);
  });
});
