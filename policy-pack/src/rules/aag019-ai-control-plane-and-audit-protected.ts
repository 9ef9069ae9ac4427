import type { StackRule } from "../engine/types";
import { allowedPrincipalsSetting, IDENTITY_RULE_TYPES, reportSensitive } from "../engine/principals";
import type { SensitiveCheck } from "../iam/sensitive-actions";

/** Changing what agents, gateways and guardrails do, and erasing the trail that would show it. */
export const TAMPERING_CHECKS: readonly SensitiveCheck[] = [
  {
    key: "AuditTampering",
    actions: [
      "cloudtrail:StopLogging", "cloudtrail:DeleteTrail", "cloudtrail:UpdateTrail", "cloudtrail:PutEventSelectors",
      "cloudtrail:DeleteEventDataStore", "cloudtrail:UpdateEventDataStore", "cloudtrail:StopEventDataStoreIngestion",
    ],
    level: "always",
    harm: "it can stop or narrow the CloudTrail record of what every identity did, including model invocations and IAM changes",
  },
  {
    key: "AuditTampering",
    actions: ["logs:DeleteLogGroup", "logs:DeleteLogStream", "logs:PutRetentionPolicy", "logs:DeleteSubscriptionFilter", "logs:DisassociateKmsKey", "logs:DeleteDataProtectionPolicy"],
    level: "open",
    harm: "it can erase or shorten the logs (invocation logs, agent traces) that would show its own use",
  },
  {
    key: "GuardrailTampering",
    actions: ["bedrock:DeleteGuardrail", "bedrock:UpdateGuardrail"],
    level: "open",
    harm: "it can switch off or weaken the guardrails that filter prompts and answers",
  },
  {
    key: "ControlPlane",
    actions: [
      "bedrock:UpdateAgent", "bedrock:DeleteAgent", "bedrock:UpdateAgentActionGroup", "bedrock:DeleteAgentActionGroup",
      "bedrock:AssociateAgentKnowledgeBase", "bedrock:UpdateAgentAlias", "bedrock:UpdateKnowledgeBase", "bedrock:DeleteKnowledgeBase",
      "bedrock:UpdateDataSource", "bedrock:UpdateFlow", "bedrock:UpdatePrompt", "bedrock:PutResourcePolicy", "bedrock:DeleteResourcePolicy",
    ],
    level: "open",
    harm: "it can change what agents do, which tools and knowledge they use and who may call them (agent hijacking)",
  },
  {
    key: "ControlPlane",
    actions: [
      "bedrock-agentcore:UpdateGateway", "bedrock-agentcore:DeleteGateway", "bedrock-agentcore:CreateGatewayTarget", "bedrock-agentcore:UpdateGatewayTarget",
      "bedrock-agentcore:UpdateAgentRuntime", "bedrock-agentcore:UpdateAgentRuntimeEndpoint", "bedrock-agentcore:PutResourcePolicy",
      "bedrock-agentcore:DeleteResourcePolicy", "bedrock-agentcore:UpdatePolicyEngine", "bedrock-agentcore:DeletePolicyEngine",
      "bedrock-agentcore:UpdatePolicy", "bedrock-agentcore:DeletePolicy", "bedrock-agentcore:UpdateApiKeyCredentialProvider",
      "bedrock-agentcore:UpdateOauth2CredentialProvider", "bedrock-agentcore:UpdateWorkloadIdentity",
    ],
    level: "open",
    harm: "it can point AgentCore gateways and runtimes at other code or tools, or open them to other callers (agent hijacking)",
  },
];

export const aiControlPlaneAndAuditProtected: StackRule = {
  kind: "stack",
  id: "AAG-019",
  name: "ai-control-plane-and-audit-protected",
  title: "AI control-plane changes and audit-trail changes only on allowlisted principals",
  severity: "high",
  defaultLevel: "mandatory",
  frameworks: { owaspNhi: ["NHI5", "NHI10"], owaspAgentic: ["ASI03", "ASI06", "ASI10"], nistCsf: ["PR.AA-05", "DE.CM-09", "PR.PS-04"], nistAiRmf: ["MANAGE 2.4", "MANAGE 4.1"] },
  why:
    "An identity that can update agents, gateways, guardrails or resource policies can quietly change what every " +
    "caller's agent does (new tools, new instructions, guardrails off), and one that can stop CloudTrail or delete " +
    "log groups can hide it. Workloads call agents; only the platform's deployment identity changes them.",
  fix:
    "Remove these actions from workload identities. Give AI control-plane changes to the deployment role and list it " +
    "in `allowedPrincipals`; keep trail and log deletion to a security account (an SCP denying cloudtrail:StopLogging, " +
    "DeleteTrail and logs:DeleteLogGroup is the usual guard). On named resources the finding is advisory.",
  appliesTo: IDENTITY_RULE_TYPES,
  config: { allowedPrincipals: allowedPrincipalsSetting("change the AI control plane and audit settings") },
  checkStack(view, ctx) {
    reportSensitive(view, ctx, TAMPERING_CHECKS);
  },
};
