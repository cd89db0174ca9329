// The pages of the app: the overview, the plan setup (header), and the seven plan sections.
import type { MessageKey } from "./i18n/index.svelte";

export const STEPS = ["targets", "support", "strategies", "actions", "resources", "talent", "execution"] as const;
export type StepId = (typeof STEPS)[number];
export type PageId = "overview" | "header" | StepId;
export const PAGES: readonly PageId[] = ["overview", "header", ...STEPS];

/** Steps whose worksheets exist in this version. */
export const AVAILABLE: ReadonlySet<PageId> = new Set<PageId>(["overview", "header", "targets", "support"]);

export function isPage(value: string): value is PageId {
  return (PAGES as readonly string[]).includes(value);
}

export const navKey = (p: PageId): MessageKey => `nav.${p}`;

/** The sub-steps of the targets step (section 1), in the order a plan is built. */
export const TARGET_TABS = ["goals", "split", "phasing", "funnel", "cashin"] as const;
export type TargetsTab = (typeof TARGET_TABS)[number];

/**
 * Which targets sub-step holds the control with this data-focus key (findings and "go to"
 * links name controls by key). Keys: goal:<id>:<field> (goal:<id>:phasing is the phasing card),
 * add:*, member:* / dimensions (the dimensions panel, on the split tab), split:*, funnel:*, cashin:*.
 */
export function targetsTabOfKey(key: string): TargetsTab | null {
  if (/^goal:[^:]+:phasing$/.test(key) || key.startsWith("phasing:")) return "phasing";
  if (key.startsWith("goal:") || key === "add:bookings" || key === "add:cash_in") return "goals";
  if (key.startsWith("split:") || key.startsWith("member:") || key === "dimensions" || key === "add:region") return "split";
  if (key.startsWith("funnel:")) return "funnel";
  if (key.startsWith("cashin:")) return "cashin";
  return null;
}

/** The sub-steps of the support step (section 2). */
export const SUPPORT_TABS = ["market", "competition", "customers", "personas"] as const;
export type SupportTab = (typeof SUPPORT_TABS)[number];

/** Which support sub-step holds a data-focus key: keys are support:<tab>:… */
export function supportTabOfKey(key: string): SupportTab | null {
  const tab = /^support:([a-z]+)/.exec(key)?.[1];
  return (SUPPORT_TABS as readonly string[]).includes(tab ?? "") ? (tab as SupportTab) : null;
}
