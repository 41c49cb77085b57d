import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { msg, str } from '@lit/localize';
import { notesView } from '@chartwell/core';
import type { ResourceType } from '@chartwell/fhir';
import type { ItemSource, NoteItem, NotePart, NotesView, VisitItem } from '@chartwell/core';
import { ChartDataElement, defaultDataStateI18n } from '../../internal/chart-data-element.js';
import type { DataRequest, DataStateI18n } from '../../internal/chart-data-element.js';
import { hostStyles } from '../../internal/host.styles.js';
import { dataStateStyles } from '../../internal/data-states.styles.js';
import { notRecordedIcon } from '../../internal/icons.js';
import { CwSelectEvent } from '../../events/select-event.js';
import { amendedIcon, documentIcon, enteredInErrorIcon, preliminaryIcon, supersededIcon } from './notes.icons.js';
import { notesStyles } from './notes.styles.js';

/** Every built-in string of `<cw-notes>`, for translation. */
export interface NotesI18n extends DataStateI18n {
  /** The widget's heading (and the region's name). */
  heading: string;
  /** Shown when the patient has no visit and no note recorded; never reads as "none". */
  empty: string;
  /** Said under `empty`. */
  emptyHint: string;
  /** The label of the text filter. */
  filter: string;
  /** The label of the note type filter. */
  noteType: string;
  /** The note type filter's option that keeps every type. */
  allTypes: string;
  /** How many notes the filters keep, of how many. */
  showing: (shown: number, total: number) => string;
  /** Shown when the filters keep no note. */
  noMatch: string;
  /** Heading of the notes tied to no visit in this chart. */
  unlinked: (count: number) => string;
  /** Said in a visit that has no note. */
  visitWithoutNotes: string;
  /** Labels of a visit's details. */
  participants: string;
  location: string;
  reason: string;
  serviceProvider: string;
  /** A participant with their roles. */
  participant: (name: string, roles: string) => string;
  /** A participant recorded without a name. */
  unnamedParticipant: string;
  /** Visit classes in words, by their v3 ActCode (AMB, EMER, ...); an unknown code keeps the view's words. */
  visitClass: Record<string, string>;
  /** Visit statuses in words, by FHIR Encounter status. */
  visitStatus: Record<string, string>;
  /** Note statuses in words, by FHIR status or docStatus code. */
  noteStatus: Record<string, string>;
  /** Labels of a note's details. */
  type: string;
  author: string;
  date: string;
  /** Authors of a note when none is recorded. */
  noAuthor: string;
  /** Where a record came from (organisation and system) and when it was last updated. */
  source: (from: string, updated: string) => string;
  /** The button that shows the whole of a long note. */
  showMore: string;
  /** The button that collapses it again. */
  showLess: string;
  /** A part not shown here: its type and size (PDF, image, CDA). */
  unsupported: (type: string, size: string) => string;
  /** A part stored elsewhere (only a URL): its type and size. */
  elsewhere: (type: string, size: string) => string;
  /** A part whose text could not be decoded. */
  undecodable: (type: string) => string;
  /** A part with no content. */
  noContent: string;
  /** An unknown content type or size. */
  unknownType: string;
  unknownSize: string;
}

const defaultI18n = (): NotesI18n => ({
  ...defaultDataStateI18n(),
  loading: msg('Loading notes…'),
  heading: msg('Visits and notes'),
  empty: msg('No notes recorded'),
  emptyHint: msg('No visits or clinical notes are recorded in this chart. This does not mean there are none.'),
  filter: msg('Filter notes'),
  noteType: msg('Note type'),
  allTypes: msg('All types'),
  showing: (shown, total) => msg(str`Showing ${shown} of ${total} notes`),
  noMatch: msg('No notes match the filter.'),
  unlinked: (count) => msg(str`Notes not linked to a visit (${count})`),
  visitWithoutNotes: msg('No notes recorded for this visit.'),
  participants: msg('Participants'),
  location: msg('Location'),
  reason: msg('Reason'),
  serviceProvider: msg('Service provider'),
  participant: (name, roles) => (roles ? msg(str`${name} (${roles})`) : name),
  unnamedParticipant: msg('Name not recorded'),
  visitClass: {
    AMB: msg('Ambulatory'),
    EMER: msg('Emergency'),
    FLD: msg('Field'),
    HH: msg('Home health'),
    IMP: msg('Inpatient'),
    ACUTE: msg('Inpatient acute'),
    NONAC: msg('Inpatient non-acute'),
    OBSENC: msg('Observation'),
    PRENC: msg('Pre-admission'),
    SS: msg('Short stay'),
    VR: msg('Virtual'),
  },
  visitStatus: {
    planned: msg('Planned'),
    arrived: msg('Arrived'),
    triaged: msg('Triaged'),
    'in-progress': msg('In progress'),
    onleave: msg('On leave'),
    finished: msg('Finished'),
    cancelled: msg('Cancelled'),
    'entered-in-error': msg('Entered in error'),
    unknown: msg('Status unknown'),
  },
  noteStatus: {
    current: msg('Current'),
    superseded: msg('Superseded'),
    preliminary: msg('Preliminary'),
    final: msg('Final'),
    amended: msg('Amended'),
    'entered-in-error': msg('Entered in error'),
    unknown: msg('Status unknown'),
  },
  type: msg('Type'),
  author: msg('Author'),
  date: msg('Date'),
  noAuthor: msg('Not recorded'),
  source: (from, updated) => msg(str`Source: ${from}, updated ${updated}`),
  showMore: msg('Show full note'),
  showLess: msg('Show less'),
  unsupported: (type, size) => msg(str`Not shown here: ${type}, ${size}`),
  elsewhere: (type, size) => msg(str`Stored elsewhere: ${type}, ${size}`),
  undecodable: (type) => msg(str`The text of this part could not be read (${type}).`),
  noContent: msg('No content recorded.'),
  unknownType: msg('type not recorded'),
  unknownSize: msg('size not recorded'),
});

/** Notes longer than this (characters of text) are collapsed until expanded. */
const LONG_NOTE_CHARACTERS = 600;
/** Notes with more lines than this are collapsed until expanded. */
const LONG_NOTE_LINES = 12;

/** The statuses that get an icon and an emphasised badge (the rest are said in words only). */
const STATUS_ICONS: Readonly<Record<string, () => unknown>> = {
  'entered-in-error': enteredInErrorIcon,
  preliminary: preliminaryIcon,
  amended: amendedIcon,
  superseded: supersededIcon,
};

/** The plain text of a part (for the filter and the long-note test); HTML parts give their text. */
const partText = (part: NotePart): string => (part.body.kind === 'unavailable' ? '' : part.body.text);

/**
 * @tagname cw-notes
 * @summary A patient's visits (encounters), newest first, each with its clinical notes
 * (DocumentReference, Composition), newest first, and the notes tied to no visit. A visit shows
 * its type, class, status, period (in the provider's locale and time zone), participants,
 * location, reason and service provider; a note its title, type, authors, date, status and text.
 * Preliminary, amended, superseded and entered-in-error notes are marked by an icon and words;
 * entered-in-error notes and visits are struck through and labelled, never hidden. Note text is
 * shown safely: plain text as text (whitespace kept, wrapped); HTML only after DOMPurify with a
 * strict allow-list (links open in a new context with `rel="noopener noreferrer"`); PDFs, images
 * and documents stored elsewhere are named with their type and size, not rendered. Long notes
 * are collapsed behind a button; the notes can be filtered by text and by type. What is shown is
 * decided by `notesView` in `@chartwell/core`.
 *
 * @slot empty - Replaces the nothing-recorded wording (keep it clinical: never "none").
 *
 * @csspart base - The widget, a labelled region.
 * @csspart heading - The heading.
 * @csspart controls - The filter controls.
 * @csspart filter - The text filter.
 * @csspart type-filter - The note type select.
 * @csspart count - How many notes the filters keep.
 * @csspart visits - The list of visits.
 * @csspart visit - One visit.
 * @csspart visit-heading - A visit's heading.
 * @csspart notes - A visit's list of notes.
 * @csspart note - One note.
 * @csspart note-heading - A note's title.
 * @csspart status - A note's or visit's status badge.
 * @csspart body - A note's text.
 * @csspart toggle - The button that expands or collapses a long note.
 * @csspart unlinked - The notes tied to no visit.
 * @csspart icon - Each inline icon.
 * @csspart empty - The nothing-recorded state.
 * @csspart as-of - The "Data as of … · source" line (styled and announced as stale while the data may be out of date).
 * @csspart loading - The loading state.
 * @csspart error - The failure state.
 * @csspart retry - The button that loads the notes again.
 *
 * @cssproperty [--cw-notes-collapsed-size=12em] - Block size of a collapsed long note.
 * @cssproperty [--cw-notes-error-color=var(--cw-color-danger-text, #8c1d18)] - Colour of the entered-in-error badge.
 * @cssproperty [--cw-notes-quiet-bg=var(--cw-color-surface-quiet, #f4f4f4)] - Background of the nothing-recorded state and of note text.
 *
 * @cssstate loading - The notes are loading.
 * @cssstate error - They could not be read.
 * @cssstate restricted - Access was denied (nothing withheld is named).
 * @cssstate empty - No visit and no note recorded.
 * @cssstate stale - The data shown may be out of date (offline with a remote store, or a refresh failed).
 *
 * @fires {CwSelectEvent} cw-select - The user opened a note (expanded it); `detail.reference` is `DocumentReference/<id>` or `Composition/<id>`.
 * @fires {CwErrorEvent} cw-error - The notes could not be read; `detail.outcome` is the OperationOutcome.
 * @fires {CwContextMismatchEvent} cw-context-mismatch - The store answered with another patient's records; nothing of them is shown.
 */
export class CwNotes extends ChartDataElement<NotesView> {
  /** Styles (host rules, the shared data states, then the notes' own). */
  static override styles = [hostStyles, dataStateStyles, notesStyles];

  /** Built-in strings to override, for translation; the rest keep their defaults. */
  @property({ attribute: false }) i18n: Partial<NotesI18n> = {};

  /** The text filter: notes whose title, type, authors or text contain it (ignoring case). */
  @property() filter = '';

  /** The note type filter: a note type in words, as the type select offers them; empty for all. */
  @property({ attribute: 'note-type' }) noteType = '';

  /** Keys (`<visit>:<note reference>`) of the long notes the user expanded. */
  @state() private expanded: ReadonlySet<string> = new Set();

  /** Sanitised HTML by the view's (already sanitised) HTML, for this element's renders. */
  private readonly purified = new Map<string, string>();

  /** The sanitiser module (DOMPurify inside), loaded the first time a chart holds HTML notes. */
  private noteHtml?: typeof import('./note-html.js');

  private get strings(): NotesI18n {
    return { ...defaultI18n(), ...this.i18n };
  }

  protected override get dataStateI18n(): DataStateI18n {
    return this.strings;
  }

  protected override load({ store, patientId, options }: DataRequest): Promise<NotesView> {
    this.purified.clear();
    return this.loadNotes(store, patientId, options);
  }

  /**
   * The notes view; with the sanitiser once a note holds HTML. DOMPurify (about 11 kB gzip) loads
   * only then: without a sanitiser the view gives HTML as plain text (never as HTML), so a first
   * pass tells whether any is there, and the view runs again with the sanitiser when it is.
   */
  private async loadNotes(store: DataRequest['store'], patientId: string, options: DataRequest['options']): Promise<NotesView> {
    if (!this.noteHtml) {
      const plain = await notesView(store, patientId, options);
      if (!holdsHtml(plain)) return plain;
      this.noteHtml = await import('./note-html.js');
    }
    return notesView(store, patientId, { ...options, htmlSanitizer: this.noteHtml.noteHtmlSanitizer });
  }

  protected override watchedTypes(): readonly ResourceType[] {
    return ['Encounter', 'DocumentReference', 'Composition', 'Provenance', 'Organization'];
  }

  protected override isEmpty(view: NotesView): boolean {
    return view.visits.length === 0 && view.unlinkedNotes.length === 0;
  }

  private frame(body: unknown) {
    return html`<section part="base" class="notes-frame" aria-labelledby="heading">
      <h2 part="heading" class="heading" id="heading">${this.strings.heading}</h2>
      ${body}
    </section>`;
  }

  protected override renderLoading(): unknown {
    return this.frame(super.renderLoading());
  }

  protected override renderFailure(restricted: boolean, message: string): unknown {
    return this.frame(super.renderFailure(restricted, message));
  }

  /** Whether a note passes the text and type filters. */
  private passesFilters(note: NoteItem): boolean {
    const locale = this.effectiveLocale;
    if (this.noteType !== '' && note.typeText !== this.noteType) return false;
    const needle = this.filter.trim().toLocaleLowerCase(locale);
    if (needle === '') return true;
    return [note.title, note.typeText, ...note.authorNames, ...note.parts.map((part) => `${part.title ?? ''} ${partText(part)}`)].some((field) => field.toLocaleLowerCase(locale).includes(needle));
  }

  protected override renderData(view: NotesView): unknown {
    const s = this.strings;
    if (this.isEmpty(view)) {
      return this.frame(html`<div part="empty" class="empty">
          <slot name="empty"><p class="headline">${notRecordedIcon()}<strong>${s.empty}</strong></p>
          <p>${s.emptyHint}</p></slot>
        </div>
        ${this.renderAsOf()}`);
    }
    const allNotes = [...view.visits.flatMap((visit) => visit.notes), ...view.unlinkedNotes];
    const distinct = new Map(allNotes.map((note) => [note.reference, note]));
    const filtering = this.filter.trim() !== '' || this.noteType !== '';
    const shown = [...distinct.values()].filter((note) => this.passesFilters(note)).length;
    const collator = new Intl.Collator(this.effectiveLocale, { sensitivity: 'base' });
    // a type set by the host that no note has still shows as selected (and matches nothing)
    const types = [...new Set([...[...distinct.values()].map((note) => note.typeText), ...(this.noteType === '' ? [] : [this.noteType])])].sort((a, b) => collator.compare(a, b));
    const visits = filtering ? view.visits.filter((visit) => visit.notes.some((note) => this.passesFilters(note))) : view.visits;
    const unlinked = view.unlinkedNotes.filter((note) => this.passesFilters(note));
    return this.frame(html`
      <div part="controls" class="controls">
        <label>${s.filter} <input type="search" part="filter" .value=${this.filter} @input=${(event: Event) => (this.filter = (event.target as HTMLInputElement).value)} /></label>
        <label
          >${s.noteType}
          <select part="type-filter" @change=${(event: Event) => (this.noteType = (event.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${this.noteType === ''}>${s.allTypes}</option>
            ${types.map((type) => html`<option value=${type} ?selected=${this.noteType === type}>${type}</option>`)}
          </select>
        </label>
      </div>
      <p part="count" class="count" role="status">${filtering ? s.showing(shown, distinct.size) : nothing}</p>
      ${filtering && shown === 0 ? html`<p class="no-match">${s.noMatch}</p>` : nothing}
      ${visits.length === 0 ? nothing : html`<ol part="visits" class="visits">${visits.map((visit) => this.renderVisit(visit, filtering))}</ol>`}
      ${unlinked.length === 0
        ? nothing
        : html`<section part="unlinked" class="unlinked" aria-labelledby="unlinked-heading">
            <h3 id="unlinked-heading">${s.unlinked(unlinked.length)}</h3>
            <ol class="notes">${unlinked.map((note) => this.renderNote(note, 'unlinked'))}</ol>
          </section>`}
      ${this.renderAsOf()}
    `);
  }

  private renderVisit(visit: VisitItem, filtering: boolean) {
    const s = this.strings;
    const headingId = `visit-${this.safeId(visit.id)}`;
    const notes = filtering ? visit.notes.filter((note) => this.passesFilters(note)) : visit.notes;
    const classText = (visit.class?.code !== undefined ? s.visitClass[visit.class.code] : undefined) ?? visit.classLabel;
    const statusText = s.visitStatus[visit.status] ?? visit.statusLabel;
    const participants = visit.participants.map((p) => s.participant(p.name ?? s.unnamedParticipant, p.roles.join(', ')));
    return html`<li part="visit" class="visit ${visit.enteredInError ? 'entered-in-error' : ''}" data-id=${visit.id}>
      <article aria-labelledby=${headingId}>
        <h3 part="visit-heading" class="visit-heading" id=${headingId}><span class="visit-type">${visit.typeText}</span> <span class="period">${visit.periodText}</span></h3>
        <p class="visit-markers">
          <span class="badge class">${classText}</span>
          <span part="status" class="badge status status-${visit.status}">${visit.enteredInError ? enteredInErrorIcon() : nothing}${statusText}</span>
        </p>
        <dl class="details">
          ${this.detail(s.participants, participants, 'participants')}
          ${this.detail(s.location, visit.locations.map((l) => l.name), 'location')}
          ${this.detail(s.reason, visit.reasonTexts, 'reason')}
          ${this.detail(s.serviceProvider, visit.serviceProviderName === undefined ? [] : [visit.serviceProviderName], 'service-provider')}
        </dl>
        ${this.renderSource(visit.source)}
        ${notes.length === 0 ? html`<p class="visit-empty">${s.visitWithoutNotes}</p>` : html`<ol part="notes" class="notes">${notes.map((note) => this.renderNote(note, visit.id))}</ol>`}
      </article>
    </li>`;
  }

  private detail(label: string, values: readonly string[], key: string) {
    return values.length === 0 ? nothing : html`<div class="detail ${key}"><dt>${label}</dt><dd>${values.join('; ')}</dd></div>`;
  }

  /** An id-safe form of any string, unique per input (ids are unique within the shadow root). */
  private safeId(value: string): string {
    return value.replace(/[^A-Za-z0-9-]/g, (char) => `_${char.codePointAt(0)?.toString(16) ?? ''}`);
  }

  private toggle(key: string, note: NoteItem): void {
    const next = new Set(this.expanded);
    const opening = !next.delete(key);
    if (opening) next.add(key);
    this.expanded = next;
    if (opening) this.dispatchEvent(new CwSelectEvent({ reference: note.reference }));
  }

  private renderNote(note: NoteItem, visitId: string) {
    const s = this.strings;
    const key = `${visitId}:${note.reference}`;
    const safe = this.safeId(key);
    const text = note.parts.map(partText).join('\n');
    const long = text.length > LONG_NOTE_CHARACTERS || text.split('\n').length > LONG_NOTE_LINES;
    const open = !long || this.expanded.has(key);
    const statuses = [note.status, ...(note.docStatus !== undefined && note.docStatus !== note.status ? [note.docStatus] : [])];
    return html`<li part="note" class="note ${note.enteredInError ? 'entered-in-error' : ''}" data-reference=${note.reference}>
      <article aria-labelledby=${`title-${safe}`}>
        <h4 part="note-heading" class="note-title" id=${`title-${safe}`}>${note.title}</h4>
        <p class="note-markers">
          ${statuses.map((status) => {
            const icon = STATUS_ICONS[status];
            return html`<span part="status" class="badge status status-${status}">${icon ? icon() : nothing}${s.noteStatus[status] ?? note.statusLabel}</span>`;
          })}
        </p>
        <dl class="details">
          <div class="detail type"><dt>${s.type}</dt><dd>${note.typeText}</dd></div>
          <div class="detail author"><dt>${s.author}</dt><dd>${note.authorNames.length > 0 ? note.authorNames.join('; ') : s.noAuthor}</dd></div>
          <div class="detail date"><dt>${s.date}</dt><dd>${note.dateText}</dd></div>
        </dl>
        <div part="body" class="body ${open ? '' : 'collapsed'}" id=${`body-${safe}`}>${note.parts.map((part) => this.renderPart(part))}</div>
        ${long
          ? html`<button type="button" part="toggle" class="toggle" id=${`toggle-${safe}`} aria-expanded=${open ? 'true' : 'false'} aria-controls=${`body-${safe}`} aria-labelledby=${`toggle-${safe} title-${safe}`} @click=${() => this.toggle(key, note)}>
              ${open ? s.showLess : s.showMore}
            </button>`
          : nothing}
        ${this.renderSource(note.source)}
      </article>
    </li>`;
  }

  private renderPart(part: NotePart) {
    const s = this.strings;
    const heading = part.title === undefined ? nothing : html`<h5 class="part-title">${part.title}</h5>`;
    const body = part.body;
    const lang = part.language ?? '';
    if (body.kind === 'text') return html`${heading}<div class="text" lang=${lang || nothing}>${body.text}</div>`;
    if (body.kind === 'html') {
      // The ONLY HTML this element inserts: DOMPurify's output (sanitizeNoteHtml, strict allow-list),
      // run here at render time on HTML the view already had sanitised by the same function.
      return html`${heading}<div class="html" lang=${lang || nothing}>${unsafeHTML(this.sanitized(body.html))}</div>`;
    }
    const type = body.contentType ?? part.contentType ?? s.unknownType;
    const size = part.size === undefined ? s.unknownSize : this.formatSize(part.size);
    const words =
      body.reason === 'unsupported-type' ? s.unsupported(type, size) : body.reason === 'url-only' ? s.elsewhere(type, size) : body.reason === 'undecodable' ? s.undecodable(type) : s.noContent;
    return html`${heading}<p class="unavailable">${documentIcon()}<span>${words}</span></p>`;
  }

  /** {@link sanitizeNoteHtml} of `dirty`, once per string per load. */
  private sanitized(dirty: string): string {
    let clean = this.purified.get(dirty);
    if (clean === undefined) {
      // HTML comes only from a view that had the sanitiser, so the module is loaded; else nothing is shown
      clean = this.noteHtml?.sanitizeNoteHtml(dirty) ?? '';
      this.purified.set(dirty, clean);
    }
    return clean;
  }

  /** A size in bytes in the widget's locale: `950 bytes`, `3.7 kB`, `1.2 MB`. */
  private formatSize(bytes: number): string {
    const [value, unit] = bytes < 1000 ? [bytes, 'byte'] : bytes < 1_000_000 ? [bytes / 1000, 'kilobyte'] : [bytes / 1_000_000, 'megabyte'];
    try {
      return new Intl.NumberFormat(this.effectiveLocale, { style: 'unit', unit, unitDisplay: unit === 'byte' ? 'long' : 'short', maximumFractionDigits: 1 }).format(value);
    } catch {
      return `${bytes} B`;
    }
  }

  private renderSource(source: ItemSource) {
    const from = source.organization ? `${source.organization} (${source.system})` : source.system;
    return html`<p class="source">${this.strings.source(from, source.lastUpdatedText)}</p>`;
  }
}

/** Whether any note of the view had HTML (given as text by a view without a sanitiser). */
function holdsHtml(view: NotesView): boolean {
  const notes = [...view.visits.flatMap((visit) => visit.notes), ...view.unlinkedNotes];
  return notes.some((note) => note.parts.some((part) => part.body.kind === 'text' && part.body.fromHtml));
}
