// A failure-injecting HTTP proxy for the tests: it sits between FhirRestStore and the test FHIR
// server and, for the requests a rule matches, answers an error instead of the server, forwards and
// then loses the answer (the write happened, the client never hears of it), hangs, or drops the
// connection. Every request and what the proxy did with it is logged.
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * What the proxy does to a matched request:
 * - `status`: answers `status` itself (with `Retry-After` when given); the server never sees it;
 * - `forward-then-status`: forwards, then answers `status` instead of the server's answer;
 * - `drop`: closes the connection without forwarding;
 * - `forward-then-drop`: forwards, then closes the connection instead of answering;
 * - `hang`: never answers (the client must time out); the server never sees it.
 */
export type Fault =
  | { readonly kind: 'status'; readonly status: number; readonly retryAfter?: string }
  | { readonly kind: 'forward-then-status'; readonly status: number }
  | { readonly kind: 'drop' }
  | { readonly kind: 'forward-then-drop' }
  | { readonly kind: 'hang' };

/** A fault for the next `times` requests that match `method` and `path` (a regular expression on the path and query). */
export interface FaultRule {
  readonly method?: string;
  readonly path?: RegExp;
  readonly fault: Fault;
  /** How many matching requests get the fault (default 1). */
  readonly times?: number;
}

/** A running proxy. */
export interface FailureProxy {
  /** The FHIR base URL through the proxy. */
  readonly baseUrl: string;
  /** Every request as `METHOD path -> what happened` (`forwarded 201`, `status 503`, `dropped`...), with the request headers the tests look at. */
  readonly log: { readonly line: string; readonly headers: Readonly<Record<string, string | string[] | undefined>> }[];
  inject(rule: FaultRule): void;
  /** Forgets every rule and empties the log. */
  reset(): void;
  close(): Promise<void>;
}

interface ActiveRule {
  readonly rule: FaultRule;
  left: number;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function forward(upstream: URL, request: IncomingMessage, body: Buffer): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const headers = { ...request.headers, host: upstream.host };
    const outgoing = httpRequest({ host: upstream.hostname, port: upstream.port, method: request.method, path: request.url, headers }, (response) => {
      void readBody(response).then((data) => resolve({ status: response.statusCode ?? 502, headers: response.headers, body: data }), reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** Starts a proxy on a free loopback port in front of `upstreamBaseUrl` (`http://127.0.0.1:<port>/fhir`). */
export async function startFailureProxy(upstreamBaseUrl: string): Promise<FailureProxy> {
  const upstream = new URL(upstreamBaseUrl);
  const rules: ActiveRule[] = [];
  const log: FailureProxy['log'] = [];
  const sockets = new Set<Socket>();

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const body = await readBody(request);
    const what = `${request.method ?? 'GET'} ${request.url ?? '/'}`;
    const active = rules.find((r) => r.left > 0 && (r.rule.method === undefined || r.rule.method === request.method) && (r.rule.path === undefined || r.rule.path.test(request.url ?? '')));
    const note = (outcome: string) => log.push({ line: `${what} -> ${outcome}`, headers: { ...request.headers } });
    if (active) active.left--;
    const fault = active?.rule.fault;
    if (fault?.kind === 'status') {
      note(`status ${fault.status}`);
      response.writeHead(fault.status, { 'content-type': 'application/fhir+json', ...(fault.retryAfter !== undefined && { 'retry-after': fault.retryAfter }) });
      response.end(JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'transient', diagnostics: `injected ${fault.status}` }] }));
      return;
    }
    if (fault?.kind === 'drop') {
      note('dropped');
      request.socket.destroy();
      return;
    }
    if (fault?.kind === 'hang') {
      note('hung');
      return;
    }
    const answer = await forward(upstream, request, body);
    if (fault?.kind === 'forward-then-drop') {
      note(`forwarded ${answer.status}, then dropped`);
      request.socket.destroy();
      return;
    }
    if (fault?.kind === 'forward-then-status') {
      note(`forwarded ${answer.status}, then status ${fault.status}`);
      response.writeHead(fault.status, { 'content-type': 'application/fhir+json' });
      response.end(JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception', diagnostics: `injected ${fault.status}` }] }));
      return;
    }
    note(`forwarded ${answer.status}`);
    const headers = { ...answer.headers };
    delete headers['transfer-encoding'];
    delete headers['content-length'];
    response.writeHead(answer.status, headers);
    response.end(answer.body);
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch(() => request.socket.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}${upstream.pathname}`,
    log,
    inject: (rule) => rules.push({ rule, left: rule.times ?? 1 }),
    reset: () => {
      rules.length = 0;
      log.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
