// Section 2 helpers: wrap a SupportEdit in the PlanEdit the core takes, build Field toEdit
// callbacks, and pick the findings that belong to one sub-step or one item.
import type { SupportEdit } from "../../bindings/SupportEdit";
import type { PlanEdit } from "../../bindings/PlanEdit";
import type { Finding } from "../../bindings/Finding";
import { edit } from "../../edits";
import { findingPage, supportTabOf } from "../../findings";
import type { SupportTab } from "../../steps";

export const wrap = (e: SupportEdit): PlanEdit => ({ op: "support", edit: e });

/** A structural section-2 edit (add, remove, link); failures go to the banner. */
export const send = (e: SupportEdit): Promise<boolean> => edit(wrap(e));

/** Findings of one support sub-step that are not about a single item. */
export function tabFindings(findings: Finding[], tab: SupportTab, field?: string): Finding[] {
  return findings.filter(
    (f) => findingPage(f) === "support" && supportTabOf(f) === tab && !f.target.item_id && (!field || f.target.field === field),
  );
}

/** Findings about one item (market item, factor, company, persona). */
export function itemFindings(findings: Finding[], id: string): Finding[] {
  return findings.filter((f) => f.target.item_id === id);
}

/** Chart numbers only: the core's decimal strings as floats for drawing, never for display. */
export const plot = (v: string | null | undefined): number | null => (v == null || v === "" ? null : Number(v));
