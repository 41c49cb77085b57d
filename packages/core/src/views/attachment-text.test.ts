import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { attachmentBody, decodeBase64, NOTE_SANITIZE_CONFIG, type HtmlSanitizer } from './attachment-text.js';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('attachment bodies', () => {
  it('decodes base64 without Buffer, including padding and UTF-8', () => {
    assert.deepEqual([...(decodeBase64('TWFu') ?? [])], [77, 97, 110]);
    assert.deepEqual([...(decodeBase64('TWE=') ?? [])], [77, 97]);
    assert.equal(decodeBase64('not base64!'), undefined);
    assert.deepEqual(attachmentBody({ contentType: 'text/plain; charset=utf-8', data: b64('Zoë: 5 µg') }), { kind: 'text', text: 'Zoë: 5 µg', fromHtml: false });
  });

  it('turns HTML into plain text when there is no sanitiser: never raw HTML', () => {
    const body = attachmentBody({ contentType: 'text/html', data: b64('<p>Seen <b>today</b></p><script>steal()</script>') });
    assert.deepEqual(body, { kind: 'text', text: 'Seen today', fromHtml: true });
  });

  it('hands HTML to the sanitiser with Chartwell\'s settings and returns its output as HTML', () => {
    const calls: { dirty: string; config: Record<string, unknown> }[] = [];
    const sanitizer: HtmlSanitizer = { sanitize: (dirty, config) => (calls.push({ dirty, config }), dirty.replace(/<script>.*?<\/script>/g, '')) };
    const body = attachmentBody({ contentType: 'text/html', data: b64('<p>Seen</p><script>x()</script>') }, sanitizer);
    assert.deepEqual(body, { kind: 'html', html: '<p>Seen</p>', text: 'Seen' });
    assert.deepEqual(calls[0]?.config, { ...NOTE_SANITIZE_CONFIG });
  });

  it('falls back to text when the sanitiser throws', () => {
    const body = attachmentBody({ contentType: 'text/html', data: b64('<p>Seen</p>') }, { sanitize: () => { throw new Error('no DOM'); } });
    assert.deepEqual(body, { kind: 'text', text: 'Seen', fromHtml: true });
  });

  it('says why there is nothing to show: url only, unsupported type, undecodable, empty', () => {
    assert.deepEqual(attachmentBody({ contentType: 'application/pdf', url: 'http://x/doc.pdf' }), { kind: 'unavailable', reason: 'url-only', contentType: 'application/pdf', url: 'http://x/doc.pdf' });
    assert.deepEqual(attachmentBody({ contentType: 'application/pdf', data: 'JVBERi0=' }), { kind: 'unavailable', reason: 'unsupported-type', contentType: 'application/pdf' });
    assert.deepEqual(attachmentBody({ contentType: 'text/plain', data: '/w==' }), { kind: 'unavailable', reason: 'undecodable', contentType: 'text/plain' }); // 0xFF is not UTF-8
    assert.deepEqual(attachmentBody(undefined), { kind: 'unavailable', reason: 'empty' });
  });
});
