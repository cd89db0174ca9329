// Small helpers shared by the dimensions panel (display only: the core validates every edit).
import type { DimensionKind } from "../../bindings/DimensionKind";
import { t, type MessageKey } from "../../i18n/index.svelte";

export type CountUnit = "region" | "team" | "rep" | "tier" | "product" | "channel";

/** "3 regions", "1 team", "10名销售代表". */
export function countOf(n: number, unit: CountUnit): string {
  return t(`dims.n.${unit}.${n === 1 ? "one" : "other"}` as MessageKey, { n });
}

/** The data-focus key of a member's control. */
export const memberKey = (id: string, what: "name" | "code" | "up" | "down" | "remove" | "add") => `member:${id}:${what}`;

export type Draft = { dimension: DimensionKind; parentId: string | null };
