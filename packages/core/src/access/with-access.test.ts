import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Consent, Observation, Resource } from '@chartwell/fhir';
import { fixtureJson } from '../../../../test/support/fixtures.js';
import { DOCTOR, MATRIX_USERS, NURSE, OFF_TEAM, ON_TEAM, matrixResources } from '../../../../test/support/access-matrix.js';
import type { ChartChange } from '../store/chart-store.js';
import { MemoryStore } from '../store/memory-store.js';
import { AccessDeniedError } from './access-denied-error.js';
import type { AccessOverride } from './access-override.js';
import type { AccessPolicy, AccessUser } from './access-policy.js';
import { DEFAULT_ACCESS_POLICY } from './default-access-policy.js';
import { withAccess, type WithAccessOptions } from './with-access.js';

const load = async (path: string) => fixtureJson(path);
const clinician = MATRIX_USERS.clinician;
const nurse = MATRIX_USERS.nurse;
const bloodPressure = fixtureJson<Observation>('fhir/Observation-blood-pressure.json');
const notThem = fixtureJson<Consent>('fhir/Consent-consent-example-notThem.json');

async function chart(extra: readonly Resource[] = []): Promise<MemoryStore> {
  const store = new MemoryStore();
  await store.transaction([...(await matrixResources(load)), ...extra].map((resource) => ({ op: 'update' as const, resource })));
  return store;
}

/** Blood pressure for `patient`, with id `id` and optional security labels. */
function observation(id: string, patient: string, labels: readonly string[] = []): Observation {
  return {
    ...structuredClone(bloodPressure),
    id,
    subject: { reference: `Patient/${patient}` },
    ...(labels.length > 0 && { meta: { security: labels.map((code) => ({ system: code.length === 1 ? 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality' : 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code })) } }),
  };
}

/** consent-example-notThem, for the patient on the team, withholding everything from `actor`. */
function withholdFrom(actor: string, period?: { start?: string; end?: string }): Consent {
  const consent = structuredClone(notThem);
  consent.id = `withhold-${actor.replace('/', '-')}`;
  consent.patient = { reference: `Patient/${ON_TEAM}` };
  consent.provision = { ...consent.provision, actor: [{ ...consent.provision?.actor?.[0], role: consent.provision?.actor?.[0]?.role ?? { text: 'PRCP' }, reference: { reference: actor } }], ...(period && { period }) };
  return consent;
}

const denied = (reason: string, message: string) => (error: unknown) => error instanceof AccessDeniedError && error.code === 'forbidden' && error.reason === reason && error.message === message;

describe('withAccess: denials name the rule and never the content', () => {
  it('a type the role may not read: an existing and a missing resource are refused alike, before the store is asked', async () => {
    const store = withAccess(await chart(), DEFAULT_ACCESS_POLICY, MATRIX_USERS['front-desk']);
    const existing = await store.read('Observation', `observation-${ON_TEAM}`).catch((error: unknown) => error as AccessDeniedError);
    const missing = await store.read('Observation', 'no-such-observation').catch((error: unknown) => error as AccessDeniedError);
    assert.ok(existing instanceof AccessDeniedError && missing instanceof AccessDeniedError);
    assert.equal(existing.message, 'No rule permits front-desk to read Observation');
    assert.equal(missing.message, existing.message);
    assert.equal(existing.reason, 'policy');
    assert.equal(existing.overridable, false);
    await assert.rejects(store.search('Condition', { patient: ON_TEAM }), denied('policy', 'No rule permits front-desk to search Condition'));
  });

  it("a patient outside the clinician's care team: a compartment denial, not overridable", async () => {
    const store = withAccess(await chart(), DEFAULT_ACCESS_POLICY, clinician);
    await assert.rejects(store.read('Observation', `observation-${OFF_TEAM}`), denied('compartment', 'clinician may read Observation only for patients on their care team'));
  });
});

describe('withAccess: security labels', () => {
  it('R, V and sensitive categories are withheld unless a permitting rule lists the label; the denial is overridable', async () => {
    const store = await chart([observation('restricted', ON_TEAM, ['R']), observation('psychiatry', ON_TEAM, ['PSY']), observation('normal', ON_TEAM, ['N'])]);
    const guarded = withAccess(store, DEFAULT_ACCESS_POLICY, clinician);
    await assert.rejects(guarded.read('Observation', 'restricted'), (error: unknown) => {
      assert.ok(error instanceof AccessDeniedError);
      assert.equal(error.reason, 'security-label');
      assert.equal(error.overridable, true);
      assert.equal(error.patient, `Patient/${ON_TEAM}`);
      assert.equal(error.message, 'Observation/restricted carries a security label that no rule permits clinician to see; breaking the glass can override this');
      return true;
    });
    await assert.rejects(guarded.read('Observation', 'psychiatry'), denied('security-label', 'Observation/psychiatry carries a security label that no rule permits clinician to see; breaking the glass can override this'));
    assert.equal((await guarded.read('Observation', 'normal')).id, 'normal');
    const found = await guarded.search('Observation', { patient: ON_TEAM });
    assert.deepEqual(found.map((r) => r.id).sort(), ['normal', `observation-${ON_TEAM}`]);

    const labelled: AccessPolicy = { rules: [{ roles: ['clinician'], resourceTypes: ['*'], actions: ['read', 'search'], compartment: 'care-team', labels: ['R'] }] };
    const permitted = withAccess(store, labelled, clinician);
    assert.equal((await permitted.read('Observation', 'restricted')).id, 'restricted');
    await assert.rejects(permitted.read('Observation', 'psychiatry'), denied('security-label', 'Observation/psychiatry carries a security label that no rule permits clinician to see; breaking the glass can override this'));
  });
});

describe('withAccess: consent narrows the policy', () => {
  it('a consent withholding the record from one actor denies that clinician (overridably) and no one else', async () => {
    const store = await chart([withholdFrom(DOCTOR)]);
    await assert.rejects(withAccess(store, DEFAULT_ACCESS_POLICY, clinician).read('Observation', `observation-${ON_TEAM}`), (error: unknown) => {
      assert.ok(error instanceof AccessDeniedError);
      assert.equal(error.reason, 'consent');
      assert.equal(error.overridable, true);
      assert.equal(error.message, `A patient consent withholds Observation/observation-${ON_TEAM} from this user; breaking the glass can override this`);
      return true;
    });
    assert.deepEqual(await withAccess(store, DEFAULT_ACCESS_POLICY, clinician).search('Condition', { patient: ON_TEAM }), Object.assign([], { included: [] }));
    assert.equal((await withAccess(store, DEFAULT_ACCESS_POLICY, nurse).read('Observation', `observation-${ON_TEAM}`)).id, `observation-${ON_TEAM}`);
    // the patient's own view is not narrowed by their consent
    assert.equal((await withAccess(store, DEFAULT_ACCESS_POLICY, MATRIX_USERS.patient).read('Observation', `observation-${ON_TEAM}`)).id, `observation-${ON_TEAM}`);
  });

  it('a consent matched by the organisation the user acts for', async () => {
    const store = await chart([withholdFrom('Organization/clinic')]);
    await assert.rejects(withAccess(store, DEFAULT_ACCESS_POLICY, { ...nurse, organization: 'Organization/clinic' }).read('Condition', `condition-${ON_TEAM}`), denied('consent', `A patient consent withholds Condition/condition-${ON_TEAM} from this user; breaking the glass can override this`));
  });

  it('an expired consent (its period ended) and an inactive one are ignored', async () => {
    const expired = withholdFrom(DOCTOR, { start: '2015-01-01', end: '2016-01-01' });
    const inactive = { ...withholdFrom(DOCTOR), id: 'inactive', status: 'inactive' as const };
    const store = await chart([expired, inactive]);
    assert.equal((await withAccess(store, DEFAULT_ACCESS_POLICY, clinician).read('Observation', `observation-${ON_TEAM}`)).id, `observation-${ON_TEAM}`);
  });

  it('a permit exception inside a deny: the actor it names still sees', async () => {
    const consent: Consent = {
      ...withholdFrom(NURSE),
      id: 'observations-only-for-doctor',
      provision: { type: 'deny', class: [{ system: 'http://hl7.org/fhir/resource-types', code: 'Observation' }], provision: [{ type: 'permit', actor: [{ role: { text: 'PRCP' }, reference: { reference: DOCTOR } }] }] },
    };
    const store = await chart([consent]);
    assert.equal((await withAccess(store, DEFAULT_ACCESS_POLICY, clinician).read('Observation', `observation-${ON_TEAM}`)).id, `observation-${ON_TEAM}`);
    await assert.rejects(withAccess(store, DEFAULT_ACCESS_POLICY, nurse).read('Observation', `observation-${ON_TEAM}`), denied('consent', `A patient consent withholds Observation/observation-${ON_TEAM} from this user; breaking the glass can override this`));
    assert.equal((await withAccess(store, DEFAULT_ACCESS_POLICY, nurse).read('Condition', `condition-${ON_TEAM}`)).id, `condition-${ON_TEAM}`);
  });
});

describe('withAccess: break the glass', () => {
  const setup = async () => {
    let now = new Date('2026-11-26T10:00:00Z');
    const recorded: AccessOverride[] = [];
    const options: WithAccessOptions = { now: () => now, onOverride: (override) => recorded.push(override) };
    const store = withAccess(await chart([withholdFrom(DOCTOR), observation('restricted', ON_TEAM, ['V'])]), DEFAULT_ACCESS_POLICY, { ...clinician, display: 'Dr Who' }, options);
    return { store, recorded, advance: (minutes: number) => (now = new Date(now.getTime() + minutes * 60_000)) };
  };

  it('needs a reason, a patient and a sane duration; the patient role may not', async () => {
    const { store, recorded } = await setup();
    assert.throws(() => store.breakTheGlass({ patient: ON_TEAM, reason: '   ' }), { code: 'invalid', path: 'reason' });
    assert.throws(() => store.breakTheGlass({ patient: '', reason: 'arrest' }), { code: 'invalid', path: 'patient' });
    assert.throws(() => store.breakTheGlass({ patient: ON_TEAM, reason: 'arrest', durationMinutes: 0 }), { code: 'invalid', path: 'durationMinutes' });
    assert.throws(() => store.breakTheGlass({ patient: ON_TEAM, reason: 'arrest', durationMinutes: 241 }), { code: 'invalid', path: 'durationMinutes' });
    assert.deepEqual(recorded, []);
    const patient = withAccess(new MemoryStore(), DEFAULT_ACCESS_POLICY, MATRIX_USERS.patient);
    assert.throws(() => patient.breakTheGlass({ patient: ON_TEAM, reason: 'curious' }), { code: 'forbidden', message: 'The patient role may not break the glass' });
  });

  it('lifts consent and label denials for that patient, is recorded, queryable, and expires', async () => {
    const { store, recorded, advance } = await setup();
    await assert.rejects(store.read('Observation', `observation-${ON_TEAM}`), { code: 'forbidden' });
    const override = store.breakTheGlass({ patient: `Patient/${ON_TEAM}`, reason: 'Unconscious in A&E', durationMinutes: 30 });
    const expected: AccessOverride = { user: 'u-clinician', userReference: DOCTOR, userDisplay: 'Dr Who', role: 'clinician', patient: `Patient/${ON_TEAM}`, reason: 'Unconscious in A&E', start: '2026-11-26T10:00:00.000Z', end: '2026-11-26T10:30:00.000Z' };
    assert.deepEqual(override, expected);
    assert.deepEqual(recorded, [expected]);
    assert.deepEqual(store.activeOverride(ON_TEAM), expected);
    assert.equal((await store.read('Observation', `observation-${ON_TEAM}`)).id, `observation-${ON_TEAM}`);
    assert.equal((await store.read('Observation', 'restricted')).id, 'restricted');
    // a role (compartment) denial is not lifted, even with an override for that patient
    store.breakTheGlass({ patient: OFF_TEAM, reason: 'Unconscious in A&E' });
    await assert.rejects(store.read('Observation', `observation-${OFF_TEAM}`), { code: 'forbidden', reason: 'compartment' });
    advance(29);
    assert.equal((await store.read('Observation', 'restricted')).id, 'restricted');
    advance(1);
    assert.equal(store.activeOverride(ON_TEAM), undefined);
    await assert.rejects(store.read('Observation', 'restricted'), { code: 'forbidden', reason: 'security-label' });
    await assert.rejects(store.read('Observation', `observation-${ON_TEAM}`), { code: 'forbidden', reason: 'consent' });
  });

  it('is not in force if recording it fails', async () => {
    const store = withAccess(await chart([withholdFrom(DOCTOR)]), DEFAULT_ACCESS_POLICY, clinician, {
      onOverride: () => {
        throw new Error('audit sink offline');
      },
    });
    assert.throws(() => store.breakTheGlass({ patient: ON_TEAM, reason: 'arrest' }), /audit sink offline/);
    assert.equal(store.activeOverride(ON_TEAM), undefined);
  });
});

describe('withAccess: search results, _include, counts and paging leak nothing', () => {
  // ids sort visible ones first (a-…), then the hidden ones (z-…): a store that leaked would hand out a next cursor to empty pages
  const visible = ['a-1', 'a-2', 'a-3', 'a-4', 'a-5', 'a-6', 'a-7'];
  const hidden = ['z-1', 'z-2', 'z-3', 'z-4', 'z-5', 'z-6', 'z-7', 'z-8', 'z-9'];
  const setup = async () =>
    withAccess(
      await chart([...visible.map((id) => observation(id, ON_TEAM)), ...hidden.map((id, i) => (i % 2 === 0 ? observation(id, OFF_TEAM) : observation(id, ON_TEAM, ['R'])))]),
      DEFAULT_ACCESS_POLICY,
      clinician,
    );

  it('pages are filled from what the user may see, and the last visible page has no next', async () => {
    const store = await setup();
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await store.search('Observation', { _count: 3, _sort: '_id', ...(cursor !== undefined && { _cursor: cursor }) });
      pages.push(page.map((r) => r.id ?? ''));
      cursor = page.next;
      assert.ok(cursor === undefined || /^[0-9a-f-]{36}$/.test(cursor), 'the cursor is an opaque token, not an offset');
    } while (cursor !== undefined);
    assert.deepEqual(pages, [['a-1', 'a-2', 'a-3'], ['a-4', 'a-5', 'a-6'], ['a-7', `observation-${ON_TEAM}`]]);
  });

  it('a page whose visible resources end exactly at _count has no next when only hidden ones follow', async () => {
    const store = await setup();
    const page = await store.search('Observation', { _count: 8, _sort: '_id' });
    assert.equal(page.length, 8);
    assert.equal(page.next, undefined);
  });

  it('a cursor only continues its own search', async () => {
    const store = await setup();
    const first = await store.search('Observation', { _count: 3, _sort: '_id' });
    await assert.rejects(store.search('Observation', { _count: 3, _sort: '_id', patient: ON_TEAM, _cursor: first.next as string }), { code: 'invalid', path: '_cursor' });
    await assert.rejects(store.search('Observation', { _count: 3, _sort: '_id', _cursor: 'MTA=' }), { code: 'invalid', path: '_cursor' });
  });

  it('_include returns only readable resources referenced by the visible results', async () => {
    const clinicianStore = withAccess(await chart(), DEFAULT_ACCESS_POLICY, clinician);
    const page = await clinicianStore.search('Observation', { _include: 'Observation:patient' });
    assert.deepEqual(page.map((r) => r.id), [`observation-${ON_TEAM}`]);
    assert.deepEqual(page.included.map((r) => `${r.resourceType}/${r.id}`), [`Patient/${ON_TEAM}`]);
    const observationsOnly: AccessPolicy = { rules: [{ roles: ['lab'], resourceTypes: ['Observation'], actions: ['read', 'search'], compartment: 'any' }] };
    const lab = withAccess(await chart(), observationsOnly, MATRIX_USERS.lab);
    const labPage = await lab.search('Observation', { _include: 'Observation:patient' });
    assert.equal(labPage.length, 2);
    assert.deepEqual(labPage.included, []);
  });
});

describe('withAccess: writes', () => {
  it('a transaction is checked whole: one denied operation and nothing is written', async () => {
    const inner = await chart();
    const store = withAccess(inner, DEFAULT_ACCESS_POLICY, nurse);
    const before = (await inner.search('Observation', {})).length;
    await assert.rejects(
      store.transaction([
        { op: 'create', resource: observation('new', ON_TEAM) },
        { op: 'delete', resourceType: 'Observation', id: `observation-${ON_TEAM}` },
      ]),
      denied('policy', 'No rule permits nurse to delete Observation'),
    );
    await assert.rejects(store.transaction([{ op: 'create', resource: observation('new', ON_TEAM) }, { op: 'create', resource: observation('new', OFF_TEAM) }]), denied('compartment', 'nurse may create Observation only for patients on their care team'));
    assert.equal((await inner.search('Observation', {})).length, before);
    const [created] = await store.transaction([{ op: 'create', resource: observation('new', ON_TEAM) }]);
    assert.equal((await inner.search('Observation', {})).length, before + 1);
    assert.equal(created?.resourceType, 'Observation');
  });

  it("an update may not move a resource out of or into another patient's record", async () => {
    const inner = await chart();
    const store = withAccess(inner, DEFAULT_ACCESS_POLICY, nurse);
    const ours = await inner.read('Observation', `observation-${ON_TEAM}`);
    await assert.rejects(store.update({ ...ours, subject: { reference: `Patient/${OFF_TEAM}` } }), { code: 'forbidden', reason: 'compartment' });
    const theirs = await inner.read('Observation', `observation-${OFF_TEAM}`);
    await assert.rejects(store.update({ ...theirs, subject: { reference: `Patient/${ON_TEAM}` } }), { code: 'forbidden', reason: 'compartment' });
  });
});

describe('withAccess: history', () => {
  it('returns only the readable versions, and nothing when the newest is withheld', async () => {
    const inner = await chart([observation('changing', ON_TEAM)]);
    const store = withAccess(inner, DEFAULT_ACCESS_POLICY, clinician);
    await inner.update(observation('changing', ON_TEAM, ['V']));
    await inner.update(observation('changing', ON_TEAM));
    assert.deepEqual((await store.history('Observation', 'changing')).map((v) => v.meta?.versionId), ['3', '1']);
    await inner.update(observation('changing', ON_TEAM, ['R']));
    await assert.rejects(store.history('Observation', 'changing'), { code: 'forbidden', reason: 'security-label' });
    await assert.rejects(withAccess(inner, DEFAULT_ACCESS_POLICY, MATRIX_USERS.billing).history('Observation', 'changing'), { code: 'forbidden', reason: 'policy' });
  });
});

describe('withAccess: watch', () => {
  it('listeners hear only changes to resources the user may read', async () => {
    const inner = await chart();
    const store = withAccess(inner, DEFAULT_ACCESS_POLICY, nurse);
    const heard: ChartChange[] = [];
    const stop = store.watch({ resourceType: 'Observation' }, (change) => heard.push(change));
    await inner.create(observation('x', OFF_TEAM));
    const visibleOne = await inner.create(observation('y', ON_TEAM));
    await inner.create(observation('z', ON_TEAM, ['V']));
    await inner.delete('Observation', `observation-${OFF_TEAM}`);
    await inner.delete('Observation', `observation-${ON_TEAM}`);
    for (let i = 0; i < 50 && heard.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 50));
    stop();
    assert.deepEqual(
      heard.map((change) => [change.kind, change.id]),
      [
        ['create', visibleOne.id],
        ['delete', `observation-${ON_TEAM}`],
      ],
    );
  });
});

describe('withAccess: SMART scopes narrow the role policy', () => {
  it('a clinician launched with patient/Observation.rs reads that patient\'s Observations and nothing else', async () => {
    const user: AccessUser = { ...clinician, patientId: ON_TEAM, scopes: ['launch/patient', 'openid', 'patient/Observation.rs'] };
    const store = withAccess(await chart(), DEFAULT_ACCESS_POLICY, user);
    assert.equal((await store.read('Observation', `observation-${ON_TEAM}`)).id, `observation-${ON_TEAM}`);
    await assert.rejects(store.read('Condition', `condition-${ON_TEAM}`), denied('scope', 'No granted SMART scope permits read of Condition'));
    await assert.rejects(store.update(await store.read('Observation', `observation-${ON_TEAM}`)), denied('scope', 'No granted SMART scope permits update of Observation'));
    assert.equal(store.permits('search', 'Observation'), true);
    assert.equal(store.permits('create', 'Observation'), false);
  });

  it('scopes never widen the policy', async () => {
    const store = withAccess(await chart(), DEFAULT_ACCESS_POLICY, { ...MATRIX_USERS['front-desk'], scopes: ['user/*.cruds'] });
    await assert.rejects(store.read('Observation', `observation-${ON_TEAM}`), { code: 'forbidden', reason: 'policy' });
  });
});
