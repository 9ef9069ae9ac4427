import { T } from "../model/resource";
import type { StackRule } from "../engine/types";
import { grants, isOpenResource } from "../iam/effective";
import { findAction } from "../iam/catalog";
import { describeStatement } from "../iam/document";
import { accessGraphOf } from "../stack/graph";
import type { PrincipalView } from "../stack/view";
import { LLMJACKING_CONTROL_ACTIONS } from "./aag011-llmjacking-control-actions";

/** Actions that let a tool change identities: mint keys, grant itself policies, hand roles on. */
export const IDENTITY_ACTIONS: readonly string[] = [
  "iam:CreateAccessKey",
  "iam:CreateUser",
  "iam:CreateRole",
  "iam:CreateLoginProfile",
  "iam:UpdateLoginProfile",
  "iam:AttachRolePolicy",
  "iam:AttachUserPolicy",
  "iam:PutRolePolicy",
  "iam:PutUserPolicy",
  "iam:UpdateAssumeRolePolicy",
  "iam:CreatePolicyVersion",
  "iam:PassRole",
  "sts:AssumeRole",
];

/** Actions that change what agents are, which tools they have and what guards them. */
export const AGENT_CONTROL_ACTIONS: readonly string[] = [
  "bedrock:CreateAgent",
  "bedrock:UpdateAgent",
  "bedrock:CreateAgentActionGroup",
  "bedrock:UpdateAgentActionGroup",
  "bedrock:AssociateAgentKnowledgeBase",
  "bedrock:UpdateGuardrail",
  "bedrock:DeleteGuardrail",
  "bedrock-agentcore:CreateGatewayTarget",
  "bedrock-agentcore:UpdateGatewayTarget",
  "bedrock-agentcore:UpdateGateway",
  "bedrock-agentcore:UpdateAgentRuntime",
];

const SECRET_READ = "secretsmanager:GetSecretValue";

/** What the tool's role may really call (effective access: Allow minus Deny, within its boundary). */
function sensitive(p: PrincipalView): Array<{ action: string; kind: string; where: string }> {
  const out: Array<{ action: string; kind: string; where: string }> = [];
  const check = (actions: readonly string[], kind: string, onlyOpen = false) => {
    for (const action of actions) {
      if (!findAction(action)) continue;
      const service = action.split(":")[0];
      const hit = grants(p.access(service), action).find((e) => !onlyOpen || e.except !== undefined || e.resources.some((r) => isOpenResource(r, service)));
      if (hit) out.push({ action, kind, where: `${hit.source} ${describeStatement(hit.statement)}` });
    }
  };
  check(IDENTITY_ACTIONS, "identity");
  check([SECRET_READ], "every secret", true);
  check([...LLMJACKING_CONTROL_ACTIONS, ...AGENT_CONTROL_ACTIONS], "AI control");
  return out;
}

export const toolExecutorLeastPrivilege: StackRule = {
  kind: "stack",
  id: "AAG-022",
  name: "tool-executor-least-privilege",
  title: "Agent tools (action-group executors, gateway targets) hold no IAM, all-secrets or AI-control permissions",
  severity: "high",
  defaultLevel: "mandatory",
  frameworks: { owaspNhi: ["NHI5"], owaspAgentic: ["ASI02", "ASI03"], nistCsf: ["PR.AA-05"], nistAiRmf: ["MANAGE 1.3", "MEASURE 2.7"] },
  why:
    "A tool runs whatever the model asks for, and the model does what its prompt, documents and tool results " +
    "say: a prompt injection is one document away. A tool whose role can create keys or attach policies, read " +
    "every secret, or change agents, guardrails and logging hands that power to whoever writes the injection.",
  fix:
    "Give each tool Lambda its own role with only the calls the tool makes, on named resources; keep IAM, " +
    "secrets-wide reads and Bedrock/AgentCore control actions on platform roles that no agent can invoke.",
  appliesTo: [T.bedrockAgentActionGroup, T.agentcoreGatewayTarget, T.lambdaFunction],
  checkStack(view, ctx) {
    const graph = accessGraphOf(view, ctx.config);
    const judged = new Set<string>();
    for (const e of graph.edges) {
      if (e.kind !== "invokes" || (e.via.type !== T.bedrockAgentActionGroup && e.via.type !== T.agentcoreGatewayTarget)) continue;
      const tool = graph.nodes.get(e.to);
      if (!tool?.resource || tool.resource.type !== T.lambdaFunction) continue;
      for (const r of graph.outgoing(tool.id)) {
        const p = r.kind === "runs-as" ? graph.nodes.get(r.to)?.principal : undefined;
        if (!p || judged.has(`${p.urn}|${tool.id}`)) continue;
        judged.add(`${p.urn}|${tool.id}`);
        for (const s of sensitive(p)) {
          ctx.violation(p.resource, `ToolAction::${s.action}`, `runs the agent tool Function "${tool.resource.name}" (via ${e.via.type.split(":").pop()} "${e.via.name}") and may call ${s.action} (${s.kind}) from ${s.where}.`, { property: "policy" });
        }
      }
    }
  },
};
