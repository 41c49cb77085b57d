/**
 * HTML (or FHIR XHTML narrative) as plain text, with no DOM: what a note shows where no HTML
 * sanitiser is available. The result is text, never markup: script and style elements go with
 * their content, comments go, block ends become line breaks, list items start with "• ", table
 * cells are separated by tabs, entities are decoded, spaces are collapsed and empty lines dropped. A renderer must
 * still insert it as text (Lit escapes it), not as HTML.
 */

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…', copy: '©', reg: '®', deg: '°', micro: 'µ', plusmn: '±', times: '×', le: '≤', ge: '≥' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '';
    }
    return NAMED[name.toLowerCase()] ?? whole;
  });
}

const BLOCK = /^(p|div|br|h[1-6]|li|tr|table|ul|ol|section|article|header|footer|blockquote|pre|hr|dd|dt|dl)$/i;

/** Plain text of an HTML fragment (see the module notes); `''` for anything that is not a string. */
export function htmlToText(html: unknown): string {
  if (typeof html !== 'string') return '';
  const withoutRaw = html
    .replace(/<!--[\s\S]*?(-->|$)/g, '')
    .replace(/<(script|style|template|iframe|object|noscript)\b[\s\S]*?(<\/\1\s*>|$)/gi, '');
  let text = '';
  const tag = /<\/?([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*>|<[^>]*>?/g;
  let last = 0;
  for (let match = tag.exec(withoutRaw); match !== null; match = tag.exec(withoutRaw)) {
    text += withoutRaw.slice(last, match.index).replace(/\s+/g, ' ');
    last = match.index + match[0].length;
    const name = match[1];
    if (name === undefined) continue;
    const closing = match[0].startsWith('</');
    if (/^li$/i.test(name) && !closing) text += '\n• ';
    else if (/^t[dh]$/i.test(name) && !closing) text += '\t';
    else if (BLOCK.test(name)) text += '\n';
  }
  text += withoutRaw.slice(last).replace(/\s+/g, ' ');
  return decodeEntities(text)
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, (spaces) => (spaces.includes('\t') ? '\t' : ' ')).trim())
    .filter((line) => line !== '')
    .join('\n')
    .trim();
}
