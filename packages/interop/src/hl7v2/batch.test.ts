import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Patient } from '@chartwell/fhir';
import { Hl7v2Error, hl7v2BatchToFhir, parseHl7v2Batch, splitHl7v2Batch } from '@chartwell/interop';
import { fixtureText } from '../../../../test/support/fixtures.js';

const segments = (name: string) => fixtureText(`hl7v2/${name}.hl7`).replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).filter((l) => l.trim() !== '');
/** A batch of real sample messages in an FHS/BHS envelope, with the counts in BTS-1 and FTS-1. */
const batchOf = (messages: string[][], counts = { messages: messages.length, batches: 1 }) =>
  ['FHS|^~\\&|LAB', 'BHS|^~\\&|LAB', ...messages.flat(), `BTS|${counts.messages}`, `FTS|${counts.batches}`].join('\r');

const isError = (expected: { code: string; messageIndex?: number; segmentIndex?: number; field?: string; message: RegExp }) => (error: unknown) => {
  assert.ok(error instanceof Hl7v2Error, String(error));
  assert.equal(error.code, expected.code);
  assert.equal(error.messageIndex, expected.messageIndex);
  if (expected.segmentIndex !== undefined) assert.equal(error.segmentIndex, expected.segmentIndex);
  if (expected.field !== undefined) assert.equal(error.field, expected.field);
  assert.match(error.message, expected.message);
  return true;
};

describe('HL7 v2 batches', () => {
  it('parseHl7v2Batch reads the hl7-standard batch: FHS, BHS, two messages, BTS, FTS', () => {
    const batch = parseHl7v2Batch(fixtureText('hl7v2/hl7-standard-batch.hl7'));
    assert.equal(batch.fileHeader?.name, 'FHS');
    assert.equal(batch.fileHeader?.field(3).value, '1231'); // FHS|^~\&|1231
    assert.equal(batch.batchHeaders.length, 1);
    assert.equal(batch.batchHeaders[0]?.field(3).value, '1312');
    assert.deepEqual(batch.messages.map((m) => [m.header.messageType, m.header.triggerEvent, m.header.controlId]), [['ADT', 'A01', '24553'], ['RSP', 'K11', '20171023134421']]);
    // the second message's OBX with "MSH" in a field are its own segments, not a new message
    assert.equal(batch.messages[1]?.segmentsNamed('OBX').length, 3);
  });

  it('hl7v2BatchToFhir gives one outcome per message: the ADT converted, the RSP (not converted) refused, naming message 2 and MSH-9', () => {
    const outcomes = hl7v2BatchToFhir(fixtureText('hl7v2/hl7-standard-batch.hl7'));
    assert.equal(outcomes.length, 2);
    const [first, second] = outcomes;
    assert.ok(first && 'bundle' in first);
    assert.equal((first.bundle.entry?.find((e) => e.resource?.resourceType === 'Patient')?.resource as Patient).name?.[0]?.family, 'MotherToBe');
    assert.ok(second && 'error' in second);
    isError({ code: 'unsupported-message', messageIndex: 2, field: 'MSH-9', message: /^HL7 v2 batch message 2 \(from line 13\): HL7 v2 segment 1 \(MSH\), field MSH-9: RSP\^K11/ })(second.error);
    assert.equal(second.message?.header.controlId, '20171023134421'); // parsed, so it can be acknowledged
  });

  it('a malformed message: parseHl7v2Batch refuses the whole batch; hl7v2BatchToFhir refuses that message only, never part of it', () => {
    const broken = segments('ADT-A04-01').map((s) => (s.startsWith('PV1|') ? `pv1${s.slice(3)}` : s));
    const text = batchOf([segments('ADT-A01-01'), broken, segments('ADT-A08-01')]);
    const pv1 = broken.findIndex((s) => s.startsWith('pv1')) + 1;
    assert.throws(() => parseHl7v2Batch(text), isError({ code: 'bad-segment', messageIndex: 2, segmentIndex: pv1, message: new RegExp(`^HL7 v2 batch message 2 \\(from line \\d+\\): HL7 v2 segment ${pv1} does not start with a segment ID`) }));
    const outcomes = hl7v2BatchToFhir(text);
    assert.deepEqual(outcomes.map((o) => ('bundle' in o ? 'bundle' : o.error.code)), ['bundle', 'bad-segment', 'bundle']);
    const failed = outcomes[1];
    assert.ok(failed && 'error' in failed && !('bundle' in failed));
    assert.equal(failed.error.messageIndex, 2);
    assert.equal(failed.message, undefined);
  });

  it('a message that parses but does not convert is refused whole, naming its segment and field', () => {
    const noCode = segments('ADT-A01-01').map((s) => (s.startsWith('DG1|') ? s.replace('422504002^Ischemic stroke(disorder)^SCT', '') : s));
    const outcomes = hl7v2BatchToFhir(batchOf([noCode, segments('ADT-A03-01')]));
    const [first, second] = outcomes;
    assert.ok(first && 'error' in first && !('bundle' in first));
    isError({ code: 'missing-field', messageIndex: 1, field: 'DG1-3', message: /^HL7 v2 batch message 1 \(from line 3\): HL7 v2 segment \d+ \(DG1\), field DG1-3/ })(first.error);
    assert.ok(second && 'bundle' in second);
  });

  it('a broken envelope refuses the whole batch, naming the line: counts that do not match, text before the first MSH, a missing trailer', () => {
    const two = [segments('ADT-A01-01'), segments('ADT-A03-01')];
    const btsLine = 2 + two.flat().length + 1;
    assert.throws(() => hl7v2BatchToFhir(batchOf(two, { messages: 3, batches: 1 })), isError({ code: 'bad-batch', message: new RegExp(`^HL7 v2 batch, line ${btsLine}: BTS-1 says the batch has 3 messages, it has 2`) }));
    assert.throws(() => parseHl7v2Batch(batchOf(two, { messages: 2, batches: 2 })), isError({ code: 'bad-batch', message: /FTS-1 says the file has 2 batches, it has 1/ }));
    assert.throws(() => splitHl7v2Batch(['BHS|^~\\&|LAB', 'PID|1||X', ...two.flat(), 'BTS|2'].join('\r')), isError({ code: 'bad-batch', message: /^HL7 v2 batch, line 2: PID before the first MSH/ }));
    assert.throws(() => splitHl7v2Batch(['FHS|^~\\&|LAB', 'BHS|^~\\&|LAB', ...two.flat()].join('\r')), isError({ code: 'bad-batch', message: /no BTS trailer/ }));
    assert.throws(() => splitHl7v2Batch('hello'), isError({ code: 'bad-batch', message: /starts with FHS, BHS or MSH/ }));
  });

  it('messages one after the other without an envelope are a batch too; two batches in one file are read in order', () => {
    const bare = splitHl7v2Batch([...segments('ADT-A01-01'), ...segments('ADT-A03-01')].join('\n'));
    assert.deepEqual(bare.messages.map((m) => m.messageIndex), [1, 2]);
    assert.equal(bare.fileHeader, undefined);
    const file = ['FHS|^~\\&|LAB', 'BHS|^~\\&|LAB', ...segments('ADT-A01-01'), 'BTS|1', 'BHS|^~\\&|LAB', ...segments('ADT-A03-01'), ...segments('ADT-A08-01'), 'BTS|2', 'FTS|2'].join('\r\n');
    const batch = parseHl7v2Batch(file);
    assert.equal(batch.batchHeaders.length, 2);
    assert.deepEqual(batch.messages.map((m) => m.header.triggerEvent), ['A01', 'A03', 'A08']);
  });
});
