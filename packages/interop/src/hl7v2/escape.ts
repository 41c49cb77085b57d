import type { Hl7v2Delimiters } from './delimiters.js';
import { textDecoder } from './platform.js';

/**
 * Decodes the escape sequences of an HL7 v2 value: `\F\ \S\ \T\ \R\ \E\` give back the
 * delimiters, `\P\` the truncation character, `\Xhh…\` the bytes it spells (read as UTF-8,
 * else Latin-1), `\.br\` and `\.sp\` a line break. Highlighting (`\H\ \N\`), character-set
 * (`\C…\ \M…\`) and other formatting commands (`\.in\`, `\.ti\`, …) are dropped. Anything
 * else, including an escape character with no closing one, is kept as written.
 */
export function decodeHl7v2Escapes(value: string, delimiters: Hl7v2Delimiters): string {
  const esc = delimiters.escape;
  if (!value.includes(esc)) return value;
  let out = '';
  let i = 0;
  while (i < value.length) {
    const start = value.indexOf(esc, i);
    if (start === -1) break;
    const end = value.indexOf(esc, start + 1);
    if (end === -1) break;
    const decoded = decodeSequence(value.slice(start + 1, end), delimiters);
    if (decoded === undefined) {
      // not an escape sequence: keep the escape character and go on after it
      out += value.slice(i, start + 1);
      i = start + 1;
    } else {
      out += value.slice(i, start) + decoded;
      i = end + 1;
    }
  }
  return out + value.slice(i);
}

function decodeSequence(body: string, d: Hl7v2Delimiters): string | undefined {
  switch (body) {
    case 'F':
      return d.field;
    case 'S':
      return d.component;
    case 'T':
      return d.subcomponent;
    case 'R':
      return d.repetition;
    case 'E':
      return d.escape;
    case 'P':
      return d.truncation;
    case 'H':
    case 'N':
      return '';
    case '.br':
    case '.sp':
      return '\n';
  }
  if (/^X(?:[0-9A-Fa-f]{2})+$/.test(body)) return decodeHex(body.slice(1));
  if (/^[CM][0-9A-Fa-f]{4,6}$/.test(body)) return '';
  if (/^\.(?:fi|nf|in[+-]?\d*|ti[+-]?\d*|sk[+-]?\d*|ce|sp\d*)$/.test(body)) return body.startsWith('.sp') ? '\n' : '';
  return undefined;
}

function decodeHex(hex: string): string {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  try {
    return textDecoder('utf-8', true).decode(bytes);
  } catch {
    return textDecoder('latin1', false).decode(bytes);
  }
}

/**
 * Escapes a value for an HL7 v2 message, the inverse of {@link decodeHl7v2Escapes}: the
 * escape character first, then each delimiter, and carriage returns and line feeds as `\X0D\`
 * and `\X0A\` so a value never ends its segment.
 */
export function encodeHl7v2Escapes(value: string, delimiters: Hl7v2Delimiters): string {
  const esc = delimiters.escape;
  const replacements = new Map<string, string>([
    [esc, `${esc}E${esc}`],
    [delimiters.field, `${esc}F${esc}`],
    [delimiters.component, `${esc}S${esc}`],
    [delimiters.subcomponent, `${esc}T${esc}`],
    [delimiters.repetition, `${esc}R${esc}`],
    ['\r', `${esc}X0D${esc}`],
    ['\n', `${esc}X0A${esc}`],
  ]);
  if (delimiters.truncation !== undefined) replacements.set(delimiters.truncation, `${esc}P${esc}`);
  let out = '';
  for (const char of value) out += replacements.get(char) ?? char;
  return out;
}
