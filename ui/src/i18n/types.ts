import type { en } from "./en";

export type MessageKey = keyof typeof en;
/** Every catalog has exactly the keys of the English one. */
export type Messages = { [K in MessageKey]: string };
