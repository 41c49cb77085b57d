/** What a FHIR server says it can do (from its CapabilityStatement), as far as FhirRestStore uses it. */
export interface ServerCapabilities {
  /** Whether a CapabilityStatement was read; without one the store assumes the least (see each field). */
  readonly known: boolean;
  /** Whether the server runs transaction Bundles (`rest.interaction` code `transaction`). */
  readonly transaction: boolean;
  /** The search parameters each resource type declares (`rest.resource.searchParam.name`); the store sends the server only these. */
  readonly searchParams: ReadonlyMap<string, ReadonlySet<string>>;
  /** Resource types whose declaration says `conditionalCreate` (If-None-Exist). */
  readonly conditionalCreate: ReadonlySet<string>;
  /** Where the server's websocket for Subscription notifications is (the R4 `capabilitystatement-websocket` extension), if it has one. */
  readonly websocketUrl?: string;
}

const WEBSOCKET_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/capabilitystatement-websocket';

/** The capabilities assumed when the server has no readable CapabilityStatement: transactions attempted, no parameter but `_id` trusted. */
export const UNKNOWN_CAPABILITIES: ServerCapabilities = { known: false, transaction: true, searchParams: new Map(), conditionalCreate: new Set() };

interface Declared {
  readonly type?: unknown;
  readonly searchParam?: readonly { readonly name?: unknown }[];
  readonly conditionalCreate?: unknown;
}

/** Reads a CapabilityStatement (any JSON); a body that is not one gives {@link UNKNOWN_CAPABILITIES}. */
export function parseCapabilities(body: unknown): ServerCapabilities {
  const statement = body as { resourceType?: unknown; rest?: unknown } | undefined;
  if (statement?.resourceType !== 'CapabilityStatement' || !Array.isArray(statement.rest)) return UNKNOWN_CAPABILITIES;
  const server = (statement.rest as { mode?: unknown; interaction?: unknown; resource?: unknown; extension?: unknown }[]).find((r) => r.mode === 'server') ?? statement.rest[0];
  const interactions = Array.isArray(server?.interaction) ? (server.interaction as { code?: unknown }[]) : [];
  const searchParams = new Map<string, Set<string>>();
  const conditionalCreate = new Set<string>();
  for (const declared of (Array.isArray(server?.resource) ? server.resource : []) as Declared[]) {
    if (typeof declared.type !== 'string') continue;
    const names = new Set<string>();
    for (const p of declared.searchParam ?? []) if (typeof p.name === 'string') names.add(p.name);
    searchParams.set(declared.type, names);
    if (declared.conditionalCreate === true) conditionalCreate.add(declared.type);
  }
  const extensions = Array.isArray(server?.extension) ? (server.extension as { url?: unknown; valueUri?: unknown; valueUrl?: unknown }[]) : [];
  const websocket = extensions.find((e) => e.url === WEBSOCKET_EXTENSION);
  const websocketUrl = typeof websocket?.valueUri === 'string' ? websocket.valueUri : typeof websocket?.valueUrl === 'string' ? websocket.valueUrl : undefined;
  return { known: true, transaction: interactions.some((i) => i.code === 'transaction'), searchParams, conditionalCreate, ...(websocketUrl !== undefined && { websocketUrl }) };
}
