// A @web/test-runner reporter that writes the run's counts as JSON to the file named by
// CW_WTR_SUMMARY, so that scripts/test.mjs can add them to the node tests' counts.
import { writeFileSync } from 'node:fs';

function count(suite, counts) {
  for (const test of suite.tests) {
    if (test.skipped) counts.skipped++;
    else if (test.passed) counts.passed++;
    else counts.failed++;
  }
  for (const child of suite.suites) count(child, counts);
}

/** Counts passed, failed and skipped browser tests; a file that fails outside any test counts as one failure. */
export function summaryReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const counts = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        if (session.testResults) count(session.testResults, counts);
        if (!session.passed && (session.errors?.length ?? 0) > 0) counts.failed++;
      }
      const file = process.env.CW_WTR_SUMMARY;
      if (file) writeFileSync(file, JSON.stringify(counts));
    },
  };
}
