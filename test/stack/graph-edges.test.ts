/** Each edge builder of the access graph, alone: what it links, by value and by property dependency. */
import { describe, expect, it } from "vitest";
import { buildAccessGraph, buildStackView, describePath, T, UNKNOWN, type ResourceModel } from "../../policy-pack/src";
import { doc, MODEL_ARN, resource } from "../helpers/engine";

const LAMBDA_TRUST = doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" });
const INVOKE = doc({ Effect: "Allow", Action: "bedrock:InvokeModel", Resource: MODEL_ARN });
const ROLE_ARN = "arn:aws:iam::123456789012:role/chat-role";
const FN_ARN = "arn:aws:lambda:us-east-1:123456789012:function:chat";

const role = (name = "chat-role", policy: string | undefined = INVOKE, trust = LAMBDA_TRUST) =>
  resource(T.role, { name, arn: `arn:aws:iam::123456789012:role/${name}`, assumeRolePolicy: trust, ...(policy ? { inlinePolicies: [{ name: "ai", policy }] } : {}) }, name);
const fn = (props: Record<string, unknown> = {}) => resource(T.lambdaFunction, { name: "chat", arn: FN_ARN, role: ROLE_ARN, ...props }, "chat");

function graphOf(resources: ResourceModel[]) {
  return buildAccessGraph(buildStackView(resources));
}
const labels = (g: ReturnType<typeof graphOf>) => g.edges.map((e) => `${g.nodes.get(e.from)!.label} -${e.kind}-> ${g.nodes.get(e.to)!.label}${e.unauthenticated ? " (unauthenticated)" : ""}`);

describe("runs-as", () => {
  it("links a function to its role by ARN and names both by logical name", () => {
    const g = graphOf([role(), fn()]);
    expect(labels(g)).toContain('Function "chat" -runs-as-> role "chat-role"');
  });
  it("links by property dependency when the role ARN is unknown at preview", () => {
    const r = role();
    const f: ResourceModel = { ...fn({ role: UNKNOWN }), propertyDependencies: { role: [r.urn] } };
    expect(labels(graphOf([r, f]))).toContain('Function "chat" -runs-as-> role "chat-role"');
  });
  it("links ECS task roles, SageMaker domains and EC2 instances through their instance profile", () => {
    const r = role();
    const task = resource(T.ecsTaskDefinition, { family: "x", taskRoleArn: ROLE_ARN }, "task");
    const domain = resource(T.sagemakerDomain, { defaultUserSettings: { executionRole: ROLE_ARN } }, "studio");
    const profile = resource(T.instanceProfile, { name: "prof", role: "chat-role" }, "prof");
    const vm = resource(T.ec2Instance, { iamInstanceProfile: "prof" }, "vm");
    const l = labels(graphOf([r, task, domain, profile, vm]));
    expect(l).toEqual(expect.arrayContaining(['TaskDefinition "task" -runs-as-> role "chat-role"', 'Domain "studio" -runs-as-> role "chat-role"', 'Instance "vm" -runs-as-> role "chat-role"']));
  });
  it("links agents, knowledge bases, flows, AgentCore runtimes and gateways to their roles", () => {
    const r = role();
    const rs = [
      resource(T.bedrockAgent, { agentName: "a", agentResourceRoleArn: ROLE_ARN }, "agent"),
      resource(T.bedrockKnowledgeBase, { roleArn: ROLE_ARN }, "kb"),
      resource(T.bedrockFlow, { executionRoleArn: ROLE_ARN }, "flow"),
      resource(T.agentcoreRuntime, { roleArn: ROLE_ARN }, "rt"),
      resource(T.agentcoreGateway, { roleArn: ROLE_ARN, authorizerType: "AWS_IAM" }, "gw"),
    ];
    const g = graphOf([r, ...rs]);
    expect(g.usersOf(g.nodes.get(r.urn)!.principal!).map((n) => n.label).sort()).toEqual(['AgentAgent "agent"', 'AgentFlow "flow"', 'AgentKnowledgeBase "kb"', 'AgentcoreAgentRuntime "rt"', 'AgentcoreGateway "gw"']);
  });
});

describe("front doors", () => {
  it("a function URL with NONE is an unauthenticated entry whose path reaches the model", () => {
    const url = resource(T.lambdaFunctionUrl, { functionName: "chat", authorizationType: "NONE" }, "chat-url");
    const g = graphOf([role(), fn(), url]);
    const entry = g.edges.find((e) => e.via === url && e.kind === "enters")!;
    expect(entry.unauthenticated).toBe(true);
    expect(describePath(g, [entry.from, ...g.pathToAi(entry.to)!])).toBe('anyone on the internet → FunctionUrl "chat-url" → Function "chat" → role "chat-role"');
  });
  it("a function URL with AWS_IAM is not unauthenticated", () => {
    const url = resource(T.lambdaFunctionUrl, { functionName: "chat", authorizationType: "AWS_IAM" }, "chat-url");
    expect(graphOf([role(), fn(), url]).edges.find((e) => e.via === url && e.kind === "enters")!.unauthenticated).toBe(false);
  });
  it("a lambda permission for * is open unless a source or organisation pins it", () => {
    const open = resource(T.lambdaPermission, { function: "chat", principal: "*", action: "lambda:InvokeFunction" }, "open");
    const pinned = resource(T.lambdaPermission, { function: "chat", principal: "*", action: "lambda:InvokeFunction", principalOrgId: "o-abc123" }, "pinned");
    const svc = resource(T.lambdaPermission, { function: FN_ARN, principal: "bedrock.amazonaws.com", sourceArn: "arn:aws:bedrock:us-east-1:123456789012:agent/A" }, "svc");
    const g = graphOf([role(), fn(), open, pinned, svc]);
    expect(g.edges.filter((e) => e.kind === "enters" && e.via.type === T.lambdaPermission).map((e) => [e.via.name, !!e.unauthenticated])).toEqual([
      ["open", true],
      ["pinned", false],
      ["svc", false],
    ]);
  });
  it("a REST method without authorization reaches its Lambda proxy integration", () => {
    const m = resource(T.restApiMethod, { restApi: "api1", resourceId: "r1", httpMethod: "POST", authorization: "NONE" }, "post");
    const i = resource(T.restApiIntegration, { restApi: "api1", resourceId: "r1", httpMethod: "POST", type: "AWS_PROXY", uri: `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${FN_ARN}/invocations` }, "post-int");
    const g = graphOf([role(), fn(), m, i]);
    expect(describePath(g, g.pathToAi(m.urn)!)).toBe('Method "post" → Integration "post-int" → Function "chat" → role "chat-role"');
    expect(g.edges.find((e) => e.via === m)!.unauthenticated).toBe(true);
  });
  it("an HTTP API route without authorizationType is NONE and reaches its integration's Lambda", () => {
    const i = resource(T.httpApiIntegration, { apiId: "a", id: "int1", integrationType: "AWS_PROXY", integrationUri: FN_ARN }, "int");
    const r = resource(T.httpApiRoute, { apiId: "a", routeKey: "POST /chat", target: "integrations/int1" }, "route");
    const jwt = resource(T.httpApiRoute, { apiId: "a", routeKey: "POST /x", target: "integrations/int1", authorizationType: "JWT" }, "jwt-route");
    const g = graphOf([role(), fn(), i, r, jwt]);
    expect(g.pathToAi(r.urn)).toBeDefined();
    expect(g.edges.find((e) => e.via === r && e.kind === "enters")!.unauthenticated).toBe(true);
    expect(g.edges.find((e) => e.via === jwt && e.kind === "enters")!.unauthenticated).toBe(false);
  });
  it("a Cognito pool that allows guests hands its unauthenticated role to anyone", () => {
    const pool = resource(T.cognitoIdentityPool, { identityPoolName: "p", id: "us-east-1:pool", allowUnauthenticatedIdentities: true }, "pool");
    const att = resource(T.cognitoIdentityPoolRoles, { identityPoolId: "us-east-1:pool", roles: { unauthenticated: ROLE_ARN } }, "roles");
    const g = graphOf([role(), pool, att]);
    const e = g.edges.find((x) => g.nodes.get(x.from)!.entry === "cognito-guest")!;
    expect(e.unauthenticated).toBe(true);
    expect(e.via).toBe(pool);
  });
  it("AgentCore: gateway NONE and a JWT authorizer without audiences or clients are unauthenticated; IAM and pinned JWT are not", () => {
    const jwt = (extra: Record<string, unknown>) => ({ customJwtAuthorizer: { discoveryUrl: "https://idp/.well-known/openid-configuration", ...extra } });
    const rs = [
      resource(T.agentcoreGateway, { authorizerType: "NONE", roleArn: ROLE_ARN }, "gw-open"),
      resource(T.agentcoreRuntime, { roleArn: ROLE_ARN, authorizerConfiguration: jwt({}) }, "rt-any-token"),
      resource(T.agentcoreRuntime, { roleArn: ROLE_ARN, authorizerConfiguration: [jwt({ allowedAudiences: ["app"] })] }, "rt-pinned"),
      resource(T.agentcoreRuntime, { roleArn: ROLE_ARN }, "rt-iam"),
    ];
    const g = graphOf([role(), ...rs]);
    expect(rs.map((r) => !!g.edges.find((e) => e.via === r && e.kind === "enters")!.unauthenticated)).toEqual([true, true, false, false]);
  });
  it("a resource policy for Principal * on a runtime is an open entry; an organisation condition closes it", () => {
    const rt = resource(T.agentcoreRuntime, { roleArn: ROLE_ARN, agentRuntimeArn: "arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/rt-1" }, "rt");
    const stmt = { Effect: "Allow", Principal: "*", Action: "bedrock-agentcore:InvokeAgentRuntime", Resource: "*" };
    const open = resource(T.agentcoreResourcePolicy, { resourceArn: "arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/rt-1", policy: doc(stmt) }, "open");
    const org = resource(T.agentcoreResourcePolicy, { resourceArn: "arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/rt-1", policy: doc({ ...stmt, Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc" } } }) }, "org");
    const g = graphOf([role(), rt, open, org]);
    expect(g.edges.filter((e) => e.via === open && e.unauthenticated)).toHaveLength(1);
    expect(g.edges.filter((e) => e.via === org)).toHaveLength(0);
  });
});

describe("tools and data", () => {
  it("an agent's action group runs its executor Lambda; a gateway target calls its Lambda", () => {
    const agent = resource(T.bedrockAgent, { agentName: "a", agentId: "AGENT1", agentResourceRoleArn: ROLE_ARN }, "agent");
    const ag = resource(T.bedrockAgentActionGroup, { agentId: "AGENT1", actionGroupExecutor: { lambda: FN_ARN } }, "tools");
    const gw = resource(T.agentcoreGateway, { gatewayId: "gw-1", authorizerType: "AWS_IAM", roleArn: ROLE_ARN }, "gw");
    const tgt = resource(T.agentcoreGatewayTarget, { gatewayIdentifier: "gw-1", targetConfiguration: [{ mcp: [{ lambda: [{ lambdaArn: FN_ARN }] }] }] }, "tgt");
    const l = labels(graphOf([role(), fn(), agent, ag, gw, tgt]));
    expect(l).toEqual(
      expect.arrayContaining([
        'AgentAgent "agent" -uses-tool-> AgentAgentActionGroup "tools"',
        'AgentAgentActionGroup "tools" -invokes-> Function "chat"',
        'AgentcoreGateway "gw" -uses-tool-> AgentcoreGatewayTarget "tgt"',
        'AgentcoreGatewayTarget "tgt" -invokes-> Function "chat"',
      ]),
    );
  });
  it("an agent retrieves from its knowledge base, which reads its vector store and data source bucket", () => {
    const agent = resource(T.bedrockAgent, { agentName: "a", agentId: "AGENT1", agentResourceRoleArn: ROLE_ARN }, "agent");
    const kb = resource(T.bedrockKnowledgeBase, { id: "KB1", roleArn: ROLE_ARN, storageConfiguration: { type: "OPENSEARCH_SERVERLESS", opensearchServerlessConfiguration: { collectionArn: "arn:aws:aoss:us-east-1:123456789012:collection/c1" } } }, "kb");
    const col = resource(T.opensearchCollection, { name: "docs", arn: "arn:aws:aoss:us-east-1:123456789012:collection/c1" }, "docs");
    const assoc = resource(T.bedrockAgentKnowledgeBaseAssociation, { agentId: "AGENT1", knowledgeBaseId: "KB1" }, "assoc");
    const bucket = resource("aws:s3/bucketV2:BucketV2", { bucket: "corp-docs", arn: "arn:aws:s3:::corp-docs" }, "corp-docs");
    const ds = resource(T.bedrockDataSource, { knowledgeBaseId: "KB1", dataSourceConfiguration: { type: "S3", s3Configuration: { bucketArn: "arn:aws:s3:::corp-docs" } } }, "ds");
    const l = labels(graphOf([role(), agent, kb, col, assoc, bucket, ds]));
    expect(l).toEqual(
      expect.arrayContaining(['AgentAgent "agent" -invokes-> AgentKnowledgeBase "kb"', 'AgentKnowledgeBase "kb" -reads-> ServerlessCollection "docs"', 'AgentKnowledgeBase "kb" -reads-> BucketV2 "corp-docs"']),
    );
  });
  it("an AI secret and the principals that may read it", () => {
    const secret = resource(T.secret, { name: "openai-key", arn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:openai-key-AbCdEf" }, "openai");
    const reader = role("reader", doc({ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "arn:aws:secretsmanager:us-east-1:123456789012:secret:openai-key-AbCdEf" }));
    expect(labels(graphOf([reader, secret]))).toContain('role "reader" -reads-> Secret "openai"');
  });
});

describe("principal entries", () => {
  it("a pod-identity role enters once, through its association", () => {
    const trust = doc({ Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"], Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } } });
    const r = role("pod-role", INVOKE, trust);
    const assoc = resource(T.podIdentityAssociation, { clusterName: "c", namespace: "ai", serviceAccount: "agent", roleArn: "arn:aws:iam::123456789012:role/pod-role" }, "assoc");
    const g = graphOf([r, assoc]);
    const entries = g.incoming(r.urn).filter((e) => e.kind === "enters");
    expect(entries.map((e) => g.nodes.get(e.from)!.label)).toEqual(["EKS pod identity ai/agent"]);
  });
});
