import type { AbortSignalLike } from '../store/chart-store.js';
import type { DateStyle, TimeStyle } from '../format/format-options.js';

/**
 * Options every chart view takes. The view's display strings are written in `locale` and
 * `timeZone` (defaults: `en-US`, `UTC`); pass the host's own, as `<cw-chart-provider>` does.
 *
 * @category Views
 */
export interface ViewOptions {
  /** BCP 47 language tag for dates and numbers; default `en-US`. */
  readonly locale?: string;
  /** IANA time zone instants are shown in, and "today" is taken in; default `UTC`. */
  readonly timeZone?: string;
  /** `clinical` (default, `04-Apr-1972 14:05`) or `locale`. */
  readonly dateStyle?: DateStyle;
  /** `24h` or `locale` clock; by default the one that goes with the date style (`24h` with `clinical`). */
  readonly timeStyle?: TimeStyle;
  /** The moment the view describes (for ages and "recently stopped"); default: the clock, when the view runs. */
  readonly asOf?: Date;
  /** What to call the store when a record names no other source (`Local chart`, `Springfield HIE`); default `This chart`. */
  readonly storeName?: string;
  /** Abandons the view: store calls reject with the signal's reason, which the view rethrows. */
  readonly signal?: AbortSignalLike;
}

/** {@link ViewOptions} with the defaults filled in. */
export interface ResolvedViewOptions {
  readonly locale: string;
  readonly timeZone: string;
  readonly dateStyle: DateStyle;
  readonly timeStyle: TimeStyle;
  readonly asOf: Date;
  readonly storeName: string;
  readonly signal?: AbortSignalLike;
}

/**
 * The options with their defaults.
 * @internal
 */
export function resolveViewOptions(options: ViewOptions = {}): ResolvedViewOptions {
  return {
    locale: options.locale ?? 'en-US',
    timeZone: options.timeZone ?? 'UTC',
    dateStyle: options.dateStyle ?? 'clinical',
    timeStyle: options.timeStyle ?? (options.dateStyle === 'locale' ? 'locale' : '24h'),
    asOf: options.asOf ?? new Date(),
    storeName: options.storeName ?? 'This chart',
    ...(options.signal && { signal: options.signal }),
  };
}
