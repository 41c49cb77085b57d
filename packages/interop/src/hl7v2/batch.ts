import { readDelimiters, type Hl7v2Delimiters } from './delimiters.js';
import { Hl7v2Error } from './hl7v2-error.js';
import type { Hl7v2Message, Hl7v2Segment } from './message.js';
import { parseHl7v2, parseSegment } from './parse.js';

/** One message of a batch, as text, before it is parsed. */
export interface Hl7v2BatchEntry {
  /** 1-based position of the message in the batch (file), counting every batch. */
  readonly messageIndex: number;
  /** 1-based line of the batch text where its MSH is. */
  readonly line: number;
  /** The message's segments, joined with CR. */
  readonly text: string;
}

/** A batch file split into its envelope and its messages (see {@link splitHl7v2Batch}). */
export interface Hl7v2BatchText {
  /** FHS, the file header, when there is one. */
  readonly fileHeader?: Hl7v2Segment;
  /** BHS, the header of each batch, in order. */
  readonly batchHeaders: readonly Hl7v2Segment[];
  readonly messages: readonly Hl7v2BatchEntry[];
}

/** A parsed batch (see {@link parseHl7v2Batch}). */
export interface Hl7v2Batch {
  /** FHS, the file header, when there is one. */
  readonly fileHeader?: Hl7v2Segment;
  /** BHS, the header of each batch, in order. */
  readonly batchHeaders: readonly Hl7v2Segment[];
  readonly messages: readonly Hl7v2Message[];
}

const ENVELOPE = new Set(['FHS', 'BHS', 'BTS', 'FTS']);

/**
 * Splits an HL7 v2 batch (`[FHS] {BHS {MSH…} BTS} [FTS]`, or bare messages one after the other)
 * into its messages, without parsing them. The envelope is checked: nothing but FHS/BHS before
 * the first MSH, nothing after FTS, and the counts BTS-1 (messages in the batch) and FTS-1
 * (batches in the file) must match what is there, because a mismatch means part of the batch
 * was lost. Throws an {@link Hl7v2Error} (`bad-batch`, naming the line) for a broken envelope:
 * the whole batch is refused, since it cannot be known which messages are missing.
 */
export function splitHl7v2Batch(text: string): Hl7v2BatchText {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((line, i) => ({ line: line.trimStart(), number: i + 1 }))
    .filter(({ line }) => line.trim() !== '');
  if (lines.length === 0) throw new Hl7v2Error('empty', 'The HL7 v2 batch is empty');
  const refuse = (number: number, why: string) => new Hl7v2Error('bad-batch', `HL7 v2 batch, line ${number}: ${why}`, undefined, undefined);
  const first = lines[0]?.line ?? '';
  const delimiters: Hl7v2Delimiters = readEnvelopeDelimiters(first, lines[0]?.number ?? 1);
  let fileHeader: Hl7v2Segment | undefined;
  const batchHeaders: Hl7v2Segment[] = [];
  const messages: { messageIndex: number; line: number; segments: string[] }[] = [];
  let inBatch = false;
  let inBatchCount = 0;
  let batches = 0;
  let fileEnded = false;
  let current: { messageIndex: number; line: number; segments: string[] } | undefined;
  for (const { line, number } of lines) {
    const name = line.slice(0, 3);
    if (fileEnded) throw refuse(number, `${/^[A-Z][A-Z0-9]{2}$/.test(name) ? name : 'a segment'} after the file trailer FTS`);
    if (name === 'MSH') {
      current = { messageIndex: messages.length + 1, line: number, segments: [line] };
      messages.push(current);
      inBatchCount += 1;
      continue;
    }
    if (!ENVELOPE.has(name)) {
      if (!current) throw refuse(number, `${/^[A-Z][A-Z0-9]{2}$/.test(name) ? name : 'a line'} before the first MSH (only FHS and BHS may come first)`);
      current.segments.push(line);
      continue;
    }
    current = undefined;
    const segment = parseSegment(line, number, delimiters);
    if (name === 'FHS') {
      if (fileHeader || batches > 0 || messages.length > 0) throw refuse(number, 'FHS must be the first segment of the file');
      fileHeader = segment;
    } else if (name === 'BHS') {
      if (inBatch) throw refuse(number, 'BHS before the BTS that ends the previous batch');
      batchHeaders.push(segment);
      inBatch = true;
      inBatchCount = 0;
    } else if (name === 'BTS') {
      if (!inBatch && batchHeaders.length > 0) throw refuse(number, 'BTS without its BHS');
      const declared = segment.field(1).value;
      if (declared !== undefined && declared.trim() !== '' && Number(declared) !== inBatchCount) {
        throw refuse(number, `BTS-1 says the batch has ${Number(declared)} messages, it has ${inBatchCount}: part of the batch is missing`);
      }
      batches += 1;
      inBatch = false;
      inBatchCount = 0;
    } else {
      if (inBatch) throw refuse(number, 'FTS before the BTS that ends the batch');
      const declared = segment.field(1).value;
      if (declared !== undefined && declared.trim() !== '' && Number(declared) !== batches) throw refuse(number, `FTS-1 says the file has ${Number(declared)} batches, it has ${batches}`);
      fileEnded = true;
    }
  }
  if (inBatch) throw refuse(lines[lines.length - 1]?.number ?? 1, 'the batch has no BTS trailer: it may be cut short');
  if (fileHeader && !fileEnded) throw refuse(lines[lines.length - 1]?.number ?? 1, 'the file has an FHS header but no FTS trailer: it may be cut short');
  return {
    ...(fileHeader ? { fileHeader } : {}),
    batchHeaders,
    messages: messages.map((m) => ({ messageIndex: m.messageIndex, line: m.line, text: m.segments.join('\r') })),
  };
}

/**
 * Parses every message of an HL7 v2 batch (see {@link splitHl7v2Batch} for the envelope) with
 * `parseHl7v2`. All or nothing: the first malformed message refuses the whole batch with an
 * {@link Hl7v2Error} whose `messageIndex` says which message, with the segment and field inside
 * it. To handle each message on its own, use `splitHl7v2Batch` and parse each `text`, or
 * `hl7v2BatchToFhir`.
 *
 * @example
 * const batch = parseHl7v2Batch(text);
 * batch.messages.map((m) => m.header.controlId);
 */
export function parseHl7v2Batch(text: string): Hl7v2Batch {
  const split = splitHl7v2Batch(text);
  const messages = split.messages.map((entry) => parseBatchMessage(entry));
  return { ...(split.fileHeader ? { fileHeader: split.fileHeader } : {}), batchHeaders: split.batchHeaders, messages };
}

/** Parses one message of a batch; its error says which message and on which line of the batch it starts. Internal. */
export function parseBatchMessage(entry: Hl7v2BatchEntry): Hl7v2Message {
  try {
    return parseHl7v2(entry.text);
  } catch (error) {
    throw inBatchMessage(error, entry);
  }
}

/** The error of one message of a batch, with the message's index (and first line) in front. Internal. */
export function inBatchMessage(error: unknown, entry: Hl7v2BatchEntry): unknown {
  if (!(error instanceof Hl7v2Error)) return error;
  return new Hl7v2Error(error.code, `HL7 v2 batch message ${entry.messageIndex} (from line ${entry.line}): ${error.message}`, error.segmentIndex, error.field, entry.messageIndex);
}

function readEnvelopeDelimiters(first: string, number: number): Hl7v2Delimiters {
  const name = first.slice(0, 3);
  if (name !== 'FHS' && name !== 'BHS' && name !== 'MSH') {
    throw new Hl7v2Error('bad-batch', `HL7 v2 batch, line ${number}: a batch starts with FHS, BHS or MSH, found ${/^[A-Z][A-Z0-9]{2}$/.test(name) ? name : 'no segment ID'}`);
  }
  try {
    return readDelimiters(first);
  } catch (error) {
    if (error instanceof Hl7v2Error) throw new Hl7v2Error('bad-delimiters', `HL7 v2 batch, line ${number} (${name}): ${error.message.replace(/^HL7 v2 segment 1 \(MSH\), field MSH-/, `field ${name}-`)}`, undefined, error.field?.replace('MSH', name));
    throw error;
  }
}
