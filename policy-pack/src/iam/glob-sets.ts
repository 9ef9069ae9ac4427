/**
 * Set algebra on IAM wildcard patterns (`*` any run, `?` one character), the questions effective
 * access needs beyond "does this pattern match this value": does one pattern cover every value of
 * another (a Deny that removes an Allow), and can two patterns match a common value (a Resource
 * that can carry a resource type, an Allow intersected with a boundary). Case-insensitive, which
 * over-approximates reach for the case-sensitive parts of ARNs: a finding is never lost to case.
 */

const MAX_CELLS = 250_000;

/** True when every string `inner` matches is also matched by `outer`. */
export function covers(outer: string, inner: string): boolean {
  const a = outer.toLowerCase();
  const b = inner.toLowerCase();
  if (a === "*" || a === b) return true;
  if (a.length * (b.length + 1) > MAX_CELLS) return false; // too big to decide: "does not cover" keeps the Allow
  return solve(a, b, (i, j, go) => {
    if (i === a.length) return j === b.length;
    if (a[i] === "*") return go(i + 1, j) || (j < b.length && go(i, j + 1));
    if (j === b.length || b[j] === "*") return false; // a literal or `?` cannot cover an arbitrary run
    if (a[i] === "?") return go(i + 1, j + 1);
    return b[j] !== "?" && a[i] === b[j] && go(i + 1, j + 1);
  });
}

/** Memoised recursion over positions (i in a, j in b). */
function solve(a: string, b: string, step: (i: number, j: number, go: (i: number, j: number) => boolean) => boolean): boolean {
  const memo = new Map<number, boolean>();
  const go = (i: number, j: number): boolean => {
    const key = i * (b.length + 1) + j;
    let r = memo.get(key);
    if (r === undefined) memo.set(key, (r = step(i, j, go)));
    return r;
  };
  return go(0, 0);
}

/** True when some string is matched by both patterns. */
export function intersects(x: string, y: string): boolean {
  const a = x.toLowerCase();
  const b = y.toLowerCase();
  if (a === "*" || b === "*" || a === b) return true;
  if ((a.length + 1) * (b.length + 1) > MAX_CELLS) return true; // too big to decide: assume they meet
  return solve(a, b, (i, j, go) => {
    if (i === a.length && j === b.length) return true;
    if (i < a.length && a[i] === "*") return go(i + 1, j) || (j < b.length && go(i, j + 1));
    if (j < b.length && b[j] === "*") return go(i, j + 1) || (i < a.length && go(i + 1, j));
    if (i === a.length || j === b.length) return false;
    return (a[i] === "?" || b[j] === "?" || a[i] === b[j]) && go(i + 1, j + 1);
  });
}

/**
 * The patterns matched by both lists, as a list of patterns that over-approximates the true
 * intersection (never loses a value both lists admit): where one pattern covers the other the
 * narrower is kept; where they only overlap, the one with more fixed characters.
 */
export function intersectPatterns(left: readonly string[], right: readonly string[]): string[] {
  const out = new Set<string>();
  for (const a of left) {
    for (const b of right) {
      if (covers(a, b)) out.add(b);
      else if (covers(b, a)) out.add(a);
      else if (intersects(a, b)) out.add(fixedChars(a) >= fixedChars(b) ? a : b);
    }
  }
  return [...out];
}

function fixedChars(p: string): number {
  let n = 0;
  for (const c of p) if (c !== "*" && c !== "?") n++;
  return n;
}
