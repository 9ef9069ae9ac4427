import { T } from "../model/resource";
import type { ResourceRule } from "../engine/types";
import { identityDocuments, forEachDocument } from "../engine/documents";
import { dataPlanePatternsFrom } from "../engine/ai-scope";
import { coversAction, deniedEverywhere, resourceScope } from "../iam/analysis";
import { describeStatement } from "../iam/document";
import { expandPattern, type CatalogAction } from "../iam/catalog";
import { splitAction } from "../iam/patterns";

/** Data-plane actions from the configured patterns, expanded against the catalog (memoised). */
const expansionCache = new Map<string, CatalogAction[]>();
function dataPlaneActions(patterns: string[]): CatalogAction[] {
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
    const actions = dataPlaneActions(dataPlanePatternsFrom(ctx.config)).filter((a) => a.supportsResourceLevel);
    forEachDocument(identityDocuments(resource), ctx, (doc, where) => {
      for (const stmt of doc.statements) {
        if (stmt.effect !== "Allow") continue;
        const granted = actions.filter((a) => coversAction(stmt, a.id) && !deniedEverywhere(doc, a.id));
        if (granted.length === 0) continue;
        const at = `${where.label} ${describeStatement(stmt)}`;
        const byOpen = new Map<string, string[]>();
        const unknown = new Set<string>();
        for (const action of granted) {
          const scope = resourceScope(stmt, action.id.split(":")[0]);
          for (const open of scope.open) byOpen.set(open, [...(byOpen.get(open) ?? []), action.id]);
          for (const u of scope.unknown) unknown.add(u);
        }
        for (const [open, ids] of byOpen) {
          const shown = ids.length > 4 ? `${ids.slice(0, 4).join(", ")} and ${ids.length - 4} more` : ids.join(", ");
          ctx.violation(`Resource::${open}`, `${at} allows ${shown} on Resource::${open}, not on named resources.`, { property: where.property });
        }
        if (unknown.size > 0) {
          ctx.cannotValidate(where.property, `${at}: ${unknown.size} Resource entr${unknown.size === 1 ? "y is" : "ies are"} not known until apply, so it cannot be confirmed that AI actions are limited to named resources.`);
        }
      }
    });
  },
};
