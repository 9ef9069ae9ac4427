// Run in the management account. Every account under the Workloads OU: cannot mint long-term
// Bedrock API keys or call with bearer tokens, can invoke only the approved models, cannot turn off
// CloudTrail or model invocation logging unless it is the platform pipeline, and cannot forge the
// session tags intent-based grants rely on. The RCP keeps callers from outside the organisation
// away from roles, secrets, keys and log buckets; the Bedrock policy applies guardrail version 3 to
// every model call in us-east-1.
import { AiOrgGuardrails } from "../../components";

const guardrails = new AiOrgGuardrails("ai", {
  targets: ["ou-ab12-workload1"],
  organizationId: "o-a1b2c3d4e5",
  approvedModels: ["anthropic.claude-3-5-haiku-20241022-v1:0", "amazon.titan-embed-text-v2:0"],
  platformRoleNames: ["platform-deployer"],
  enforcedGuardrail: { guardrailArn: "arn:aws:bedrock:us-east-1:111122223333:guardrail/gr7x2k9q4m1a", version: "3", excludedModels: ["amazon.titan-embed-text-v2:0"] },
  owner: "cloud-platform",
  purpose: "organisation-ai-guardrails",
});

// Apply this to the guardrail in the management account (no @pulumi/aws resource exists for it yet).
export const guardrailResourcePolicy = guardrails.guardrailResourcePolicyJson;
