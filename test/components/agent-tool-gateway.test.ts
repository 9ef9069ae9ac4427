/** AgentToolGateway: pure documents (against the IAM catalog), then the component under mocks. */
import { beforeAll, describe, expect, it } from "vitest";
import { doc, recorded, resourceNamed, settle, setupMocks, valueOf } from "./harness";
import { catalogProblems } from "./iam-catalog";
import { agentcoreTrustPolicy, cedarPolicyName, cedarToolPolicy, checkInboundJwt, checkReturnUrls, gatewayRolePolicy, runtimeRolePolicy } from "../../components/agent-gateway/documents";

const ctx = { partition: "aws", account: "123456789012", region: "us-east-1" };
const GW = "arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/tools-abc123";
const ENGINE = "arn:aws:bedrock-agentcore:us-east-1:123456789012:policy-engine/pe_tools-xyz";
const jwt = { discoveryUrl: "https://auth.example.com/.well-known/openid-configuration", allowedAudiences: ["tools"], allowedClients: ["agent"] };

describe("documents (pure)", () => {
  it("inbound JWT needs audiences and clients, named exactly", () => {
    expect(checkInboundJwt("G", "inboundJwt", jwt)).toEqual(jwt);
    expect(() => checkInboundJwt("G", "inboundJwt", { discoveryUrl: jwt.discoveryUrl, allowedAudiences: [] })).toThrow("G: inboundJwt needs inboundJwt.allowedAudiences and inboundJwt.allowedClients");
    expect(() => checkInboundJwt("G", "inboundJwt", undefined)).toThrow("G: give inboundJwt");
    expect(() => checkInboundJwt("G", "inboundJwt", { ...jwt, discoveryUrl: "http://auth.example.com/.well-known/openid-configuration" })).toThrow("must be an https:// URL ending in /.well-known/openid-configuration");
    expect(() => checkInboundJwt("G", "inboundJwt", { ...jwt, allowedClients: ["*"] })).toThrow('inboundJwt.allowedClients value "*" is empty or has a wildcard');
  });

  it("one Cedar permit per tool, for the named callers on this gateway only", () => {
    expect(cedarToolPolicy(GW, "orders", { name: "refund_order", allow: { clients: ["console"], subjects: ["u-1"] } })).toBe(
      [
        "permit(",
        "  principal is AgentCore::OAuthUser,",
        '  action == AgentCore::Action::"orders___refund_order",',
        `  resource == AgentCore::Gateway::"${GW}"`,
        ') when { (principal.hasTag("client_id") && ["console"].contains(principal.getTag("client_id"))) || ["u-1"].contains(principal.id) };',
      ].join("\n"),
    );
    expect(cedarPolicyName("orders-v2", "refund_order", 3)).toBe("permit_orders_v2_refund_order_3");
    expect(cedarPolicyName("x".repeat(60), "t", 12)).toHaveLength(48);
  });

  it("return URLs are exact https URLs", () => {
    expect(checkReturnUrls("G", "returnUrls", ["https://app.example.com/cb"])).toEqual(["https://app.example.com/cb"]);
    for (const bad of ["https://*.example.com/cb", "http://app.example.com/cb", "https://app.example.com/cb#x"]) expect(() => checkReturnUrls("G", "returnUrls", [bad])).toThrow("must be an exact https:// URL");
    expect(() => checkReturnUrls("G", "returnUrls", [])).toThrow("G: give returnUrls");
  });

  it("gateway role: per-target statements, own engine only; every action, key and ARN is in the IAM catalog", async () => {
    const d = gatewayRolePolicy({
      ...ctx,
      policyEngineArn: ENGINE,
      gatewayArn: GW,
      workloadIdentityArn: "arn:aws:bedrock-agentcore:us-east-1:123456789012:workload-identity-directory/default/workload-identity/tools-abc123",
      targets: [
        { name: "orders", lambdaArn: "arn:aws:lambda:us-east-1:123456789012:function:orders", outbound: { kind: "gateway-role" } },
        { name: "crm", outbound: { kind: "oauth", providerArn: "arn:aws:bedrock-agentcore:us-east-1:123456789012:token-vault/default/oauth2credentialprovider/crm", scopes: ["r"] } },
        { name: "wiki", outbound: { kind: "api-key", providerArn: "arn:aws:bedrock-agentcore:us-east-1:123456789012:token-vault/default/apikeycredentialprovider/wiki" } },
      ],
    });
    expect(d.Statement.map((s) => s.Sid)).toEqual([
      "DecideToolCallsWithOwnPolicyEngine",
      "ReadOwnPolicyEngine",
      "InvokeTargetorders",
      "OAuthTokenForTargetcrm",
      "ApiKeyForTargetwiki",
      "WorkloadAccessTokenForOwnIdentity",
    ]);
    expect(d.Statement.flatMap((s) => [s.Resource].flat())).not.toContain("*");
    // The token vault reads the referenced secret; the gateway never can.
    expect(d.Statement.flatMap((s) => [s.Action].flat()).filter((a) => a.startsWith("secretsmanager:"))).toEqual([]);
    expect(await catalogProblems(d)).toEqual([]);
    expect(await catalogProblems(agentcoreTrustPolicy(ctx, "gateway"))).toEqual([]);
    expect(await catalogProblems(runtimeRolePolicy({ ...ctx, repositoryArn: "arn:aws:ecr:us-east-1:123456789012:repository/agent", gatewayArn: GW, workloadIdentityName: "agent" }))).toEqual([]);
  });

  it("the catalog check itself catches unknown actions, keys and ARNs", async () => {
    const bad = await catalogProblems({ Statement: [{ Action: ["bedrock-agentcore:InvokeTool", "bedrock:Invoke*"], Resource: "arn:aws:bedrock-agentcore:us-east-1:1:tool/x", Condition: { StringEquals: { "bedrock-agentcore:ToolName": "x" } } }] });
    expect(bad).toEqual([
      "Statement[0]: action bedrock-agentcore:InvokeTool is not in the IAM catalog",
      "Statement[0]: resource arn:aws:bedrock-agentcore:us-east-1:1:tool/x matches no resource type of bedrock-agentcore, bedrock",
      "Statement[0]: condition key bedrock-agentcore:ToolName is not in the IAM catalog",
    ]);
  });
});

describe("AgentToolGateway under mocks", () => {
  type C = typeof import("../../components");
  let c: C;
  beforeAll(async () => {
    await setupMocks();
    c = await import("../../components");
  });
  const own = { owner: "agents-team", purpose: "tools" };
  const target = { name: "orders", lambda: { functionArn: "arn:aws:lambda:us-east-1:123456789012:function:orders", tools: [{ name: "lookup", description: "Look up", allow: { clients: ["agent"] } }] } };
  const base = { inboundJwt: jwt, targets: [target], workloadIdentity: { returnUrls: ["https://app.example.com/cb"] }, ...own };

  it("builds gateway (CUSTOM_JWT, ENFORCE), engine, target, one policy per tool, scoped role", async () => {
    const g = new c.AgentToolGateway("gw1", base);
    const policies = await valueOf(g.cedarPolicies);
    await valueOf(g.gatewayRolePolicy);
    await settle();
    const gw = resourceNamed("gw1-gateway").inputs as Record<string, any>;
    expect(gw.authorizerType).toBe("CUSTOM_JWT");
    expect(gw.authorizerConfiguration.customJwtAuthorizer).toEqual(jwt);
    expect(gw.policyEngineConfiguration).toEqual({ arn: "arn:aws:bedrock-agentcore:us-east-1:123456789012:policy-engine/pe_gw1-id", mode: "ENFORCE" });
    expect(policies).toHaveLength(1);
    expect(policies[0]).toContain('action == AgentCore::Action::"orders___lookup"');
    expect(resourceNamed("gw1-orders-target").inputs.credentialProviderConfiguration).toEqual({ gatewayIamRole: {} });
    expect(resourceNamed("gw1-workload-identity").inputs.allowedResourceOauth2ReturnUrls).toEqual(["https://app.example.com/cb"]);
    const rolePolicy = doc("gw1-role-policy", "policy") as { Statement: Array<{ Sid: string; Resource: unknown }> };
    expect(rolePolicy.Statement.find((s) => s.Sid === "InvokeTargetorders")!.Resource).toBe(target.lambda.functionArn);
    expect(await catalogProblems(rolePolicy as never)).toEqual([]);
  });

  it("accepts Outputs for the function ARN, the provider ARN and the runtime's repository", async () => {
    const pulumi = await import("@pulumi/pulumi");
    const fn = pulumi.output("arn:aws:lambda:us-east-1:123456789012:function:orders-out");
    const g = new c.AgentToolGateway("gw3", {
      ...base,
      targets: [
        { name: "orders", lambda: { functionArn: fn, tools: [{ name: "lookup", description: "Look up", allow: { clients: ["agent"] } }] } },
        { name: "crm", mcpServer: { endpoint: "https://mcp.example.com/mcp", tools: [{ name: "find", allow: { clients: ["agent"] } }] }, oauth: { scopes: ["r"], providerArn: pulumi.output("arn:aws:bedrock-agentcore:us-east-1:123456789012:token-vault/default/oauth2credentialprovider/crm") } },
      ],
      runtime: { containerUri: pulumi.output("123456789012.dkr.ecr.us-east-1.amazonaws.com/agent:1"), repositoryArn: pulumi.output("arn:aws:ecr:us-east-1:123456789012:repository/agent") },
    });
    const policy = JSON.parse(await valueOf(g.gatewayRolePolicy));
    expect(policy.Statement.find((x: { Sid: string }) => x.Sid === "InvokeTargetorders").Resource).toBe("arn:aws:lambda:us-east-1:123456789012:function:orders-out");
    expect(policy.Statement.find((x: { Sid: string }) => x.Sid === "OAuthTokenForTargetcrm").Resource[0]).toBe("arn:aws:bedrock-agentcore:us-east-1:123456789012:token-vault/default/oauth2credentialprovider/crm");
    await settle();
    expect(resourceNamed("gw3-runtime").inputs).toMatchObject({ authorizerConfiguration: { customJwtAuthorizer: jwt }, networkConfiguration: { networkMode: "PUBLIC" } });
    expect(await catalogProblems(doc("gw3-runtime-role-policy", "policy") as never)).toEqual([]);
  });

  it("credentials by reference: providers get the secret ARN, never a value", async () => {
    new c.AgentToolGateway("gw2", {
      ...base,
      targets: [
        { name: "crm", mcpServer: { endpoint: "https://mcp.example.com/mcp", tools: [{ name: "find", allow: { subjects: ["u-1"] } }] }, oauth: { scopes: ["r"], provider: { discoveryUrl: "https://idp.example.com/.well-known/openid-configuration", clientId: "gw", clientSecret: { secretArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:crm-AbCdEf", jsonKey: "s" } } } },
        { name: "wiki", mcpServer: { endpoint: "https://wiki.example.com/mcp", tools: [{ name: "search", allow: { clients: ["agent"] } }] }, apiKey: { secret: { secretArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:wiki-AbCdEf", jsonKey: "key" } } },
      ],
    });
    await settle();
    await new Promise((r) => setTimeout(r, 50));
    await settle();
    expect((resourceNamed("gw2-crm-oauth-provider").inputs as any).oauth2ProviderConfig.customOauth2ProviderConfig).toMatchObject({ clientSecretSource: "EXTERNAL", clientSecretConfig: { secretId: "arn:aws:secretsmanager:us-east-1:123456789012:secret:crm-AbCdEf", jsonKey: "s" } });
    expect(resourceNamed("gw2-wiki-api-key-provider").inputs).toMatchObject({ apiKeySecretSource: "EXTERNAL", apiKeySecretConfig: { jsonKey: "key" } });
    expect(resourceNamed("gw2-wiki-api-key-provider").inputs.apiKey).toBeUndefined();
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["no audiences", { inboundJwt: { discoveryUrl: jwt.discoveryUrl, allowedClients: ["a"] } }, 'AgentToolGateway "bad": inboundJwt needs inboundJwt.allowedAudiences'],
    ["no targets", { targets: [] }, 'AgentToolGateway "bad": give targets'],
    ["lambda and mcpServer", { targets: [{ ...target, mcpServer: { endpoint: "https://x.example.com", tools: [] } }] }, "give exactly one of targets[0].lambda and targets[0].mcpServer"],
    ["tool without callers", { targets: [{ name: "t", lambda: { functionArn: "arn:aws:lambda:us-east-1:1:function:f", tools: [{ name: "x", description: "d", allow: {} }] } }] }, "targets[0].lambda.tools[0].allow names no caller"],
    ["inline api key", { targets: [{ name: "t", mcpServer: { endpoint: "https://x.example.com/mcp", tools: [{ name: "x", allow: { clients: ["a"] } }] }, apiKey: { apiKey: "sk-live-123", secret: undefined } }] }, "targets[0].apiKey.apiKey is an inline credential; store it in Secrets Manager"],
    ["inline client secret", { targets: [{ name: "t", mcpServer: { endpoint: "https://x.example.com/mcp", tools: [{ name: "x", allow: { clients: ["a"] } }] }, oauth: { scopes: ["r"], provider: { discoveryUrl: "https://i.example.com/.well-known/openid-configuration", clientId: "c", clientSecret: "hunter2" } } }] }, "targets[0].oauth.provider.clientSecret is an inline credential"],
    ["mcp server without credentials", { targets: [{ name: "t", mcpServer: { endpoint: "https://x.example.com/mcp", tools: [{ name: "x", allow: { clients: ["a"] } }] } }] }, "targets[0].mcpServer needs targets[0].oauth or targets[0].apiKey"],
    ["wildcard return URL", { workloadIdentity: { returnUrls: ["https://*.example.com/cb"] } }, "workloadIdentity.returnUrls value"],
    ["no owner", { owner: "" }, 'AgentToolGateway "bad": give owner'],
  ])("refuses: %s", (_label, extra, message) => {
    expect(() => new c.AgentToolGateway("bad", { ...base, ...extra } as never)).toThrow(message);
    expect(recorded.some((r) => r.name.startsWith("bad-"))).toBe(false);
  });

  it("refuses an inline secret without echoing it", () => {
    let message = "";
    try {
      new c.AgentToolGateway("bad2", { ...base, targets: [{ name: "t", mcpServer: { endpoint: "https://x.example.com/mcp", tools: [{ name: "x", allow: { clients: ["a"] } }] }, oauth: { scopes: ["r"], provider: { discoveryUrl: "https://i.example.com/.well-known/openid-configuration", clientId: "c", clientSecret: "hunter2-very-secret" } } }] } as never);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain("inline credential");
    expect(message).not.toContain("hunter2");
  });
});

describe("the catalog check knows which actions apply to which resources and keys", () => {
  it("flags an ARN no action applies to, a resource-less action on an ARN, and a key the action ignores", async () => {
    expect(
      await catalogProblems({
        Statement: [
          { Action: "bedrock:InvokeModel", Resource: "arn:aws:bedrock:us-east-1:123456789012:knowledge-base/KB1" },
          { Action: "bedrock:RetrieveAndGenerate", Resource: "arn:aws:bedrock:us-east-1:123456789012:knowledge-base/KB1" },
          { Action: "bedrock:Retrieve", Resource: "arn:aws:bedrock:us-east-1:123456789012:knowledge-base/KB1", Condition: { StringEquals: { "bedrock:GuardrailIdentifier": "g" } } },
        ],
      }),
    ).toEqual([
      "Statement[0]: bedrock:InvokeModel applies to none of the listed resources",
      "Statement[0]: no action of the statement applies to arn:aws:bedrock:us-east-1:123456789012:knowledge-base/KB1",
      "Statement[1]: bedrock:RetrieveAndGenerate has no resource-level permissions; it needs Resource \"*\"",
      "Statement[1]: no action of the statement applies to arn:aws:bedrock:us-east-1:123456789012:knowledge-base/KB1",
      "Statement[2]: condition key bedrock:GuardrailIdentifier applies to none of bedrock:Retrieve",
    ]);
  });
});
