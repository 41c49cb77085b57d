import { html, nothing } from 'lit';
import { formatInstant } from '@chartwell/core';
import type { DateStyle, TimeStyle } from '@chartwell/core';
import { staleIcon } from './icons.js';
import type { DataStateI18n } from './chart-data-element.js';

/** What the "Data as of … · source" line says. */
export interface AsOfLine {
  /** When the store answered (epoch milliseconds). */
  readonly loadedAt: number;
  /** The store's name (`info.label`, else the widget's default source). */
  readonly source: string;
  /** The data may be out of date: offline with a remote store, or a failed refresh. */
  readonly stale: boolean;
  /** The last refresh failed (the earlier data is on screen): says so and offers `retry`. */
  readonly failed: boolean;
  readonly retry: () => void;
  readonly strings: DataStateI18n;
  readonly locale: string;
  readonly timeZone: string;
  readonly dateStyle: DateStyle;
  readonly timeStyle: TimeStyle | undefined;
}

/**
 * The "Data as of <time> · <source>" line every data widget ends with, in the clinic's zone and
 * styles; styled (`.stale`) and announced (`role=status`) when the data may be out of date, with a
 * retry after a failed refresh.
 */
export function renderAsOfLine(line: AsOfLine): unknown {
  const { stale, failed, strings } = line;
  const when = formatInstant(new Date(line.loadedAt).toISOString(), {
    locale: line.locale,
    timeZone: line.timeZone,
    style: line.dateStyle,
    ...(line.timeStyle && { timeStyle: line.timeStyle }),
  });
  return html`<p part="as-of" class=${stale ? 'as-of stale' : 'as-of'} role=${stale ? 'status' : nothing}>
    ${stale ? html`${staleIcon()}<strong>${failed ? strings.refreshFailed : strings.offline}</strong> ` : nothing}<span>${strings.asOf(when, line.source)}</span>${failed
      ? html` <button type="button" part="retry" @click=${line.retry}>${strings.retry}</button>`
      : nothing}
  </p>`;
}
