// Display helpers for the split tab: names, members and the links between splits. The core
// computes every amount; nothing here adds money up.
import type { Decomposition } from "../../../bindings/Decomposition";
import type { DecompositionMethod } from "../../../bindings/DecompositionMethod";
import type { DimensionKind } from "../../../bindings/DimensionKind";
import type { Goal } from "../../../bindings/Goal";
import type { Plan } from "../../../bindings/Plan";
import type { PlanEdit } from "../../../bindings/PlanEdit";
import type { DriverEdit } from "../../../bindings/DriverEdit";
import { t, type MessageKey } from "../../../i18n/index.svelte";
import { formatNumber, isDecimalText, minorUnits } from "../../../format";

export const DIMENSIONS: DimensionKind[] = ["org", "tier", "product", "channel"];
export const FLAT: Exclude<DimensionKind, "org">[] = ["tier", "product", "channel"];
export const METHODS: DecompositionMethod[] = ["baseline_share", "history_share_adjusted", "manual_percent", "manual_amount", "equal"];

/** The column a method asks the user to type per member, if any. */
export type InputCol = "amount" | "percent" | "factor" | null;
export function inputColOf(method: DecompositionMethod): InputCol {
  return method === "manual_amount" ? "amount" : method === "manual_percent" ? "percent"
    : method === "history_share_adjusted" ? "factor" : null;
}
export const usesHistory = (m: DecompositionMethod) => m === "baseline_share" || m === "history_share_adjusted";

/** A driver edit wrapped as a plan edit. */
export const driver = (edit: DriverEdit): PlanEdit => ({ op: "driver", edit });

export const isMoneyGoal = (g: Goal) => g.kind === "bookings" || g.kind === "cash_in";

export function goalName(g: Goal): string {
  return g.statement.trim() || g.metric.trim() || t("goal.untitled");
}

export function membersOf(plan: Plan, dim: DimensionKind): { id: string; name: string }[] {
  const d = plan.dimensions;
  return dim === "org" ? d.org.filter((m) => m.parent_id === null) : dim === "tier" ? d.tiers : dim === "product" ? d.products : d.channels;
}

/** "By region", "East China → teams", "Shanghai team → reps". */
export function splitTitle(plan: Plan, s: Decomposition): string {
  if (s.dimension !== "org") return t(`split.by.${s.dimension}` as MessageKey);
  if (!s.org_parent) return t("split.by.org");
  const parent = plan.dimensions.org.find((m) => m.id === s.org_parent);
  const below = parent?.level === "team" ? "rep" : "team";
  return t(`split.below.${below}` as MessageKey, { name: parent?.name ?? "?" });
}

/** The split of the org tree below a member for the same goal, if there is one. */
export function childSplit(plan: Plan, s: Decomposition, memberId: string): Decomposition | undefined {
  return plan.drivers.decompositions.find((x) => x.goal_id === s.goal_id && x.dimension === "org" && x.org_parent === memberId);
}

/** The level below an org member ("team" under a region), or null for a rep / a flat member. */
export function levelBelow(plan: Plan, memberId: string): "team" | "rep" | null {
  const m = plan.dimensions.org.find((x) => x.id === memberId);
  return m?.level === "region" ? "team" : m?.level === "team" ? "rep" : null;
}

/** Baseline years with member history for a dimension, ascending. */
export function historyYears(plan: Plan, dim: DimensionKind): number[] {
  const years = new Set(plan.baseline_splits.filter((s) => s.dimension === dim).map((s) => Number(s.month.slice(0, 4))));
  return [...years].sort((a, b) => a - b);
}

/** Grouped digits at the currency's minor unit ("5,850,000.00"), or a dash. */
export function amount(v: string | null | undefined, currency: string): string {
  return v == null || v === "" ? "—" : isDecimalText(v) ? formatNumber(v, minorUnits(currency)) : v;
}

/** A gap with its sign: "+150,000.00", "−150,000.00", "0.00". */
export function signedAmount(v: string | null | undefined, currency: string): string {
  if (v == null) return "—";
  const body = amount(v.replace(/^-/, ""), currency);
  if (v.startsWith("-")) return `−${body}`;
  return /^[0.]+$/.test(v) ? body : `+${body}`;
}

/** Input text shown grouped while not being edited. */
export const grouped = (v: string) => (isDecimalText(v) ? formatNumber(v) : v);

/** True for decimal text above zero ("0.01", "5"), false for zero, negatives and null. */
export const isPositive = (v: string | null | undefined) => !!v && !v.startsWith("-") && /[1-9]/.test(v);
