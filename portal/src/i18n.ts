import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { en } from "./locales/en";
import { zhCN } from "./locales/zh-CN";

export const LANGUAGES = ["zh-CN", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

const STORE = "covenant.lang";

/** The language the browser asks for (zh* → zh-CN, anything else → en), unless the user chose one. */
export function initialLanguage(): Language {
  try {
    const saved = window.localStorage.getItem(STORE);
    if (saved === "zh-CN" || saved === "en") return saved;
  } catch {
    // storage may be off: follow the browser
  }
  const asked = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const l of asked) {
    if (/^zh\b/i.test(l)) return "zh-CN";
    if (/^en\b/i.test(l)) return "en";
  }
  return "en";
}

export function setLanguage(lang: Language): void {
  try {
    window.localStorage.setItem(STORE, lang);
  } catch {
    // not remembered, still switched
  }
  void i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
}

export function initI18n(): typeof i18n {
  const lng = initialLanguage();
  document.documentElement.lang = lng;
  void i18n.use(initReactI18next).init({
    resources: { en: { translation: en }, "zh-CN": { translation: zhCN } },
    lng,
    fallbackLng: false,
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18n;
}
