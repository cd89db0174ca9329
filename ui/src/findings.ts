// Findings come from the core as codes with parameters; this turns them into sentences in the
// user's language and says where to jump to fix them.
import type { Finding } from "./bindings/Finding";
import type { Plan } from "./bindings/Plan";
import { en } from "./i18n/en";
import { t, locale, type MessageKey } from "./i18n/index.svelte";
import { formatDate, formatNumber, formatPercent } from "./format";
import { isPage, navKey, type PageId } from "./steps";

const RATE_PARAMS = new Set(["growth", "min", "max"]);
const DATE_PARAMS = new Set(["start", "end", "deadline"]);

export function findingText(f: Finding): string {
  const key = `finding.${f.code}`;
  if (!(key in en)) return t("finding.unknown", { code: f.code });
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(f.params)) {
    if (RATE_PARAMS.has(name)) params[name] = formatPercent(value, { signed: name === "growth", places: 1 });
    else if (DATE_PARAMS.has(name)) params[name] = formatDate(value, locale());
    else if (name === "value") params[name] = formatNumber(value);
    else params[name] = value;
  }
  return t(key as MessageKey, params);
}

export function findingPage(f: Finding): PageId {
  return isPage(f.target.step) ? f.target.step : "overview";
}

/** Where a finding is, for the findings list: "Targets · Grow Q4 bookings…". */
export function findingPlace(f: Finding, plan: Plan | undefined): string {
  const step = t(navKey(findingPage(f)));
  const goal = f.target.goal_id ? plan?.goals.find((g) => g.id === f.target.goal_id) : undefined;
  if (!goal) return step;
  const name = goal.statement.trim() || goal.metric.trim() || t("goal.untitled");
  return `${step} · ${name.length > 48 ? name.slice(0, 47) + "…" : name}`;
}

/** The data-focus key of the control to focus for a finding. */
export function findingFocusKey(f: Finding): string | null {
  const { goal_id, field, step } = f.target;
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

export function findingsForGoal(findings: Finding[], goalId: string): Finding[] {
  return findings.filter((f) => f.target.goal_id === goalId);
}

export function findingsForPage(findings: Finding[], page: PageId): Finding[] {
  return findings.filter((f) => findingPage(f) === page && page !== "overview");
}
