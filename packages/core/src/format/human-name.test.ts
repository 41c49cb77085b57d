import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { HumanName, Patient } from '@chartwell/fhir';
import { fixtureJson } from '../../../../test/support/fixtures.js';
import { formatHumanName, preferredHumanName } from './human-name.js';

const chalmers = fixtureJson<Patient>('fhir/Patient-example.json');

describe('preferredHumanName', () => {
  it('prefers the official name over usual and maiden names (Patient/example)', () => {
    assert.equal(preferredHumanName(chalmers.name)?.family, 'Chalmers');
    assert.equal(preferredHumanName(chalmers.name)?.use, 'official');
  });

  it('falls back through usual, no use, nickname, and old last', () => {
    const names: HumanName[] = [{ use: 'old', family: 'Old' }, { use: 'nickname', given: ['Nick'] }, { family: 'Plain' }, { use: 'usual', given: ['Jim'] }];
    assert.equal(preferredHumanName(names)?.given?.[0], 'Jim');
    assert.equal(preferredHumanName(names.slice(0, 3))?.family, 'Plain');
    assert.equal(preferredHumanName(names.slice(0, 2))?.given?.[0], 'Nick');
    assert.equal(preferredHumanName(names.slice(0, 1))?.family, 'Old');
  });

  it('skips names with nothing to show and is total', () => {
    assert.equal(preferredHumanName([{ use: 'official' }, { use: 'usual', text: 'Jim' }])?.text, 'Jim');
    assert.equal(preferredHumanName(undefined), undefined);
    assert.equal(preferredHumanName([]), undefined);
    assert.equal(preferredHumanName([null as unknown as HumanName]), undefined);
  });
});

describe('formatHumanName', () => {
  it('writes the display style with prefixes and suffixes in recorded order and casing', () => {
    assert.equal(formatHumanName(preferredHumanName(chalmers.name), { locale: 'en-GB' }), 'Peter James Chalmers');
    assert.equal(formatHumanName({ family: 'van Gogh', given: ['Vincent', 'Willem'], prefix: ['Dr.'], suffix: ['PhD'] }, { locale: 'en-US' }), 'Dr. Vincent Willem van Gogh PhD');
  });

  it('writes the banner style FAMILY, Given (Title)', () => {
    assert.equal(formatHumanName(chalmers.name?.[0], { locale: 'en-GB', style: 'banner' }), 'CHALMERS, Peter James');
    assert.equal(formatHumanName({ family: 'Kreiger', given: ['Clemente'], prefix: ['Mr.'] }, { locale: 'en-US', style: 'banner' }), 'KREIGER, Clemente (Mr.)');
    assert.equal(formatHumanName({ family: 'Smith', given: ['John'], prefix: ['Dr'], suffix: ['Jr'] }, { locale: 'en-GB', style: 'banner' }), 'SMITH, John Jr (Dr)');
    assert.equal(formatHumanName({ given: ['Jim'] }, { locale: 'en-GB', style: 'banner' }), 'Jim');
    assert.equal(formatHumanName({ family: 'Müller' }, { locale: 'de-DE', style: 'banner' }), 'MÜLLER');
  });

  it('capitalises by the locale', () => {
    assert.equal(formatHumanName({ family: 'Yildiz', given: ['Ayşe'] }, { locale: 'tr-TR', style: 'banner' }), 'YİLDİZ, Ayşe');
  });

  it('shows text when the name has no parts, skips null parts, and never throws', () => {
    assert.equal(formatHumanName({ text: 'Dr Ann Other' }, { locale: 'en-GB', style: 'banner' }), 'Dr Ann Other');
    assert.equal(formatHumanName({ family: 'Doe', given: [null, 'Jane'] }, { locale: 'en-GB' }), 'Jane Doe');
    assert.equal(formatHumanName(undefined, { locale: 'en-GB' }), '');
    assert.equal(formatHumanName({}, { locale: 'en-GB', style: 'banner' }), '');
    assert.equal(formatHumanName({ family: 'Doe' }, { locale: 'not a locale!', style: 'banner' }), 'DOE');
  });
});
