import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { validate, type AllergyIntolerance, type AuditEvent, type Observation, type Patient, type Resource } from '@chartwell/fhir';
import { fixtureJson } from '../../../../test/support/fixtures.js';
import type { ChartChange, ChartStore } from '../store/chart-store.js';
import { ForbiddenError, isChartStoreError } from '../store/errors.js';
import { MemoryStore } from '../store/memory-store.js';
import type { AuditContext } from './audit-context.js';
import { BREAK_THE_GLASS } from './audit-codes.js';
import { callbackAuditSink } from './audit-sink.js';
import { auditEventsFor } from './audit-events-for.js';
import { AuditTrailError } from './audit-trail-error.js';
import { auditTrailEntry } from './audit-trail.js';
import { storeAuditSink } from './store-audit-sink.js';
import { withAudit } from './with-audit.js';

const example = <R extends Resource>(name: string) => fixtureJson<R>(`fhir/${name}.json`);

/** The user and application every test records (the golden values below are these). */
const HART: AuditContext = {
  agent: { who: { reference: 'Practitioner/hart', display: 'Dr Alice Hart' }, role: [{ text: 'Clinician' }] },
  application: { display: 'Ward round app', identifier: { system: 'urn:example:apps', value: 'ward-round' } },
};

const AT = new Date('2026-11-26T09:30:00Z');

/** Patient/example (Peter James Chalmers), their Observation/example (body weight 185 lbs) and AllergyIntolerance/example (cashew nuts). */
async function chart(): Promise<MemoryStore> {
  const store = new MemoryStore();
  await store.update(example<Patient>('Patient-example'));
  await store.update(example<Observation>('Observation-example'));
  await store.update(example<AllergyIntolerance>('AllergyIntolerance-example'));
  return store;
}

/** An audited view of `inner` that collects its events in an array. */
function collecting(inner: ChartStore, context: AuditContext | (() => AuditContext) = HART): { audited: ChartStore; events: AuditEvent[] } {
  const events: AuditEvent[] = [];
  const audited = withAudit(inner, callbackAuditSink((event) => void events.push(event)), context, { now: () => AT });
  return { audited, events };
}

const subtypeOf = (event: AuditEvent | undefined) => event?.subtype?.[0]?.code;
const entities = (event: AuditEvent | undefined) => (event?.entity ?? []).map((e) => `${e.role?.code}:${e.what?.reference ?? `query ${e.type?.code}`}`);

/** A store like `inner` whose reads are all denied (ForbiddenError), as an access policy would. */
function denyingReads(inner: MemoryStore): ChartStore {
  return new Proxy(inner, {
    get: (target, property) => (property === 'read' ? () => Promise.reject(new ForbiddenError({ resourceType: 'Observation', id: 'example' })) : (Reflect.get(target, property) as (...args: unknown[]) => unknown).bind(target)),
  });
}

/** Lets queued microtasks (watch deliveries) and timers run. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 10));

describe('withAudit: one AuditEvent per call', () => {
  it('records a read: rest/read, action R, success, the agent, application and both entities', async () => {
    const { audited, events } = collecting(await chart());
    const observation = await audited.read('Observation', 'example');
    assert.equal(observation.id, 'example');
    assert.equal(events.length, 1);
    const [event] = events;
    assert.deepEqual(event?.type, { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest', display: 'Restful Operation' });
    assert.deepEqual(event?.subtype, [{ system: 'http://hl7.org/fhir/restful-interaction', code: 'read' }]);
    assert.equal(event?.action, 'R');
    assert.equal(event?.recorded, '2026-11-26T09:30:00.000Z');
    assert.equal(event?.outcome, '0');
    assert.equal(event?.outcomeDesc, undefined);
    assert.deepEqual(event?.agent, [{ who: { reference: 'Practitioner/hart', display: 'Dr Alice Hart' }, role: [{ text: 'Clinician' }], requestor: true }]);
    assert.deepEqual(event?.source, { observer: { display: 'Ward round app', identifier: { system: 'urn:example:apps', value: 'ward-round' } } });
    assert.deepEqual(entities(event), ['1:Patient/example', '4:Observation/example']);
    assert.equal(event?.purposeOfEvent, undefined);
  });

  it('records each kind of call exactly once, with its subtype and action', async () => {
    const { audited, events } = collecting(await chart());
    const expected: [string, string, () => Promise<unknown>][] = [
      ['read', 'R', () => audited.read('Patient', 'example')],
      ['search-type', 'E', () => audited.search('Observation', { patient: 'example' })],
      ['create', 'C', () => audited.create({ resourceType: 'Observation', status: 'final', code: { text: 'Pulse' }, subject: { reference: 'Patient/example' } })],
      ['update', 'U', () => audited.update({ ...example<AllergyIntolerance>('AllergyIntolerance-example'), criticality: 'high' })],
      ['history-instance', 'R', () => audited.history('AllergyIntolerance', 'example')],
      ['delete', 'D', () => audited.delete('Observation', 'example')],
      ['transaction', 'E', () => audited.transaction([{ op: 'update', resource: { ...example<Patient>('Patient-example'), active: false } }])],
    ];
    for (const [subtype, action, call] of expected) {
      const before = events.length;
      await call();
      assert.equal(events.length, before + 1, `${subtype}: one event`);
      assert.equal(subtypeOf(events.at(-1)), subtype);
      assert.equal(events.at(-1)?.action, action, subtype);
      assert.equal(events.at(-1)?.outcome, '0', subtype);
      assert.ok(entities(events.at(-1)).includes('1:Patient/example'), `${subtype} names the patient: ${entities(events.at(-1)).join()}`);
    }
    assert.equal(events.length, expected.length);
  });

  it('names every resource a search returns, the patient searched and the type searched', async () => {
    const { audited, events } = collecting(await chart());
    const page = await audited.search('AllergyIntolerance', { patient: 'Patient/example' });
    assert.equal(page.length, 1);
    assert.deepEqual(entities(events[0]), ['1:Patient/example', '24:query AllergyIntolerance', '4:AllergyIntolerance/example']);
  });

  it('names the patient of a deleted resource (read before the delete, unaudited)', async () => {
    const { audited, events } = collecting(await chart());
    await audited.delete('AllergyIntolerance', 'example');
    assert.equal(events.length, 1);
    assert.deepEqual(entities(events[0]), ['1:Patient/example', '4:AllergyIntolerance/example']);
  });

  it('reads the context at each call, so the host can change the user', async () => {
    let context = HART;
    const { audited, events } = collecting(await chart(), () => context);
    await audited.read('Patient', 'example');
    context = { ...HART, agent: { who: { reference: 'Practitioner/okafor', display: 'Nurse Chidi Okafor' }, role: [{ text: 'Nurse' }] } };
    await audited.read('Patient', 'example');
    assert.deepEqual(events.map((e) => e.agent[0]?.who?.display), ['Dr Alice Hart', 'Nurse Chidi Okafor']);
  });

  it('records break-the-glass as purposeOfEvent BTG with the stated reason', async () => {
    const { audited, events } = collecting(await chart(), { ...HART, purposeOfUse: [BREAK_THE_GLASS], purposeReason: 'Unconscious in the emergency department' });
    await audited.read('AllergyIntolerance', 'example');
    assert.deepEqual(events[0]?.purposeOfEvent, [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'BTG', display: 'break the glass' }], text: 'Unconscious in the emergency department' }]);
    const entry = auditTrailEntry(events[0] as AuditEvent);
    assert.equal(entry.breakTheGlass, true);
    assert.equal(entry.reason, 'Unconscious in the emergency department');
  });
});

describe('withAudit: failures', () => {
  it('records a read of a missing resource as outcome 4 and rethrows the same error', async () => {
    const { audited, events } = collecting(await chart());
    const error = await audited.read('Observation', 'missing').catch((e: unknown) => e);
    assert.ok(isChartStoreError(error, 'not-found'));
    assert.equal(events.length, 1);
    assert.equal(events[0]?.outcome, '4');
    assert.equal(events[0]?.outcomeDesc, 'Not found');
    assert.deepEqual(entities(events[0]), ['4:Observation/missing']);
  });

  it('records a denied call as outcome 4 "Access denied", naming nothing withheld', async () => {
    const denying = denyingReads(await chart());
    const { audited, events } = collecting(denying);
    await assert.rejects(audited.read('Observation', 'example'), ForbiddenError);
    assert.equal(events[0]?.outcome, '4');
    assert.equal(events[0]?.outcomeDesc, 'Access denied');
    assert.equal(auditTrailEntry(events[0] as AuditEvent).outcome, 'denied');
    // nothing came back to say whose the Observation is: only the resource is named
    assert.deepEqual(entities(events[0]), ['4:Observation/example']);
  });

  it('names the patient whose record is open (context.patient) when a call names none', async () => {
    const denying = denyingReads(await chart());
    const { audited, events } = collecting(denying, { ...HART, patient: 'example' });
    await assert.rejects(audited.read('Observation', 'example'), ForbiddenError);
    await audited.search('Patient', { _id: 'other' });
    assert.deepEqual(entities(events[0]), ['1:Patient/example', '4:Observation/example']);
    assert.deepEqual(entities(events[1]), ['1:Patient/example', '24:query Patient']);
  });

  it('records invalid writes and conflicts as outcome 8, without the error message', async () => {
    const { audited, events } = collecting(await chart());
    await assert.rejects(audited.create({ resourceType: 'Observation', status: 'not-a-status', code: { text: 'Weight 90 kg' }, subject: { reference: 'Patient/example' } } as unknown as Observation));
    await assert.rejects(audited.update(example<Observation>('Observation-example'), { ifMatch: '7' }));
    assert.deepEqual(events.map((e) => [subtypeOf(e), e.outcome, e.outcomeDesc]), [
      ['create', '8', 'Failed: invalid request'],
      ['update', '8', 'Failed: version conflict'],
    ]);
    assert.ok(!JSON.stringify(events).includes('not-a-status') && !JSON.stringify(events).includes('90 kg'));
    assert.deepEqual(entities(events[0]), ['1:Patient/example']);
  });

  it('records a failed transaction once, naming what it asked for', async () => {
    const { audited, events } = collecting(await chart());
    await assert.rejects(
      audited.transaction([
        { op: 'delete', resourceType: 'AllergyIntolerance', id: 'example' },
        { op: 'delete', resourceType: 'Observation', id: 'missing' },
      ]),
    );
    assert.equal(events.length, 1);
    assert.equal(events[0]?.outcome, '4');
    assert.deepEqual(entities(events[0]), ['1:Patient/example', '4:AllergyIntolerance/example', '4:Observation/missing']);
  });
});

describe('withAudit: what an AuditEvent holds', () => {
  it('holds no resource content, and every event validates as FHIR R4', async () => {
    const { audited, events } = collecting(await chart(), { ...HART, purposeOfUse: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'TREAT' }] });
    await audited.read('Patient', 'example');
    await audited.read('Observation', 'example');
    await audited.search('AllergyIntolerance', { patient: 'example', _include: 'AllergyIntolerance:patient' });
    await audited.history('Patient', 'example');
    await audited.update({ ...example<Observation>('Observation-example'), status: 'amended' });
    await audited.read('Observation', 'nope').catch(() => undefined);
    assert.equal(events.length, 6);
    const text = JSON.stringify(events);
    // values from the three fixtures: the patient's names, the weight, the allergy's substance and codes
    for (const value of ['Chalmers', 'Peter', 'Windsor', 'Body Weight', '29463-7', '185', 'lbs', 'Cashew', '227493005', 'amended']) {
      assert.ok(!text.includes(value), `an AuditEvent contains "${value}"`);
    }
    for (const event of events) {
      const result = validate(event);
      assert.ok(result.valid, JSON.stringify(result.issues));
    }
  });
});

describe('withAudit: storeAuditSink', () => {
  it('stores the events in the same store, unaudited, even when given the audited store', async () => {
    const store = await chart();
    const audited = withAudit(store, storeAuditSink(store), HART, { now: () => AT });
    const viaAudited = withAudit(store, storeAuditSink(audited), HART, { now: () => AT });
    await audited.read('Patient', 'example');
    await viaAudited.read('Observation', 'example');
    const stored = await store.search('AuditEvent', {});
    assert.equal(stored.length, 2, 'one event per call, the sink writes not audited');
    assert.deepEqual(stored.map((e) => subtypeOf(e)), ['read', 'read']);
  });

  it('finds a patient\'s events with auditEventsFor, newest first, and not other patients\'', async () => {
    const store = await chart();
    await store.update({ resourceType: 'Patient', id: 'other' });
    let minute = 0;
    const audited = withAudit(store, storeAuditSink(store), HART, { now: () => new Date(Date.UTC(2026, 10, 26, 9, minute++)) });
    await audited.read('Patient', 'example');
    await audited.read('Patient', 'other');
    await audited.search('Observation', { patient: 'example' });
    const events = await auditEventsFor(store, 'example');
    assert.deepEqual(events.map((e) => [e.recorded, subtypeOf(e)]), [
      ['2026-11-26T09:02:00.000Z', 'search-type'],
      ['2026-11-26T09:00:00.000Z', 'read'],
    ]);
  });

  it('keeps only the events that name the patient, even from a store that ignores the search parameter', async () => {
    const store = await chart();
    const audited = withAudit(store, storeAuditSink(store), HART, { now: () => AT });
    await store.update({ resourceType: 'Patient', id: 'other' });
    await audited.read('Patient', 'other');
    await audited.read('Patient', 'example');
    const careless = new Proxy(store, {
      get: (target, property) => (property === 'search' ? () => target.search('AuditEvent', {}) : (Reflect.get(target, property) as (...args: unknown[]) => unknown).bind(target)),
    });
    const events = await auditEventsFor(careless, 'example');
    assert.deepEqual(events.map((e) => entities(e)), [['1:Patient/example']]);
  });

  it('does not loop: watchers of the audited store never hear the sink\'s writes', async () => {
    const store = await chart();
    const audited = withAudit(store, storeAuditSink(store), HART, { now: () => AT });
    const heard: ChartChange[] = [];
    // an AuditEvent belongs to no patient in the change feed: a patient's watcher on the raw store does not hear the sink either
    const heardRaw: ChartChange[] = [];
    const stopRaw = store.watch({ patient: 'Patient/example' }, (change) => heardRaw.push(change));
    // two "widgets" that reload (through the audited store) on every change they hear
    const stops = [
      audited.watch({ patient: 'Patient/example' }, (change) => {
        heard.push(change);
        void auditEventsFor(audited, 'example');
      }),
      audited.watch({}, (change) => {
        heard.push(change);
        void audited.search('Observation', { patient: 'example' });
      }),
    ];
    await audited.update({ ...example<Observation>('Observation-example'), status: 'amended' });
    for (let i = 0; i < 5; i++) await settle();
    const afterSettling = (await store.search('AuditEvent', { _count: 1000 })).length;
    for (let i = 0; i < 5; i++) await settle();
    for (const stop of [...stops, stopRaw]) stop();
    assert.deepEqual(heardRaw.map((c) => `${c.kind} ${c.resourceType}`), ['update Observation']);
    assert.deepEqual(heard.map((c) => `${c.kind} ${c.resourceType}`), ['update Observation', 'update Observation']);
    // the update, then each widget's one reload: three events, and no more after waiting
    assert.equal(afterSettling, 3);
    assert.equal((await store.search('AuditEvent', { _count: 1000 })).length, 3);
  });

  it('lets a watcher that names AuditEvent hear the audit trail grow', async () => {
    const store = await chart();
    const audited = withAudit(store, storeAuditSink(store), HART, { now: () => AT });
    const heard: string[] = [];
    const stop = audited.watch({ resourceType: 'AuditEvent' }, (change) => heard.push(change.resourceType));
    await audited.read('Patient', 'example');
    await settle();
    stop();
    assert.deepEqual(heard, ['AuditEvent']);
  });
});

describe('withAudit: when the sink fails', () => {
  const failing = callbackAuditSink(() => {
    throw new Error('audit server down');
  });

  it('withholds the data by default (AuditTrailError, naming no patient data)', async () => {
    const audited = withAudit(await chart(), failing, HART);
    const error = await audited.read('Patient', 'example').catch((e: unknown) => e);
    assert.ok(error instanceof AuditTrailError);
    assert.equal(error.code, 'unavailable');
    assert.equal(error.written, false);
    assert.equal(error.message, 'The audit trail could not record this access, so the data is withheld');
  });

  it('says a write was made when only its audit failed', async () => {
    const store = await chart();
    const audited = withAudit(store, failing, HART);
    const error = await audited.update({ ...example<Observation>('Observation-example'), status: 'amended' }).catch((e: unknown) => e);
    assert.ok(error instanceof AuditTrailError);
    assert.equal(error.written, true);
    assert.equal((await store.read('Observation', 'example')).status, 'amended');
  });

  it('returns the data with onSinkError: ignore', async () => {
    const audited = withAudit(await chart(), failing, HART, { onSinkError: 'ignore' });
    assert.equal((await audited.read('Patient', 'example')).id, 'example');
  });
});

describe('auditTrailEntry', () => {
  it('reads the official disclosure example', () => {
    const entry = auditTrailEntry(example<AuditEvent>('AuditEvent-example-disclosure'), { locale: 'en-GB', timeZone: 'UTC' });
    assert.equal(entry.who, 'That guy everyone wishes would be caught');
    assert.equal(entry.action, 'R');
    assert.equal(entry.outcome, 'success');
    assert.deepEqual(entry.purposes, ['healthcare marketing']);
    assert.equal(entry.breakTheGlass, false);
    assert.equal(entry.application, 'Watchers Accounting of Disclosures Application');
    assert.deepEqual(entry.resourceTypes, ['Patient']);
    assert.equal(entry.recordedText, '22-Sep-2013 00:08');
  });

  it('never throws on a malformed event', () => {
    const entry = auditTrailEntry({ resourceType: 'AuditEvent', agent: [null], entity: 'x', recorded: 'yesterday' } as unknown as AuditEvent);
    assert.equal(entry.who, '');
    assert.equal(entry.outcome, 'unknown');
    assert.equal(entry.recordedText, 'yesterday');
  });
});
