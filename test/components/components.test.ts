/** Components under Pulumi mocks: exact trust and permission documents, and every refusal message. */
import { beforeAll, describe, expect, it } from "vitest";
import { doc, resourceNamed, settle, setupMocks, valueOf } from "./harness";

type C = typeof import("../../components");
let c: C;
let pulumi: typeof import("@pulumi/pulumi");

beforeAll(async () => {
  pulumi = await setupMocks();
  c = await import("../../components");
});

const GH = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
const HAIKU = "anthropic.claude-3-5-haiku-20241022-v1:0";
const CLUSTER = "arn:aws:eks:us-east-1:123456789012:cluster/agents";
const own = { owner: "platform-team", purpose: "tests" };

describe("OIDC providers", () => {
  it("GitHub provider: issuer URL, sts.amazonaws.com audience, owner/purpose tags", async () => {
    const p = new c.GithubActionsOidcProvider("gh", own);
    expect(await valueOf(p.arn)).toBe(GH);
    await settle();
    expect(resourceNamed("gh-provider").inputs).toMatchObject({ url: "https://token.actions.githubusercontent.com", clientIdLists: ["sts.amazonaws.com"], tags: own });
  });
  it("GitLab provider on a self-managed host; existing provider reused by ARN", async () => {
    const gl = new c.GitlabOidcProvider("gl", { host: "gitlab.example.com", ...own });
    expect(await valueOf(gl.issuer)).toBe("gitlab.example.com");
    const reused = new c.OidcProvider("reuse", { existingProviderArn: GH, ...own });
    expect(await valueOf(reused.arn)).toBe(GH);
    expect(reused.provider).toBeUndefined();
  });
  it("refuses url together with existingProviderArn, and neither", () => {
    expect(() => new c.OidcProvider("x1", { url: "https://a.example.com", existingProviderArn: GH, ...own })).toThrow('OidcProvider "x1": give url or existingProviderArn, not both: a provider is either created here or reused');
    expect(() => new c.OidcProvider("x2", { ...own })).toThrow('OidcProvider "x2": give url (to create a provider) or existingProviderArn (to reuse one)');
    expect(() => new c.OidcProvider("x3", { url: "http://a.example.com", ...own })).toThrow('OidcProvider "x3": url "http://a.example.com" must be an https:// issuer URL without wildcards');
  });
});

describe("workload identity roles", () => {
  it("GithubActionsRole: exact trust, 1 h sessions, boundary and tags; Outputs accepted", async () => {
    const r = new c.GithubActionsRole("ci", {
      oidcProviderArn: pulumi.output(GH),
      repository: pulumi.output("acme/bot"),
      environments: ["prod"],
      permissionsBoundary: "arn:aws:iam::123456789012:policy/boundary",
      ...own,
    });
    expect(JSON.parse(await valueOf(r.trustPolicy))).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "GithubActionsExactSubjects",
          Effect: "Allow",
          Principal: { Federated: GH },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:acme/bot:environment:prod" } },
        },
      ],
    });
    await valueOf(r.roleArn);
    await settle();
    expect(resourceNamed("ci-role").inputs).toMatchObject({ maxSessionDuration: 3600, permissionsBoundary: "arn:aws:iam::123456789012:policy/boundary", tags: own });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["no subject", {}, 'GithubActionsRole "bad": give at least one of branches, gitTags, environments or subjectPatterns; a role without a subject can be assumed by any repository on GitHub'],
    ["long session", { branches: ["main"], maxSessionDuration: 7200 }, 'GithubActionsRole "bad": maxSessionDuration 7200 is above 3600 seconds (60 minutes)'],
    ["no owner", { branches: ["main"], owner: "" }, 'GithubActionsRole "bad": give owner: every non-human identity is tagged'],
    ["wildcard branch", { branches: ["*"] }, 'GithubActionsRole "bad": branches value "*" has a wildcard; exact subjects are compared literally. Put patterns in subjectPatterns'],
  ])("GithubActionsRole refuses: %s", (_label, extra, message) => {
    expect(() => new c.GithubActionsRole("bad", { oidcProviderArn: GH, repository: "acme/bot", ...own, ...extra } as never)).toThrow(message);
  });

  it("GithubActionsRole allows a longer session only with the explicit override", async () => {
    new c.GithubActionsRole("long", { oidcProviderArn: GH, repository: "acme/bot", branches: ["main"], maxSessionDuration: 7200, allowSessionLongerThanOneHour: true, ...own });
    await settle();
    expect(resourceNamed("long-role").inputs.maxSessionDuration).toBe(7200);
  });

  it("GitlabCiRole, EksIrsaRole and OidcRole pin aud and sub", async () => {
    const GL = "arn:aws:iam::123456789012:oidc-provider/gitlab.example.com";
    const EKS = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABCDEF0123456789";
    const gl = new c.GitlabCiRole("gl-role", { oidcProviderArn: GL, projectPath: "acme/bot", branches: ["main"], ...own });
    const irsa = new c.EksIrsaRole("irsa", { oidcProviderArn: EKS, serviceAccounts: ["agents:planner"], ...own });
    const oidc = new c.OidcRole("generic", { oidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/auth.example.com", subjects: ["svc-1"], audiences: ["ml-api"], ...own });
    expect(JSON.parse(await valueOf(gl.trustPolicy)).Statement[0].Condition).toEqual({
      StringEquals: { "gitlab.example.com:aud": "sts.amazonaws.com", "gitlab.example.com:sub": "project_path:acme/bot:ref_type:branch:ref:main" },
    });
    expect(JSON.parse(await valueOf(irsa.trustPolicy)).Statement[0].Condition).toEqual({
      StringEquals: { "oidc.eks.us-east-1.amazonaws.com/id/ABCDEF0123456789:aud": "sts.amazonaws.com", "oidc.eks.us-east-1.amazonaws.com/id/ABCDEF0123456789:sub": "system:serviceaccount:agents:planner" },
    });
    expect(JSON.parse(await valueOf(oidc.trustPolicy)).Statement[0].Condition).toEqual({ StringEquals: { "auth.example.com:aud": "ml-api", "auth.example.com:sub": "svc-1" } });
    expect(() => new c.GitlabCiRole("gl-bad", { oidcProviderArn: GL, projectPath: "acme/bot", ...own })).toThrow('GitlabCiRole "gl-bad": give at least one of branches, gitTags or subjectPatterns');
    expect(() => new c.EksIrsaRole("irsa-bad", { oidcProviderArn: EKS, serviceAccounts: [], ...own })).toThrow('EksIrsaRole "irsa-bad": give at least one serviceAccounts entry (namespace:serviceaccount)');
    expect(() => new c.OidcRole("oidc-bad", { oidcProviderArn: GH, ...own })).toThrow('OidcRole "oidc-bad": no subject given; a role without a subject can be assumed by any identity the issuer signs a token for');
    expect(() => new c.OidcRole("oidc-star", { oidcProviderArn: GH, subjectPatterns: ["*"], ...own })).toThrow('OidcRole "oidc-star": subjectPatterns value "*" matches every subject the issuer signs; name a fixed prefix');
  });

  it("EksPodIdentityRole: pods.eks.amazonaws.com trust scoped by account and cluster, plus the association", async () => {
    const r = new c.EksPodIdentityRole("pods", { clusterArn: pulumi.output(CLUSTER), serviceAccounts: ["support:agent"], ...own });
    expect(JSON.parse(await valueOf(r.trustPolicy)).Statement).toEqual([
      {
        Sid: "EksPodIdentity1",
        Effect: "Allow",
        Principal: { Service: "pods.eks.amazonaws.com" },
        Action: ["sts:AssumeRole", "sts:TagSession"],
        Condition: {
          StringEquals: { "aws:SourceAccount": "123456789012", "aws:RequestTag/kubernetes-namespace": "support", "aws:RequestTag/kubernetes-service-account": "agent" },
          ArnEquals: { "aws:SourceArn": CLUSTER },
        },
      },
    ]);
    await valueOf(r.roleArn);
    await settle();
    expect(resourceNamed("pods-support-agent")).toMatchObject({
      type: "aws:eks/podIdentityAssociation:PodIdentityAssociation",
      inputs: { clusterName: "agents", namespace: "support", serviceAccount: "agent", roleArn: await valueOf(r.roleArn), tags: own },
    });
    expect(() => new c.EksPodIdentityRole("pods-bad", { clusterArn: CLUSTER, serviceAccounts: ["*:*"], ...own })).toThrow('EksPodIdentityRole "pods-bad": serviceAccounts entry "*:*" has a wildcard');
  });
});

describe("AI access policy", () => {
  it("defaults partition, account and region from the provider and attaches inline", async () => {
    const p = new c.AiAccessPolicy("inline", { role: "app-role", access: { foundationModels: [HAIKU], knowledgeBases: [pulumi.output("arn:aws:bedrock:us-east-1:123456789012:knowledge-base/KB1")] } });
    expect(JSON.parse(await valueOf(p.policyJson))).toEqual({
      Version: "2012-10-17",
      Statement: [
        { Sid: "InvokeFoundationModels", Effect: "Allow", Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"], Resource: `arn:aws:bedrock:us-east-1::foundation-model/${HAIKU}` },
        { Sid: "RetrieveFromKnowledgeBases", Effect: "Allow", Action: "bedrock:Retrieve", Resource: "arn:aws:bedrock:us-east-1:123456789012:knowledge-base/KB1" },
      ],
    });
    await settle();
    expect(resourceNamed("inline-policy")).toMatchObject({ type: "aws:iam/rolePolicy:RolePolicy", inputs: { role: "app-role" } });
  });
  it("without a role it creates a managed policy", async () => {
    const p = new c.AiAccessPolicy("managed", { access: { sagemakerEndpoints: ["ep1"] }, partition: "aws-us-gov", region: "us-gov-west-1", accountId: "111122223333" });
    await valueOf(p.policyJson);
    await settle();
    expect(doc("managed-policy", "policy")).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "InvokeSageMakerEndpoints",
          Effect: "Allow",
          Action: ["sagemaker:InvokeEndpoint", "sagemaker:InvokeEndpointAsync", "sagemaker:InvokeEndpointWithResponseStream"],
          Resource: "arn:aws-us-gov:sagemaker:us-gov-west-1:111122223333:endpoint/ep1",
        },
      ],
    });
  });
  it("refuses an empty access and wildcard ids up front", () => {
    expect(() => new c.AiAccessPolicy("empty", { role: "r", access: { foundationModels: [] } })).toThrow(
      'AiAccessPolicy "empty": access names no AI resource, so there is nothing to grant; name foundationModels, inferenceProfiles, agentAliases, knowledgeBases, sagemakerEndpoints, agentcoreRuntimes or opensearchCollections (an empty list never means `*`)',
    );
    expect(() => new c.AiAccessPolicy("star", { role: "r", access: { foundationModels: ["*"] } })).toThrow('AiAccessPolicy "star": foundationModels[0] "*" is not an id');
    expect(() => new c.AiAccessPolicy("both", { role: "r", policyName: "p", access: { foundationModels: [HAIKU] } })).toThrow('AiAccessPolicy "both": policyName names a managed policy, but role is given');
  });
  it("TimeBoxedAiGrant adds DateLessThan aws:CurrentTime and refuses past or far expiries", async () => {
    const now = new Date("2026-06-01T12:00:00Z");
    const g = new c.TimeBoxedAiGrant("batch", { role: "batch-role", access: { foundationModels: [HAIKU] }, expiresAt: "2026-06-02T06:00:00Z", now });
    expect(JSON.parse(await valueOf(g.policyJson)).Statement[0].Condition).toEqual({ DateLessThan: { "aws:CurrentTime": "2026-06-02T06:00:00Z" } });
    expect(() => new c.TimeBoxedAiGrant("old", { role: "r", access: { foundationModels: [HAIKU] }, expiresAt: "2026-05-01T00:00:00Z", now })).toThrow(
      'TimeBoxedAiGrant "old": expiresAt 2026-05-01T00:00:00.000Z is in the past',
    );
    expect(() => new c.TimeBoxedAiGrant("far", { role: "r", access: { foundationModels: [HAIKU] }, expiresAt: "2026-06-03T12:00:00Z", maxGrantHours: 24, now })).toThrow(
      'TimeBoxedAiGrant "far": expiresAt 2026-06-03T12:00:00.000Z is 48 hours away, more than maxGrantHours (24)',
    );
  });
});

describe("AiAccessPath", () => {
  it("composes identity, access, guardrail and logging, and describes the path", async () => {
    const path = new c.AiAccessPath("bot", {
      identity: { source: "github-actions", oidcProviderArn: GH, repository: "acme/bot", environments: ["prod"] },
      access: { foundationModels: [HAIKU] },
      guardrail: { id: "gr1", version: "2" },
      logging: { cloudWatch: {} },
      ...own,
    });
    const d = await valueOf(path.description);
    expect(d).toEqual({
      name: "bot",
      entryPoint: { kind: "github-actions", subjects: ["repo:acme/bot:environment:prod"] },
      role: { arn: await valueOf(path.roleArn), maxSessionSeconds: 3600 },
      resources: [
        { kind: "foundation-model", actions: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"], resources: [`arn:aws:bedrock:us-east-1::foundation-model/${HAIKU}`] },
        { kind: "guardrail", actions: ["bedrock:ApplyGuardrail"], resources: ["arn:aws:bedrock:us-east-1:123456789012:guardrail/gr1"] },
      ],
      guardrail: "arn:aws:bedrock:us-east-1:123456789012:guardrail/gr1:2",
      logging: ["cloudwatch:/aws/bedrock/model-invocations"],
      owner: "platform-team",
      purpose: "tests",
      summary: `github-actions [repo:acme/bot:environment:prod] -> ${await valueOf(path.roleArn)} -> foundation-model/${HAIKU} (us-east-1), guardrail/gr1 (us-east-1)`,
    });
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
    await settle();
    expect(doc("bot-access-policy", "policy")).toMatchObject({ Statement: [{ Condition: { StringEquals: { "bedrock:GuardrailIdentifier": "arn:aws:bedrock:us-east-1:123456789012:guardrail/gr1:2" } } }, {}] });
    expect(resourceNamed("bot-access-policy").inputs.role).toBe(await valueOf(path.roleName));
  });
  it("refuses a model path without invocation logging, and conflicting inputs", () => {
    const base = { identity: { source: "github-actions" as const, oidcProviderArn: GH, repository: "acme/bot", branches: ["main"] }, access: { foundationModels: [HAIKU] }, ...own };
    expect(() => new c.AiAccessPath("nolog", base)).toThrow(
      'AiAccessPath "nolog": this path can invoke models, so Bedrock model invocation logging must exist: give logging (creates it for this account and region) or invocationLoggingManagedElsewhere: true',
    );
    expect(() => new c.AiAccessPath("twolog", { ...base, logging: { s3: { bucketName: "b" } }, invocationLoggingManagedElsewhere: true })).toThrow('AiAccessPath "twolog": give logging or invocationLoggingManagedElsewhere, not both');
    expect(() => new c.AiAccessPath("twoguard", { ...base, invocationLoggingManagedElsewhere: true, guardrail: { id: "g", version: "1" }, access: { foundationModels: [HAIKU], guardrail: { id: "g", version: "1" } } })).toThrow(
      'AiAccessPath "twoguard": give the guardrail once: guardrail or access.guardrail, not both',
    );
    expect(() => new c.AiAccessPath("nosub", { ...base, invocationLoggingManagedElsewhere: true, identity: { source: "eks-pod-identity", clusterArn: CLUSTER, serviceAccounts: [] } })).toThrow(
      'EksPodIdentityRole "nosub-identity": give at least one serviceAccounts entry',
    );
  });
});

describe("RotatedAiProviderSecret", () => {
  const args = {
    provider: "openai",
    readers: ["arn:aws:iam::123456789012:role/chat-api"],
    rotationLambdaArn: "arn:aws:lambda:us-east-1:123456789012:function:rotator",
    rotationLambdaRoleArn: "arn:aws:iam::123456789012:role/rotator",
    ...own,
  };
  it("CMK with rotation, 30-day rotation wired to the Lambda, resource policy and ai-provider tag", async () => {
    const s = new c.RotatedAiProviderSecret("oa", args);
    const policy = JSON.parse(await valueOf(s.resourcePolicy));
    await valueOf(s.secretArn);
    await settle();
    expect(resourceNamed("oa-key").inputs).toMatchObject({ enableKeyRotation: true, tags: { ...own, "ai-provider": "openai" } });
    expect(resourceNamed("oa-secret").inputs).toMatchObject({ kmsKeyId: await valueOf(s.keyArn), tags: { ...own, "ai-provider": "openai" } });
    expect(resourceNamed("oa-rotation").inputs).toMatchObject({ rotationLambdaArn: args.rotationLambdaArn, rotationRules: { automaticallyAfterDays: 30 } });
    expect(resourceNamed("oa-invoke").inputs).toMatchObject({ principal: "secretsmanager.amazonaws.com", sourceArn: await valueOf(s.secretArn), function: args.rotationLambdaArn });
    expect(doc("oa-policy", "policy")).toEqual(policy);
    expect(policy.Statement[2]).toEqual({
      Sid: "DenyReadingToEveryoneElse",
      Effect: "Deny",
      Principal: "*",
      Action: "secretsmanager:GetSecretValue",
      Resource: "*",
      Condition: { StringNotEquals: { "aws:PrincipalArn": ["arn:aws:iam::123456789012:role/chat-api", "arn:aws:iam::123456789012:role/rotator"] } },
    });
    expect(JSON.parse(await valueOf(s.keyPolicy)).Statement[1].Condition).toEqual({
      StringEquals: { "kms:ViaService": "secretsmanager.us-east-1.amazonaws.com", "kms:CallerAccount": "123456789012" },
    });
  });
  it("a schedule instead of days", async () => {
    new c.RotatedAiProviderSecret("an", { ...args, provider: "anthropic", rotationSchedule: "rate(7 days)" });
    await settle();
    expect(resourceNamed("an-rotation").inputs.rotationRules).toEqual({ scheduleExpression: "rate(7 days)" });
  });
  it.each<[string, Record<string, unknown>, string]>([
    ["no readers", { readers: [] }, 'RotatedAiProviderSecret "bad": readers is empty; name the roles that may read the key (nobody else can)'],
    ["wildcard reader", { readers: ["*"] }, 'RotatedAiProviderSecret "bad": readers entry "*" is not an IAM role ARN'],
    ["no rotation", { rotationLambdaArn: undefined }, 'RotatedAiProviderSecret "bad": give rotationLambdaArn and rotationLambdaRoleArn: an AI provider key without rotation stays valid until someone notices it leaked'],
    ["slow rotation", { rotationDays: 90 }, 'RotatedAiProviderSecret "bad": rotationDays 90 is more than 30'],
    ["monthly cron", { rotationSchedule: "cron(0 4 1 * ? *)" }, 'RotatedAiProviderSecret "bad": rotationSchedule "cron(0 4 1 * ? *)" can leave up to 31 days between rotations'],
    ["bad provider", { provider: "Open AI" }, 'RotatedAiProviderSecret "bad": provider "Open AI" must be a lower-case provider name'],
  ])("refuses: %s", (_l, extra, message) => {
    expect(() => new c.RotatedAiProviderSecret("bad", { ...args, ...extra } as never)).toThrow(message);
  });
});

describe("ModelInvocationLogging", () => {
  it("CloudWatch with KMS and retention, service role trusted by SourceAccount/SourceArn, and S3", async () => {
    const l = new c.ModelInvocationLogging("log", { cloudWatch: { logGroupName: "/aws/bedrock/inv", retentionInDays: 90 }, s3: { bucketName: "audit", keyPrefix: "bedrock" }, ...own });
    expect(await valueOf(l.destinations)).toEqual(["cloudwatch:/aws/bedrock/inv", "s3:audit/bedrock"]);
    expect(JSON.parse(await valueOf(l.trustPolicy!))).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "BedrockInvocationLogging",
          Effect: "Allow",
          Principal: { Service: "bedrock.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "aws:SourceAccount": "123456789012" }, ArnLike: { "aws:SourceArn": "arn:aws:bedrock:us-east-1:123456789012:*" } },
        },
      ],
    });
    await valueOf(l.configuration.urn);
    await settle();
    expect(resourceNamed("log-logs").inputs).toMatchObject({ name: "/aws/bedrock/inv", retentionInDays: 90, kmsKeyId: await valueOf(l.key!.arn) });
    expect(resourceNamed("log-configuration")).toMatchObject({
      type: "aws:bedrockmodel/invocationLoggingConfiguration:InvocationLoggingConfiguration",
      inputs: {
        loggingConfig: {
          cloudwatchConfig: { logGroupName: "/aws/bedrock/inv", roleArn: await valueOf(l.role!.arn) },
          s3Config: { bucketName: "audit", keyPrefix: "bedrock" },
          textDataDeliveryEnabled: true,
          imageDataDeliveryEnabled: true,
          embeddingDataDeliveryEnabled: true,
        },
      },
    });
    expect(doc("log-role-policy", "policy")).toEqual({
      Version: "2012-10-17",
      Statement: [
        { Sid: "WriteModelInvocationLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: "arn:aws:logs:us-east-1:123456789012:log-group:/aws/bedrock/inv:log-stream:aws/bedrock/modelinvocations" },
      ],
    });
  });
  it("refuses no destination and a bad retention", () => {
    expect(() => new c.ModelInvocationLogging("nolog", { ...own })).toThrow('ModelInvocationLogging "nolog": give cloudWatch, s3 or both: invocation logging needs a destination');
    expect(() => new c.ModelInvocationLogging("ret", { cloudWatch: { retentionInDays: 10 }, ...own })).toThrow('ModelInvocationLogging "ret": cloudWatch.retentionInDays 10 is not a CloudWatch Logs retention value');
  });
});

describe("BreakGlassRole", () => {
  it("named humans with MFA, short session, break-glass tag, AI data plane denied", async () => {
    const b = new c.BreakGlassRole("bg", { principals: ["arn:aws:iam::123456789012:user/alice", "arn:aws:iam::123456789012:user/bob"], ...own });
    expect(JSON.parse(await valueOf(b.trustPolicy)).Statement[0]).toEqual({
      Sid: "BreakGlassHumansWithFreshMfa",
      Effect: "Allow",
      Principal: { AWS: ["arn:aws:iam::123456789012:user/alice", "arn:aws:iam::123456789012:user/bob"] },
      Action: "sts:AssumeRole",
      Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" }, NumericLessThan: { "aws:MultiFactorAuthAge": "900" } },
    });
    await valueOf(b.roleArn);
    await settle();
    const inputs = resourceNamed("bg-role").inputs as { maxSessionDuration: number; tags: Record<string, string>; inlinePolicies: { name: string; policy: string }[] };
    expect(inputs.maxSessionDuration).toBe(3600);
    expect(inputs.tags).toEqual({ ...own, "break-glass": "true" });
    const deny = JSON.parse(inputs.inlinePolicies[0].policy).Statement[0];
    expect(deny).toMatchObject({ Sid: "NoAiDataPlane", Effect: "Deny", Resource: "*" });
    expect(deny.Action).toEqual(expect.arrayContaining(["bedrock:InvokeModel", "bedrock-agentcore:Invoke*", "sagemaker:InvokeEndpoint", "aoss:APIAccessAll"]));
  });
  it("refuses `*`, account roots and long sessions", () => {
    expect(() => new c.BreakGlassRole("bg1", { principals: ["*"], ...own })).toThrow('BreakGlassRole "bg1": principals entry "*" has a wildcard');
    expect(() => new c.BreakGlassRole("bg2", { principals: ["arn:aws:iam::123456789012:root"], ...own })).toThrow('BreakGlassRole "bg2": principals entry "arn:aws:iam::123456789012:root" is an account root');
    expect(() => new c.BreakGlassRole("bg3", { principals: ["arn:aws:iam::123456789012:user/a"], maxSessionDuration: 7200, ...own })).toThrow('BreakGlassRole "bg3": maxSessionDuration 7200 is above 3600 seconds');
  });
});
