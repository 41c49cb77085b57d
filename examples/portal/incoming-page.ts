// The portal's "Incoming records" page (#incoming): a message or document from another
// organisation is read (readIncoming), matched to a patient of the clinic (matchPatient, with the
// reason for every field), then either added as a new patient or, once a person has confirmed the
// match, reconciled (<cw-reconcile>) and its other records added to that chart (attachToPatient).
// Every step is a separate, atomic write that says what it wrote.
import { formatCalendarDate, formatHumanName, importBundle, preferredHumanName, type ChartStore } from '@chartwell/core';
import { RECONCILABLE_TYPES, attachToPatient, matchPatient, type PatientMatchResult } from '@chartwell/interop';
import { readIncoming, type IncomingRecords } from './incoming-records.js';
import type { IncomingText } from './portal-text.js';

/** The samples the page offers, by the key of their label, and the file each is. */
export const INCOMING_SAMPLES = {
  discharge: 'discharge-summary-anthony-douglas.xml',
  lab: 'lab-result-oru-r01.hl7',
  admission: 'admission-adt-a01.hl7',
} as const;

/** What the page needs from the portal around it. */
export interface IncomingPageHost {
  /** The clinic's store, as it is now (a reset replaces it). */
  store(): ChartStore;
  /** The page's words, in the portal's language. */
  text(): IncomingText;
  /** The portal's locale, for names and dates. */
  locale(): string;
  /** Where the sample files are. */
  readonly samples: URL;
  /** The hash that opens a patient's chart. */
  chartHash(patientId: string): string;
  /** Called after anything was written, so the portal's lists refresh. */
  written(): void;
}

type Step =
  | { readonly kind: 'idle' }
  | { readonly kind: 'busy'; readonly what: 'reading' | 'matching' }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'matched'; readonly read: IncomingRecords; readonly match: PatientMatchResult }
  | { readonly kind: 'added-new'; readonly read: IncomingRecords; readonly patientId: string; readonly count: number }
  | { readonly kind: 'reconciling'; readonly read: IncomingRecords; readonly patientId: string; readonly name: string; readonly othersAdded?: number; readonly othersFailed?: string };

/** Resources that come along with the records rather than being records of the patient's care. */
const BOOKKEEPING = new Set(['Provenance', 'Composition', 'Organization', 'Practitioner', 'PractitionerRole', 'Device', 'Location', 'Medication']);

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

function element<K extends keyof HTMLElementTagNameMap>(tag: K, properties: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), properties);
  node.append(...children);
  return node;
}

/** The "Incoming records" page: call {@link IncomingPage.retext} when the language changes and {@link IncomingPage.reset} when the store is replaced. */
export class IncomingPage {
  private step: Step = { kind: 'idle' };
  private readonly form: HTMLFormElement;
  private readonly output: HTMLElement;
  private readonly status: HTMLElement;
  /** Kept across re-renders, so that a change of language keeps the user's choices in it. */
  private reconcile: HTMLElement | undefined;

  constructor(
    section: HTMLElement,
    private readonly host: IncomingPageHost,
  ) {
    const form = section.querySelector<HTMLFormElement>('#incoming-form');
    const output = section.querySelector<HTMLElement>('#incoming-output');
    const status = section.querySelector<HTMLElement>('#incoming-status');
    if (!form || !output || !status) throw new Error('The portal page has no #incoming-form, #incoming-output or #incoming-status');
    this.form = form;
    this.output = output;
    this.status = status;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.readAndMatch();
    });
    this.retext();
  }

  /** Redraws the page in the portal's current language. */
  retext(): void {
    const words = this.host.text();
    const select = this.form.elements.namedItem('sample');
    if (select instanceof HTMLSelectElement) {
      const chosen = select.value;
      select.replaceChildren(...(Object.keys(INCOMING_SAMPLES) as (keyof typeof INCOMING_SAMPLES)[]).map((key) => new Option(words.samples[key], key, false, key === chosen)));
    }
    this.render();
  }

  /** Forgets the current records (the store they were matched against is gone). */
  reset(): void {
    this.reconcile = undefined;
    this.step = { kind: 'idle' };
    this.render();
  }

  private set(step: Step): void {
    this.step = step;
    this.render();
  }

  /** The text to read: pasted text first, then a chosen file, then the chosen sample. */
  private async input(): Promise<string> {
    const data = new FormData(this.form);
    const pasted = String(data.get('text') ?? '').trim();
    if (pasted) return pasted;
    const file = data.get('file');
    if (file instanceof File && file.size > 0) return file.text();
    const sample = INCOMING_SAMPLES[String(data.get('sample')) as keyof typeof INCOMING_SAMPLES] ?? INCOMING_SAMPLES.discharge;
    const response = await fetch(new URL(sample, this.host.samples));
    if (!response.ok) throw new Error(`${sample}: HTTP ${response.status}`);
    return response.text();
  }

  private async readAndMatch(): Promise<void> {
    this.reconcile = undefined;
    try {
      this.set({ kind: 'busy', what: 'reading' });
      const read = readIncoming(await this.input());
      this.set({ kind: 'busy', what: 'matching' });
      const match = await matchPatient(this.host.store(), read.patient);
      this.set({ kind: 'matched', read, match });
    } catch (error) {
      this.set({ kind: 'failed', message: errorText(error) });
    }
  }

  private async continueWith(read: IncomingRecords, choice: string, name: string): Promise<void> {
    const store = this.host.store();
    try {
      if (choice === 'new') {
        const result = await importBundle(store, read.bundle);
        const patient = [...result.idMap.values()].find((reference) => reference.startsWith('Patient/'));
        this.host.written();
        this.set({ kind: 'added-new', read, patientId: (patient ?? '').slice('Patient/'.length), count: result.created + result.updated });
        return;
      }
      this.set({ kind: 'reconciling', read, patientId: choice, name });
    } catch (error) {
      this.set({ kind: 'failed', message: errorText(error) });
    }
  }

  private async addOthers(step: Extract<Step, { kind: 'reconciling' }>): Promise<void> {
    try {
      const { bundle } = attachToPatient(step.read.bundle, `Patient/${step.patientId}`, { exclude: RECONCILABLE_TYPES });
      const result = await importBundle(this.host.store(), bundle);
      this.host.written();
      this.set({ ...step, othersAdded: result.created + result.updated });
    } catch (error) {
      this.set({ ...step, othersFailed: errorText(error) });
    }
  }

  private render(): void {
    const words = this.host.text();
    const step = this.step;
    this.status.textContent = step.kind === 'busy' ? (step.what === 'reading' ? words.reading : words.matching) : step.kind === 'failed' ? words.failed(step.message) : '';
    this.form.querySelector('button[type="submit"]')?.toggleAttribute('disabled', step.kind === 'busy');
    if (step.kind === 'idle' || step.kind === 'busy' || step.kind === 'failed') {
      this.output.replaceChildren();
      return;
    }
    const parts: Node[] = [this.renderArrived(step.read)];
    if (step.kind === 'matched') parts.push(this.renderMatch(step.read, step.match));
    if (step.kind === 'added-new') {
      parts.push(element('p', { role: 'status' }, words.addedNew(step.count), ' ', element('a', { href: this.host.chartHash(step.patientId) }, words.openChart)));
    }
    if (step.kind === 'reconciling') parts.push(...this.renderReconcile(step));
    this.output.replaceChildren(...parts);
  }

  private renderArrived(read: IncomingRecords): HTMLElement {
    const words = this.host.text();
    const locale = this.host.locale();
    const name = formatHumanName(preferredHumanName(read.patient.name), { locale, style: 'banner' });
    const counts = Object.entries(read.counts).map(([type, count]) => element('li', {}, `${type}: ${count}`));
    return element(
      'section',
      { className: 'portal-incoming-arrived', ariaLabel: words.arrived },
      element('h3', {}, words.arrived),
      element('p', {}, `${words.format[read.format]} ${read.source ? words.from(read.source) : words.unknownSource}`),
      element('dl', {}, element('dt', {}, words.about), element('dd', { className: 'portal-incoming-patient' }, `${name} · ${formatCalendarDate(read.patient.birthDate, { locale })}`), element('dt', {}, words.records), element('dd', {}, element('ul', {}, ...counts))),
    );
  }

  private renderMatch(read: IncomingRecords, match: PatientMatchResult): HTMLElement {
    const words = this.host.text();
    const locale = this.host.locale();
    const form = element('form', { className: 'portal-incoming-match' });
    const fieldset = element('fieldset', {}, element('legend', {}, words.matchHeading));
    fieldset.append(element('p', {}, words.classification[match.classification]));
    const preselect = match.classification === 'match' ? match.candidates[0]?.reference : match.classification === 'no-match' ? 'new' : undefined;
    const names = new Map<string, string>();
    for (const candidate of match.candidates) {
      const id = candidate.reference.slice('Patient/'.length);
      const name = formatHumanName(preferredHumanName(candidate.patient.name), { locale, style: 'banner' });
      names.set(id, name);
      const reasons = candidate.fields
        .filter((field) => field.outcome !== 'missing')
        .map((field) => `${words.fields[field.field]}: ${words.outcome[field.outcome]}${field.reason ? ` (${field.reason})` : ''}`)
        .join('; ');
      const label = `${words.candidate(name, formatCalendarDate(candidate.patient.birthDate, { locale }), candidate.score)}${candidate.method === 'identifier' ? ` · ${words.byIdentifier}` : ''}`;
      fieldset.append(
        element(
          'label',
          { className: 'portal-incoming-candidate' },
          element('input', { type: 'radio', name: 'patient', value: id, required: true, checked: candidate.reference === preselect }),
          ' ',
          element('span', {}, label),
          element('small', {}, reasons),
        ),
      );
    }
    fieldset.append(element('label', { className: 'portal-incoming-candidate' }, element('input', { type: 'radio', name: 'patient', value: 'new', required: true, checked: preselect === 'new' }), ' ', element('span', {}, words.newPatient)));
    form.append(fieldset, element('button', { type: 'submit' }, words.continue));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const choice = new FormData(form).get('patient');
      if (typeof choice !== 'string') {
        this.status.textContent = words.chooseFirst;
        return;
      }
      void this.continueWith(read, choice, names.get(choice) ?? '');
    });
    return form;
  }

  private renderReconcile(step: Extract<Step, { kind: 'reconciling' }>): Node[] {
    const words = this.host.text();
    if (!this.reconcile) {
      this.reconcile = document.createElement('cw-reconcile');
      this.reconcile.setAttribute('patient-id', step.patientId);
      if (step.read.source) this.reconcile.setAttribute('incoming-source', step.read.source);
      (this.reconcile as HTMLElement & { incoming: unknown }).incoming = step.read.bundle;
      this.reconcile.addEventListener('cw-reconcile-complete', () => this.host.written());
    }
    const others = attachToPatient(step.read.bundle, `Patient/${step.patientId}`, { exclude: RECONCILABLE_TYPES });
    const count = Object.entries(others.counts)
      .filter(([type]) => !BOOKKEEPING.has(type))
      .reduce((sum, [, n]) => sum + (n ?? 0), 0);
    const othersPart = element('section', { className: 'portal-incoming-others' }, element('h3', {}, words.othersHeading));
    if (count === 0) othersPart.append(element('p', {}, words.noOthers));
    else if (step.othersAdded !== undefined) othersPart.append(element('p', { role: 'status' }, words.addedOthers(step.othersAdded), ' ', element('a', { href: this.host.chartHash(step.patientId) }, words.openChart)));
    else {
      const button = element('button', { type: 'button' }, words.addOthers(count));
      button.addEventListener('click', () => {
        button.disabled = true;
        void this.addOthers(step);
      });
      othersPart.append(element('p', {}, words.others(count)), button);
      if (step.othersFailed) othersPart.append(element('p', { role: 'alert' }, words.failed(step.othersFailed)));
    }
    return [element('h3', {}, words.reconcileHeading(step.name)), this.reconcile, othersPart];
  }
}
