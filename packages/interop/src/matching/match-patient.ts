import type { Identifier, Patient } from '@chartwell/fhir';
import { searchAllPages, type ChartStore, type StoreCallOptions } from '@chartwell/core';
import { demographicsOf, type Demographics } from './demographics.js';
import { jaroWinkler } from './jaro-winkler.js';
import { areNicknames, NICKNAME_GROUPS } from './nicknames.js';

/** How sure a match is: `match` (the same person), `possible-match` (a person must review it), `no-match`. */
export type MatchClass = 'match' | 'possible-match' | 'no-match';

/** A field patient matching compares. */
export type MatchField = 'identifier' | 'family' | 'given' | 'birthDate' | 'gender' | 'postalCode' | 'addressLine' | 'phone';

/** How a field compared: the same, nearly the same (a typo, day and month swapped), different, or missing on either side. */
export type FieldOutcome = 'agree' | 'partial' | 'disagree' | 'missing';

/** The points a field adds to the score when it agrees, partly agrees, and disagrees (a negative number). */
export interface FieldWeight {
  readonly agree: number;
  readonly partial: number;
  readonly disagree: number;
}

/** The weight of every field. */
export type MatchWeights = Readonly<Record<MatchField, FieldWeight>>;

/** The scores at or above which a candidate is a `match`, or a `possible-match`. */
export interface MatchThresholds {
  readonly match: number;
  readonly possible: number;
}

/**
 * The default weights, in the spirit of Fellegi–Sunter log-likelihood weights: agreement on a
 * rarely shared field (birth date, names) counts for more than on a common one (sex); a field
 * people change (address, phone) costs little when it differs; a different given name costs
 * more than a same one gains, so that twins do not match. An identifier of the same system with
 * another value (another SSN) counts hard against. Missing fields count nothing.
 */
export const DEFAULT_MATCH_WEIGHTS: MatchWeights = {
  identifier: { agree: 0, partial: 0, disagree: -5 },
  family: { agree: 4, partial: 2, disagree: -3 },
  given: { agree: 4, partial: 2, disagree: -6 },
  birthDate: { agree: 5, partial: 3, disagree: -5 },
  gender: { agree: 1, partial: 0, disagree: -3 },
  postalCode: { agree: 2, partial: 1, disagree: -1 },
  addressLine: { agree: 2, partial: 1, disagree: -1 },
  phone: { agree: 3, partial: 1, disagree: -1 },
};

/** The default thresholds: out of 21 points when every field agrees. Names, birth date and sex alone (14) make a match. */
export const DEFAULT_MATCH_THRESHOLDS: MatchThresholds = { match: 14, possible: 8 };

/** Options of {@link matchPatient} and {@link scorePatientMatch}. */
export interface MatchPatientOptions extends StoreCallOptions {
  /** Weights to use instead of the defaults, field by field. */
  readonly weights?: Partial<MatchWeights>;
  readonly thresholds?: Partial<MatchThresholds>;
  /** Groups of given names that stand for one another (normalised); default {@link NICKNAME_GROUPS}. */
  readonly nicknames?: readonly (readonly string[])[];
}

/** How one field compared, and what it added to the score. */
export interface FieldScore {
  readonly field: MatchField;
  readonly outcome: FieldOutcome;
  /** The points the field added (negative when it counted against). */
  readonly points: number;
  /** Why, in words, without patient data: `nickname`, `Jaro–Winkler 0.96`, `day and month swapped`. */
  readonly reason: string;
}

/** One stored patient compared with the candidate. */
export interface PatientMatch {
  readonly patient: Patient;
  /** `Patient/<id>`. */
  readonly reference: string;
  readonly classification: MatchClass;
  /** `identifier` when an identifier (system and value) decided it, else `probabilistic`. */
  readonly method: 'identifier' | 'probabilistic';
  /** The sum of the fields' points. */
  readonly score: number;
  /** Every field, in a fixed order, each with its outcome and points: the explanation. */
  readonly fields: readonly FieldScore[];
}

/** What {@link matchPatient} found. */
export interface PatientMatchResult {
  /**
   * The class of the best candidate; `possible-match` when more than one candidate is a match
   * (someone must choose), `no-match` when the store holds no one close.
   */
  readonly classification: MatchClass;
  /** The candidates that are a match or a possible match, best first. */
  readonly candidates: readonly PatientMatch[];
}

interface Resolved {
  readonly weights: MatchWeights;
  readonly thresholds: MatchThresholds;
  readonly nicknames: readonly (readonly string[])[];
}

function resolve(options: MatchPatientOptions): Resolved {
  return {
    weights: { ...DEFAULT_MATCH_WEIGHTS, ...options.weights },
    thresholds: { ...DEFAULT_MATCH_THRESHOLDS, ...options.thresholds },
    nicknames: options.nicknames ?? NICKNAME_GROUPS,
  };
}

const AGREE_AT = 0.92;
const PARTIAL_AT = 0.85;

function scored(field: MatchField, outcome: FieldOutcome, reason: string, weights: MatchWeights): FieldScore {
  const points = outcome === 'missing' ? 0 : weights[field][outcome];
  return { field, outcome, points, reason };
}

/** The best outcome over every pair of values. */
function bestOf(left: readonly string[], right: readonly string[], compare: (a: string, b: string) => { outcome: FieldOutcome; reason: string }): { outcome: FieldOutcome; reason: string } {
  if (left.length === 0 || right.length === 0) return { outcome: 'missing', reason: 'missing' };
  const rank: Record<FieldOutcome, number> = { agree: 3, partial: 2, disagree: 1, missing: 0 };
  let best: { outcome: FieldOutcome; reason: string } = { outcome: 'disagree', reason: 'different' };
  for (const a of left) {
    for (const b of right) {
      const result = compare(a, b);
      if (rank[result.outcome] > rank[best.outcome]) best = result;
    }
  }
  return best;
}

function similarName(a: string, b: string): { outcome: FieldOutcome; reason: string } {
  if (a === b) return { outcome: 'agree', reason: 'equal' };
  const similarity = jaroWinkler(a, b);
  const reason = `Jaro–Winkler ${similarity.toFixed(2)}`;
  if (similarity >= AGREE_AT) return { outcome: 'agree', reason };
  if (similarity >= PARTIAL_AT) return { outcome: 'partial', reason };
  // a double-barrelled name against one of its parts (garciamarquez / garcia)
  if (Math.min(a.length, b.length) >= 4 && (a.includes(b) || b.includes(a))) return { outcome: 'partial', reason: 'one name contains the other' };
  return { outcome: 'disagree', reason };
}

function compareGiven(nicknames: readonly (readonly string[])[]) {
  return (a: string, b: string): { outcome: FieldOutcome; reason: string } => {
    if (a !== b && areNicknames(a, b, nicknames)) return { outcome: 'agree', reason: 'nickname' };
    const byName = similarName(a, b);
    if (byName.outcome !== 'disagree') return byName;
    if ((a.length === 1 || b.length === 1) && a[0] === b[0]) return { outcome: 'partial', reason: 'initial' };
    return byName;
  };
}

function compareBirthDate(a: string, b: string): { outcome: FieldOutcome; reason: string } {
  if (a === b) return { outcome: 'agree', reason: 'equal' };
  const [year, month, day] = a.split('-');
  if (month !== day && b === `${year ?? ''}-${day ?? ''}-${month ?? ''}`) return { outcome: 'partial', reason: 'day and month swapped' };
  const differing = [...a].filter((character, i) => character !== b[i]).length;
  if (differing === 1) return { outcome: 'partial', reason: 'one digit different' };
  return { outcome: 'disagree', reason: 'different' };
}

function exact(a: string, b: string): { outcome: FieldOutcome; reason: string } {
  return a === b ? { outcome: 'agree', reason: 'equal' } : { outcome: 'disagree', reason: 'different' };
}

function compareAddressLine(a: string, b: string): { outcome: FieldOutcome; reason: string } {
  if (a === b) return { outcome: 'agree', reason: 'equal' };
  const similarity = jaroWinkler(a, b);
  const reason = `Jaro–Winkler ${similarity.toFixed(2)}`;
  return { outcome: similarity >= AGREE_AT ? 'agree' : similarity >= PARTIAL_AT ? 'partial' : 'disagree', reason };
}

function identifierPairs(patient: Patient): { system: string; value: string }[] {
  const identifiers = Array.isArray(patient.identifier) ? (patient.identifier as unknown[]) : [];
  return identifiers
    .filter((identifier): identifier is Identifier => typeof identifier === 'object' && identifier !== null)
    .filter((identifier) => typeof identifier.system === 'string' && identifier.system !== '' && typeof identifier.value === 'string' && identifier.value.trim() !== '')
    .map((identifier) => ({ system: identifier.system ?? '', value: (identifier.value ?? '').trim() }));
}

/** Agree when the two share an identifier (system and value); disagree when they have the same system only with other values. */
function compareIdentifiers(candidate: Patient, existing: Patient): { outcome: FieldOutcome; reason: string } {
  const left = identifierPairs(candidate);
  const right = identifierPairs(existing);
  const shared = left.find((a) => right.some((b) => a.system === b.system && a.value === b.value));
  if (shared) return { outcome: 'agree', reason: `same ${shared.system} identifier` };
  const systems = new Set(left.map((a) => a.system).filter((system) => right.some((b) => b.system === system)));
  if (systems.size > 0) return { outcome: 'disagree', reason: `another ${[...systems][0] ?? ''} identifier` };
  return { outcome: 'missing', reason: 'no identifier system in common' };
}

function fieldScores(candidate: Demographics, existing: Demographics, identifier: { outcome: FieldOutcome; reason: string }, resolved: Resolved): FieldScore[] {
  const { weights, nicknames } = resolved;
  const one = (value: string | undefined) => (value === undefined ? [] : [value]);
  const fields: [MatchField, { outcome: FieldOutcome; reason: string }][] = [
    ['identifier', identifier],
    ['family', bestOf(candidate.families, existing.families, similarName)],
    ['given', bestOf(candidate.givens, existing.givens, compareGiven(nicknames))],
    ['birthDate', bestOf(one(candidate.birthDate), one(existing.birthDate), compareBirthDate)],
    ['gender', bestOf(one(candidate.gender), one(existing.gender), exact)],
    ['postalCode', bestOf(candidate.postalCodes, existing.postalCodes, exact)],
    ['addressLine', bestOf(candidate.addressLines, existing.addressLines, compareAddressLine)],
    ['phone', bestOf(candidate.phones, existing.phones, exact)],
  ];
  return fields.map(([field, { outcome, reason }]) => scored(field, outcome, reason, weights));
}

/**
 * Compares a candidate with one stored patient. A shared identifier (the same `system` and
 * `value`) makes a `match` on its own, however little else the candidate has, unless the other
 * fields put together count against it (a negative score): then it is only a `possible-match`
 * (an identifier typed into the wrong chart). Otherwise the fields' points add up to the score, and the thresholds class it.
 * Pure and total: malformed fields count as missing.
 */
export function scorePatientMatch(candidate: Patient, existing: Patient, options: MatchPatientOptions = {}): PatientMatch {
  const resolved = resolve(options);
  const identifier = compareIdentifiers(candidate, existing);
  const fields = fieldScores(demographicsOf(candidate), demographicsOf(existing), identifier, resolved);
  const score = fields.reduce((sum, field) => sum + field.points, 0);
  const { match, possible } = resolved.thresholds;
  const byScore: MatchClass = score >= match ? 'match' : score >= possible ? 'possible-match' : 'no-match';
  const byIdentifier = identifier.outcome === 'agree';
  const classification: MatchClass = byIdentifier ? (score >= 0 ? 'match' : 'possible-match') : byScore;
  return { patient: existing, reference: `Patient/${existing.id ?? ''}`, classification, method: byIdentifier ? 'identifier' : 'probabilistic', score, fields };
}

/**
 * Finds the stored patients a candidate (a Patient from another organisation, a registration
 * form) may be: every Patient of the store is compared with {@link scorePatientMatch}, and the
 * matches and possible matches come back best first (identifier matches before the others).
 * The store contract has no name or identifier search, so every Patient is read, page by page:
 * fine for a practice's or an HIE feed's few thousand, slow for millions.
 *
 * @example
 * const result = await matchPatient(store, incomingPatient);
 * if (result.classification === 'match') link(result.candidates[0].reference);
 * else if (result.classification === 'possible-match') askSomeone(result.candidates);
 */
export async function matchPatient(store: ChartStore, candidate: Patient, options: MatchPatientOptions = {}): Promise<PatientMatchResult> {
  const patients = await searchAllPages(store, 'Patient', {}, options.signal ? { signal: options.signal } : {});
  const rank: Record<MatchClass, number> = { match: 2, 'possible-match': 1, 'no-match': 0 };
  const candidates = patients
    .map((patient) => scorePatientMatch(candidate, patient, options))
    .filter((result) => result.classification !== 'no-match')
    .sort((a, b) => rank[b.classification] - rank[a.classification] || Number(b.method === 'identifier') - Number(a.method === 'identifier') || b.score - a.score);
  const matches = candidates.filter((result) => result.classification === 'match').length;
  const classification: MatchClass = matches > 1 ? 'possible-match' : (candidates[0]?.classification ?? 'no-match');
  return { classification, candidates };
}
