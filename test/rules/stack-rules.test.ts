/** Stack rules (AAG-007, 009, 011, 012, 016, 017) and the resource rules added with them (008, 010, 013–015). */
import { describe, expect, it } from "vitest";
import { ALL_RULES, resolveConfig, evaluateStack, type ResourceModel, type JudgedFinding } from "../../policy-pack/src";
import { doc, findings, resource, violations, cannotValidate, oidcTrust, GITHUB_PROVIDER, MODEL_ARN, UNKNOWN } from "../helpers/engine";

const NOW = new Date("2026-11-28T00:00:00Z");
const GH = "token.actions.githubusercontent.com";
const TRUST = oidcTrust(GITHUB_PROVIDER, { StringEquals: { [`${GH}:aud`]: "sts.amazonaws.com", [`${GH}:sub`]: "repo:acme/app:ref:refs/heads/main" } });
const TAGS = { owner: "platform", purpose: "support-bot" };
const INVOKE = doc({ Effect: "Allow", Action: ["bedrock:InvokeModel"], Resource: [MODEL_ARN], Condition: { StringEquals: { "bedrock:GuardrailIdentifier": "arn:aws:bedrock:us-east-1:123456789012:guardrail/abc:1" } } });

function r(type: string, name: string, properties: Record<string, unknown>): ResourceModel {
  return { type, name, urn: `urn:pulumi:dev::p::${type}::${name}`, properties, source: "pulumi" };
}
const role = (name: string, extra: Record<string, unknown> = {}) =>
  r("aws:iam/role:Role", name, { name, arn: `arn:aws:iam::123456789012:role/${name}`, assumeRolePolicy: TRUST, tags: TAGS, ...extra });
const logging = () => r("aws:bedrockmodel/invocationLoggingConfiguration:InvocationLoggingConfiguration", "logging", { loggingConfig: { cloudwatchConfig: { logGroupName: "bedrock" } } });
const secret = (name: string, extra: Record<string, unknown> = {}) =>
  r("aws:secretsmanager/secret:Secret", name, { name, arn: `arn:aws:secretsmanager:us-east-1:123456789012:secret:${name}-AbCdEf`, kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/k", tags: TAGS, ...extra });
const rotation = (secretArn: string, rules: Record<string, unknown> = { automaticallyAfterDays: 30 }) =>
  r("aws:secretsmanager/secretRotation:SecretRotation", "rot", { secretId: secretArn, rotationLambdaArn: "arn:aws:lambda:us-east-1:123456789012:function:rotate", rotationRules: rules });

function stack(resources: ResourceModel[], config: Record<string, unknown> = {}): JudgedFinding[] {
  return evaluateStack(resources, ALL_RULES, resolveConfig(ALL_RULES, config), NOW).findings;
}
const ofRule = (fs: JudgedFinding[], id: string) => fs.filter((f) => f.ruleId === id);

describe("a clean, well-built stack", () => {
  it("has no finding at all", () => {
    const s = secret("prod/openai-api-key");
    const fs = stack([role("app"), r("aws:iam/rolePolicy:RolePolicy", "app-invoke", { role: "app", policy: INVOKE }), logging(), s, rotation(String(s.properties.arn))]);
    expect(fs).toEqual([]);
  });
});

describe("stack view linking", () => {
  it("counts a policy attached by a separate resource, and a group grant for its members", () => {
    const pol = r("aws:iam/policy:Policy", "wide", { arn: "arn:aws:iam::123456789012:policy/wide", policy: doc({ Effect: "Allow", Action: "bedrock:PutUseCaseForModelAccess", Resource: "*" }) });
    const u = r("aws:iam/user:User", "alice", { name: "alice", tags: TAGS });
    const g = r("aws:iam/group:Group", "ops", { name: "ops" });
    const fs = stack([
      u, g, pol,
      r("aws:iam/groupPolicyAttachment:GroupPolicyAttachment", "ops-wide", { group: "ops", policyArn: "arn:aws:iam::123456789012:policy/wide" }),
      r("aws:iam/groupMembership:GroupMembership", "ops-members", { group: "ops", users: ["alice"] }),
    ]);
    const names = ofRule(fs, "AAG-011").map((f) => f.resource.name).sort();
    expect(names).toEqual(["alice", "ops"]);
    expect(ofRule(fs, "AAG-011").find((f) => f.resource.name === "alice")!.detail).toContain("via group ops");
  });
});

describe("AAG-007 ai-secrets-rotated", () => {
  const s = secret("prod/anthropic-key");
  const arn = String(s.properties.arn);
  it("flags a recognised AI secret without rotation", () => {
    expect(ofRule(stack([s]), "AAG-007").map((f) => f.findingId)).toEqual(["Rotation::missing"]);
  });
  it("flags the AWS-managed key", () => {
    expect(ofRule(stack([secret("prod/anthropic-key", { kmsKeyId: undefined }), rotation(arn)]), "AAG-007").map((f) => f.findingId)).toEqual(["KmsKey::aws-managed"]);
  });
  it.each([
    [{ automaticallyAfterDays: 90 }, "Rotation::interval"],
    [{ scheduleExpression: "rate(45 days)" }, "Rotation::interval"],
    [{ scheduleExpression: "cron(0 0 1 * ? *)" }, "Rotation::interval"],
    [{ scheduleExpression: "cron(0 0 ? * MON#1 *)" }, "Rotation::interval"],
    [{ scheduleExpression: "every month" }, "Rotation::schedule"],
  ])("evaluates %j", (rules, id) => {
    expect(ofRule(stack([s, rotation(arn, rules)]), "AAG-007").map((f) => f.findingId)).toEqual([id]);
  });
  it.each([{ automaticallyAfterDays: 30 }, { scheduleExpression: "rate(7 days)" }, { scheduleExpression: "cron(0 4 ? * SUN *)" }, { scheduleExpression: "cron(0 0 1,15 * ? *)" }])("accepts %j", (rules) => {
    expect(ofRule(stack([s, rotation(arn, rules)]), "AAG-007")).toEqual([]);
  });
  it("recognises a secret readable by an AI-reaching role even without a telling name", () => {
    const plain = secret("prod/app-config", { tags: TAGS });
    const reader = r("aws:iam/rolePolicy:RolePolicy", "read", { role: "app", policy: doc({ Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: plain.properties.arn }, { Effect: "Allow", Action: "bedrock:InvokeModel", Resource: MODEL_ARN }) });
    expect(ofRule(stack([role("app"), reader, plain]), "AAG-007").map((f) => f.findingId)).toContain("Rotation::missing");
  });
  it("respects maxRotationDays", () => {
    expect(ofRule(stack([s, rotation(arn, { automaticallyAfterDays: 30 })], { "ai-secrets-rotated": { maxRotationDays: 14 } }), "AAG-007")).toHaveLength(1);
  });
  it("names ten AI-reaching readers of a plain secret in principal order and counts the rest", () => {
    const plain = secret("prod/app-config", { tags: TAGS });
    const names = Array.from({ length: 12 }, (_, i) => `app-${String(i).padStart(2, "0")}`);
    // Every third reader may read every secret; the others name this one.
    const reader = (n: string, i: number) =>
      r("aws:iam/rolePolicy:RolePolicy", `${n}-read`, { role: n, policy: doc({ Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: i % 3 ? plain.properties.arn : "*" }, { Effect: "Allow", Action: "bedrock:InvokeModel", Resource: MODEL_ARN }) });
    const fs = ofRule(stack([...names.map((n) => role(n)), ...names.map(reader), plain]), "AAG-007");
    const missing = fs.find((f) => f.findingId === "Rotation::missing")!;
    expect(missing.detail).toContain(`is readable by AI-reaching ${names.slice(0, 10).map((n) => `role "${n}"`).join(", ")} and 2 more and has no SecretRotation`);
  });
  it("cannot validate when the rotation's secret is unknown", () => {
    const fs = ofRule(stack([s, rotation(UNKNOWN)]), "AAG-007");
    expect(fs.map((f) => f.kind)).toEqual(["cannot-validate"]);
  });
});

describe("AAG-008 no-embedded-secrets", () => {
  const fn = (variables: Record<string, unknown>) => resource("aws:lambda/function:Function", { role: "r", environment: { variables } });
  it.each([
    ["sk-proj-abcdefghijklmnopqrstuvwxyz123456", "OpenAI API key", "sk-proj-****"],
    ["sk-ant-api03-abcdefghijklmnopqrstuvwxyz", "Anthropic API key", "sk-ant-****"],
    ["hf_abcdefghijklmnopqrstuvwxyzABCDEF", "Hugging Face token", "hf_****"],
    ["AKIAIOSFODNN7EXAMPLE", "AWS access key ID", "AKIA****"],
    ["AIzaSyA-1234567890abcdefghijklmnopqrstu", "Google API key", "AIza****"],
    ["ghp_abcdefghijklmnopqrstuvwxyz0123456789", "GitHub token", "ghp_****"],
  ])("finds %s in Lambda environment variables, naming the property and never the value", (value, kind, shown) => {
    const f = violations(findings("AAG-008", fn({ LLM_KEY: value })));
    expect(f).toHaveLength(1);
    expect(f[0].findingId).toBe("Secret::environment.variables.LLM_KEY");
    expect(f[0].detail).toContain(kind);
    expect(f[0].detail).toContain(shown);
    expect(JSON.stringify(f)).not.toContain(value);
  });
  it("finds a high-entropy value under a key-like name (an AWS secret key)", () => {
    expect(violations(findings("AAG-008", fn({ AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" })))).toHaveLength(1);
  });
  it("ignores ordinary configuration", () => {
    expect(findings("AAG-008", fn({ MODEL_ID: "anthropic.claude-3-5-sonnet-20240620-v1:0", SECRET_ARN: "arn:aws:secretsmanager:us-east-1:123456789012:secret:x", LOG_LEVEL: "info" }))).toEqual([]);
  });
  it("opens ECS container definitions (JSON in a string) and base64 user data", () => {
    const ecs = resource("aws:ecs/taskDefinition:TaskDefinition", { containerDefinitions: JSON.stringify([{ name: "app", environment: [{ name: "OPENAI_API_KEY", value: "sk-proj-abcdefghijklmnopqrstuvwxyz123456" }] }]) });
    expect(violations(findings("AAG-008", ecs))[0].findingId).toBe("Secret::containerDefinitions[0].environment[0].value");
    const lt = resource("aws:ec2/launchTemplate:LaunchTemplate", { userData: Buffer.from("#!/bin/sh\nexport HF_TOKEN=hf_abcdefghijklmnopqrstuvwxyzABCDEF\n").toString("base64") });
    expect(violations(findings("AAG-008", lt))).toHaveLength(1);
  });
  it("flags String SSM parameters and AgentCore apiKey, not SecureString or a SecretVersion's generated or write-only value", () => {
    const key = "sk-ant-api03-abcdefghijklmnopqrstuvwxyz";
    expect(violations(findings("AAG-008", resource("aws:ssm/parameter:Parameter", { type: "String", value: key })))).toHaveLength(1);
    expect(findings("AAG-008", resource("aws:ssm/parameter:Parameter", { type: "SecureString", value: key }))).toEqual([]);
    expect(findings("AAG-008", resource("aws:secretsmanager/secretVersion:SecretVersion", { secretId: "x", secretString: UNKNOWN }))).toEqual([]);
    expect(findings("AAG-008", resource("aws:secretsmanager/secretVersion:SecretVersion", { secretId: "x", secretStringWo: key }))).toEqual([]);
    // A literal secretString is a credential by the schema (issue 14), whatever it looks like: in the code and the state.
    const literal = findings("AAG-008", resource("aws:secretsmanager/secretVersion:SecretVersion", { secretId: "x", secretString: key }));
    expect(violations(literal).map((f) => f.level)).toEqual(["mandatory"]);
    expect(violations(findings("AAG-008", resource("aws:bedrock/agentcoreApiKeyCredentialProvider:AgentcoreApiKeyCredentialProvider", { name: "p", apiKey: key })))).toHaveLength(1);
  });
});

describe("AAG-009 short-ai-sessions", () => {
  const pol = r("aws:iam/rolePolicy:RolePolicy", "invoke", { role: "app", policy: INVOKE });
  it("flags an AI-reaching role with a 12 h session", () => {
    expect(ofRule(stack([role("app", { maxSessionDuration: 43200 }), pol, logging()]), "AAG-009").map((f) => f.findingId)).toEqual(["MaxSessionDuration::43200"]);
  });
  it("ignores roles that do not reach AI, and honours the configured maximum", () => {
    expect(ofRule(stack([role("other", { maxSessionDuration: 43200 })]), "AAG-009")).toEqual([]);
    expect(ofRule(stack([role("app", { maxSessionDuration: 7200 }), pol, logging()], { "short-ai-sessions": { maxSessionSeconds: 7200 } }), "AAG-009")).toEqual([]);
  });
});

describe("AAG-010 passrole-scoped", () => {
  const P = "aws:iam/policy:Policy";
  it("flags PassRole on * combined with agent creation as privilege escalation", () => {
    const f = violations(findings("AAG-010", resource(P, { policy: doc({ Effect: "Allow", Action: ["iam:PassRole", "bedrock:CreateAgent"], Resource: "*" }) })));
    expect(f.map((x) => x.findingId)).toEqual(["PassRole::*", "PrivilegeEscalation::iam:PassRole+bedrock:CreateAgent", "PassRole::no-PassedToService"]);
    expect(f.slice(0, 2).every((x) => x.level === "mandatory")).toBe(true);
  });
  it("rates a named role without PassedToService advisory, and passes a fully scoped PassRole", () => {
    const named = { Effect: "Allow", Action: "iam:PassRole", Resource: "arn:aws:iam::123456789012:role/agent-exec" };
    expect(violations(findings("AAG-010", resource(P, { policy: doc(named) })))).toEqual([expect.objectContaining({ level: "advisory", findingId: "PassRole::no-PassedToService" })]);
    expect(findings("AAG-010", resource(P, { policy: doc({ ...named, Condition: { StringEquals: { "iam:PassedToService": "bedrock.amazonaws.com" } } }) }))).toEqual([]);
  });
  it("treats a wildcard role name as unscoped", () => {
    const f = violations(findings("AAG-010", resource(P, { policy: doc({ Effect: "Allow", Action: "iam:PassRole", Resource: "arn:aws:iam::123456789012:role/*", Condition: { StringEquals: { "iam:PassedToService": "bedrock.amazonaws.com" } } }) })));
    expect(f.map((x) => x.findingId)).toEqual(["PassRole::arn:aws:iam::123456789012:role/*"]);
  });
});

describe("AAG-011 llmjacking-control-actions-allowlisted", () => {
  const ctl = r("aws:iam/rolePolicy:RolePolicy", "ctl", { role: "platform", policy: doc({ Effect: "Allow", Action: ["bedrock:PutUseCaseForModelAccess", "bedrock:DeleteModelInvocationLoggingConfiguration"], Resource: "*" }) });
  it("flags control actions on a principal not in the allowlist", () => {
    expect(ofRule(stack([role("platform"), ctl]), "AAG-011").map((f) => f.findingId)).toEqual(["ControlAction::bedrock:PutUseCaseForModelAccess"]);
  });
  it("accepts allowlisted principals by name, ARN or glob", () => {
    for (const a of ["platform", "arn:aws:iam::123456789012:role/platform", "plat*"]) {
      expect(ofRule(stack([role("platform"), ctl], { "llmjacking-control-actions-allowlisted": { allowedPrincipals: [a] } }), "AAG-011")).toEqual([]);
    }
  });
});

describe("AAG-012 model-invocation-logging", () => {
  const pol = r("aws:iam/rolePolicy:RolePolicy", "invoke", { role: "app", policy: INVOKE });
  it("requires invocation logging when a principal may invoke models", () => {
    expect(ofRule(stack([role("app"), pol]), "AAG-012").map((f) => f.findingId)).toEqual(["InvocationLogging::missing"]);
    expect(ofRule(stack([role("app"), pol, logging()]), "AAG-012")).toEqual([]);
  });
  it("accepts a note of where logging is managed", () => {
    expect(ofRule(stack([role("app"), pol], { "model-invocation-logging": { managedElsewhere: "org-logging stack" } }), "AAG-012")).toEqual([]);
  });
  it("flags a logging configuration with no destination", () => {
    const bad = r("aws:bedrockmodel/invocationLoggingConfiguration:InvocationLoggingConfiguration", "l", { loggingConfig: { textDataDeliveryEnabled: true } });
    expect(ofRule(stack([role("app"), pol, bad]), "AAG-012").map((f) => f.findingId)).toEqual(["InvocationLogging::no-destination"]);
  });
});

describe("AAG-013 trust-hardened", () => {
  const judge = (stmt: Record<string, unknown>) => findings("AAG-013", resource("aws:iam/role:Role", { assumeRolePolicy: doc(stmt) }));
  it.each([
    [{ Effect: "Allow", Principal: "*", Action: "sts:AssumeRole" }, "Statement[1]::Principal::*"],
    [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }, "Statement[1]::Principal::*"],
    [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::210987654321:root" }, Action: "sts:AssumeRole" }, "Statement[1]::root-trust"],
    [{ Effect: "Allow", Principal: { AWS: "210987654321" }, Action: "sts:AssumeRole" }, "Statement[1]::root-trust"],
    [{ Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] }, "Statement[1]::pods.eks.amazonaws.com"],
    [{ Effect: "Allow", Principal: { Service: "bedrock.amazonaws.com" }, Action: "sts:AssumeRole" }, "Statement[1]::bedrock.amazonaws.com"],
    [{ Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::123456789012:role/x" }, Action: "sts:AssumeRole" }, "Statement[1]::NotPrincipal"],
  ])("flags %j", (stmt, id) => expect(violations(judge(stmt)).map((f) => f.findingId)).toEqual([id]));
  it.each([
    { Effect: "Allow", Principal: { AWS: "arn:aws:iam::210987654321:root" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": "x-123" } } },
    { Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"], Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } } },
    { Effect: "Allow", Principal: { Service: "bedrock.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": "123456789012" }, ArnLike: { "aws:SourceArn": "arn:aws:bedrock:us-east-1:123456789012:agent/*" } } },
    { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
    { Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:role/ci" }, Action: "sts:AssumeRole" },
  ])("passes %j", (stmt) => expect(judge(stmt)).toEqual([]));
  it("does not count an IfExists-only condition as a restriction", () => {
    expect(violations(judge({ Effect: "Allow", Principal: "*", Action: "sts:AssumeRole", Condition: { StringEqualsIfExists: { "aws:PrincipalOrgID": "o-1" } } }))).toHaveLength(1);
  });
});

describe("AAG-014 guardrails-enforced (advisory)", () => {
  it("flags model invoke without a guardrail condition, advisory by default", () => {
    const f = findings("AAG-014", resource("aws:iam/policy:Policy", { policy: doc({ Effect: "Allow", Action: "bedrock:InvokeModel", Resource: MODEL_ARN }) }));
    expect(f).toEqual([expect.objectContaining({ level: "advisory", findingId: "Statement[1]::GuardrailIdentifier" })]);
    expect(findings("AAG-014", resource("aws:iam/policy:Policy", { policy: INVOKE }))).toEqual([]);
  });
  it("flags a Bedrock agent without a guardrail", () => {
    expect(violations(findings("AAG-014", resource("aws:bedrock/agentAgent:AgentAgent", { agentName: "a" })))).toHaveLength(1);
    expect(findings("AAG-014", resource("aws:bedrock/agentAgent:AgentAgent", { guardrailConfigurations: [{ guardrailIdentifier: "g", guardrailVersion: "1" }] }))).toEqual([]);
  });
});

describe("AAG-015 ownership-tags (advisory)", () => {
  it("flags a role without owner/purpose and passes a tagged one", () => {
    expect(findings("AAG-015", resource("aws:iam/role:Role", { tags: { owner: "x" } }))[0]).toMatchObject({ findingId: "Tags::purpose", level: "advisory" });
    expect(findings("AAG-015", resource("aws:iam/role:Role", { tags: TAGS }))).toEqual([]);
  });
  it("checks only AI secrets among secrets, and says when tags are unknown", () => {
    expect(findings("AAG-015", resource("aws:secretsmanager/secret:Secret", { name: "db-password" }))).toEqual([]);
    expect(findings("AAG-015", resource("aws:secretsmanager/secret:Secret", { name: "openai-key" }))).toHaveLength(1);
    expect(cannotValidate(findings("AAG-015", resource("aws:iam/user:User", { tags: UNKNOWN })))).toHaveLength(1);
  });
});

describe("AAG-016 environment-isolation (advisory)", () => {
  it("flags an AI secret read by roles of different environments", () => {
    const s = secret("shared/openai-key");
    const read = (roleName: string) => r("aws:iam/rolePolicy:RolePolicy", `${roleName}-read`, { role: roleName, policy: doc({ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: s.properties.arn }) });
    const fs = ofRule(stack([s, rotation(String(s.properties.arn)), role("dev-app", { tags: { ...TAGS, environment: "dev" } }), role("prod-app", { tags: { ...TAGS, environment: "prod" } }), read("dev-app"), read("prod-app")]), "AAG-016");
    expect(fs).toEqual([expect.objectContaining({ findingId: "Environments::dev,prod", level: "advisory" })]);
  });
  it("names ten readers and counts the rest, with readers of every secret in principal order", () => {
    const s = secret("shared/openai-key");
    const named = (n: string) => r("aws:iam/rolePolicy:RolePolicy", `${n}-read`, { role: n, policy: doc({ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: s.properties.arn }) });
    const everything = (n: string) => r("aws:iam/rolePolicy:RolePolicy", `${n}-read`, { role: n, policy: doc({ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "*" }) });
    const names = Array.from({ length: 13 }, (_, i) => `app-${String(i).padStart(2, "0")}`);
    const resources = [s, rotation(String(s.properties.arn)), ...names.map((n, i) => role(n, { tags: { ...TAGS, environment: i % 2 ? "dev" : "prod" } })), ...names.map((n, i) => (i % 3 ? named(n) : everything(n)))];
    const [f] = ofRule(stack(resources), "AAG-016");
    expect(f.findingId).toBe("Environments::dev,prod");
    expect(f.detail).toContain(`(${names.slice(0, 10).map((n, i) => `role ${n}: ${i % 2 ? "dev" : "prod"}`).join("; ")}; and 3 more)`);
  });
});

describe("AAG-017 break-glass-isolated", () => {
  it("flags a break-glass role that can call AI or that a workload can assume", () => {
    const bg = role("break-glass", { tags: { ...TAGS, "break-glass": "true" } });
    const fs = ofRule(stack([bg, r("aws:iam/rolePolicy:RolePolicy", "bg-ai", { role: "break-glass", policy: INVOKE }), logging()]), "AAG-017");
    expect(fs.map((f) => f.findingId).sort()).toEqual(["BreakGlass::ai-reach", "BreakGlass::workload-entry"]);
  });
  it("accepts a human-only break-glass role", () => {
    const human = doc({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:role/sso-admin" }, Action: "sts:AssumeRole", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } });
    expect(ofRule(stack([role("emergency-access", { assumeRolePolicy: human })]), "AAG-017")).toEqual([]);
  });
});

describe("AAG-008 does not mistake identifiers for secrets", () => {
  it("passes a GitHub trust with the immutable-ID subject under a condition key containing 'token'", () => {
    const trust = oidcTrust(GITHUB_PROVIDER, { StringEquals: { [`${GH}:aud`]: "sts.amazonaws.com", [`${GH}:sub`]: "repo:octocat@123456/my-repo@456789:ref:refs/heads/main" } });
    expect(findings("AAG-008", resource("aws:iam/role:Role", { assumeRolePolicy: trust }))).toEqual([]);
  });
});
