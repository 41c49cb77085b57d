import type { CodeableConcept, Dosage, Quantity, Timing } from '@chartwell/fhir';
import { formatCodeableConcept } from './codeable-concept.js';
import { formatDecimal } from './decimal-number.js';
import { quantityUnit } from './quantity.js';
import { textOf } from './text-parts.js';
import type { FormatOptions } from './format-options.js';

const SNOMED = 'http://snomed.info/sct';

/** Routes written as people say them; other routes keep their recorded words. */
const ROUTE_PHRASES: ReadonlyMap<string, string> = new Map([
  ['26643006', 'by mouth'],
  ['37839007', 'under the tongue'],
  ['47625008', 'intravenously'],
  ['78421000', 'intramuscularly'],
  ['34206005', 'subcutaneously'],
  ['37161004', 'rectally'],
  ['16857009', 'vaginally'],
  ['6064005', 'topically'],
  ['46713006', 'nasally'],
  ['45890007', 'transdermally'],
  ['447694001', 'by inhalation'],
  ['18679011000001101', 'by inhalation'],
]);

const UNIT_WORDS: Record<string, [singular: string, plural: string]> = {
  s: ['second', 'seconds'],
  min: ['minute', 'minutes'],
  h: ['hour', 'hours'],
  d: ['day', 'days'],
  wk: ['week', 'weeks'],
  mo: ['month', 'months'],
  a: ['year', 'years'],
};

const PER_UNIT: Record<string, string> = { s: 'every second', min: 'every minute', h: 'hourly', d: 'daily', wk: 'weekly', mo: 'monthly', a: 'yearly' };

const WHEN_PHRASES: Record<string, string> = {
  MORN: 'in the morning',
  AFT: 'in the afternoon',
  EVE: 'in the evening',
  NIGHT: 'at night',
  HS: 'at bedtime',
  WAKE: 'on waking',
  AC: 'before meals',
  PC: 'after meals',
  C: 'with meals',
  ACM: 'before breakfast',
  ACD: 'before lunch',
  ACV: 'before dinner',
  CM: 'with breakfast',
  CD: 'with lunch',
  CV: 'with dinner',
  PCM: 'after breakfast',
  PCD: 'after lunch',
  PCV: 'after dinner',
};

const TIMES = ['', 'once', 'twice', 'three times', 'four times', 'five times', 'six times'];


/** A dose unit as recorded, with `/` read out as `per` (NHS MEDi-045: no `/` in a medication line). */
function doseUnit(quantity: Quantity | undefined): string {
  return quantityUnit(quantity).replace(/\s*\/\s*/g, ' per ');
}

function amount(quantity: Quantity | undefined, options: Pick<FormatOptions, 'locale'>): string {
  const number = formatDecimal(quantity?.value, options);
  if (number === '') return '';
  const unit = doseUnit(quantity);
  return unit === '' ? number : `${number} ${unit}`;
}

/**
 * The structured dose of a Dosage: `1 tablet`, `1–2 TAB`, `5 mg`, `0.5 mL`; the number alone
 * when there is no unit; `''` when no dose is structured. Never throws.
 *
 * @category Formatting
 */
export function formatDose(dosage: Dosage, options: Pick<FormatOptions, 'locale'>): string {
  const doseAndRate = Array.isArray(dosage.doseAndRate) ? dosage.doseAndRate.find((entry) => typeof entry === 'object' && entry !== null) : undefined;
  if (!doseAndRate) return '';
  if (doseAndRate.doseQuantity) return amount(doseAndRate.doseQuantity, options);
  const range = doseAndRate.doseRange;
  if (range) {
    const low = formatDecimal(range.low?.value, options);
    const high = formatDecimal(range.high?.value, options);
    const unit = doseUnit(range.high) || doseUnit(range.low);
    const numbers = low !== '' && high !== '' ? `${low}–${high}` : low !== '' ? `at least ${low}` : high !== '' ? `up to ${high}` : '';
    if (numbers === '') return '';
    return unit === '' ? numbers : `${numbers} ${unit}`;
  }
  return '';
}

function routePhrase(route: CodeableConcept | undefined): string {
  if (typeof route !== 'object' || route === null) return '';
  for (const coding of Array.isArray(route.coding) ? route.coding : []) {
    if (coding?.system === SNOMED && typeof coding.code === 'string') {
      const phrase = ROUTE_PHRASES.get(coding.code);
      if (phrase) return phrase;
    }
  }
  return formatCodeableConcept(route);
}

function span(value: number | undefined, max: number | undefined, options: Pick<FormatOptions, 'locale'>): string {
  const low = formatDecimal(value, options);
  const high = formatDecimal(max, options);
  return high !== '' && high !== low ? `${low}–${high}` : low;
}

/** `twice daily`, `every 8 hours`, `3 times weekly`, `every 4–6 hours`. */
function frequencyPhrase(timing: Timing, options: Pick<FormatOptions, 'locale'>): string {
  const repeat = timing.repeat;
  if (typeof repeat !== 'object' || repeat === null) return formatCodeableConcept(timing.code);
  const frequency = typeof repeat.frequency === 'number' ? repeat.frequency : undefined;
  const period = typeof repeat.period === 'number' ? repeat.period : undefined;
  const unit = typeof repeat.periodUnit === 'string' ? repeat.periodUnit : undefined;
  const words = unit ? UNIT_WORDS[unit] : undefined;
  if (period === undefined || !unit || !words) return frequency === undefined ? formatCodeableConcept(timing.code) : '';
  const times = frequency ?? 1;
  const hasMax = typeof repeat.frequencyMax === 'number' && repeat.frequencyMax !== times;
  if (period === 1 && repeat.periodMax === undefined) {
    if (times === 1 && !hasMax && (unit === 's' || unit === 'min' || unit === 'h')) return `every ${words[0]}`;
    if (hasMax) return `${span(times, repeat.frequencyMax, options)} times ${PER_UNIT[unit] ?? ''}`.trim();
    return `${TIMES[times] ?? `${formatDecimal(times, options)} times`} ${PER_UNIT[unit] ?? ''}`.trim();
  }
  if (times === 1 && !hasMax) {
    const every = span(period, repeat.periodMax, options);
    return `every ${every} ${every === '1' ? words[0] : words[1]}`;
  }
  const count = hasMax ? `${span(times, repeat.frequencyMax, options)} times` : (TIMES[times] ?? `${formatDecimal(times, options)} times`);
  return `${count} every ${span(period, repeat.periodMax, options)} ${words[1]}`;
}

function whenPhrase(timing: Timing): string {
  const when = timing.repeat?.when;
  if (!Array.isArray(when)) return '';
  return when
    .map((code) => (typeof code === 'string' ? WHEN_PHRASES[code] : undefined))
    .filter((phrase) => phrase !== undefined)
    .join(' and ');
}

function durationPhrase(timing: Timing, options: Pick<FormatOptions, 'locale'>): string {
  const bounds = timing.repeat?.boundsDuration;
  const value = formatDecimal(bounds?.value, options);
  if (value === '') return '';
  const words = typeof bounds?.code === 'string' ? UNIT_WORDS[bounds.code] : undefined;
  const unit = words ? (value === '1' ? words[0] : words[1]) : (textOf(bounds?.unit) ?? '');
  return `for ${value}${unit === '' ? '' : ` ${unit}`}`;
}

function asNeededPhrase(dosage: Dosage): string {
  const reason = formatCodeableConcept(dosage.asNeededCodeableConcept);
  if (reason !== '') return `as needed for ${reason}`;
  return dosage.asNeededBoolean === true ? 'as needed' : '';
}

/**
 * A structured Dosage as one readable line, in the order dose — route — frequency — time of day —
 * duration — as needed: `1 tablet by mouth twice daily`, `10 mL by mouth every 8 hours for 7
 * days as needed for pain`. Numbers follow {@link formatDecimal} (`0.5`, never `.5`; `5`, never
 * `5.0`); units and reasons keep their recorded words; `/` in a unit reads `per`. A dose without
 * a unit is the number alone. `''` when nothing is structured (the caller then shows `text`);
 * `text` itself is not read here. Never throws.
 *
 * @example
 * formatDosage({ doseAndRate: [{ doseQuantity: { value: 1, unit: 'tablet' } }], route: { coding: [{ system: 'http://snomed.info/sct', code: '26643006' }] },
 *   timing: { repeat: { frequency: 2, period: 1, periodUnit: 'd' } } }, { locale: 'en-GB' }); // '1 tablet by mouth twice daily'
 *
 * @category Formatting
 */
export function formatDosage(dosage: Dosage | undefined, options: Pick<FormatOptions, 'locale'>): string {
  if (typeof dosage !== 'object' || dosage === null) return '';
  const timing = typeof dosage.timing === 'object' && dosage.timing !== null ? dosage.timing : undefined;
  return [
    formatDose(dosage, options),
    routePhrase(dosage.route),
    timing ? frequencyPhrase(timing, options) : '',
    timing ? whenPhrase(timing) : '',
    timing ? durationPhrase(timing, options) : '',
    asNeededPhrase(dosage),
  ]
    .filter((part) => part !== '')
    .join(' ');
}
