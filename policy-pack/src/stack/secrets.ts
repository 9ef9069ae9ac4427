/** Which principals in the stack can read a given secret (for AI-secret recognition and isolation). */
import type { ResourceModel } from "../model/resource";
import { containsUnknown } from "../model/values";
import { coversAction } from "../iam/analysis";
import { hasWildcard, wildcardMatches } from "../iam/patterns";
import type { PrincipalView, StackView } from "./view";

const READ = "secretsmanager:GetSecretValue";
const SECRET_MARK = ":secret:";

export function secretReferences(secret: ResourceModel): string[] {
  const p = secret.properties;
  return [secret.urn, secret.name, p.arn, p.id, p.name].filter((x): x is string => typeof x === "string" && x !== "" && !containsUnknown(x));
}

/**
 * Every Allow statement that covers GetSecretValue, indexed once per view by what its Resource
 * element can match, so finding a secret's readers is a few lookups instead of a scan of every
 * statement of every principal (which made the secret rules quadratic in the stack size).
 */
interface ReaderIndex {
  /** Principals (by position in view.principals) with a statement open to every secret (no Resource, NotResource, `*`). */
  readonly open: Set<number>;
  /** Resource values without wildcards, lower case (IAM matches ARNs here case-insensitively, as wildcardMatches does). */
  readonly exact: Map<string, number[]>;
  /** Resource values with wildcards, matched one by one. */
  readonly wild: Array<{ value: string; principal: number }>;
  /** Whatever follows each `:secret:` in a Resource value, sorted, for prefix lookups by secret name. */
  readonly afterMark: Array<{ suffix: string; principal: number }>;
}

const indexes = new WeakMap<StackView, ReaderIndex>();

function readerIndex(view: StackView): ReaderIndex {
  let index = indexes.get(view);
  if (index) return index;
  index = { open: new Set(), exact: new Map(), wild: [], afterMark: [] };
  view.principals.forEach((p, i) => {
    for (const g of p.grants) {
      for (const s of g.document?.statements ?? []) {
        if (s.effect !== "Allow" || !coversAction(s, READ)) continue;
        if (!s.resource || s.resource.negated || s.resource.values.includes("*")) {
          index!.open.add(i);
          continue;
        }
        for (const r of s.resource.values) {
          if (hasWildcard(r)) index!.wild.push({ value: r, principal: i });
          else {
            const key = r.toLowerCase();
            const list = index!.exact.get(key);
            if (list) list.push(i);
            else index!.exact.set(key, [i]);
          }
          for (let at = r.indexOf(SECRET_MARK); at >= 0; at = r.indexOf(SECRET_MARK, at + 1)) {
            index!.afterMark.push({ suffix: r.slice(at + SECRET_MARK.length), principal: i });
          }
        }
      }
    }
  });
  index.afterMark.sort((a, b) => (a.suffix < b.suffix ? -1 : a.suffix > b.suffix ? 1 : 0));
  indexes.set(view, index);
  return index;
}

/** Principals whose grants allow GetSecretValue on the secret's ARN (or on `*`). */
export function readersOf(secret: ResourceModel, view: StackView): PrincipalView[] {
  const index = readerIndex(view);
  const hits = new Set<number>(index.open);
  addNamedReaders(secret, index, hits);
  return [...hits].sort((a, b) => a - b).map((i) => view.principals[i]);
}

/** Who may read a secret, in two parts: those open to every secret (the same list for every secret) and those who name it. */
export interface SecretReaders {
  /** Principals whose statements allow reading every secret (shared between secrets: read only). */
  readonly everySecret: readonly PrincipalView[];
  /** The other readers: their statements name this secret (by ARN, pattern or name). */
  readonly named: readonly PrincipalView[];
}

const openReaders = new WeakMap<StackView, readonly PrincipalView[]>();

/**
 * `readersOf` without copying the principals open to every secret into each secret's list: rules
 * that summarise readers per secret stay linear where many principals may read everything.
 */
export function secretReaders(secret: ResourceModel, view: StackView): SecretReaders {
  const index = readerIndex(view);
  let everySecret = openReaders.get(view);
  if (!everySecret) openReaders.set(view, (everySecret = [...index.open].sort((a, b) => a - b).map((i) => view.principals[i])));
  const hits = new Set<number>();
  addNamedReaders(secret, index, hits);
  for (const i of index.open) hits.delete(i);
  return { everySecret, named: [...hits].sort((a, b) => a - b).map((i) => view.principals[i]) };
}

/**
 * Principals that may read at least one of the secrets. Those open to every secret are counted once,
 * not once per secret, so this stays linear where many principals may read everything.
 */
export function readersOfAny(secrets: readonly ResourceModel[], view: StackView): Set<PrincipalView> {
  const index = readerIndex(view);
  const hits = new Set<number>(secrets.length > 0 ? index.open : []);
  for (const secret of secrets) addNamedReaders(secret, index, hits);
  return new Set([...hits].map((i) => view.principals[i]));
}

/** Adds the principals whose statements name this secret (by ARN, pattern or `:secret:<name>`). */
function addNamedReaders(secret: ResourceModel, index: ReaderIndex, hits: Set<number>): void {
  const arn = typeof secret.properties.arn === "string" && !containsUnknown(secret.properties.arn) ? (secret.properties.arn as string) : undefined;
  const name = typeof secret.properties.name === "string" ? (secret.properties.name as string) : secret.name;
  if (arn) {
    for (const i of index.exact.get(arn.toLowerCase()) ?? []) hits.add(i);
    for (const w of index.wild) if (!hits.has(w.principal) && wildcardMatches(w.value, arn)) hits.add(w.principal);
  }
  // `r.includes(":secret:" + name)`: some `:secret:` in r is followed by the name.
  const list = index.afterMark;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid].suffix < name) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < list.length && list[k].suffix.startsWith(name); k++) hits.add(list[k].principal);
}

const positionsByView = new WeakMap<StackView, ReadonlyMap<PrincipalView, number>>();

/** Each principal's position in the view (readers are listed in this order). */
export function principalPositions(view: StackView): ReadonlyMap<PrincipalView, number> {
  let hit = positionsByView.get(view);
  if (!hit) positionsByView.set(view, (hit = new Map(view.principals.map((p, i) => [p, i]))));
  return hit;
}
