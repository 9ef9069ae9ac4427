// Who asked the model, with which token? The trail records STS token issuance (management events),
// Bedrock runtime calls and AgentCore/Bedrock data events in every region, validated and encrypted,
// kept 400 days in a locked bucket. The analytics role is federated from the company IdP, which puts
// the employee id in the source-identity claim: the role refuses tokens without it, so the
// AssumeRoleWithWebIdentity event and every InvokeModel of the session carry the same name.
import { AiAccessPolicy, AiAuditTrail, ModelInvocationLogging, OidcRole } from "../../components";

const owner = "security-engineering";

new AiAuditTrail("ai-audit", {
  retentionDays: 400,
  objectLock: { mode: "COMPLIANCE", days: 365 },
  owner,
  purpose: "ai-access-audit",
});

const analyst = new OidcRole("analytics-assistant", {
  oidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/idp.example.com",
  subjects: ["analytics-assistant"],
  audiences: ["aws-analytics"],
  requireSourceIdentity: { patterns: ["emp-*"] },
  owner: "data-platform",
  purpose: "analytics-assistant-model-calls",
});

new AiAccessPolicy("analytics-assistant-access", {
  role: analyst.roleName,
  access: { foundationModels: ["anthropic.claude-3-5-haiku-20241022-v1:0"], guardrail: { id: "gr7x2k9q4m1a", version: "2" } },
});

new ModelInvocationLogging("invocation-logs", { cloudWatch: {}, owner, purpose: "model-invocation-audit" });

export const roleArn = analyst.roleArn;
