import { isResourceTypeName, validate, type Resource, type ValidationIssue } from '@chartwell/fhir';
import type { ChartStore } from '../store/chart-store.js';
import { InvalidError } from '../store/errors.js';
import { throwIfAborted, type ImportOptions } from './progress.js';

/** Options of {@link importNdjson}. */
export interface NdjsonImportOptions extends ImportOptions {
  /**
   * Resources per transaction (default 500). Each chunk is written all or nothing; pass
   * `Infinity` to make the whole import one transaction (all of it held in memory).
   */
  readonly chunkSize?: number;
}

/** What {@link importNdjson} wrote. */
export interface NdjsonImportResult {
  /** Resources written as their first version. */
  readonly created: number;
  /** Resources that existed and got a new version. */
  readonly updated: number;
  /** Lines read, blank ones included. */
  readonly lines: number;
}

interface Line {
  readonly number: number;
  readonly text: string;
}

/**
 * The lines of `input`, numbered from 1. A string is split at line breaks. The items of an
 * iterable may be whole lines (as `readline` gives them) or pieces of the text split anywhere (as
 * a decoded stream gives them): a line ends at a line break, or at the end of an item when what
 * has been read of it is already a whole JSON value.
 */
async function* linesOf(input: string | AsyncIterable<string> | Iterable<string>): AsyncGenerator<Line> {
  let number = 0;
  if (typeof input === 'string') {
    for (const text of input.split(/\r?\n/)) yield { number: ++number, text };
    return;
  }
  let pending = '';
  for await (const item of input) {
    const parts = (pending + item).split(/\r?\n/);
    pending = parts.pop() ?? '';
    for (const text of parts) yield { number: ++number, text };
    if (pending.trim() !== '' && isWholeJson(pending)) {
      yield { number: ++number, text: pending };
      pending = '';
    }
  }
  if (pending !== '') yield { number: number + 1, text: pending };
}

function isWholeJson(text: string): boolean {
  const last = text.trimEnd().at(-1);
  if (last !== '}' && last !== ']') return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

interface BadLine {
  readonly line: number;
  readonly resource?: { readonly resourceType?: string; readonly id?: string };
  readonly issues: readonly ValidationIssue[];
}

/** A parsed line waiting for its chunk's transaction. */
interface ChunkLine {
  readonly line: number;
  readonly resource: Resource;
}

/**
 * The resource on one line, or why it is not one. Only its JSON and its `resourceType` and `id`
 * are checked here: the store validates every resource it writes, so a chunk is validated once,
 * by its transaction (and again line by line, to name the bad lines, only if that refuses it).
 */
function parseLine(line: Line): { readonly resource: Resource } | { readonly bad: BadLine } {
  let value: unknown;
  try {
    value = JSON.parse(line.text);
  } catch (error) {
    return { bad: { line: line.number, issues: [{ severity: 'error', code: 'structure', path: '', message: `not JSON: ${(error as Error).message}` }] } };
  }
  const { resourceType, id } = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as { resourceType?: unknown; id?: unknown }) : {};
  if (typeof resourceType === 'string' && isResourceTypeName(resourceType) && typeof id === 'string' && id !== '') return { resource: value as Resource };
  return checkLine(line.number, value);
}

/** The resource on one line, fully validated, or why it is not one. */
function checkLine(number: number, value: unknown): { readonly resource: Resource } | { readonly bad: BadLine } {
  const line = { number };
  const result = validate(value);
  const named = value && typeof value === 'object' ? (value as { resourceType?: unknown; id?: unknown }) : {};
  const resource = {
    ...(typeof named.resourceType === 'string' && { resourceType: named.resourceType }),
    ...(typeof named.id === 'string' && { id: named.id }),
  };
  if (!result.valid) return { bad: { line: line.number, resource, issues: result.issues } };
  if (!result.resource.id) {
    return { bad: { line: line.number, resource, issues: [{ severity: 'error', code: 'required', path: `${result.resource.resourceType}.id`, message: 'a bulk-export resource needs its id (it is kept)' }] } };
  }
  return { resource: result.resource };
}

function refuse(bad: readonly BadLine[], firstLineOfChunk: number, written: number): InvalidError {
  const [first] = bad;
  if (!first) throw new Error('refuse() needs a bad line');
  const firstError = first.issues.find((i) => i.severity === 'error');
  const others = bad.length > 1 ? ` (and ${bad.length - 1} more bad line${bad.length > 2 ? 's' : ''} in the same chunk: ${bad.slice(1, 11).map((b) => b.line).join(', ')}${bad.length > 11 ? ', …' : ''})` : '';
  const what = first.resource?.resourceType ? ` (${first.resource.resourceType}${first.resource.id ? `/${first.resource.id}` : ''})` : '';
  const message =
    `NDJSON line ${first.line}${what} is not valid${firstError ? `: ${firstError.path ? `${firstError.path}: ` : ''}${firstError.message}` : ''}${others}. ` +
    `Nothing from line ${firstLineOfChunk} on was written; ${written} resource${written === 1 ? '' : 's'} before it ${written === 1 ? 'was' : 'were'}.`;
  return new InvalidError(
    {
      ...(first.resource?.resourceType !== undefined && { resourceType: first.resource.resourceType }),
      ...(first.resource?.id !== undefined && { id: first.resource.id }),
      ...(firstError && { path: firstError.path }),
      issues: bad.flatMap((b) => b.issues.map((i) => ({ ...i, message: `line ${b.line}: ${i.message}` }))),
    },
    message,
  );
}

/**
 * Imports FHIR bulk-export NDJSON (one resource per line; blank lines are skipped) into a store,
 * keeping each resource's id (update-as-create), so references between the files of one export
 * stay valid whatever order the files come in. References are stored as written: conditional
 * references in the export (`Location?identifier=…`) are not resolved.
 *
 * Every line is validated (by the store, which validates every write). The lines are written in chunks of `chunkSize` resources, each in one
 * transaction. A line that is not valid FHIR (or not JSON, or has no id) refuses its whole chunk:
 * the import stops with an InvalidError naming the line (and the chunk's other bad lines, all in
 * `issues`), and says how many resources the earlier chunks wrote — those stay written; nothing
 * from the refused chunk on is. Nothing is dropped silently: either a line is written, or the
 * import fails naming it. For all or nothing, pass `chunkSize: Infinity`.
 *
 * `input` is the text, or an iterable (sync or async) of its lines or of pieces of it (a decoded
 * stream). `onProgress` hears `{ done, total }` after each chunk is written: `total` is the number
 * of resource lines for a string, and the number read so far for an iterable (its end is not known).
 *
 * @example
 * const text = await readFile('Patient.000.ndjson', 'utf8');
 * const { created } = await importNdjson(store, text, { chunkSize: 1000 });
 */
export async function importNdjson(store: ChartStore, input: string | AsyncIterable<string> | Iterable<string>, options: NdjsonImportOptions = {}): Promise<NdjsonImportResult> {
  const { signal, onProgress } = options;
  const chunkSize = options.chunkSize ?? 500;
  if (!(chunkSize >= 1)) throw new InvalidError({}, `chunkSize must be at least 1, not ${chunkSize}`);
  throwIfAborted(signal);
  const knownTotal = typeof input === 'string' ? input.split(/\r?\n/).filter((l) => l.trim() !== '').length : undefined;

  let created = 0;
  let updated = 0;
  let lines = 0;
  let read = 0;
  let chunk: ChunkLine[] = [];
  let bad: BadLine[] = [];
  let chunkStart = 1;

  const flush = async () => {
    if (bad.length) throw refuse(bad, chunkStart, created + updated);
    if (chunk.length === 0) return;
    throwIfAborted(signal);
    let results: (Resource | undefined)[];
    try {
      results = await store.transaction(
        chunk.map(({ resource }) => ({ op: 'update' as const, resource })),
        signal === undefined ? {} : { signal },
      );
    } catch (error) {
      // the store refused an invalid resource: name every bad line of the chunk
      if (!(error instanceof InvalidError)) throw error;
      for (const { line, resource } of chunk) {
        const checked = checkLine(line, resource);
        if ('bad' in checked) bad.push(checked.bad);
      }
      if (bad.length) throw refuse(bad.sort((a, b) => a.line - b.line), chunkStart, created + updated);
      throw error;
    }
    for (const result of results) {
      if (result?.meta?.versionId === '1') created++;
      else updated++;
    }
    chunk = [];
    onProgress?.({ done: created + updated, total: knownTotal ?? read });
  };

  for await (const line of linesOf(input)) {
    lines = line.number;
    if (line.text.trim() === '') continue;
    if (chunk.length === 0 && bad.length === 0) chunkStart = line.number;
    read++;
    const parsed = parseLine(line);
    if ('bad' in parsed) bad.push(parsed.bad);
    else chunk.push({ line: line.number, resource: parsed.resource });
    if (chunk.length + bad.length >= chunkSize) {
      await flush();
      bad = [];
    }
  }
  await flush();
  return { created, updated, lines };
}
