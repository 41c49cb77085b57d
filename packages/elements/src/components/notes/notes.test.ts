import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { spy } from 'sinon';
import DOMPurify from 'dompurify';
import type { Composition, DocumentReference, Encounter, Patient, Resource } from '@chartwell/fhir';
import { ForbiddenError, UnavailableError } from '@chartwell/core';
import type { ChartStore } from '@chartwell/core';
import { failingStore, fetchFixture, storeWith } from '../../../../../test/support/browser-fixtures.js';
import '../../define/cw-chart-provider.js';
import '../../define/cw-notes.js';
import type { CwNotes } from './notes.js';
import type { CwErrorEvent } from '../../events/error-event.js';
import type { CwSelectEvent } from '../../events/select-event.js';

const shadow = (el: HTMLElement) => el.shadowRoot!;
const squash = (value: string | null | undefined) => (value ?? '').replace(/\s+/g, ' ').trim();
const text = (el: HTMLElement) => squash(shadow(el).textContent);
const loaded = (el: CwNotes) => waitUntil(() => !el.hasCustomState('loading'), 'the notes never finished loading');
const visits = (el: CwNotes) => [...shadow(el).querySelectorAll<HTMLElement>('[part="visit"]')];
const noteOf = (el: CwNotes, reference: string) => shadow(el).querySelector<HTMLElement>(`[part="note"][data-reference="${reference}"]`)!;
const detail = (scope: Element, key: string) => squash(scope.querySelector(`.detail.${key} dd`)?.textContent);
const statuses = (note: Element) => [...note.querySelectorAll('.note-markers [part="status"]')].map((node) => squash(node.textContent));

/** The lines of a Synthea bulk-export NDJSON fixture, as resources. */
async function ndjson(file: string): Promise<Resource[]> {
  const response = await fetch(`/test/fixtures/synthea-bulk-10/${file}`);
  if (!response.ok) throw new Error(`test/fixtures/synthea-bulk-10/${file}: HTTP ${response.status}`);
  return (await response.text()).split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as Resource);
}

// Augustus (Synthea bulk export): 15 visits (2021-05-23 newest), each with one text/plain DocumentReference
const AUGUSTUS = 'cbc86e51-9eca-3855-76ec-c058f72c5761';
const NEWEST_NOTE = 'DocumentReference/251bb4a5-6e24-b27c-845f-b1e3b71e37e8';
const SECOND_NOTE = 'DocumentReference/4826208b-0c1a-7c7d-06ae-1b079e0d8756';

async function augustusResources(): Promise<Resource[]> {
  const patient = (await ndjson('Patient.000.ndjson')).filter((resource) => resource.id === AUGUSTUS);
  return [...patient, ...(await ndjson('Encounter.cbc86e51.ndjson')), ...(await ndjson('DocumentReference.cbc86e51.ndjson'))];
}

/** Notes inside a provider over `store`, for `patientId`, once loaded. */
async function notesIn(store: ChartStore, patientId: string, timeZone = 'UTC') {
  const provider = await fixture(html`<cw-chart-provider locale="en-GB" time-zone=${timeZone} .store=${store}>
    <cw-notes patient-id=${patientId}></cw-notes>
  </cw-chart-provider>`);
  const el = provider.querySelector('cw-notes')!;
  await loaded(el);
  return el;
}

const xcdaDocument = async (): Promise<DocumentReference> => ({ ...(await fetchFixture<DocumentReference>('fhir/DocumentReference-example.json')) });
const mixedComposition = () => fetchFixture<Composition>('fhir/Composition-example-mixed.json');

describe('<cw-notes>', () => {
  it("lists Augustus's 15 visits newest first, each with its type, period, class, status, participant, location and note", async () => {
    const el = await notesIn(await storeWith(await augustusResources()), AUGUSTUS);
    expect(squash(shadow(el).querySelector('h2')!.textContent)).to.equal('Visits and notes');
    expect(visits(el)).to.have.length(15);
    // Encounter/1e63901b: 2021-05-23T00:21:52-04:00 to 00:36:52-04:00, i.e. 04:21 to 04:36 UTC
    const newest = visits(el)[0]!;
    expect(squash(newest.querySelector('[part="visit-heading"]')!.textContent)).to.equal('Administration of vaccine to produce active immunity (procedure) 23-May-2021 04:21 – 04:36');
    expect(squash(newest.querySelector('.badge.class')!.textContent)).to.equal('Ambulatory');
    expect(squash(newest.querySelector('.visit-markers [part="status"]')!.textContent)).to.equal('Finished');
    expect(detail(newest, 'participants')).to.equal('Dr. Bobbye345 Wuckert783 (primary performer)');
    expect(detail(newest, 'location')).to.equal('OVERLAND PARK REG MED CTR');
    expect(detail(newest, 'service-provider')).to.equal('OVERLAND PARK REG MED CTR');
    expect(newest.querySelector('.detail.reason')).to.equal(null);
    // the oldest: Encounter/8aa0ab97, 1996-11-29T23:21:52-05:00 (04:21 UTC on the 30th), for atopic dermatitis
    const oldest = visits(el)[14]!;
    expect(squash(oldest.querySelector('[part="visit-heading"]')!.textContent)).to.equal('Encounter for problem 30-Nov-1996 04:21 – 04:36');
    expect(detail(oldest, 'reason')).to.equal('Atopic dermatitis');
    // the emergency visit of 2018-08-11
    expect(visits(el).map((visit) => squash(visit.querySelector('.badge.class')!.textContent)).filter((c) => c === 'Emergency')).to.have.length(1);
    expect(el.hasCustomState('empty')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('shows each note with its type, author, date and status, its text as text with the line breaks kept', async () => {
    const el = await notesIn(await storeWith(await augustusResources()), AUGUSTUS);
    const note = noteOf(el, NEWEST_NOTE);
    expect(note.closest('[part="visit"]')).to.equal(visits(el)[0]);
    // no description or attachment title: the type in words is the title
    expect(squash(note.querySelector('[part="note-heading"]')!.textContent)).to.equal('History and physical note');
    expect(detail(note, 'type')).to.equal('History and physical note');
    expect(detail(note, 'author')).to.equal('Dr. Bobbye345 Wuckert783');
    // 2021-05-23T00:21:52.051-04:00
    expect(detail(note, 'date')).to.equal('23-May-2021 04:21');
    expect(statuses(note)).to.deep.equal(['Current']);
    const body = note.querySelector<HTMLElement>('.text')!;
    expect(body.textContent).to.contain('# Chief Complaint\nNo complaints.\n\n# History of Present Illness\nAugustus49\n is a 25 year-old hispanic white male.');
    expect(getComputedStyle(body).whiteSpace).to.equal('pre-wrap');
    // the previous note is superseded: said in words, with its icon
    const superseded = noteOf(el, SECOND_NOTE);
    expect(statuses(superseded)).to.deep.equal(['Superseded']);
    expect(superseded.querySelector('.icon-superseded')).to.not.equal(null);
    expect(squash(superseded.querySelector('[part="note-heading"]')!.textContent)).to.equal('Emergency department note');
  });

  it('writes periods and dates in the time zone of the provider', async () => {
    const el = await notesIn(await storeWith(await augustusResources()), AUGUSTUS, 'America/Chicago');
    // 2021-05-23T00:21:52-04:00 is 23:21 on 22 May in Chicago (CDT, UTC-5)
    expect(squash(visits(el)[0]!.querySelector('.period')!.textContent)).to.equal('22-May-2021 23:21 – 23:36');
    expect(detail(noteOf(el, NEWEST_NOTE), 'date')).to.equal('22-May-2021 23:21');
  });

  it('collapses a long note behind a named button; opening it from the keyboard fires cw-select with its reference', async () => {
    const el = await notesIn(await storeWith(await augustusResources()), AUGUSTUS);
    const note = noteOf(el, NEWEST_NOTE);
    const toggle = note.querySelector<HTMLButtonElement>('[part="toggle"]')!;
    const body = shadow(el).getElementById(toggle.getAttribute('aria-controls')!)!;
    const name = toggle.getAttribute('aria-labelledby')!.split(' ').map((id) => squash(shadow(el).getElementById(id)!.textContent));
    expect(name).to.deep.equal(['Show full note', 'History and physical note']);
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(body.classList.contains('collapsed')).to.equal(true);
    const onSelect = spy();
    el.addEventListener('cw-select', onSelect);
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(body.classList.contains('collapsed')).to.equal(false);
    expect(squash(toggle.textContent)).to.equal('Show less');
    expect(onSelect.calledOnce).to.equal(true);
    const event = onSelect.firstCall.args[0] as CwSelectEvent;
    expect(event.detail).to.deep.equal({ reference: NEWEST_NOTE });
    expect([event.bubbles, event.composed]).to.deep.equal([true, true]);
    await expect(el).to.be.accessible();
    // closing it again fires nothing
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(onSelect.calledOnce).to.equal(true);
  });

  it('filters the notes by type, keeping only the visits that have one', async () => {
    const el = await notesIn(await storeWith(await augustusResources()), AUGUSTUS);
    const select = shadow(el).querySelector<HTMLSelectElement>('[part="type-filter"]')!;
    expect([...select.options].map((option) => option.textContent)).to.deep.equal(['All types', 'Emergency department note', 'History and physical note']);
    select.value = 'Emergency department note';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(el.noteType).to.equal('Emergency department note');
    // 2021-05-02, 2014-05-10, 2014-02-22 and 1996-11-29 are typed first as emergency department notes
    expect([...shadow(el).querySelectorAll('[part="note"]')].map((note) => note.getAttribute('data-reference'))).to.deep.equal([
      SECOND_NOTE,
      'DocumentReference/257dcc6e-67df-3ac6-24cd-5eacc93a5297',
      'DocumentReference/b8ed22ba-be52-b30d-00b9-4e1db8729cff',
      'DocumentReference/0d5b356e-4f98-2cb3-9f4e-40470e20272f',
    ]);
    expect(visits(el)).to.have.length(4);
    expect(squash(shadow(el).querySelector('[part="count"]')!.textContent)).to.equal('Showing 4 of 15 notes');
    await expect(el).to.be.accessible();
  });

  it('filters the notes by their text, from the keyboard, and says when nothing matches', async () => {
    const el = await notesIn(await storeWith(await augustusResources()), AUGUSTUS);
    const input = shadow(el).querySelector<HTMLInputElement>('[part="filter"]')!;
    input.focus();
    // "Cigna" is the insurer named only in the notes of 1996-12-27 and 1996-11-29
    await sendKeys({ type: 'cigna' });
    await el.updateComplete;
    expect(visits(el).map((visit) => visit.getAttribute('data-id'))).to.deep.equal(['068032dd-088c-4108-4da9-25b25847f4e3', '8aa0ab97-3f4a-9101-f56c-4737e3944ece']);
    expect(squash(shadow(el).querySelector('[part="count"]')!.textContent)).to.equal('Showing 2 of 15 notes');
    el.filter = 'no such words';
    await el.updateComplete;
    expect(visits(el)).to.have.length(0);
    expect(text(el)).to.contain('No notes match the filter.');
    await expect(el).to.be.accessible();
  });

  it('names a document stored elsewhere with its type and size, marks it preliminary, and lists it apart when its visit is not in the chart', async () => {
    // the official example: status current, docStatus preliminary, content only a URL (application/hl7-v3+xml, size 3654)
    const el = await notesIn(await storeWith([await xcdaDocument()]), 'xcda');
    expect(squash(shadow(el).querySelector('[part="unlinked"] h3')!.textContent)).to.equal('Notes not linked to a visit (1)');
    const note = noteOf(el, 'DocumentReference/example');
    expect(squash(note.querySelector('[part="note-heading"]')!.textContent)).to.equal('Physical');
    expect(statuses(note)).to.deep.equal(['Current', 'Preliminary']);
    expect(note.querySelector('.status-preliminary .icon-preliminary')).to.not.equal(null);
    expect(detail(note, 'type')).to.equal('Outpatient Note');
    expect(detail(note, 'author')).to.equal('Practitioner/xcda1; #a2');
    // 2005-12-24T09:43:41+11:00 is 22:43 UTC the day before
    expect(detail(note, 'date')).to.equal('23-Dec-2005 22:43');
    expect(squash(note.querySelector('.unavailable')!.textContent)).to.equal('Stored elsewhere: application/hl7-v3+xml, 3.7 kB');
    expect(note.querySelector('.unavailable .icon-document')).to.not.equal(null);
    // the URL is not made a link
    expect(shadow(el).querySelector('a')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('names a PDF with its type and decoded size and does not render it (US Core ADI DNR)', async () => {
    const dnr = await fetchFixture<DocumentReference>('us-core/DocumentReference-adi-dnr.json');
    const el = await notesIn(await storeWith([dnr]), 'example');
    const note = noteOf(el, 'DocumentReference/adi-dnr');
    // no description: the attachment's title; 45,566 bytes of base64-decoded PDF, no size recorded
    expect(squash(note.querySelector('[part="note-heading"]')!.textContent)).to.equal('ADI-DNR');
    // the LOINC display comes before the concept's text (formatCodeableConcept)
    expect(detail(note, 'type')).to.equal('Do not resuscitate');
    expect(squash(note.querySelector('.part-title')!.textContent)).to.equal('ADI-DNR');
    expect(squash(note.querySelector('.unavailable')!.textContent)).to.equal('Not shown here: application/pdf, 45.6 kB');
    expect(note.querySelector('embed, object, iframe, img')).to.equal(null);
  });

  it("renders a Composition's section narrative as sanitised HTML, with the section titles", async () => {
    const el = await notesIn(await storeWith([await mixedComposition()]), 'newborn');
    const note = noteOf(el, 'Composition/example-mixed');
    expect(squash(note.querySelector('[part="note-heading"]')!.textContent)).to.equal('Discharge Summary (Neonatal Service)');
    expect(statuses(note)).to.deep.equal(['Final']);
    expect(detail(note, 'author')).to.equal('Harold Hippocrates, MD');
    expect([...note.querySelectorAll('.part-title')].map((node) => squash(node.textContent))).to.deep.equal(["Child's Details", "Mpther's Details"]);
    expect([...note.querySelectorAll('.html')].map((node) => squash(node.textContent))).to.deep.equal(['(snip)', '(snip)']);
    // the narrative's div is kept (a div of the allow-list), its xmlns attribute is not
    expect(note.querySelector('.html > div')).to.not.equal(null);
    expect(note.querySelector('.html > div')!.hasAttribute('xmlns')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it("keeps the structure of an IPS summary's narrative: lists and bold labels (IPS Composition/composition-minimal)", async () => {
    const el = await notesIn(await storeWith([await fetchFixture<Composition>('ips/Composition-composition-minimal.json')]), 'eumfh-39-07');
    const note = noteOf(el, 'Composition/composition-minimal');
    expect(squash(note.querySelector('[part="note-heading"]')!.textContent)).to.equal('Patient Summary as of December 11, 2020 14:30');
    expect(detail(note, 'type')).to.equal('Patient summary Document');
    expect([...note.querySelectorAll('.part-title')].map((node) => squash(node.textContent))).to.deep.equal(['Medication', 'Allergies and Intolerances', 'Active Problems']);
    const medication = note.querySelectorAll('.html')[0]!;
    expect(medication.querySelectorAll('ul > li')).to.have.length(1);
    expect([...medication.querySelectorAll('b')].map((b) => b.textContent)).to.deep.equal(['Medication Name', 'Code', 'Status']);
    expect([...medication.querySelectorAll('li > div')].map((div) => squash(div.textContent))).to.deep.equal(['Medication Name: Simvastatin 40 MG Disintegrating Oral Tablet', 'Code: C10AA01', 'Status: Active, started 2014', 'Instructions: Take 40 mg/day']);
    // 2020-12-11T14:30:00+01:00
    expect(detail(note, 'date')).to.equal('11-Dec-2020 13:30');
    await expect(el).to.be.accessible();
  });

  it('keeps an entered-in-error visit, struck through and labelled', async () => {
    const home = await fetchFixture<Encounter>('fhir/Encounter-home.json');
    const el = await notesIn(await storeWith([{ ...home, status: 'entered-in-error' }]), 'example');
    const visit = visits(el)[0]!;
    const status = visit.querySelector('.visit-markers [part="status"]')!;
    expect(squash(status.textContent)).to.equal('Entered in error');
    expect(status.querySelector('.icon-entered-in-error')).to.not.equal(null);
    expect(getComputedStyle(visit.querySelector('.visit-type')!).textDecorationLine).to.equal('line-through');
    await expect(el).to.be.accessible();
  });

  it('keeps an entered-in-error note, struck through and labelled, and marks an amended one', async () => {
    const composition = await mixedComposition();
    const xcda = await xcdaDocument();
    const store = await storeWith([
      { ...composition, status: 'entered-in-error' },
      { ...composition, id: 'amended', status: 'amended' },
      { ...xcda, subject: { reference: 'Patient/newborn' } },
    ]);
    const el = await notesIn(store, 'newborn');
    const wrong = noteOf(el, 'Composition/example-mixed');
    expect(statuses(wrong)).to.deep.equal(['Entered in error']);
    expect(wrong.querySelector('.icon-entered-in-error')).to.not.equal(null);
    expect(getComputedStyle(wrong.querySelector('[part="note-heading"]')!).textDecorationLine).to.equal('line-through');
    expect(getComputedStyle(wrong.querySelector('[part="body"]')!).textDecorationLine).to.equal('line-through');
    const amended = noteOf(el, 'Composition/amended');
    expect(statuses(amended)).to.deep.equal(['Amended']);
    expect(amended.querySelector('.icon-amended')).to.not.equal(null);
    expect(getComputedStyle(amended.querySelector('[part="note-heading"]')!).textDecorationLine).to.equal('none');
    // three icons, three different shapes: preliminary, amended and entered in error are told apart without colour
    expect(shadow(el).querySelectorAll('.icon-preliminary, .icon-amended, .icon-entered-in-error')).to.have.length(3);
    await expect(el).to.be.accessible();
  });

  it('says "No notes recorded", never "none", when nothing is recorded', async () => {
    const el = await notesIn(await storeWith([await fetchFixture<Patient>('fhir/Patient-example.json')]), 'example');
    expect(el.hasCustomState('empty')).to.equal(true);
    expect(squash(shadow(el).querySelector('[part="empty"] strong')!.textContent)).to.equal('No notes recorded');
    expect(text(el)).to.contain('This does not mean there are none.');
    expect(shadow(el).querySelector('.icon-not-recorded')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('shows a visit without notes, and says so (official Encounter/home)', async () => {
    const el = await notesIn(await storeWith([await fetchFixture<Encounter>('fhir/Encounter-home.json')]), 'example');
    expect(visits(el)).to.have.length(1);
    const visit = visits(el)[0]!;
    // no type recorded; 2015-01-17T16:00:00+10:00 to 16:30 is 06:00 to 06:30 UTC; class HH
    expect(squash(visit.querySelector('[part="visit-heading"]')!.textContent)).to.equal('Not recorded 17-Jan-2015 06:00 – 06:30');
    expect(squash(visit.querySelector('.badge.class')!.textContent)).to.equal('Home health');
    expect(detail(visit, 'participants')).to.equal('Dr Adam Careful');
    expect(detail(visit, 'location')).to.equal("Client's home");
    expect(squash(visit.querySelector('.visit-empty')!.textContent)).to.equal('No notes recorded for this visit.');
    await expect(el).to.be.accessible();
  });

  it('shows an error, offers a retry and fires cw-error when the store fails', async () => {
    const inner = await storeWith(await augustusResources());
    let failing = true;
    const store = failingStore(inner, (method, type) => failing && method === 'search' && type === 'DocumentReference', new UnavailableError({ resourceType: 'DocumentReference' }, 'IndexedDB is closed'));
    const onError = spy();
    document.addEventListener('cw-error', onError);
    try {
      const el = await notesIn(store, AUGUSTUS);
      expect(el.hasCustomState('error')).to.equal(true);
      expect(shadow(el).querySelector('[part="error"]')!.getAttribute('role')).to.equal('alert');
      expect(text(el)).to.contain('This information could not be loaded.');
      expect(visits(el)).to.have.length(0);
      expect((onError.firstCall.args[0] as CwErrorEvent).detail.outcome.issue[0]?.code).to.equal('transient');
      await expect(el).to.be.accessible();
      failing = false;
      shadow(el).querySelector<HTMLButtonElement>('[part="retry"]')!.click();
      await waitUntil(() => !el.hasCustomState('error') && !el.hasCustomState('loading'));
      expect(visits(el)).to.have.length(15);
    } finally {
      document.removeEventListener('cw-error', onError);
    }
  });

  it('shows the restricted state, naming nothing withheld, when access is denied', async () => {
    const store = failingStore(await storeWith(await augustusResources()), (method, type) => method === 'search' && type === 'DocumentReference', new ForbiddenError({ resourceType: 'DocumentReference' }));
    const el = await notesIn(store, AUGUSTUS);
    expect(el.hasCustomState('restricted')).to.equal(true);
    expect(text(el)).to.contain('You do not have permission to see this information.');
    expect(text(el)).to.not.contain('DocumentReference');
    expect(text(el)).to.not.contain('OVERLAND');
    expect(shadow(el).querySelector('[part="retry"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('takes .store directly, and shows the labelled loading state until the data is in', async () => {
    const el = await fixture<CwNotes>(html`<cw-notes patient-id="xcda" locale="en-GB" time-zone="UTC" .store=${await storeWith([await xcdaDocument()])}></cw-notes>`);
    const internals = (el as unknown as { internals: ElementInternals }).internals;
    expect(el.hasCustomState('loading')).to.equal(true);
    expect(internals.ariaBusy).to.equal('true');
    expect(squash(shadow(el).querySelector('[part="loading"]')!.textContent)).to.equal('Loading notes…');
    await expect(el).to.be.accessible();
    await loaded(el);
    expect(internals.ariaBusy).to.equal('false');
    expect(noteOf(el, 'DocumentReference/example')).to.not.equal(null);
  });

  it('shows a note type set by the host as selected, even when no note has it', async () => {
    const el = await fixture<CwNotes>(html`<cw-notes patient-id="xcda" time-zone="UTC" locale="en-GB" note-type="Discharge summary" .store=${await storeWith([await xcdaDocument()])}></cw-notes>`);
    await loaded(el);
    const select = shadow(el).querySelector<HTMLSelectElement>('[part="type-filter"]')!;
    expect([...select.options].map((option) => option.textContent)).to.deep.equal(['All types', 'Discharge summary', 'Outpatient Note']);
    expect(select.value).to.equal('Discharge summary');
    expect(text(el)).to.contain('No notes match the filter.');
    expect(squash(shadow(el).querySelector('[part="count"]')!.textContent)).to.equal('Showing 0 of 1 notes');
  });

  it("names each visit's source", async () => {
    const el = await notesIn(await storeWith(await augustusResources()), AUGUSTUS);
    // the bulk export records no meta.source and no Provenance: the store's default name
    expect(squash(visits(el)[0]!.querySelector(':scope > article > .source')!.textContent)).to.match(/^Source: This chart, updated /);
  });

  it('syncs the filter attributes with their properties', async () => {
    const el = await fixture<CwNotes>(html`<cw-notes filter="cigna" note-type="Emergency department note"></cw-notes>`);
    expect([el.filter, el.noteType]).to.deep.equal(['cigna', 'Emergency department note']);
    const defaults = await fixture<CwNotes>(html`<cw-notes></cw-notes>`);
    expect([defaults.filter, defaults.noteType, defaults.patientId]).to.deep.equal(['', '', undefined]);
  });

  it('takes translated strings through i18n', async () => {
    const el = await fixture<CwNotes>(html`<cw-notes patient-id="xcda" time-zone="UTC" .store=${await storeWith([await xcdaDocument()])}
      .i18n=${{ heading: 'Visitas y notas', noteStatus: { current: 'Vigente', preliminary: 'Preliminar' } }}></cw-notes>`);
    await loaded(el);
    expect(squash(shadow(el).querySelector('h2')!.textContent)).to.equal('Visitas y notas');
    expect(statuses(noteOf(el, 'DocumentReference/example'))).to.deep.equal(['Vigente', 'Preliminar']);
  });

  it('gives every element of its shadow root a distinct id', async () => {
    const el = await notesIn(await storeWith(await augustusResources()), AUGUSTUS);
    const ids = [...shadow(el).querySelectorAll('[id]')].map((node) => node.id);
    expect(ids.length).to.be.greaterThan(30);
    expect(new Set(ids).size).to.equal(ids.length);
  });

  it("never shows the previous patient's notes after a switch, and updates live for the bound patient", async () => {
    const store = await storeWith([...(await augustusResources()), await xcdaDocument()]);
    const el = await notesIn(store, AUGUSTUS);
    expect(text(el)).to.contain('OVERLAND PARK');
    el.patientId = 'xcda';
    await el.updateComplete;
    expect(text(el)).to.not.contain('OVERLAND PARK');
    expect(text(el)).to.not.contain('Bobbye345');
    await loaded(el);
    expect(noteOf(el, 'DocumentReference/example')).to.not.equal(null);
    const composition = await mixedComposition();
    await store.create({ ...composition, id: undefined, subject: { reference: 'Patient/xcda' } });
    await waitUntil(() => text(el).includes('Discharge Summary (Neonatal Service)'), 'the new note never showed');
  });

  it("shows none of another patient's notes, an error instead, and fires cw-context-mismatch, when the store answers for the wrong patient", async () => {
    const inner = await storeWith([...(await augustusResources()), await xcdaDocument()]);
    // a broken store: every DocumentReference search answers with Augustus's notes
    const store = new Proxy(inner, {
      get(target, property, receiver) {
        if (property === 'search') {
          return (type: string, query: object, ...rest: unknown[]) =>
            (target.search as (...args: unknown[]) => Promise<unknown>).call(target, type, type === 'DocumentReference' ? { ...query, patient: `Patient/${AUGUSTUS}` } : query, ...rest);
        }
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    }) as ChartStore;
    const onMismatch = spy();
    document.addEventListener('cw-context-mismatch', onMismatch);
    try {
      const el = await notesIn(store, 'xcda');
      expect(text(el)).to.not.contain('History and physical note');
      expect(text(el)).to.contain('belongs to a different patient');
      expect(el.hasCustomState('error')).to.equal(true);
      expect(onMismatch.calledOnce).to.equal(true);
      expect(onMismatch.firstCall.args[0].detail).to.deep.equal({ patientId: 'xcda', found: [`Patient/${AUGUSTUS}`] });
      await expect(el).to.be.accessible();
    } finally {
      document.removeEventListener('cw-context-mismatch', onMismatch);
    }
  });

  describe('hostile record text', () => {
    // script tags, event handler attributes, javascript: and data: URLs, SVG and MathML with script, srcdoc iframes, CSS expression()/url() in style attributes, objects, embeds, forms
    const ATTACK = [
      '<script>window.cwXss++</script>',
      '<img src=x onerror="window.cwXss++">',
      '<svg onload="window.cwXss++"><script>window.cwXss++</script></svg>',
      '<a href="javascript:window.cwXss++">j</a>',
      '<a href=" JaVaScRiPt:window.cwXss++">j2</a>',
      '<iframe srcdoc="<script>parent.cwXss++</script>"></iframe>',
      '<div style="background:url(javascript:window.cwXss++);width:expression(window.cwXss++)">css</div>',
      '<a href="data:text/html;base64,PHNjcmlwdD5wYXJlbnQuY3dYc3MrKzwvc2NyaXB0Pg==">d</a>',
      '<object data="javascript:window.cwXss++"></object><embed src="javascript:window.cwXss++">',
      '<form action="javascript:window.cwXss++"><button formaction="javascript:window.cwXss++">f</button></form>',
      '<math><mi xlink:href="javascript:window.cwXss++">m</mi></math>',
      '<style>@import "javascript:window.cwXss++";</style>',
      '<details open ontoggle="window.cwXss++">t</details>',
      '<p onclick="window.cwXss++" id="heading" aria-hidden="true" class="x">kept words</p>',
      '<a href="https://example.org/safe">safe link</a>',
    ].join('');
    const base64 = (value: string) => btoa(value);

    async function hostileNotes() {
      const patient: Patient = { resourceType: 'Patient', id: 'p1', name: [{ family: 'Hostile' }] };
      const encounter: Encounter = {
        resourceType: 'Encounter',
        id: 'e1',
        status: 'finished',
        class: { system: 'http://example.org/class', code: 'X', display: ATTACK },
        type: [{ text: ATTACK }],
        subject: { reference: 'Patient/p1' },
        participant: [{ type: [{ text: ATTACK }], individual: { display: ATTACK } }],
        period: { start: '2024-03-01T10:00:00Z', end: '2024-03-01T10:30:00Z' },
        location: [{ location: { display: ATTACK } }],
        reasonCode: [{ text: ATTACK }],
        serviceProvider: { display: ATTACK },
      };
      const document: DocumentReference = {
        resourceType: 'DocumentReference',
        id: 'd1',
        status: 'current',
        description: ATTACK,
        type: { text: ATTACK },
        subject: { reference: 'Patient/p1' },
        date: '2024-03-01T10:30:00Z',
        author: [{ display: ATTACK }],
        context: { encounter: [{ reference: 'Encounter/e1' }] },
        content: [
          { attachment: { contentType: 'text/html', title: ATTACK, data: base64(ATTACK) } },
          { attachment: { contentType: 'text/plain', title: ATTACK, data: base64(ATTACK) } },
          { attachment: { contentType: 'application/x-evil', title: ATTACK, data: base64(ATTACK) } },
        ],
      };
      const composition: Composition = {
        resourceType: 'Composition',
        id: 'c1',
        status: 'final',
        type: { text: ATTACK },
        subject: { reference: 'Patient/p1' },
        date: '2024-03-02T10:30:00Z',
        author: [{ display: ATTACK }],
        title: ATTACK,
        section: [{ title: ATTACK, text: { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">${ATTACK}</div>` } }],
      };
      const win = window as unknown as { cwXss?: number };
      win.cwXss = 0;
      const el = await notesIn(await storeWith([patient, encounter, document, composition]), 'p1');
      for (const toggle of shadow(el).querySelectorAll<HTMLButtonElement>('[part="toggle"]')) toggle.click();
      await el.updateComplete;
      await new Promise((resolve) => setTimeout(resolve, 100));
      return { el, win };
    }

    it('runs none of it, in any field', async () => {
      const { el, win } = await hostileNotes();
      expect(win.cwXss).to.equal(0);
      // and the text still shows
      expect(text(el)).to.contain('kept words');
    });

    it('lets nothing dangerous reach the DOM: no script, frame, plug-in, form, SVG or MathML, no handler, style or unsafe URL', async () => {
      const { el } = await hostileNotes();
      const root = shadow(el);
      expect(root.querySelectorAll('script, iframe, frame, object, embed, form, button[formaction], img, style, link, meta, details, math, base')).to.have.length(0);
      // the only SVG are the element's own icons
      expect([...root.querySelectorAll('svg')].every((svg) => svg.classList.contains('icon') && svg.querySelector('script') === null)).to.equal(true);
      const attributes = [...root.querySelectorAll('*')].flatMap((node) => [...node.attributes].map((attribute) => [attribute.name.toLowerCase(), attribute.value] as const));
      expect(attributes.filter(([name]) => name.startsWith('on') || name === 'srcdoc' || name === 'formaction' || name === 'xlink:href')).to.deep.equal([]);
      expect(attributes.filter(([name]) => name === 'style')).to.deep.equal([]);
      expect(attributes.filter(([name, value]) => (name === 'href' || name === 'src' || name === 'action') && !/^(?:https?|mailto|tel):/i.test(value))).to.deep.equal([]);
      // the note's own markup cannot take the widget's ids, classes or ARIA
      const html = [...root.querySelectorAll('.html')];
      expect(html.length).to.equal(2);
      for (const part of html) {
        expect(part.querySelector('[id], [class], [aria-hidden]')).to.equal(null);
        expect(squash(part.textContent)).to.contain('kept words');
      }
      // the one safe link is kept (once per HTML part), and opens in a context that cannot reach the page
      const links = [...root.querySelectorAll('a[href]')];
      expect(links.map((a) => a.getAttribute('href'))).to.deep.equal(['https://example.org/safe', 'https://example.org/safe']);
      expect(links.every((a) => a.getAttribute('rel') === 'noopener noreferrer' && a.getAttribute('target') === '_blank')).to.equal(true);
      // the javascript: and data: links are inert: their words stay, with no href and no target
      const inert = [...root.querySelectorAll('a:not([href])')];
      expect(inert.map((a) => a.textContent)).to.deep.equal(['j', 'j2', 'd', 'j', 'j2', 'd']);
      expect(inert.every((a) => a.attributes.length === 0)).to.equal(true);
      // the link hook is on Chartwell's own DOMPurify instance: the page's DOMPurify is untouched
      expect(DOMPurify.sanitize('<a href="https://example.org/">x</a>')).to.equal('<a href="https://example.org/">x</a>');
      await expect(el).to.be.accessible();
    });

    it('shows every recorded field as the very text recorded', async () => {
      const { el } = await hostileNotes();
      const root = shadow(el);
      const visit = visits(el)[0]!;
      expect(visit.querySelector('.visit-type')!.textContent).to.equal(ATTACK);
      expect(visit.querySelector('.badge.class')!.textContent).to.equal(ATTACK);
      expect(visit.querySelector('.detail.participants dd')!.textContent).to.equal(`${ATTACK} (${ATTACK})`);
      expect(visit.querySelector('.detail.location dd')!.textContent).to.equal(ATTACK);
      expect(visit.querySelector('.detail.reason dd')!.textContent).to.equal(ATTACK);
      expect(visit.querySelector('.detail.service-provider dd')!.textContent).to.equal(ATTACK);
      for (const reference of ['DocumentReference/d1', 'Composition/c1']) {
        const note = noteOf(el, reference);
        expect(note.querySelector('[part="note-heading"]')!.textContent).to.equal(ATTACK);
        expect(note.querySelector('.detail.type dd')!.textContent).to.equal(ATTACK);
        expect(note.querySelector('.detail.author dd')!.textContent).to.equal(ATTACK);
        expect(note.querySelector('.part-title')!.textContent).to.equal(ATTACK);
      }
      // the text/plain part: the markup shown as text, whitespace and all
      expect(noteOf(el, 'DocumentReference/d1').querySelector('.text')!.textContent).to.equal(ATTACK);
      // the unknown type is named, not rendered
      expect(squash(noteOf(el, 'DocumentReference/d1').querySelector('.unavailable')!.textContent)).to.equal(`Not shown here: application/x-evil, ${ATTACK.length} bytes`);
      // the type filter offers the type as text
      expect([...root.querySelectorAll('[part="type-filter"] option')].map((option) => option.textContent)).to.include(ATTACK);
    });
  });
});
