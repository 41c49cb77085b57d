import { isResourceTypeName, type CareTeam, type Consent, type ExtractResource, type Resource, type ResourceType } from '@chartwell/fhir';
import { searchAllPages } from '../search/all-pages.js';
import type { ChartChange, ChartStore, SearchPage, SearchQuery, StoreCallOptions, StoreInfo, TransactionOperation, WatchFilter, WriteOptions } from '../store/chart-store.js';
import { ForbiddenError, InvalidError, isChartStoreError } from '../store/errors.js';
import { AccessDeniedError } from './access-denied-error.js';
import type { AccessOverride, BreakTheGlassRequest } from './access-override.js';
import { ACCESS_ROLES, AccessPolicyError, parseAccessPolicy, type AccessAction, type AccessPolicy, type AccessRole, type AccessRule, type AccessUser } from './access-policy.js';
import { compartmentPatientsOf, patientReference } from './compartment-patients.js';
import { consentsDeny } from './consent-decision.js';
import { periodCovers } from './period-covers.js';
import { restrictedLabelsOf } from './security-labels.js';
import { SHARED_RESOURCE_TYPES } from './shared-resource-types.js';
import { parseSmartScopes } from './smart-scopes.js';

/** Options of `withAccess` (`@chartwell/core/access`). */
export interface WithAccessOptions {
  /** The clock for consent periods, care-team periods and overrides (default: the system clock). */
  readonly now?: () => Date;
  /**
   * Called when the user breaks the glass, before the override takes effect: record it (the audit
   * trail writes an AuditEvent with purposeOfUse BTG). If it throws, the override does not happen.
   */
  readonly onOverride?: (override: AccessOverride) => void;
  /** The longest override allowed, in minutes (default 240). */
  readonly maxOverrideMinutes?: number;
  /** The roles that may break the glass (default: every role but `patient`). */
  readonly breakTheGlassRoles?: readonly AccessRole[];
}

/** Where a filtered search continues: an inner page (its cursor; undefined for the first) and how many of its resources were used. */
interface Position {
  readonly cursor: string | undefined;
  readonly skip: number;
}

const DEFAULT_PAGE_SIZE = 50;
const KEPT_CURSORS = 64;
const DEFAULT_OVERRIDE_MINUTES = 60;

const WHERE: Record<AccessRule['compartment'], string> = {
  any: 'for any patient',
  'own-record': 'in their own record',
  'care-team': 'for patients on their care team',
};

const named = (type: string, id: string | undefined) => (id ? `${type}/${id}` : type);

function fingerprintOf(type: string, query: object): string {
  const entries = Object.entries(query).filter(([key, value]) => key !== '_cursor' && value !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${type}?${JSON.stringify(entries)}`;
}

function referencesIn(value: unknown, found: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const item of value) referencesIn(item, found);
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'reference' && typeof item === 'string') found.add(item.replace(/\/_history\/.*$/, ''));
      else referencesIn(item, found);
    }
  }
  return found;
}

const isWritable = (resource: unknown): resource is Resource =>
  resource !== null && typeof resource === 'object' && typeof (resource as { resourceType?: unknown }).resourceType === 'string' && isResourceTypeName((resource as { resourceType: string }).resourceType);

/** What one call has looked up already (care teams and consents of each patient), so a search page looks each up once. */
class Evaluation {
  readonly careTeam = new Map<string, Promise<boolean>>();
  readonly consents = new Map<string, Promise<Consent[]>>();
}

/**
 * A {@link ChartStore} that enforces an {@link AccessPolicy} for one user on every call (see
 * `withAccess` (`@chartwell/core/access`)), and lets the user break the glass.
 */
export class AccessControlledStore implements ChartStore {
  /** The store's own info: where the data lives. */
  readonly info?: StoreInfo;
  /** The user every call is made for. */
  readonly user: AccessUser;
  /** The policy, as checked. */
  readonly policy: AccessPolicy;
  readonly #inner: ChartStore;
  readonly #scopes: AccessPolicy | undefined;
  readonly #now: () => Date;
  readonly #options: WithAccessOptions;
  readonly #overrides = new Map<string, AccessOverride>();
  readonly #cursors = new Map<string, { readonly fingerprint: string; readonly position: Position }>();

  /** Prefer `withAccess` (`@chartwell/core/access`). Throws an AccessPolicyError for a malformed policy, user or scope. */
  constructor(inner: ChartStore, policy: AccessPolicy, user: AccessUser, options: WithAccessOptions = {}) {
    if (user === null || typeof user !== 'object') throw new AccessPolicyError('user', 'is required');
    if (typeof user.id !== 'string' || user.id === '') throw new AccessPolicyError('user.id', 'must be a non-empty string');
    if (!(ACCESS_ROLES as readonly string[]).includes(user.role)) throw new AccessPolicyError('user.role', `${JSON.stringify(user.role)} is not one of ${ACCESS_ROLES.join(', ')}`);
    this.#inner = inner;
    this.policy = parseAccessPolicy(policy);
    this.user = user;
    this.#scopes = user.scopes === undefined ? undefined : parseSmartScopes(user.scopes);
    this.#now = options.now ?? (() => new Date());
    this.#options = options;
    if (inner.info !== undefined) this.info = inner.info;
  }

  /**
   * Whether the policy (and the user's scopes) lets the user do `action` to some resources of
   * `type` at all, before compartments, labels and consents: for a UI deciding which actions to show.
   */
  permits(action: AccessAction, type: ResourceType): boolean {
    return this.#typeDenial(action, type, undefined) === undefined;
  }

  // --- break the glass ---

  /**
   * Breaks the glass: for the next `durationMinutes`, consent and security-label denials of
   * `patient`'s record are lifted for this user (role, compartment and scope denials are not).
   * The override is passed to `onOverride` first; it is returned and {@link activeOverride} shows it.
   * InvalidError for a blank reason, a missing patient or a duration out of range; ForbiddenError
   * for a role that may not break the glass.
   */
  breakTheGlass(request: BreakTheGlassRequest): AccessOverride {
    const reason = typeof request?.reason === 'string' ? request.reason.trim() : '';
    if (reason === '') throw new InvalidError({ path: 'reason' }, 'Breaking the glass needs a reason: say why this emergency needs the record');
    if (typeof request.patient !== 'string' || request.patient.trim() === '' || request.patient === 'Patient/') throw new InvalidError({ path: 'patient' }, 'Breaking the glass needs the patient whose record to open');
    const max = this.#options.maxOverrideMinutes ?? 240;
    const minutes = request.durationMinutes ?? DEFAULT_OVERRIDE_MINUTES;
    if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes <= 0 || minutes > max) {
      throw new InvalidError({ path: 'durationMinutes' }, `durationMinutes must be more than 0 and at most ${max}, not ${String(minutes)}`);
    }
    const roles = this.#options.breakTheGlassRoles ?? ACCESS_ROLES.filter((role) => role !== 'patient');
    if (!roles.includes(this.user.role)) throw new ForbiddenError({}, `The ${this.user.role} role may not break the glass`);
    const start = this.#now();
    const override: AccessOverride = {
      user: this.user.id,
      ...(this.user.reference !== undefined && { userReference: this.user.reference }),
      ...(this.user.display !== undefined && { userDisplay: this.user.display }),
      role: this.user.role,
      patient: patientReference(request.patient.trim()),
      reason,
      start: start.toISOString(),
      end: new Date(start.getTime() + minutes * 60_000).toISOString(),
    };
    this.#options.onOverride?.(override);
    this.#overrides.set(override.patient, override);
    return override;
  }

  /** The override in force for `patient` (`Patient/123` or `123`) now, if any; an expired one is forgotten. */
  activeOverride(patient: string): AccessOverride | undefined {
    const key = patientReference(patient);
    const override = this.#overrides.get(key);
    if (override === undefined) return undefined;
    if (this.#now().getTime() < Date.parse(override.end)) return override;
    this.#overrides.delete(key);
    return undefined;
  }

  /** Ends the override for `patient` before it expires (nothing if there is none). */
  endOverride(patient: string): void {
    this.#overrides.delete(patientReference(patient));
  }

  // --- the decision ---

  #rules(policy: AccessPolicy, action: AccessAction, type: string): AccessRule[] {
    return policy.rules.filter((rule) => (rule.roles.includes(this.user.role) || rule.roles.includes('*')) && rule.actions.includes(action) && (rule.resourceTypes.includes(type) || rule.resourceTypes.includes('*')));
  }

  #typeDenial(action: AccessAction, type: string, id: string | undefined): AccessDeniedError | undefined {
    if (this.#rules(this.policy, action, type).length === 0) {
      return new AccessDeniedError({ resourceType: type, ...(id !== undefined && { id }), reason: 'policy' }, `No rule permits ${this.user.role} to ${action} ${type}`);
    }
    if (this.#scopes !== undefined && this.#rules(this.#scopes, action, type).length === 0) {
      return new AccessDeniedError({ resourceType: type, ...(id !== undefined && { id }), reason: 'scope' }, `No granted SMART scope permits ${action} of ${type}`);
    }
    return undefined;
  }

  async #onCareTeam(patient: string, evaluation: Evaluation, options: StoreCallOptions | undefined): Promise<boolean> {
    const me = this.user.reference;
    if (me === undefined) return false;
    let known = evaluation.careTeam.get(patient);
    if (known === undefined) {
      const now = this.#now();
      known = searchAllPages(this.#inner, 'CareTeam', { patient }, options).then((teams: CareTeam[]) =>
        teams.some(
          (team) =>
            team.status !== 'inactive' &&
            team.status !== 'entered-in-error' &&
            team.status !== 'suspended' &&
            periodCovers(team.period, now) &&
            (team.participant ?? []).some((participant) => participant.member?.reference === me && periodCovers(participant.period, now)),
        ),
      );
      evaluation.careTeam.set(patient, known);
    }
    return known;
  }

  async #admits(rule: AccessRule, type: string, patients: readonly string[], evaluation: Evaluation, options: StoreCallOptions | undefined): Promise<boolean> {
    if (rule.compartment === 'any') return true;
    if (patients.length === 0) return SHARED_RESOURCE_TYPES.has(type);
    if (rule.compartment === 'own-record') {
      const own = this.user.patientId === undefined ? undefined : patientReference(this.user.patientId);
      return own !== undefined && patients.includes(own);
    }
    for (const patient of patients) if (await this.#onCareTeam(patient, evaluation, options)) return true;
    return false;
  }

  async #admitting(policy: AccessPolicy, action: AccessAction, resource: Resource, patients: readonly string[], evaluation: Evaluation, options: StoreCallOptions | undefined): Promise<AccessRule[]> {
    const admitted: AccessRule[] = [];
    for (const rule of this.#rules(policy, action, resource.resourceType)) if (await this.#admits(rule, resource.resourceType, patients, evaluation, options)) admitted.push(rule);
    return admitted;
  }

  #consentsOf(patient: string, evaluation: Evaluation, options: StoreCallOptions | undefined): Promise<Consent[]> {
    let known = evaluation.consents.get(patient);
    if (known === undefined) {
      known = searchAllPages(this.#inner, 'Consent', { patient, status: 'active' }, options);
      evaluation.consents.set(patient, known);
    }
    return known;
  }

  /** Why the user may not do `action` to `resource`, or undefined if they may. */
  async #denial(action: AccessAction, resource: Resource, evaluation: Evaluation, options: StoreCallOptions | undefined): Promise<AccessDeniedError | undefined> {
    const { resourceType: type, id } = resource;
    const typeDenied = this.#typeDenial(action, type, id);
    if (typeDenied !== undefined) return typeDenied;
    const about = { resourceType: type, ...(id !== undefined && { id }) };
    const patients = compartmentPatientsOf(resource);
    const rules = this.#rules(this.policy, action, type);
    const admitted = await this.#admitting(this.policy, action, resource, patients, evaluation, options);
    if (admitted.length === 0) {
      const where = [...new Set(rules.map((rule) => WHERE[rule.compartment]))].join(' or ');
      return new AccessDeniedError({ ...about, reason: 'compartment' }, `${this.user.role} may ${action} ${type} only ${where}`);
    }
    if (this.#scopes !== undefined && (await this.#admitting(this.#scopes, action, resource, patients, evaluation, options)).length === 0) {
      return new AccessDeniedError({ ...about, reason: 'scope' }, `The granted SMART scopes permit ${action} of ${type} only in the launch patient's record`);
    }
    if (action !== 'read' && action !== 'search') return undefined;
    if (patients.some((patient) => this.activeOverride(patient) !== undefined)) return undefined;
    const [first] = patients;
    const withheld = restrictedLabelsOf(resource).filter((label) => !admitted.some((rule) => rule.labels?.includes(label)));
    if (withheld.length > 0) {
      return new AccessDeniedError(
        { ...about, reason: 'security-label', ...(first !== undefined && { patient: first }) },
        `${named(type, id)} carries a security label that no rule permits ${this.user.role} to see; breaking the glass can override this`,
      );
    }
    const self = this.user.patientId === undefined ? undefined : patientReference(this.user.patientId);
    const actors = [this.user.reference, this.user.organization].filter((actor): actor is string => actor !== undefined);
    for (const patient of patients) {
      if (patient === self) continue; // a consent governs what others see of the patient's record
      const consents = await this.#consentsOf(patient, evaluation, options);
      if (consentsDeny(consents, { resource, actors, purpose: this.user.purposeOfUse ?? 'TREAT', now: this.#now() })) {
        return new AccessDeniedError({ ...about, reason: 'consent', patient }, `A patient consent withholds ${named(type, id)} from this user; breaking the glass can override this`);
      }
    }
    return undefined;
  }

  async #existing(type: ResourceType, id: unknown, options: StoreCallOptions | undefined): Promise<Resource | undefined> {
    if (typeof id !== 'string' || id === '') return undefined;
    try {
      return await this.#inner.read(type, id, options);
    } catch (error) {
      if (isChartStoreError(error, 'not-found')) return undefined;
      throw error;
    }
  }

  /** Checks every write before any is made; throws the first denial. Malformed operations are left to the store, which rejects them and writes nothing. */
  async #checkWrites(operations: readonly TransactionOperation[], options: StoreCallOptions | undefined): Promise<void> {
    if (!Array.isArray(operations)) return;
    const evaluation = new Evaluation();
    const deny = (denial: AccessDeniedError | undefined) => {
      if (denial !== undefined) throw denial;
    };
    for (const operation of operations as readonly (TransactionOperation | undefined)[]) {
      if (operation?.op === 'create' && isWritable(operation.resource)) {
        // the store gives a new resource its id: judge it without the one it came with (a new Patient is no one's record yet)
        const fresh = { ...operation.resource } as Resource & { id?: string };
        delete fresh.id;
        deny(await this.#denial('create', fresh, evaluation, options));
      } else if (operation?.op === 'update' && isWritable(operation.resource)) {
        deny(await this.#denial('update', operation.resource, evaluation, options));
        const existing = await this.#existing(operation.resource.resourceType, operation.resource.id, options);
        if (existing !== undefined) deny(await this.#denial('update', existing, evaluation, options));
      } else if (operation?.op === 'delete' && typeof operation.resourceType === 'string' && isResourceTypeName(operation.resourceType)) {
        deny(this.#typeDenial('delete', operation.resourceType, typeof operation.id === 'string' ? operation.id : undefined));
        const existing = await this.#existing(operation.resourceType, operation.id, options);
        if (existing !== undefined) deny(await this.#denial('delete', existing, evaluation, options));
      }
    }
  }

  // --- ChartStore ---

  /**
   * The resource, if the user may read it. A type the user may not read at all is refused before
   * the store is asked, so a missing and an existing resource of it look the same.
   *
   * @category Read
   */
  async read<K extends ResourceType>(type: K, id: string, options?: StoreCallOptions): Promise<ExtractResource<K>> {
    const refused = this.#typeDenial('read', type, id);
    if (refused !== undefined) throw refused;
    const resource = await this.#inner.read(type, id, options);
    const denial = await this.#denial('read', resource, new Evaluation(), options);
    if (denial !== undefined) throw denial;
    return resource;
  }

  /**
   * The resources the user may see, one page at a time: pages are filled to `_count` from what
   * the user may see, `next` is an opaque token that exists only when another visible resource
   * follows, and `included` holds only readable resources referenced by this page.
   *
   * @category Read
   */
  async search<K extends ResourceType>(type: K, query: SearchQuery<K> = {}, options?: StoreCallOptions): Promise<SearchPage<ExtractResource<K>>> {
    const refused = this.#typeDenial('search', type, undefined);
    if (refused !== undefined) throw refused;
    const { _cursor: cursor, ...rest } = query as SearchQuery<K> & { readonly _cursor?: unknown };
    const fingerprint = fingerprintOf(type, rest);
    let position: Position = { cursor: undefined, skip: 0 };
    if (cursor !== undefined) {
      const saved = typeof cursor === 'string' ? this.#cursors.get(cursor) : undefined;
      if (saved === undefined) throw new InvalidError({ resourceType: type, path: '_cursor' }, `${type} search: _cursor is not a cursor this store gave (or it is too old)`);
      if (saved.fingerprint !== fingerprint) throw new InvalidError({ resourceType: type, path: '_cursor' }, `${type} search: the _cursor belongs to another search (pass the same query with the next page's cursor)`);
      position = saved.position;
    }
    const size = typeof rest._count === 'number' ? rest._count : DEFAULT_PAGE_SIZE;
    const evaluation = new Evaluation();
    const found: ExtractResource<K>[] = [];
    const candidates = new Map<string, Resource>();
    let next: string | undefined;
    for (;;) {
      const page = await this.#inner.search(type, { ...rest, ...(position.cursor !== undefined && { _cursor: position.cursor }) } as SearchQuery<K>, options);
      for (const resource of page.included) candidates.set(`${resource.resourceType}/${resource.id ?? ''}`, resource);
      let index = position.skip;
      for (; index < page.length; index++) {
        const resource = page[index] as ExtractResource<K>;
        if ((await this.#denial('search', resource, evaluation, options)) !== undefined) continue;
        if (found.length >= size) break;
        found.push(resource);
      }
      if (index < page.length) {
        next = this.#keepCursor(fingerprint, { cursor: position.cursor, skip: index });
        break;
      }
      if (page.next === undefined) break;
      position = { cursor: page.next, skip: 0 };
    }
    const referenced = referencesIn(found, new Set());
    const included: Resource[] = [];
    for (const [key, resource] of candidates) {
      if (referenced.has(key) && (await this.#denial('read', resource, evaluation, options)) === undefined) included.push(resource);
    }
    return Object.assign(found, { included, ...(next !== undefined && { next }) });
  }

  #keepCursor(fingerprint: string, position: Position): string {
    const token = (globalThis as unknown as { crypto: { randomUUID(): string } }).crypto.randomUUID();
    this.#cursors.set(token, { fingerprint, position });
    for (const oldest of this.#cursors.keys()) {
      if (this.#cursors.size <= KEPT_CURSORS) break;
      this.#cursors.delete(oldest);
    }
    return token;
  }

  /**
   * Creates the resource if the user may create it (for that patient).
   *
   * @category Write
   */
  async create<R extends Resource>(resource: R, options?: StoreCallOptions): Promise<R> {
    await this.#checkWrites([{ op: 'create', resource }], options);
    return this.#inner.create(resource, options);
  }

  /**
   * Updates the resource if the user may update both the stored version and the new one.
   *
   * @category Write
   */
  async update<R extends Resource>(resource: R, options?: WriteOptions): Promise<R> {
    await this.#checkWrites([{ op: 'update', resource }], options);
    return this.#inner.update(resource, options);
  }

  /**
   * Deletes the resource if the user may delete it.
   *
   * @category Write
   */
  async delete(type: ResourceType, id: string, options?: WriteOptions): Promise<void> {
    await this.#checkWrites([{ op: 'delete', resourceType: type, id }], options);
    return this.#inner.delete(type, id, options);
  }

  /**
   * Checks every operation first; if any is denied, throws its AccessDeniedError and writes nothing.
   *
   * @category Write
   */
  async transaction(operations: readonly TransactionOperation[], options?: StoreCallOptions): Promise<(Resource | undefined)[]> {
    await this.#checkWrites(operations, options);
    return this.#inner.transaction(operations, options);
  }

  /**
   * The versions the user may read, newest first; refused if the user may not read the newest.
   *
   * @category Read
   */
  async history<K extends ResourceType>(type: K, id: string, options?: StoreCallOptions): Promise<ExtractResource<K>[]> {
    const refused = this.#typeDenial('read', type, id);
    if (refused !== undefined) throw refused;
    const versions = await this.#inner.history(type, id, options);
    const evaluation = new Evaluation();
    const [newest] = versions;
    if (newest !== undefined) {
      const denial = await this.#denial('read', newest, evaluation, options);
      if (denial !== undefined) throw denial;
    }
    const readable: ExtractResource<K>[] = [];
    for (const version of versions) if ((await this.#denial('read', version, evaluation, options)) === undefined) readable.push(version);
    return readable;
  }

  /**
   * Tells `listener` of the changes `filter` matches to resources the user may read (the version
   * changed is checked), in commit order; returns the function that stops it.
   *
   * @category Watch
   */
  watch(filter: WatchFilter, listener: (change: ChartChange) => void): () => void {
    let stopped = false;
    let queue: Promise<void> = Promise.resolve();
    const stop = this.#inner.watch(filter, (change) => {
      queue = queue.then(async () => {
        if (stopped || !(await this.#mayHear(change)) || stopped) return;
        try {
          listener(change);
        } catch (error) {
          (globalThis as { console?: { error(...data: unknown[]): void } }).console?.error('withAccess: a watch listener threw', error);
        }
      });
    });
    return () => {
      stopped = true;
      stop();
    };
  }

  async #mayHear(change: ChartChange): Promise<boolean> {
    if (this.#typeDenial('read', change.resourceType, change.id) !== undefined) return false;
    try {
      const versions = await this.#inner.history(change.resourceType, change.id);
      const changed = versions.find((version) => version.meta?.versionId === change.versionId) ?? versions[0];
      return changed !== undefined && (await this.#denial('read', changed, new Evaluation(), undefined)) === undefined;
    } catch {
      return false;
    }
  }
}

/**
 * Wraps `store` so that every call is made as `user` under `policy` (and the user's SMART scopes,
 * if any): reads and searches return only what the user may see, writes and transactions are
 * checked whole before anything is written, watchers hear only changes they may read. A denial
 * throws an {@link AccessDeniedError} (a ForbiddenError) naming the rule or reason, never the
 * withheld content. Client-side enforcement: the server must enforce access too.
 *
 * @example
 * const store = withAccess(new MemoryStore(), DEFAULT_ACCESS_POLICY, { id: 'u1', role: 'clinician', reference: 'Practitioner/1' }, {
 *   onOverride: (override) => console.info('glass broken until', override.end),
 * });
 * await store.search('Observation', { patient: '123' }); // only the care team's patients' results
 */
export function withAccess(store: ChartStore, policy: AccessPolicy, user: AccessUser, options?: WithAccessOptions): AccessControlledStore {
  return new AccessControlledStore(store, policy, user, options);
}
