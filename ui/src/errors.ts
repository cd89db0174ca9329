// Errors come from the core as a closed code, an English message and, for the refusals users
// actually hit, a reason: a key and parameters (like a finding's code and params). This turns
// the reason into a sentence in the user's language; without one, or for a key this build
// does not know, the English message is the fallback.
import type { IpcError } from "./bindings/IpcError";
import type { Reason } from "./bindings/Reason";
import { en } from "./i18n/en";
import { t, type MessageKey } from "./i18n/index.svelte";

/** Stable field ids from the core → the label the form shows for that field. */
const FIELD_LABELS: Record<string, MessageKey> = {
  title: "setup.title.label",
  company: "setup.company.label",
  authors: "setup.authors.label",
  currency: "setup.currency.label",
  period_start: "setup.start.label",
  period_end: "setup.end.label",
  weekdays: "setup.weekdays.label",
  stretch_from: "setup.stretch.label",
  aggressive_from: "setup.aggressive.label",
  achievable_min: "setup.achMin.label",
  achievable_max: "setup.achMax.label",
  month: "setup.baseline.month",
  bookings: "setup.baseline.bookings",
  cash_in: "setup.baseline.cashIn",
  date: "setup.day.date",
  statement: "goal.statement.label",
  metric: "goal.metric.label",
  unit: "goal.unit.label",
  baseline: "goal.baseline.label",
  target: "goal.target.label",
  deadline: "goal.deadline.label",
  owner: "goal.owner.label",
  rationale: "goal.rationale.label",
  parent_goal: "goal.parent.label",
  code: "dims.code",
};

/** Catalog key prefixes for parameters whose values are ids the UI names itself. */
const VALUE_KEYS: Record<string, string> = {
  level: "dims.level.",
  parent_level: "dims.level.",
  target_level: "dims.level.",
  type: "error.filetype.",
  kind: "error.schema.",
  dimension: "dimName.",
};

function known(key: string): key is MessageKey {
  return key in en;
}

/** A parameter as the sentence shows it: field ids and other ids translated, the rest as sent. */
function paramText(name: string, value: string): string {
  if (name === "field") {
    const key = FIELD_LABELS[value] ?? `error.field.${value}`;
    return known(key) ? t(key) : value;
  }
  const prefix = VALUE_KEYS[name];
  if (prefix && known(prefix + value)) return t((prefix + value) as MessageKey);
  return value;
}

/** A reason as a sentence in the user's language, or null when this build has no sentence. */
export function reasonText(reason: Reason): string | null {
  const key = `error.${reason.key}`;
  if (!known(key)) return null;
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(reason.params)) {
    if (value !== undefined) params[name] = paramText(name, value);
  }
  return t(key, params);
}

/** The detail of an error in the user's language, falling back to the core's English message. */
export function errorText(err: IpcError): string {
  return (err.reason && reasonText(err.reason)) ?? err.message;
}
