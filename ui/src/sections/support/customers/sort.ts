// Ordering the core's decimal strings exactly (no floats): sign, then integer length and
// digits, then the fraction digits.
import { parseDec } from "../../../format";

function cmpAbs(a: { int: string; frac: string }, b: { int: string; frac: string }): number {
  if (a.int.length !== b.int.length) return a.int.length - b.int.length;
  if (a.int !== b.int) return a.int < b.int ? -1 : 1;
  const n = Math.max(a.frac.length, b.frac.length);
  const fa = a.frac.padEnd(n, "0"), fb = b.frac.padEnd(n, "0");
  return fa === fb ? 0 : fa < fb ? -1 : 1;
}

export function compareDec(x: string, y: string): number {
  const a = parseDec(x), b = parseDec(y);
  if (!a || !b) return x.localeCompare(y);
  const zero = (d: { int: string; frac: string }) => /^0*$/.test(d.int) && /^0*$/.test(d.frac);
  const na = a.neg && !zero(a), nb = b.neg && !zero(b);
  if (na !== nb) return na ? -1 : 1;
  const c = cmpAbs(a, b);
  return na ? -c : c;
}
