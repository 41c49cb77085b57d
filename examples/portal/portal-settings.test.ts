import { expect } from '@open-wc/testing';
import { DEFAULT_SETTINGS, SETTINGS_KEY, loadSettings, saveSettings } from './portal-settings.js';

/** A Storage over a Map, so the tests leave the page's localStorage alone. */
class MapStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  clear(): void {
    this.items.clear();
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

describe('demo portal: settings kept in localStorage', () => {
  it('starts from en-GB, Europe/London, light, clinical dates, a 24-hour clock and the administrator signed in', () => {
    expect(loadSettings(new MapStorage())).to.deep.equal({ locale: 'en-GB', timeZone: 'Europe/London', theme: 'light', dateStyle: 'clinical', timeStyle: '24h', signedInAs: 'administrator' });
  });

  it('keeps the settings chosen', () => {
    const storage = new MapStorage();
    saveSettings({ locale: 'es-MX', timeZone: 'America/New_York', theme: 'high-contrast', dateStyle: 'locale', timeStyle: 'locale', signedInAs: 'front-desk' }, storage);
    expect(loadSettings(storage)).to.deep.equal({ locale: 'es-MX', timeZone: 'America/New_York', theme: 'high-contrast', dateStyle: 'locale', timeStyle: 'locale', signedInAs: 'front-desk' });
  });

  it('falls back to the default of each value it does not offer, and of unreadable JSON', () => {
    const storage = new MapStorage();
    storage.setItem(SETTINGS_KEY, JSON.stringify({ locale: 'fr-FR', timeZone: 'Europe/Madrid', theme: 'neon', dateStyle: 42 }));
    expect(loadSettings(storage)).to.deep.equal({ ...DEFAULT_SETTINGS, timeZone: 'Europe/Madrid' });
    storage.setItem(SETTINGS_KEY, '{not json');
    expect(loadSettings(storage)).to.deep.equal(DEFAULT_SETTINGS);
    storage.setItem(SETTINGS_KEY, 'null');
    expect(loadSettings(storage)).to.deep.equal(DEFAULT_SETTINGS);
  });
});
