/**
 * Which trust-policy conditions really pin the caller. "Any condition" is not a restriction:
 * `Bool aws:SecureTransport`, `StringLike aws:PrincipalArn "*"`, a ForAllValues test of a key the
 * caller leaves out, or `ArnLike aws:SourceArn arn:aws:bedrock:*:*:agent/*` all admit strangers.
 * A clause pins only when its key identifies the caller (or the resource acting for it), its
 * operator cannot be satisfied by leaving the key out, and every value names a fixed tenant.
 */
import type { ConditionClause, Statement } from "./document";
import { parseArn } from "./arn";
import { hasWildcard } from "./patterns";
import { containsUnknown, ownValue } from "../model/values";

/** Keys that identify who is calling, and the value grammar that names one tenant. */
const PINNING_KEYS: Readonly<Record<string, (value: string) => boolean>> = {
  "aws:principalarn": fixedAccountArn,
  "aws:principalaccount": account,
  "aws:sourceaccount": account,
  "aws:resourceaccount": account,
  "aws:principalorgid": orgId,
  "aws:sourceorgid": orgId,
  "aws:principalorgpaths": orgPath,
  "aws:sourceorgpaths": orgPath,
  "aws:sourcearn": fixedAccountArn,
  "sts:externalid": (v) => v.length > 0 && !hasWildcard(v),
  // Unique ids (AROA…, AIDA…) are per identity; a fixed id before any `:session` wildcard pins it.
  "aws:userid": (v) => /^[A-Z0-9]{16,}(:|$)/.test(v) && !hasWildcard(v.split(":")[0]),
};

function account(v: string): boolean {
  return /^\d{12}$/.test(v);
}
function orgId(v: string): boolean {
  return /^o-[a-z0-9]{10,32}$/.test(v);
}
function orgPath(v: string): boolean {
  const first = v.split("/")[0];
  return orgId(first);
}
/** An ARN whose account (or, for S3, bucket) is fixed. */
function fixedAccountArn(v: string): boolean {
  const arn = parseArn(v);
  if (!arn || hasWildcard(arn.service)) return false;
  if (arn.account === "" && arn.service === "s3") return arn.resource !== "" && !hasWildcard(arn.resource.split("/")[0]);
  return account(arn.account);
}

/** Operators that compare values with wildcards (ArnEquals does too, per the IAM reference). */
const LIKE = new Set(["stringlike", "arnlike", "arnequals"]);
const EQUALS = new Set(["stringequals", "stringequalsignorecase"]);

export type ClauseVerdict = { pins: true } | { pins: false; why: string } | { pins: "unknown" };

/** Whether one clause pins the caller; keys not in `keys` (when given) never do. */
export function judgeClause(c: ConditionClause, keys?: readonly string[]): ClauseVerdict {
  const grammar = ownValue(PINNING_KEYS, c.key);
  if (!grammar || (keys && !keys.includes(c.key))) return { pins: false, why: `\`${c.keyAsWritten}\` does not identify the caller` };
  if (!LIKE.has(c.base) && !EQUALS.has(c.base)) return { pins: false, why: `${c.operator} on \`${c.keyAsWritten}\` does not require a value` };
  if (c.ifExists) return { pins: false, why: `${c.operator} passes when \`${c.keyAsWritten}\` is absent` };
  if (c.setQualifier === "ForAllValues") return { pins: false, why: `${c.operator} is true when \`${c.keyAsWritten}\` is absent or empty` };
  if (c.hasUnknown || c.values.some((v) => containsUnknown(v))) return { pins: "unknown" };
  if (c.values.length === 0) return { pins: false, why: `\`${c.keyAsWritten}\` has no value` };
  // Exact operators compare literally: a `*` there matches only a literal `*`, which no caller has.
  if (EQUALS.has(c.base)) return { pins: true };
  const open = c.values.find((v) => !grammar(v));
  // External ids are shared secrets for some vendors: never quoted.
  const shown = c.key === "sts:externalid" ? "with a wildcard value" : `"${open}"`;
  if (open !== undefined) return { pins: false, why: `${c.operator} \`${c.keyAsWritten}\` ${shown} does not name one account, organisation or resource` };
  return { pins: true };
}

export interface TrustPinning {
  /** Some clause pins the caller soundly. */
  readonly pinned: boolean;
  /** Some clause on a pinning key cannot be read at preview (so the verdict may change). */
  readonly unknown: boolean;
  /** Why the clauses on pinning keys do not pin (for messages). */
  readonly reasons: string[];
}

/** Conditions are ANDed: one sound pinning clause is enough. */
export function callerPinning(stmt: Statement, keys?: readonly string[]): TrustPinning {
  let unknown = false;
  const reasons: string[] = [];
  for (const c of stmt.conditions) {
    if (c.key === "?") {
      unknown = true;
      continue;
    }
    const v = judgeClause(c, keys);
    if (v.pins === true) return { pinned: true, unknown: false, reasons: [] };
    if (v.pins === "unknown") unknown = true;
    else if (ownValue(PINNING_KEYS, c.key) || stmt.conditions.length <= 3) reasons.push(v.why);
  }
  return { pinned: false, unknown, reasons };
}

/** `because …` text for a message, or "" when there are no conditions at all. */
export function describeReasons(p: TrustPinning): string {
  return p.reasons.length === 0 ? "" : ` (${p.reasons.slice(0, 2).join("; ")})`;
}
