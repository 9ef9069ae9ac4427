/**
 * Every component, with its defaults, through the REAL policy pack process: what it registers under
 * Pulumi mocks is sent as the engine sends it (Analyze per resource with inputs, AnalyzeStack with
 * outputs). Zero findings of any level, advisory included.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recorded, settle, setupMocks, valueOf } from "./harness";
import { launchPack, summary } from "../helpers/pack";
import type { PackProcess } from "../../cli/analyzer/pack-client";
import type { RecordedResource } from "../../cli/check/mocks";

const GH = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
const GL = "arn:aws:iam::123456789012:oidc-provider/gitlab.example.com";
const EKS = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABCDEF0123456789ABCDEF0123456789";
const CLUSTER = "arn:aws:eks:us-east-1:123456789012:cluster/agents";
const HAIKU = "anthropic.claude-3-5-haiku-20241022-v1:0";
const own = { owner: "platform-team", purpose: "pack-test" };
const guardrail = { id: "gr7x2k9q4m1a", version: "1" };

let pack: PackProcess;
const groups = new Map<string, { label: string; withLogging: boolean }>();

beforeAll(async () => {
  const pulumi = await setupMocks();
  const c = await import("../../components");
  const outputs: Array<import("@pulumi/pulumi").Output<unknown>> = [];
  const add = (name: string, label: string, make: (n: string) => { urn: import("@pulumi/pulumi").Output<string> }, withLogging = false) => {
    groups.set(name, { label, withLogging });
    outputs.push(make(name).urn);
  };
  add("c01", "GithubActionsOidcProvider", (n) => new c.GithubActionsOidcProvider(n, own));
  add("c02", "GitlabOidcProvider", (n) => new c.GitlabOidcProvider(n, { host: "gitlab.example.com", ...own }));
  add("c03", "OidcProvider", (n) => new c.OidcProvider(n, { url: "https://auth.example.com", ...own }));
  add("c04", "GithubActionsRole", (n) => new c.GithubActionsRole(n, { oidcProviderArn: GH, repository: "acme/bot", branches: ["main"], ...own }));
  add("c05", "GithubActionsRole (immutable-ID subject)", (n) => new c.GithubActionsRole(n, { oidcProviderArn: GH, repository: "octocat@123456/my-repo@456789", branches: ["main"], ...own }));
  add("c06", "GitlabCiRole", (n) => new c.GitlabCiRole(n, { oidcProviderArn: GL, projectPath: "acme/bot", branches: ["main"], ...own }));
  add("c07", "EksIrsaRole", (n) => new c.EksIrsaRole(n, { oidcProviderArn: EKS, serviceAccounts: ["agents:planner"], ...own }));
  add("c08", "EksPodIdentityRole", (n) => new c.EksPodIdentityRole(n, { clusterArn: CLUSTER, serviceAccounts: ["support:agent"], ...own }));
  add("c09", "OidcRole", (n) => new c.OidcRole(n, { oidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/auth.example.com", subjects: ["svc-1"], ...own }));
  add("c10", "AiAccessPolicy", (n) => new c.AiAccessPolicy(n, { role: "app-role", access: { foundationModels: [HAIKU], knowledgeBases: ["KB1"], guardrail } }), true);
  add(
    "c11",
    "AiAccessPolicy (every resource kind)",
    (n) =>
      new c.AiAccessPolicy(n, {
        access: {
          foundationModels: [HAIKU],
          inferenceProfiles: [{ profileId: `us.${HAIKU}`, modelId: HAIKU, routesTo: ["us-east-1", "us-west-2"] }],
          provisionedModels: ["abc123"],
          agentAliases: [{ agentId: "AGENT1", aliasId: "ALIAS1" }],
          knowledgeBases: ["KB1"],
          sagemakerEndpoints: ["ep1"],
          agentcoreRuntimes: [{ runtimeId: "rt-1" }],
          opensearchCollections: ["coll1"],
          guardrail,
        },
        tags: own,
      }),
    true,
  );
  add("c12", "ModelInvocationLogging", (n) => new c.ModelInvocationLogging(n, { cloudWatch: {}, ...own }));
  add("c13", "RotatedAiProviderSecret", (n) =>
    new c.RotatedAiProviderSecret(n, {
      provider: "openai",
      readers: ["arn:aws:iam::123456789012:role/chat-api"],
      rotationLambdaArn: "arn:aws:lambda:us-east-1:123456789012:function:rotator",
      rotationLambdaRoleArn: "arn:aws:iam::123456789012:role/rotator",
      ...own,
    }),
  );
  add("c14", "TimeBoxedAiGrant", (n) => new c.TimeBoxedAiGrant(n, { role: "batch-role", access: { foundationModels: [HAIKU], guardrail }, expiresAt: new Date(Date.now() + 24 * 3600_000) }), true);
  add("c15", "BreakGlassRole", (n) => new c.BreakGlassRole(n, { principals: ["arn:aws:iam::123456789012:user/alice"], ...own }));
  add("c16", "AiAccessPath (GitHub Actions)", (n) =>
    new c.AiAccessPath(n, { identity: { source: "github-actions", oidcProviderArn: GH, repository: "acme/bot", environments: ["prod"] }, access: { foundationModels: [HAIKU] }, guardrail, logging: { cloudWatch: {} }, ...own }),
  );
  add("c17", "AiAccessPath (EKS Pod Identity, agent + knowledge base)", (n) =>
    new c.AiAccessPath(n, { identity: { source: "eks-pod-identity", clusterArn: CLUSTER, serviceAccounts: ["support:agent"] }, access: { agentAliases: [{ agentId: "A1", aliasId: "L1" }], knowledgeBases: ["KB1"] }, logging: { cloudWatch: {} }, ...own }),
  );
  add("c18", "AiAccessPath (GitLab CI, SageMaker)", (n) =>
    new c.AiAccessPath(n, { identity: { source: "gitlab-ci", oidcProviderArn: GL, projectPath: "acme/bot", branches: ["main"] }, access: { sagemakerEndpoints: ["ep1"] }, ...own }),
  );
  add("c19", "AiAccessPath (EKS IRSA, AgentCore + OpenSearch)", (n) =>
    new c.AiAccessPath(n, { identity: { source: "eks-irsa", oidcProviderArn: EKS, serviceAccounts: ["agents:planner"] }, access: { agentcoreRuntimes: [{ runtimeId: "rt-1" }], opensearchCollections: ["coll1"] }, ...own }),
  );
  const jwt = { discoveryUrl: "https://auth.example.com/.well-known/openid-configuration", allowedAudiences: ["tools"], allowedClients: ["agent"] };
  add("c21", "AgentToolGateway", (n) =>
    new c.AgentToolGateway(n, {
      inboundJwt: jwt,
      targets: [{ name: "orders", lambda: { functionArn: "arn:aws:lambda:us-east-1:123456789012:function:orders", tools: [{ name: "lookup", description: "Look up", allow: { clients: ["agent"] } }] } }],
      workloadIdentity: { returnUrls: ["https://app.example.com/cb"] },
      ...own,
    }),
  );
  add("c22", "AiAuditTrail", (n) => new c.AiAuditTrail(n, own));
  add("c23", "PurposeBoundAccess", (n) => new c.PurposeBoundAccess(n, { purpose: "pack-test", models: [{ name: "haiku", foundationModel: HAIKU }], guardrail, roles: ["app-role"], owner: own.owner }), true);
  add("c24", "TaskScopedAiGrant", (n) => new c.TaskScopedAiGrant(n, { role: "batch-role", access: { foundationModels: [HAIKU], guardrail }, startedAt: new Date(Date.now() - 600_000), hours: 4 }), true);
  add("c25", "AiOrgGuardrails", (n) => new c.AiOrgGuardrails(n, { targets: ["ou-ab12-workload1"], organizationId: "o-a1b2c3d4e5", approvedModels: [HAIKU], platformRoleNames: ["platform-deployer"], ...own }));
  // Not a default: an AI policy wrongly attached to the break-glass role (the pack must flag it).
  const bg = new c.BreakGlassRole("r20", { principals: ["arn:aws:iam::123456789012:user/alice"], ...own });
  outputs.push(new c.AiAccessPolicy("r20-reuse", { role: bg.role.name, access: { foundationModels: [HAIKU], guardrail } }).urn);
  await Promise.all(outputs.map((o) => valueOf(o)));
  await settle();
  void pulumi;
  pack = await launchPack({ dryRun: true });
});

afterAll(async () => {
  await pack?.close();
});

/** Advisories a component's defaults may carry, with why (none today). */
const KNOWN_ADVISORIES: Record<string, string[]> = {};

function members(prefix: string): RecordedResource[] {
  return recorded.filter((r) => r.name === prefix || r.name.startsWith(`${prefix}-`));
}

describe("each component with its defaults passes the real pack with zero findings", () => {
  it("registered the expected AWS resources", () => {
    const types = new Set(recorded.map((r) => r.type));
    for (const t of [
      "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
      "aws:iam/role:Role",
      "aws:iam/rolePolicy:RolePolicy",
      "aws:iam/policy:Policy",
      "aws:eks/podIdentityAssociation:PodIdentityAssociation",
      "aws:secretsmanager/secret:Secret",
      "aws:secretsmanager/secretRotation:SecretRotation",
      "aws:secretsmanager/secretPolicy:SecretPolicy",
      "aws:kms/key:Key",
      "aws:bedrockmodel/invocationLoggingConfiguration:InvocationLoggingConfiguration",
    ]) {
      expect(types).toContain(t);
    }
  });

  it.each(["c01", "c02", "c03", "c04", "c05", "c06", "c07", "c08", "c09", "c10", "c11", "c12", "c13", "c14", "c15", "c16", "c17", "c18", "c19", "c21", "c22", "c23", "c24", "c25"])("%s", async (prefix) => {
    const { label, withLogging } = groups.get(prefix)!;
    const mine = members(prefix);
    expect(mine.filter((r) => r.type.startsWith("aws:")).length, label).toBeGreaterThan(0);
    const diagnostics = [];
    for (const r of mine) diagnostics.push(...(await pack.analyze({ type: r.type, name: r.name, urn: r.urn, properties: r.inputs })));
    // A stack that lets models be invoked also needs invocation logging (issue 3); a policy on its own is judged with it.
    const stack = withLogging ? [...mine, ...members("c12")] : mine;
    // An AgentCore gateway's calls are CloudTrail data events: judged with the trail component beside it.
    if (prefix === "c21") stack.push(...members("c22"));
    diagnostics.push(...(await pack.analyzeStack(stack.map((r) => ({ type: r.type, name: r.name, urn: r.urn, properties: r.outputs })))));
    expect(summary(diagnostics), label).toEqual(KNOWN_ADVISORIES[prefix] ?? []);
  });
});

describe("break-glass isolation", () => {
  it("the pack flags an AI access policy attached to the break-glass role", async () => {
    const mine = [...members("r20"), ...members("c12")];
    const diagnostics = [];
    for (const r of mine) diagnostics.push(...(await pack.analyze({ type: r.type, name: r.name, urn: r.urn, properties: r.inputs })));
    diagnostics.push(...(await pack.analyzeStack(mine.map((r) => ({ type: r.type, name: r.name, urn: r.urn, properties: r.outputs })))));
    expect(summary(diagnostics).some((l) => l.includes("[AAG-017]")), summary(diagnostics).join("\n")).toBe(true);
  });
});

describe("the pack reads what the control components write (one property changed, the finding appears)", () => {
  const judge = async (resources: RecordedResource[]) => {
    const diagnostics = [];
    for (const r of resources) diagnostics.push(...(await pack.analyze({ type: r.type, name: r.name, urn: r.urn, properties: r.inputs })));
    diagnostics.push(...(await pack.analyzeStack(resources.map((r) => ({ type: r.type, name: r.name, urn: r.urn, properties: { ...r.outputs, ...r.inputs } })))));
    return summary(diagnostics);
  };
  const changed = (resources: RecordedResource[], name: string, change: (inputs: Record<string, unknown>) => Record<string, unknown>) =>
    resources.map((r) => (r.name === name ? { ...r, inputs: change(r.inputs), outputs: change(r.outputs) } : r));

  it("AgentToolGateway with its policy engine in LOG_ONLY is flagged (AAG-023)", async () => {
    const found = await judge(changed([...members("c21"), ...members("c22")], "c21-gateway", (p) => ({ ...p, policyEngineConfiguration: { ...(p.policyEngineConfiguration as object), mode: "LOG_ONLY" } })));
    expect(found.some((l) => l.includes("[AAG-023]")), found.join("\n")).toBe(true);
  });

  it("AiAuditTrail without management events is flagged (AAG-026)", async () => {
    const found = await judge(changed([...members("c21"), ...members("c22")], "c22-trail", (p) => ({ ...p, advancedEventSelectors: (p.advancedEventSelectors as unknown[]).slice(1) })));
    expect(found.some((l) => l.includes("[AAG-026]")), found.join("\n")).toBe(true);
  });
});

