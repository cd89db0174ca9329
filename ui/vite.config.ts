import { defineConfig, type Plugin } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";

/**
 * Tauri freezes Object.prototype in the shipped app (`freezePrototype`). ECharts' Scheduler
 * copies every enumerable prototype key of two classes onto plain objects at import time,
 * including `constructor`; writing `constructor` on a plain object then throws ("Cannot assign
 * to read only property 'constructor'") and the whole bundle fails to start. This narrow
 * build-time patch skips that one key. It fails the build loudly if ECharts changes the code,
 * so an upgrade cannot silently drop it.
 */
function echartsFrozenPrototype(): Plugin {
  const file = "/echarts/lib/core/Scheduler.js";
  const before = "target[name_1] = noop;";
  const after = "if (name_1 !== 'constructor') target[name_1] = noop;";
  let patched = false;
  return {
    name: "echarts-frozen-prototype",
    apply: "build",
    enforce: "pre",
    transform(code, id) {
      if (!id.replace(/\\/g, "/").endsWith(file)) return null;
      if (!code.includes(before)) this.error(`echarts${file} changed: re-check the frozen-prototype patch`);
      patched = true;
      return { code: code.replace(before, after), map: null };
    },
    buildEnd(error) {
      if (!error && !patched) this.error(`echarts${file} was not bundled: the frozen-prototype patch did not run`);
    },
  };
}

// Tauri serves the built UI from its own protocol (tauri://localhost / http://tauri.localhost),
// so every asset URL must be relative. The dev server port matches the shell's devUrl.
export default defineConfig({
  base: "./",
  plugins: [echartsFrozenPrototype(), svelte()],
  clearScreen: false,
  server: { port: 1420, strictPort: true, host: "127.0.0.1" },
  preview: { port: 4173, strictPort: true, host: "127.0.0.1" },
  envPrefix: ["VITE_", "TAURI_ENV_"],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    // ECharts is one large vendor chunk by design; keep the warning meaningful for our code.
    chunkSizeWarningLimit: 1200,
  },
});
