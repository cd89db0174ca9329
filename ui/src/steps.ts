// The pages of the app: the overview, the plan setup (header), and the seven plan sections.
import type { MessageKey } from "./i18n/index.svelte";

export const STEPS = ["targets", "support", "strategies", "actions", "resources", "talent", "execution"] as const;
export type StepId = (typeof STEPS)[number];
export type PageId = "overview" | "header" | StepId;
export const PAGES: readonly PageId[] = ["overview", "header", ...STEPS];

/** Steps whose worksheets exist in this version. */
export const AVAILABLE: ReadonlySet<PageId> = new Set<PageId>(["overview", "header", "targets"]);

export function isPage(value: string): value is PageId {
  return (PAGES as readonly string[]).includes(value);
}

export const navKey = (p: PageId): MessageKey => `nav.${p}`;
