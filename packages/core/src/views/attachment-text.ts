import type { Attachment } from '@chartwell/fhir';
import { htmlToText } from './html-to-text.js';

/**
 * What sanitises HTML: DOMPurify's `sanitize` has this shape, so a browser host passes
 * `DOMPurify` itself. Core has no DOM and no DOMPurify of its own; without a sanitiser, HTML is
 * only ever returned as plain text.
 */
export interface HtmlSanitizer {
  sanitize(dirty: string, config: Record<string, unknown>): string | { toString(): string };
}

/** The DOMPurify settings Chartwell sanitises notes with: HTML only (no SVG or MathML), no styles, no forms, no links that run script. */
export const NOTE_SANITIZE_CONFIG: Readonly<Record<string, unknown>> = Object.freeze({
  USE_PROFILES: { html: true },
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed'],
  FORBID_ATTR: ['style', 'srcset'],
  ALLOW_DATA_ATTR: false,
});

/**
 * A note's body, ready to render:
 * - `text`: plain text (from text/plain, or from HTML when no sanitiser was given: `fromHtml`);
 * - `html`: HTML that went through the sanitiser (with its plain `text` too), safe to insert as HTML;
 * - `unavailable`: nothing to show here, with why (`url-only`: the content is elsewhere;
 *   `unsupported-type`: a PDF, an image, CDA XML; `undecodable`: the data is not valid base64 / text).
 */
export type NoteBody =
  | { readonly kind: 'text'; readonly text: string; readonly fromHtml: boolean }
  | { readonly kind: 'html'; readonly html: string; readonly text: string }
  | { readonly kind: 'unavailable'; readonly reason: 'url-only' | 'unsupported-type' | 'undecodable' | 'empty'; readonly contentType?: string; readonly url?: string };

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Bytes of base64 text (whitespace ignored); undefined when it is not base64. No DOM, no Buffer. */
export function decodeBase64(text: string): Uint8Array | undefined {
  const clean = text.replace(/\s+/g, '');
  if (!BASE64.test(clean) || clean.length % 4 === 1) return undefined;
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const digits = clean.replace(/=+$/, '');
  const bytes = new Uint8Array(Math.floor((digits.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const char of digits) {
    buffer = (buffer << 6) | alphabet.indexOf(char);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[index++] = (buffer >> bits) & 0xff;
    }
  }
  return bytes;
}

interface TextDecoderLike {
  decode(bytes: Uint8Array): string;
}

/** Text of bytes in the attachment's charset (UTF-8 unless it names another the runtime knows); undefined when the bytes are not valid in it. */
function decodeText(bytes: Uint8Array, contentType: string): string | undefined {
  const charset = /;\s*charset="?([^";\s]+)"?/i.exec(contentType)?.[1] ?? 'utf-8';
  const Decoder = (globalThis as unknown as { TextDecoder: new (label: string, options: { fatal: boolean }) => TextDecoderLike }).TextDecoder;
  try {
    return new Decoder(charset, { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}

/** Sanitised HTML, or undefined if the sanitiser failed (then the caller falls back to text). */
function sanitized(html: string, sanitizer: HtmlSanitizer): string | undefined {
  try {
    return String(sanitizer.sanitize(html, { ...NOTE_SANITIZE_CONFIG }));
  } catch {
    return undefined;
  }
}

/** An HTML fragment as a note body: sanitised HTML when a sanitiser is given, else plain text. Never raw HTML. */
export function htmlBody(html: string, sanitizer: HtmlSanitizer | undefined): NoteBody {
  const clean = sanitizer === undefined ? undefined : sanitized(html, sanitizer);
  return clean === undefined ? { kind: 'text', text: htmlToText(html), fromHtml: true } : { kind: 'html', html: clean, text: htmlToText(clean) };
}

/**
 * The body of an attachment: inline `data` decoded (base64, then the charset) for `text/plain`
 * and `text/html` (sanitised, or as text); anything else, or a `url` with no data, is
 * `unavailable` with the reason. Never throws.
 */
export function attachmentBody(attachment: Attachment | undefined, sanitizer?: HtmlSanitizer): NoteBody {
  const contentType = typeof attachment?.contentType === 'string' ? attachment.contentType : '';
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  const url = typeof attachment?.url === 'string' ? attachment.url : undefined;
  if (typeof attachment?.data !== 'string') return url !== undefined ? { kind: 'unavailable', reason: 'url-only', ...(contentType && { contentType }), url } : { kind: 'unavailable', reason: 'empty', ...(contentType && { contentType }) };
  if (mediaType !== 'text/plain' && mediaType !== 'text/html' && mediaType !== 'application/xhtml+xml') return { kind: 'unavailable', reason: 'unsupported-type', ...(contentType && { contentType }), ...(url !== undefined && { url }) };
  const bytes = decodeBase64(attachment.data);
  const text = bytes === undefined ? undefined : decodeText(bytes, contentType);
  if (text === undefined) return { kind: 'unavailable', reason: 'undecodable', contentType };
  return mediaType === 'text/plain' ? { kind: 'text', text, fromHtml: false } : htmlBody(text, sanitizer);
}
