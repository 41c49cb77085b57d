import type { Dosage } from '@chartwell/fhir';

const NUMBER_WORDS: Record<string, number> = {
  half: 0.5,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
};

/** Times a day, from the words of a dosage text: the first class that matches, most frequent first. */
const PER_DAY_WORDS: readonly (readonly [perDay: number, pattern: RegExp])[] = [
  [4, /\b(qid|qds|four times|4 times|4x|every 6 ?(h|hr|hrs|hours))\b/i],
  [3, /\b(tid|tds|three times|3 times|3x|every 8 ?(h|hr|hrs|hours))\b/i],
  [2, /\b(bid|bd|twice|two times|2 times|2x|every 12 ?(h|hr|hrs|hours))\b/i],
  [1, /\b(once|od|qd|daily|every day|a day|per day|each day|nightly|every 24 ?(h|hr|hrs|hours))\b/i],
];

function numbersIn(text: string): Set<number> {
  const found = new Set<number>();
  const plain = text.replace(/(\d),(\d{3})\b/g, '$1$2'); // thousands separators: 10,000 is ten thousand
  for (const match of plain.matchAll(/\d*[.,]?\d+/g)) found.add(Number(match[0].replace(',', '.')));
  for (const word of text.toLowerCase().match(/[a-z]+/g) ?? []) {
    const value = NUMBER_WORDS[word];
    if (value !== undefined) found.add(value);
  }
  return found;
}

function doseNumbers(dosage: Dosage): number[] {
  const entry = Array.isArray(dosage.doseAndRate) ? dosage.doseAndRate.find((item) => typeof item === 'object' && item !== null) : undefined;
  if (!entry) return [];
  const values = entry.doseQuantity ? [entry.doseQuantity.value] : [entry.doseRange?.low?.value, entry.doseRange?.high?.value];
  return values.filter((value): value is number => typeof value === 'number' && Number.isFinite(value));
}

function structuredPerDay(dosage: Dosage): number | undefined {
  const repeat = dosage.timing?.repeat;
  if (typeof repeat?.period !== 'number' || repeat.period <= 0 || repeat.periodMax !== undefined || repeat.frequencyMax !== undefined) return undefined;
  const frequency = typeof repeat.frequency === 'number' ? repeat.frequency : 1;
  const perDay = repeat.periodUnit === 'd' ? frequency / repeat.period : repeat.periodUnit === 'h' ? (frequency * 24) / repeat.period : undefined;
  return perDay !== undefined && Number.isInteger(perDay) ? perDay : undefined;
}

/**
 * Whether a Dosage's free `text` disagrees with its structured dose or frequency, so that a view
 * can flag the pair instead of silently showing one (clinical-widgets.md 4.2.5). A heuristic
 * that only says "disagrees" on clear evidence: the text names numbers but not the structured
 * dose, or says a different number of times a day (`bid` against once daily). A dosage with only
 * one of the two never disagrees. Never throws.
 * @internal
 */
export function dosageTextDisagrees(dosage: Dosage): boolean {
  const text = typeof dosage.text === 'string' ? dosage.text : '';
  if (text.trim() === '') return false;
  const numbers = numbersIn(text);
  const doses = doseNumbers(dosage);
  if (numbers.size > 0 && doses.some((dose) => !numbers.has(dose))) return true;
  const perDay = structuredPerDay(dosage);
  if (perDay === undefined || perDay > 4) return false;
  const said = PER_DAY_WORDS.find(([, pattern]) => pattern.test(text))?.[0];
  return said !== undefined && said !== perDay;
}
