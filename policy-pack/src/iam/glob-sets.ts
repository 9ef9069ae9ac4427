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
  const memo = new Map<number, boolean>();
  const go = (i: number, j: number): boolean => {
    const key = i * (b.length + 1) + j;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    let r: boolean;
    if (i === a.length) r = j === b.length;
    else if (a[i] === "*") r = go(i + 1, j) || (j < b.length && go(i, j + 1));
    else if (j === b.length) r = false;
    else if (b[j] === "*") r = false; // a literal or `?` cannot cover an arbitrary run
    else if (a[i] === "?") r = go(i + 1, j + 1);
    else r = b[j] !== "?" && a[i] === b[j] && go(i + 1, j + 1);
    memo.set(key, r);
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
  const memo = new Map<number, boolean>();
  const go = (i: number, j: number): boolean => {
    const key = i * (b.length + 1) + j;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    let r: boolean;
    if (i === a.length && j === b.length) r = true;
    else if (i < a.length && a[i] === "*") r = go(i + 1, j) || (j < b.length && go(i, j + 1));
    else if (j < b.length && b[j] === "*") r = go(i, j + 1) || (i < a.length && go(i + 1, j));
    else if (i === a.length || j === b.length) r = false;
    else r = (a[i] === "?" || b[j] === "?" || a[i] === b[j]) && go(i + 1, j + 1);
    memo.set(key, r);
    return r;
  };
  return go(0, 0);
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
