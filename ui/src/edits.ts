// Sending edits to the core. Edits go one at a time, in order, so a slow reply can never
// overwrite a newer one. Fields with a pending (debounced) edit register a flusher so that
// save and undo first send what the user typed.
import type { PlanEdit } from "./bindings/PlanEdit";
import type { IpcError } from "./bindings/IpcError";
import { ipc, toIpcError } from "./ipc";
import { app, showError } from "./state.svelte";

export type EditResult = { ok: true } | { ok: false; error: IpcError };

let queue: Promise<unknown> = Promise.resolve();

export function sendEdit(edit: PlanEdit): Promise<EditResult> {
  const run = async (): Promise<EditResult> => {
    try {
      app.doc = await ipc.editPlan(edit);
      return { ok: true };
    } catch (e) {
      return { ok: false, error: toIpcError(e) };
    }
  };
  const p = queue.then(run, run);
  queue = p;
  return p;
}

/** For structural edits (add/remove): any failure goes to the banner. */
export async function edit(e: PlanEdit): Promise<boolean> {
  const r = await sendEdit(e);
  if (!r.ok) showError(r.error);
  return r.ok;
}

const flushers = new Set<() => void>();

export function registerFlusher(f: () => void): () => void {
  flushers.add(f);
  return () => flushers.delete(f);
}

/** Sends every pending field edit now and waits for the core to take them. */
export async function flushEdits(): Promise<void> {
  for (const f of [...flushers]) f();
  await queue.catch(() => undefined);
}
