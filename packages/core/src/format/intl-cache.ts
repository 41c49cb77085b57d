/**
 * Cached Intl formatters with clear errors. Building an Intl formatter is slow, so one is made
 * per distinct set of options; a locale or time zone Intl does not know throws a RangeError that
 * names the option and its value (these are the caller's settings, not record data).
 * @internal
 */

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function explain(error: unknown, what: string, options: { locale: string; timeZone?: string }): never {
  const setting = options.timeZone === undefined ? `locale "${options.locale}"` : `locale "${options.locale}" or time zone "${options.timeZone}"`;
  throw new RangeError(`${what}: unsupported ${setting} (${error instanceof Error ? error.message : String(error)})`, { cause: error });
}

/**
 * A cached `Intl.DateTimeFormat`.
 * @internal
 */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions & { timeZone: string }): Intl.DateTimeFormat {
  const key = `${locale}\u0000${JSON.stringify(options)}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(locale, options);
    } catch (error) {
      explain(error, 'Date formatting', { locale, timeZone: options.timeZone });
    }
    dateTimeFormats.set(key, format);
  }
  return format;
}

/**
 * A cached `Intl.NumberFormat`.
 * @internal
 */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}\u0000${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    try {
      format = new Intl.NumberFormat(locale, options);
    } catch (error) {
      explain(error, 'Number formatting', { locale });
    }
    numberFormats.set(key, format);
  }
  return format;
}

/**
 * Formats an exact decimal string (`'0.30000000000000000001'`, `'-1234.50'`) without going
 * through a float: Intl.NumberFormat reads numeric strings exactly (ECMA-402 NumberFormat v3).
 * @internal
 */
export function formatDecimalText(format: Intl.NumberFormat, text: string): string {
  return (format.format as unknown as (value: string) => string)(text);
}

/** The wall-clock fields of an instant in a time zone. */
export interface ZonedFields {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

/**
 * The calendar date and wall-clock time an instant has in a time zone.
 * @internal
 */
export function zonedFields(epochMilliseconds: number, timeZone: string): ZonedFields {
  const format = dateTimeFormat('en-US', {
    timeZone,
    calendar: 'gregory',
    numberingSystem: 'latn',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  });
  const fields: Record<string, number> = {};
  for (const part of format.formatToParts(epochMilliseconds)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return { year: fields['year'] ?? 0, month: fields['month'] ?? 1, day: fields['day'] ?? 1, hour: fields['hour'] ?? 0, minute: fields['minute'] ?? 0 };
}
