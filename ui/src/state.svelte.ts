// The app's state: the open document as the core last returned it, preferences, navigation,
// and the transient UI (banner, dialogs, toast). Components read it; actions.ts changes it.
import type { DocumentView } from "./bindings/DocumentView";
import type { IpcError } from "./bindings/IpcError";
import type { RecoveryItem } from "./bindings/RecoveryItem";
import type { Theme } from "./bindings/Theme";
import { supportTabOfKey, targetsTabOfKey, type PageId, type SupportTab, type TargetsTab } from "./steps";
import { toIpcError } from "./ipc";

export type UnsavedChoice = "save" | "discard" | "cancel";

class AppState {
  doc = $state<DocumentView | null>(null);
  page = $state<PageId>("overview");
  themePref = $state<Theme>("system");
  systemDark = $state(false);
  recent = $state<string[]>([]);
  error = $state<IpcError | null>(null);
  toast = $state<string | null>(null);
  findingsOpen = $state(false);
  recovery = $state<RecoveryItem[]>([]);
  newPlanOpen = $state(false);
  unsaved = $state<{ name: string; resolve: (c: UnsavedChoice) => void } | null>(null);
  /** Bumps whenever the plan is replaced wholesale (undo, open, new): fields resync. */
  revision = $state(0);
  booted = $state(false);
  /** The open sub-step of the targets step, and the goal the split tab shows (null: the first). */
  targetsTab = $state<TargetsTab>("goals");
  supportTab = $state<SupportTab>("market");
  splitGoal = $state<string | null>(null);

  effectiveTheme = $derived<"light" | "dark">(
    this.themePref === "system" ? (this.systemDark ? "dark" : "light") : this.themePref,
  );
  readOnly = $derived(!!this.doc?.read_only_reason);
  plan = $derived(this.doc?.plan);
  report = $derived(this.doc?.report);
}

export const app = new AppState();

/** Takes a whole new document (not the echo of a field edit). */
export function replaceDoc(doc: DocumentView): void {
  app.doc = doc;
  app.revision++;
}

export function showError(e: unknown): void {
  app.error = toIpcError(e);
}

let toastTimer: ReturnType<typeof setTimeout> | undefined;
export function showToast(message: string, ms = 3500): void {
  app.toast = message;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (app.toast = null), ms);
}

/** Asks Save / Don't save / Cancel about unsaved changes. */
export function askUnsaved(name: string): Promise<UnsavedChoice> {
  return new Promise((resolve) => {
    app.unsaved = {
      name,
      resolve: (c) => {
        app.unsaved = null;
        resolve(c);
      },
    };
  });
}

/** Moves to a page and, after it renders, focuses the control with that data-focus key. */
export function navigate(page: PageId, focusKey?: string | null): void {
  app.page = page;
  if (page === "targets" && focusKey) showTargetsKey(focusKey);
  const supportTab = page === "support" && focusKey ? supportTabOfKey(focusKey) : null;
  if (supportTab) app.supportTab = supportTab;
  if (!focusKey) {
    requestAnimationFrame(() => document.getElementById("canvas")?.scrollTo({ top: 0 }));
    return;
  }
  const tryFocus = (attempt: number) => {
    const el = document.querySelector<HTMLElement>(`[data-focus="${CSS.escape(focusKey)}"]`);
    if (el) {
      el.scrollIntoView({ block: "center", behavior: "auto" });
      el.focus({ preventScroll: true });
      el.classList.add("flash");
      setTimeout(() => el.classList.remove("flash"), 1200);
    } else if (attempt < 10) {
      requestAnimationFrame(() => tryFocus(attempt + 1));
    }
  };
  requestAnimationFrame(() => tryFocus(0));
}

/** Opens the targets sub-step (and, for a split, its goal) that holds a data-focus key. */
function showTargetsKey(key: string): void {
  const tab = targetsTabOfKey(key);
  if (tab) app.targetsTab = tab;
  const split = /^split:([^:]+)/.exec(key)?.[1];
  const goal = app.doc?.plan.drivers.decompositions.find((d) => d.id === split)?.goal_id;
  if (goal) app.splitGoal = goal;
}
