/**
 * The rules added with the stack view, end to end through the real pack process: resource rules
 * via Analyze, stack rules via AnalyzeStack (outputs, findings carrying the offending URN),
 * waivers and configuration errors over Configure, unknown values.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnalyzedResource, PackProcess } from "../../cli/analyzer/pack-client";
import { launchPack, secret } from "../helpers/pack";
import { doc, oidcTrust, GITHUB_PROVIDER, MODEL_ARN, UNKNOWN } from "../helpers/engine";

const GH = "token.actions.githubusercontent.com";
const TRUST = oidcTrust(GITHUB_PROVIDER, { StringEquals: { [`${GH}:aud`]: "sts.amazonaws.com", [`${GH}:sub`]: "repo:acme/app:ref:refs/heads/main" } });
const TAGS = { owner: "platform", purpose: "support-bot" };
const GUARDED = doc({ Effect: "Allow", Action: ["bedrock:InvokeModel"], Resource: [MODEL_ARN], Condition: { StringEquals: { "bedrock:GuardrailIdentifier": "arn:aws:bedrock:us-east-1:123456789012:guardrail/g:1" } } });
const urn = (type: string, name: string) => `urn:pulumi:dev::ai-access-guard-check::${type}::${name}`;
const res = (type: string, name: string, properties: Record<string, unknown>): AnalyzedResource => ({ type, name, urn: urn(type, name), properties });
const role = (name: string, extra: Record<string, unknown> = {}) => res("aws:iam/role:Role", name, { name, arn: `arn:aws:iam::123456789012:role/${name}`, assumeRolePolicy: TRUST, tags: TAGS, maxSessionDuration: 3600, ...extra });
const invoke = (roleName: string) => res("aws:iam/rolePolicy:RolePolicy", `${roleName}-invoke`, { role: roleName, policy: GUARDED });
const logging = res("aws:bedrockmodel/invocationLoggingConfiguration:InvocationLoggingConfiguration", "logging", { loggingConfig: { cloudwatchConfig: { logGroupName: "bedrock" } } });
const SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/openai-AbCdEf";
const aiSecret = (extra: Record<string, unknown> = {}) => res("aws:secretsmanager/secret:Secret", "openai", { name: "prod/openai", arn: SECRET_ARN, kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/k", tags: TAGS, ...extra });
const rotation = (days: unknown) => res("aws:secretsmanager/secretRotation:SecretRotation", "openai-rotation", { secretId: SECRET_ARN, rotationLambdaArn: "arn:aws:lambda:us-east-1:123456789012:function:rotate", rotationRules: { automaticallyAfterDays: days } });
const clean = [role("app"), invoke("app"), logging, aiSecret(), rotation(30)];

let pack: PackProcess;
beforeAll(async () => {
  pack = await launchPack();
});
afterAll(async () => pack?.close());

const byPolicy = (ds: { policyName: string }[], name: string) => ds.filter((d) => d.policyName === name);

describe("stack policies through AnalyzeStack", () => {
  it("a clean stack draws no finding from any policy", async () => {
    const analyze = (await Promise.all(clean.map((r) => pack.analyze(r)))).flat();
    expect(analyze).toEqual([]);
    expect(await pack.analyzeStack(clean)).toEqual([]);
  });

  it.each([
    ["ai-secrets-rotated", [role("app"), invoke("app"), logging, aiSecret()], "AAG-007", "urn:pulumi:dev::ai-access-guard-check::aws:secretsmanager/secret:Secret::openai"],
    ["ai-secrets-rotated", [role("app"), invoke("app"), logging, aiSecret(), rotation(90)], "AAG-007", "urn:pulumi:dev::ai-access-guard-check::aws:secretsmanager/secret:Secret::openai"],
    ["short-ai-sessions", [role("app", { maxSessionDuration: 43200 }), invoke("app"), logging], "AAG-009", urn("aws:iam/role:Role", "app")],
    ["llmjacking-control-actions-allowlisted", [role("app"), res("aws:iam/rolePolicy:RolePolicy", "ctl", { role: "app", policy: doc({ Effect: "Allow", Action: "bedrock:PutUseCaseForModelAccess", Resource: "*" }) })], "AAG-011", urn("aws:iam/role:Role", "app")],
    ["model-invocation-logging", [role("app"), invoke("app")], "AAG-012", urn("aws:iam/role:Role", "app")],
    ["break-glass-isolated", [role("break-glass", { tags: { ...TAGS, "break-glass": "true" } }), invoke("break-glass"), logging], "AAG-017", urn("aws:iam/role:Role", "break-glass")],
  ])("%s reports a mandatory violation on the offending resource", async (policy, resources, id, offending) => {
    const ds = byPolicy(await pack.analyzeStack(resources), policy);
    expect(ds.length).toBeGreaterThan(0);
    expect(ds[0]).toMatchObject({ enforcementLevel: "mandatory", urn: offending });
    expect(ds[0].message).toContain(`[${id}]`);
  });

  it("environment-isolation reports advisory", async () => {
    const read = (r: string) => res("aws:iam/rolePolicy:RolePolicy", `${r}-read`, { role: r, policy: doc({ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: SECRET_ARN }) });
    const ds = byPolicy(await pack.analyzeStack([aiSecret(), rotation(30), role("dev", { tags: { ...TAGS, env: "dev" } }), role("prod", { tags: { ...TAGS, env: "prod" } }), read("dev"), read("prod")]), "environment-isolation");
    expect(ds.map((d) => d.enforcementLevel)).toEqual(["advisory"]);
  });

  it("an unknown rotation interval is an advisory cannot-validate, not a pass or a crash", async () => {
    const ds = byPolicy(await pack.analyzeStack([aiSecret(), rotation(UNKNOWN)]), "ai-secrets-rotated");
    expect(ds.map((d) => d.enforcementLevel)).toEqual(["advisory"]);
    expect(ds[0].message).toContain("cannot validate");
  });
});

describe("resource policies added with the catalog", () => {
  it.each([
    ["no-embedded-secrets", res("aws:lambda/function:Function", "fn", { role: "r", environment: { variables: { OPENAI_API_KEY: "sk-proj-PLANTEDabcdefghijklmnopqrstuv" } } }), "AAG-008", "mandatory"],
    ["passrole-scoped", res("aws:iam/policy:Policy", "p", { policy: doc({ Effect: "Allow", Action: ["iam:PassRole", "bedrock-agentcore:CreateAgentRuntime"], Resource: "*" }) }), "AAG-010", "mandatory"],
    ["trust-hardened", role("t", { assumeRolePolicy: doc({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }) }), "AAG-013", "mandatory"],
    ["guardrails-enforced", res("aws:iam/policy:Policy", "g", { policy: doc({ Effect: "Allow", Action: "bedrock:InvokeModel", Resource: MODEL_ARN }) }), "AAG-014", "advisory"],
    ["ownership-tags", role("untagged", { tags: {} }), "AAG-015", "advisory"],
  ])("%s", async (policy, resource, id, level) => {
    const ds = byPolicy(await pack.analyze(resource), policy);
    expect(ds.length).toBeGreaterThan(0);
    expect(ds[0].enforcementLevel).toBe(level);
    expect(ds[0].message).toContain(`[${id}]`);
    expect(ds[0].message).not.toContain("PLANTEDabcdefghij");
  });

  it("finds an embedded key even when the input was marked secret, and never echoes it", async () => {
    const ds = byPolicy(await pack.analyze(res("aws:ssm/parameter:Parameter", "p", { type: "String", value: secret("hf_PLANTEDabcdefghijklmnopqrstuvwxyz") })), "no-embedded-secrets");
    expect(ds.map((d) => d.enforcementLevel)).toEqual(["mandatory"]);
    expect(ds[0].message).toContain("hf_****");
    expect(ds[0].message).not.toContain("PLANTED");
  });
});

describe("waivers and configuration through Configure", () => {
  const reason = "vendor without OIDC support, ticket SEC-42";
  it("a valid waiver turns the finding advisory and keeps it visible as waived", async () => {
    const p = await launchPack({ config: { "no-long-lived-access-keys": { waivers: [{ resource: "legacy-*", reason, expires: "2099-01-01" }] } } });
    try {
      const ds = await p.analyze(res("aws:iam/accessKey:AccessKey", "legacy-key", { user: "vendor" }));
      expect(ds.map((d) => d.enforcementLevel)).toEqual(["advisory"]);
      expect(ds[0].message).toContain(`waived until 2099-01-01 (${reason})`);
    } finally {
      await p.close();
    }
  });
  it("an expired waiver no longer applies and is reported", async () => {
    const p = await launchPack({ config: { "no-long-lived-access-keys": { waivers: [{ resource: "legacy-*", reason, expires: "2020-01-01" }] } } });
    try {
      const ds = await p.analyze(res("aws:iam/accessKey:AccessKey", "legacy-key", { user: "vendor" }));
      expect(ds.map((d) => d.enforcementLevel)).toEqual(["mandatory"]);
      expect(ds[0].message).toContain("Waiver: expired on 2020-01-01");
    } finally {
      await p.close();
    }
  });
  it("a waiver with a too-short reason is rejected at Configure", async () => {
    const err = await launchPack({ config: { "no-long-lived-access-keys": { waivers: [{ resource: "x", reason: "legacy", expires: "2099-01-01" }] } } }).then(
      () => undefined,
      (e: { code?: number; details?: string }) => e,
    );
    expect(err?.code).toBe(3);
    expect(err?.details).toContain("no-long-lived-access-keys.waivers[0].reason must have at least 10 characters");
  });
  it("a stack policy's setting is applied (allowlist)", async () => {
    const p = await launchPack({ config: { "llmjacking-control-actions-allowlisted": { allowedPrincipals: ["model-access-admin"] } } });
    try {
      const ds = await p.analyzeStack([role("model-access-admin"), res("aws:iam/rolePolicy:RolePolicy", "ctl", { role: "model-access-admin", policy: doc({ Effect: "Allow", Action: "bedrock:PutUseCaseForModelAccess", Resource: "*" }) })]);
      expect(byPolicy(ds, "llmjacking-control-actions-allowlisted")).toEqual([]);
    } finally {
      await p.close();
    }
  });
});
