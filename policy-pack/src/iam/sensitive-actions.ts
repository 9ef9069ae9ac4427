/**
 * Sensitive actions judged on effective access: which of a table of actions a principal can
 * really call (after Deny and boundary), on which resources, and whether the resources are open.
 * The rules that mint credentials, escalate, tamper with the AI control plane or the audit trail
 * share this; each rule owns its table and levels.
 */
import type { AccessOf } from "./principal-access";
import { isOpenResource, type AccessEntry } from "./effective";
import { parseArn } from "./arn";
import { hasWildcard } from "./patterns";
import { containsUnknown } from "../model/values";

export interface SensitiveCheck {
  /** Finding key prefix, e.g. `Mint`, `Escalation`. */
  readonly key: string;
  readonly actions: readonly string[];
  /** What holding it means, completing "may call X on Y: …". */
  readonly harm: string;
  /**
   * `always`: mandatory on any resource; `open`: mandatory only on open resources (advisory on named
   * ones); `open-only`: reported only on open resources; `ai-workload`: reported only on open
   * resources, mandatory when the principal calls the AI data plane, advisory otherwise.
   */
  readonly level: "always" | "open" | "open-only" | "ai-workload";
}

export interface SensitiveHit {
  readonly findingId: string;
  readonly detail: string;
  readonly advisoryOnly: boolean;
  readonly actions: readonly string[];
}

/** Open for this purpose: `*`, a wildcard id, or (IAM/STS) a wildcard account. */
export function openResource(value: string, service: string): boolean {
  if (isOpenResource(value, service)) return true;
  const arn = parseArn(value);
  // `user/${aws:username}` is the caller itself, in whichever account it lives.
  if (!arn || arn.service !== "iam" || /\$\{aws:(username|userid)\}/i.test(arn.resource)) return false;
  return hasWildcard(arn.account) || arn.account === "";
}

/** A `StringEquals` on a resource tag narrows the resources a wildcard reaches to tagged ones. */
function narrowedByTag(e: AccessEntry): boolean {
  return e.conditions.some(
    (c) =>
      /(^|:)resourcetag\//.test(c.key) &&
      ["stringequals", "stringequalsignorecase"].includes(c.base) &&
      !c.ifExists &&
      c.setQualifier !== "ForAllValues" &&
      c.values.length > 0 &&
      c.values.every((v) => !hasWildcard(v) && !containsUnknown(v)),
  );
}

function shortList(values: readonly string[], n = 3): string {
  return values.length > n ? `${values.slice(0, n).join(", ")} and ${values.length - n} more` : values.join(", ");
}

/** Every check a principal fails, one hit per check (the actions listed together). */
export function judgeSensitive(access: AccessOf, checks: readonly SensitiveCheck[], opts: { aiWorkload?: boolean } = {}): SensitiveHit[] {
  const out: SensitiveHit[] = [];
  for (const check of checks) {
    const held: Array<{ action: string; entries: readonly AccessEntry[] }> = [];
    for (const action of check.actions) {
      const entries = access.to(action);
      if (entries.length > 0) held.push({ action: entries[0].action.id, entries });
    }
    if (held.length === 0) continue;
    const service = (a: string) => a.split(":")[0];
    const openEntries = held.flatMap((h) => h.entries.filter((e) => !narrowedByTag(e) && (e.except !== undefined || e.resources.some((r) => openResource(r, service(h.action))))));
    const open = openEntries.length > 0;
    // Named resources are the fix for these: nothing to report.
    if ((check.level === "open-only" || check.level === "ai-workload") && !open) continue;
    const mandatory =
      check.level === "always" || (check.level === "open" && open) || (check.level === "open-only" && open) || (check.level === "ai-workload" && open && opts.aiWorkload === true);
    const actions = held.map((h) => h.action);
    const shown = open ? openEntries : held.flatMap((h) => h.entries);
    const resources = [...new Set(shown.flatMap((e) => (e.except ? [`every resource except ${shortList(e.except, 2)}`] : e.resources.map((r) => (containsUnknown(r) ? "(not known until apply)" : r)))))];
    const sources = [...new Set(shown.map((e) => e.source))];
    out.push({
      findingId: `${check.key}::${actions[0]}`,
      detail: `may call ${shortList(actions)} on ${shortList(resources, 2)} (from ${shortList(sources, 2)}): ${check.harm}.`,
      advisoryOnly: !mandatory,
      actions,
    });
  }
  return out;
}
