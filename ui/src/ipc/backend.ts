// The shape every IPC backend implements: the desktop shell (tauri.ts) or, in a plain browser
// during development only, the mock (mock.ts).
import type { BaselineImport } from "../bindings/BaselineImport";
import type { DocumentView } from "../bindings/DocumentView";
import type { IpcError } from "../bindings/IpcError";
import type { PlanEdit } from "../bindings/PlanEdit";
import type { Prefs } from "../bindings/Prefs";
import type { PrefsPatch } from "../bindings/PrefsPatch";
import type { RecoveryItem } from "../bindings/RecoveryItem";
import type { Template } from "../bindings/Template";

export type Unlisten = () => void;

export interface Backend {
  getDocument(): Promise<DocumentView>;
  /** Why the file named on the command line could not be opened (once), or null. */
  takeStartupError(): Promise<IpcError | null>;
  newPlan(template: Template, locale: string): Promise<DocumentView>;
  openPlanDialog(): Promise<DocumentView | null>;
  openPlanPath(path: string): Promise<DocumentView>;
  savePlan(): Promise<DocumentView | null>;
  savePlanAs(): Promise<DocumentView | null>;
  editPlan(edit: PlanEdit): Promise<DocumentView>;
  /** Asks for a table (native dialog) and previews it as baseline history; null when cancelled. */
  chooseBaselineImport(): Promise<BaselineImport | null>;
  /** Previews the chosen table again with "column=field" mappings. */
  previewBaselineImport(map: string[]): Promise<BaselineImport>;
  /** Imports the chosen table (all rows or none) as one undoable edit. */
  applyBaselineImport(map: string[]): Promise<DocumentView>;
  undo(): Promise<DocumentView>;
  redo(): Promise<DocumentView>;
  listRecovery(): Promise<RecoveryItem[]>;
  restoreRecovery(id: string): Promise<DocumentView>;
  discardRecovery(id: string): Promise<void>;
  getPrefs(): Promise<Prefs>;
  setPrefs(patch: PrefsPatch): Promise<Prefs>;
  quitApp(): Promise<void>;
  onMenu(cb: (id: string) => void): Promise<Unlisten>;
  onCloseRequested(cb: () => void): Promise<Unlisten>;
}
