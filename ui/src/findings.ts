// Findings come from the core as codes with parameters; this turns them into sentences in the
// user's language and says where to jump to fix them. Parameters arrive as raw text (decimal
// strings, ids, "2026-10"); each is formatted by what it is, never recomputed.
import type { Finding } from "./bindings/Finding";
import type { Plan } from "./bindings/Plan";
import { en } from "./i18n/en";
import { t, locale, type MessageKey } from "./i18n/index.svelte";
import { formatDate, formatMoney, formatMonth, formatNumber, formatPercent } from "./format";
import { isPage, navKey, type PageId, type SupportTab, type TargetsTab } from "./steps";
import { app } from "./state.svelte";

type Kind = "money" | "rate" | "percent" | "number";

const DATE_PARAMS = new Set(["start", "end", "deadline", "last_order", "period_start", "as_of"]);
const MONEY_PARAMS = new Set(["locked", "total", "excess", "remainder", "difference", "collections", "target", "gap", "repeat", "amount"]);
/** `value` and `sum` mean different things in different findings. */
const BY_CODE: Record<string, Kind> = {
  "funnel.rate_out_of_range": "rate",
  "cashin.bad_debt_out_of_range": "rate",
  "cashin.term_out_of_range": "rate",
  "funnel.zero_deal_size": "money",
  "funnel.negative_amount": "money",
  "cashin.negative_amount": "money",
  "cashin.cannot_split": "money",
  "allocation.not_at_minor_unit": "money",
  "allocation.negative_total": "money",
  "allocation.manual_sum_mismatch": "money",
  "allocation.percent_sum_not_100": "percent",
  "allocation.over_assignment_negative": "percent",
};

function formatParam(code: string, name: string, value: string): string {
  const loc = locale();
  const currency = app.doc?.plan.header.currency ?? "CNY";
  if (name === "growth" || name === "min" || name === "max") return formatPercent(value, { signed: name === "growth", places: 1 });
  if (DATE_PARAMS.has(name)) return formatDate(value, loc);
  if (name === "month") return formatMonth(value, loc);
  if (name === "dimension") return known(`dimName.${value}`) ? t(`dimName.${value}` as MessageKey) : value;
  if (name === "stage") return known(`funnel.stage.${value}`) ? t(`funnel.stage.${value}` as MessageKey) : value;
  if (name === "reason") return known(`finding.reason.${value}`) ? t(`finding.reason.${value}` as MessageKey) : value;
  if (code === "rfm.tied_scores" && name === "score") return known(`support.rfm.dim.${value}`) ? t(`support.rfm.dim.${value}` as MessageKey) : value;
  if (code === "nps.negative" && name === "score") return formatNumber(value);
  if (name === "index") return /^\d+$/.test(value) ? String(Number(value) + 1) : value;
  if (name === "sum_percent") return `${formatNumber(value)}%`;
  if (MONEY_PARAMS.has(name)) return formatMoney(value, currency, loc);
  if (name === "value" || name === "sum") {
    const kind = BY_CODE[code] ?? "number";
    if (kind === "money") return formatMoney(value, currency, loc);
    if (kind === "rate") return formatPercent(value, { places: 1 });
    if (kind === "percent") return `${formatNumber(value)}%`;
    return formatNumber(value);
  }
  return value;
}

function known(key: string): boolean {
  return key in en;
}

export function findingText(f: Finding): string {
  const key = `finding.${f.code}`;
  if (!known(key)) return t("finding.unknown", { code: f.code });
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(f.params)) params[name] = formatParam(f.code, name, value);
  return t(key as MessageKey, params);
}

/** Section 2's findings name the part of the step ("market", "customers"), not the page. */
const SUPPORT_STEPS = new Set(["market", "customers"]);

export function findingPage(f: Finding): PageId {
  if (SUPPORT_STEPS.has(f.target.step)) return "support";
  return isPage(f.target.step) ? f.target.step : "overview";
}

/** The support sub-step a section-2 finding belongs to (by its field and code). */
export function supportTabOf(f: Finding): SupportTab {
  const field = f.target.field;
  if (field === "competition" || f.code.startsWith("swot.")) return "competition";
  if (field === "personas") return "personas";
  if (f.target.step === "customers") return "customers";
  return "market";
}

/** The data-focus key of the control a section-2 finding is about (support:<tab>:…). */
function supportFocusKey(f: Finding): string {
  const tab = supportTabOf(f);
  const { item_id: item, field } = f.target;
  if (item) return `support:${tab}:${tab === "competition" && f.code.startsWith("swot.") ? "factor" : "item"}:${item}`;
  if (field === "nps") return "support:market:nps";
  if (field === "as_of" || field === "rule" || field === "orders") return `support:customers:${field}`;
  return `support:${tab}:add`;
}

export type DriverKind = "split" | "funnel" | "cashin" | "phasing";

/** What kind of driver a finding's driver id names (a goal's id: its default phasing). */
export function driverKind(f: Finding, plan: Plan | undefined): DriverKind | null {
  const id = f.target.driver_id;
  if (!id || !plan) return null;
  const d = plan.drivers;
  if (d.decompositions.some((x) => x.id === id)) return "split";
  if (d.funnels.some((x) => x.id === id)) return "funnel";
  if (d.cash_in.some((x) => x.id === id)) return "cashin";
  if (d.phasing.some((x) => x.id === id) || id === f.target.goal_id) return "phasing";
  return null;
}

/** The targets sub-step a finding belongs to. */
export function findingTab(f: Finding, plan: Plan | undefined): TargetsTab {
  const kind = driverKind(f, plan);
  if (kind) return kind;
  if (f.target.field === "phasing") return "phasing";
  if (f.target.field === "dimensions") return "split";
  return "goals";
}

const TAB_KEYS: Record<TargetsTab, MessageKey> = {
  goals: "tabs.goals", split: "tabs.split", phasing: "tabs.phasing", funnel: "tabs.funnel", cashin: "tabs.cashin",
};

/** Where a finding is, for the findings list: "Targets · Split · Grow Q4 bookings…". */
export function findingPlace(f: Finding, plan: Plan | undefined): string {
  const page = findingPage(f);
  let step = t(navKey(page));
  if (page === "targets" && f.target.driver_id) step += ` · ${t(TAB_KEYS[findingTab(f, plan)])}`;
  if (page === "support") step += ` · ${t(`support.tab.${supportTabOf(f)}` as MessageKey)}`;
  const goal = f.target.goal_id ? plan?.goals.find((g) => g.id === f.target.goal_id) : undefined;
  if (!goal) return step;
  const name = goal.statement.trim() || goal.metric.trim() || t("goal.untitled");
  return `${step} · ${name.length > 48 ? name.slice(0, 47) + "…" : name}`;
}

const SPLIT_ENTRY_FIELDS: Record<string, string> = {
  manual_amount: "input", manual_percent: "input", adjustment: "input", locked: "lock", commitment: "commitment",
};
const CASH_FIELDS: Record<string, string> = {
  terms: "terms", bad_debt_share: "bad_debt", opening_receivables: "opening", opening_profile: "profile", cash_in: "kpis",
};

function driverFocusKey(f: Finding, kind: DriverKind): string {
  const { driver_id: d, goal_id, field } = f.target;
  if (kind === "phasing") return `goal:${goal_id}:phasing`;
  if (kind === "funnel") return `funnel:${d}`;
  if (kind === "cashin") return field && CASH_FIELDS[field] ? `cashin:${d}:${CASH_FIELDS[field]}` : `cashin:${d}`;
  const member = f.params["member"];
  if (member && field && SPLIT_ENTRY_FIELDS[field]) return `split:${d}:${member}:${SPLIT_ENTRY_FIELDS[field]}`;
  // A member without history is fixed by the method (or the years), not in its row.
  if (field === "over_assignment" || field === "method" || field === "baseline") return `split:${d}:${field === "baseline" ? "method" : field}`;
  return `split:${d}`;
}

/** The data-focus key of the control to focus for a finding. */
export function findingFocusKey(f: Finding): string | null {
  const { goal_id, field, step } = f.target;
  if (findingPage(f) === "support") return supportFocusKey(f);
  const kind = driverKind(f, app.doc?.plan);
  if (kind) return driverFocusKey(f, kind);
  if (goal_id && field) return `goal:${goal_id}:${field}`;
  if (step === "header" && field) return `header:${field}`;
  if (step === "targets" && field === "dimensions") {
    const member = f.params["member_id"];
    if (member) return `member:${member}:name`;
    return f.code === "dimensions.empty_org" ? "add:region" : "dimensions";
  }
  if (f.code === "targets.no_bookings_goal") return "add:bookings";
  if (f.code === "targets.no_cash_in_goal") return "add:cash_in";
  return null;
}

/** A goal's own findings (SMART, values); those of its splits, funnel etc. show with them. */
export function findingsForGoal(findings: Finding[], goalId: string): Finding[] {
  return findings.filter((f) => f.target.goal_id === goalId && !f.target.driver_id);
}

/** Findings about one driver (a split, funnel, cash-in plan or phasing rule). */
export function findingsForDriver(findings: Finding[], driverId: string): Finding[] {
  return findings.filter((f) => f.target.driver_id === driverId);
}

export function findingsForPage(findings: Finding[], page: PageId): Finding[] {
  return findings.filter((f) => findingPage(f) === page && page !== "overview");
}
