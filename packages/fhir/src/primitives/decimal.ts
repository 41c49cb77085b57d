/**
 * FHIR `decimal`, exactly. `JSON.parse` turns `1.50` into the float 1.5, losing the precision the
 * sender stated and, for money, inviting float rounding. A {@link Decimal} keeps the exact value as
 * a BigInt and the scale (how many digits follow the point), and its arithmetic never touches a
 * floating-point number.
 */

/**
 * An exact decimal number: `coefficient × 10^-scale`. `1.50` has coefficient 150 and scale 2;
 * `1.5` has 15 and 1: equal in value ({@link decimalsEqual}), different in scale and in
 * `toString()`. A negative scale records precision coarser than units: `1.5e2` is 150 known to the
 * ten (coefficient 15, scale -1). Immutable; made only by {@link decimalFromString},
 * {@link decimalFromNumber} and the arithmetic functions.
 *
 * @category Decimals
 */
export class Decimal {
  // A private member makes the type nominal: an object literal cannot pass for a Decimal.
  declare private readonly brand: never;
  /** The digits as an integer, with the sign: 150n for `1.50`, -5n for `-0.05`. */
  readonly coefficient: bigint;
  /** Digits after the decimal point: 2 for `1.50`, 0 for `7`, -1 for `1.5e2`. */
  readonly scale: number;

  /** @internal */
  constructor(coefficient: bigint, scale: number) {
    this.coefficient = coefficient;
    this.scale = scale;
    Object.freeze(this);
  }

  /**
   * The decimal as FHIR text, with every digit of its scale: `1.50`, `-0.05`, `7`. A negative
   * scale is written in exponent form so that it survives a round trip: `1.5e+2`. Negative zero is
   * written without its sign (`-0.0` reads as `0.0`). {@link decimalFromString} reads the text
   * back to the same coefficient and scale, unless a product took the scale below -1000.
   */
  toString(): string {
    const negative = this.coefficient < 0n;
    const digits = (negative ? -this.coefficient : this.coefficient).toString();
    const sign = negative ? '-' : '';
    if (this.scale <= 0) {
      if (this.scale === 0) return sign + digits;
      const exponent = digits.length - 1 - this.scale;
      const mantissa = digits.length > 1 ? `${digits[0] ?? ''}.${digits.slice(1)}` : digits;
      return `${sign}${mantissa}e+${exponent}`;
    }
    const padded = digits.padStart(this.scale + 1, '0');
    const point = padded.length - this.scale;
    return `${sign}${padded.slice(0, point)}.${padded.slice(point)}`;
  }
}

// FHIR R4 §2.24.0.1 `decimal`: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
const DECIMAL = /^(-?)(0|[1-9][0-9]*)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]+))?$/;

/**
 * The largest scale, either way, that an exponent may produce in {@link decimalFromString}. Far
 * beyond any double (±324) or clinical value, it stops a short text such as `1e-999999999` from
 * asking for a billion digits. Text without an exponent is not bounded: its scale is its length.
 */
const MAX_EXPONENT_SCALE = 1000;

/**
 * Reads a FHIR `decimal` exactly, keeping its scale: `'1.50'` gives coefficient 150 and scale 2.
 * An exponent moves the point (`'1.5e-3'` is `0.0015`, scale 4; `'1.5e2'` is 150 with scale -1).
 * Gives `undefined` for text outside the FHIR grammar (`'.5'`, `'01'`, `'1.'`, `'+1'`, whitespace)
 * and for an exponent that puts the scale beyond ±1000 (`'1e1001'`, `'1e-1001'`).
 *
 * @example
 * decimalFromString('1.50')?.toString(); // '1.50'
 *
 * @category Decimals
 */
export function decimalFromString(text: string): Decimal | undefined {
  if (typeof text !== 'string') return undefined;
  const match = DECIMAL.exec(text);
  if (!match) return undefined;
  const [, sign = '', whole = '', fraction = '', exponentText] = match;
  const scale = fraction.length - (exponentText === undefined ? 0 : Number(exponentText));
  if (exponentText !== undefined && !(Math.abs(scale) <= MAX_EXPONENT_SCALE)) return undefined;
  const coefficient = BigInt(whole + fraction);
  return new Decimal(sign === '-' ? -coefficient : coefficient, scale);
}

/**
 * A decimal from a JS number, through its shortest round-trip text (`String(n)`). The scale the
 * number was written with is lost, since `1.50` and `1.5` are the same float: `decimalFromNumber(1.50)`
 * is `1.5`. And the value is the one the float holds, so `decimalFromNumber(0.1 + 0.2)` is
 * `0.30000000000000004`. Read FHIR JSON with a parser that keeps number text where exact values
 * matter. `undefined` for `NaN` and infinities.
 *
 * @category Decimals
 */
export function decimalFromNumber(value: number): Decimal | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  return decimalFromString(String(value));
}

/**
 * The decimal as the nearest JS number, for charts and other display arithmetic: lossy (scale and
 * digits beyond a double's precision go), so never for money.
 *
 * @category Decimals
 */
export function decimalToNumber(value: Decimal): number {
  return Number(value.toString());
}

/** Both coefficients brought to the larger scale, so they can be added or compared. */
function align(a: Decimal, b: Decimal): readonly [a: bigint, b: bigint, scale: number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.coefficient * 10n ** BigInt(scale - a.scale), b.coefficient * 10n ** BigInt(scale - b.scale), scale];
}

/**
 * `a + b`, exact, at the larger of the two scales (as SQL and Java's BigDecimal): `1.50 + 0.5`
 * is `2.00`.
 *
 * @category Decimals
 */
export function addDecimals(a: Decimal, b: Decimal): Decimal {
  const [left, right, scale] = align(a, b);
  return new Decimal(left + right, scale);
}

/**
 * `a - b`, exact, at the larger of the two scales: `2.00 - 0.5` is `1.50`.
 *
 * @category Decimals
 */
export function subtractDecimals(a: Decimal, b: Decimal): Decimal {
  const [left, right, scale] = align(a, b);
  return new Decimal(left - right, scale);
}

/**
 * `a × b`, exact, at the sum of the two scales (as SQL and Java's BigDecimal): `1.5 × 1.5` is
 * `2.25`, `1.50 × 2` is `3.00`. Nothing is rounded; division, which must round, is not offered.
 *
 * @category Decimals
 */
export function multiplyDecimals(a: Decimal, b: Decimal): Decimal {
  return new Decimal(a.coefficient * b.coefficient, a.scale + b.scale);
}

/**
 * Compares by value, ignoring scale: -1 when `a < b`, 0 when equal (`1.5` and `1.50`), 1 when `a > b`.
 *
 * @category Decimals
 */
export function compareDecimals(a: Decimal, b: Decimal): -1 | 0 | 1 {
  const [left, right] = align(a, b);
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * Whether two decimals have the same value, whatever their scale: `1.5` equals `1.50`. To tell
 * those apart as well, compare `scale` too, or `toString()`.
 *
 * @category Decimals
 */
export function decimalsEqual(a: Decimal, b: Decimal): boolean {
  return compareDecimals(a, b) === 0;
}
