/** Where policy documents live on a resource, parsed once per call, with their property paths. */
import { T, type ResourceModel } from "../model/resource";
import { isRecord, isUnknown } from "../model/values";
import { parsePolicyDocument, type ParseResult, type PolicyDocument } from "../iam/document";
import type { RuleContext } from "./types";

export interface LocatedDocument {
  /** Property path, e.g. `policy`, `inlinePolicies[0].policy`, `assumeRolePolicy`. */
  readonly property: string;
  /** For messages: `inline policy "bedrock"`. */
  readonly label: string;
  readonly parsed: ParseResult;
}

const IDENTITY_DOC_TYPES = new Set<string>([T.policy, T.rolePolicy, T.userPolicy, T.groupPolicy]);

/** Identity-based policy documents held by a resource (standalone, inline, role inline list). */
export function identityDocuments(resource: ResourceModel): LocatedDocument[] {
  const p = resource.properties;
  if (IDENTITY_DOC_TYPES.has(resource.type)) {
    if (p.policy === undefined) return [];
    return [{ property: "policy", label: "policy document", parsed: parsePolicyDocument(p.policy) }];
  }
  if (resource.type === T.role || resource.type === T.user || resource.type === T.group) {
    const inline = p.inlinePolicies;
    if (inline === undefined || inline === null) return [];
    if (isUnknown(inline) || !Array.isArray(inline)) {
      return [{ property: "inlinePolicies", label: "inline policies", parsed: isUnknown(inline) ? { kind: "unknown", reason: "inlinePolicies is not known until apply" } : { kind: "invalid", reason: "inlinePolicies must be a list of {name, policy}" } }];
    }
    const out: LocatedDocument[] = [];
    inline.forEach((entry, i) => {
      if (!isRecord(entry)) return;
      // `{}` entries are how the provider expresses "remove all inline policies".
      if (entry.policy === undefined || entry.policy === "") return;
      const name = typeof entry.name === "string" && !isUnknown(entry.name) ? entry.name : `#${i + 1}`;
      out.push({ property: `inlinePolicies[${i}].policy`, label: `inline policy "${name}"`, parsed: parsePolicyDocument(entry.policy) });
    });
    return out;
  }
  return [];
}

/** The trust policy of a role. */
export function trustDocument(resource: ResourceModel): LocatedDocument | undefined {
  if (resource.type !== T.role) return undefined;
  const doc = resource.properties.assumeRolePolicy;
  return { property: "assumeRolePolicy", label: "trust policy", parsed: parsePolicyDocument(doc) };
}

/**
 * Calls `judge` with each parsed document; unparsable or unknown ones become a "cannot validate"
 * finding naming the property, and statement-level problems are reported the same way.
 */
export function forEachDocument(
  docs: LocatedDocument[],
  ctx: RuleContext,
  judge: (doc: PolicyDocument, where: LocatedDocument) => void,
): void {
  for (const where of docs) {
    const parsed = where.parsed;
    if (parsed.kind === "unknown") {
      ctx.cannotValidate(where.property, `${where.label}: ${parsed.reason}`);
      continue;
    }
    if (parsed.kind === "invalid") {
      ctx.cannotValidate(where.property, `${where.label} cannot be parsed: ${parsed.reason}`);
      continue;
    }
    for (const problem of parsed.document.problems) ctx.cannotValidate(where.property, `${where.label}: ${problem}`);
    judge(parsed.document, where);
  }
}

/**
 * The readable documents of a resource, after reporting the unreadable ones as "cannot validate":
 * rules that evaluate documents together (an explicit Deny in one inline policy removes what
 * another allows) take them all at once.
 */
export function readableDocuments(docs: LocatedDocument[], ctx: RuleContext): Array<{ document: PolicyDocument; where: LocatedDocument; label: string }> {
  const out: Array<{ document: PolicyDocument; where: LocatedDocument; label: string }> = [];
  forEachDocument(docs, ctx, (document, where) => out.push({ document, where, label: where.label }));
  return out;
}
