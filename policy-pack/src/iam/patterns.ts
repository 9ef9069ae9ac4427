/** IAM wildcard matching (`*` any run, `?` one character), case-insensitive as IAM does for actions. */
const cache = new Map<string, RegExp>();

export function wildcardToRegExp(pattern: string): RegExp {
  const key = pattern.toLowerCase();
  let re = cache.get(key);
  if (!re) {
    const body = key.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    re = new RegExp(`^${body}$`, "s");
    if (cache.size > 10_000) cache.clear();
    cache.set(key, re);
  }
  return re;
}

export function wildcardMatches(pattern: string, value: string): boolean {
  if (pattern === "*") return true;
  if (!pattern.includes("*") && !pattern.includes("?")) return pattern.toLowerCase() === value.toLowerCase();
  return wildcardToRegExp(pattern).test(value.toLowerCase());
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
