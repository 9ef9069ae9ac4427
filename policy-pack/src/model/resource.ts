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
  // Exclusive attachment sets (the only policies a principal may hold, by ARN).
  rolePolicyAttachmentsExclusive: "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
  userPolicyAttachmentsExclusive: "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive",
  groupPolicyAttachmentsExclusive: "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive",
  instanceProfile: "aws:iam/instanceProfile:InstanceProfile",
  // Front doors: what lets a caller in.
  lambdaFunctionUrl: "aws:lambda/functionUrl:FunctionUrl",
  lambdaPermission: "aws:lambda/permission:Permission",
  restApiMethod: "aws:apigateway/method:Method",
  restApiIntegration: "aws:apigateway/integration:Integration",
  httpApi: "aws:apigatewayv2/api:Api",
  httpApiRoute: "aws:apigatewayv2/route:Route",
  httpApiIntegration: "aws:apigatewayv2/integration:Integration",
  cognitoIdentityPool: "aws:cognito/identityPool:IdentityPool",
  cognitoIdentityPoolRoles: "aws:cognito/identityPoolRoleAttachment:IdentityPoolRoleAttachment",
  // Compute that runs as a role.
  ecsTaskDefinition: "aws:ecs/taskDefinition:TaskDefinition",
  ec2Instance: "aws:ec2/instance:Instance",
  sagemakerNotebook: "aws:sagemaker/notebookInstance:NotebookInstance",
  sagemakerDomain: "aws:sagemaker/domain:Domain",
  // Agents, their tools and data.
  bedrockAgentActionGroup: "aws:bedrock/agentAgentActionGroup:AgentAgentActionGroup",
  bedrockAgentKnowledgeBaseAssociation: "aws:bedrock/agentAgentKnowledgeBaseAssociation:AgentAgentKnowledgeBaseAssociation",
  bedrockKnowledgeBase: "aws:bedrock/agentKnowledgeBase:AgentKnowledgeBase",
  bedrockDataSource: "aws:bedrock/agentDataSource:AgentDataSource",
  bedrockFlow: "aws:bedrock/agentFlow:AgentFlow",
  agentcoreRuntime: "aws:bedrock/agentcoreAgentRuntime:AgentcoreAgentRuntime",
  agentcoreGateway: "aws:bedrock/agentcoreGateway:AgentcoreGateway",
  agentcoreGatewayTarget: "aws:bedrock/agentcoreGatewayTarget:AgentcoreGatewayTarget",
  agentcoreOauth2Provider: "aws:bedrock/agentcoreOauth2CredentialProvider:AgentcoreOauth2CredentialProvider",
  /** Pulumi-only in this project: `@cdktf/provider-aws` 21 has no `aws_bedrockagentcore_resource_policy`. */
  agentcoreResourcePolicy: "aws:bedrock/agentcoreResourcePolicy:AgentcoreResourcePolicy",
  opensearchCollection: "aws:opensearch/serverlessCollection:ServerlessCollection",
  opensearchAccessPolicy: "aws:opensearch/serverlessAccessPolicy:ServerlessAccessPolicy",
  opensearchSecurityPolicy: "aws:opensearch/serverlessSecurityPolicy:ServerlessSecurityPolicy",
  // Resource policies and the audit trail.
  kmsKey: "aws:kms/key:Key",
  kmsKeyPolicy: "aws:kms/keyPolicy:KeyPolicy",
  s3BucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  cloudTrail: "aws:cloudtrail/trail:Trail",
} as const;

/** Exclusive attachment sets: type → property naming the principal (by name) and the list of policy ARNs. */
export const EXCLUSIVE_ATTACHMENTS: ReadonlyArray<{ type: string; kind: "role" | "user" | "group"; principalProp: string }> = [
  { type: T.rolePolicyAttachmentsExclusive, kind: "role", principalProp: "roleName" },
  { type: T.userPolicyAttachmentsExclusive, kind: "user", principalProp: "userName" },
  { type: T.groupPolicyAttachmentsExclusive, kind: "group", principalProp: "groupName" },
];

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
