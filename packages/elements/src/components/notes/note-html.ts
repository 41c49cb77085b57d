import DOMPurify from 'dompurify';
import type { HtmlSanitizer } from '@chartwell/core';

/**
 * The allow-list note HTML is sanitised with: text structure only (paragraphs, lists, tables,
 * emphasis, headings, links). No script, style, iframe, form, object, embed, image, SVG or
 * MathML; no event handler, style, id, class, data- or aria- attribute; links only to http(s),
 * mailto and tel (no javascript:, data: or page-relative URLs).
 */
export const NOTE_HTML_CONFIG = Object.freeze({
  ALLOWED_TAGS: Object.freeze(['a', 'abbr', 'b', 'blockquote', 'br', 'caption', 'cite', 'code', 'col', 'colgroup', 'dd', 'del', 'dfn', 'div', 'dl', 'dt', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'ins', 'kbd', 'li', 'ol', 'p', 'pre', 'q', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'u', 'ul', 'var']),
  ALLOWED_ATTR: Object.freeze(['href', 'title', 'colspan', 'rowspan', 'scope', 'headers', 'lang', 'dir', 'start', 'reversed']),
  ALLOWED_URI_REGEXP: /^(?:https?|mailto|tel):/i,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  KEEP_CONTENT: true,
});

type Purifier = ReturnType<typeof DOMPurify>;
let purifier: Purifier | undefined;

/** Chartwell's own DOMPurify instance (its link hook never touches the page's DOMPurify), made on first use. */
function notePurifier(): Purifier {
  if (purifier) return purifier;
  const instance = DOMPurify(window);
  // links open in a new browsing context that cannot reach this page, and send no referrer
  instance.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName === 'A' && node instanceof Element && node.hasAttribute('href')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
  });
  purifier = instance;
  return instance;
}

/** Note HTML (FHIR narrative XHTML, a text/html attachment) through DOMPurify with {@link NOTE_HTML_CONFIG}: the only HTML `<cw-notes>` ever inserts. */
export function sanitizeNoteHtml(dirty: string): string {
  return notePurifier().sanitize(dirty, { ...NOTE_HTML_CONFIG, ALLOWED_TAGS: [...NOTE_HTML_CONFIG.ALLOWED_TAGS], ALLOWED_ATTR: [...NOTE_HTML_CONFIG.ALLOWED_ATTR], RETURN_TRUSTED_TYPE: false });
}

/** The sanitiser `<cw-notes>` hands `notesView`: {@link sanitizeNoteHtml}, whatever settings the view asks for (ours are stricter). */
export const noteHtmlSanitizer: HtmlSanitizer = { sanitize: (dirty) => sanitizeNoteHtml(dirty) };
