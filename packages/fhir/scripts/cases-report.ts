// Prints, in Markdown, how our validator fares on the conformance cases of
// test/fixtures/invalid/CASES.json: case, expected, ours, expected vs our error paths, agree?, totals.
// Not-applicable (XML) cases and explained disagreements are listed in
// packages/fhir/src/validate.cases.test.ts.
//
//   node --conditions=@chartwell/source --import tsx packages/fhir/scripts/cases-report.ts
import { validate } from '@chartwell/fhir';
import {
  isAboutConstraint,
  judgeCase,
  loadCases,
  normalisePath,
  outcomeLabel,
  pathCovers,
  runCase,
} from '../../../test/support/fhir-fixtures.js';

/** A table cell: pipes escaped, newlines flattened. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

function code(path: string): string {
  return `\`${path}\``;
}

const MAX_PATHS = 6;

const cases = loadCases();
const rows: string[] = [];
const totals = { agree: 0, disagree: 0, notApplicable: 0 };
const byExpectation = new Map<string, { agree: number; disagree: number; notApplicable: number }>();

for (const testCase of cases) {
  const verdict = judgeCase(testCase, runCase(testCase, validate));
  const tally = byExpectation.get(testCase.expect) ?? { agree: 0, disagree: 0, notApplicable: 0 };
  byExpectation.set(testCase.expect, tally);
  let agree: string;
  if (verdict.agree === undefined) {
    agree = 'n/a';
    totals.notApplicable++;
    tally.notApplicable++;
  } else if (verdict.agree) {
    agree = 'yes';
    totals.agree++;
    tally.agree++;
  } else {
    agree = `**no**: ${verdict.reasons.join('; ')}`;
    totals.disagree++;
    tally.disagree++;
  }

  // expected paths, each marked ✓ when one of our error paths covers it
  const expected = verdict.expectedPaths.map((path) => {
    const mark = verdict.outcome.kind === 'validated' ? (verdict.ourErrorPaths.some((ours) => pathCovers(path, ours)) ? ' ✓' : ' ✗') : '';
    const normal = normalisePath(path);
    return `${code(path)}${normal !== path ? ` (≈ ${code(normal)})` : ''}${mark}`;
  });
  const key = testCase.constraint?.key;
  if (key) {
    const about = verdict.outcome.kind === 'validated' ? verdict.outcome.result.issues.filter((issue) => isAboutConstraint(issue, key)) : [];
    const mark = verdict.outcome.kind !== 'validated' ? '' : about.length > 0 ? ` (ours: ${about.map((issue) => issue.severity).join(', ')})` : ' (ours: none)';
    expected.push(`constraint ${code(key)} (${testCase.constraint?.severity ?? '?'}, ${testCase.invariantResult ?? '?'})${mark}`);
  }
  const ours = verdict.ourErrorPaths.slice(0, MAX_PATHS).map(code);
  if (verdict.ourErrorPaths.length > MAX_PATHS) ours.push(`+${verdict.ourErrorPaths.length - MAX_PATHS} more`);
  if (verdict.outcome.kind === 'validated' && verdict.outcome.result.valid) {
    const warnings = verdict.outcome.result.issues.filter((issue) => issue.severity === 'warning');
    if (warnings.length > 0) ours.push(`warnings: ${[...new Set(warnings.map((w) => `${w.code} ${w.path}`))].slice(0, 3).join(', ')}`);
  }
  rows.push(
    `| ${cell(testCase.name)} | ${testCase.expect} | ${cell(outcomeLabel(verdict.outcome))} | ${cell(expected.join(', ') || '—')} | ${cell(ours.join(', ') || '—')} | ${cell(agree)} |`,
  );
}

const applicable = totals.agree + totals.disagree;
console.log('# Conformance cases: our validator against test/fixtures/invalid/CASES.json\n');
console.log('| case | expected | ours | paths (or constraint) expected | our error paths | agree? |');
console.log('|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
console.log('');
console.log(
  `**Totals:** ${cases.length} cases; ${applicable} applicable: ${totals.agree} agree, ${totals.disagree} disagree; ${totals.notApplicable} not applicable (XML).\n`,
);
console.log('| expected | agree | disagree | n/a |');
console.log('|---|---|---|---|');
for (const [expectation, tally] of byExpectation) {
  console.log(`| ${expectation} | ${tally.agree} | ${tally.disagree} | ${tally.notApplicable} |`);
}
console.log(
  '\nPaths: ✓ = one of our error paths is the expected path or inside it, after normalising (`value.ofType(integer)` ≈ `valueInteger`, `_x` ≈ `x`). Not checked when JSON.parse threw. ' +
    'Constraint: the US Core invariant the case is about (severity, whether the resource passes it) and the issues ours reports about it; ' +
    'a reject or warn must come from that constraint, and a satisfied one must not be reported.',
);
