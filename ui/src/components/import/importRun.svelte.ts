// Long table imports. While a command reads a table the shell reports how far it got
// ("import-progress" events, only for large tables); a quarter second after the first report
// the progress bar with Cancel (ImportProgress.svelte) shows, so small tables never flash it.
import type { ImportPreview } from "../../bindings/ImportPreview";
import type { ImportProgress } from "../../bindings/ImportProgress";
import type { ImportTarget } from "../../bindings/ImportTarget";
import { ipc, toIpcError } from "../../ipc";
import { showError, showToast } from "../../state.svelte";
import { t } from "../../i18n/index.svelte";

/** How long reading must have gone on before the progress bar shows. */
const SHOW_AFTER_MS = 250;

class ImportRun {
  /** The latest report of the reading under way; null when nothing is being read. */
  progress = $state<ImportProgress | null>(null);
  visible = $state(false);
  cancelling = $state(false);
}

export const importRun = new ImportRun();

/** Runs an import command (choose, preview, apply) with the progress bar shown while it reads. */
export async function withProgress<T>(call: () => Promise<T>): Promise<T> {
  importRun.cancelling = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const unlisten = await ipc.onImportProgress((p) => {
    importRun.progress = p;
    timer ??= setTimeout(() => (importRun.visible = importRun.progress !== null), SHOW_AFTER_MS);
  });
  try {
    return await call();
  } finally {
    unlisten();
    clearTimeout(timer);
    importRun.visible = false;
    importRun.progress = null;
  }
}

/** Stops the reading under way; the command then rejects with code "cancelled". */
export async function cancelImport(): Promise<void> {
  importRun.cancelling = true;
  await ipc.cancelImport();
}

/** Whether a command's rejection is the user's Cancel (nothing changed; no error to show). */
export function isCancelled(e: unknown): boolean {
  return toIpcError(e).code === "cancelled";
}

/** Asks for a table and previews it for `target`. Null when the user closes the file dialog,
 *  cancels the reading (a toast says nothing changed) or the table can't be read (the error
 *  shows). */
export async function chooseTable(target: ImportTarget): Promise<ImportPreview | null> {
  try {
    return await withProgress(() => ipc.chooseImport(target));
  } catch (e) {
    if (isCancelled(e)) showToast(t("import.cancelled"));
    else showError(e);
    return null;
  }
}
