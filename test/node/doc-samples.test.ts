// Every TypeScript sample in the guides (```ts and ```tsx blocks of docs/*.md and README.md)
// compiles against the packages' sources, strictly, as a host would write it. A sample that uses
// names it does not define gets them from an HTML comment right above its fence, which readers do
// not see: <!-- sample-context: declare const store: ChartStore; -->. Imports in the context are
// hoisted above the sample's own.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(import.meta.dirname, '../..');
const guides = [...readdirSync(join(root, 'docs')).filter((file) => file.endsWith('.md')).map((file) => `docs/${file}`), 'README.md'];

interface Sample {
  readonly guide: string;
  readonly line: number;
  readonly tsx: boolean;
  readonly context: string;
  readonly code: string;
}

/** The TypeScript samples of a guide, with their hidden context. */
export function samplesOf(guide: string, markdown: string): Sample[] {
  const samples: Sample[] = [];
  const lines = markdown.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const fence = /^```(ts|tsx)\s*$/.exec(lines[index] ?? '');
    if (!fence) continue;
    const start = index;
    let end = index + 1;
    while (end < lines.length && !/^```\s*$/.test(lines[end] ?? '')) end++;
    const contextLine = /^<!--\s*sample-context:\s*([\s\S]*?)\s*-->$/.exec(lines[start - 1] ?? '') ?? /^<!--\s*sample-context:\s*([\s\S]*?)\s*-->$/.exec(lines[start - 2] ?? '');
    samples.push({ guide, line: start + 1, tsx: fence[1] === 'tsx', context: contextLine?.[1] ?? '', code: lines.slice(start + 1, end).join('\n') });
    index = end;
  }
  return samples;
}

/** The sample as a module: the context's imports, the sample's imports, then the rest (so top-level await works). `@repo/` in the context is the repository root. */
function moduleText(sample: Sample, repoFromScratch: string): string {
  const isImport = (line: string) => /^import\s/.test(line);
  const context = sample.context
    .replaceAll('@repo/', repoFromScratch)
    .split(/;\s*/)
    .filter((part) => part.trim() !== '')
    .map((part) => `${part.trim()};`);
  const code = sample.code.split('\n');
  return [...context.filter(isImport), ...code.filter(isImport), ...context.filter((line) => !isImport(line)), ...code.filter((line) => !isImport(line)), 'export {};'].join('\n');
}

describe('the TypeScript samples of the guides', () => {
  const samples = guides.flatMap((guide) => samplesOf(guide, readFileSync(join(root, guide), 'utf8')));
  // inside the repository, so that packages resolve from its node_modules as a host's would
  const scratch = join(root, 'node_modules/.cache/chartwell-doc-samples');
  const files = new Map<string, Sample>();

  before(() => {
    rmSync(scratch, { recursive: true, force: true });
    mkdirSync(scratch, { recursive: true });
    samples.forEach((sample, index) => {
      const file = join(scratch, `${sample.guide.replace(/[^a-z0-9]+/gi, '-')}-${sample.line}-${index}.${sample.tsx ? 'tsx' : 'mts'}`);
      writeFileSync(file, moduleText(sample, '../../../'));
      files.set(file, sample);
    });
  });

  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('finds the samples (a guide that loses its fences would pass vacuously)', () => {
    assert.ok(samples.length >= 10, `only ${samples.length} samples found`);
  });

  it('compiles every sample with the strict settings of the packages', () => {
    const program = ts.createProgram([...files.keys()], {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      customConditions: ['@chartwell/source'],
      lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
      strict: true,
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: false,
      experimentalDecorators: true,
      useDefineForClassFields: false,
      jsx: ts.JsxEmit.ReactJSX,
      noEmit: true,
      skipLibCheck: true,
      types: ['node'],
    });
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((diagnostic) => diagnostic.file && files.has(diagnostic.file.fileName))
      .map((diagnostic) => {
        const sample = files.get(diagnostic.file!.fileName)!;
        return `${sample.guide}, sample at line ${sample.line}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
      });
    assert.deepEqual(problems, []);
  });
});
