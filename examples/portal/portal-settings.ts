// The portal's settings (locale, time zone, theme, date and time styles, and who is signed in): the
// choices offered, kept in localStorage, and applied to the <cw-chart-provider>.
import type { CwChartProvider } from '@chartwell/elements';

/** The choices of each setting, in the order the settings page offers them. */
export const SETTING_CHOICES = {
  locale: ['en-GB', 'en-US', 'es-ES', 'es-MX'],
  timeZone: ['Europe/London', 'America/New_York', 'America/Mexico_City', 'Europe/Madrid', 'UTC'],
  theme: ['light', 'dark', 'high-contrast', 'auto'],
  dateStyle: ['clinical', 'locale'],
  timeStyle: ['24h', 'locale'],
  signedInAs: ['administrator', 'clinician', 'front-desk', 'billing'],
} as const;

/** One choice of each setting. */
export type PortalSettings = { -readonly [K in keyof typeof SETTING_CHOICES]: (typeof SETTING_CHOICES)[K][number] };

/** The settings of a first visit. */
export const DEFAULT_SETTINGS: PortalSettings = { locale: 'en-GB', timeZone: 'Europe/London', theme: 'light', dateStyle: 'clinical', timeStyle: '24h', signedInAs: 'administrator' };

/** The localStorage key the settings are kept under. */
export const SETTINGS_KEY = 'chartwell-demo-settings';

/** Whether `value` is one of the choices of `key`. */
export function isChoice<K extends keyof PortalSettings>(key: K, value: unknown): value is PortalSettings[K] {
  return (SETTING_CHOICES[key] as readonly unknown[]).includes(value);
}

/** The kept settings; a missing, unreadable or unknown value falls back to its default. */
export function loadSettings(storage: Storage = localStorage): PortalSettings {
  let kept: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(storage.getItem(SETTINGS_KEY) ?? '{}');
    if (parsed !== null && typeof parsed === 'object') kept = parsed as Record<string, unknown>;
  } catch {
    kept = {};
  }
  const settings = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof PortalSettings)[]) {
    const value = kept[key];
    if (isChoice(key, value)) (settings as Record<string, unknown>)[key] = value;
  }
  return settings;
}

/** Keeps the settings. */
export function saveSettings(settings: PortalSettings, storage: Storage = localStorage): void {
  storage.setItem(SETTINGS_KEY, JSON.stringify(settings));
}

/** Applies the settings to the provider (every widget inside follows at once) and the page's `lang`. */
export function applySettings(provider: CwChartProvider, settings: PortalSettings): void {
  provider.locale = settings.locale;
  provider.timeZone = settings.timeZone;
  provider.theme = settings.theme;
  provider.dateStyle = settings.dateStyle;
  provider.timeStyle = settings.timeStyle;
  document.documentElement.lang = settings.locale;
}
