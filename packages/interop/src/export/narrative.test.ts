import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { escapeXhtml, narrativeTable } from './narrative.js';

describe('escapeXhtml', () => {
  it('escapes markup and drops control characters', () => {
    assert.equal(escapeXhtml(`<img src=x onerror="alert('1')"> & more\u0007`), '&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt; &amp; more');
  });

  it('leaves no markup character and no bare ampersand, whatever the text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const escaped = escapeXhtml(text);
        assert.ok(!/[<>"']/.test(escaped));
        assert.ok(!/&(?!(amp|lt|gt|quot|#39);)/.test(escaped));
      }),
    );
  });
});

describe('narrativeTable', () => {
  it('writes a table with escaped cells, or a paragraph when empty', () => {
    assert.equal(
      narrativeTable(['Problem', 'Status'], [['<b>Asthma</b>', 'Active']], 'No information'),
      '<div xmlns="http://www.w3.org/1999/xhtml"><table><thead><tr><th>Problem</th><th>Status</th></tr></thead><tbody><tr><td>&lt;b&gt;Asthma&lt;/b&gt;</td><td>Active</td></tr></tbody></table></div>',
    );
    assert.equal(narrativeTable(['Problem'], [], 'No information about problems'), '<div xmlns="http://www.w3.org/1999/xhtml"><p>No information about problems</p></div>');
  });
});
