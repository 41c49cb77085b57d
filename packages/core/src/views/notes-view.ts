import type { Attachment, CodeableConcept, Coding, Composition, CompositionSection, DocumentReference, Encounter, Period, Reference } from '@chartwell/fhir';
import { formatCodeableConcept } from '../format/codeable-concept.js';
import { NOT_RECORDED } from '../format/format-options.js';
import { searchAllPages } from '../search/all-pages.js';
import { normalizeReference } from '../search/values.js';
import { formatInstant } from '../format/instant.js';
import { formatPeriod } from '../format/period.js';
import type { ChartStore } from '../store/chart-store.js';
import { InvalidError } from '../store/errors.js';
import { attachmentBody, decodeBase64, htmlBody, type HtmlSanitizer, type NoteBody } from './attachment-text.js';
import { textOf } from '../format/text-parts.js';
import { objects } from './coded.js';
import { newestRecordedFirst } from './time-key.js';
import { itemSource, loadSourceIndex, type ItemSource, type SourceIndex } from './item-source.js';
import { resolveViewOptions, type ResolvedViewOptions, type ViewOptions } from './view-options.js';

/** Options of {@link notesView}: the view options, and the HTML sanitiser. */
export interface NotesViewOptions extends ViewOptions {
  /**
   * Sanitises HTML note bodies; pass DOMPurify in a browser. Without it (in Node, or when the host
   * passes none), HTML notes come back as plain text, never as HTML.
   */
  readonly htmlSanitizer?: HtmlSanitizer;
}

/** One part of a note: an attachment of a DocumentReference, or a section of a Composition. */
export interface NotePart {
  readonly title?: string;
  readonly contentType?: string;
  readonly language?: string;
  /** Size in bytes: the attachment's `size` as recorded, else the length of its inline data once decoded; absent when neither is known. */
  readonly size?: number;
  readonly body: NoteBody;
}

/** A clinical note: a DocumentReference or a Composition, render-ready. */
export interface NoteItem {
  readonly id: string;
  readonly resourceType: 'DocumentReference' | 'Composition';
  /** `DocumentReference/<id>` or `Composition/<id>`: what a host opens or selects. */
  readonly reference: string;
  /** `status` as recorded (DocumentReference: current, superseded, entered-in-error; Composition: preliminary, final, amended, entered-in-error). */
  readonly status: string;
  /** "Current", "Superseded", "Preliminary", "Final", "Amended", "Entered in error": never blank. */
  readonly statusLabel: string;
  /** Struck through with the words "Entered in error". */
  readonly enteredInError: boolean;
  /** DocumentReference `docStatus` (preliminary, final, amended), when recorded. */
  readonly docStatus?: string;
  readonly type?: CodeableConcept;
  /** The type in words ("History and physical note"), or "Not recorded": what a filter by note type offers. */
  readonly typeText: string;
  /** The title, else the description, else the type in words, else "Not recorded". */
  readonly title: string;
  readonly date?: string;
  /** `date` in the view's locale, zone and style; "Not recorded" when missing. */
  readonly dateText: string;
  readonly authors: readonly Reference[];
  /** Each author by name (`display`, else the reference as written); blank ones left out. */
  readonly authorNames: readonly string[];
  readonly encounterIds: readonly string[];
  readonly parts: readonly NotePart[];
  readonly source: ItemSource;
}

/** A participant of a visit. */
export interface VisitParticipant {
  readonly individual?: Reference;
  /** The individual by name (`display`, else the reference as written); absent when neither is recorded. */
  readonly name?: string;
  readonly types: readonly CodeableConcept[];
  /** Each type in words ("primary performer"), blank ones left out. */
  readonly roles: readonly string[];
  readonly period?: Period;
}

/** A location of a visit. */
export interface VisitLocation {
  readonly location: Reference;
  /** The location by name (`display`, else the reference as written), or "Not recorded". */
  readonly name: string;
  readonly status?: string;
  readonly period?: Period;
}

/** An Encounter with its notes. */
export interface VisitItem {
  readonly id: string;
  readonly status: NonNullable<Encounter['status']> | 'unknown';
  readonly statusLabel: string;
  readonly enteredInError: boolean;
  readonly class?: Coding;
  /** "Ambulatory", "Emergency", "Inpatient", "Virtual", ...: the class in words, never blank. */
  readonly classLabel: string;
  readonly types: readonly CodeableConcept[];
  /** The first type in words, or "Not recorded". */
  readonly typeText: string;
  readonly period?: Period;
  /** The period in the view's locale, zone and style. */
  readonly periodText: string;
  readonly locations: readonly VisitLocation[];
  readonly participants: readonly VisitParticipant[];
  readonly serviceProvider?: Reference;
  /** The service provider by name (`display`, else the reference as written), when recorded. */
  readonly serviceProviderName?: string;
  readonly reasonCodes: readonly CodeableConcept[];
  /** Each reason in words, blank ones left out. */
  readonly reasonTexts: readonly string[];
  /** The visit's notes, newest first. */
  readonly notes: readonly NoteItem[];
  readonly source: ItemSource;
}

/** Visits with their notes, and the notes tied to no visit in the store. */
export interface NotesView {
  readonly patientId: string;
  /** Visits, newest first (by period start). */
  readonly visits: readonly VisitItem[];
  /** Notes naming no visit, or a visit the store does not hold, newest first. */
  readonly unlinkedNotes: readonly NoteItem[];
}

const CLASS_LABELS: Readonly<Record<string, string>> = {
  AMB: 'Ambulatory',
  EMER: 'Emergency',
  FLD: 'Field',
  HH: 'Home health',
  IMP: 'Inpatient',
  ACUTE: 'Inpatient acute',
  NONAC: 'Inpatient non-acute',
  OBSENC: 'Observation',
  PRENC: 'Pre-admission',
  SS: 'Short stay',
  VR: 'Virtual',
};

const ENCOUNTER_STATUS: Readonly<Record<string, string>> = {
  planned: 'Planned',
  arrived: 'Arrived',
  triaged: 'Triaged',
  'in-progress': 'In progress',
  onleave: 'On leave',
  finished: 'Finished',
  cancelled: 'Cancelled',
  'entered-in-error': 'Entered in error',
  unknown: 'Status unknown',
};

const NOTE_STATUS: Readonly<Record<string, string>> = {
  current: 'Current',
  superseded: 'Superseded',
  preliminary: 'Preliminary',
  final: 'Final',
  amended: 'Amended',
  'entered-in-error': 'Entered in error',
};

/** A reference by name: its `display`, else the reference as written; undefined when it has neither. */
function referenceName(reference: Reference | undefined): string | undefined {
  if (typeof reference !== 'object' || reference === null) return undefined;
  return textOf(reference.display) ?? textOf(reference.reference);
}

/** The words of each concept, blank ones left out. */
const conceptTexts = (concepts: readonly CodeableConcept[] | undefined): string[] => objects(concepts).map((c) => formatCodeableConcept(c)).filter((t) => t !== '');

/** The attachment's size in bytes: `size` as recorded (a non-negative integer), else its inline data decoded. */
function attachmentSize(attachment: Attachment | undefined): number | undefined {
  const size: unknown = attachment?.size;
  if (typeof size === 'number' && Number.isInteger(size) && size >= 0) return size;
  return typeof attachment?.data === 'string' ? decodeBase64(attachment.data)?.length : undefined;
}

const withSize = (size: number | undefined) => (size === undefined ? {} : { size });
const withName = <K extends string>(key: K, name: string | undefined) => (name === undefined ? {} : ({ [key]: name } as Record<K, string>));

const idIn = (reference: Reference | undefined, type: string): string | undefined => {
  const normal = reference?.reference === undefined ? undefined : normalizeReference(reference.reference);
  return normal?.startsWith(`${type}/`) ? normal.slice(type.length + 1) : undefined;
};

function documentNote(document: DocumentReference, sanitizer: HtmlSanitizer | undefined, options: ResolvedViewOptions, sources: SourceIndex): NoteItem {
  const status = document.status ?? 'unknown';
  const firstTitle = document.content?.find((c) => c.attachment?.title)?.attachment.title;
  return {
    id: document.id ?? '',
    resourceType: 'DocumentReference',
    reference: `DocumentReference/${document.id ?? ''}`,
    status,
    statusLabel: NOTE_STATUS[status] ?? 'Status unknown',
    enteredInError: status === 'entered-in-error' || document.docStatus === 'entered-in-error',
    ...(document.docStatus !== undefined && { docStatus: document.docStatus }),
    ...(document.type !== undefined && { type: document.type }),
    typeText: formatCodeableConcept(document.type) || NOT_RECORDED,
    title: document.description ?? firstTitle ?? (formatCodeableConcept(document.type) || NOT_RECORDED),
    ...(document.date !== undefined && { date: document.date }),
    dateText: formatInstant(document.date, { locale: options.locale, timeZone: options.timeZone, style: options.dateStyle, timeStyle: options.timeStyle }),
    authors: document.author ?? [],
    authorNames: objects(document.author).map(referenceName).filter((n) => n !== undefined),
    encounterIds: (document.context?.encounter ?? []).map((e) => idIn(e, 'Encounter')).filter((e): e is string => e !== undefined),
    parts: (document.content ?? []).map((content) => ({
      ...(content.attachment?.title !== undefined && { title: content.attachment.title }),
      ...(content.attachment?.contentType !== undefined && { contentType: content.attachment.contentType }),
      ...(content.attachment?.language !== undefined && { language: content.attachment.language }),
      ...withSize(attachmentSize(content.attachment)),
      body: attachmentBody(content.attachment, sanitizer),
    })),
    source: itemSource(document, sources, options),
  };
}

function sectionParts(sections: readonly CompositionSection[] | undefined, sanitizer: HtmlSanitizer | undefined, prefix = ''): NotePart[] {
  return (sections ?? []).flatMap((section) => {
    const title = section.title === undefined ? undefined : `${prefix}${section.title}`;
    const own: NotePart[] = section.text?.div === undefined ? [] : [{ ...(title !== undefined && { title }), contentType: 'application/xhtml+xml', body: htmlBody(section.text.div, sanitizer) }];
    return [...own, ...sectionParts(section.section, sanitizer, title === undefined ? prefix : `${title} › `)];
  });
}

/** A Composition's sections, or, when it has none, its own narrative. */
function compositionParts(composition: Composition, sanitizer: HtmlSanitizer | undefined): NotePart[] {
  const sections = sectionParts(composition.section, sanitizer);
  if (sections.length > 0 || composition.text?.div === undefined) return sections;
  return [{ contentType: 'application/xhtml+xml', body: htmlBody(composition.text.div, sanitizer) }];
}

function compositionNote(composition: Composition, sanitizer: HtmlSanitizer | undefined, options: ResolvedViewOptions, sources: SourceIndex): NoteItem {
  const status = composition.status ?? 'unknown';
  const encounterId = idIn(composition.encounter, 'Encounter');
  return {
    id: composition.id ?? '',
    resourceType: 'Composition',
    reference: `Composition/${composition.id ?? ''}`,
    status,
    statusLabel: NOTE_STATUS[status] ?? 'Status unknown',
    enteredInError: status === 'entered-in-error',
    ...(composition.type !== undefined && { type: composition.type }),
    typeText: formatCodeableConcept(composition.type) || NOT_RECORDED,
    title: composition.title ?? (formatCodeableConcept(composition.type) || NOT_RECORDED),
    ...(composition.date !== undefined && { date: composition.date }),
    dateText: formatInstant(composition.date, { locale: options.locale, timeZone: options.timeZone, style: options.dateStyle, timeStyle: options.timeStyle }),
    authors: composition.author ?? [],
    authorNames: objects(composition.author).map(referenceName).filter((n) => n !== undefined),
    encounterIds: encounterId === undefined ? [] : [encounterId],
    parts: compositionParts(composition, sanitizer),
    source: itemSource(composition, sources, options),
  };
}

/**
 * The patient's visits (Encounters: class, type, period, locations, participants) with their
 * notes (DocumentReference by `context.encounter`, Composition by `encounter`), and the notes
 * tied to no visit. Note text is decoded from inline attachments: `text/plain` as text;
 * `text/html` and Composition narrative sanitised with `htmlSanitizer` (DOMPurify) when one is
 * given, else as plain text, never as raw HTML; other types and URL-only content are
 * `unavailable` with the reason. Entered-in-error visits and notes are kept and marked.
 *
 * @example
 * import DOMPurify from 'dompurify';
 * const view = await notesView(store, 'Patient/123', { htmlSanitizer: DOMPurify });
 */
export async function notesView(store: ChartStore, patientId: string, options: NotesViewOptions = {}): Promise<NotesView> {
  const id = typeof patientId === 'string' ? patientId.replace(/^Patient\//, '') : '';
  if (!/^[A-Za-z0-9\-.]{1,64}$/.test(id)) throw new InvalidError({ resourceType: 'Patient', path: 'patientId' }, `patientId must be a Patient id or Patient/<id> (got ${JSON.stringify(patientId)})`);
  const patient = `Patient/${id}`;
  const resolved = resolveViewOptions(options);
  const call = resolved.signal ? { signal: resolved.signal } : {};
  const [encounters, documents, compositions] = await Promise.all([
    searchAllPages(store, 'Encounter', { patient }, call),
    searchAllPages(store, 'DocumentReference', { patient }, call),
    searchAllPages(store, 'Composition', { patient }, call),
  ]);
  const sources = await loadSourceIndex(store, patient, resolved, [...encounters, ...documents, ...compositions]);
  const notes = [...documents.map((d) => documentNote(d, options.htmlSanitizer, resolved, sources)), ...compositions.map((c) => compositionNote(c, options.htmlSanitizer, resolved, sources))];
  const byDate = newestRecordedFirst<NoteItem>((n) => n.date);
  const encounterIds = new Set(encounters.map((e) => e.id));
  const visits: VisitItem[] = encounters.map((encounter) => {
    const status = encounter.status ?? 'unknown';
    const code = encounter.class?.code;
    const visitId = encounter.id ?? '';
    return {
      id: visitId,
      status,
      statusLabel: ENCOUNTER_STATUS[status] ?? 'Status unknown',
      enteredInError: status === 'entered-in-error',
      ...(encounter.class !== undefined && { class: encounter.class }),
      classLabel: (code !== undefined ? CLASS_LABELS[code] : undefined) ?? encounter.class?.display ?? code ?? NOT_RECORDED,
      types: encounter.type ?? [],
      typeText: formatCodeableConcept(encounter.type?.[0]) || NOT_RECORDED,
      ...(encounter.period !== undefined && { period: encounter.period }),
      periodText: formatPeriod(encounter.period, { locale: resolved.locale, timeZone: resolved.timeZone, style: resolved.dateStyle, timeStyle: resolved.timeStyle }),
      locations: objects(encounter.location).map((l) => ({ location: l.location, name: referenceName(l.location) ?? NOT_RECORDED, ...(l.status !== undefined && { status: l.status }), ...(l.period !== undefined && { period: l.period }) })),
      participants: objects(encounter.participant).map((p) => {
        const name = referenceName(p.individual);
        return { ...(p.individual !== undefined && { individual: p.individual }), ...(name !== undefined && { name }), types: p.type ?? [], roles: conceptTexts(p.type), ...(p.period !== undefined && { period: p.period }) };
      }),
      ...(encounter.serviceProvider !== undefined && { serviceProvider: encounter.serviceProvider }),
      ...withName('serviceProviderName', referenceName(encounter.serviceProvider)),
      reasonCodes: encounter.reasonCode ?? [],
      reasonTexts: conceptTexts(encounter.reasonCode),
      notes: notes.filter((n) => n.encounterIds.includes(visitId)).sort(byDate),
      source: itemSource(encounter, sources, resolved),
    };
  });
  return {
    patientId: id,
    visits: visits.sort(newestRecordedFirst((v) => v.period?.start ?? v.period?.end)),
    unlinkedNotes: notes.filter((n) => !n.encounterIds.some((e) => encounterIds.has(e))).sort(byDate),
  };
}
