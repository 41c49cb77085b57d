import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { htmlToText } from './html-to-text.js';

describe('htmlToText', () => {
  it('keeps the words and the block structure, dropping markup', () => {
    assert.equal(htmlToText('<div xmlns="http://www.w3.org/1999/xhtml"><p><b>Plan</b>: rest</p><ul><li>Fluids</li><li>Paracetamol 0.5 g</li></ul></div>'), 'Plan: rest\n• Fluids\n• Paracetamol 0.5 g');
  });

  it('drops scripts, styles and comments with their content, and decodes entities', () => {
    assert.equal(htmlToText('<p>BP &lt; 120 &amp; HR &#62; 60&nbsp;bpm</p><script>alert(1)</script><style>p{}</style><!-- hidden -->'), 'BP < 120 & HR > 60 bpm');
    assert.equal(htmlToText('<img src=x onerror=alert(1)>Safe'), 'Safe');
  });

  it('never throws and gives "" for what is not a string', () => {
    assert.equal(htmlToText(undefined), '');
    assert.equal(htmlToText('<p unterminated'), '');
    assert.equal(htmlToText('&#xD800;&#0;ok'), 'ok');
  });
});
