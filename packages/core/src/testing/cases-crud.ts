import type { Observation, Resource } from '@chartwell/fhir';
import type { ConformanceSuite } from './kit.js';
import { allFixtures, content, copy, expectStamp, found, fresh, fx, idOf, versionOf } from './kit.js';

/** Tony Douglas's body weight of 2018-07-24: the resource most cases write. */
export const bodyWeight = fx.observations.find((o) => o.id === '534e246e-d5b0-48ea-8a6f-d7dd620e1f9d') as Observation;

/** Create, read, update (with and without ifMatch), delete and history. */
export const crudSuite: ConformanceSuite = {
  name: 'create, read, update, delete, history',
  cases: [
    {
      name: 'create stores a new resource under a new id, with versionId 1 and lastUpdated, ignoring any id and version given',
      async run(context) {
        const { store, check, options } = context;
        await context.seed();
        const input = { ...copy(bodyWeight), id: 'kit-given-id', meta: { ...copy(bodyWeight.meta), versionId: '7' } } as Observation;
        const before = options.now();
        const created = await store.create(input);
        const after = options.now();
        expectStamp(context, created, { versionId: '1', before, after }, 'create');
        check.ok(created.id !== 'kit-given-id', 'create replaces the id given (kit-given-id)');
        check.ok(created.id !== bodyWeight.id, 'create does not reuse the id of the resource copied');
        check.deepEqual(content(created), content(input), 'create resolves with the resource as written, plus id and meta');
        check.deepEqual(await store.read('Observation', idOf(created)), created, 'read after create returns what create resolved with');
        await check.rejects(store.read('Observation', 'kit-given-id'), 'not-found', 'read of the id the create was given');
      },
    },
    {
      name: 'two creates of the same resource get two ids',
      async run(context) {
        const { store, check } = context;
        await context.seed();
        const a = await store.create(fresh(bodyWeight));
        const b = await store.create(fresh(bodyWeight));
        check.ok(a.id !== b.id, `two creates get different ids (${String(a.id)}, ${String(b.id)})`);
        const seeded = fx.observations.filter((o) => o.code.coding?.some((c) => c.code === '29463-7')).length;
        check.equal((await found(context, 'Observation', { code: 'http://loinc.org|29463-7' })).length, seeded + 2, 'search finds the seeded body weights and the two created');
      },
    },
    {
      name: 'read returns each resource as stored (every resource type of the seeded chart)',
      async run(context) {
        const { store, check } = context;
        await context.seed();
        for (const fixture of allFixtures) {
          const stored = await store.read(fixture.resourceType, idOf(fixture));
          check.equal(stored.resourceType, fixture.resourceType, `read ${fixture.resourceType}/${idOf(fixture)}: resourceType`);
          check.equal(stored.id, fixture.id, `read ${fixture.resourceType}/${idOf(fixture)}: id`);
          check.equal(versionOf(stored), '1', `read ${fixture.resourceType}/${idOf(fixture)}: meta.versionId`);
          check.deepEqual(content(stored), content(fixture), `read ${fixture.resourceType}/${idOf(fixture)} returns what was written`);
        }
      },
    },
    {
      name: 'read of an id that does not exist, or exists under another type, is not-found and names the resource',
      async run(context) {
        const { store, check } = context;
        await context.seed();
        const error = await check.rejects(store.read('Observation', 'kit-no-such-id'), 'not-found', 'read Observation/kit-no-such-id');
        check.ok(error.id === 'kit-no-such-id' || String(error.message).includes('kit-no-such-id'), `the not-found error names the id (id ${String(error.id)}, message ${String(error.message)})`);
        await check.rejects(store.read('Condition', idOf(bodyWeight)), 'not-found', 'read of an Observation id as a Condition');
      },
    },
    {
      name: 'returned objects are copies: changing them, or the input after the call, changes nothing stored',
      async run(context) {
        const { store, check } = context;
        await context.seed();
        const input = fresh(bodyWeight);
        const created = await store.create(input);
        const id = idOf(created);
        const snapshot = copy(created);
        const mutate = (r: Resource) => {
          const o = r as Observation;
          o.status = 'cancelled';
          if (o.meta) o.meta.versionId = '99';
          const coding = o.code.coding?.[0];
          if (coding) coding.code = 'kit-mutated';
        };
        mutate(created);
        mutate(input);
        check.deepEqual(await store.read('Observation', id), snapshot, 'read after changing the object create resolved with, and its input');
        mutate(await store.read('Observation', id));
        check.deepEqual(await store.read('Observation', id), snapshot, 'read after changing the object an earlier read resolved with');
        const page = await store.search('Observation', { _id: id });
        check.equal(page.length, 1, 'search by _id finds the created resource');
        mutate(page[0] as Observation);
        check.deepEqual(await store.read('Observation', id), snapshot, 'read after changing a search result');
        const history = await store.history('Observation', id);
        mutate(history[0] as Observation);
        check.deepEqual(await store.read('Observation', id), snapshot, 'read after changing a history entry');
        const updateInput = { ...copy(snapshot), status: 'amended' } as Observation;
        const updated = await store.update(updateInput);
        const updatedSnapshot = copy(updated);
        mutate(updated);
        mutate(updateInput);
        check.deepEqual(await store.read('Observation', id), updatedSnapshot, 'read after changing the object update resolved with, and its input');
      },
    },
    {
      name: 'update stores a new version: versionId 2, then 3; lastUpdated moves on; any version given is ignored',
      async run(context) {
        const { store, check, options } = context;
        await context.seed();
        const created = await store.create(fresh(bodyWeight));
        const before = options.now();
        const v2 = await store.update({ ...copy(created), status: 'amended', meta: { ...copy(created.meta), versionId: '42' } });
        const after = options.now();
        expectStamp(context, v2, { versionId: '2', id: idOf(created), before, after }, 'update');
        check.equal(v2.status, 'amended', 'update resolves with the new content');
        check.ok(String(v2.meta?.lastUpdated) >= String(created.meta?.lastUpdated) || Date.parse(String(v2.meta?.lastUpdated)) >= Date.parse(String(created.meta?.lastUpdated)), 'lastUpdated of version 2 is not before version 1');
        check.deepEqual(await store.read('Observation', idOf(created)), v2, 'read after update returns version 2');
        const v3 = await store.update({ ...copy(v2), status: 'corrected' });
        check.equal(versionOf(v3), '3', 'a second update: meta.versionId');
        check.deepEqual(content(v3), content({ ...copy(v2), status: 'corrected' }), 'update resolves with the resource as written');
      },
    },
    {
      name: 'update of an id that does not exist creates it with that id, version 1 (update-as-create)',
      async run(context) {
        const { store, check, options } = context;
        await context.seed();
        const input = { ...fresh(bodyWeight), id: 'kit-update-as-create' };
        const before = options.now();
        const stored = await store.update(input);
        const after = options.now();
        expectStamp(context, stored, { versionId: '1', id: 'kit-update-as-create', before, after }, 'update-as-create');
        check.deepEqual(content(stored), content(input), 'update-as-create resolves with the resource as written');
        check.deepEqual(await store.read('Observation', 'kit-update-as-create'), stored, 'read after update-as-create');
      },
    },
    {
      name: 'ifMatch with the current version passes, as "1" and as W/"2"',
      async run(context) {
        const { store, check } = context;
        await context.seed();
        const v1 = await store.create(fresh(bodyWeight));
        const v2 = await store.update({ ...copy(v1), status: 'amended' }, { ifMatch: '1' });
        check.equal(versionOf(v2), '2', 'update with ifMatch "1" of version 1: meta.versionId');
        const v3 = await store.update({ ...copy(v2), status: 'corrected' }, { ifMatch: 'W/"2"' });
        check.equal(versionOf(v3), '3', 'update with ifMatch W/"2" of version 2: meta.versionId');
        await store.delete('Observation', idOf(v1), { ifMatch: 'W/"3"' });
        await check.rejects(store.read('Observation', idOf(v1)), 'not-found', 'read after delete with ifMatch W/"3"');
      },
    },
    {
      name: 'ifMatch with a stale version is a conflict (both forms) and changes nothing',
      async run(context) {
        const { store, check } = context;
        await context.seed();
        const v1 = await store.create(fresh(bodyWeight));
        const v2 = await store.update({ ...copy(v1), status: 'amended' });
        for (const ifMatch of ['1', 'W/"1"']) {
          const error = await check.rejects(store.update({ ...copy(v1), status: 'corrected' }, { ifMatch }), 'conflict', `update with stale ifMatch ${ifMatch}`);
          check.ok(error.id === v1.id || String(error.message).includes(idOf(v1)), `the conflict names the resource (id ${String(error.id)}, message ${String(error.message)})`);
          await check.rejects(store.delete('Observation', idOf(v1), { ifMatch }), 'conflict', `delete with stale ifMatch ${ifMatch}`);
        }
        check.deepEqual(await store.read('Observation', idOf(v1)), v2, 'read after the rejected writes still returns version 2');
        check.deepEqual((await store.history('Observation', idOf(v1))).map(versionOf), ['2', '1'], 'history after the rejected writes');
      },
    },
    {
      name: 'update with ifMatch of a resource that does not exist fails and creates nothing',
      async run(context) {
        const { store, check } = context;
        await context.seed();
        await check.rejects(store.update({ ...fresh(bodyWeight), id: 'kit-missing' }, { ifMatch: '1' }), ['not-found', 'conflict'], 'update of a missing id with ifMatch "1"');
        await check.rejects(store.read('Observation', 'kit-missing'), 'not-found', 'read after the rejected update');
      },
    },
    {
      name: 'delete removes the resource: read is not-found, search no longer finds it',
      async run(context) {
        const { store, check } = context;
        await context.seed();
        const id = idOf(bodyWeight);
        const result = await store.delete('Observation', id);
        check.equal(result, undefined, 'delete resolves with undefined');
        await check.rejects(store.read('Observation', id), 'not-found', 'read after delete');
        check.ok(!(await found(context, 'Observation', {})).includes(id), 'search after delete does not find the deleted resource');
        check.equal((await found(context, 'Observation', {})).length, fx.observations.length - 1, 'search after delete finds the other Observations');
      },
    },
    {
      name: 'delete of a resource that does not exist, or was deleted, is not-found',
      async run(context) {
        const { store, check } = context;
        await context.seed();
        await check.rejects(store.delete('Observation', 'kit-no-such-id'), 'not-found', 'delete of Observation/kit-no-such-id');
        await check.rejects(store.delete('Condition', idOf(bodyWeight)), 'not-found', 'delete of an Observation id as a Condition');
        await store.delete('Observation', idOf(bodyWeight));
        await check.rejects(store.delete('Observation', idOf(bodyWeight)), 'not-found', 'a second delete of the same resource');
        check.equal((await found(context, 'Observation', {})).length, fx.observations.length - 1, 'the failed deletes removed nothing else');
      },
    },
    {
      name: 'history lists every version, newest first, each as it was stored',
      async run(context) {
        const { store, check } = context;
        await context.seed();
        const v1 = await store.create(fresh(bodyWeight));
        const v2 = await store.update({ ...copy(v1), status: 'amended' });
        const v3 = await store.update({ ...copy(v2), status: 'corrected' });
        const history = await store.history('Observation', idOf(v1));
        check.deepEqual(history.map(versionOf), ['3', '2', '1'], 'history: the versionIds, newest first');
        check.deepEqual(history, [v3, v2, v1], 'history: each version as the write resolved with it');
        const seeded = await store.history('Observation', idOf(bodyWeight));
        check.deepEqual(seeded.map(versionOf), ['1'], 'history of a resource written once');
      },
    },
    {
      name: 'history survives delete',
      async run(context) {
        const { store, check } = context;
        await context.seed();
        const v1 = await store.create(fresh(bodyWeight));
        const v2 = await store.update({ ...copy(v1), status: 'amended' });
        await store.delete('Observation', idOf(v1));
        const history = await store.history('Observation', idOf(v1));
        check.deepEqual(history.map(versionOf), ['2', '1'], 'history after delete: the versionIds');
        check.deepEqual(history, [v2, v1], 'history after delete: each version as stored');
      },
    },
  ],
};
