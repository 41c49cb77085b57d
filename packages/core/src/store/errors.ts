import type { ValidationIssue } from '@chartwell/fhir';

/** The stable, machine-readable code of every store error. */
export type ChartStoreErrorCode = 'not-found' | 'conflict' | 'invalid' | 'forbidden' | 'unavailable';

/** What a store error names: the resource concerned and, where one part of it is, the path. */
export interface ChartStoreErrorDetails {
  readonly resourceType?: string;
  readonly id?: string;
  /** FHIRPath-style path of the element concerned (`Observation.status`). */
  readonly path?: string;
  /** The validation issues, for `invalid`. */
  readonly issues?: readonly ValidationIssue[];
  /** The underlying error (IndexedDB's, the network's), for `unavailable`. */
  readonly cause?: unknown;
}

/** An OperationOutcome, as a store error is reported over FHIR. */
export interface StoreOperationOutcome {
  readonly resourceType: 'OperationOutcome';
  readonly issue: readonly {
    readonly severity: 'fatal' | 'error' | 'warning' | 'information';
    readonly code: string;
    readonly diagnostics?: string;
    readonly expression?: readonly string[];
  }[];
}

const issueType: Record<ChartStoreErrorCode, string> = {
  'not-found': 'not-found',
  conflict: 'conflict',
  invalid: 'invalid',
  forbidden: 'forbidden',
  unavailable: 'transient',
};

/** The base class of every error a {@link ChartStore} throws; `code` says which. */
export class ChartStoreError extends Error implements ChartStoreErrorDetails {
  readonly code: ChartStoreErrorCode;
  readonly resourceType?: string;
  readonly id?: string;
  readonly path?: string;
  readonly issues?: readonly ValidationIssue[];

  constructor(code: ChartStoreErrorCode, message: string, details: ChartStoreErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'ChartStoreError';
    this.code = code;
    if (details.resourceType !== undefined) this.resourceType = details.resourceType;
    if (details.id !== undefined) this.id = details.id;
    if (details.path !== undefined) this.path = details.path;
    if (details.issues !== undefined) this.issues = details.issues;
  }

  /** The error as a FHIR OperationOutcome: one issue per validation issue, or one for the error. */
  toOperationOutcome(): StoreOperationOutcome {
    if (this.issues?.length) {
      return {
        resourceType: 'OperationOutcome',
        issue: this.issues.map((i) => ({ severity: i.severity, code: i.code, diagnostics: i.message, expression: [i.path] })),
      };
    }
    return {
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: issueType[this.code], diagnostics: this.message, ...(this.path !== undefined && { expression: [this.path] }) }],
    };
  }
}

const named = (details: ChartStoreErrorDetails) =>
  details.resourceType ? `${details.resourceType}${details.id ? `/${details.id}` : ''}` : 'the resource';

/** No resource of that type and id (or it was deleted: `deleted` is then true). */
export class NotFoundError extends ChartStoreError {
  /** Whether the resource existed and was deleted. */
  readonly deleted: boolean;
  constructor(details: ChartStoreErrorDetails & { readonly deleted?: boolean }, message?: string) {
    super('not-found', message ?? `${named(details)} ${details.deleted ? 'was deleted' : 'was not found'}`, details);
    this.name = 'NotFoundError';
    this.deleted = details.deleted ?? false;
  }
}

/** A write based on a version that is no longer the current one (a stale `ifMatch`), or an id taken. */
export class ConflictError extends ChartStoreError {
  /** The version the store holds now, when there is one. */
  readonly currentVersionId?: string;
  constructor(details: ChartStoreErrorDetails & { readonly currentVersionId?: string }, message?: string) {
    super('conflict', message ?? `${named(details)} has changed since it was read (now version ${details.currentVersionId ?? 'unknown'})`, details);
    this.name = 'ConflictError';
    if (details.currentVersionId !== undefined) this.currentVersionId = details.currentVersionId;
  }
}

/** Input that is not valid FHIR, or not a valid request; `issues` lists each problem with its path. */
export class InvalidError extends ChartStoreError {
  constructor(details: ChartStoreErrorDetails, message?: string) {
    const first = details.issues?.find((i) => i.severity === 'error');
    super('invalid', message ?? `${named(details)} is not valid${first ? `: ${first.path}: ${first.message}` : ''}`, { ...details, ...(first && details.path === undefined && { path: first.path }) });
    this.name = 'InvalidError';
  }
}

/** The access policy does not allow this. */
export class ForbiddenError extends ChartStoreError {
  constructor(details: ChartStoreErrorDetails, message?: string) {
    super('forbidden', message ?? `Access to ${named(details)} is not allowed`, details);
    this.name = 'ForbiddenError';
  }
}

/** The store cannot be reached or cannot write now (offline, quota, blocked upgrade); `cause` says why. */
export class UnavailableError extends ChartStoreError {
  constructor(details: ChartStoreErrorDetails, message?: string) {
    super('unavailable', message ?? 'The chart store is unavailable', details);
    this.name = 'UnavailableError';
  }
}

/** Whether `error` is a store error, optionally of one code. */
export function isChartStoreError(error: unknown, code?: ChartStoreErrorCode): error is ChartStoreError {
  return error instanceof ChartStoreError && (code === undefined || error.code === code);
}
