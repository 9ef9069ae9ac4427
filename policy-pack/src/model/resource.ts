/**
 * The framework-free resource model every rule reads. Properties use the Pulumi (camelCase) names
 * and the type is the Pulumi type token, whatever the source: the Terraform and cdktf adapters map
 * to the same names so one rule serves all three.
 */
export type ResourceSource = "pulumi" | "terraform" | "cdktf";

export interface ResourceModel {
  /** Pulumi type token, e.g. `aws:iam/role:Role`. */
  readonly type: string;
  /** Logical name (Pulumi name, Terraform address). */
  readonly name: string;
  /** Pulumi URN or Terraform address: what a reviewer searches for and a waiver targets. */
  readonly urn: string;
  /** Inputs (or outputs in stack view), secrets unwrapped, unknowns as sentinels. */
  readonly properties: Readonly<Record<string, unknown>>;
  readonly source: ResourceSource;
  /** Where it was declared, when known (`index.ts#7,23`, a file path, a Terraform address). */
  readonly location?: string;
  /** Parent URN (Pulumi components), for grouping in reports. */
  readonly parent?: string;
  /** URNs this resource depends on, per input property (CrossGuard stack view, stack exports). */
  readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
}

/** Type tokens the rules read. Matching on tokens keeps the pack free of the `@pulumi/aws` SDK. */
export const T = {
  accessKey: "aws:iam/accessKey:AccessKey",
  serviceSpecificCredential: "aws:iam/serviceSpecificCredential:ServiceSpecificCredential",
  role: "aws:iam/role:Role",
  user: "aws:iam/user:User",
  group: "aws:iam/group:Group",
  groupMembership: "aws:iam/groupMembership:GroupMembership",
  userGroupMembership: "aws:iam/userGroupMembership:UserGroupMembership",
  policy: "aws:iam/policy:Policy",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  userPolicy: "aws:iam/userPolicy:UserPolicy",
  groupPolicy: "aws:iam/groupPolicy:GroupPolicy",
  rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  userPolicyAttachment: "aws:iam/userPolicyAttachment:UserPolicyAttachment",
  groupPolicyAttachment: "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
  policyAttachment: "aws:iam/policyAttachment:PolicyAttachment",
  rolePoliciesExclusive: "aws:iam/rolePoliciesExclusive:RolePoliciesExclusive",
  openIdConnectProvider: "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
  secret: "aws:secretsmanager/secret:Secret",
  secretRotation: "aws:secretsmanager/secretRotation:SecretRotation",
  secretPolicy: "aws:secretsmanager/secretPolicy:SecretPolicy",
  secretVersion: "aws:secretsmanager/secretVersion:SecretVersion",
  lambdaFunction: "aws:lambda/function:Function",
  ssmParameter: "aws:ssm/parameter:Parameter",
  invocationLogging: "aws:bedrockmodel/invocationLoggingConfiguration:InvocationLoggingConfiguration",
  bedrockAgent: "aws:bedrock/agentAgent:AgentAgent",
  podIdentityAssociation: "aws:eks/podIdentityAssociation:PodIdentityAssociation",
  agentcoreApiKeyProvider: "aws:bedrock/agentcoreApiKeyCredentialProvider:AgentcoreApiKeyCredentialProvider",
} as const;

/** Every place an identity-based policy document can live, with the property that holds it. */
export const IDENTITY_POLICY_HOLDERS: ReadonlyArray<{ type: string; property: string }> = [
  { type: T.policy, property: "policy" },
  { type: T.rolePolicy, property: "policy" },
  { type: T.userPolicy, property: "policy" },
  { type: T.groupPolicy, property: "policy" },
];

/** Attachment resources: type → property naming the principal(s) and the policy ARN property. */
export const ATTACHMENTS: ReadonlyArray<{ type: string; principalProps: string[] }> = [
  { type: T.rolePolicyAttachment, principalProps: ["role"] },
  { type: T.userPolicyAttachment, principalProps: ["user"] },
  { type: T.groupPolicyAttachment, principalProps: ["group"] },
  { type: T.policyAttachment, principalProps: ["roles", "users", "groups"] },
];
