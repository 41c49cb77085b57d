import type { AllergyIntolerance, Condition, MedicationRequest, Observation, Resource } from '@chartwell/fhir';
import type { AbortSignalLike, ChartChange, TransactionOperation } from '../store/chart-store.js';
import type { CaseContext, ConformanceCase, ConformanceSuite } from './kit.js';
import { changeOf, CLEMENTE, content, copy, expectIssueAt, expectStamp, found, fresh, fx, idOf, rejectsWithReason, TONY, versionOf } from './kit.js';
import { bodyWeight } from './cases-crud.js';

const hypertension = fx.conditions.find((c) => c.id === '6248675c-e328-4f03-ab75-f1b559b68c13') as Condition;
const naproxen = fx.medicationRequests.find((m) => m.id === '8c91b025-28fb-4bc1-9b93-36ebf0d81408') as MedicationRequest;
const beeVenom = fx.allergyIntolerances.find((a) => a.id === 'addc6c6a-7c26-47d4-a974-b5e1f321da53') as AllergyIntolerance;
const clementesWeight = fx.observations.find((o) => o.subject?.reference === CLEMENTE && o.code.coding?.some((c) => c.code === '29463-7')) as Observation;

const noted = (condition: Condition, text: string): Condition => ({ ...copy(condition), note: [{ text }] });

/** Checks that the seeded Condition and MedicationRequest are as seeded and no Observation was created: what every failed transaction must leave. */
async function expectUntouched(context: CaseContext, what: string): Promise<void> {
  const { store, check } = context;
  const condition = await store.read('Condition', idOf(hypertension));
  check.equal(versionOf(condition), '1', `${what}: the Condition the transaction updated is still version 1`);
  check.deepEqual(content(condition), content(hypertension), `${what}: the Condition the transaction updated is unchanged`);
  const med = await store.read('MedicationRequest', idOf(naproxen));
  check.equal(versionOf(med), '1', `${what}: the MedicationRequest the transaction deleted is still there`);
  check.equal((await found(context, 'Observation', {})).length, fx.observations.length, `${what}: the Observation the transaction created is not stored`);
  await check.rejects(store.read('Observation', 'kit-tx-new'), 'not-found', `${what}: the Observation the transaction updated-as-created is not stored`);
}

/** A transaction that would create, update, delete and update-as-create, then fails on `bad`. */
function failing(bad: TransactionOperation): TransactionOperation[] {
  return [
    { op: 'create', resource: fresh(bodyWeight) },
    { op: 'update', resource: noted(hypertension, 'kit: from a failed transaction') },
    { op: 'delete', resourceType: 'MedicationRequest', id: idOf(naproxen) },
    { op: 'update', resource: { ...fresh(bodyWeight), id: 'kit-tx-new' } },
    bad,
  ];
}

const rollback = (name: string, code: string, bad: () => TransactionOperation, path?: string): ConformanceCase => ({
  name: `transaction: ${name} → ${code}; nothing is written and no watcher hears anything`,
  async run(context) {
    await context.seed();
    const heard = context.watch({});
    const error = await context.check.rejects(context.store.transaction(failing(bad())), code, `transaction ending with ${name}`);
    if (path !== undefined) expectIssueAt(context.check, error, path, `transaction ending with ${name}`);
    await expectUntouched(context, `after the failed transaction (${name})`);
    await heard.expectNoMore(0, `after the failed transaction (${name})`);
  },
});

/** Transactions: all or nothing, results in order. */
export const transactionSuite: ConformanceSuite = {
  name: 'transaction',
  cases: [
    {
      name: 'transaction runs every operation and resolves with each result in order (undefined for a delete)',
      async run(context) {
        const { store, check, options } = context;
        await context.seed();
        const before = options.now();
        const results = await store.transaction([
          { op: 'create', resource: fresh(bodyWeight) },
          { op: 'update', resource: noted(hypertension, 'kit: from a transaction') },
          { op: 'delete', resourceType: 'MedicationRequest', id: idOf(naproxen) },
          { op: 'update', resource: { ...fresh(bodyWeight), id: 'kit-tx-new' } },
          { op: 'update', resource: { ...copy(beeVenom), note: [{ text: 'kit: with ifMatch' }] }, ifMatch: 'W/"1"' },
        ]);
        const after = options.now();
        check.ok(Array.isArray(results), 'transaction resolves with an array');
        check.equal(results.length, 5, 'transaction: one result per operation');
        const [created, updated, deleted, upserted, again] = results as [Resource, Resource, undefined, Resource, Resource];
        check.ok(created, 'result 0 (create) is the stored resource');
        check.equal(created.resourceType, 'Observation', 'result 0 (create): resourceType');
        expectStamp(context, created, { versionId: '1', before, after }, 'transaction result 0 (create)');
        check.ok(created.id !== bodyWeight.id, 'result 0 (create) has a new id');
        check.ok(updated, 'result 1 (update) is the stored resource');
        expectStamp(context, updated, { versionId: '2', id: idOf(hypertension), before, after }, 'transaction result 1 (update)');
        check.equal(deleted, undefined, 'result 2 (delete) is undefined');
        check.ok(upserted, 'result 3 (update-as-create) is the stored resource');
        expectStamp(context, upserted, { versionId: '1', id: 'kit-tx-new', before, after }, 'transaction result 3 (update-as-create)');
        check.ok(again, 'result 4 (update with ifMatch W/"1") is the stored resource');
        check.equal(versionOf(again), '2', 'result 4 (update with ifMatch W/"1"): meta.versionId');
        check.deepEqual(await store.read('Observation', idOf(created)), created, 'read of the created resource');
        check.deepEqual(await store.read('Condition', idOf(hypertension)), updated, 'read of the updated resource');
        check.deepEqual(await store.read('AllergyIntolerance', idOf(beeVenom)), again, 'read of the resource updated with ifMatch');
        await check.rejects(store.read('MedicationRequest', idOf(naproxen)), 'not-found', 'read of the deleted resource');
        check.deepEqual(await store.read('Observation', 'kit-tx-new'), upserted, 'read of the resource updated-as-created');
      },
    },
    {
      name: 'an empty transaction resolves with []',
      async run(context) {
        await context.seed();
        context.check.deepEqual(await context.store.transaction([]), [], 'transaction([])');
      },
    },
    rollback('an invalid resource', 'invalid', () => ({ op: 'create', resource: { ...fresh(bodyWeight), effectiveDateTime: '2012-13-45' } }), 'Observation.effectiveDateTime'),
    rollback('a delete of a resource that does not exist', 'not-found', () => ({ op: 'delete', resourceType: 'Observation', id: 'kit-no-such-id' })),
    rollback('an update with a stale ifMatch', 'conflict', () => ({ op: 'update', resource: copy(beeVenom), ifMatch: '7' })),
  ],
};

/** Watch: what is heard, by whom, and when. */
export const watchSuite: ConformanceSuite = {
  name: 'watch',
  cases: [
    {
      name: 'create, update and delete each notify (kind, resourceType, id, versionId, patient), after the change is committed',
      async run(context) {
        const { store, check } = context;
        await context.seed();
        const reads: Promise<string>[] = [];
        // In the listener, the change must already be readable: read it and remember what was there.
        const heard = context.watch({}, (change) => {
          reads.push(
            store.read(change.resourceType, change.id).then(
              (r) => `version ${String(versionOf(r))}`,
              (e: { code?: unknown }) => `error ${String(e.code)}`,
            ),
          );
        });
        const created = await store.create(fresh(bodyWeight));
        const id = idOf(created);
        await heard.waitFor(1, 'after create');
        check.equal(await reads[0], 'version 1', 'a read in the listener of the create event finds version 1');
        await store.update({ ...copy(created), status: 'amended' });
        await heard.waitFor(2, 'after update');
        check.equal(await reads[1], 'version 2', 'a read in the listener of the update event finds version 2');
        await store.delete('Observation', id);
        await heard.waitFor(3, 'after delete');
        check.equal(await reads[2], 'error not-found', 'a read in the listener of the delete event is not-found');
        await heard.expectNoMore(3, 'after create, update, delete');
        check.deepEqual(
          heard.events.map(changeOf),
          [
            { kind: 'create', resourceType: 'Observation', id, versionId: '1', patient: TONY },
            { kind: 'update', resourceType: 'Observation', id, versionId: '2', patient: TONY },
            { kind: 'delete', resourceType: 'Observation', id, versionId: '2', patient: TONY },
          ],
          'the changes heard',
        );
        heard.stop();
      },
    },
    {
      name: 'a filter by resource type (one, or a list) hears only those types',
      async run(context) {
        const { store, check } = context;
        await context.seed();
        const conditions = context.watch({ resourceType: 'Condition' });
        const either = context.watch({ resourceType: ['Condition', 'AllergyIntolerance'] });
        const everything = context.watch({});
        await store.create(fresh(bodyWeight));
        const condition = await store.update(noted(hypertension, 'kit: watched'));
        const allergy = await store.create(fresh(beeVenom));
        await everything.waitFor(3, 'after three writes');
        await conditions.waitFor(1, 'after three writes');
        await either.waitFor(2, 'after three writes');
        await conditions.expectNoMore(1, 'after three writes');
        await either.expectNoMore(2, 'after three writes');
        check.deepEqual(conditions.events.map((e) => `${e.resourceType}/${e.id}`), [`Condition/${idOf(condition)}`], 'watch({resourceType: "Condition"}) heard');
        check.deepEqual(either.events.map((e) => `${e.resourceType}/${e.id}`).sort(), [`AllergyIntolerance/${idOf(allergy)}`, `Condition/${idOf(condition)}`].sort(), 'watch({resourceType: ["Condition", "AllergyIntolerance"]}) heard');
      },
    },
    {
      name: "a filter by patient hears that patient's resources and the Patient itself, nothing of other patients",
      async run(context) {
        const { store, check } = context;
        await context.seed();
        const clemente = context.watch({ patient: CLEMENTE });
        const all = context.watch({});
        await store.create(fresh(bodyWeight));
        const his = await store.create(fresh(clementesWeight));
        await store.update({ ...copy(fx.otherPatient), active: true });
        await store.update({ ...copy(fx.patient), active: true });
        await all.waitFor(4, 'after four writes');
        await clemente.waitFor(2, 'after four writes');
        await clemente.expectNoMore(2, 'after four writes');
        check.deepEqual(
          clemente.events.map((e) => `${e.kind} ${e.resourceType}/${e.id}`),
          [`create Observation/${idOf(his)}`, `update Patient/${idOf(fx.otherPatient)}`],
          `watch({patient: "${CLEMENTE}"}) heard`,
        );
        check.equal(clemente.events[0]?.patient, CLEMENTE, 'the change to his Observation names the patient');
      },
    },
    {
      name: 'the function watch returns stops that watcher, and only that one',
      async run(context) {
        const { store, check } = context;
        await context.seed();
        const first = context.watch({});
        const second = context.watch({});
        await store.create(fresh(bodyWeight));
        await first.waitFor(1, 'after the first create');
        await second.waitFor(1, 'after the first create');
        first.stop();
        await store.create(fresh(bodyWeight));
        await store.delete('Observation', idOf(bodyWeight));
        await second.waitFor(3, 'after two more writes');
        await first.expectNoMore(1, 'after its unsubscribe and two more writes');
        first.stop();
        check.equal(first.events.length, 1, 'calling the unsubscribe twice is harmless');
      },
    },
    {
      name: 'failed writes notify nothing',
      async run(context) {
        const { store, check } = context;
        await context.seed();
        const heard = context.watch({});
        await check.rejects(store.create({ ...fresh(bodyWeight), effectiveDateTime: '2012-13-45' }), 'invalid', 'create of an invalid Observation');
        await check.rejects(store.update(noted(hypertension, 'kit: stale'), { ifMatch: '9' }), 'conflict', 'update with a stale ifMatch');
        await check.rejects(store.delete('Observation', 'kit-no-such-id'), 'not-found', 'delete of a missing resource');
        await heard.expectNoMore(0, 'after three failed writes');
      },
    },
    {
      name: 'a transaction notifies each change, after it has committed',
      async run(context) {
        const { store, check } = context;
        await context.seed();
        const reads: Promise<string>[] = [];
        const heard = context.watch({}, (change: ChartChange) => {
          reads.push(
            store.read(change.resourceType, change.id).then(
              (r) => `${change.kind} ${change.resourceType}: version ${String(versionOf(r))}`,
              (e: { code?: unknown }) => `${change.kind} ${change.resourceType}: error ${String(e.code)}`,
            ),
          );
        });
        const [created] = await store.transaction([
          { op: 'create', resource: fresh(bodyWeight) },
          { op: 'update', resource: noted(hypertension, 'kit: watched transaction') },
          { op: 'delete', resourceType: 'MedicationRequest', id: idOf(naproxen) },
        ]);
        await heard.waitFor(3, 'after a transaction of three operations');
        await heard.expectNoMore(3, 'after a transaction of three operations');
        const changes = heard.events.map(changeOf).sort((a, b) => String(a.kind).localeCompare(String(b.kind)));
        check.deepEqual(
          changes,
          [
            { kind: 'create', resourceType: 'Observation', id: idOf(created as Resource), versionId: '1', patient: TONY },
            { kind: 'delete', resourceType: 'MedicationRequest', id: idOf(naproxen), versionId: '1', patient: TONY },
            { kind: 'update', resourceType: 'Condition', id: idOf(hypertension), versionId: '2', patient: TONY },
          ],
          'the changes heard',
        );
        check.deepEqual(
          (await Promise.all(reads)).sort(),
          ['create Observation: version 1', 'delete MedicationRequest: error not-found', 'update Condition: version 2'],
          'reads in the listener see the whole transaction committed',
        );
      },
    },
  ],
};

interface Breakage {
  readonly name: string;
  readonly path: string;
  /** The real resource, seeded, that is broken. */
  readonly original: Resource;
  readonly broken: () => Resource;
}

const breakages: readonly Breakage[] = [
  { name: 'a bad date', path: 'Observation.effectiveDateTime', original: bodyWeight, broken: () => ({ ...copy(bodyWeight), effectiveDateTime: '2012-13-45' }) },
  {
    name: 'an unknown property',
    path: 'Condition.onsetDateTme',
    original: hypertension,
    broken: () => {
      const c = copy(hypertension) as Condition & { onsetDateTme?: string };
      c.onsetDateTme = c.onsetDateTime;
      delete c.onsetDateTime;
      return c;
    },
  },
  {
    name: 'a missing required element (intent)',
    path: 'MedicationRequest.intent',
    original: naproxen,
    broken: () => {
      const m = copy(naproxen) as Partial<MedicationRequest>;
      delete m.intent;
      return m as MedicationRequest;
    },
  },
  {
    name: 'a missing required reference (patient)',
    path: 'AllergyIntolerance.patient',
    original: beeVenom,
    broken: () => {
      const a = copy(beeVenom) as Partial<AllergyIntolerance>;
      delete a.patient;
      return a as AllergyIntolerance;
    },
  },
];

type Write = 'create' | 'update' | 'update-as-create' | 'transaction create' | 'transaction update';
const writes: readonly Write[] = ['create', 'update', 'update-as-create', 'transaction create', 'transaction update'];

function invalidCase(breakage: Breakage, write: Write): ConformanceCase {
  return {
    name: `${write} of a real ${breakage.original.resourceType} with ${breakage.name} → invalid, with an issue at ${breakage.path}; nothing stored`,
    async run(context) {
      const { store, check } = context;
      await context.seed();
      const type = breakage.original.resourceType;
      const id = idOf(breakage.original);
      const resource = breakage.broken();
      const what = `${write} of ${type} with ${breakage.name}`;
      const heard = context.watch({});
      const call = {
        create: () => store.create(fresh(resource)),
        update: () => store.update(resource),
        'update-as-create': () => store.update({ ...resource, id: 'kit-invalid-new' }),
        'transaction create': () => store.transaction([{ op: 'create', resource: fresh(bodyWeight) }, { op: 'create', resource: fresh(resource) }]),
        'transaction update': () => store.transaction([{ op: 'create', resource: fresh(bodyWeight) }, { op: 'update', resource }]),
      }[write];
      const error = await check.rejects(call, 'invalid', what);
      expectIssueAt(check, error, breakage.path, what);
      const stored = await store.read(type, id);
      check.equal(versionOf(stored), '1', `${what}: the stored ${type} is still version 1`);
      check.deepEqual(content(stored), content(breakage.original), `${what}: the stored ${type} is unchanged`);
      const before = type === 'Observation' ? fx.observations.length : type === 'Condition' ? fx.conditions.length : type === 'MedicationRequest' ? fx.medicationRequests.length : fx.allergyIntolerances.length;
      check.equal((await found(context, type, {})).length, before, `${what}: no ${type} was added`);
      check.equal((await found(context, 'Observation', {})).length, fx.observations.length, `${what}: no Observation was added`);
      await check.rejects(store.read(type, 'kit-invalid-new'), 'not-found', `${what}: nothing stored under a new id`);
      await heard.expectNoMore(0, what);
    },
  };
}

/** Bad input: every write of invalid data is rejected with its issues, and stores nothing. */
export const invalidSuite: ConformanceSuite = {
  name: 'invalid input',
  cases: [
    ...breakages.flatMap((b) => writes.map((w) => invalidCase(b, w))),
    {
      name: 'create of something that is not a FHIR resource → invalid; nothing stored',
      async run(context) {
        const { store, check } = context;
        await context.seed();
        await check.rejects(store.create({ resourceType: 'KitNoSuchType', id: 'x' } as unknown as Resource), 'invalid', 'create of resourceType "KitNoSuchType"');
        await check.rejects(store.create({ ...fresh(bodyWeight), resourceType: 'Condition' } as unknown as Resource), 'invalid', 'create of an Observation labelled as a Condition');
        check.equal((await found(context, 'Condition', {})).length, fx.conditions.length, 'no Condition was added');
      },
    },
  ],
};

const abortReason = (): AbortSignalLike & { reason: Error } => ({ aborted: true, reason: new Error('conformance kit: aborted') });

/** An already-aborted signal: every call rejects with its reason, and no write leaves anything. */
export const abortSuite: ConformanceSuite = {
  name: 'abort signal',
  cases: [
    {
      name: 'writes with an already-aborted signal reject with its reason and write nothing',
      async run(context) {
        const { store, check } = context;
        await context.seed();
        const heard = context.watch({});
        const cases: [string, (signal: AbortSignalLike) => Promise<unknown>][] = [
          ['create', (signal) => store.create(fresh(bodyWeight), { signal })],
          ['update', (signal) => store.update(noted(hypertension, 'kit: aborted'), { signal })],
          ['update-as-create', (signal) => store.update({ ...fresh(bodyWeight), id: 'kit-aborted-new' }, { signal })],
          ['delete', (signal) => store.delete('MedicationRequest', idOf(naproxen), { signal })],
          [
            'transaction',
            (signal) =>
              store.transaction(
                [
                  { op: 'create', resource: fresh(bodyWeight) },
                  { op: 'update', resource: noted(hypertension, 'kit: aborted') },
                  { op: 'delete', resourceType: 'MedicationRequest', id: idOf(naproxen) },
                ],
                { signal },
              ),
          ],
        ];
        for (const [name, call] of cases) {
          const signal = abortReason();
          await rejectsWithReason(check, () => call(signal), signal.reason, `${name} with an aborted signal`);
        }
        await expectUntouched(context, 'after the aborted writes');
        await check.rejects(store.read('Observation', 'kit-aborted-new'), 'not-found', 'after the aborted update-as-create');
        await heard.expectNoMore(0, 'after the aborted writes');
      },
    },
    {
      name: 'read, search and history with an already-aborted signal reject with its reason',
      async run(context) {
        const { store, check } = context;
        await context.seed();
        const cases: [string, (signal: AbortSignalLike) => Promise<unknown>][] = [
          ['read', (signal) => store.read('Observation', idOf(bodyWeight), { signal })],
          ['search', (signal) => store.search('Observation', { patient: TONY }, { signal })],
          ['history', (signal) => store.history('Observation', idOf(bodyWeight), { signal })],
        ];
        for (const [name, call] of cases) {
          const signal = abortReason();
          await rejectsWithReason(check, () => call(signal), signal.reason, `${name} with an aborted signal`);
        }
      },
    },
  ],
};
