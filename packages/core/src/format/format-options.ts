/**
 * What every formatter that depends on place or time takes: the locale (a BCP 47 tag such as
 * `en-GB`) and the IANA time zone instants are shown in (`Europe/London`). Nothing is read from
 * the machine running the code, so the same record reads the same everywhere.
 *
 * @category Formatting
 */
export interface FormatOptions {
  /** BCP 47 language tag: `en-US`, `en-GB`, `de-DE`. */
  readonly locale: string;
  /** IANA time zone name: `America/New_York`, `Europe/Berlin`, `UTC`. */
  readonly timeZone: string;
}

/**
 * How dates are written. `clinical`: the NHS clinical style, the same in every locale:
 * `04-Apr-1972`, with 24-hour `HH:mm` times. `locale`: the locale's own medium style
 * (`Apr 4, 1972` in en-US, `4 Apr 1972` in en-GB, `04.04.1972` in de-DE) and its own clock.
 *
 * @category Formatting
 */
export type DateStyle = 'clinical' | 'locale';

/**
 * How times of day are written. `24h`: the 24-hour clock (`14:05`, midnight `00:00`), in any
 * locale. `locale`: the locale's own short time (`2:05 PM` in en-US, `14:05` in de-DE). When not
 * given, it follows the {@link DateStyle}: `24h` with `clinical` dates, `locale` with `locale` dates.
 *
 * @category Formatting
 */
export type TimeStyle = 'locale' | '24h';

/**
 * What a missing date or value reads as: never blank, never `?`.
 *
 * @category Formatting
 */
export const NOT_RECORDED = 'Not recorded';
