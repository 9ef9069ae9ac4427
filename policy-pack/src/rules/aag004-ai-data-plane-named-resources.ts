import { T } from "../model/resource";
import type { ResourceRule } from "../engine/types";
import { identityDocuments, readableDocuments } from "../engine/documents";
import { dataPlanePatternsFrom } from "../engine/ai-scope";
import { describeStatement, type Statement } from "../iam/document";
import { effectiveAccess, isOpenResource, pinnedValues, type AccessEntry } from "../iam/effective";
import { containsUnknown, ownValue } from "../model/values";
import { expandPattern, type CatalogAction } from "../iam/catalog";
import { hasWildcard, splitAction } from "../iam/patterns";

/** Data-plane actions from the configured patterns, expanded against the catalog (memoised). */
const expansionCache = new Map<string, CatalogAction[]>();
export function dataPlaneActions(patterns: string[]): CatalogAction[] {
  const key = patterns.join("|");
  let actions = expansionCache.get(key);
  if (!actions) {
    const seen = new Map<string, CatalogAction>();
    for (const p of patterns) {
      const parts = splitAction(p);
      if (!parts || parts.service.includes("*")) continue;
      for (const a of expandPattern(p, parts.service)) seen.set(a.id, a);
    }
    actions = [...seen.values()];
    expansionCache.set(key, actions);
  }
  return actions;
}

/** The data-plane actions with resource-level permissions and their services, per configuration object. */
const scopes = new WeakMap<object, { wanted: ReadonlySet<string>; services: readonly string[] }>();
function scopeOf(config: Readonly<Record<string, unknown>>): { wanted: ReadonlySet<string>; services: readonly string[] } {
  let hit = scopes.get(config);
  if (!hit) {
    const actions = dataPlaneActions(dataPlanePatternsFrom(config)).filter((a) => a.supportsResourceLevel);
    hit = { wanted: new Set(actions.map((a) => a.id)), services: [...new Set(actions.map((a) => a.id.split(":")[0]))] };
    scopes.set(config, hit);
  }
  return hit;
}

export const aiDataPlaneNamedResources: ResourceRule = {
  kind: "resource",
  id: "AAG-004",
  name: "ai-data-plane-on-named-resources",
  title: "AI data-plane actions only on named resources",
  severity: "high",
  defaultLevel: "mandatory",
  frameworks: { owaspNhi: ["NHI5"], owaspAgentic: ["ASI03", "ASI02"], nistCsf: ["PR.AA-05"], nistAiRmf: ["MAP 4.2", "MEASURE 2.7"] },
  why:
    "Invoke, Retrieve and InvokeEndpoint on `*` (or on an ARN whose id is a wildcard) let the holder " +
    "use every model, agent, knowledge base and endpoint in the account, including the most expensive " +
    "models and the knowledge bases with the most sensitive data. A stolen credential then costs as " +
    "much as the attacker wants and reads whatever the agents can.",
  fix:
    "Name the resources: foundation-model ARNs by model id (region may be `*` for cross-region " +
    "inference), inference-profile, agent-alias, knowledge-base and endpoint ARNs by id. AiAccessPolicy " +
    "and AiAccessPath build these ARNs (partition-aware) from the model ids and resources you list.",
  appliesTo: [T.policy, T.rolePolicy, T.userPolicy, T.groupPolicy, T.role, T.user, T.group],
  config: {
    additionalDataPlaneActions: {
      type: "array",
      items: { type: "string" },
      default: [],
      description: "More actions (wildcards allowed, e.g. `bedrock:Converse*`) to treat as AI data-plane actions.",
    },
  },
  check(resource, ctx) {
    const { wanted, services } = scopeOf(ctx.config);
    const docs = readableDocuments(identityDocuments(resource), ctx);
    const sources = docs.map((d) => ({ label: d.label, document: d.document }));
    const property = new Map(docs.map((d) => [d.label, d.where.property]));
    // Per statement: open resource → actions, so one finding names everything a fix must narrow.
    const byStatement = new Map<Statement, { label: string; open: Map<string, string[]>; unknown: Set<string> }>();
    for (const service of services) {
      // The entries of one statement share its Resource list: judged once per list.
      const judged = new Map<readonly string[], { open: readonly string[]; unknown: readonly string[] }>();
      for (const e of effectiveAccess(sources, service)) {
        if (!wanted.has(e.action.id) || narrowedByCondition(e)) continue;
        let slot = byStatement.get(e.statement);
        if (!slot) byStatement.set(e.statement, (slot = { label: e.source, open: new Map(), unknown: new Set() }));
        let hit = judged.get(e.resources);
        if (!hit) judged.set(e.resources, (hit = { open: e.resources.filter((r) => isOpenResource(r, service)), unknown: e.resources.filter((r) => containsUnknown(r)) }));
        const open = e.except ? [`NotResource ${JSON.stringify(e.except)}`] : hit.open;
        for (const r of hit.unknown) slot.unknown.add(r);
        for (const o of open) {
          const ids = slot.open.get(o);
          if (ids) ids.push(e.action.id);
          else slot.open.set(o, [e.action.id]);
        }
      }
    }
    for (const [stmt, slot] of byStatement) {
      const at = `${slot.label} ${describeStatement(stmt)}`;
      const where = property.get(slot.label) ?? "policy";
      for (const [open, ids] of slot.open) {
        const shown = ids.length > 4 ? `${ids.slice(0, 4).join(", ")} and ${ids.length - 4} more` : ids.join(", ");
        ctx.violation(`Resource::${open}`, `${at} allows ${shown} on Resource::${open}, not on named resources.`, { property: where });
      }
      if (slot.unknown.size > 0) {
        ctx.cannotValidate(where, `${at}: ${slot.unknown.size} Resource entr${slot.unknown.size === 1 ? "y is" : "ies are"} not known until apply, so it cannot be confirmed that AI actions are limited to named resources.`);
      }
    }
  },
};

/** Condition keys that name the resource an action reaches when the Resource element does not. */
const NARROWING_KEYS: Readonly<Record<string, string>> = {
  aoss: "aoss:collection",
  bedrock: "bedrock:InferenceProfileArn",
};

/** True when a condition pins the resource to named values (no wildcard). */
export function narrowedByCondition(e: AccessEntry): boolean {
  const key = ownValue(NARROWING_KEYS, e.action.id.split(":")[0]);
  if (!key) return false;
  const values = pinnedValues(e.conditions, key);
  return values !== undefined && values.length > 0 && values.every((v) => !hasWildcard(v) && !containsUnknown(v));
}
