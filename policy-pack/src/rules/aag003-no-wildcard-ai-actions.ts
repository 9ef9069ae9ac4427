import { T } from "../model/resource";
import type { ResourceRule } from "../engine/types";
import { identityDocuments, forEachDocument } from "../engine/documents";
import { aiServicesFrom } from "../engine/ai-scope";
import { coveredActions, deniedEverywhere, wholeServicePatterns } from "../iam/analysis";
import { describeStatement } from "../iam/document";
import { actionsOf } from "../iam/catalog";

export const noWildcardAiActions: ResourceRule = {
  kind: "resource",
  id: "AAG-003",
  name: "no-wildcard-ai-actions",
  title: "No wildcard AI actions (bedrock:*, sagemaker:*, bedrock-agentcore:*, *, or NotAction)",
  severity: "high",
  defaultLevel: "mandatory",
  frameworks: { owaspNhi: ["NHI5"], owaspAgentic: ["ASI03", "ASI02"], nistCsf: ["PR.AA-05"], nistAiRmf: ["MAP 4.2", "MEASURE 2.7"] },
  why:
    "A service wildcard grants every current and future action of the service: beyond invoking " +
    "models it lets the holder accept model agreements, turn off invocation logging, create agents " +
    "that run with other roles, and read every knowledge base. An Allow with NotAction does the same " +
    "by omission. Whoever steals the credential inherits all of it.",
  fix:
    "List the exact actions the workload calls (for inference: bedrock:InvokeModel and " +
    "bedrock:InvokeModelWithResponseStream) on named resources. AiAccessPolicy builds that statement " +
    "from the models, agents and knowledge bases you name. Replace NotAction with an explicit Action list.",
  appliesTo: [T.policy, T.rolePolicy, T.userPolicy, T.groupPolicy, T.role, T.user, T.group],
  check(resource, ctx) {
    const services = aiServicesFrom(ctx.config);
    forEachDocument(identityDocuments(resource), ctx, (doc, where) => {
      for (const stmt of doc.statements) {
        if (stmt.effect !== "Allow") continue;
        const at = `${where.label} ${describeStatement(stmt)}`;
        if (stmt.action.hasUnknown) {
          ctx.cannotValidate(where.property, `${at}: some ${stmt.action.negated ? "NotAction" : "Action"} entries are not known until apply.`);
        }
        if (!stmt.action.negated) {
          const reported = new Set<string>();
          for (const service of services) {
            if (deniedEverywhere(doc, `${service}:*`)) continue;
            for (const pattern of wholeServicePatterns(stmt, service)) {
              if (reported.has(pattern)) continue;
              reported.add(pattern);
              const reach = services.filter((s) => wholeServicePatterns(stmt, s).includes(pattern));
              const count = reach.reduce((n, s) => n + (actionsOf(s)?.length ?? 0), 0);
              ctx.violation(
                `Action::${pattern}`,
                `${at} allows Action::${pattern}, every action of ${reach.join(", ")} (${count} actions today, and any added later).`,
                { property: where.property },
              );
            }
          }
          continue;
        }
        const leaks: string[] = [];
        let example = "";
        for (const service of services) {
          const allowed = coveredActions(stmt, service).filter((a) => !deniedEverywhere(doc, a.id));
          if (allowed.length === 0) continue;
          leaks.push(`${allowed.length} ${service}`);
          if (!example) example = (allowed.find((a) => /^Invoke/.test(a.name)) ?? allowed[0]).id;
        }
        if (leaks.length > 0) {
          ctx.violation(
            `NotAction::${stmt.action.values.join(",")}`,
            `${at} is an Allow with NotAction ${JSON.stringify(stmt.action.values)}, which leaves AI actions allowed: ${leaks.join(", ")} actions (e.g. ${example}).`,
            { property: where.property },
          );
        }
      }
    });
  },
};
