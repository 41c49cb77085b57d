// notesView with the real DOMPurify, in a real browser DOM: what <cw-notes> will pass as its
// htmlSanitizer. Core itself has no DOM and no DOMPurify; this checks the two fit together.
import { expect } from '@open-wc/testing';
import DOMPurify from 'dompurify';
import { MemoryStore, notesView, type HtmlSanitizer } from '@chartwell/core';

function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

const DIRTY =
  '<p onclick="steal()">Wound <b>clean</b> &amp; dry.</p>' +
  '<img src="x" onerror="steal()">' +
  '<a href="javascript:steal()">follow-up</a>' +
  '<script>steal()</script><style>p { display: none }</style>' +
  '<svg><script>steal()</script></svg><form><input name="x"></form>';

describe('notesView with DOMPurify (real DOM)', () => {
  it('DOMPurify itself fits the htmlSanitizer option', () => {
    const sanitizer: HtmlSanitizer = DOMPurify;
    expect(typeof sanitizer.sanitize).to.equal('function');
  });

  it('returns sanitised HTML: no scripts, event handlers, javascript: links, styles, SVG or forms', async () => {
    const store = new MemoryStore();
    await store.create({ resourceType: 'DocumentReference', status: 'current', subject: { reference: 'Patient/p' }, content: [{ attachment: { contentType: 'text/html; charset=utf-8', data: base64(DIRTY) } }] });
    const view = await notesView(store, 'p', { htmlSanitizer: DOMPurify });
    const body = view.unlinkedNotes[0]?.parts[0]?.body;
    expect(body?.kind).to.equal('html');
    if (body?.kind !== 'html') return;
    expect(body.html).to.contain('<b>clean</b>');
    for (const forbidden of ['<script', 'onclick', 'onerror', 'javascript:', '<style', '<svg', '<form', '<input']) expect(body.html, forbidden).not.to.contain(forbidden);
    expect(body.text).to.equal('Wound clean & dry.\nfollow-up');
  });
});
