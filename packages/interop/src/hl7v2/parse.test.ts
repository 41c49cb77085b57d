import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Hl7v2Error, parseHl7v2 } from '@chartwell/interop';
import { fixtureText } from '../../../../test/support/fixtures.js';

function throwsHl7v2(text: string, expected: { code: string; segmentIndex?: number; field?: string; message: RegExp }) {
  assert.throws(
    () => parseHl7v2(text),
    (error: unknown) => {
      assert.ok(error instanceof Hl7v2Error);
      assert.equal(error.code, expected.code);
      assert.equal(error.segmentIndex, expected.segmentIndex);
      assert.equal(error.field, expected.field);
      assert.match(error.message, expected.message);
      return true;
    },
  );
}

describe('parseHl7v2', () => {
  it('reads the header of a real ADT^A01 (FHIR-Converter sample, LF segment endings)', () => {
    const message = parseHl7v2(fixtureText('hl7v2/ADT-A01-01.hl7'));
    assert.deepEqual(message.header, {
      messageType: 'ADT',
      triggerEvent: 'A01',
      messageStructure: 'ADT_A01',
      controlId: 'MSG00001',
      processingId: 'P',
      version: '2.8',
      dateTime: '198908181126+0215',
    });
    assert.deepEqual(message.delimiters, { field: '|', component: '^', repetition: '~', escape: '\\', subcomponent: '&' });
    assert.equal(message.get('MSH-1'), '|');
    assert.equal(message.get('MSH-2'), '^~\\&');
    assert.equal(message.get('MSH-3'), 'ADTApp');
    assert.equal(message.get('MSH-4.2'), '2.16.840.1.122848.1.30');
  });

  it('gives fields, repetitions, components and subcomponents by 1-based HL7 position', () => {
    const message = parseHl7v2(fixtureText('hl7v2/ADT-A01-01.hl7'));
    const pid = message.segment('PID');
    assert.ok(pid);
    // PID-3: PATID1234^5^M11^test1&2.16.1&HCD^MR^GOOD HEALTH HOSPITAL~123456789^^^USSSA^SS
    assert.equal(pid.field(3).repetitions.length, 2);
    assert.equal(pid.field(3).component(1).value, 'PATID1234');
    assert.equal(pid.field(3).component(4).subcomponent(2), '2.16.1');
    assert.equal(pid.field(3).repetition(2).component(5).value, 'SS');
    assert.equal(message.get('PID-3[2].1'), '123456789');
    assert.equal(message.get('PID-3.4.3'), 'HCD');
    assert.equal(pid.get('5.1.5'), 'Aniston');
    assert.equal(message.get('PID-5.2'), 'ADAM');
    assert.equal(message.get('PID-8'), 'M');
    // empty and absent places read as undefined
    assert.equal(message.get('PID-3[2].2'), undefined);
    assert.equal(message.get('PID-99.1'), undefined);
    assert.equal(message.get('ZZZ-1'), undefined);
    assert.equal(pid.field(99).isEmpty, true);
  });

  it('counts segments in order, including repeated ones and their occurrence', () => {
    const message = parseHl7v2(fixtureText('hl7v2/LAB-ORU-1.hl7'));
    // the file starts with a UTF-8 byte-order mark
    assert.equal(message.header.messageType, 'ORU');
    assert.equal(message.header.triggerEvent, 'R01');
    assert.equal(message.header.messageStructure, undefined);
    assert.equal(message.header.controlId, '182');
    assert.equal(message.header.version, '2.5');
    assert.deepEqual(
      message.segments.map((s) => s.name),
      ['MSH', 'PID', 'OBR', 'OBX', 'OBX', 'OBX', 'OBX', 'OBX', 'SPM', 'OBR', 'OBX', 'OBX', 'OBX', 'OBX', 'OBX', 'SPM'],
    );
    assert.equal(message.get('OBX[2]-5'), '4.06');
    assert.equal(message.get('OBX[2]-6'), 'tera.l-1');
    assert.equal(message.get('OBX[6]-3.2'), 'NEUTROPHILS/100 LEUKOCYTES');
    assert.equal(message.segmentsNamed('OBX').length, 10);
    assert.equal(message.segment('OBR', 2)?.index, 10);
  });

  it('splits segments on CRLF too (hl7-standard sample)', () => {
    const message = parseHl7v2(fixtureText('hl7v2/hl7-standard-message.hl7'));
    assert.equal(message.segments[0]?.name, 'MSH');
    assert.equal(message.get('PID-5.1'), 'MotherToBe');
    assert.equal(message.get('PID-5.2'), 'Jane');
    assert.equal(message.get('PID-7'), '19650601');
    assert.ok(message.segments.every((s) => !s.fields.some((f) => f.value?.includes('\r'))));
  });

  it('decodes escape sequences in real data: \\T\\ in an NTE of ORU-R01-01', () => {
    const message = parseHl7v2(fixtureText('hl7v2/ORU-R01-01.hl7'));
    assert.match(message.get('NTE-3') ?? '', /E\.coli O157:H7 & other STECs, and Aeromonas$/);
  });

  it('decodes every escape sequence, after splitting on the delimiters', () => {
    const message = parseHl7v2('MSH|^~\\&|A||B||20240101||ORU^R01|1|P|2.5\rNTE|1||a\\F\\b\\S\\c\\T\\d\\R\\e\\E\\f\\X41C3A9\\g\\.br\\h\\H\\i\\N\\|x\\Zq\\y|open\\end');
    assert.equal(message.get('NTE-3'), 'a|b^c&d~e\\fAég\nhi');
    assert.equal(message.segment('NTE')?.field(3).repetitions.length, 1);
    assert.equal(message.segment('NTE')?.field(3).component(1).subcomponents.length, 1);
    // not an escape sequence, or never closed: kept as written
    assert.equal(message.get('NTE-4'), 'x\\Zq\\y');
    assert.equal(message.get('NTE-5'), 'open\\end');
  });

  it('takes whatever delimiters MSH declares', () => {
    const standard = parseHl7v2(fixtureText('hl7v2/hl7-standard-message.hl7'));
    const swapped = fixtureText('hl7v2/hl7-standard-message.hl7').replace(/[|^~\\&]/g, (c) => ({ '|': '#', '^': '*', '~': '@', '\\': '!', '&': '%' })[c] ?? c);
    const other = parseHl7v2(swapped);
    assert.deepEqual(other.delimiters, { field: '#', component: '*', repetition: '@', escape: '!', subcomponent: '%' });
    assert.equal(other.get('MSH-1'), '#');
    assert.deepEqual(
      other.segments.slice(1).map((s) => s.fields),
      standard.segments.slice(1).map((s) => s.fields),
    );
    assert.equal(other.get('PID-5.2'), 'Jane');
  });

  it('reads the v2.7 truncation character and its \\P\\ escape', () => {
    const message = parseHl7v2('MSH|^~\\&#|A||B||20240101||ADT^A01^ADT_A01|1|P|2.7\rPID|1||12\\P\\3');
    assert.equal(message.delimiters.truncation, '#');
    assert.equal(message.get('PID-3'), '12#3');
    assert.equal(message.get('MSH-2'), '^~\\&#');
  });

  it('keeps Z-segments and unknown segments in place', () => {
    const message = parseHl7v2('MSH|^~\\&|A||B||20240101||ADT^A01|1|P|2.5\nPID|1||9\nZPI|1|custom^value\nPV1|1|I');
    assert.deepEqual(message.segments.map((s) => s.name), ['MSH', 'PID', 'ZPI', 'PV1']);
    assert.equal(message.get('ZPI-2.2'), 'value');
    assert.equal(message.segment('ZPI')?.index, 3);
  });

  it('refuses an empty message', () => {
    throwsHl7v2('', { code: 'empty', message: /empty/ });
    throwsHl7v2(' \r\n\n', { code: 'empty', message: /empty/ });
  });

  it('refuses a message that does not start with MSH, naming the segment', () => {
    throwsHl7v2('PID|1||123', { code: 'no-msh', segmentIndex: 1, message: /segment 1 must be MSH, found PID/ });
    throwsHl7v2('Jane Doe', { code: 'no-msh', segmentIndex: 1, message: /must be MSH, found no segment ID$/ });
    throwsHl7v2(fixtureText('hl7v2/hl7-standard-batch.hl7'), { code: 'no-msh', segmentIndex: 1, message: /batch/ });
  });

  it('refuses bad delimiters, naming MSH-1 or MSH-2', () => {
    throwsHl7v2('MSH', { code: 'bad-delimiters', segmentIndex: 1, field: 'MSH-1', message: /field MSH-1: the field separator is missing/ });
    throwsHl7v2('MSHA^~\\&A', { code: 'bad-delimiters', segmentIndex: 1, field: 'MSH-1', message: /MSH-1/ });
    throwsHl7v2('MSH|^~|A|B', { code: 'bad-delimiters', segmentIndex: 1, field: 'MSH-2', message: /must be 4/ });
    throwsHl7v2('MSH|^^\\&|A|B', { code: 'bad-delimiters', segmentIndex: 1, field: 'MSH-2', message: /repeat/ });
    throwsHl7v2('MSH|^~\\a|A|B', { code: 'bad-delimiters', segmentIndex: 1, field: 'MSH-2', message: /"a"/ });
  });

  it('refuses a malformed segment ID, naming the segment index', () => {
    throwsHl7v2('MSH|^~\\&|A||B||20240101||ADT^A01|1|P|2.5\rPID|1\rpv1|1', { code: 'bad-segment', segmentIndex: 3, message: /segment 3 does not start with a segment ID/ });
    // a line broken inside a name: the error does not repeat the text
    throwsHl7v2('MSH|^~\\&|A||B||20240101||ADT^A01|1|P|2.5\rPID|1||123||Doe^Ja\rne', { code: 'bad-segment', segmentIndex: 3, message: /^HL7 v2 segment 3 does not start with a segment ID[^J]*$/ });
    throwsHl7v2('MSH|^~\\&|A||B||20240101||ADT^A01|1|P|2.5\rPIDX|1', { code: 'bad-segment', segmentIndex: 2, message: /segment 2/ });
  });

  it('refuses a message without a type in MSH-9', () => {
    throwsHl7v2('MSH|^~\\&|A||B||20240101|||1|P|2.5', { code: 'missing-field', segmentIndex: 1, field: 'MSH-9', message: /MSH-9/ });
  });

  it('refuses two messages in one text', () => {
    const one = 'MSH|^~\\&|A||B||20240101||ADT^A01|1|P|2.5\rPID|1';
    throwsHl7v2(`${one}\r${one}`, { code: 'batch', segmentIndex: 3, field: 'MSH', message: /segment 3 is a second MSH/ });
  });

  it('refuses a path that is not one', () => {
    const message = parseHl7v2('MSH|^~\\&|A||B||20240101||ADT^A01|1|P|2.5');
    assert.throws(() => message.get('PID5'), (e: unknown) => e instanceof Hl7v2Error && e.code === 'bad-path');
    assert.throws(() => message.get('PID-0'), /positions start at 1/);
  });
});
