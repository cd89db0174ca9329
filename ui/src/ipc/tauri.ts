// The desktop shell's commands and events. Argument names match the Rust command parameters.
import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import type { Backend } from "./backend";
import type { ImportProgress } from "../bindings/ImportProgress";

export const tauriBackend: Backend = {
  getDocument: () => invoke("get_document"),
  takeStartupError: () => invoke("take_startup_error"),
  newPlan: (template, locale) => invoke("new_plan", { template, locale }),
  openPlanDialog: () => invoke("open_plan_dialog"),
  openPlanPath: (path) => invoke("open_plan_path", { path }),
  savePlan: () => invoke("save_plan"),
  savePlanAs: () => invoke("save_plan_as"),
  editPlan: (edit) => invoke("edit_plan", { edit }),
  chooseImport: (target) => invoke("choose_import", { target }),
  previewImport: (map) => invoke("preview_import", { map }),
  applyImport: (map) => invoke("apply_import", { map }),
  cancelImport: () => invoke("cancel_import"),
  customersPage: (query) => invoke("customers_page", { query }),
  undo: () => invoke("undo"),
  redo: () => invoke("redo"),
  listRecovery: () => invoke("list_recovery"),
  restoreRecovery: (id) => invoke("restore_recovery", { id }),
  discardRecovery: (id) => invoke("discard_recovery", { id }),
  getPrefs: () => invoke("get_prefs"),
  setPrefs: (patch) => invoke("set_prefs", { patch }),
  quitApp: () => invoke("quit_app"),
  onMenu: (cb) => listen<string>("menu", (e) => cb(e.payload)),
  onCloseRequested: (cb) => listen("close-requested", () => cb()),
  onImportProgress: (cb) => listen<ImportProgress>("import-progress", (e) => cb(e.payload)),
};
