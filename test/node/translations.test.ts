// The Spanish translation of the elements is complete and current: every msg() in the source is
// in xliff/es.xlf with a target that keeps the source's placeholders, and the generated locale
// module holds every message. Runs the lit-localize extractor over the sources into a scratch
// folder (about 4 s), as `npm run i18n --workspace @chartwell/elements` would.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const elements = resolve(import.meta.dirname, '../../packages/elements');
const cli = resolve(import.meta.dirname, '../../node_modules/@lit/localize-tools/bin/lit-localize.js');

interface Unit {
  readonly source: string;
  readonly target: string | undefined;
}

/** The trans-units of an XLIFF 1.2 file, by id. */
function units(xliff: string): Map<string, Unit> {
  const found = new Map<string, Unit>();
  for (const match of xliff.matchAll(/<trans-unit id="([^"]+)">\s*<source>([\s\S]*?)<\/source>\s*(?:<target>([\s\S]*?)<\/target>)?/g)) {
    found.set(match[1]!, { source: match[2]!, target: match[3] });
  }
  return found;
}

const placeholders = (text: string) => [...text.matchAll(/<x id="(\d+)"/g)].map((match) => match[1]).sort();

describe('the Spanish translation of @chartwell/elements', () => {
  let scratch: string;
  let extracted: Map<string, Unit>;
  const committed = units(readFileSync(join(elements, 'xliff/es.xlf'), 'utf8'));

  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'chartwell-i18n-'));
    const config = {
      sourceLocale: 'en',
      targetLocales: ['es'],
      inputFiles: [`${elements}/src/**/*.ts`, `!${elements}/src/**/*.test.ts`, `!${elements}/src/generated/**`],
      output: { mode: 'runtime', outputDir: join(scratch, 'out'), language: 'ts' },
      interchange: { format: 'xliff', xliffDir: join(scratch, 'xliff') },
    };
    writeFileSync(join(scratch, 'config.json'), JSON.stringify(config));
    execFileSync(process.execPath, [cli, 'extract', '--config', join(scratch, 'config.json')], { stdio: 'pipe' });
    extracted = units(readFileSync(join(scratch, 'xliff/es.xlf'), 'utf8'));
  });

  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('has every message of the source in xliff/es.xlf (run `npm run i18n -w @chartwell/elements` after adding one)', () => {
    assert.ok(extracted.size > 100, `only ${extracted.size} messages extracted`);
    const missing = [...extracted].filter(([id]) => !committed.has(id)).map(([, unit]) => unit.source);
    assert.deepEqual(missing, []);
  });

  it('translates every message, keeping its placeholders', () => {
    const untranslated = [...committed].filter(([, unit]) => !unit.target?.trim()).map(([, unit]) => unit.source);
    assert.deepEqual(untranslated, []);
    for (const [id, unit] of committed) assert.deepEqual(placeholders(unit.target ?? ''), placeholders(unit.source), `placeholders of ${id} (${unit.source})`);
  });

  it('has no message in xliff/es.xlf that the source no longer uses', () => {
    const stale = [...committed].filter(([id]) => !extracted.has(id)).map(([, unit]) => unit.source);
    assert.deepEqual(stale, []);
  });

  it('builds every message into the generated locale module', () => {
    const generated = readFileSync(join(elements, 'src/generated/locales/es.ts'), 'utf8');
    const absent = [...committed.keys()].filter((id) => !generated.includes(`'${id}'`));
    assert.deepEqual(absent, []);
  });
});
