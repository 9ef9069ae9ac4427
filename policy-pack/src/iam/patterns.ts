/**
 * IAM wildcard matching (`*` any run, `?` one character), case-insensitive as IAM does for actions.
 * Every glob of the engine goes through here (actions, resources, waivers, allowed principals,
 * secret ARNs). No regular expression: a pattern such as `bedrock:**********x` made a backtracking
 * regex take minutes; this takes time proportional to pattern × value length at worst, and one
 * native `indexOf` per `*`-separated part when the part has no `?`.
 */

/** Where `part` (which may hold `?`) first matches in `value` at or after `from`, or -1. */
function findPart(value: string, part: string, from: number): number {
  if (!part.includes("?")) return value.indexOf(part, from);
  for (let i = from; i + part.length <= value.length; i++) if (partAt(value, part, i)) return i;
  return -1;
}

function partAt(value: string, part: string, at: number): boolean {
  if (at + part.length > value.length) return false;
  for (let j = 0; j < part.length; j++) if (part[j] !== "?" && part[j] !== value[at + j]) return false;
  return true;
}

/** Glob match on already lower-cased text. Leftmost placement of each middle part is optimal for `*` globs. */
function globMatches(pattern: string, value: string): boolean {
  const parts = pattern.split("*");
  if (parts.length === 1) return pattern.length === value.length && partAt(value, pattern, 0);
  const first = parts[0];
  const last = parts[parts.length - 1];
  if (first.length + last.length > value.length) return false;
  if (!partAt(value, first, 0) || !partAt(value, last, value.length - last.length)) return false;
  let at = first.length;
  const end = value.length - last.length;
  for (let k = 1; k < parts.length - 1; k++) {
    const part = parts[k];
    if (part === "") continue;
    const found = findPart(value, part, at);
    if (found === -1 || found + part.length > end) return false;
    at = found + part.length;
  }
  return true;
}

export function wildcardMatches(pattern: string, value: string): boolean {
  if (pattern === "*") return true;
  if (!pattern.includes("*") && !pattern.includes("?")) return pattern.toLowerCase() === value.toLowerCase();
  return globMatches(pattern.toLowerCase(), value.toLowerCase());
}

export function hasWildcard(value: string): boolean {
  return value.includes("*") || value.includes("?");
}

/** Splits `service:Action`; `*` alone means every service. */
export function splitAction(action: string): { service: string; name: string } | undefined {
  if (action === "*") return { service: "*", name: "*" };
  const i = action.indexOf(":");
  if (i <= 0 || i === action.length - 1) return undefined;
  return { service: action.slice(0, i).toLowerCase(), name: action.slice(i + 1) };
}
