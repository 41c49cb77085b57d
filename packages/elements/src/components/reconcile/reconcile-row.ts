import { html, nothing } from 'lit';
import type { ReconcileDecision, ReconcileStatus } from '@chartwell/interop/reconcile';
import type { ReconcileRow, ReconcileSide } from './reconcile-data.js';
import type { ReconcileI18n } from './reconcile-i18n.js';
import { STATUS_ICONS } from './reconcile.icons.js';

/** The decisions an item of each status offers, in the order shown. */
export const DECISIONS: Readonly<Record<ReconcileStatus, readonly ReconcileDecision[]>> = {
  new: ['add', 'reject'],
  matching: ['keep', 'replace', 'merge', 'reject'],
  conflicting: ['keep', 'replace', 'merge', 'reject'],
  'local-only': [],
};

/**
 * The decision an item has before the user chooses: `add` for a new item (the review lists it
 * before anything is written), `keep` for a matching one; none for a conflicting one, which needs
 * an explicit choice, and none for an item only in the chart, which has nothing to decide.
 */
export const DEFAULT_DECISION: Readonly<Record<ReconcileStatus, ReconcileDecision | undefined>> = {
  new: 'add',
  matching: 'keep',
  conflicting: undefined,
  'local-only': undefined,
};

/** How one row is drawn: its place (for ids), its decision, and what to do on a choice. */
export interface RowView {
  readonly index: number;
  readonly decision: ReconcileDecision | undefined;
  readonly strings: ReconcileI18n;
  readonly choose: (key: string, decision: ReconcileDecision) => void;
}

function renderSide(side: ReconcileSide | undefined, heading: string, s: ReconcileI18n, kind: string) {
  if (!side) {
    return html`<div class="side absent"><h5>${heading}</h5><p>${s.notOnThisSide}</p></div>`;
  }
  const source = side.organization !== undefined ? s.sourceText(side.organization, side.system) : side.system;
  return html`<div class="side">
    <h5>${heading}</h5>
    <dl>
      <div><dt>${s.recordStatus}</dt><dd class="record-status">${side.status || s.notRecorded}</dd></div>
      ${kind === 'medication' ? html`<div><dt>${s.dose}</dt><dd class="dose">${side.dose || s.notRecorded}</dd></div>` : nothing}
      <div><dt>${s.source}</dt><dd class="source">${source}</dd></div>
      <div><dt>${s.lastUpdated}</dt><dd class="updated">${side.updated}</dd></div>
    </dl>
  </div>`;
}

/**
 * One item of the reconciliation: a labelled group with its name and status (words and icon),
 * the chart's record and the incoming one side by side, the differences of a conflict field by
 * field, and a radio group of the decisions its status allows.
 */
export function renderReconcileRow(row: ReconcileRow, view: RowView): unknown {
  const { item } = row;
  const s = view.strings;
  const id = `item-${view.index}`;
  const name = row.incoming && item.status === 'new' ? row.incoming.name : (row.local?.name ?? item.name);
  const decisions = DECISIONS[item.status];
  const undecided = item.status === 'conflicting' && view.decision === undefined;
  return html`<li part="item" class="item ${item.status}" data-key=${item.key} data-status=${item.status}><div role="group" aria-labelledby="${id}-name">
    <h4 class="item-heading">
      <span class="name" id="${id}-name">${name}</span>
      <span part="status" class="badge status ${item.status}">${STATUS_ICONS[item.status]()}${s.status[item.status]}</span>
    </h4>
    <div class="sides">${renderSide(row.local, s.localSide, s, item.kind)} ${renderSide(row.incoming, s.incomingSide, s, item.kind)}</div>
    ${item.differences.length > 0
      ? html`<p class="differences-heading"><strong>${s.differences}</strong></p>
          <ul part="differences" class="differences">
            ${item.differences.map((difference) => html`<li class="difference" data-field=${difference.field}>${s.difference(s.field[difference.field], difference.local || s.notRecorded, difference.incoming || s.notRecorded)}</li>`)}
          </ul>`
      : nothing}
    ${decisions.length === 0
      ? html`<p class="hint">${s.localOnlyKept}</p>`
      : html`<fieldset part="decision" class="decision" aria-describedby=${undecided ? `${id}-needed` : nothing}>
          <legend>${s.decisionFor(name)}</legend>
          ${decisions.map(
            // the label is the decision's name; what it does is the radio's description
            (decision) => html`<span class="choice"
              ><label><input type="radio" name=${id} value=${decision} .checked=${view.decision === decision} aria-describedby="${id}-${decision}-hint" @change=${() => view.choose(item.key, decision)} />${s.decision[decision]}</label>
              <span class="hint" id="${id}-${decision}-hint">(${s.decisionHint[decision]})</span></span
            >`,
          )}
          ${undecided ? html`<p class="needed" id="${id}-needed">${s.decisionNeeded}</p>` : nothing}
        </fieldset>`}
  </div></li>`;
}
