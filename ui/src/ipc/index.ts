// Typed async wrappers over the shell's commands. This folder is the only place that knows
// about @tauri-apps/*; the rest of the UI imports from here.
//
// Inside Tauri the real backend is always used. The mock exists for `npm run dev` in a plain
// browser and is compiled out of production builds (import.meta.env.DEV is false there), unless
// a browser-test build asks for it explicitly with VITE_UI_MOCK=1 (never set for the app).
import type { Backend } from "./backend";
import type { IpcError } from "../bindings/IpcError";
import type { ErrorCode } from "../bindings/ErrorCode";
import type { Reason } from "../bindings/Reason";
import { tauriBackend } from "./tauri";

export type { Unlisten } from "./backend";

const ERROR_CODES: readonly ErrorCode[] = [
  "not_found", "is_directory", "permission_denied", "empty_file", "not_a_plan", "corrupt",
  "unsafe_schema", "invalid_value", "too_large", "newer_version", "conflict", "read_only",
  "disk_full", "invalid_argument", "io", "cancelled",
];

export function inTauri(): boolean {
  return typeof window !== "undefined" && "__TAURI_INTERNALS__" in window;
}

let backend: Backend | null = null;

/** Picks the backend once, before the first command. */
export async function connect(): Promise<void> {
  if (backend) return;
  if (inTauri()) {
    backend = tauriBackend;
  } else if (import.meta.env.DEV || import.meta.env.VITE_UI_MOCK === "1") {
    const { mockBackend } = await import("./mock");
    backend = mockBackend;
  } else {
    throw toIpcError("Sales Plan Studio must run inside its desktop app.");
  }
}

function b(): Backend {
  if (!backend) throw toIpcError("IPC used before connect()");
  return backend;
}

/** Normalises whatever a command rejected with into an IpcError. */
export function toIpcError(e: unknown): IpcError {
  if (e && typeof e === "object" && "code" in e && "message" in e) {
    const o = e as { code: unknown; message: unknown; path?: unknown; reason?: unknown };
    const code = ERROR_CODES.includes(o.code as ErrorCode) ? (o.code as ErrorCode) : "io";
    const path = typeof o.path === "string" ? o.path : null;
    return { code, message: String(o.message), path, reason: toReason(o.reason) };
  }
  return { code: "io", message: e instanceof Error ? e.message : String(e), path: null, reason: null };
}

/** Keeps a reason only when it has the shape the core sends: a key and string params. */
function toReason(r: unknown): Reason | null {
  if (!r || typeof r !== "object") return null;
  const { key, params } = r as { key?: unknown; params?: unknown };
  if (typeof key !== "string" || !params || typeof params !== "object") return null;
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) if (typeof v === "string") clean[k] = v;
  return { key, params: clean };
}

export const ipc: Backend = {
  getDocument: () => b().getDocument(),
  takeStartupError: () => b().takeStartupError(),
  newPlan: (t, l) => b().newPlan(t, l),
  openPlanDialog: () => b().openPlanDialog(),
  openPlanPath: (p) => b().openPlanPath(p),
  savePlan: () => b().savePlan(),
  savePlanAs: () => b().savePlanAs(),
  editPlan: (e) => b().editPlan(e),
  chooseImport: (t) => b().chooseImport(t),
  previewImport: (m) => b().previewImport(m),
  applyImport: (m) => b().applyImport(m),
  cancelImport: () => b().cancelImport(),
  customersPage: (q) => b().customersPage(q),
  undo: () => b().undo(),
  redo: () => b().redo(),
  listRecovery: () => b().listRecovery(),
  restoreRecovery: (id) => b().restoreRecovery(id),
  discardRecovery: (id) => b().discardRecovery(id),
  getPrefs: () => b().getPrefs(),
  setPrefs: (p) => b().setPrefs(p),
  quitApp: () => b().quitApp(),
  onMenu: (cb) => b().onMenu(cb),
  onCloseRequested: (cb) => b().onCloseRequested(cb),
  onImportProgress: (cb) => b().onImportProgress(cb),
};
