import { expect } from '@open-wc/testing';
import { IncomingRecordsError, readIncoming } from './incoming-records.js';

const sample = async (file: string) => (await fetch(new URL(`./data/incoming/${file}`, import.meta.url))).text();

describe("demo portal: reading incoming records (in the browser, as the page does)", () => {
  it('reads the discharge summary: C-CDA, about Anthony Douglas, from Community Health and Hospitals', async () => {
    const read = readIncoming(await sample('discharge-summary-anthony-douglas.xml'));
    expect(read.format).to.equal('ccda');
    // recordTarget: <given>Anthony</given> <family>Douglas</family>, birthTime 19720418; custodian "Community Health and Hospitals"
    expect(read.patient.name?.[0]?.given).to.deep.equal(['Anthony']);
    expect(read.patient.name?.[0]?.family).to.equal('Douglas');
    expect(read.patient.birthDate).to.equal('1972-04-18');
    expect(read.source).to.equal('Community Health and Hospitals');
    // the document's three Allergy - Intolerance Observations (templateId 2.16.840.1.113883.10.20.22.4.7)
    expect(read.counts.AllergyIntolerance).to.equal(3);
    expect(read.counts.Condition ?? 0).to.be.greaterThan(0);
    // the discharge medication: ibuprofen 600 MG Oral Tablet, to be taken (moodCode INT)
    expect(read.counts.MedicationRequest).to.equal(1);
    expect(read.counts.Patient).to.equal(undefined);
  });

  it("reads the lab's ORU^R01: HL7 v2, about Huckleberry Finn, from the sending facility of MSH-4", async () => {
    const read = readIncoming(await sample('lab-result-oru-r01.hl7'));
    expect(read.format).to.equal('hl7v2');
    // PID-5: Finn^Huckleberry; MSH-4: IA Public Health Lab
    expect(read.patient.name?.[0]?.family).to.equal('Finn');
    expect(read.source).to.equal('IA Public Health Lab');
    expect(read.counts.Observation ?? 0).to.be.greaterThan(0);
  });

  it('says what is wrong with text that is none of the formats, a message without its patient, or JSON that is not a Bundle', () => {
    const failure = (text: string) => {
      try {
        readIncoming(text);
      } catch (error) {
        expect(error).to.be.instanceOf(IncomingRecordsError);
        return (error as Error).message;
      }
      throw new Error('no error');
    };
    expect(failure('hello')).to.match(/not an HL7 v2 message/);
    expect(failure('MSH|^~\\&|A|B|C|D|20240101||ORU^R01|1|P|2.5\rOBX|1|NM|||12')).to.match(/no PID segment/);
    expect(failure('{"resourceType":"Patient","id":"x"}')).to.match(/is a Patient; a Bundle/);
  });
});
