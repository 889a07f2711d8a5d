// The page's language: one i18next instance with every namespace bundled (no network at run
// time), English as the source and fallback. The UI (src/ui/i18n/LocaleController.ts) re-renders
// on a change; the CLI never changes it, so it stays English. Numbers go through Intl per language.
import i18next from 'i18next';
import { NAMESPACES, resources } from './resources';

export const LANGUAGES = ['en', 'ja'] as const;
export type Language = (typeof LANGUAGES)[number];
/** The switch's own labels: each language named in itself. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', ja: '日本語' };

const instance = i18next.createInstance();
void instance.init({
  resources,
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: LANGUAGES,
  ns: NAMESPACES,
  defaultNS: 'app',
  // Keys are flat ('badge.starting'): a dot is part of the key, not a path.
  keySeparator: false,
  // lit escapes what it renders; escaping here too would show &amp; in text.
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});

/** Translates a key (`ns:key`) in the current language, with `{{name}}` interpolation and `count` plurals. */
export const t = instance.t.bind(instance) as typeof instance.t;

export const isLanguage = (v: unknown): v is Language => typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);

export function language(): Language {
  const l = instance.language;
  return isLanguage(l) ? l : 'en';
}

export function setLanguage(l: Language): void {
  if (l !== instance.language) void instance.changeLanguage(l);
}

/** Calls `fn` after every change of language; returns the unsubscribe. */
export function onLanguageChange(fn: (l: Language) => void): () => void {
  const handler = (): void => fn(language());
  instance.on('languageChanged', handler);
  return () => instance.off('languageChanged', handler);
}

/**
 * The language to start in: `lang=` when it names one we have, else the first of the browser's
 * languages we have (`ja-JP` → ja), else English.
 */
export function pickLanguage(param: string | null, preferred: readonly string[]): Language {
  if (isLanguage(param)) return param;
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

const formats = new Map<string, Intl.NumberFormat>();
/** A cached Intl.NumberFormat for the current language. */
export function numberFormat(options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${language()} ${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(language(), options);
    formats.set(key, f);
  }
  return f;
}
