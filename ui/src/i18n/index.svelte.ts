// The active language and the t() lookup. Reading `t` inside a template or $derived tracks the
// locale, so switching language re-renders without a reload.
import { en } from "./en";
import { zhCN } from "./zh-CN";
import type { MessageKey, Messages } from "./types";
import type { Locale } from "../format";

export type { MessageKey } from "./types";

const catalogs: Record<Locale, Messages> = { en, "zh-CN": zhCN };

let current = $state<Locale>("en");

export function locale(): Locale {
  return current;
}

export function setLocale(next: Locale): void {
  current = next;
  document.documentElement.lang = next;
}

export function normaliseLocale(value: string | null | undefined): Locale {
  return value && value.toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}

export type Params = Record<string, string | number>;

export function t(key: MessageKey, params?: Params): string {
  const text = catalogs[current][key] ?? en[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
