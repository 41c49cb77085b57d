// <cw-notes> loads DOMPurify only when a chart holds HTML notes: a chart of plain-text notes never
// fetches it, and the first HTML note brings it in and is shown sanitised. A file of its own, so
// that no other test has loaded DOMPurify into this page first.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { MemoryStore } from '@chartwell/core';
import '@chartwell/elements/define/cw-chart-provider.js';

const fetchedDomPurify = () => performance.getEntriesByType('resource').some((entry) => /dompurify/i.test(entry.name));

function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

describe('<cw-notes> loads its HTML sanitiser on demand', () => {
  before(async () => {
    // the page's resource timing buffer (250 entries) is full of test-runner modules: empty it and
    // make room, then load <cw-notes> with everything it imports statically
    performance.setResourceTimingBufferSize(10_000);
    performance.clearResourceTimings();
    await import('@chartwell/elements/define/cw-notes.js');
    expect(performance.getEntriesByType('resource').some((entry) => /cw-notes/.test(entry.name)), 'the timing buffer sees module loads').to.equal(true);
  });

  it('shows plain-text notes without fetching DOMPurify, and fetches it for the first HTML note', async () => {
    const store = new MemoryStore();
    await store.create({ resourceType: 'DocumentReference', status: 'current', subject: { reference: 'Patient/p' }, date: '2024-05-01T10:00:00Z', content: [{ attachment: { contentType: 'text/plain', data: base64('Wound clean and dry.') } }] });
    const provider = await fixture(html`<cw-chart-provider locale="en-GB" time-zone="UTC" .store=${store}><cw-notes patient-id="p"></cw-notes></cw-chart-provider>`);
    const notes = provider.querySelector('cw-notes')!;
    await waitUntil(() => !notes.hasCustomState('loading'), 'the notes never loaded');
    expect(notes.shadowRoot!.textContent).to.contain('Wound clean and dry.');
    expect(fetchedDomPurify()).to.equal(false);

    await store.create({ resourceType: 'DocumentReference', status: 'current', subject: { reference: 'Patient/p' }, date: '2024-06-01T10:00:00Z', content: [{ attachment: { contentType: 'text/html', data: base64('<p>Sutures <b>removed</b>.</p><img src=x onerror="window.__pwned = true">') } }] });
    await waitUntil(() => notes.shadowRoot!.querySelector('.html b') !== null, 'the HTML note never showed as HTML');
    expect(fetchedDomPurify()).to.equal(true);
    expect(notes.shadowRoot!.querySelector('.html')!.innerHTML).to.not.contain('onerror');
    expect(notes.shadowRoot!.querySelector('.html img')).to.equal(null);
    expect((window as { __pwned?: boolean }).__pwned).to.equal(undefined);
    await expect(notes).to.be.accessible();
  });
});
