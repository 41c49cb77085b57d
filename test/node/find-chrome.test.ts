import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findChrome } from '../../scripts/find-chrome.mjs';

describe('findChrome', () => {
  it('takes CHROME_PATH first', () => {
    const exists = (path: string) => path === '/opt/chrome/chrome' || path === '/usr/bin/chromium';
    assert.equal(findChrome({ env: { CHROME_PATH: '/opt/chrome/chrome' }, exists }), '/opt/chrome/chrome');
  });

  it('names a CHROME_PATH that points at nothing', () => {
    assert.throws(() => findChrome({ env: { CHROME_PATH: '/nowhere/chrome' }, exists: () => false }), /CHROME_PATH is set to "\/nowhere\/chrome", but no file is there/);
  });

  it("falls back to Debian's /usr/bin/chromium", () => {
    assert.equal(findChrome({ env: {}, exists: (path) => path === '/usr/bin/chromium' }), '/usr/bin/chromium');
  });

  it('says how to install a browser when none is found', () => {
    assert.throws(() => findChrome({ env: {}, exists: () => false }), /apt-get install -y chromium.*CHROME_PATH/);
  });
});
