// Real-world conformance: every published example in test/fixtures/ must validate.
// Sources of the folders: test/fixtures/SOURCES.md.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { validate } from '@chartwell/fhir';
import {
  describeIssues,
  errorsOf,
  fixturePath,
  listFixtures,
  loadFixture,
  passes,
  type JsonResource,
  type LoadedFixture,
} from '../../../test/support/fhir-fixtures.js';

/** The example folders under test/fixtures/, with how many files each holds (so a lost file shows). */
const folders = {
  fhir: { files: 181, what: 'HL7 FHIR R4 official examples (hl7.fhir.r4.examples 4.0.1)' },
  'us-core': { files: 120, what: 'US Core 9.0.0 examples' },
  ips: { files: 20, what: 'International Patient Summary 2.0.0-ballot examples' },
  synthea: { files: 8, what: 'Synthea R4 bundles (SMART sandbox, 2019)' },
} as const;

/**
 * Files in these folders that are not FHIR JSON resources, path → what they are. They are not
 * validated; any other such file fails the test rather than being skipped. None at present: every file
 * copied is a JSON resource (the R4 examples' XML twins and package metadata were not copied).
 */
const notResources: Record<string, string> = {};

/** Every file of a folder, loaded; asserts the count and that non-resources are exactly `notResources`. */
function loadFolder(folder: keyof typeof folders): Extract<LoadedFixture, { kind: 'resource' }>[] {
  const files = listFixtures(folder);
  assert.equal(files.length, folders[folder].files, `${folder}/: expected ${folders[folder].files} files, found ${files.length}`);
  const loaded = files.map(loadFixture);
  const unexpected = loaded
    .filter((fixture) => fixture.kind !== 'resource' && !(fixture.path in notResources))
    .map((fixture) => `${fixture.path}: ${fixture.kind === 'resource' ? '' : fixture.reason}`);
  assert.deepEqual(unexpected, [], `files that are not FHIR JSON resources; list them in notResources with what they are:\n${unexpected.join('\n')}`);
  const stale = loaded.filter((fixture) => fixture.kind === 'resource' && fixture.path in notResources).map((fixture) => fixture.path);
  assert.deepEqual(stale, [], 'files listed in notResources that are FHIR JSON resources');
  return loaded.filter((fixture) => fixture.kind === 'resource');
}

/**
 * For each resource that does not validate, its name and first issues, indented by `indent` ([] when all
 * do); `causes` counts the error issues by code and path without indexes, when given.
 */
function failures(resources: { name: string; resource: unknown }[], indent: string, causes?: Map<string, number>): string[] {
  const failed: string[] = [];
  for (const { name, resource } of resources) {
    const result = validate(resource);
    if (!passes(result)) {
      failed.push(`${name} (valid: ${result.valid})${describeIssues(result.issues).map((line) => `\n${indent}  ${line}`).join('')}`);
      for (const issue of errorsOf(result)) {
        const cause = `${issue.code} at ${issue.path.replace(/\[\d+\]/g, '[]')}`;
        causes?.set(cause, (causes.get(cause) ?? 0) + 1);
      }
    }
  }
  return failed;
}

function assertAllValid(folder: keyof typeof folders): void {
  const resources = loadFolder(folder).map((fixture) => ({ name: fixture.path, resource: fixture.resource }));
  const failed = failures(resources, '  ');
  assert.equal(
    failed.length,
    0,
    `${failed.length} of ${resources.length} ${folders[folder].what} do not validate:\n  ${failed.join('\n  ')}`,
  );
}

describe('validate: published examples', () => {
  it('accepts every official R4 example', () => assertAllValid('fhir'));

  it('accepts every US Core example', () => assertAllValid('us-core'));

  it('accepts every IPS example', () => assertAllValid('ips'));

  it('keeps each Synthea fixture under 5 MiB', () => {
    for (const path of listFixtures('synthea')) {
      assert.ok(statSync(fixturePath(path)).size < 5 * 1024 * 1024, `${path} is 5 MiB or more`);
    }
  });

  it('accepts every Synthea bundle, and every resource in it on its own', () => {
    const bundles = loadFolder('synthea');
    const report: string[] = [];
    let checked = 0;
    for (const { path, resource: bundle } of bundles) {
      assert.equal(bundle.resourceType, 'Bundle', `${path} is a ${bundle.resourceType}, not a Bundle`);
      const entries = Array.isArray(bundle.entry) ? (bundle.entry as { resource?: JsonResource }[]) : [];
      assert.ok(entries.length > 0, `${path}: a bundle with no entries`);
      const resources = [
        { name: 'the bundle', resource: bundle as unknown },
        ...entries.map((entry, index) => ({
          name: `entry[${index}] ${entry.resource?.resourceType ?? '(no resource)'}/${String(entry.resource?.id ?? '')}`,
          resource: entry.resource as unknown,
        })),
      ];
      checked += resources.length;
      const causes = new Map<string, number>();
      const failed = failures(resources, '    ', causes);
      if (failed.length > 0) {
        // the same few causes repeat over hundreds of entries: count them, then show the first entries
        const counted = [...causes].sort((a, b) => b[1] - a[1]).map(([cause, count]) => `${count} × ${cause}`);
        const shown = failed.slice(0, 10);
        if (failed.length > shown.length) shown.push(`… and ${failed.length - shown.length} more`);
        report.push(
          `${path}: ${failed.length} of ${resources.length} do not validate; errors by cause: ${counted.join('; ')}\n    ${shown.join('\n    ')}`,
        );
      }
    }
    assert.equal(report.length, 0, `Synthea (${checked} resources in ${bundles.length} bundles):\n  ${report.join('\n  ')}`);
  });
});
