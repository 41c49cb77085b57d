import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Resource } from '@chartwell/fhir';
import { fixtureJson, fixtureText } from '../../../../test/support/fixtures.js';
import { storeWith, syntheaResources } from '../../../../test/support/chart-fixtures.js';
import { notesView } from './notes-view.js';

const CLEMENTE = 'd78af07c-9cb9-4f31-9b11-c45a28f2eec8';

/** The lines of a Synthea bulk-export NDJSON fixture, as resources. */
const ndjson = (file: string) => fixtureText(`synthea-bulk-10/${file}`).split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as Resource);
const AUGUSTUS = 'cbc86e51-9eca-3855-76ec-c058f72c5761';

describe('notesView', () => {
  it('lists a Synthea patient\'s visits newest first with class, type, period and participants', async () => {
    const view = await notesView(await storeWith(syntheaResources('Clemente_Kreiger_1484a42d-0eaf-4654-9cbf-6b050a5cd73b.json')), CLEMENTE);
    assert.deepEqual(view.visits.map((v) => [v.classLabel, v.typeText, v.period?.start, v.statusLabel]), [
      ['Ambulatory', 'Encounter for check up (procedure)', '2018-09-17T15:29:24+00:00', 'Finished'],
      ['Ambulatory', 'Encounter for check up (procedure)', '2015-09-14T15:29:24+00:00', 'Finished'],
      ['Ambulatory', 'Encounter for check up (procedure)', '2012-09-10T15:29:24+00:00', 'Finished'],
    ]);
    assert.equal(view.visits[0]?.participants.length, 1);
    assert.deepEqual(view.unlinkedNotes, []);
  });

  it('attaches a US Core discharge summary to its encounter and decodes its text/plain note', async () => {
    const store = await storeWith(['encounter-example-1', 'documentreference-discharge-summary'].map((name) => fixtureJson<Resource>(`us-core/${name}.json`)));
    const view = await notesView(store, 'example');
    const visit = view.visits[0];
    assert.deepEqual([visit?.classLabel, visit?.typeText, visit?.locations[0]?.location.display], ['Ambulatory', 'Office Visit', 'Holy Family Hospital']);
    assert.deepEqual(visit?.notes.map((n) => [n.title, n.statusLabel, n.parts[0]?.body]), [
      ['Discharge Summary', 'Current', { kind: 'text', text: 'No activity restriction, regular diet, follow up in two to three weeks with primary care provider.', fromHtml: false }],
    ]);
  });

  it('writes the visit period and note date in the view\'s zone, and names the source', async () => {
    const store = await storeWith(['encounter-example-1', 'documentreference-discharge-summary'].map((name) => fixtureJson<Resource>(`us-core/${name}.json`)));
    const view = await notesView(store, 'example', { timeZone: 'America/New_York', storeName: 'Local chart' });
    // 17:00:14-05:00 to 18:00:14-05:00 on 1 November 2015, after the US clocks went back (EST, -05:00).
    assert.equal(view.visits[0]?.periodText, '01-Nov-2015 17:00 – 18:00');
    assert.deepEqual([view.visits[0]?.notes[0]?.dateText, view.visits[0]?.notes[0]?.source.system], ['Not recorded', 'Local chart']);
  });

  it('reads a Composition\'s section narrative as text, and says a URL-only document is elsewhere', async () => {
    const store = await storeWith([fixtureJson<Resource>('fhir/Composition-example-mixed.json'), { ...fixtureJson<Resource>('fhir/DocumentReference-example.json'), subject: { reference: 'Patient/newborn' } } as Resource]);
    const view = await notesView(store, 'newborn');
    assert.deepEqual(view.unlinkedNotes.map((n) => [n.resourceType, n.title, n.statusLabel]), [
      ['Composition', 'Discharge Summary (Neonatal Service)', 'Final'],
      ['DocumentReference', 'Physical', 'Current'],
    ]);
    assert.deepEqual(view.unlinkedNotes[0]?.parts.map((p) => [p.title, p.body]), [
      ["Child's Details", { kind: 'text', text: '(snip)', fromHtml: true }],
      ["Mpther's Details", { kind: 'text', text: '(snip)', fromHtml: true }],
    ]);
    assert.deepEqual(view.unlinkedNotes[1]?.parts[0]?.body, { kind: 'unavailable', reason: 'url-only', contentType: 'application/hl7-v3+xml', url: 'http://example.org/xds/mhd/Binary/07a6483f-732b-461e-86b6-edb665c45510' });
  });

  it('reads a Composition without sections from its own narrative', async () => {
    const { section: _sections, ...composition } = fixtureJson<Resource & { section?: unknown }>('fhir/Composition-example-mixed.json');
    const view = await notesView(await storeWith([composition as Resource]), 'newborn');
    const text = view.unlinkedNotes[0]?.parts[0]?.body;
    assert.ok(text?.kind === 'text' && text.text.startsWith('Generated Narrative with Details\nid: example-mixed\nstatus: final'));
  });

  it('keeps an entered-in-error note, marked, and never returns HTML without a sanitiser', async () => {
    const html = Buffer.from('<p onclick="x()">Wound <b>clean</b></p><script>bad()</script>').toString('base64');
    const store = await storeWith([{ resourceType: 'DocumentReference', id: 'n1', status: 'entered-in-error', subject: { reference: 'Patient/p' }, date: '2026-01-01T10:00:00Z', content: [{ attachment: { contentType: 'text/html', data: html } }] }]);
    const view = await notesView(store, 'p');
    const note = view.unlinkedNotes[0];
    assert.deepEqual([note?.enteredInError, note?.statusLabel, note?.title, note?.parts[0]?.body], [true, 'Entered in error', 'Not recorded', { kind: 'text', text: 'Wound clean', fromHtml: true }]);
  });

  it('names the people, places and reasons of a Synthea bulk-export visit, and its note\'s type, authors and size', async () => {
    const store = await storeWith([...ndjson('Encounter.cbc86e51.ndjson'), ...ndjson('DocumentReference.cbc86e51.ndjson')]);
    const view = await notesView(store, AUGUSTUS);
    assert.equal(view.visits.length, 15);
    assert.deepEqual(view.unlinkedNotes, []);
    // the newest visit: Encounter/1e63901b (2021-05-23), a vaccination at Overland Park, with its note DocumentReference/251bb4a5
    const newest = view.visits[0];
    assert.deepEqual([newest?.id, newest?.typeText, newest?.serviceProviderName, newest?.reasonTexts], ['1e63901b-1b3f-1f2e-a951-c68ce97f87e2', 'Administration of vaccine to produce active immunity (procedure)', 'OVERLAND PARK REG MED CTR', []]);
    assert.deepEqual(newest?.participants.map((p) => [p.name, p.roles]), [['Dr. Bobbye345 Wuckert783', ['primary performer']]]);
    assert.deepEqual(newest?.locations.map((l) => l.name), ['OVERLAND PARK REG MED CTR']);
    const note = newest?.notes[0];
    assert.deepEqual([note?.reference, note?.typeText, note?.authorNames, note?.statusLabel], ['DocumentReference/251bb4a5-6e24-b27c-845f-b1e3b71e37e8', 'History and physical note', ['Dr. Bobbye345 Wuckert783'], 'Current']);
    // no size recorded: the decoded text/plain data is 950 bytes
    assert.equal(note?.parts[0]?.size, 950);
    // Encounter/78021b2e (2016-05-08) records why: acute viral pharyngitis
    assert.deepEqual(view.visits.find((v) => v.id.startsWith('78021b2e'))?.reasonTexts, ['Acute viral pharyngitis (disorder)']);
    // the second newest note is typed as an emergency department note (its first coding)
    assert.equal(view.visits[1]?.notes[0]?.typeText, 'Emergency department note');
  });

  it('keeps the recorded size of a document that is elsewhere, and names authors without a display by their reference', async () => {
    const store = await storeWith([{ ...fixtureJson<Resource>('fhir/DocumentReference-example.json'), subject: { reference: 'Patient/xcda' } } as Resource]);
    const note = (await notesView(store, 'xcda')).unlinkedNotes[0];
    assert.deepEqual([note?.reference, note?.typeText, note?.authorNames, note?.docStatus], ['DocumentReference/example', 'Outpatient Note', ['Practitioner/xcda1', '#a2'], 'preliminary']);
    assert.deepEqual([note?.parts[0]?.contentType, note?.parts[0]?.size], ['application/hl7-v3+xml', 3654]);
  });

  it('gives a Composition its reference, type and authors by name', async () => {
    const note = (await notesView(await storeWith([fixtureJson<Resource>('fhir/Composition-example-mixed.json')]), 'newborn')).unlinkedNotes[0];
    assert.deepEqual([note?.reference, note?.typeText, note?.authorNames], ['Composition/example-mixed', 'Neonatal perinatal medicine Discharge summary', ['Harold Hippocrates, MD']]);
    assert.equal(note?.parts[0]?.size, undefined);
  });

  it('says "Not recorded" for a visit location without a name, and leaves out a participant\'s missing name', async () => {
    const store = await storeWith([{ resourceType: 'Encounter', id: 'e1', status: 'finished', class: { code: 'AMB' }, subject: { reference: 'Patient/p' }, location: [{ location: { identifier: { value: 'room 4' } } }], participant: [{ type: [{ text: 'attender' }] }] }]);
    const visit = (await notesView(store, 'p')).visits[0];
    assert.deepEqual([visit?.locations[0]?.name, visit?.participants[0]?.name, visit?.participants[0]?.roles, visit?.serviceProviderName], ['Not recorded', undefined, ['attender'], undefined]);
  });
});
