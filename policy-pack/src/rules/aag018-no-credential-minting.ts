import type { StackRule } from "../engine/types";
import { allowedPrincipalsSetting, IDENTITY_RULE_TYPES, reportSensitive } from "../engine/principals";
import type { SensitiveCheck } from "../iam/sensitive-actions";

/** Actions that mint credentials, widen the holder's own power, or read other identities' secrets. */
export const MINTING_CHECKS: readonly SensitiveCheck[] = [
  { key: "Mint", actions: ["iam:CreateAccessKey", "iam:UpdateAccessKey"], level: "open", harm: "it can mint long-term access keys, credentials that outlive any session and any pipeline run" },
  { key: "Mint", actions: ["iam:CreateServiceSpecificCredential"], level: "open", harm: "it can mint Bedrock API keys and other long-term service-specific credentials" },
  { key: "BearerToken", actions: ["bedrock:CallWithBearerToken"], level: "always", harm: "it lets Bedrock API keys (long-lived bearer tokens) act for this principal" },
  {
    key: "Escalation",
    actions: [
      "iam:PutRolePolicy", "iam:AttachRolePolicy", "iam:UpdateAssumeRolePolicy", "iam:PutUserPolicy", "iam:AttachUserPolicy",
      "iam:PutGroupPolicy", "iam:AttachGroupPolicy", "iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion", "iam:AddUserToGroup",
      "iam:CreateLoginProfile", "iam:UpdateLoginProfile", "iam:DeleteRolePermissionsBoundary", "iam:DeleteUserPermissionsBoundary",
      "iam:PutRolePermissionsBoundary", "iam:PutUserPermissionsBoundary",
    ],
    level: "always",
    harm: "it can rewrite what an identity may do or who may assume it (privilege escalation to every role it can change)",
  },
  { key: "AssumeAnyRole", actions: ["sts:AssumeRole"], level: "open-only", harm: "it can assume every role whose trust admits this account, not the one role it needs" },
  { key: "SecretRead", actions: ["secretsmanager:GetSecretValue", "secretsmanager:BatchGetSecretValue"], level: "ai-workload", harm: "it reads every secret in the account, including every AI provider key" },
  {
    key: "TokenVault",
    actions: ["bedrock-agentcore:GetResourceApiKey", "bedrock-agentcore:GetResourceOauth2Token", "bedrock-agentcore:GetWorkloadAccessToken", "bedrock-agentcore:GetWorkloadAccessTokenForJWT", "bedrock-agentcore:GetWorkloadAccessTokenForUserId"],
    level: "open-only",
    harm: "it reads API keys and OAuth tokens from every AgentCore token vault and workload identity, acting as any agent",
  },
  {
    key: "MemoryRead",
    actions: ["bedrock-agentcore:RetrieveMemoryRecords", "bedrock-agentcore:ListMemoryRecords", "bedrock-agentcore:GetMemoryRecord", "bedrock-agentcore:ListEvents", "bedrock-agentcore:GetEvent"],
    level: "ai-workload",
    harm: "it reads every agent's memory: other users' conversations and what the agents learnt from them",
  },
];

/** Unresolved references that hide part of a principal's grants. */
const GRANT_PROPERTIES = new Set(["policyArn", "managedPolicyArns", "permissionsBoundary", "policy"]);

export const noCredentialMinting: StackRule = {
  kind: "stack",
  id: "AAG-018",
  name: "no-credential-minting-or-escalation",
  title: "No credential minting, privilege escalation or vault-wide secret reads on non-allowlisted principals",
  severity: "critical",
  defaultLevel: "mandatory",
  frameworks: { owaspNhi: ["NHI5", "NHI7"], owaspAgentic: ["ASI03", "ASI10"], nistCsf: ["PR.AA-05", "PR.AA-01"], nistAiRmf: ["MEASURE 2.7", "MANAGE 2.4"] },
  why:
    "The cheapest way to keep access after a workload is compromised is to mint a credential that outlives it: " +
    "an access key or Bedrock API key for any user, a new inline policy on the role, a trust policy that admits " +
    "the attacker's account. sts:AssumeRole on `*`, GetSecretValue on `*` and AgentCore token-vault reads on `*` " +
    "turn one identity into every identity and every AI provider key it can find.",
  fix:
    "Remove these actions from workload identities; give them to the platform role that manages identities and " +
    "list it in `allowedPrincipals`. Name the roles a workload assumes, the secrets it reads (RotatedAiProviderSecret " +
    "grants exactly one reader) and the AgentCore credential providers and memories it uses.",
  appliesTo: IDENTITY_RULE_TYPES,
  config: { allowedPrincipals: allowedPrincipalsSetting("mint credentials or change IAM") },
  checkStack(view, ctx) {
    reportSensitive(view, ctx, MINTING_CHECKS);
    // What could not be read is said in every report: the reach above may be larger.
    const byUrn = new Map(view.resources.map((r) => [r.urn, r]));
    for (const u of view.unresolved) {
      // A document attached to a principal outside the stack is still judged alone above.
      if (!GRANT_PROPERTIES.has(u.property)) continue;
      const r = byUrn.get(u.urn);
      if (r) ctx.cannotValidate(r, u.property, `${u.reference}: ${u.why}; the access it grants cannot be judged.`);
    }
  },
};
