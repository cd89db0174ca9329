// The shape every IPC backend implements: the desktop shell (tauri.ts) or, in a plain browser
// during development only, the mock (mock.ts).
import type { CustomerPage } from "../bindings/CustomerPage";
import type { CustomerQuery } from "../bindings/CustomerQuery";
import type { ImportPreview } from "../bindings/ImportPreview";
import type { ImportProgress } from "../bindings/ImportProgress";
import type { ImportTarget } from "../bindings/ImportTarget";
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
  /** Asks for a table (native dialog) and previews it for `target`; null when cancelled. */
  chooseImport(target: ImportTarget): Promise<ImportPreview | null>;
  /** Previews the chosen table again with "column=field" mappings. */
  previewImport(map: string[]): Promise<ImportPreview>;
  /** Imports the chosen table (all rows or none) as one undoable edit. */
  applyImport(map: string[]): Promise<DocumentView>;
  /** Stops a table being read (it rejects with code "cancelled") and forgets the chosen table. */
  cancelImport(): Promise<void>;
  /** One page of the open plan's RFM-scored customers, sorted, filtered and searched by the core. */
  customersPage(query: CustomerQuery): Promise<CustomerPage>;
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
  /** How far the table being imported is read (at most ten a second, only for large tables). */
  onImportProgress(cb: (p: ImportProgress) => void): Promise<Unlisten>;
}
