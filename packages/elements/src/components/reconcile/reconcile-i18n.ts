import { msg, str } from '@lit/localize';
import type { ReconcileDecision, ReconcileDifference, ReconcileKind, ReconcileStatus } from '@chartwell/interop/reconcile';
import { defaultDataStateI18n, type DataStateI18n } from '../../internal/chart-data-element.js';

/** Every built-in string of `<cw-reconcile>`, for translation. */
export interface ReconcileI18n extends DataStateI18n {
  /** The widget's heading (and the region's name). */
  heading: string;
  /** Says where the incoming records come from. */
  incomingFrom: (source: string) => string;
  /** What the incoming records are called when they name no organisation or system. */
  incomingName: string;
  /** Shown when no incoming record was given. */
  nothingIncoming: string;
  /** Shown when the incoming records hold no medication, allergy or problem. */
  nothingToReconcile: string;
  /** The heading of each group, with its number of items. */
  group: Record<ReconcileKind, (count: number) => string>;
  /** Shown in a group without items. */
  emptyGroup: Record<ReconcileKind, string>;
  /** Status words (always shown with an icon). */
  status: Record<ReconcileStatus, string>;
  /** The headings of the two sides of an item. */
  localSide: string;
  incomingSide: string;
  /** Shown on the side an item does not have. */
  notOnThisSide: string;
  /** Labels of a side's details. */
  recordStatus: string;
  dose: string;
  source: string;
  lastUpdated: string;
  /** A source: organisation and system. */
  sourceText: (organization: string, system: string) => string;
  /** Shown for a value that is not recorded. */
  notRecorded: string;
  /** The heading of a conflict's differences. */
  differences: string;
  /** A difference: the field, the chart's value and the incoming value. */
  difference: (field: string, local: string, incoming: string) => string;
  /** The names of the fields that can differ. */
  field: Record<ReconcileDifference['field'], string>;
  /** The legend of an item's decision group. */
  decisionFor: (name: string) => string;
  /** The decisions, as the radio buttons say them. */
  decision: Record<ReconcileDecision, string>;
  /** What a decision does, said under each radio button. */
  decisionHint: Record<ReconcileDecision, string>;
  /** Said for an item only in the chart: nothing to decide. */
  localOnlyKept: string;
  /** Said on a conflicting item until a decision is chosen. */
  decisionNeeded: string;
  /** The button to the review step. */
  review: string;
  /** Said when review is asked for while conflicts have no decision. */
  undecided: (count: number) => string;
  /** The review step's heading. */
  reviewHeading: string;
  /** A decision's count on the review step. */
  reviewCount: Record<ReconcileDecision, (count: number) => string>;
  /** Said on the review step when nothing will be written. */
  nothingToWrite: string;
  back: string;
  confirm: string;
  /** Said while the decisions are written. */
  saving: string;
  /** Said when writing failed: nothing was written and the decisions are kept. */
  saveFailed: string;
  /** The heading of the success summary. */
  doneHeading: string;
  /** The success summary: records written and their Provenance. */
  done: (written: number, provenance: number) => string;
}

/** The defaults of {@link ReconcileI18n} in the current text locale (`@lit/localize`). */
export const defaultReconcileI18n = (): ReconcileI18n => ({
  ...defaultDataStateI18n(),
  loading: msg('Loading the chart to reconcile…'),
  heading: msg('Reconcile incoming records'),
  incomingFrom: (source) => msg(str`Incoming records from ${source}`),
  incomingName: msg('Incoming records'),
  nothingIncoming: msg('No incoming records to reconcile.'),
  nothingToReconcile: msg('The incoming records hold no medications, allergies or problems: nothing to reconcile.'),
  group: {
    medication: (count) => msg(str`Medications (${count})`),
    allergy: (count) => msg(str`Allergies (${count})`),
    problem: (count) => msg(str`Problems (${count})`),
  },
  emptyGroup: {
    medication: msg('No medications in either source.'),
    allergy: msg('No allergies in either source.'),
    problem: msg('No problems in either source.'),
  },
  status: {
    new: msg('New: not in this chart'),
    matching: msg('Matches the chart'),
    conflicting: msg('Conflicts with the chart'),
    'local-only': msg('Only in this chart'),
  },
  localSide: msg('In this chart'),
  incomingSide: msg('Incoming'),
  notOnThisSide: msg('Not recorded here'),
  recordStatus: msg('Status'),
  dose: msg('Dose'),
  source: msg('Source'),
  lastUpdated: msg('Last updated'),
  sourceText: (organization, system) => msg(str`${organization} (${system})`),
  notRecorded: msg('Not recorded'),
  differences: msg('Differences'),
  difference: (field, local, incoming) => msg(str`${field}: ${local} in this chart, ${incoming} incoming`),
  field: {
    status: msg('Status'),
    dose: msg('Dose'),
    clinicalStatus: msg('Clinical status'),
    verificationStatus: msg('Verification status'),
    criticality: msg('Criticality'),
  },
  decisionFor: (name) => msg(str`Decision for ${name}`),
  decision: { add: msg('Add'), keep: msg('Keep'), replace: msg('Replace'), merge: msg('Merge'), reject: msg('Reject') },
  decisionHint: {
    add: msg('add the incoming record to the chart'),
    keep: msg('keep the chart’s record as it is'),
    replace: msg('the incoming record replaces the chart’s'),
    merge: msg('the chart’s record gains what only the incoming one has'),
    reject: msg('set the incoming record aside'),
  },
  localOnlyKept: msg('Only in this chart: kept as it is.'),
  decisionNeeded: msg('Choose a decision: the records disagree.'),
  review: msg('Review'),
  undecided: (count) => msg(str`Choose a decision for every conflicting item first (${count} left).`),
  reviewHeading: msg('Review what will be written'),
  reviewCount: {
    add: (count) => msg(str`Add: ${count}`),
    keep: (count) => msg(str`Keep: ${count}`),
    replace: (count) => msg(str`Replace: ${count}`),
    merge: (count) => msg(str`Merge: ${count}`),
    reject: (count) => msg(str`Reject: ${count}`),
  },
  nothingToWrite: msg('Nothing will be written: every decision keeps the chart as it is.'),
  back: msg('Back'),
  confirm: msg('Confirm'),
  saving: msg('Writing the decisions…'),
  saveFailed: msg('The decisions could not be written. Nothing was changed, and your decisions are kept: try again.'),
  doneHeading: msg('Reconciliation written'),
  done: (written, provenance) => msg(str`${written} records written to the chart, each with its Provenance (${provenance}).`),
});
