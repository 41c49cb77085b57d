import { msg } from '@lit/localize';
import { literal, type StaticValue } from 'lit/static-html.js';

/** One section `<cw-patient-chart>` can show: the key that names it, the widget in it, and its heading. */
export interface PatientChartSection {
  /** The key in the chart's `sections` list (`medications`). */
  readonly key: string;
  /** The widget's tag, as a static literal (never text from a record or the host). */
  readonly tag: StaticValue;
  /** The tag's name, for messages and tests. */
  readonly tagName: string;
  /** The section's heading in the current text locale (called at render time, so `msg()` translates it). */
  readonly heading: () => string;
  /**
   * How the widget is bound to the chart's patient: `patient` (default) sets `patient-id`; `actor`
   * sets `actors="Patient/<id>"` and `view="agenda"` (the scheduler, showing the patient's
   * appointments week by week).
   */
  readonly binding?: 'patient' | 'actor';
}

/**
 * Every section the chart knows, by key. Adding a section is one entry here; the chart renders
 * the widget by tag with `patient-id` (or `actors`), `.store`, `locale` and `time-zone` bound.
 * `define/cw-patient-chart.js` registers the clinical sections' widgets; the practice-operations
 * ones (appointments: `define/cw-scheduler.js`, billing: `define/cw-billing-summary.js`) are the
 * host's to import. A section whose widget is not registered is left out (with a console warning
 * naming the module to import) and appears as soon as it is.
 */
export const patientChartSections: readonly PatientChartSection[] = [
  { key: 'medications', tag: literal`cw-med-list`, tagName: 'cw-med-list', heading: () => msg('Medications') },
  { key: 'problems', tag: literal`cw-problem-list`, tagName: 'cw-problem-list', heading: () => msg('Problems') },
  { key: 'results', tag: literal`cw-results`, tagName: 'cw-results', heading: () => msg('Results') },
  { key: 'notes', tag: literal`cw-notes`, tagName: 'cw-notes', heading: () => msg('Notes') },
  { key: 'appointments', tag: literal`cw-scheduler`, tagName: 'cw-scheduler', heading: () => msg('Appointments'), binding: 'actor' },
  { key: 'billing', tag: literal`cw-billing-summary`, tagName: 'cw-billing-summary', heading: () => msg('Billing') },
];

/** The sections a chart shows when none are chosen, in order. */
export const defaultPatientChartSections: readonly string[] = ['medications', 'problems', 'results', 'notes', 'appointments', 'billing'];

/** A `sections` attribute (`"medications, problems results"`: commas or spaces) as a list of keys. */
export function parseSectionKeys(value: string | null | undefined): string[] {
  return (value ?? '').split(/[\s,]+/).filter((key) => key !== '');
}
