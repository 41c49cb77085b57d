import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hl7v2Ack, parseHl7v2 } from '@chartwell/interop';
import { fixtureText } from '../../../../test/support/fixtures.js';

const time = new Date('2026-11-26T03:30:00Z');

describe('hl7v2Ack', () => {
  it('accepts a real ADT^A01: sender and receiver swapped, MSA-1 AA with the original control ID', () => {
    const ack = hl7v2Ack(fixtureText('hl7v2/ADT-A01-01.hl7'), { code: 'AA', controlId: 'ACK-1', time });
    assert.equal(
      ack,
      'MSH|^~\\&|EHRApp^1.Edu^ISO|GHHRFacility^2.16.840.1.1122848.1.32^ISO|ADTApp|GHHSFacility^2.16.840.1.122848.1.30^ISO|20261126033000+0000||ACK^A01^ACK|ACK-1|P|2.8\r' +
        'MSA|AA|MSG00001',
    );
  });

  it('reports an application error with an ERR segment: code from table 0357, location, severity and text', () => {
    const message = parseHl7v2(fixtureText('hl7v2/LAB-ORU-1.hl7'));
    const ack = parseHl7v2(hl7v2Ack(message, { code: 'AE', errorCode: '101', errorLocation: { segment: 'PID', sequence: 1, field: 3 }, text: 'Patient identifier missing', time }));
    assert.equal(ack.get('MSH-3'), 'TransformationAgent');
    assert.equal(ack.get('MSH-5'), 'SomeSystem');
    assert.equal(ack.get('MSH-9'), 'ACK');
    assert.equal(ack.get('MSH-9.2'), 'R01');
    assert.equal(ack.get('MSH-11'), 'T');
    assert.equal(ack.get('MSH-12'), '2.5');
    assert.match(ack.get('MSH-10') ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(ack.get('MSA-1'), 'AE');
    assert.equal(ack.get('MSA-2'), '182');
    assert.equal(ack.get('MSA-3'), 'Patient identifier missing');
    assert.deepEqual([ack.get('ERR-2.1'), ack.get('ERR-2.2'), ack.get('ERR-2.3')], ['PID', '1', '3']);
    assert.deepEqual([ack.get('ERR-3.1'), ack.get('ERR-3.2'), ack.get('ERR-3.3')], ['101', 'Required field missing', 'HL70357']);
    assert.equal(ack.get('ERR-4'), 'E');
    assert.equal(ack.get('ERR-8'), 'Patient identifier missing');
  });

  it('rejects with AR and the default code 200, escaping delimiters in the text', () => {
    const ack = parseHl7v2(hl7v2Ack(fixtureText('hl7v2/simple-hl7-adt.hl7'), { code: 'AR', text: 'Unsupported: A|B^C', time }));
    assert.equal(ack.get('MSA-1'), 'AR');
    assert.equal(ack.get('MSA-3'), 'Unsupported: A|B^C');
    assert.equal(ack.get('ERR-3.1'), '200');
    assert.equal(ack.get('ERR-3.2'), 'Unsupported message type');
    assert.equal(ack.segmentsNamed('ERR').length, 1);
  });

  it('keeps the message\'s own delimiters', () => {
    const ack = hl7v2Ack('MSH#*@!%#LAB#HOSP#EHR#CLINIC#20240101##ORU*R01#77#P#2.5.1', { code: 'AE', controlId: 'A', time });
    assert.equal(ack, 'MSH#*@!%#EHR#CLINIC#LAB#HOSP#20261126033000+0000##ACK*R01*ACK#A#P#2.5.1\rMSA#AE#77\rERR###207*Application internal error*HL70357#E');
  });
});
