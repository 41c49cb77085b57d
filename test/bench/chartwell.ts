// Chartwell's `validate` from @chartwell/fhir (loaded from src/*.ts under the @chartwell/source
// condition), behind the harness's validator interface.
import { validate, type ValidationIssue } from '@chartwell/fhir';
import type { BenchValidator, Verdict } from './validators.js';
import type { AnyResource } from './synthea.js';

const errorPaths = (issues: readonly ValidationIssue[]) => issues.filter((issue) => issue.severity === 'error').map((issue) => issue.path);

export function chartwellValidator(): BenchValidator {
  return {
    name: 'Chartwell',
    check: (resource: AnyResource) => validate(resource).valid,
    verdict(resource: AnyResource): Verdict {
      try {
        const result = validate(resource);
        return { valid: result.valid, paths: result.valid ? [] : errorPaths(result.issues) };
      } catch (error) {
        // validate() is documented never to throw; name what it threw, never its message (it may quote data)
        return { valid: false, paths: [], crashed: error instanceof Error ? error.constructor.name : typeof error };
      }
    },
  };
}
