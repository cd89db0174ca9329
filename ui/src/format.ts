// Display formatting. Amounts and rates arrive from the core as canonical decimal STRINGS
// ("13000000", "0.3", "-1234.5"); they are formatted here by string manipulation only — no
// conversion to floating point, so what the user sees is exactly what the core computed.

export type Locale = "zh-CN" | "en";

interface Dec {
  neg: boolean;
  int: string; // digits, no leading zeros except a single "0"
  frac: string; // digits, may be empty
}

const DEC_RE = /^(-)?(\d+)(?:\.(\d+))?$/;

/** Parses canonical decimal text; null when it is not one. */
export function parseDec(text: string): Dec | null {
  const m = DEC_RE.exec(text.trim());
  if (!m) return null;
  const int = (m[2] ?? "0").replace(/^0+(?=\d)/, "");
  return { neg: m[1] === "-", int, frac: m[3] ?? "" };
}

export function isDecimalText(text: string): boolean {
  return DEC_RE.test(text.trim());
}

function isZero(d: Dec): boolean {
  return /^0*$/.test(d.int + d.frac);
}

function toText(d: Dec): string {
  const frac = d.frac.replace(/0+$/, "");
  const int = d.int.replace(/^0+(?=\d)/, "") || "0";
  const sign = d.neg && !isZero(d) ? "-" : "";
  return sign + int + (frac ? "." + frac : "");
}

/** Inserts "," every three digits (zh-CN and en both group by thousands). */
export function groupDigits(int: string): string {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Rounds half away from zero to `places` fraction digits, on the digit string. */
export function roundDec(text: string, places: number): string {
  const d = parseDec(text);
  if (!d) return text;
  if (d.frac.length <= places) return toText(d);
  const kept = d.int + d.frac.slice(0, places);
  const next = d.frac.charAt(places);
  let digits = kept;
  if (next >= "5") {
    const arr = kept.split("");
    let i = arr.length - 1;
    for (; i >= 0; i--) {
      if (arr[i] === "9") arr[i] = "0";
      else { arr[i] = String(Number(arr[i]) + 1); break; }
    }
    digits = (i < 0 ? "1" : "") + arr.join("");
  }
  const intLen = digits.length - places;
  return toText({ neg: d.neg, int: digits.slice(0, intLen) || "0", frac: digits.slice(intLen) });
}

/** Moves the decimal point `n` places right (negative: left): ×10ⁿ without arithmetic. */
export function shiftPoint(text: string, n: number): string {
  const d = parseDec(text);
  if (!d) return text;
  const digits = d.int + d.frac;
  const pos = d.int.length + n;
  let int: string, frac: string;
  if (pos <= 0) { int = "0"; frac = "0".repeat(-pos) + digits; }
  else if (pos >= digits.length) { int = digits + "0".repeat(pos - digits.length); frac = ""; }
  else { int = digits.slice(0, pos); frac = digits.slice(pos); }
  return toText({ neg: d.neg, int, frac });
}

/** Formats with grouping and at least `minFrac` fraction digits (padded, never rounded). */
export function formatNumber(text: string, minFrac = 0): string {
  const d = parseDec(text);
  if (!d) return text;
  const frac = d.frac.replace(/0+$/, "").padEnd(minFrac, "0");
  const sign = d.neg && !isZero(d) ? "-" : "";
  return sign + groupDigits(d.int) + (frac ? "." + frac : "");
}

/** Fraction digits of a currency's minor unit (CNY/USD 2, JPY 0), from the platform's ISO data. */
export function minorUnits(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().minimumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

const SYMBOLS: Record<string, { en: string; zh: string }> = {
  CNY: { en: "¥", zh: "¥" },
  USD: { en: "$", zh: "US$" },
  EUR: { en: "€", zh: "€" },
  GBP: { en: "£", zh: "£" },
  HKD: { en: "HK$", zh: "HK$" },
  JPY: { en: "JP¥", zh: "JP¥" },
  SGD: { en: "S$", zh: "S$" },
};

export function currencySymbol(currency: string, locale: Locale): string | null {
  const s = SYMBOLS[currency.toUpperCase()];
  return s ? (locale === "zh-CN" ? s.zh : s.en) : null;
}

/** "¥1,234,567.00" for currencies with a well-known symbol, else "1,234,567.00 XYZ". */
export function formatMoney(text: string, currency: string, locale: Locale): string {
  const body = formatNumber(text.replace(/^-/, ""), minorUnits(currency));
  const sign = text.trim().startsWith("-") && !isZero(parseDec(text) ?? { neg: false, int: "0", frac: "" }) ? "-" : "";
  const sym = currencySymbol(currency, locale);
  return sym ? `${sign}${sym}${body}` : `${sign}${body} ${currency}`;
}

/** Amount with its unit: money goals use the currency format, others "12.5 %" / "300 units". */
export function formatAmount(text: string, unit: string, currency: string, locale: Locale): string {
  if (unit.toUpperCase() === currency.toUpperCase()) return formatMoney(text, currency, locale);
  if (unit === "%") return `${formatNumber(text)}%`;
  return unit ? `${formatNumber(text)} ${unit}` : formatNumber(text);
}

/** Money without padding the minor unit: "¥10,000,000", "¥1,234.5" (exact, never rounded). */
export function formatMoneyShort(text: string, currency: string, locale: Locale): string {
  const d = parseDec(text);
  if (!d) return text;
  const sym = currencySymbol(currency, locale);
  const sign = d.neg && !isZero(d) ? "-" : "";
  const body = formatNumber(toText({ ...d, neg: false }));
  return sym ? `${sign}${sym}${body}` : `${sign}${body} ${currency}`;
}

/** Summary-card form: zh-CN shows 万 / 亿 (string shifting), en the exact grouped amount. */
export function formatCompactMoney(text: string, currency: string, locale: Locale): string {
  const d = parseDec(text);
  if (!d || locale !== "zh-CN") return formatMoneyShort(text, currency, locale);
  const sym = currencySymbol(currency, locale) ?? "";
  const suffix = sym ? "" : ` ${currency}`;
  const sign = d.neg && !isZero(d) ? "-" : "";
  const abs = toText({ ...d, neg: false });
  if (d.int.length > 8) return `${sign}${sym}${formatNumber(roundDec(shiftPoint(abs, -8), 2))}亿${suffix}`;
  if (d.int.length > 4) return `${sign}${sym}${formatNumber(roundDec(shiftPoint(abs, -4), 2))}万${suffix}`;
  return formatMoney(text, currency, locale);
}

/** Growth "0.3" → "+30.0%" (signed) or "30%" (plain); the rate is shifted, not multiplied. */
export function formatPercent(rate: string, opts: { signed?: boolean; places?: number } = {}): string {
  const places = opts.places ?? (opts.signed ? 1 : 0);
  const pct = roundDec(shiftPoint(rate, 2), places);
  const d = parseDec(pct);
  if (!d) return rate;
  const frac = d.frac.padEnd(places, "0");
  const body = groupDigits(d.int) + (frac ? "." + frac : "");
  const zero = isZero(d);
  const sign = d.neg && !zero ? "−" : opts.signed && !zero ? "+" : "";
  return `${sign}${body}%`;
}

/** "0.05" → "5" for a percent input. */
export function rateToPercentText(rate: string): string {
  return parseDec(rate) ? shiftPoint(rate, 2) : rate;
}

/** "5" → "0.05"; non-numbers pass through so the core can say what is wrong with them. */
export function percentTextToRate(text: string): string {
  const t = text.trim().replace(/%$/, "").trim();
  return isDecimalText(t) ? shiftPoint(t, -2) : text;
}

function ymdParts(ymd: string): [number, number, number] | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(ymd);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

/** A calendar date (YYYY-MM-DD) in the locale's style; computed in UTC so no day shifts. */
export function formatDate(ymd: string, locale: Locale, style: "medium" | "short" | "long" = "medium"): string {
  const p = ymdParts(ymd);
  if (!p) return ymd;
  const date = new Date(Date.UTC(p[0], p[1] - 1, p[2]));
  return new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: "UTC" }).format(date);
}

export function formatMonth(ymd: string, locale: Locale): string {
  const p = ymdParts(ymd.length === 7 ? `${ymd}-01` : ymd);
  if (!p) return ymd;
  const date = new Date(Date.UTC(p[0], p[1] - 1, 1));
  return new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", timeZone: "UTC" }).format(date);
}

export function formatShortMonth(ymd: string, locale: Locale): string {
  const p = ymdParts(ymd);
  if (!p) return ymd;
  const date = new Date(Date.UTC(p[0], p[1] - 1, 1));
  const f = new Intl.DateTimeFormat(locale, { year: "2-digit", month: locale === "zh-CN" ? "numeric" : "short", timeZone: "UTC" });
  return f.format(date);
}

/** A timestamp (RFC 3339) in local time. */
export function formatDateTime(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(date);
}

/** Weekday name, ISO numbering 1 = Monday … 7 = Sunday. */
export function weekdayName(iso: number, locale: Locale, width: "short" | "long" = "short"): string {
  // 2024-01-01 was a Monday.
  const date = new Date(Date.UTC(2024, 0, iso));
  return new Intl.DateTimeFormat(locale, { weekday: width, timeZone: "UTC" }).format(date);
}
