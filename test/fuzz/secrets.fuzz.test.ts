/**
 * Planted credentials of every detector kind, anywhere in the inputs (names, URNs, tags and tag
 * keys, Sids, condition values, resource and policy ARNs, action names, map keys, schedules, issuer
 * ARNs), never appear in any output: `formatFinding` of every finding, every CLI report format
 * (text, markdown, json, sarif, with the access map), and configuration errors. The pack's own
 * diagnostics and logs are checked over gRPC in pack.fuzz.e2e.test.ts.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ALL_RULES, ConfigError, LOOSE_DETECTOR_HINT, SECRET_DETECTORS, T, evaluateStack, redact, resolveConfig, type ResourceModel } from "../../policy-pack/src";
import { CREDENTIAL_LABEL_HINT, CREDENTIAL_WORD, detectorsFor } from "../../policy-pack/src/engine/secrets";
import { fromJudged, type Report } from "../../cli/report/model";
import { buildAccessMap } from "../../cli/report/access-map";
import { FORMATS, renderReport } from "../../cli/report/render";
import { scanFile } from "../../cli/scan/scan";
import { ACCOUNT, GITHUB_PROVIDER, MODEL_ARN, fuzzParams, fuzzTimeout, leakIn, plantedSecret, stackArb, urnOf, type GenResource, type PlantedSecret } from "./arbitraries";
import { NOW, SETTINGS, format, toModel } from "./helpers";
import { planJson } from "../shared/plan-json";
import { evaluateTerraformResources, resourcesFromTerraformPlan } from "../../policy-pack/src/adapters/terraform";

const doc = (...statements: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const r = (type: string, name: string, properties: Record<string, unknown>, urn = urnOf(type, name)): GenResource => ({ type, name, urn, properties });
const TAGS = { owner: "platform", purpose: "ai" };
const TRUST = doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" });

/** Stacks in which the planted text lands in a place some rule echoes. `s` is the secret with its surroundings. */
const TEMPLATES: ReadonlyArray<readonly [string, (s: string) => GenResource[]]> = [
  ["resource name and URN", (s) => [r(T.accessKey, s, { user: "vendor" })]],
  ["URN only", (s) => [r(T.accessKey, "k", { user: "vendor" }, `urn:pulumi:dev::p::${T.accessKey}::${s}`)]],
  ["access key user", (s) => [r(T.accessKey, "k", { user: s })]],
  ["Sid", (s) => [r(T.policy, "p", { policy: doc({ Sid: s, Effect: "Allow", Action: "bedrock:*", Resource: "*" }) })]],
  ["condition value (sub)", (s) => [r(T.role, "gha", { tags: TAGS, assumeRolePolicy: doc({ Effect: "Allow", Principal: { Federated: GITHUB_PROVIDER }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" }, StringLike: { "token.actions.githubusercontent.com:sub": `repo:${s}/*` } } }) })]],
  ["condition key", (s) => [r(T.role, "gha", { tags: TAGS, assumeRolePolicy: doc({ Effect: "Allow", Principal: { Federated: GITHUB_PROVIDER }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringLikeIfExists: { [`${s}:sub`]: "repo:acme/app:*" } } }) })]],
  ["OIDC issuer ARN", (s) => [r(T.role, "oidc", { tags: TAGS, assumeRolePolicy: doc({ Effect: "Allow", Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${s}` }, Action: "sts:AssumeRoleWithWebIdentity" }) })]],
  ["resource ARN", (s) => [r(T.rolePolicy, "rp", { role: "app", policy: doc({ Effect: "Allow", Action: "bedrock:InvokeAgent", Resource: `arn:aws:bedrock:us-east-1:${ACCOUNT}:agent-alias/${s}/*` }) })]],
  ["PassRole role ARN", (s) => [r(T.policy, "p", { policy: doc({ Effect: "Allow", Action: ["iam:PassRole", "bedrock:CreateAgent"], Resource: `arn:aws:iam::${ACCOUNT}:role/${s}*` }) })]],
  ["NotAction entry", (s) => [r(T.policy, "p", { policy: doc({ Effect: "Allow", NotAction: [`s3:${s}`], Resource: "*" }) })]],
  ["Action entry", (s) => [r(T.policy, "p", { policy: doc({ Effect: "Allow", Action: [`bedrock:*`, `${s}:*`], Resource: "*" }) })]],
  ["inline policy name", (s) => [r(T.role, "app", { tags: TAGS, assumeRolePolicy: TRUST, inlinePolicies: [{ name: s, policy: doc({ Effect: "Allow", Action: ["bedrock:InvokeModel", "bedrock:PutUseCaseForModelAccess"], Resource: "*" }) }] })]],
  ["managed policy ARN", (s) => [r(T.role, "app", { tags: TAGS, assumeRolePolicy: TRUST, managedPolicyArns: [`arn:aws:iam::aws:policy/${s}`, `arn:aws:iam::${ACCOUNT}:policy/${s}`, "arn:aws:iam::aws:policy/AmazonBedrockFullAccess"] })]],
  ["attachment role name", (s) => [r(T.rolePolicyAttachment, "att", { role: s, policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }), r(T.role, "x", { name: s, tags: TAGS, assumeRolePolicy: TRUST })]],
  ["tag value (environment)", (s) => [
    r(T.secret, "openai", { name: "prod/openai", arn: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/openai-AbCdEf`, tags: { ...TAGS, env: s } }),
    r(T.role, "reader", { tags: { ...TAGS, env: "prod" }, assumeRolePolicy: TRUST, inlinePolicies: [{ name: "read", policy: doc({ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "*" }) }] }),
  ]],
  ["tag key", (s) => [r(T.role, "app", { tags: { [s]: "x" }, assumeRolePolicy: TRUST })]],
  ["map key (environment variable name)", (s) => [r(T.lambdaFunction, "fn", { role: "app", environment: { variables: { [s]: "sk-proj-PLANTEDabcdefghijklmnopqrstuvwxyz0123", TOKEN: s } } })]],
  ["nested value", (s) => [r(T.ssmParameter, "param", { type: "String", value: JSON.stringify({ deep: [{ key: s }] }) })]],
  ["rotation schedule", (s) => [
    r(T.secret, "openai", { name: "prod/openai", arn: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/openai-AbCdEf`, kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/k", tags: TAGS }),
    r(T.secretRotation, "rot", { secretId: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/openai-AbCdEf`, rotationLambdaArn: "arn:aws:lambda:us-east-1:123456789012:function:f", rotationRules: { scheduleExpression: `cron(${s})` } }),
  ]],
  ["break-glass lambda name", (s) => [
    r(T.role, "break-glass", { name: "break-glass", tags: TAGS, assumeRolePolicy: TRUST }),
    r(T.lambdaFunction, s, { role: "break-glass" }),
  ]],
  ["secret name (AI secret keyword)", (s) => [r(T.secret, "k", { name: `openai/${s}`, tags: TAGS })]],
  ["policy document as a whole", (s) => [r(T.policy, "p", { policy: s })]],
  ["trust principal service", (s) => [r(T.role, "svc", { tags: TAGS, assumeRolePolicy: doc({ Effect: "Allow", Principal: { Service: s, AWS: s }, Action: "sts:AssumeRole" }) })]],
  ["pod identity namespace", (s) => [
    r(T.role, "break-glass", { name: "break-glass", tags: TAGS, assumeRolePolicy: TRUST }),
    r(T.podIdentityAssociation, "pia", { roleArn: "break-glass", namespace: s, serviceAccount: s, clusterName: s }),
  ]],
];

/**
 * Text around the secret: separators, `_` (no word boundary), text glued after it, and long runs that
 * push it across any truncation limit. A letter glued before a key is not planted: nothing can tell
 * where such a key starts (`xAKIA…`), and no rule builds text that way.
 */
const surround = fc.tuple(
  fc.oneof(fc.constantFrom("", "_", "-", "/", ":", " ", "=", "prod_", "OPENAI_API_KEY=", "Bearer "), fc.nat({ max: 2100 }).map((n) => `${"p".repeat(n)}/`)),
  fc.constantFrom("", "x", "_", "/", "*", ":", "Z9", " tail", "-0", "\n"),
);

function report(resources: ResourceModel[]): { texts: string[]; report: Report } {
  const { findings, view } = evaluateStack(resources, ALL_RULES, SETTINGS, NOW);
  const texts = findings.map((f) => format(f));
  const reportFindings = findings.map((f) => fromJudged(f));
  const rep: Report = { command: "scan", input: { kind: "pulumi-stack-export", path: "stack.json" }, resourceCount: resources.length, findings: reportFindings, accessMap: buildAccessMap(view, reportFindings), notes: [] };
  for (const fmt of FORMATS) texts.push(renderReport(rep, fmt));
  return { texts, report: rep };
}

function expectNoLeak(texts: readonly string[], secrets: readonly PlantedSecret[], where: string): void {
  for (const t of texts) {
    const leak = leakIn(t, secrets);
    if (leak) expect.fail(`${leak} leaked (${where}):\n${t.slice(0, 3000)}`);
  }
}

describe("planted secrets never appear in any output", () => {
  it("every match of a loose detector holds one of the literals redact() gates the detectors on", () => {
    const samples = fc.sample(plantedSecret, 3000);
    for (const d of SECRET_DETECTORS.filter((x) => x.redaction !== "exact")) {
      const pattern = new RegExp(d.pattern.source, "gi");
      for (const s of samples) for (const m of s.text.matchAll(pattern)) expect(LOOSE_DETECTOR_HINT.test(m[0]), `${d.kind}: ${m[0].slice(0, 8)}…`).toBe(true);
    }
  });

  it("every match of an exact detector passes the gate redact() and AAG-008 put in front of it", () => {
    const samples = fc.sample(plantedSecret, 3000);
    for (const d of SECRET_DETECTORS.filter((x) => x.redaction === "exact")) {
      const pattern = new RegExp(d.pattern.source, "gi");
      for (const s of samples) for (const m of s.text.matchAll(pattern)) expect(detectorsFor(m[0]).includes(d), `${d.kind}: ${m[0].slice(0, 8)}…`).toBe(true);
    }
    // The label gate asks for a hint word: every label alternative holds one as written.
    for (const alternative of CREDENTIAL_WORD.split("|")) expect(CREDENTIAL_LABEL_HINT.test(alternative.replace(/\[[^\]]*\]\?|\(\?:[^)]*\)\?/g, "")), alternative).toBe(true);
  });

  it("the generators plant every detector kind", () => {
    const samples = fc.sample(plantedSecret, 3000);
    for (const d of SECRET_DETECTORS) expect(samples.some((s) => new RegExp(d.pattern.source).test(s.text)), d.kind).toBe(true);
    expect(samples.some((s) => s.kind === "AWS secret access key")).toBe(true);
  });

  it("a finding is reported for every planted template (the echo paths are exercised)", () => {
    const s = "sk-proj-PLANTEDabcdefghijklmnopqrstuvwxyz0123";
    for (const [label, make] of TEMPLATES) {
      const { findings } = evaluateStack(make(s).map(toModel), ALL_RULES, SETTINGS, NOW);
      expect(findings.length, label).toBeGreaterThan(0);
    }
  });

  it("in targeted places: findings, and the text, markdown, json and sarif reports", () => {
    fc.assert(
      fc.property(fc.constantFrom(...TEMPLATES), plantedSecret, surround, ([label, make], secret, [pre, post]) => {
        const { texts } = report(make(`${pre}${secret.text}${post}`).map(toModel));
        expectNoLeak(texts, [secret], `${label}: ${JSON.stringify(pre)} + ${secret.kind} + ${JSON.stringify(post)}`);
      }),
      fuzzParams(300),
    );
  }, fuzzTimeout());

  it("anywhere in a generated stack (any string value or map key)", () => {
    fc.assert(
      fc.property(stackArb, plantedSecret, surround, fc.nat(), fc.boolean(), (generated, secret, [pre, post], pick, asKey) => {
        const stack = structuredClone(generated); // generated values are reused while shrinking: never mutate them
        const planted = `${pre}${secret.text}${post}`;
        const sites: Array<() => void> = [];
        const walk = (v: unknown, set: (x: unknown) => void): void => {
          if (typeof v === "string") sites.push(() => set(asKey ? v : v.length > 2 && v.startsWith("{") ? v.replace(/"([^"]{2,})"/, JSON.stringify(planted)) : `${v}${planted}`));
          else if (Array.isArray(v)) v.forEach((x, i) => walk(x, (y) => (v[i] = y)));
          else if (v && typeof v === "object") {
            const o = v as Record<string, unknown>;
            for (const k of Object.keys(o)) {
              walk(o[k], (y) => (o[k] = y));
              if (asKey) sites.push(() => {
                o[`${k}${planted}`] = o[k];
                delete o[k];
              });
            }
          }
        };
        for (const g of stack) {
          sites.push(() => (g.name = `${g.name}${planted}`));
          sites.push(() => (g.urn = `${g.urn}${planted}`));
          walk(g.properties, () => undefined);
        }
        sites[pick % sites.length]();
        const { texts } = report(stack.map(toModel));
        expectNoLeak(texts, [secret], `${secret.kind} in a generated stack`);
      }),
      fuzzParams(150),
    );
  }, fuzzTimeout());

  it("through `scan` of a stack export and a Terraform plan written to disk", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aag-fuzz-"));
    try {
      fc.assert(
        fc.property(fc.constantFrom(...TEMPLATES), plantedSecret, surround, fc.boolean(), ([label, make], secret, [pre, post], terraform) => {
          const resources = make(`${pre}${secret.text}${post}`);
          if (terraform) {
            // The CLI loads the adapter from compiled JavaScript at run time; here it is called directly.
            const plan = planJson(resources.map((g, i) => ({ type: tfType(g.type), name: `r${i}`, values: snake(g.properties) })));
            const models = resourcesFromTerraformPlan(JSON.parse(JSON.stringify(plan)));
            const texts = evaluateTerraformResources(models, {}, NOW).map((f) => format(f));
            expectNoLeak([...texts, ...report(models).texts], [secret], `Terraform plan: ${label}`);
            return;
          }
          const file = path.join(dir, "stack.json");
          const json = { version: 3, deployment: { manifest: {}, resources: resources.map((g) => ({ urn: g.urn, custom: true, type: g.type, inputs: g.properties, outputs: g.properties })) } };
          fs.writeFileSync(file, JSON.stringify(json, null, 2));
          const rep = scanFile(file, { settings: SETTINGS, now: NOW });
          expectNoLeak(FORMATS.map((f) => renderReport(rep, f)), [secret], `scan stack export: ${label}`);
        }),
        fuzzParams(60),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, fuzzTimeout());

  it("in configuration errors (levels, settings, waivers)", () => {
    fc.assert(
      fc.property(plantedSecret, surround, fc.constantFrom("level", "key", "policy", "expires", "item"), (secret, [pre, post], where) => {
        const s = `${pre}${secret.text}${post}`;
        const config =
          where === "level" ? { "no-long-lived-access-keys": s }
          : where === "key" ? { "no-long-lived-access-keys": { [s]: 1 } }
          : where === "policy" ? { [s]: "advisory" }
          : where === "expires" ? { "no-long-lived-access-keys": { waivers: [{ resource: "x", reason: "a long enough reason", expires: s }] } }
          : { "no-long-lived-access-keys": { enforcementLevel: s, additionalAiServices: [1, s] } };
        let message = "";
        try {
          resolveConfig(ALL_RULES, config);
        } catch (e) {
          expect(e).toBeInstanceOf(ConfigError);
          message = (e as Error).message;
        }
        expect(message).not.toBe("");
        expectNoLeak([message], [secret], `config ${where}`);
      }),
      fuzzParams(150),
    );
  }, fuzzTimeout());

  it("redact() itself removes every planted kind, in any surroundings", () => {
    fc.assert(
      fc.property(plantedSecret, surround, fc.constantFrom("as-is", "lower", "upper"), (secret, [pre, post], kase) => {
        const text = `${pre}${secret.text}${post}`;
        const shown = kase === "lower" ? text.toLowerCase() : kase === "upper" ? text.toUpperCase() : text;
        expectNoLeak([redact(shown)], [secret], `${kase} ${JSON.stringify(pre)}+${secret.kind}+${JSON.stringify(post)}`);
      }),
      fuzzParams(1000),
    );
  }, fuzzTimeout());
});

// --- minimal Pulumi → Terraform shape for the scan property (types the adapter maps) ------------
const TF: Record<string, string> = {
  [T.accessKey]: "aws_iam_access_key", [T.policy]: "aws_iam_policy", [T.role]: "aws_iam_role", [T.rolePolicy]: "aws_iam_role_policy",
  [T.rolePolicyAttachment]: "aws_iam_role_policy_attachment", [T.secret]: "aws_secretsmanager_secret", [T.secretRotation]: "aws_secretsmanager_secret_rotation",
  [T.lambdaFunction]: "aws_lambda_function", [T.ssmParameter]: "aws_ssm_parameter", [T.podIdentityAssociation]: "aws_eks_pod_identity_association",
};
function tfType(t: string): string {
  return TF[t] ?? "aws_s3_bucket";
}
function snake(v: unknown): Record<string, unknown> {
  // Attribute names become snake_case; keys of user-keyed maps (environment variables, tags) are
  // the user's own and Terraform keeps them verbatim.
  const USER_MAPS = new Set(["variables", "tags", "tags_all"]);
  const conv = (x: unknown, userKeyed = false): unknown => {
    if (Array.isArray(x)) return x.map((y) => conv(y));
    if (x && typeof x === "object")
      return Object.fromEntries(
        Object.entries(x).map(([k, y]) => {
          const key = userKeyed ? k : k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
          return [key, userKeyed ? y : conv(y, USER_MAPS.has(key))];
        }),
      );
    return x;
  };
  const out = conv(v) as Record<string, unknown>;
  // Terraform nests inline policies as blocks and rotation rules as a one-element list.
  if (Array.isArray(out.inline_policies)) out.inline_policy = out.inline_policies, delete out.inline_policies;
  if (out.rotation_rules && !Array.isArray(out.rotation_rules)) out.rotation_rules = [out.rotation_rules];
  if (out.environment && !Array.isArray(out.environment)) out.environment = [out.environment];
  return out;
}
void MODEL_ARN;
