/** AAG-018 (minting, escalation, vault-wide reads) and AAG-019 (AI control plane, audit), on effective access. */
import { describe, expect, it } from "vitest";
import { ALL_RULES, resolveConfig, evaluateStack, type ResourceModel, type JudgedFinding } from "../../policy-pack/src";
import { doc, oidcTrust, GITHUB_PROVIDER, MODEL_ARN } from "../helpers/engine";

const NOW = new Date("2026-11-28T00:00:00Z");
const GH = "token.actions.githubusercontent.com";
const TRUST = oidcTrust(GITHUB_PROVIDER, { StringEquals: { [`${GH}:aud`]: "sts.amazonaws.com", [`${GH}:sub`]: "repo:acme/app:ref:refs/heads/main" } });
const TAGS = { owner: "platform", purpose: "ci" };
const r = (type: string, name: string, properties: Record<string, unknown>): ResourceModel => ({ type, name, urn: `urn:pulumi:dev::p::${type}::${name}`, properties, source: "pulumi" });
const role = (name: string, extra: Record<string, unknown> = {}) => r("aws:iam/role:Role", name, { name, arn: `arn:aws:iam::123456789012:role/${name}`, assumeRolePolicy: TRUST, tags: TAGS, ...extra });
const inline = (name: string, ...stmts: Record<string, unknown>[]) => r("aws:iam/rolePolicy:RolePolicy", `${name}-p`, { role: name, policy: doc(...stmts) });
const stack = (resources: ResourceModel[], config: Record<string, unknown> = {}): JudgedFinding[] => evaluateStack(resources, ALL_RULES, resolveConfig(ALL_RULES, config), NOW).findings;
const of = (fs: JudgedFinding[], id: string) => fs.filter((f) => f.ruleId === id && f.kind === "violation");
const allow = (Action: unknown, Resource: unknown = "*", extra: Record<string, unknown> = {}) => ({ Effect: "Allow", Action, Resource, ...extra });

describe("AAG-018 no-credential-minting-or-escalation", () => {
  it.each([
    ["iam:CreateAccessKey", "*", "Mint::iam:CreateAccessKey"],
    ["iam:CreateServiceSpecificCredential", "*", "Mint::iam:CreateServiceSpecificCredential"],
    ["bedrock:CallWithBearerToken", "*", "BearerToken::bedrock:CallWithBearerToken"],
    ["iam:PutRolePolicy", "arn:aws:iam::123456789012:role/admin", "Escalation::iam:PutRolePolicy"],
    ["iam:UpdateAssumeRolePolicy", "*", "Escalation::iam:UpdateAssumeRolePolicy"],
    ["sts:AssumeRole", "*", "AssumeAnyRole::sts:AssumeRole"],
    ["sts:AssumeRole", "arn:aws:iam::*:role/deployer", "AssumeAnyRole::sts:AssumeRole"],
    ["bedrock-agentcore:GetResourceApiKey", "*", "TokenVault::bedrock-agentcore:GetResourceApiKey"],
    ["bedrock-agentcore:GetWorkloadAccessToken*", "*", "TokenVault::bedrock-agentcore:GetWorkloadAccessToken"],
  ])("flags %s on %s", (action, resource, id) => {
    const f = of(stack([role("ci"), inline("ci", allow(action, resource))]), "AAG-018");
    expect(f.map((x) => x.findingId)).toEqual([id]);
    expect(f[0].level).toBe("mandatory");
  });

  it("flags `Action: *` on one admin role ARN as escalation, not as every Bedrock action", () => {
    const fs = stack([role("ci"), inline("ci", allow("*", "arn:aws:iam::123456789012:role/admin"))]);
    expect(of(fs, "AAG-018").map((x) => x.findingId)).toContain("Escalation::iam:PutRolePolicy");
    expect(of(fs, "AAG-003")).toEqual([]);
  });

  it("passes named resources where naming them removes the risk", () => {
    expect(of(stack([role("ci"), inline("ci", allow("sts:AssumeRole", "arn:aws:iam::123456789012:role/deployer"))]), "AAG-018")).toEqual([]);
    const own = of(stack([role("ci"), inline("ci", allow("iam:CreateAccessKey", "arn:aws:iam::123456789012:user/${aws:username}"))]), "AAG-018");
    expect(own.map((x) => x.level)).toEqual(["advisory"]);
  });

  it("makes GetSecretValue on * and memory reads on * mandatory for an AI workload only", () => {
    const ai = allow("bedrock:InvokeModel", MODEL_ARN);
    const read = allow(["secretsmanager:GetSecretValue", "bedrock-agentcore:RetrieveMemoryRecords"]);
    expect(of(stack([role("bot"), inline("bot", ai, read)]), "AAG-018").map((x) => `${x.findingId} ${x.level}`)).toEqual([
      "SecretRead::secretsmanager:GetSecretValue mandatory",
      "MemoryRead::bedrock-agentcore:RetrieveMemoryRecords mandatory",
    ]);
    // Not an AI workload (no AI reach at all): reading every secret is advisory here.
    expect(of(stack([role("ops"), inline("ops", allow("secretsmanager:GetSecretValue"))]), "AAG-018").map((x) => x.level)).toEqual(["advisory"]);
  });

  it("honours an explicit Deny in another attached policy and the permissions boundary", () => {
    const pol = r("aws:iam/policy:Policy", "guard", { arn: "arn:aws:iam::123456789012:policy/guard", policy: doc({ Effect: "Deny", Action: "iam:*", Resource: "*" }) });
    const attach = r("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "ci-guard", { role: "ci", policyArn: "arn:aws:iam::123456789012:policy/guard" });
    expect(of(stack([role("ci"), inline("ci", allow("iam:*")), pol, attach]), "AAG-018")).toEqual([]);
    const boundary = r("aws:iam/policy:Policy", "bnd", { arn: "arn:aws:iam::123456789012:policy/bnd", policy: doc(allow("bedrock:InvokeModel", MODEL_ARN)) });
    const bounded = role("ci", { permissionsBoundary: "arn:aws:iam::123456789012:policy/bnd" });
    expect(of(stack([bounded, inline("ci", allow("iam:*")), boundary]), "AAG-018")).toEqual([]);
  });

  it("reads AWS-managed policies by their real document (IAMFullAccess)", () => {
    const fs = of(stack([role("ci", { managedPolicyArns: ["arn:aws:iam::aws:policy/IAMFullAccess"] })]), "AAG-018");
    expect(fs.map((x) => x.findingId)).toEqual(expect.arrayContaining(["Mint::iam:CreateAccessKey", "Escalation::iam:PutRolePolicy"]));
    expect(fs[0].detail).toContain("AWS-managed IAMFullAccess");
  });

  it("lists what cannot be resolved as cannot validate", () => {
    const fs = stack([role("ci", { managedPolicyArns: ["arn:aws:iam::aws:policy/NoSuchManagedPolicy", "arn:aws:iam::123456789012:policy/elsewhere"] })]);
    const cv = fs.filter((f) => f.ruleId === "AAG-018" && f.kind === "cannot-validate").map((f) => f.detail);
    expect(cv.some((d) => d.includes("NoSuchManagedPolicy"))).toBe(true);
    expect(cv.some((d) => d.includes("policy/elsewhere") && d.includes("not defined in this stack"))).toBe(true);
  });

  it("judges a policy no principal of the stack holds on its own", () => {
    const pol = r("aws:iam/policy:Policy", "loose", { arn: "arn:aws:iam::123456789012:policy/loose", policy: doc(allow("iam:CreateAccessKey")) });
    expect(of(stack([pol]), "AAG-018").map((x) => x.resource.name)).toEqual(["loose"]);
  });

  it("skips allowlisted principals", () => {
    const fs = stack([role("identity-admin"), inline("identity-admin", allow("iam:*"))], { "no-credential-minting-or-escalation": { allowedPrincipals: ["identity-*"] } });
    expect(of(fs, "AAG-018")).toEqual([]);
  });
});

describe("AAG-019 ai-control-plane-and-audit-protected", () => {
  it.each([
    ["cloudtrail:StopLogging", "*", "AuditTampering::cloudtrail:StopLogging", "mandatory"],
    ["cloudtrail:PutEventSelectors", "arn:aws:cloudtrail:us-east-1:123456789012:trail/main", "AuditTampering::cloudtrail:PutEventSelectors", "mandatory"],
    ["logs:DeleteLogGroup", "*", "AuditTampering::logs:DeleteLogGroup", "mandatory"],
    ["bedrock:DeleteGuardrail", "*", "GuardrailTampering::bedrock:DeleteGuardrail", "mandatory"],
    ["bedrock:UpdateAgent", "*", "ControlPlane::bedrock:UpdateAgent", "mandatory"],
    ["bedrock-agentcore:UpdateGateway", "*", "ControlPlane::bedrock-agentcore:UpdateGateway", "mandatory"],
    ["bedrock-agentcore:PutResourcePolicy", "*", "ControlPlane::bedrock-agentcore:PutResourcePolicy", "mandatory"],
    ["bedrock:UpdateAgent", "arn:aws:bedrock:us-east-1:123456789012:agent/AGENT1", "ControlPlane::bedrock:UpdateAgent", "advisory"],
  ])("flags %s on %s", (action, resource, id, level) => {
    const f = of(stack([role("app"), inline("app", allow(action, resource))]), "AAG-019");
    expect(f.map((x) => `${x.findingId} ${x.level}`)).toEqual([`${id} ${level}`]);
  });

  it("is satisfied by a Deny and by the allowlist", () => {
    expect(of(stack([role("app"), inline("app", allow("cloudtrail:*"), { Effect: "Deny", Action: "cloudtrail:*", Resource: "*" })]), "AAG-019")).toEqual([]);
    expect(of(stack([role("deployer"), inline("deployer", allow("bedrock:UpdateAgent"))], { "ai-control-plane-and-audit-protected": { allowedPrincipals: ["deployer"] } }), "AAG-019")).toEqual([]);
  });
});

describe("effective reach in the stack view", () => {
  it("applies a Deny a user inherits from its group", () => {
    const u = r("aws:iam/user:User", "bot", { name: "bot", tags: TAGS });
    const g = r("aws:iam/group:Group", "guarded", { name: "guarded" });
    const fs = stack([
      u, g,
      r("aws:iam/userPolicy:UserPolicy", "bot-p", { user: "bot", policy: doc(allow("iam:CreateAccessKey")) }),
      r("aws:iam/groupPolicy:GroupPolicy", "guarded-p", { group: "guarded", policy: doc({ Effect: "Deny", Action: "iam:*", Resource: "*" }) }),
      r("aws:iam/groupMembership:GroupMembership", "m", { group: "guarded", users: ["bot"] }),
    ]);
    expect(of(fs, "AAG-018")).toEqual([]);
  });

  it("does not narrow by a boundary it cannot read, and says so", () => {
    const fs = stack([role("ci", { permissionsBoundary: "arn:aws:iam::123456789012:policy/elsewhere" }), inline("ci", allow("iam:CreateAccessKey"))]);
    expect(of(fs, "AAG-018").map((x) => x.findingId)).toEqual(["Mint::iam:CreateAccessKey"]);
    expect(fs.some((f) => f.ruleId === "AAG-018" && f.kind === "cannot-validate" && f.property === "permissionsBoundary")).toBe(true);
  });

  it("narrows by an AWS-managed boundary read from its real document", () => {
    const fs = stack([role("ci", { permissionsBoundary: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" }), inline("ci", allow(["iam:*", "cloudtrail:*"]))]);
    expect(of(fs, "AAG-018")).toEqual([]);
    expect(of(fs, "AAG-019")).toEqual([]);
  });

  it("honours the break-glass role's own Deny of the AI data plane (AAG-017 advisory only)", () => {
    const human = doc({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:user/alice" }, Action: "sts:AssumeRole", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } });
    const bg = role("break-glass", { assumeRolePolicy: human, managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"], inlinePolicies: [{ name: "no-ai", policy: doc({ Effect: "Deny", Action: ["bedrock:Invoke*", "bedrock:Retrieve*", "sagemaker:InvokeEndpoint*", "bedrock-agentcore:Invoke*", "aoss:APIAccessAll", "bedrock-mantle:CreateInference", "bedrock:RetrieveAndGenerate*", "bedrock:Converse*", "bedrock:CreateModelInvocationJob", "bedrock:ApplyGuardrail", "bedrock:RenderPrompt", "bedrock:AgenticRetrieveStream", "q:*", "qbusiness:*", "qapps:*"], Resource: "*" }) }] });
    const fs = stack([bg]);
    expect(of(fs, "AAG-017").filter((f) => f.level === "mandatory")).toEqual([]);
    expect(of(fs, "AAG-018")).toEqual([]); // a human-only break-glass role is judged by AAG-017
  });
});

describe("AAG-018 on named secrets", () => {
  it("says nothing of GetSecretValue on one named secret", () => {
    const named = allow("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:us-east-1:123456789012:secret:crm-oauth-client-AbCdEf");
    expect(of(stack([role("bot"), inline("bot", allow("bedrock:InvokeModel", MODEL_ARN), named)]), "AAG-018")).toEqual([]);
  });
});
