/**
 * The studio's one i18n layer (i18next): every UI string is a key of a namespace (one per area,
 * `src/i18n/locales/<lng>/<ns>.json`), English complete, German for the authoring screens and the
 * frame. Dates and numbers go through {@link formatDate} and {@link formatNumber}, per locale.
 */
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';

/** The languages the studio speaks, by code, in their own words. */
export const LANGUAGES = { en: 'English', de: 'Deutsch' } as const;
export type Language = keyof typeof LANGUAGES;

const STORAGE_KEY = 'mandate.language';

// Every namespace file of every language, bundled (they are small); a new area adds its file.
const files = import.meta.glob<{ default: Record<string, unknown> }>('./locales/*/*.json', { eager: true });
const resources: Record<string, Record<string, Record<string, unknown>>> = {};
for (const [path, module] of Object.entries(files)) {
  const [, lng, ns] = /\.\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path)!;
  (resources[lng!] ??= {})[ns!] = module.default;
}

function initialLanguage(): Language {
  const stored = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  if (stored && stored in LANGUAGES) return stored as Language;
  const browser = typeof navigator !== 'undefined' ? navigator.language.slice(0, 2) : 'en';
  return browser in LANGUAGES ? (browser as Language) : 'en';
}

export const i18n: I18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources,
  lng: initialLanguage(),
  fallbackLng: 'en',
  defaultNS: 'common',
  ns: Object.keys(resources.en ?? {}),
  interpolation: { escapeValue: false },
  returnNull: false,
});
i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
  localStorage.setItem(STORAGE_KEY, lng);
});
if (typeof document !== 'undefined') document.documentElement.lang = i18n.language;

/** A date and time as the reader's locale writes it (e.g. "7 Dec 2026, 14:05"). */
export function formatDate(value: string | Date, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' }): string {
  return new Intl.DateTimeFormat(i18n.language, options).format(typeof value === 'string' ? new Date(value) : value);
}

/** A number as the reader's locale writes it (grouping, decimal sign; `style: 'percent'` or `'currency'` through options). */
export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(i18n.language, options).format(value);
}
