/**
 * Rules on the AI access path (AAG-020 to AAG-027, and AAG-012's logging quality): each starts from
 * a compliant stack and changes one property.
 */
import { describe, expect, it } from "vitest";
import { ALL_RULES, evaluateStack, findAction, resolveConfig, T, type JudgedFinding, type ResourceModel } from "../../policy-pack/src";
import { doc, MODEL_ARN, UNKNOWN } from "../helpers/engine";
import { AGENT_CONTROL_ACTIONS, IDENTITY_ACTIONS } from "../../policy-pack/src/rules/aag022-tool-executor-least-privilege";

const NOW = new Date("2026-11-28T00:00:00Z");
const ACCOUNT = "123456789012";
const TAGS = { owner: "platform", purpose: "support-bot" };

function r(type: string, name: string, properties: Record<string, unknown>): ResourceModel {
  return { type, name, urn: `urn:pulumi:dev::p::${type}::${name}`, properties, source: "pulumi" };
}
function stack(resources: ResourceModel[], config: Record<string, unknown> = {}): JudgedFinding[] {
  return evaluateStack(resources, ALL_RULES, resolveConfig(ALL_RULES, config), NOW).findings;
}
const of = (fs: JudgedFinding[], id: string) => fs.filter((f) => f.ruleId === id).map((f) => `${f.kind} ${f.level} ${f.resource.name} ${f.findingId}`);

const serviceTrust = (service: string, condition?: Record<string, unknown>) =>
  doc({ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole", ...(condition ? { Condition: condition } : {}) });
const INVOKE = doc({ Effect: "Allow", Action: "bedrock:InvokeModel", Resource: MODEL_ARN });
const role = (name: string, trust: string, policy = INVOKE) =>
  r(T.role, name, { name, arn: `arn:aws:iam::${ACCOUNT}:role/${name}`, assumeRolePolicy: trust, inlinePolicies: [{ name: "p", policy }], tags: TAGS });
const FN_ARN = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:chat`;
const chatFn = () => r(T.lambdaFunction, "chat", { name: "chat", arn: FN_ARN, role: `arn:aws:iam::${ACCOUNT}:role/chat`, tags: TAGS });
const chatRole = () => role("chat", serviceTrust("lambda.amazonaws.com"));

describe("AAG-020 no-unauthenticated-ai-entry", () => {
  const url = (auth: unknown) => r(T.lambdaFunctionUrl, "chat-url", { functionName: "chat", authorizationType: auth });
  it("passes a function URL with AWS_IAM", () => expect(of(stack([chatRole(), chatFn(), url("AWS_IAM")]), "AAG-020")).toEqual([]));
  it("blocks a function URL with NONE in front of a role that invokes Bedrock, naming the path", () => {
    const fs = stack([chatRole(), chatFn(), url("NONE")]).filter((f) => f.ruleId === "AAG-020");
    expect(fs.map((f) => `${f.level} ${f.resource.name} ${f.findingId}`)).toEqual(["mandatory chat-url Unauthenticated::anonymous"]);
    expect(fs[0].detail).toContain('anyone on the internet → FunctionUrl "chat-url" → Function "chat" → role "chat", which may call bedrock:InvokeModel on bedrock: foundation-model/');
  });
  it("does not flag a public function URL whose role reaches no AI", () => {
    expect(of(stack([role("chat", serviceTrust("lambda.amazonaws.com"), doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" })), chatFn(), url("NONE")]), "AAG-020")).toEqual([]);
  });
  it("says cannot validate when the authorization type is unknown at preview", () => {
    expect(of(stack([chatRole(), chatFn(), url(UNKNOWN)]), "AAG-020")).toEqual(["cannot-validate advisory chat-url Property::authorizationType"]);
  });
  it("blocks a lambda permission for * without source, and passes it with principalOrgId", () => {
    const perm = (extra: Record<string, unknown>) => r(T.lambdaPermission, "perm", { function: "chat", principal: "*", action: "lambda:InvokeFunction", ...extra });
    expect(of(stack([chatRole(), chatFn(), perm({})]), "AAG-020")).toEqual(["violation mandatory perm Unauthenticated::anonymous"]);
    expect(of(stack([chatRole(), chatFn(), perm({ principalOrgId: "o-abc123" })]), "AAG-020")).toEqual([]);
  });
  it("blocks REST methods and HTTP routes without authorization", () => {
    const method = (auth: string) => r(T.restApiMethod, "post", { restApi: "api", resourceId: "res", httpMethod: "POST", authorization: auth });
    const integ = r(T.restApiIntegration, "post-int", { restApi: "api", resourceId: "res", httpMethod: "POST", type: "AWS_PROXY", uri: `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${FN_ARN}/invocations` });
    expect(of(stack([chatRole(), chatFn(), method("NONE"), integ]), "AAG-020")).toEqual(["violation mandatory post Unauthenticated::anonymous"]);
    expect(of(stack([chatRole(), chatFn(), method("AWS_IAM"), integ]), "AAG-020")).toEqual([]);
    const v2 = r(T.httpApiIntegration, "int", { apiId: "a", id: "i1", integrationType: "AWS_PROXY", integrationUri: FN_ARN });
    const route = (extra: Record<string, unknown>) => r(T.httpApiRoute, "route", { apiId: "a", routeKey: "POST /chat", target: "integrations/i1", ...extra });
    expect(of(stack([chatRole(), chatFn(), v2, route({})]), "AAG-020")).toEqual(["violation mandatory route Unauthenticated::anonymous"]);
    expect(of(stack([chatRole(), chatFn(), v2, route({ authorizationType: "JWT", authorizerId: "au" })]), "AAG-020")).toEqual([]);
  });
  it("blocks an AgentCore gateway with authorizerType NONE and a runtime JWT authorizer without audiences or clients", () => {
    const gwRole = role("gw", serviceTrust("bedrock-agentcore.amazonaws.com", { StringEquals: { "aws:SourceAccount": ACCOUNT } }));
    const gw = (t: string) => r(T.agentcoreGateway, "gw", { name: "gw", authorizerType: t, roleArn: gwRole.properties.arn, policyEngineConfiguration: { arn: "arn:pe", mode: "ENFORCE" } });
    expect(of(stack([gwRole, gw("NONE")]), "AAG-020")).toEqual(["violation mandatory gw Unauthenticated::anonymous"]);
    expect(of(stack([gwRole, gw("AWS_IAM")]), "AAG-020")).toEqual([]);
    const rt = (jwt: Record<string, unknown>) => r(T.agentcoreRuntime, "rt", { roleArn: gwRole.properties.arn, authorizerConfiguration: { customJwtAuthorizer: { discoveryUrl: "https://idp.example/.well-known/openid-configuration", ...jwt } } });
    const fs = stack([gwRole, rt({})]).filter((f) => f.ruleId === "AAG-020");
    expect(fs.map((f) => f.findingId)).toEqual(["Unauthenticated::jwt"]);
    expect(fs[0].detail).toContain("no `allowedAudiences` or `allowedClients`");
    expect(of(stack([gwRole, rt({ allowedClients: ["web-app"] })]), "AAG-020")).toEqual([]);
  });
  it("blocks an AgentCore resource policy for Principal * and passes one pinned to the organisation", () => {
    const rtRole = role("rt", serviceTrust("bedrock-agentcore.amazonaws.com", { StringEquals: { "aws:SourceAccount": ACCOUNT } }));
    const rtArn = `arn:aws:bedrock-agentcore:us-east-1:${ACCOUNT}:runtime/rt-1`;
    const rt = r(T.agentcoreRuntime, "rt", { roleArn: rtRole.properties.arn, agentRuntimeArn: rtArn });
    const stmt = { Effect: "Allow", Principal: "*", Action: "bedrock-agentcore:InvokeAgentRuntime", Resource: rtArn };
    const pol = (s: Record<string, unknown>) => r(T.agentcoreResourcePolicy, "rt-policy", { resourceArn: rtArn, policy: doc(s) });
    expect(of(stack([rtRole, rt, pol(stmt)]), "AAG-020")).toEqual(["violation mandatory rt-policy Unauthenticated::anonymous"]);
    expect(of(stack([rtRole, rt, pol({ ...stmt, Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } } })]), "AAG-020")).toEqual([]);
    // IfExists pins nothing: omitting the key passes the condition.
    expect(of(stack([rtRole, rt, pol({ ...stmt, Condition: { StringEqualsIfExists: { "aws:PrincipalOrgID": "o-abc123" } } })]), "AAG-020")).toHaveLength(1);
  });
  it("blocks an HTTP API quick-created with a Lambda target (its default route has no authorization)", () => {
    expect(of(stack([chatRole(), chatFn(), r(T.httpApi, "api", { protocolType: "HTTP", target: FN_ARN })]), "AAG-020")).toEqual(["violation mandatory api Unauthenticated::anonymous"]);
    expect(of(stack([chatRole(), chatFn(), r(T.httpApi, "api", { protocolType: "HTTP" })]), "AAG-020")).toEqual([]);
  });
  it("blocks a Cognito identity pool that gives guests a role that invokes Bedrock", () => {
    const guest = role("guest", doc({ Effect: "Allow", Principal: { Federated: "cognito-identity.amazonaws.com" }, Action: "sts:AssumeRoleWithWebIdentity" }));
    const pool = (allow: boolean) => r(T.cognitoIdentityPool, "pool", { identityPoolName: "p", id: "us-east-1:pool", allowUnauthenticatedIdentities: allow });
    const roles = r(T.cognitoIdentityPoolRoles, "roles", { identityPoolId: "us-east-1:pool", roles: { unauthenticated: guest.properties.arn } });
    expect(of(stack([guest, pool(true), roles]), "AAG-020")).toEqual(["violation mandatory pool Unauthenticated::cognito-guest"]);
    expect(of(stack([guest, pool(false), roles]), "AAG-020")).toEqual([]);
  });
});

describe("AAG-021 agent-role-bound", () => {
  const agentArn = `arn:aws:bedrock:us-east-1:${ACCOUNT}:agent/AGENT1`;
  const pinned = { StringEquals: { "aws:SourceAccount": ACCOUNT }, ArnLike: { "aws:SourceArn": agentArn } };
  const agent = (name: string, roleName: string) => r(T.bedrockAgent, name, { agentName: name, agentArn: name === "a1" ? agentArn : undefined, agentResourceRoleArn: `arn:aws:iam::${ACCOUNT}:role/${roleName}` });
  it("passes a role pinned to its agent by SourceArn and SourceAccount", () => {
    expect(of(stack([role("agent-role", serviceTrust("bedrock.amazonaws.com", pinned)), agent("a1", "agent-role")]), "AAG-021")).toEqual([]);
  });
  it("blocks a role any agent of any account can assume", () => {
    expect(of(stack([role("agent-role", serviceTrust("bedrock.amazonaws.com")), agent("a1", "agent-role")]), "AAG-021")).toEqual(["violation mandatory agent-role Trust::a1"]);
  });
  it("notes a role pinned only to the account (advisory)", () => {
    expect(of(stack([role("agent-role", serviceTrust("bedrock.amazonaws.com", { StringEquals: { "aws:SourceAccount": ACCOUNT } })), agent("a1", "agent-role")]), "AAG-021")).toEqual(["violation advisory agent-role SourceArn::a1"]);
  });
  it("accepts `agent/*` in its own account (the id is generated), notes a pattern that covers other resource types", () => {
    const t = (arn: string) => serviceTrust("bedrock.amazonaws.com", { StringEquals: { "aws:SourceAccount": ACCOUNT }, ArnLike: { "aws:SourceArn": arn } });
    expect(of(stack([role("agent-role", t(`arn:aws:bedrock:us-east-1:${ACCOUNT}:agent/*`)), agent("a1", "agent-role")]), "AAG-021")).toEqual([]);
    expect(of(stack([role("agent-role", t(`arn:aws:bedrock:us-east-1:${ACCOUNT}:*`)), agent("a1", "agent-role")]), "AAG-021")).toEqual(["violation advisory agent-role SourceArn::a1"]);
  });
  it("blocks one role shared by two agents", () => {
    const t = serviceTrust("bedrock.amazonaws.com", { StringEquals: { "aws:SourceAccount": ACCOUNT }, ArnLike: { "aws:SourceArn": [agentArn, `arn:aws:bedrock:us-east-1:${ACCOUNT}:agent/AGENT2`] } });
    expect(of(stack([role("agent-role", t), agent("a1", "agent-role"), agent("a2", "agent-role")]), "AAG-021")).toEqual(["violation mandatory agent-role Shared"]);
  });
});

describe("AAG-022 tool-executor-least-privilege", () => {
  const agentRole = role("agent-role", serviceTrust("bedrock.amazonaws.com", { StringEquals: { "aws:SourceAccount": ACCOUNT }, ArnLike: { "aws:SourceArn": `arn:aws:bedrock:us-east-1:${ACCOUNT}:agent/AGENT1` } }));
  const agent = r(T.bedrockAgent, "agent", { agentName: "a", agentId: "AGENT1", agentResourceRoleArn: agentRole.properties.arn });
  const group = r(T.bedrockAgentActionGroup, "tools", { agentId: "AGENT1", actionGroupExecutor: { lambda: FN_ARN } });
  const tool = (policy: string) => [role("chat", serviceTrust("lambda.amazonaws.com"), policy), chatFn()];
  it("passes a tool whose role reads one table", () => {
    expect(of(stack([agentRole, agent, group, ...tool(doc({ Effect: "Allow", Action: "dynamodb:GetItem", Resource: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/orders` }))]), "AAG-022")).toEqual([]);
  });
  it("blocks a tool that can attach policies, read every secret or turn off invocation logging", () => {
    const wide = doc(
      { Effect: "Allow", Action: "iam:AttachRolePolicy", Resource: "*" },
      { Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "*" },
      { Effect: "Allow", Action: "bedrock:DeleteModelInvocationLoggingConfiguration", Resource: "*" },
    );
    expect(of(stack([agentRole, agent, group, ...tool(wide)]), "AAG-022")).toEqual([
      "violation mandatory chat ToolAction::iam:AttachRolePolicy",
      "violation mandatory chat ToolAction::secretsmanager:GetSecretValue",
      "violation mandatory chat ToolAction::bedrock:DeleteModelInvocationLoggingConfiguration",
    ]);
  });
  it("reads a gateway target's Lambda the same way, and respects an explicit Deny", () => {
    const gw = r(T.agentcoreGateway, "gw", { gatewayId: "gw-1", authorizerType: "AWS_IAM", roleArn: agentRole.properties.arn });
    const tgt = r(T.agentcoreGatewayTarget, "tgt", { gatewayIdentifier: "gw-1", targetConfiguration: { mcp: { lambda: { lambdaArn: FN_ARN } } } });
    expect(of(stack([agentRole, gw, tgt, ...tool(doc({ Effect: "Allow", Action: "iam:PassRole", Resource: "*" }))]), "AAG-022")).toEqual(["violation mandatory chat ToolAction::iam:PassRole"]);
    const denied = doc({ Effect: "Allow", Action: "iam:PassRole", Resource: "*" }, { Effect: "Deny", Action: "iam:PassRole", Resource: "*" });
    expect(of(stack([agentRole, gw, tgt, ...tool(denied)]), "AAG-022")).toEqual([]);
  });
  it("reads effective access: a permissions boundary without the action removes it", () => {
    const boundary = r(T.policy, "tool-boundary", { arn: `arn:aws:iam::${ACCOUNT}:policy/tool-boundary`, policy: doc({ Effect: "Allow", Action: "dynamodb:GetItem", Resource: "*" }) });
    const [toolRole, fn] = tool(doc({ Effect: "Allow", Action: "iam:AttachRolePolicy", Resource: "*" }));
    const bounded: ResourceModel = { ...toolRole, properties: { ...toolRole.properties, permissionsBoundary: boundary.properties.arn } };
    expect(of(stack([agentRole, agent, group, boundary, bounded, fn]), "AAG-022")).toEqual([]);
    expect(of(stack([agentRole, agent, group, boundary, toolRole, fn]), "AAG-022")).toEqual(["violation mandatory chat ToolAction::iam:AttachRolePolicy"]);
  });
  it("knows every action it looks for", () => {
    for (const a of [...IDENTITY_ACTIONS, ...AGENT_CONTROL_ACTIONS]) expect(findAction(a), a).toBeDefined();
  });
});

describe("AAG-023 tool-gateway-policy-enforced", () => {
  const gw = (extra: Record<string, unknown>) => r(T.agentcoreGateway, "gw", { name: "gw", authorizerType: "AWS_IAM", roleArn: "arn:aws:iam::1:role/x", ...extra });
  it("passes ENFORCE", () => expect(of(stack([gw({ policyEngineConfiguration: { arn: "arn:pe", mode: "ENFORCE" } })]), "AAG-023")).toEqual([]));
  it("flags LOG_ONLY and a missing policy engine", () => {
    expect(of(stack([gw({ policyEngineConfiguration: [{ arn: "arn:pe", mode: "LOG_ONLY" }] })]), "AAG-023")).toEqual(["violation advisory gw PolicyEngine::LOG_ONLY"]);
    expect(of(stack([gw({})]), "AAG-023")).toEqual(["violation advisory gw PolicyEngine::missing"]);
  });
});

describe("AAG-024 token-vault-secrets-write-only", () => {
  it("passes apiKeyWo and an external client secret; blocks inline apiKey and clientSecret", () => {
    expect(of(stack([r(T.agentcoreApiKeyProvider, "k", { name: "k", apiKeyWo: "x", apiKeyWoVersion: 1 })]), "AAG-024")).toEqual([]);
    expect(of(stack([r(T.agentcoreApiKeyProvider, "k", { name: "k", apiKey: "[secret]" })]), "AAG-024")).toEqual(["violation mandatory k Credential::apiKey"]);
    const oauth = (cfg: Record<string, unknown>) => r(T.agentcoreOauth2Provider, "o", { credentialProviderVendor: "GithubOauth2", oauth2ProviderConfig: { githubOauth2ProviderConfig: { clientId: "id", ...cfg } } });
    expect(of(stack([oauth({ clientSecretWo: "x" })]), "AAG-024")).toEqual([]);
    expect(of(stack([oauth({ clientSecret: "x" })]), "AAG-024")).toEqual(["violation mandatory o Credential::githubOauth2ProviderConfig.clientSecret"]);
  });
});

describe("AAG-025 ai-resource-policies-not-open", () => {
  const own = r(T.role, "own", { name: "own", arn: `arn:aws:iam::${ACCOUNT}:role/own`, assumeRolePolicy: serviceTrust("lambda.amazonaws.com"), tags: TAGS });
  const key = (stmt: Record<string, unknown>) => r(T.kmsKey, "key", { policy: doc(stmt) });
  it("passes a key policy for its own account root and for * pinned by kms:CallerAccount", () => {
    expect(of(stack([own, key({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" })]), "AAG-025")).toEqual([]);
    expect(of(stack([own, key({ Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:Decrypt", Resource: "*", Condition: { StringEquals: { "kms:CallerAccount": ACCOUNT } } })]), "AAG-025")).toEqual([]);
  });
  it("blocks decrypt for *, and another account without an organisation condition", () => {
    expect(of(stack([own, key({ Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" })]), "AAG-025")).toEqual(["violation mandatory key Statement[1]::*"]);
    expect(of(stack([own, key({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::999999999999:root" }, Action: "kms:Decrypt", Resource: "*" })]), "AAG-025")).toEqual(["violation mandatory key Statement[1]::999999999999"]);
    expect(of(stack([own, key({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::999999999999:root" }, Action: "kms:Decrypt", Resource: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc" } } })]), "AAG-025")).toEqual([]);
  });
  it("does not take a wildcard-account ARN or org id as pinning", () => {
    const anyRole = key({ Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:Decrypt", Resource: "*", Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/*" } } });
    const anyOrg = key({ Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:Decrypt", Resource: "*", Condition: { StringLike: { "aws:PrincipalOrgID": "o-*" } } });
    expect(of(stack([own, anyRole]), "AAG-025")).toEqual(["violation mandatory key Statement[1]::*"]);
    expect(of(stack([own, anyOrg]), "AAG-025")).toEqual(["violation mandatory key Statement[1]::*"]);
  });
  it("blocks a secret policy for *", () => {
    const pol = r(T.secretPolicy, "sp", { secretArn: "arn:aws:secretsmanager:us-east-1:1:secret:x", policy: doc({ Effect: "Allow", Principal: "*", Action: "secretsmanager:GetSecretValue", Resource: "*" }) });
    expect(of(stack([own, pol]), "AAG-025")).toEqual(["violation mandatory sp Statement[1]::*"]);
  });
  it("judges OpenSearch Serverless access and security policies", () => {
    const access = (principal: string[]) => r(T.opensearchAccessPolicy, "ap", { type: "data", policy: JSON.stringify([{ Rules: [{ ResourceType: "index", Resource: ["index/kb/*"], Permission: ["aoss:*"] }], Principal: principal }]) });
    expect(of(stack([own, access([`arn:aws:iam::${ACCOUNT}:role/own`])]), "AAG-025")).toEqual([]);
    expect(of(stack([own, access([`arn:aws:iam::${ACCOUNT}:root`])]), "AAG-025")).toEqual([`violation advisory ap Rule[1]::arn:aws:iam::${ACCOUNT}:root`]);
    expect(of(stack([own, access(["arn:aws:iam::999999999999:role/x"])]), "AAG-025")).toEqual(["violation mandatory ap Rule[1]::999999999999"]);
    const network = r(T.opensearchSecurityPolicy, "net", { type: "network", policy: JSON.stringify([{ Rules: [{ ResourceType: "collection", Resource: ["collection/kb"] }], AllowFromPublic: true }]) });
    const enc = r(T.opensearchSecurityPolicy, "enc", { type: "encryption", policy: JSON.stringify({ Rules: [{ ResourceType: "collection", Resource: ["collection/kb"] }], AWSOwnedKey: true }) });
    expect(of(stack([own, network, enc]), "AAG-025")).toEqual(["violation mandatory net Network[1]::AllowFromPublic", "violation advisory enc Encryption::AWSOwnedKey"]);
  });
  it("judges the invocation-log bucket's policy and leaves other buckets alone", () => {
    const logging = r(T.invocationLogging, "logging", { loggingConfig: { s3Config: { bucketName: "ai-logs" }, textDataDeliveryEnabled: true } });
    const open = (bucket: string) => r(T.s3BucketPolicy, `bp-${bucket}`, { bucket, policy: doc({ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `arn:aws:s3:::${bucket}/*` }) });
    expect(of(stack([own, logging, open("ai-logs"), open("website")]), "AAG-025")).toEqual(["violation mandatory bp-ai-logs Statement[1]::*"]);
    // At preview the bucket name is unknown: the policy and the logging configuration depend on the same bucket.
    const bucketUrn = "urn:pulumi:dev::p::aws:s3/bucketV2:BucketV2::logs";
    const pendingLogging: ResourceModel = { ...r(T.invocationLogging, "logging", { loggingConfig: { s3Config: { bucketName: UNKNOWN } } }), propertyDependencies: { loggingConfig: [bucketUrn] } };
    const pendingPolicy: ResourceModel = { ...open("x"), properties: { ...open("x").properties, bucket: UNKNOWN }, propertyDependencies: { bucket: [bucketUrn] } };
    expect(of(stack([own, pendingLogging, pendingPolicy]), "AAG-025")).toEqual(["violation mandatory bp-x Statement[1]::*"]);
  });
  it("blocks a Lambda permission for bedrock.amazonaws.com without sourceArn or sourceAccount (any account's agent)", () => {
    const perm = (extra: Record<string, unknown>) => r(T.lambdaPermission, "agent-invoke", { function: "tool", principal: "bedrock.amazonaws.com", action: "lambda:InvokeFunction", ...extra });
    expect(of(stack([own, perm({})]), "AAG-025")).toEqual(["violation mandatory agent-invoke Principal::bedrock.amazonaws.com"]);
    expect(of(stack([own, perm({ sourceArn: `arn:aws:bedrock:us-east-1:${ACCOUNT}:agent/AGENT1` })]), "AAG-025")).toEqual([]);
  });
  it("says cannot validate for a policy unknown at preview", () => {
    expect(of(stack([own, r(T.kmsKey, "key", { policy: UNKNOWN })]), "AAG-025")).toEqual(["cannot-validate advisory key Property::policy"]);
  });
});

describe("AAG-012 invocation logging that logs something, encrypted, kept", () => {
  const invoker = chatRole();
  const cfg = (extra: Record<string, unknown>) => r(T.invocationLogging, "logging", { loggingConfig: { cloudwatchConfig: { logGroupName: "/ai/invocations", roleArn: "arn:aws:iam::1:role/l" }, textDataDeliveryEnabled: true, imageDataDeliveryEnabled: true, embeddingDataDeliveryEnabled: true, ...extra } });
  const group = (extra: Record<string, unknown>) => r(T.logGroup, "invocations", { name: "/ai/invocations", retentionInDays: 365, kmsKeyId: "arn:aws:kms:us-east-1:1:key/k", ...extra });
  it("passes text delivery to an encrypted log group kept a year", () => expect(of(stack([invoker, cfg({}), group({})]), "AAG-012")).toEqual([]));
  it("blocks a configuration with text, image and embedding delivery all off", () => {
    expect(of(stack([invoker, cfg({ textDataDeliveryEnabled: false, imageDataDeliveryEnabled: false, embeddingDataDeliveryEnabled: false }), group({})]), "AAG-012")).toEqual(["violation mandatory logging InvocationLogging::logs-nothing"]);
  });
  it("notes a 1-day, unencrypted log group", () => {
    expect(of(stack([invoker, cfg({}), group({ retentionInDays: 1, kmsKeyId: undefined })]), "AAG-012")).toEqual([
      "violation advisory invocations InvocationLogging::retention",
      "violation advisory invocations InvocationLogging::unencrypted",
    ]);
  });
});

describe("AAG-026 ai-audit-trail", () => {
  const invoker = chatRole();
  const trail = (selectors: unknown[]) => r(T.cloudTrail, "trail", { s3BucketName: "audit", advancedEventSelectors: selectors });
  const MGMT = { fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }] };
  const data = (type: string) => ({ fieldSelectors: [{ field: "eventCategory", equals: ["Data"] }, { field: "resources.type", equals: [type] }] });
  const rt = r(T.agentcoreRuntime, "rt", { roleArn: invoker.properties.arn });
  it("passes a trail with management and AgentCore data events", () => expect(of(stack([invoker, rt, trail([MGMT, data("AWS::BedrockAgentCore::Runtime")])]), "AAG-026")).toEqual([]));
  it("notes a stack that hosts an AgentCore runtime and has no trail, unless managed elsewhere", () => {
    expect(of(stack([invoker, rt]), "AAG-026")).toEqual(["violation advisory rt Trail::missing"]);
    expect(of(stack([invoker, rt], { "ai-audit-trail": { managedElsewhere: "organisation trail, audit account" } }), "AAG-026")).toEqual([]);
  });
  it("leaves model calls alone when no trail is defined here (management events are on in every trail)", () => {
    expect(of(stack([invoker]), "AAG-026")).toEqual([]);
  });
  it("notes a trail without AgentCore data events, or one that drops management events", () => {
    expect(of(stack([invoker, rt, trail([MGMT])]), "AAG-026")).toEqual(["violation advisory trail Trail::agentcore-data-events"]);
    expect(of(stack([invoker, rt, trail([data("AWS::BedrockAgentCore::Runtime")])]), "AAG-026")).toEqual(["violation advisory trail Trail::management-events"]);
  });
});

describe("AAG-027 guardrail-version-pinned", () => {
  const agent = (version: unknown) => r(T.bedrockAgent, "agent", { agentName: "a", agentResourceRoleArn: "arn:aws:iam::1:role/x", guardrailConfigurations: [{ guardrailIdentifier: "gr-1", guardrailVersion: version }] });
  it("passes a numbered version and notes DRAFT", () => {
    expect(of(stack([agent("1")]), "AAG-027")).toEqual([]);
    expect(of(stack([agent("DRAFT")]), "AAG-027")).toEqual(["violation advisory agent Guardrail[1]::DRAFT"]);
  });
  it("notes an invoke condition that names the guardrail without a version", () => {
    const pol = r(T.rolePolicy, "invoke", { role: "x", policy: doc({ Effect: "Allow", Action: "bedrock:InvokeModel", Resource: MODEL_ARN, Condition: { StringEquals: { "bedrock:GuardrailIdentifier": "arn:aws:bedrock:us-east-1:1:guardrail/gr-1" } } }) });
    expect(of(stack([pol]), "AAG-027")).toEqual(["violation advisory invoke Statement[1]::GuardrailVersion"]);
  });
});
