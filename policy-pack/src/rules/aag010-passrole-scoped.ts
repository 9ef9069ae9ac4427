import { T } from "../model/resource";
import type { ResourceRule } from "../engine/types";
import { identityDocuments, forEachDocument } from "../engine/documents";
import { coversAction, resourceScope } from "../iam/analysis";
import { describeStatement, type PolicyDocument } from "../iam/document";

/** Actions that create or change something that runs with a passed role: PassRole + these = escalation. */
export const ROLE_CONSUMING_ACTIONS: readonly string[] = [
  "bedrock:CreateAgent", "bedrock:UpdateAgent", "bedrock:CreateKnowledgeBase", "bedrock:UpdateKnowledgeBase",
  "bedrock:CreateFlow", "bedrock:UpdateFlow", "bedrock:CreateModelCustomizationJob", "bedrock:CreateModelInvocationJob",
  "bedrock:CreateModelImportJob", "bedrock:CreateEvaluationJob", "bedrock:CreateModelEvaluationJob",
  "bedrock-agentcore:CreateAgentRuntime", "bedrock-agentcore:UpdateAgentRuntime", "bedrock-agentcore:CreateCodeInterpreter",
  "bedrock-agentcore:CreateBrowser", "bedrock-agentcore:CreateGateway", "bedrock-agentcore:UpdateGateway",
  "sagemaker:CreateTrainingJob", "sagemaker:CreateProcessingJob", "sagemaker:CreateModel", "sagemaker:CreateNotebookInstance",
  "sagemaker:CreatePipeline", "sagemaker:CreateDomain", "sagemaker:CreateTransformJob",
  "lambda:CreateFunction", "lambda:UpdateFunctionConfiguration", "ec2:RunInstances", "ecs:RegisterTaskDefinition",
];

function consumingActions(doc: PolicyDocument): string[] {
  const out: string[] = [];
  for (const s of doc.statements) {
    if (s.effect !== "Allow") continue;
    for (const a of ROLE_CONSUMING_ACTIONS) if (coversAction(s, a) && !out.includes(a)) out.push(a);
  }
  return out;
}

export const passRoleScoped: ResourceRule = {
  kind: "resource",
  id: "AAG-010",
  name: "passrole-scoped",
  title: "iam:PassRole only on named roles and with iam:PassedToService",
  severity: "high",
  defaultLevel: "mandatory",
  frameworks: { owaspNhi: ["NHI5"], owaspAgentic: ["ASI03", "ASI10"], nistCsf: ["PR.AA-05"], nistAiRmf: ["MAP 4.2", "MEASURE 2.7"] },
  why:
    "iam:PassRole on `*` lets the holder hand any role in the account to a service it can configure. " +
    "Combined with creating agents, agent runtimes, training jobs or functions it is privilege " +
    "escalation: the attacker creates an agent that runs as the most powerful role and talks to it.",
  fix:
    "Name the role ARNs that may be passed and add `StringEquals: {\"iam:PassedToService\": \"bedrock.amazonaws.com\"}` " +
    "(or the service that needs it). Keep agent-creation permissions away from workloads; AiAccessPolicy never grants PassRole.",
  appliesTo: [T.policy, T.rolePolicy, T.userPolicy, T.groupPolicy, T.role, T.user, T.group],
  check(resource, ctx) {
    forEachDocument(identityDocuments(resource), ctx, (doc, where) => {
      const consumers = consumingActions(doc);
      for (const stmt of doc.statements) {
        if (stmt.effect !== "Allow" || !coversAction(stmt, "iam:PassRole")) continue;
        const at = `${where.label} ${describeStatement(stmt)}`;
        const scope = resourceScope(stmt, "iam");
        const openRoles = [...scope.open, ...(stmt.resource?.values ?? []).filter((v) => /:role\/(.*[*?].*)?$/.test(v) && !scope.open.includes(v))];
        if (scope.unknown.length > 0) ctx.cannotValidate(where.property, `${at}: PassRole resources are not known until apply.`);
        if (openRoles.length > 0) {
          ctx.violation(`PassRole::${openRoles[0]}`, `${at} allows iam:PassRole on ${openRoles.join(", ")}, not on named roles.`, { property: where.property });
          if (consumers.length > 0) {
            ctx.violation(
              `PrivilegeEscalation::iam:PassRole+${consumers[0]}`,
              `${at} combines iam:PassRole on any role with ${consumers.slice(0, 3).join(", ")}${consumers.length > 3 ? ` and ${consumers.length - 3} more` : ""}: the holder can create a workload that runs as any role (privilege escalation).`,
              { property: where.property },
            );
          }
        }
        const pinned = stmt.conditions.some((c) => c.key === "iam:passedtoservice" && !c.base.includes("not") && !c.ifExists);
        if (!pinned) {
          ctx.violation(`PassRole::no-PassedToService`, `${at} allows iam:PassRole without an \`iam:PassedToService\` condition, so the role can be passed to any service.`, {
            property: where.property,
            advisoryOnly: openRoles.length === 0,
          });
        }
      }
    });
  },
};
