import { ConflictError, ForbiddenError, InvalidError, NotFoundError, UnavailableError, type ChartStoreError } from '@chartwell/core';
import type { ValidationIssue } from '@chartwell/fhir';

/** What a request was about, for the error's message and fields. */
export interface RequestSubject {
  readonly resourceType?: string;
  readonly id?: string;
  /** `read`, `update`, `search`...: what was attempted. */
  readonly action: string;
}

interface OutcomeIssue {
  readonly severity?: unknown;
  readonly code?: unknown;
  readonly diagnostics?: unknown;
  readonly details?: { readonly text?: unknown };
  readonly expression?: unknown;
  readonly location?: unknown;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** The issues of an OperationOutcome body as validation issues (path from `expression` or `location`, message from `diagnostics` or `details.text`). */
export function issuesOf(body: unknown, resourceType?: string): ValidationIssue[] {
  const outcome = body as { resourceType?: unknown; issue?: unknown } | undefined;
  if (outcome?.resourceType !== 'OperationOutcome' || !Array.isArray(outcome.issue)) return [];
  return (outcome.issue as OutcomeIssue[]).map((issue) => {
    const path = (Array.isArray(issue.expression) ? text(issue.expression[0]) : undefined) ?? (Array.isArray(issue.location) ? text(issue.location[0]) : undefined) ?? resourceType ?? '';
    return {
      severity: issue.severity === 'warning' || issue.severity === 'information' ? 'warning' : 'error',
      code: (text(issue.code) ?? 'invalid') as ValidationIssue['code'],
      path,
      message: text(issue.diagnostics) ?? text(issue.details?.text) ?? 'The server rejected the request',
    };
  });
}

/** The server's own words for an error: the first issue's diagnostics or details text. */
function serverMessage(issues: readonly ValidationIssue[]): string {
  const first = issues.find((i) => i.severity === 'error') ?? issues[0];
  return first ? `: ${first.message}` : '';
}

/**
 * The contract error for a FHIR server's error response: 404 and 410 not-found (410: deleted), 409
 * and 412 conflict, 400 and 422 invalid with the server's issues, 401 and 403 forbidden; anything
 * else (429, 5xx, an unexpected status) unavailable. The message names the action, the resource and the status.
 */
export function errorFromResponse(status: number, body: unknown, subject: RequestSubject): ChartStoreError {
  const issues = issuesOf(body, subject.resourceType);
  const named = subject.resourceType ? `${subject.resourceType}${subject.id ? `/${subject.id}` : ''}` : 'the request';
  const details = { ...(subject.resourceType !== undefined && { resourceType: subject.resourceType }), ...(subject.id !== undefined && { id: subject.id }) };
  const says = serverMessage(issues);
  switch (status) {
    case 404:
    case 410:
      return new NotFoundError({ ...details, deleted: status === 410 }, `${subject.action} ${named}: ${status === 410 ? 'it was deleted' : 'not found'} (HTTP ${status})`);
    case 409:
    case 412:
      return new ConflictError(details, `${subject.action} ${named}: the server reports a conflict (HTTP ${status}${says ? `, ${says.slice(2)}` : ''}); it has changed since it was read`);
    case 400:
    case 422:
      return new InvalidError({ ...details, ...(issues.length > 0 && { issues }) }, `${subject.action} ${named}: the server rejected it as invalid (HTTP ${status})${says}`);
    case 401:
    case 403:
      return new ForbiddenError(details, `${subject.action} ${named}: ${status === 401 ? 'not authorised (HTTP 401: no valid token)' : 'forbidden (HTTP 403)'}${says}`);
    default:
      return new UnavailableError({ ...details, cause: { status, issues } }, `${subject.action} ${named}: the FHIR server answered HTTP ${status}${says}`);
  }
}
