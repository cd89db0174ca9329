// DEVELOPMENT ONLY. A stand-in for the Rust core so the UI can run in a plain browser
// (`npm run dev`). It is loaded only when window.__TAURI_INTERNALS__ is absent AND the build is
// a dev build; production bundles never contain it. Its "engine" is a rough imitation with
// float maths that exists only to make screens look realistic — the real numbers come from
// salesplan-core. URL switches: ?mock=blank | recovery | readonly | open-error.
import type { Backend } from "./backend";
import type { DocumentView } from "../bindings/DocumentView";
import type { Plan } from "../bindings/Plan";
import type { Goal } from "../bindings/Goal";
import type { PlanEdit } from "../bindings/PlanEdit";
import type { PlanReport } from "../bindings/PlanReport";
import type { Finding } from "../bindings/Finding";
import type { Prefs } from "../bindings/Prefs";
import type { RecoveryItem } from "../bindings/RecoveryItem";
import type { GoalAnalysis } from "../bindings/GoalAnalysis";

const mode = new URLSearchParams(location.search).get("mock") ?? "";
const id = () => crypto.randomUUID();
const pad = (n: number) => String(n).padStart(2, "0");

const HISTORY: [number, number][] = [
  [2600000, 2350000], [2750000, 2500000], [3250000, 2950000], [1900000, 2300000], [1700000, 1650000],
  [2300000, 2150000], [2400000, 2250000], [2500000, 2400000], [2700000, 2500000], [2450000, 2450000],
  [2400000, 2350000], [2650000, 2500000], [3000000, 2700000], [3200000, 3000000], [3800000, 3500000],
  [2200000, 2900000], [2000000, 1900000], [2600000, 2450000], [2750000, 2600000], [2850000, 2700000],
  [3050000, 2850000], [2800000, 2800000], [2700000, 2650000], [3000000, 2850000],
];

function template(zh: boolean): Plan {
  const t = (a: string, b: string) => (zh ? a : b);
  const goal = (kind: "bookings" | "cash_in", base: string, target: string): Goal => ({
    id: id(), layer: "company", kind, unit: "CNY", baseline: base, target, deadline: "2026-12-31",
    parent_id: null,
    statement: kind === "bookings" ? t("Q4销售额同比增长30%，达到1300万元", "Grow Q4 bookings 30 % over last Q4, to ¥13m")
      : t("Q4回款同比增长30%，达到1196万元", "Collect ¥11.96m in Q4, 30 % more than last Q4"),
    metric: kind === "bookings" ? t("销售额（订单额）", "Bookings revenue") : t("进账（回款额）", "Cash-in (collections)"),
    owner: kind === "bookings" ? t("王磊（CEO）", "Wang Lei (CEO)") : t("李娜（财务总监）", "Li Na (CFO)"),
    rationale: kind === "bookings"
      ? t("去年Q4销售额1000万元。推出新品并启动老客复购激励。增长30%高于历史水平，但跳一跳够得着。", "Last Q4 we booked ¥10m. A new product launch and a repeat-purchase incentive make +30 % a stretch we can reach.")
      : t("订单增长必须变成现金：回款目标与订单目标同步增长30%。", "Growth has to turn into cash: collections must grow in step with bookings."),
  });
  return {
    header: {
      title: t("Q4销售额增长30%", "Q4 sales +30 %"), company: t("星辰智能设备有限公司", "Starlight Smart Devices Ltd."),
      currency: "CNY", period_start: "2026-10-01", period_end: "2026-12-31", locale: zh ? "zh-CN" : "en",
      authors: t("王磊、李娜", "Wang Lei, Li Na"),
      calendar: {
        weekdays: [1, 2, 3, 4, 5],
        holidays: [1, 2, 5, 6, 7].map((d) => ({ date: `2026-10-${pad(d)}`, name: t("国庆节", "National Day") })),
        extra_workdays: [{ date: "2026-10-10", name: t("国庆调休上班", "National Day make-up workday") }],
      },
    },
    settings: { stretch_from: "0.05", aggressive_from: "0.4", achievable_min: "0", achievable_max: "0.6" },
    baseline: HISTORY.map(([b, c], i) => {
      const m = 9 + i; // 2024-10 is index 0
      return { id: id(), month: `${2024 + Math.floor(m / 12)}-${pad((m % 12) + 1)}-01`, bookings: String(b), cash_in: String(c) };
    }),
    goals: [goal("bookings", "10000000", "13000000"), goal("cash_in", "9200000", "11960000")],
    dimensions: {
      org: [],
      tiers: ([["A类客户", "Tier A key accounts", "A"], ["B类客户", "Tier B growth accounts", "B"], ["C类客户", "Tier C long-tail accounts", "C"]] as const)
        .map(([zhName, enName, code]) => ({ id: id(), name: t(zhName, enName), code })),
      products: [],
      channels: [],
    },
    // Drivers and member history only exist in the real core's template; the preview shows the
    // section-1 tabs empty (their empty states), never imitated numbers.
    baseline_splits: [],
    drivers: { decompositions: [], phasing: [], funnels: [], cash_in: [] },
    // Section 2 likewise: empty lists, so the preview shows the Support step's empty states.
    support: {
      market_items: [], factors: [], nps: null, attributes: [], competitors: [], personas: [],
      rfm: { as_of: null, rule: { rule: "scores", a_min_score: 12, b_min_score: 8 } },
    },
  };
}

function blank(zh: boolean): Plan {
  const p = template(zh);
  p.header.title = ""; p.header.company = ""; p.header.authors = "";
  p.header.calendar.holidays = []; p.header.calendar.extra_workdays = [];
  p.baseline = []; p.goals = [];
  return p;
}

const num = (s: string) => Number(s);
const dec = (n: number) => String(Number(n.toFixed(6)));

function report(plan: Plan): PlanReport {
  const findings: Finding[] = [];
  const h = plan.header, s = plan.settings;
  const step = (code: string, severity: Finding["severity"], st: string, field: string | null, params = {}) =>
    findings.push({ code, severity, params, target: { step: st, goal_id: null, field, driver_id: null, item_id: null } });
  if (!h.title.trim()) step("header.title_missing", "warning", "header", "title");
  if (h.period_end < h.period_start) step("header.period_reversed", "error", "header", "period_end", { start: h.period_start, end: h.period_end });
  if (h.calendar.weekdays.length === 0) step("header.no_workdays", "error", "header", "weekdays");
  const has = (k: string) => plan.goals.some((g) => g.layer === "company" && g.kind === k);
  if (!has("bookings")) step("targets.no_bookings_goal", "warning", "targets", null);
  if (!has("cash_in")) step("targets.no_cash_in_goal", "warning", "targets", null);
  const goals: GoalAnalysis[] = plan.goals.map((g) => {
    const f = (code: string, severity: Finding["severity"], field: string, params: Record<string, string> = {}) =>
      findings.push({ code, severity, params, target: { step: "targets", goal_id: g.id, field, driver_id: null, item_id: null } });
    const specific = !g.statement.trim() ? (f("smart.specific.no_statement", "warning", "statement"), "fail" as const)
      : !g.metric.trim() ? (f("smart.specific.no_metric", "warning", "metric"), "fail" as const) : "pass" as const;
    const measurable = g.target === null ? (f("smart.measurable.no_target", "warning", "target"), "fail" as const)
      : !g.unit.trim() ? (f("smart.measurable.no_unit", "warning", "unit"), "fail" as const) : "pass" as const;
    const growth = g.baseline !== null && g.target !== null && num(g.baseline) > 0 ? dec(num(g.target) / num(g.baseline) - 1) : null;
    let achievable: "pass" | "fail" | "unknown" = "pass";
    if (growth === null) { f("smart.achievable.no_baseline", "hint", "baseline"); achievable = "unknown"; }
    else if (num(growth) < num(s.achievable_min)) { f("smart.achievable.below_band", "warning", "target", { growth, min: s.achievable_min }); achievable = "fail"; }
    else if (num(growth) > num(s.achievable_max)) { f("smart.achievable.above_band", "warning", "target", { growth, max: s.achievable_max }); achievable = "fail"; }
    const relevant = g.layer === "company" || g.parent_id ? "pass" as const : (f("smart.relevant.no_parent", "warning", "parent_id"), "fail" as const);
    const time_bound = !g.deadline ? (f("smart.time_bound.no_deadline", "warning", "deadline"), "fail" as const)
      : g.deadline < h.period_start || g.deadline > h.period_end
        ? (f("smart.time_bound.outside_period", "warning", "deadline", { deadline: g.deadline, start: h.period_start, end: h.period_end }), "fail" as const)
        : "pass" as const;
    const band = growth === null ? null : num(growth) < 0 ? "below_history" as const : num(growth) < num(s.stretch_from) ? "hold" as const
      : num(growth) < num(s.aggressive_from) ? "stretch" as const : "aggressive" as const;
    return { goal_id: g.id, growth, band, smart: { specific, measurable, achievable, relevant, time_bound } };
  });
  const order = { error: 0, warning: 1, hint: 2 };
  findings.sort((a, b) => order[a.severity] - order[b.severity]);
  const shift = (d: string) => `${Number(d.slice(0, 4)) - 1}${d.slice(4, 7)}`;
  const [ws, we] = [shift(h.period_start), shift(h.period_end)];
  const inWin = plan.baseline.filter((m) => m.month.slice(0, 7) >= ws && m.month.slice(0, 7) <= we);
  const last12 = plan.baseline.slice(-12);
  const sum = (xs: typeof plan.baseline, k: "bookings" | "cash_in") => dec(xs.reduce((a, m) => a + num(m[k]), 0));
  const count = (sv: string) => findings.filter((x) => x.severity === sv).length;
  return {
    goals, findings, health: { errors: count("error"), warnings: count("warning"), hints: count("hint") },
    phasing: [], // the browser preview does not phase; the core does
    breakdown: { splits: [], funnels: [], cash_in: [] },
    support: {
      nps: null, competition: { attributes: [], companies: [] },
      swot: { strengths: [], weaknesses: [], opportunities: [], threats: [], opportunity_weight: "0", threat_weight: "0", balance: null },
      customers: { orders: null, rfm: null, seeds: [] },
    },
    baseline: {
      months: plan.baseline.length, first_month: plan.baseline[0]?.month ?? null, last_month: plan.baseline.at(-1)?.month ?? null,
      same_period_bookings: sum(inWin, "bookings"), same_period_cash_in: sum(inWin, "cash_in"), same_period_months: inWin.length,
      trailing_12m_bookings: sum(last12, "bookings"), trailing_12m_cash_in: sum(last12, "cash_in"),
    },
  };
}

const invalid = (message: string) => ({ code: "invalid_value", message, path: null });
const isDec = (v: string) => /^-?\d+(\.\d+)?$/.test(v.trim());
const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v.trim());

function apply(p: Plan, e: PlanEdit): void {
  switch (e.op) {
    case "set_header":
      if (e.field === "weekdays") p.header.calendar.weekdays = e.value.split(",").filter(Boolean).map(Number);
      else if ((e.field === "period_start" || e.field === "period_end") && !isDate(e.value)) throw invalid(`${e.field.replace("_", " ")}: "${e.value}" is not a date (YYYY-MM-DD)`);
      else if (e.field === "currency" && !/^[A-Za-z]{3}$/.test(e.value.trim())) throw invalid(`currency: "${e.value}" is not an ISO 4217 code (e.g. CNY, USD)`);
      else (p.header as Record<string, unknown>)[e.field] = e.field === "currency" ? e.value.trim().toUpperCase() : e.value;
      return;
    case "set_day": { const l = p.header.calendar[e.list].filter((d) => d.date !== e.date); l.push({ date: e.date, name: e.name }); l.sort((a, b) => a.date.localeCompare(b.date)); p.header.calendar[e.list] = l; return; }
    case "remove_day": p.header.calendar[e.list] = p.header.calendar[e.list].filter((d) => d.date !== e.date); return;
    case "set_setting": if (!isDec(e.value)) throw invalid(`threshold: "${e.value}" is not a number (use digits and an optional decimal point, e.g. 1234.56)`); p.settings[e.field] = e.value; return;
    case "add_goal": p.goals.push({ id: id(), layer: e.layer, kind: e.kind, statement: "", metric: "", unit: e.kind === "bookings" || e.kind === "cash_in" ? p.header.currency : "", baseline: null, target: null, deadline: null, owner: "", rationale: "", parent_id: null }); return;
    case "update_goal": {
      const g = p.goals.find((x) => x.id === e.id);
      if (!g) throw { code: "invalid_argument", message: `no goal with id ${e.id}`, path: null };
      if ((e.field === "baseline" || e.field === "target") && e.value.trim() && !isDec(e.value)) throw invalid(`${e.field}: "${e.value}" is not a number (use digits and an optional decimal point, e.g. 1234.56)`);
      if (e.field === "deadline" && e.value.trim() && !isDate(e.value)) throw invalid(`deadline: "${e.value}" is not a date (YYYY-MM-DD)`);
      const nullable = ["baseline", "target", "deadline", "parent_id"].includes(e.field);
      (g as Record<string, unknown>)[e.field] = nullable && !e.value.trim() ? null : e.value.trim() && nullable ? e.value.trim() : e.value;
      return;
    }
    case "remove_goal": p.goals = p.goals.filter((g) => g.id !== e.id); return;
    case "add_baseline_month": { const m = `${e.month.slice(0, 7)}-01`; if (!p.baseline.some((x) => x.month === m)) { p.baseline.push({ id: id(), month: m, bookings: "0", cash_in: "0" }); p.baseline.sort((a, b) => a.month.localeCompare(b.month)); } return; }
    case "update_baseline": { if (!isDec(e.value)) throw invalid(`amount: "${e.value}" is not a number (use digits and an optional decimal point, e.g. 1234.56)`); const m = p.baseline.find((x) => x.id === e.id); if (m) m[e.field] = e.value.trim(); return; }
    case "remove_baseline_month": p.baseline = p.baseline.filter((m) => m.id !== e.id); return;
    default: applyDimension(p, e);
  }
}

// Dev only: just enough of the core's dimension edits (edit/dimensions.rs) for `npm run dev`.
// The real rules, messages and list order live in the core; this is not a second copy of them.
function applyDimension(p: Plan, e: PlanEdit): void {
  const d = p.dimensions;
  const list = (k: string): { id: string; name: string; code: string | null; parent_id?: string | null }[] =>
    k === "org" ? d.org : k === "tier" ? d.tiers : k === "product" ? d.products : d.channels;
  const taken = (l: ReturnType<typeof list>, parent: string | null, name: string, except?: string) =>
    l.some((m) => (m.parent_id ?? null) === parent && m.id !== except && m.name.trim().toLowerCase() === name.trim().toLowerCase());
  switch (e.op) {
    case "add_member": {
      if (!e.name.trim()) throw invalid("name: a member needs a name");
      const l = list(e.dimension);
      if (taken(l, e.parent_id, e.name)) throw invalid(`name: "${e.name.trim()}" is already taken by a member at the same level`);
      if (e.dimension !== "org") { l.push({ id: id(), name: e.name.trim(), code: null }); return; }
      const parent = d.org.find((m) => m.id === e.parent_id);
      if (parent?.level === "rep") throw invalid("parent: a rep is the last level of the org tree and cannot have members");
      const level = !parent ? "region" : parent.level === "region" ? "team" : "rep";
      const last = d.org.map((m) => m.parent_id).lastIndexOf(e.parent_id);
      const at = last >= 0 ? last + 1 : parent ? d.org.indexOf(parent) + 1 : d.org.length;
      d.org.splice(at, 0, { id: id(), name: e.name.trim(), code: null, level, parent_id: e.parent_id });
      return;
    }
    case "rename_member": {
      const l = list(e.dimension), m = l.find((x) => x.id === e.id);
      if (!m) return;
      if (!e.name.trim()) throw invalid("name: a member needs a name");
      if (taken(l, m.parent_id ?? null, e.name, m.id)) throw invalid(`name: "${e.name.trim()}" is already taken by a member at the same level`);
      m.name = e.name.trim(); return;
    }
    case "set_member_code": { const m = list(e.dimension).find((x) => x.id === e.id); if (m) m.code = e.code.trim() || null; return; }
    case "reorder_member": {
      const l = list(e.dimension), from = l.findIndex((x) => x.id === e.id);
      if (from < 0) return;
      const m = l.splice(from, 1)[0]!;
      const sib = l.flatMap((x, j) => ((x.parent_id ?? null) === (m.parent_id ?? null) ? [j] : []));
      const last = sib.at(-1);
      l.splice(sib[e.index] ?? (last !== undefined ? last + 1 : from), 0, m as never);
      return;
    }
    case "remove_member": {
      const n = e.dimension === "org" ? d.org.filter((m) => m.parent_id === e.id).length : 0;
      if (n > 0) throw invalid(`this member still has ${n} member(s) under it; remove or move them first`);
      const l = list(e.dimension), i = l.findIndex((x) => x.id === e.id);
      if (i >= 0) l.splice(i, 1);
      return;
    }
    case "move_org_member": throw invalid("moving between parents is not in the dev mock");
    case "driver": throw invalid("splits, phasing, funnels and cash-in are computed by the core; the dev mock does not edit them");
  }
}

const zhStart = (new URLSearchParams(location.search).get("lang") ?? navigator.language).startsWith("zh");
let plan: Plan = mode === "blank" ? blank(zhStart) : template(zhStart);
let saved: string | null = mode === "blank" ? null : JSON.stringify(plan);
let filePath: string | null = mode === "blank" ? null : "/home/wang/文档/Q4销售计划.salesplan";
let undoStack: Plan[] = [], redoStack: Plan[] = [];
const q = new URLSearchParams(location.search);
let prefs: Prefs = {
  locale: q.get("lang"), theme: (q.get("theme") as Prefs["theme"] | null) ?? "system",
  recent: ["/home/wang/文档/Q4销售计划.salesplan"],
};
let recovery: RecoveryItem[] = mode === "recovery"
  ? [{ id: "wc-1", title: "Q4销售额增长30%", source: "/home/wang/文档/Q4销售计划.salesplan", updated_at: "2026-09-28T14:32:10Z" }] : [];
const clone = (p: Plan): Plan => structuredClone(p);
const delay = <T>(v: T) => new Promise<T>((r) => setTimeout(() => r(v), 30));

function view(): DocumentView {
  return {
    plan: clone(plan), report: report(plan), file_path: filePath, file_name: filePath?.split("/").pop() ?? null,
    dirty: JSON.stringify(plan) !== saved, read_only_reason: mode === "readonly" ? "This plan was saved by a newer version of Sales Plan Studio (file schema 3, this app knows 1). It is open read-only; use a newer app to edit it." : null,
    can_undo: undoStack.length > 0, can_redo: redoStack.length > 0, recovery_error: null,
    meta: { document_id: "doc-1", revision_id: "rev-1", parent_revision: null, app_version: "0.1.0", saved_at: "2026-09-28T10:00:00Z", author: "" },
  };
}

function fresh(p: Plan, path: string | null): DocumentView {
  plan = p; filePath = path; saved = path ? JSON.stringify(p) : null; undoStack = []; redoStack = [];
  return view();
}

export const mockBackend: Backend = {
  getDocument: () => delay(view()),
  newPlan: async (t, locale) => delay(fresh(t === "blank" ? blank(locale === "zh-CN") : template(locale === "zh-CN"), null)),
  openPlanDialog: async () => {
    if (mode === "open-error") throw { code: "not_a_plan", message: "the file is a SQLite database but has no plan tables", path: "/home/wang/下载/客户名单.db" };
    return delay(null);
  },
  openPlanPath: async (path) => { throw { code: "not_found", message: "no such file", path }; },
  savePlan: async () => { filePath ??= "/home/wang/文档/未命名计划.salesplan"; saved = JSON.stringify(plan); return delay(view()); },
  savePlanAs: async () => delay(null),
  editPlan: async (e) => {
    if (mode === "readonly") throw { code: "read_only", message: "the plan is open read-only", path: filePath };
    const next = clone(plan);
    apply(next, e);
    undoStack.push(plan); redoStack = []; plan = next;
    return delay(view());
  },
  // Reading files needs the desktop shell; the browser mock has no table import.
  chooseImport: async () => delay(null),
  previewImport: async () => { throw { code: "invalid_argument", message: "no table import in the browser mock", path: null }; },
  applyImport: async () => { throw { code: "invalid_argument", message: "no table import in the browser mock", path: null }; },
  cancelImport: async () => {},
  // Pages the report's top list (the mock scores no orders, so it is usually empty).
  customersPage: async (q) => {
    const all = report(plan).support.customers.rfm?.top_customers ?? [];
    const hit = all.filter((c) => (!q.tier || c.tier === q.tier) && c.customer.toLowerCase().includes(q.search.trim().toLowerCase()));
    const key = (c: (typeof all)[number]) => (q.sort === "monetary" ? Number(c.monetary) : c[q.sort]);
    hit.sort((a, b) => { const x = key(a), y = key(b); const d = x < y ? -1 : x > y ? 1 : 0; return (q.desc ? -d : d) || a.customer.localeCompare(b.customer); });
    return delay({ total: hit.length, offset: q.offset, customers: hit.slice(q.offset, q.offset + Math.min(q.limit, 200)) });
  },
  undo: async () => { const p = undoStack.pop(); if (p) { redoStack.push(plan); plan = p; } return delay(view()); },
  redo: async () => { const p = redoStack.pop(); if (p) { undoStack.push(plan); plan = p; } return delay(view()); },
  takeStartupError: async () => null,
  listRecovery: async () => delay([...recovery]),
  restoreRecovery: async (rid) => { recovery = recovery.filter((r) => r.id !== rid); const v = fresh(template(true), null); return delay(v); },
  discardRecovery: async (rid) => { recovery = recovery.filter((r) => r.id !== rid); },
  getPrefs: async () => delay({ ...prefs }),
  setPrefs: async (patch) => { prefs = { ...prefs, ...patch }; return delay({ ...prefs }); },
  quitApp: async () => { console.info("[mock] quit_app"); },
  onMenu: async () => () => {},
  onCloseRequested: async () => () => {},
  onImportProgress: async () => () => {},
};
