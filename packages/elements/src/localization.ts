import { configureLocalization, type LocaleModule } from '@lit/localize';

import { sourceLocale, targetLocales } from './generated/locale-codes.js';

/** The language Chartwell's built-in text is written in. */
export const sourceTextLocale = sourceLocale;

/** The languages Chartwell's built-in text is translated into (`npm run i18n` builds them from `xliff/`). */
export const targetTextLocales = targetLocales;

/** A language Chartwell's text exists in. */
export type TextLocale = typeof sourceTextLocale | (typeof targetTextLocales)[number];

const loaders: Record<(typeof targetTextLocales)[number], () => Promise<LocaleModule>> = {
  es: () => import('./generated/locales/es.js'),
};

let setLocale: ((locale: string) => Promise<void>) | undefined;
let getLocale: (() => string) | undefined;
let hostOwnsLocalization = false;

/**
 * The language of Chartwell's text for a BCP 47 locale: its language when Chartwell is translated
 * into it (`es-MX` → `es`), else English.
 */
export function textLocaleFor(locale: string): TextLocale {
  const language = locale.toLowerCase().split(/[-_]/)[0] ?? '';
  return (targetTextLocales as readonly string[]).includes(language) ? (language as TextLocale) : sourceTextLocale;
}

/**
 * The language Chartwell's text is in now (once the translation has loaded): `en` until
 * {@link setTextLocale} has switched it, or when the page's own `@lit/localize` owns the language.
 */
export function currentTextLocale(): string {
  return getLocale?.() ?? sourceTextLocale;
}

/**
 * Switches Chartwell's built-in text to the language of `locale` (`es-MX` → Spanish), loading the
 * translation on first use; every element re-renders. `<cw-chart-provider locale>` calls it, so
 * hosts rarely need to. The text language is one per page (`@lit/localize` keeps it globally).
 *
 * A host that configures `@lit/localize` itself owns the text language: this then does nothing
 * (with one console warning), and the host's `loadLocale` should merge Chartwell's `templates`
 * from `@chartwell/elements/locales/es.js` into its own.
 */
export async function setTextLocale(locale: string): Promise<void> {
  if (hostOwnsLocalization) return;
  if (!setLocale) {
    try {
      ({ setLocale, getLocale } = configureLocalization({
        sourceLocale: sourceTextLocale,
        targetLocales: targetTextLocales,
        loadLocale: (language) => loaders[language as (typeof targetTextLocales)[number]](),
      }));
    } catch {
      hostOwnsLocalization = true;
      console.warn('Chartwell: @lit/localize is configured by the page; Chartwell text follows its locale.');
      return;
    }
  }
  await setLocale(textLocaleFor(locale));
}
