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
}

/**
 * Every section the chart knows, by key. Adding a section is one entry here (and its define
 * import where the tag is registered); the chart renders the widget by tag with `patient-id`,
 * `.store`, `locale` and `time-zone` bound. `results` and `notes` name their widgets' tags even
 * when those are not registered on the page: an unregistered tag renders as an empty element.
 */
export const patientChartSections: readonly PatientChartSection[] = [
  { key: 'medications', tag: literal`cw-med-list`, tagName: 'cw-med-list', heading: () => msg('Medications') },
  { key: 'problems', tag: literal`cw-problem-list`, tagName: 'cw-problem-list', heading: () => msg('Problems') },
  { key: 'results', tag: literal`cw-results`, tagName: 'cw-results', heading: () => msg('Results') },
  { key: 'notes', tag: literal`cw-notes`, tagName: 'cw-notes', heading: () => msg('Notes') },
];

/** The sections a chart shows when none are chosen, in order. */
export const defaultPatientChartSections: readonly string[] = ['medications', 'problems', 'results', 'notes'];

/** A `sections` attribute (`"medications, problems results"`: commas or spaces) as a list of keys. */
export function parseSectionKeys(value: string | null | undefined): string[] {
  return (value ?? '').split(/[\s,]+/).filter((key) => key !== '');
}
