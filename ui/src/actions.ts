// The one action dispatcher: header buttons, keyboard shortcuts and the native menu all call
// dispatch(). The same action arriving twice within 300 ms (menu accelerator + keydown) runs once.
import type { Template } from "./bindings/Template";
import type { Theme } from "./bindings/Theme";
import { ipc } from "./ipc";
import { app, askUnsaved, navigate, replaceDoc, showError, showToast } from "./state.svelte";
import { flushEdits } from "./edits";
import { locale, normaliseLocale, setLocale, t } from "./i18n/index.svelte";

export type Action =
  | "new" | "open" | "save" | "save_as" | "undo" | "redo" | "quit" | "present"
  | "close_requested" | "start_template"
  | `lang:${string}` | `theme:${string}` | `open_recent:${string}`;

const DEDUPE_MS = 300;
const lastRun = new Map<string, number>();

export function dispatch(action: Action | string): void {
  const now = performance.now();
  const prev = lastRun.get(action);
  if (prev !== undefined && now - prev < DEDUPE_MS) return;
  lastRun.set(action, now);
  void run(action);
}

async function run(action: string): Promise<void> {
  try {
    if (action.startsWith("lang:")) return await changeLocale(action.slice(5));
    if (action.startsWith("theme:")) return await changeTheme(action.slice(6));
    if (action.startsWith("open_recent:")) return await openRecent(action.slice("open_recent:".length));
    switch (action) {
      case "new": return await newPlan();
      case "open": return await open();
      case "save": return await save(false);
      case "save_as": return await save(true);
      case "undo": return await history("undo");
      case "redo": return await history("redo");
      case "quit":
      case "close_requested": return await quit();
      case "present": return showToast(t("toast.present"));
      case "start_template": return await startTemplate();
    }
  } catch (e) {
    showError(e);
  }
}

function docName(): string {
  const d = app.doc;
  return d?.file_name ?? (d?.plan.header.title.trim() || t("app.untitledFile"));
}

/** Before replacing or closing a dirty plan: true when it is fine to go on. */
async function confirmDiscard(): Promise<boolean> {
  await flushEdits();
  if (!app.doc?.dirty || app.readOnly) return true;
  const choice = await askUnsaved(docName());
  if (choice === "cancel") return false;
  if (choice === "discard") return true;
  const saved = await ipc.savePlan();
  if (!saved) return false;
  app.doc = saved;
  return true;
}

async function newPlan(): Promise<void> {
  if (app.unsaved || app.newPlanOpen) return;
  if (!(await confirmDiscard())) return;
  app.newPlanOpen = true;
}

/** Called by the new-plan chooser. */
export async function createPlan(template: Template): Promise<void> {
  app.newPlanOpen = false;
  try {
    replaceDoc(await ipc.newPlan(template, locale()));
    app.error = null;
    navigate(template === "blank" ? "header" : "overview");
  } catch (e) {
    showError(e);
  }
}

async function startTemplate(): Promise<void> {
  if (!(await confirmDiscard())) return;
  await createPlan("q4_growth");
}

async function open(): Promise<void> {
  if (!(await confirmDiscard())) return;
  const doc = await ipc.openPlanDialog();
  if (doc) {
    replaceDoc(doc);
    app.error = null;
    navigate("overview");
  }
}

async function openRecent(path: string): Promise<void> {
  if (!(await confirmDiscard())) return;
  replaceDoc(await ipc.openPlanPath(path));
  app.error = null;
  navigate("overview");
}

async function save(as: boolean): Promise<void> {
  await flushEdits();
  const doc = as ? await ipc.savePlanAs() : await ipc.savePlan();
  if (doc) {
    app.doc = doc;
    if (app.error?.code === "conflict") app.error = null;
    showToast(t("toast.saved"), 1600);
  }
}

async function history(which: "undo" | "redo"): Promise<void> {
  await flushEdits();
  if (!app.doc) return;
  if (which === "undo" ? !app.doc.can_undo : !app.doc.can_redo) return;
  replaceDoc(which === "undo" ? await ipc.undo() : await ipc.redo());
}

async function quit(): Promise<void> {
  if (!(await confirmDiscard())) return;
  await ipc.quitApp();
}

async function changeLocale(value: string): Promise<void> {
  const next = normaliseLocale(value);
  setLocale(next);
  await ipc.setPrefs({ locale: next });
}

async function changeTheme(value: string): Promise<void> {
  const theme: Theme = value === "light" || value === "dark" ? value : "system";
  app.themePref = theme;
  await ipc.setPrefs({ theme });
}

/** Keyboard shortcuts. Returns true when the key was handled. */
export function handleKey(e: KeyboardEvent): boolean {
  if (document.querySelector("dialog[open]")) return false;
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  let action: Action | null = null;
  if (e.key === "F5") action = "present";
  else if (mod && !e.altKey) {
    if (key === "n" && !e.shiftKey) action = "new";
    else if (key === "o" && !e.shiftKey) action = "open";
    else if (key === "s") action = e.shiftKey ? "save_as" : "save";
    else if (key === "z") action = e.shiftKey ? "redo" : "undo";
    else if (key === "y" && !e.shiftKey) action = "redo";
  }
  if (!action) return false;
  // Every keystroke in a field is already an edit in the core, so Ctrl+Z is the plan's undo
  // even inside a text field; the browser's own field undo would disagree with the plan.
  e.preventDefault();
  dispatch(action);
  return true;
}

export const SHORTCUTS: Record<string, string> = (() => {
  const mac = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);
  const m = mac ? "⌘" : "Ctrl+";
  const s = mac ? "⇧" : "Shift+";
  return { new: `${m}N`, open: `${m}O`, save: `${m}S`, save_as: `${s}${m}S`, undo: `${m}Z`, redo: mac ? `${s}${m}Z` : `${m}Y`, present: "F5" };
})();
