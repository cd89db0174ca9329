// Completion marks for the rail and the overview. Presentation only: a step counts as done when
// it has content and the core reports no errors or warnings on it.
import type { DocumentView } from "../bindings/DocumentView";
import { AVAILABLE, type PageId } from "../steps";
import { findingsForPage } from "../findings";

export type StepStatus = "done" | "open" | "later" | "none";

export function stepStatus(doc: DocumentView | null | undefined, page: PageId): StepStatus {
  if (page === "overview" || !doc) return "none";
  if (!AVAILABLE.has(page)) return "later";
  const serious = findingsForPage(doc.report.findings, page).filter((f) => f.severity !== "hint");
  const hasContent = page === "header" ? doc.plan.header.title.trim() !== "" : doc.plan.goals.length > 0;
  return hasContent && serious.length === 0 ? "done" : "open";
}

export function stepFindingCount(doc: DocumentView | null | undefined, page: PageId): number {
  return doc ? findingsForPage(doc.report.findings, page).length : 0;
}
