import { T } from "../model/resource";
import type { ResourceRule } from "../engine/types";
import { identityDocuments, readableDocuments } from "../engine/documents";
import { describeStatement } from "../iam/document";
import { effectiveAccessTo, pinnedValues, type PolicySource } from "../iam/effective";
import { hasWildcard, wildcardMatches } from "../iam/patterns";
import { containsUnknown } from "../model/values";

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

/** The service a consuming action hands the passed role to. */
function receivingService(action: string): string {
  const service = action.split(":")[0];
  if (service === "ecs") return "ecs-tasks.amazonaws.com";
  return `${service}.amazonaws.com`;
}

/** Services whose workloads run AI or run code that can call AI with the passed role. */
export const AI_PASS_TARGETS: readonly string[] = ["bedrock.amazonaws.com", "bedrock-agentcore.amazonaws.com", "sagemaker.amazonaws.com"];

function consumingActions(sources: readonly PolicySource[]): string[] {
  return ROLE_CONSUMING_ACTIONS.filter((a) => effectiveAccessTo(sources, a).length > 0);
}

/** Role patterns an entry can pass, named for messages. */
function describeRoles(open: string[]): string {
  return open.map((r) => (/^[*?]+$/.test(r) || /:role\/\*?$/.test(r) || r.startsWith("NotResource") ? `any role (${r})` : `roles matching ${r}`)).join(", ");
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
    const docs = readableDocuments(identityDocuments(resource), ctx);
    const sources = docs.map((d) => ({ label: d.label, document: d.document }));
    const property = new Map(docs.map((d) => [d.label, d.where.property]));
    // Asked only when some PassRole is open (most documents grant none).
    let consumerList: string[] | undefined;
    const consumers = () => (consumerList ??= consumingActions(sources));
    for (const e of effectiveAccessTo(sources, "iam:PassRole")) {
      const stmt = e.statement;
      const where = property.get(e.source) ?? "policy";
      const at = `${e.source} ${describeStatement(stmt)}`;
      if (e.resources.some((r) => containsUnknown(r))) ctx.cannotValidate(where, `${at}: PassRole resources are not known until apply.`);
      const open = e.except ? [`NotResource ${JSON.stringify(e.except)}`] : e.resources.filter((r) => !containsUnknown(r) && (r === "*" || /:role\/(.*[*?].*)?$/.test(r) || /^[^:]*[*?]/.test(r) || (!/:role\//.test(r) && hasWildcard(r))));
      // iam:PassedToService soundly pinned (not negated, not IfExists, not ForAllValues): who can receive the role.
      const passedTo = pinnedValues(e.conditions, "iam:PassedToService");
      // Clauses that no service can satisfy together: this statement never grants PassRole.
      if (passedTo !== undefined && passedTo.length === 0) continue;
      const receives = (service: string) => passedTo === undefined || passedTo.some((v) => wildcardMatches(v, service));
      const toAi = AI_PASS_TARGETS.some(receives);
      const limited = passedTo === undefined ? "" : ` (iam:PassedToService limits it to ${passedTo.join(", ")})`;
      if (open.length > 0) {
        ctx.violation(`PassRole::${open[0]}`, `${at} allows iam:PassRole on ${describeRoles(open)}${limited}, not on named roles.`, { property: where, advisoryOnly: !toAi });
        const escalating = consumers().filter((c) => receives(receivingService(c)));
        if (escalating.length > 0) {
          ctx.violation(
            `PrivilegeEscalation::iam:PassRole+${escalating[0]}`,
            `${at} combines iam:PassRole on ${describeRoles(open)}${limited} with ${escalating.slice(0, 3).join(", ")}${escalating.length > 3 ? ` and ${escalating.length - 3} more` : ""}: the holder can create a workload that runs as any of those roles (privilege escalation).`,
            { property: where },
          );
        }
      }
      if (passedTo === undefined) {
        ctx.violation(`PassRole::no-PassedToService`, `${at} allows iam:PassRole without a sound \`iam:PassedToService\` condition (StringEquals, not IfExists), so the role can be passed to any service.`, {
          property: where,
          advisoryOnly: open.length === 0,
        });
      }
    }
  },
};
