import type * as z from 'zod/mini';

/** The FHIR IssueType codes Chartwell's validator reports (a subset of the R4 `issue-type` code system). */
export type IssueCode = 'structure' | 'required' | 'value' | 'invariant' | 'code-invalid' | 'invalid' | 'not-supported';

/** What a hand-written check attaches to a zod issue, read back when the issue becomes a {@link ValidationIssue}. */
export interface FhirIssueParams {
  readonly fhirCode: IssueCode;
  readonly severity?: 'error' | 'warning';
  /** The constraint key, for invariants (`per-1`). */
  readonly key?: string;
}

/** The refinement context that zod hands a check (`ctx` in `z.superRefine`). */
export type CheckContext = z.core.$RefinementCtx;

/** Reports a FHIR issue from a check: `path` is relative to the value being checked. */
export function report(
  ctx: CheckContext,
  path: readonly PropertyKey[],
  message: string,
  params: FhirIssueParams,
): void {
  ctx.addIssue({ code: 'custom', message, path: [...path], params: { ...params } });
}

/** Reports a failed invariant (`key`, e.g. `per-1`) with the constraint's own words. */
export function invariant(
  ctx: CheckContext,
  path: readonly PropertyKey[],
  key: string,
  human: string,
  severity: 'error' | 'warning' = 'error',
): void {
  report(ctx, path, `Constraint failed: ${key}: ${human}`, { fhirCode: 'invariant', key, severity });
}
