// Conformance cases: test/fixtures/invalid/CASES.json, from the HL7 Java validator's own test suite
// (FHIR/fhir-test-cases) and US Core's invariant unit tests. Each case says what a validator should
// do with its file; this test holds our validator to it, except where a case is not applicable to
// Chartwell (XML) or a disagreement is explained below. `packages/fhir/scripts/cases-report.ts` prints
// the whole agreement table.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { validate } from '@chartwell/fhir';
import {
  caseText,
  fixturePath,
  isXmlCase,
  judgeCase,
  loadCases,
  outcomeLabel,
  runCase,
  type CaseVerdict,
} from '../../../test/support/fhir-fixtures.js';

/** Cases Chartwell cannot run, name → why. Each must be an XML file: Chartwell's validator takes FHIR JSON only. */
const notApplicable: Record<string, string> = {
  'bundle-dual-subject': 'XML: Chartwell validates FHIR JSON only',
  'patient-extension-bad': 'XML: Chartwell validates FHIR JSON only',
  'patient-id-only': 'XML: Chartwell validates FHIR JSON only',
  'patient-extension-complex-bad1': 'XML: Chartwell validates FHIR JSON only',
  'patient-extension-complex': 'XML: Chartwell validates FHIR JSON only',
};

/**
 * Cases where our validator knowingly disagrees with the expected outcome, name → why. Out of scope for
 * a base-R4 validator: US Core profile invariants (the resources claim no profile, and `validate`
 * checks the base R4 definitions only), terminology that needs a server.
 */
const explainedDisagreements: Record<string, string> = {
  'us-core-13-f1-fail':
    'US Core profile invariant us-core-13 (PractitionerRole SHALL have practitioner, organization, healthcareService or location): base R4 has no such rule, and validate() does not apply US Core profiles',
  'us-core-20-f1-fail':
    'US Core profile invariant us-core-20 (MedicationDispense.whenHandedOver SHALL be present when status is completed): not a base R4 rule; needs US Core profile validation',
  'us-core-22-f1-fail':
    'US Core profile invariant us-core-22 (referenceRange low/high system SHALL be UCUM): not a base R4 rule; needs US Core profile validation',
  'us-core-22-f2-fail':
    'US Core profile invariant us-core-22 (referenceRange low/high system SHALL be UCUM): not a base R4 rule; needs US Core profile validation',
  'us-core-24-f1-fail':
    'US Core profile invariant us-core-24 (smoking status codes SHALL use valueCodeableConcept): not a base R4 rule; needs US Core profile validation',
  'us-core-25-f1-fail':
    'US Core profile invariant us-core-25, a warning (pack-years codes SHOULD use valueQuantity): not a base R4 rule; needs US Core profile validation',
  'pd-1-f1-fail':
    'US Core / Plan-Net invariant pd-1 (PractitionerRole SHALL have telecom or endpoint): not a base R4 rule; needs US Core profile validation',
};

const cases = loadCases();
const verdicts = new Map<string, CaseVerdict>();
function verdictOf(name: string): CaseVerdict {
  let verdict = verdicts.get(name);
  if (!verdict) {
    const testCase = cases.find((c) => c.name === name);
    assert.ok(testCase, `no case named ${name}`);
    verdict = judgeCase(testCase, runCase(testCase, validate));
    verdicts.set(name, verdict);
  }
  return verdict;
}

function describeVerdict(verdict: CaseVerdict): string {
  const ours = verdict.ourErrorPaths.length > 0 ? `; our error paths: ${verdict.ourErrorPaths.join(', ')}` : '';
  return `${verdict.testCase.name} (${verdict.testCase.file}): expected ${verdict.testCase.expect}, ours ${outcomeLabel(verdict.outcome)}; ${verdict.reasons.join('; ')}${ours}`;
}

describe('validate: conformance cases (test/fixtures/invalid/CASES.json)', () => {
  it('has unique case names, files that exist, and reference outcomes that match the index', () => {
    const names = cases.map((c) => c.name);
    assert.equal(new Set(names).size, names.length, 'duplicate case names');
    assert.ok(cases.length >= 40, `expected the full case list, found ${cases.length}`);
    for (const testCase of cases) {
      assert.doesNotThrow(() => caseText(testCase), `${testCase.name}: ${testCase.file} is missing`);
      if (!testCase.referenceOutcome) continue;
      // The Java validator's own OperationOutcome: its error (and fatal) issues are the ones CASES.json lists.
      const outcome = JSON.parse(readFileSync(fixturePath(`invalid/${testCase.referenceOutcome}`), 'utf8')) as {
        resourceType: string;
        issue?: { severity: string; expression?: string[] }[];
      };
      assert.equal(outcome.resourceType, 'OperationOutcome', testCase.referenceOutcome);
      const errors = (outcome.issue ?? []).filter((issue) => issue.severity === 'error' || issue.severity === 'fatal');
      assert.equal(errors.length, testCase.errorCount ?? 0, `${testCase.name}: error count of ${testCase.referenceOutcome}`);
      assert.deepEqual(
        errors.flatMap((issue) => issue.expression ?? []),
        (testCase.errors ?? []).flatMap((error) => error.expression ?? []),
        `${testCase.name}: error paths of ${testCase.referenceOutcome}`,
      );
    }
  });

  it('lists as not applicable exactly the XML cases', () => {
    for (const [name, reason] of Object.entries(notApplicable)) {
      const testCase = cases.find((c) => c.name === name);
      assert.ok(testCase, `notApplicable names ${name}, which is not a case`);
      assert.ok(isXmlCase(testCase), `notApplicable: ${name} (${testCase.file}) is not XML, so "${reason}" does not hold`);
    }
    const unlisted = cases.filter((c) => c.file.endsWith('.xml') && !(c.name in notApplicable)).map((c) => c.name);
    assert.deepEqual(unlisted, [], 'XML cases missing from notApplicable');
    const clash = Object.keys(notApplicable).filter((name) => name in explainedDisagreements);
    assert.deepEqual(clash, [], 'cases both not applicable and explained');
  });

  it('agrees with every applicable case, or the disagreement is explained', () => {
    const unexplained: string[] = [];
    for (const testCase of cases) {
      if (testCase.name in notApplicable) continue;
      const verdict = verdictOf(testCase.name);
      if (!verdict.agree && !(testCase.name in explainedDisagreements)) unexplained.push(describeVerdict(verdict));
    }
    assert.equal(
      unexplained.length,
      0,
      `${unexplained.length} unexplained disagreement(s); fix the validator, or add the case to explainedDisagreements with the reason:\n  ${unexplained.join('\n  ')}`,
    );
  });

  it('explains only cases that exist and still disagree', () => {
    const stale: string[] = [];
    for (const name of Object.keys(explainedDisagreements)) {
      assert.ok(cases.some((c) => c.name === name), `explainedDisagreements names ${name}, which is not a case`);
      if (verdictOf(name).agree) stale.push(name);
    }
    assert.deepEqual(stale, [], 'these cases now agree: remove them from explainedDisagreements');
  });

  // One test per applicable case as well, so the spec reporter shows each by name.
  for (const testCase of cases) {
    if (testCase.name in notApplicable) continue;
    const explained = explainedDisagreements[testCase.name];
    if (explained) {
      // an explained disagreement is asserted as it stands, so that fixing it makes this fail and the explanation goes
      it(`${testCase.expect}: ${testCase.name} — disagrees, explained: ${explained}`, () => {
        assert.equal(verdictOf(testCase.name).agree, false, 'this case now agrees: remove it from explainedDisagreements');
      });
      continue;
    }
    it(`${testCase.expect}: ${testCase.name}`, () => {
      const verdict = verdictOf(testCase.name);
      assert.ok(verdict.agree, describeVerdict(verdict));
    });
  }
});
