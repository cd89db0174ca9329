// ECharts set-up shared by every chart: the modules the app uses (registered once) and the
// light and dark palettes that match app.css. Charts plot numbers converted from the core's
// decimal strings for drawing only; labels and tooltips show the exact strings, formatted.
import * as echarts from "echarts/core";
import { BarChart, FunnelChart, HeatmapChart, LineChart, RadarChart, SunburstChart } from "echarts/charts";
import {
  AriaComponent, GridComponent, LegendComponent, RadarComponent, TitleComponent, TooltipComponent, VisualMapComponent,
} from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([
  BarChart, LineChart, FunnelChart, SunburstChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent,
  AriaComponent, CanvasRenderer, RadarChart, RadarComponent, HeatmapChart, VisualMapComponent,
]);

export { echarts };

export type Palette = {
  text: string; muted: string; grid: string; bar1: string; bar2: string; line3: string; surface: string;
  tipBg: string; tipBorder: string; series: string[];
};

export const PALETTES: Record<"light" | "dark", Palette> = {
  light: {
    text: "#4a5360", muted: "#737d8a", grid: "#e6e9ee", bar1: "#2f5bd3", bar2: "#17a589", line3: "#c47d12",
    surface: "#ffffff", tipBg: "#ffffff", tipBorder: "#dfe3e8",
    series: ["#2f5bd3", "#17a589", "#c47d12", "#8e5cc7", "#d2555a", "#3d8fb8", "#7a8c2e", "#b65f94"],
  },
  dark: {
    text: "#b3bbc5", muted: "#8590a0", grid: "#2c333d", bar1: "#6f95ff", bar2: "#3ccfb0", line3: "#f0b351",
    surface: "#1c2128", tipBg: "#20262e", tipBorder: "#3b4450",
    series: ["#6f95ff", "#3ccfb0", "#f0b351", "#b28cf0", "#ff8a8f", "#66c0e8", "#b5c95a", "#e59ac8"],
  },
};

/** Compact axis label in the locale ("5M", "500万"). For axes only: tables keep full precision. */
export function axisNumber(v: number, loc: string): string {
  return new Intl.NumberFormat(loc, { notation: "compact", maximumFractionDigits: 1 }).format(v);
}

/** A tooltip body as DOM (never HTML strings: names come from the plan). */
export function tipBox(head: string, lines: string[]): HTMLElement {
  const div = document.createElement("div");
  const strong = document.createElement("strong");
  strong.textContent = head;
  div.append(strong);
  for (const line of lines) {
    const row = document.createElement("div");
    row.textContent = line;
    div.append(row);
  }
  return div;
}

/** The common title block of a chart. */
export function chartTitle(text: string, sub: string | undefined, c: Palette) {
  return {
    text, subtext: sub, left: 0, top: 0, itemGap: 4,
    textStyle: { color: c.text, fontSize: 13, fontWeight: 600 }, subtextStyle: { color: c.muted, fontSize: 11 },
  };
}
