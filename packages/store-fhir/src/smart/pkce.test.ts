import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createPkcePair, pkceChallenge } from '@chartwell/store-fhir';

describe('PKCE', () => {
  it('gives the S256 challenge of RFC 7636 Appendix B for its example verifier', async () => {
    assert.equal(await pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'), 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes a fresh 43-character verifier each time, with its challenge', async () => {
    const a = await createPkcePair();
    const b = await createPkcePair();
    assert.match(a.verifier, /^[A-Za-z0-9_-]{43}$/);
    assert.notEqual(a.verifier, b.verifier);
    assert.equal(a.challenge, await pkceChallenge(a.verifier));
    assert.equal(a.method, 'S256');
  });

  it('refuses a verifier outside RFC 7636 (too short, or a character it does not allow)', async () => {
    await assert.rejects(pkceChallenge('short'), /43 to 128 characters/);
    await assert.rejects(pkceChallenge(`${'a'.repeat(43)} `), /43 to 128 characters/);
  });
});
