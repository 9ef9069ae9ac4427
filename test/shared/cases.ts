/**
 * One table of cases, judged on every input the project accepts: Pulumi-shaped properties (what the
 * CrossGuard pack receives), Terraform plan JSON, and cdktf (the aspect, and the synthesised
 * cdk.tf.json). Each case is written three times by hand — once per shape — so the test checks the
 * adapter's mapping instead of re-deriving it. Adding a rule: add its violating and compliant cases.
 *
 * `rule` is the rule under test: a violating case must give a mandatory violation of it, a compliant
 * case none. Other rules (present and future) may also speak — e.g. a missing ownership tag — but
 * whatever the pack says, it must say the same on every side.
 */
import type { Construct } from "constructs";
import type { TerraformResource } from "cdktf";
import { IamAccessKey } from "@cdktf/provider-aws/lib/iam-access-key";
import { IamUser } from "@cdktf/provider-aws/lib/iam-user";
import { IamServiceSpecificCredential } from "@cdktf/provider-aws/lib/iam-service-specific-credential";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { BedrockagentcoreGateway } from "@cdktf/provider-aws/lib/bedrockagentcore-gateway";
import { BedrockagentcoreApiKeyCredentialProvider } from "@cdktf/provider-aws/lib/bedrockagentcore-api-key-credential-provider";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { OpensearchserverlessSecurityPolicy } from "@cdktf/provider-aws/lib/opensearchserverless-security-policy";

export interface SharedCase {
  readonly name: string;
  /** The rule under test (`AAG-001`). */
  readonly rule: string;
  readonly violating: boolean;
  /** As `terraform show -json` writes `change.after` (snake_case, blocks as lists, nulls for unset). */
  readonly terraform: { readonly type: string; readonly values: Record<string, unknown> };
  /** As CrossGuard passes inputs: Pulumi token, camelCase properties. */
  readonly pulumi: { readonly type: string; readonly properties: Record<string, unknown> };
  /** The same resource through `@cdktf/provider-aws` 21. */
  readonly cdktf: (scope: Construct, id: string) => TerraformResource;
}

export const MODEL_ARN = "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0";
export const GITHUB_PROVIDER = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
const BEDROCK_FULL = "arn:aws:iam::aws:policy/AmazonBedrockFullAccess";
const OWN_POLICY = "arn:aws:iam::123456789012:policy/invoke-claude";

const doc = (...Statement: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const invoke = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"];
const NAMED_INVOKE = doc({ Effect: "Allow", Action: invoke, Resource: [MODEL_ARN] });
const BEDROCK_STAR = doc({ Effect: "Allow", Action: "bedrock:*", Resource: [MODEL_ARN] });
const INVOKE_ANY = doc({ Effect: "Allow", Action: invoke, Resource: "*" });
const LAMBDA_TRUST = doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" });
const AUD = { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" };
const githubTrust = (condition: Record<string, unknown>) =>
  doc({ Effect: "Allow", Principal: { Federated: GITHUB_PROVIDER }, Action: "sts:AssumeRoleWithWebIdentity", Condition: condition });
const UNPINNED_GITHUB = githubTrust({ StringEquals: AUD, StringLike: { "token.actions.githubusercontent.com:sub": "repo:*" } });
const PINNED_GITHUB = githubTrust({ StringEquals: { ...AUD, "token.actions.githubusercontent.com:sub": "repo:acme/app:ref:refs/heads/main" } });

/** Attributes Terraform fills in for an aws_iam_role (computed ones come from after_unknown). */
const tfRole = (name: string, assume: string, extra: Record<string, unknown> = {}) => ({
  assume_role_policy: assume,
  description: null,
  force_detach_policies: false,
  inline_policy: [],
  managed_policy_arns: [],
  max_session_duration: 3600,
  name,
  name_prefix: null,
  path: "/",
  permissions_boundary: null,
  tags: null,
  ...extra,
});


const GATEWAY_ROLE = "arn:aws:iam::123456789012:role/tools-gateway";
const DISCOVERY = "https://idp.example.com/.well-known/openid-configuration";
/** An aws_bedrockagentcore_gateway as the plan writes it (no policy engine block in provider 6 as bound by cdktf 21). */
const tfGateway = (authorizerType: string, extra: Record<string, unknown> = {}) => ({
  name: "tools",
  role_arn: GATEWAY_ROLE,
  authorizer_type: authorizerType,
  protocol_type: "MCP",
  authorizer_configuration: [],
  description: null,
  exception_level: null,
  interceptor_configuration: [],
  kms_key_arn: null,
  protocol_configuration: [],
  tags: null,
  timeouts: null,
  ...extra,
});
const OPEN_KEY_POLICY = doc({ Sid: "Anyone", Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" });
const PINNED_KEY_POLICY = doc(
  { Sid: "Account", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "kms:*", Resource: "*" },
  { Sid: "ViaSecrets", Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:Decrypt", Resource: "*", Condition: { StringEquals: { "kms:CallerAccount": "123456789012", "kms:ViaService": "secretsmanager.us-east-1.amazonaws.com" } } },
);
const tfKey = (policy: string) => ({ policy, enable_key_rotation: true, bypass_policy_lockout_safety_check: false, custom_key_store_id: null, deletion_window_in_days: null, description: null, tags: null, xks_key_id: null });
const PUBLIC_NETWORK = JSON.stringify([{ Rules: [{ ResourceType: "collection", Resource: ["collection/kb"] }], AllowFromPublic: true }]);
const PRIVATE_NETWORK = JSON.stringify([{ Rules: [{ ResourceType: "collection", Resource: ["collection/kb"] }], AllowFromPublic: false, SourceVPCEs: ["vpce-0123456789abcdef0"] }]);

export const SHARED_CASES: readonly SharedCase[] = [
  // AAG-001 no-long-lived-access-keys
  {
    name: "AAG-001 violating: an IAM access key",
    rule: "AAG-001",
    violating: true,
    terraform: { type: "aws_iam_access_key", values: { user: "ci-bot", status: "Active", pgp_key: null } },
    pulumi: { type: "aws:iam/accessKey:AccessKey", properties: { user: "ci-bot", status: "Active" } },
    cdktf: (s, id) => new IamAccessKey(s, id, { user: "ci-bot", status: "Active" }),
  },
  {
    name: "AAG-001 compliant: the IAM user alone, no key",
    rule: "AAG-001",
    violating: false,
    terraform: { type: "aws_iam_user", values: { name: "ci-bot", path: "/", force_destroy: false, permissions_boundary: null, tags: { team: "ml" } } },
    pulumi: { type: "aws:iam/user:User", properties: { name: "ci-bot", path: "/", forceDestroy: false, tags: { team: "ml" } } },
    cdktf: (s, id) => new IamUser(s, id, { name: "ci-bot", path: "/", forceDestroy: false, tags: { team: "ml" } }),
  },
  // AAG-002 no-long-term-bedrock-api-keys
  {
    name: "AAG-002 violating: a long-term Bedrock API key (service-specific credential)",
    rule: "AAG-002",
    violating: true,
    terraform: { type: "aws_iam_service_specific_credential", values: { user_name: "ci-bot", service_name: "bedrock.amazonaws.com", credential_age_days: 30, status: "Active" } },
    pulumi: { type: "aws:iam/serviceSpecificCredential:ServiceSpecificCredential", properties: { userName: "ci-bot", serviceName: "bedrock.amazonaws.com", credentialAgeDays: 30, status: "Active" } },
    cdktf: (s, id) => new IamServiceSpecificCredential(s, id, { userName: "ci-bot", serviceName: "bedrock.amazonaws.com", credentialAgeDays: 30, status: "Active" }),
  },
  {
    name: "AAG-002 compliant: a CodeCommit credential",
    rule: "AAG-002",
    violating: false,
    terraform: { type: "aws_iam_service_specific_credential", values: { user_name: "ci-bot", service_name: "codecommit.amazonaws.com", credential_age_days: null, status: "Active" } },
    pulumi: { type: "aws:iam/serviceSpecificCredential:ServiceSpecificCredential", properties: { userName: "ci-bot", serviceName: "codecommit.amazonaws.com", status: "Active" } },
    cdktf: (s, id) => new IamServiceSpecificCredential(s, id, { userName: "ci-bot", serviceName: "codecommit.amazonaws.com", status: "Active" }),
  },
  // AAG-003 no-wildcard-ai-actions
  {
    name: "AAG-003 violating: bedrock:* in a role policy",
    rule: "AAG-003",
    violating: true,
    terraform: { type: "aws_iam_role_policy", values: { name: "ai", name_prefix: null, role: "app", policy: BEDROCK_STAR } },
    pulumi: { type: "aws:iam/rolePolicy:RolePolicy", properties: { name: "ai", role: "app", policy: BEDROCK_STAR } },
    cdktf: (s, id) => new IamRolePolicy(s, id, { name: "ai", role: "app", policy: BEDROCK_STAR }),
  },
  {
    name: "AAG-003 compliant: named invoke actions on a named model",
    rule: "AAG-003",
    violating: false,
    terraform: { type: "aws_iam_role_policy", values: { name: "ai", name_prefix: null, role: "app", policy: NAMED_INVOKE } },
    pulumi: { type: "aws:iam/rolePolicy:RolePolicy", properties: { name: "ai", role: "app", policy: NAMED_INVOKE } },
    cdktf: (s, id) => new IamRolePolicy(s, id, { name: "ai", role: "app", policy: NAMED_INVOKE }),
  },
  {
    name: "AAG-003 violating: bedrock:* in a role's inline_policy block",
    rule: "AAG-003",
    violating: true,
    terraform: { type: "aws_iam_role", values: tfRole("app", LAMBDA_TRUST, { inline_policy: [{ name: "ai", policy: BEDROCK_STAR }] }) },
    pulumi: { type: "aws:iam/role:Role", properties: { name: "app", path: "/", maxSessionDuration: 3600, assumeRolePolicy: LAMBDA_TRUST, inlinePolicies: [{ name: "ai", policy: BEDROCK_STAR }] } },
    cdktf: (s, id) => new IamRole(s, id, { name: "app", path: "/", maxSessionDuration: 3600, assumeRolePolicy: LAMBDA_TRUST, inlinePolicy: [{ name: "ai", policy: BEDROCK_STAR }] }),
  },
  {
    name: "AAG-003 compliant: a role's inline_policy with named actions",
    rule: "AAG-003",
    violating: false,
    terraform: { type: "aws_iam_role", values: tfRole("app", LAMBDA_TRUST, { inline_policy: [{ name: "ai", policy: NAMED_INVOKE }] }) },
    pulumi: { type: "aws:iam/role:Role", properties: { name: "app", path: "/", maxSessionDuration: 3600, assumeRolePolicy: LAMBDA_TRUST, inlinePolicies: [{ name: "ai", policy: NAMED_INVOKE }] } },
    cdktf: (s, id) => new IamRole(s, id, { name: "app", path: "/", maxSessionDuration: 3600, assumeRolePolicy: LAMBDA_TRUST, inlinePolicy: [{ name: "ai", policy: NAMED_INVOKE }] }),
  },
  // AAG-004 ai-data-plane-on-named-resources
  {
    name: "AAG-004 violating: bedrock:InvokeModel on Resource *",
    rule: "AAG-004",
    violating: true,
    terraform: { type: "aws_iam_policy", values: { name: "invoke", name_prefix: null, path: "/", description: null, policy: INVOKE_ANY, tags: null } },
    pulumi: { type: "aws:iam/policy:Policy", properties: { name: "invoke", path: "/", policy: INVOKE_ANY } },
    cdktf: (s, id) => new IamPolicy(s, id, { name: "invoke", path: "/", policy: INVOKE_ANY }),
  },
  {
    name: "AAG-004 compliant: bedrock:InvokeModel on a named model",
    rule: "AAG-004",
    violating: false,
    terraform: { type: "aws_iam_policy", values: { name: "invoke", name_prefix: null, path: "/", description: null, policy: NAMED_INVOKE, tags: null } },
    pulumi: { type: "aws:iam/policy:Policy", properties: { name: "invoke", path: "/", policy: NAMED_INVOKE } },
    cdktf: (s, id) => new IamPolicy(s, id, { name: "invoke", path: "/", policy: NAMED_INVOKE }),
  },
  // AAG-005 no-broad-managed-policies
  {
    name: "AAG-005 violating: AmazonBedrockFullAccess attachment",
    rule: "AAG-005",
    violating: true,
    terraform: { type: "aws_iam_role_policy_attachment", values: { role: "app", policy_arn: BEDROCK_FULL } },
    pulumi: { type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", properties: { role: "app", policyArn: BEDROCK_FULL } },
    cdktf: (s, id) => new IamRolePolicyAttachment(s, id, { role: "app", policyArn: BEDROCK_FULL }),
  },
  {
    name: "AAG-005 compliant: a customer-managed policy attachment",
    rule: "AAG-005",
    violating: false,
    terraform: { type: "aws_iam_role_policy_attachment", values: { role: "app", policy_arn: OWN_POLICY } },
    pulumi: { type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", properties: { role: "app", policyArn: OWN_POLICY } },
    cdktf: (s, id) => new IamRolePolicyAttachment(s, id, { role: "app", policyArn: OWN_POLICY }),
  },
  {
    name: "AAG-005 violating: AmazonBedrockFullAccess in a role's managed_policy_arns",
    rule: "AAG-005",
    violating: true,
    terraform: { type: "aws_iam_role", values: tfRole("app", LAMBDA_TRUST, { managed_policy_arns: [BEDROCK_FULL] }) },
    pulumi: { type: "aws:iam/role:Role", properties: { name: "app", path: "/", maxSessionDuration: 3600, assumeRolePolicy: LAMBDA_TRUST, managedPolicyArns: [BEDROCK_FULL] } },
    cdktf: (s, id) => new IamRole(s, id, { name: "app", path: "/", maxSessionDuration: 3600, assumeRolePolicy: LAMBDA_TRUST, managedPolicyArns: [BEDROCK_FULL] }),
  },
  // AAG-006 federated-trust-pinned
  {
    name: "AAG-006 violating: GitHub OIDC trust with sub repo:*",
    rule: "AAG-006",
    violating: true,
    terraform: { type: "aws_iam_role", values: tfRole("gha", UNPINNED_GITHUB) },
    pulumi: { type: "aws:iam/role:Role", properties: { name: "gha", path: "/", maxSessionDuration: 3600, assumeRolePolicy: UNPINNED_GITHUB } },
    cdktf: (s, id) => new IamRole(s, id, { name: "gha", path: "/", maxSessionDuration: 3600, assumeRolePolicy: UNPINNED_GITHUB }),
  },
  {
    name: "AAG-006 compliant: GitHub OIDC trust pinned to one repository and branch",
    rule: "AAG-006",
    violating: false,
    terraform: { type: "aws_iam_role", values: tfRole("gha", PINNED_GITHUB) },
    pulumi: { type: "aws:iam/role:Role", properties: { name: "gha", path: "/", maxSessionDuration: 3600, assumeRolePolicy: PINNED_GITHUB } },
    cdktf: (s, id) => new IamRole(s, id, { name: "gha", path: "/", maxSessionDuration: 3600, assumeRolePolicy: PINNED_GITHUB }),
  },
  // AAG-020 no-unauthenticated-ai-entry (an AgentCore gateway is AI in its own right)
  {
    name: "AAG-020 violating: an AgentCore gateway with authorizerType NONE",
    rule: "AAG-020",
    violating: true,
    terraform: { type: "aws_bedrockagentcore_gateway", values: tfGateway("NONE") },
    pulumi: { type: "aws:bedrock/agentcoreGateway:AgentcoreGateway", properties: { name: "tools", roleArn: GATEWAY_ROLE, authorizerType: "NONE", protocolType: "MCP" } },
    cdktf: (s, id) => new BedrockagentcoreGateway(s, id, { name: "tools", roleArn: GATEWAY_ROLE, authorizerType: "NONE", protocolType: "MCP" }),
  },
  {
    name: "AAG-020 compliant: an AgentCore gateway with AWS_IAM",
    rule: "AAG-020",
    violating: false,
    terraform: { type: "aws_bedrockagentcore_gateway", values: tfGateway("AWS_IAM") },
    pulumi: { type: "aws:bedrock/agentcoreGateway:AgentcoreGateway", properties: { name: "tools", roleArn: GATEWAY_ROLE, authorizerType: "AWS_IAM", protocolType: "MCP" } },
    cdktf: (s, id) => new BedrockagentcoreGateway(s, id, { name: "tools", roleArn: GATEWAY_ROLE, authorizerType: "AWS_IAM", protocolType: "MCP" }),
  },
  {
    name: "AAG-020 violating: a JWT authorizer with no audiences or clients",
    rule: "AAG-020",
    violating: true,
    terraform: { type: "aws_bedrockagentcore_gateway", values: tfGateway("CUSTOM_JWT", { authorizer_configuration: [{ custom_jwt_authorizer: [{ discovery_url: DISCOVERY, allowed_audience: null, allowed_clients: null }] }] }) },
    pulumi: { type: "aws:bedrock/agentcoreGateway:AgentcoreGateway", properties: { name: "tools", roleArn: GATEWAY_ROLE, authorizerType: "CUSTOM_JWT", protocolType: "MCP", authorizerConfiguration: { customJwtAuthorizer: { discoveryUrl: DISCOVERY } } } },
    cdktf: (s, id) => new BedrockagentcoreGateway(s, id, { name: "tools", roleArn: GATEWAY_ROLE, authorizerType: "CUSTOM_JWT", protocolType: "MCP", authorizerConfiguration: [{ customJwtAuthorizer: [{ discoveryUrl: DISCOVERY }] }] }),
  },
  {
    name: "AAG-020 compliant: a JWT authorizer pinned to an audience (Terraform's allowed_audience)",
    rule: "AAG-020",
    violating: false,
    terraform: { type: "aws_bedrockagentcore_gateway", values: tfGateway("CUSTOM_JWT", { authorizer_configuration: [{ custom_jwt_authorizer: [{ discovery_url: DISCOVERY, allowed_audience: ["support-bot"], allowed_clients: null }] }] }) },
    pulumi: { type: "aws:bedrock/agentcoreGateway:AgentcoreGateway", properties: { name: "tools", roleArn: GATEWAY_ROLE, authorizerType: "CUSTOM_JWT", protocolType: "MCP", authorizerConfiguration: { customJwtAuthorizer: { discoveryUrl: DISCOVERY, allowedAudiences: ["support-bot"] } } } },
    cdktf: (s, id) => new BedrockagentcoreGateway(s, id, { name: "tools", roleArn: GATEWAY_ROLE, authorizerType: "CUSTOM_JWT", protocolType: "MCP", authorizerConfiguration: [{ customJwtAuthorizer: [{ discoveryUrl: DISCOVERY, allowedAudience: ["support-bot"] }] }] }),
  },
  // AAG-024 token-vault-secrets-write-only
  {
    name: "AAG-024 violating: an API key credential provider with an inline api_key",
    rule: "AAG-024",
    violating: true,
    terraform: { type: "aws_bedrockagentcore_api_key_credential_provider", values: { name: "search-tool", api_key: "(value)", api_key_wo: null, api_key_wo_version: null } },
    pulumi: { type: "aws:bedrock/agentcoreApiKeyCredentialProvider:AgentcoreApiKeyCredentialProvider", properties: { name: "search-tool", apiKey: "(value)" } },
    cdktf: (s, id) => new BedrockagentcoreApiKeyCredentialProvider(s, id, { name: "search-tool", apiKey: "(value)" }),
  },
  {
    name: "AAG-024 compliant: the write-only api_key_wo",
    rule: "AAG-024",
    violating: false,
    terraform: { type: "aws_bedrockagentcore_api_key_credential_provider", values: { name: "search-tool", api_key: null, api_key_wo: null, api_key_wo_version: 1 } },
    pulumi: { type: "aws:bedrock/agentcoreApiKeyCredentialProvider:AgentcoreApiKeyCredentialProvider", properties: { name: "search-tool", apiKeyWoVersion: 1 } },
    cdktf: (s, id) => new BedrockagentcoreApiKeyCredentialProvider(s, id, { name: "search-tool", apiKeyWoVersion: 1 }),
  },
  // AAG-025 ai-resource-policies-not-open
  {
    name: "AAG-025 violating: a KMS key policy that lets anyone decrypt",
    rule: "AAG-025",
    violating: true,
    terraform: { type: "aws_kms_key", values: tfKey(OPEN_KEY_POLICY) },
    pulumi: { type: "aws:kms/key:Key", properties: { policy: OPEN_KEY_POLICY, enableKeyRotation: true } },
    cdktf: (s, id) => new KmsKey(s, id, { policy: OPEN_KEY_POLICY, enableKeyRotation: true }),
  },
  {
    name: "AAG-025 compliant: a KMS key policy for the account and callers pinned by kms:CallerAccount",
    rule: "AAG-025",
    violating: false,
    terraform: { type: "aws_kms_key", values: tfKey(PINNED_KEY_POLICY) },
    pulumi: { type: "aws:kms/key:Key", properties: { policy: PINNED_KEY_POLICY, enableKeyRotation: true } },
    cdktf: (s, id) => new KmsKey(s, id, { policy: PINNED_KEY_POLICY, enableKeyRotation: true }),
  },
  {
    name: "AAG-025 violating: an OpenSearch Serverless network policy open to the public",
    rule: "AAG-025",
    violating: true,
    terraform: { type: "aws_opensearchserverless_security_policy", values: { name: "kb-net", type: "network", description: null, policy: PUBLIC_NETWORK } },
    pulumi: { type: "aws:opensearch/serverlessSecurityPolicy:ServerlessSecurityPolicy", properties: { name: "kb-net", type: "network", policy: PUBLIC_NETWORK } },
    cdktf: (s, id) => new OpensearchserverlessSecurityPolicy(s, id, { name: "kb-net", type: "network", policy: PUBLIC_NETWORK }),
  },
  {
    name: "AAG-025 compliant: an OpenSearch Serverless network policy through a VPC endpoint",
    rule: "AAG-025",
    violating: false,
    terraform: { type: "aws_opensearchserverless_security_policy", values: { name: "kb-net", type: "network", description: null, policy: PRIVATE_NETWORK } },
    pulumi: { type: "aws:opensearch/serverlessSecurityPolicy:ServerlessSecurityPolicy", properties: { name: "kb-net", type: "network", policy: PRIVATE_NETWORK } },
    cdktf: (s, id) => new OpensearchserverlessSecurityPolicy(s, id, { name: "kb-net", type: "network", policy: PRIVATE_NETWORK }),
  },
];
