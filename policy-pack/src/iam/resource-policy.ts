/**
 * Who a resource-based policy statement lets in, judged the way AWS evaluates it: `Principal: "*"`
 * (or another account) is open unless a positive condition pins the caller to an organisation, an
 * account, a source resource or a network. `…IfExists`, negated operators and wildcard values pin
 * nothing (the cheapest bypass is to omit the key, or match it with `*`).
 */
import type { ConditionClause, Statement } from "./document";
import { parseArn } from "./arn";

/** Condition keys that pin who (or what) the caller is. */
export const PINNING_KEYS: ReadonlySet<string> = new Set([
  "aws:principalorgid",
  "aws:principalorgpaths",
  "aws:principalaccount",
  "aws:principalarn",
  "aws:sourceorgid",
  "aws:sourceorgpaths",
  "aws:sourceaccount",
  "aws:sourcearn",
  "aws:sourcevpce",
  "aws:sourcevpc",
  "aws:sourceowner",
  "kms:calleraccount",
  "lambda:functionurlauthtype",
]);

const POSITIVE = new Set(["stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike"]);

const WILD = /[*?]/;
const ACCOUNT_KEYS = new Set(["aws:principalaccount", "aws:sourceaccount", "aws:sourceowner", "kms:calleraccount"]);
const ARN_KEYS = new Set(["aws:principalarn", "aws:sourcearn"]);

/** One condition value names a bounded set of callers: no wildcard where it would open another account or org. */
function pinsValue(key: string, v: string): boolean {
  if (v === "" || /^\*+$/.test(v)) return false;
  if (ACCOUNT_KEYS.has(key)) return /^\d{12}$/.test(v);
  if (ARN_KEYS.has(key)) {
    const parts = v.split(":");
    // The account must be named (`arn:aws:iam::*:role/x` is every account); service ARNs without an account
    // (`arn:aws:s3:::bucket`) pin by name. A resource that is only `*` names nothing.
    if (parts.length < 6 || parts[0] !== "arn" || WILD.test(parts[2]) || WILD.test(parts[4]) || /^\*+$/.test(parts.slice(5).join(":"))) return false;
    return true;
  }
  if (key === "aws:principalorgpaths" || key === "aws:sourceorgpaths") return !WILD.test(v.split("/")[0]);
  return !WILD.test(v);
}

/** The clause pins its key to concrete values. */
export function isPinning(c: ConditionClause): boolean {
  if (!PINNING_KEYS.has(c.key) || c.ifExists || !POSITIVE.has(c.base) || c.setQualifier === "ForAllValues") return false;
  if (c.hasUnknown) return true; // a value from another resource: assume it names one thing
  if (c.key === "lambda:functionurlauthtype") return c.values.length > 0 && c.values.every((v) => v === "AWS_IAM");
  return c.values.length > 0 && c.values.every((v) => pinsValue(c.key, v));
}

/** Accounts named by an AWS principal value (`123456789012`, `arn:aws:iam::123456789012:root`, role ARNs). */
export function accountOf(principal: string): string | undefined {
  if (/^\d{12}$/.test(principal)) return principal;
  return parseArn(principal)?.account || undefined;
}

export interface OpenPrincipal {
  /** `*`, an account id, or a principal ARN. */
  readonly value: string;
  readonly why: "anyone" | "other-account";
}

/**
 * The principals of an Allow statement that are open: anyone, or an account not in `ownAccounts`
 * (when the own accounts are known), with no pinning condition. Service principals are left to
 * the caller (they are pinned by `aws:SourceArn`/`aws:SourceAccount`, judged elsewhere).
 */
export function openPrincipals(s: Statement, ownAccounts: ReadonlySet<string>): OpenPrincipal[] {
  if (s.effect !== "Allow" || !s.principal || s.principal.negated) return [];
  if (s.conditions.some(isPinning)) return [];
  const out: OpenPrincipal[] = [];
  if (s.principal.anyone) out.push({ value: "*", why: "anyone" });
  for (const v of s.principal.byType.get("AWS") ?? []) {
    if (v === "*") continue;
    const account = accountOf(v);
    if (account && ownAccounts.size > 0 && !ownAccounts.has(account)) out.push({ value: v, why: "other-account" });
  }
  return out;
}
