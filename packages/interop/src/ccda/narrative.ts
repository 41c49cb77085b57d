import type { XmlElement } from './xml-element.js';

/** CDA narrative block elements and the XHTML element each becomes. */
const XHTML_FOR: Readonly<Record<string, string>> = {
  paragraph: 'p',
  content: 'span',
  list: 'ul',
  item: 'li',
  caption: 'b',
  br: 'br',
  sub: 'sub',
  sup: 'sup',
  table: 'table',
  thead: 'thead',
  tbody: 'tbody',
  tfoot: 'tfoot',
  tr: 'tr',
  th: 'th',
  td: 'td',
  colgroup: 'colgroup',
  col: 'col',
  footnote: 'span',
  footnoteRef: 'span',
  linkHtml: 'a',
};

/** Table attributes worth keeping (plain numbers only). */
const NUMERIC_ATTRIBUTES = ['colspan', 'rowspan'];

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}

function renderElement(element: XmlElement): string {
  const name = element.name;
  if (name === 'renderMultiMedia') return ''; // no embedded media: nothing is fetched
  const tag = XHTML_FOR[name];
  const inner = renderContents(element);
  if (!tag) return inner; // unknown elements keep their text, lose their markup
  if (tag === 'br') return '<br/>';
  const attributes: string[] = [];
  const id = element.attr('ID');
  if (id && /^[A-Za-z_][\w.-]*$/.test(id)) attributes.push(`id="${escapeAttribute(id)}"`);
  for (const attribute of NUMERIC_ATTRIBUTES) {
    const value = element.attr(attribute);
    if (value && /^\d{1,3}$/.test(value)) attributes.push(`${attribute}="${value}"`);
  }
  if (tag === 'ul' && element.attr('listType') === 'ordered') return `<ol${attributes.map((a) => ` ${a}`).join('')}>${inner}</ol>`;
  if (tag === 'a') {
    const href = element.attr('href');
    // only plain web links survive; javascript:, data: and the like are dropped with the element
    if (href && /^https?:\/\/[^\s"<>]+$/i.test(href)) attributes.push(`href="${escapeAttribute(href)}"`);
  }
  return `<${tag}${attributes.map((a) => ` ${a}`).join('')}>${inner}</${tag}>`;
}

function renderContents(element: XmlElement): string {
  return element
    .contents()
    .map((part) => (typeof part === 'string' ? escapeText(part) : renderElement(part)))
    .join('');
}

/**
 * A CDA section's `text` (its narrative block) as a FHIR Narrative `div`. The XHTML is rebuilt
 * from the known narrative elements (paragraph, list, table, content, ...), with text escaped and
 * only `id`, `colspan`, `rowspan` and http(s) `href` attributes kept: no markup, script, style,
 * event handler or media reference from the document is ever copied, so the narrative is inert.
 * `undefined` when the section has no text.
 */
export function narrativeDiv(text: XmlElement | undefined): string | undefined {
  if (!text || !text.text) return undefined;
  return `<div xmlns="http://www.w3.org/1999/xhtml">${renderContents(text)}</div>`;
}

/** Every element with an `ID` under `text`, by that ID, with its text content. */
export function narrativeIndex(text: XmlElement | undefined): Map<string, string> {
  const index = new Map<string, string>();
  if (!text) return index;
  for (const element of text.descendants()) {
    const id = element.attr('ID');
    const content = element.text;
    if (id && content) index.set(id, content);
  }
  return index;
}
